// Package ledger loads a ledger directory (the catalog file, the numbered proposals and the
// cross-cutting proposals) and aggregates it into the catalog's reports, with decimals only.
package ledger

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/budget-ledger/budget/pkg/atomicfile"
	"github.com/budget-ledger/budget/pkg/cache"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// CatalogFile is the catalog's file name at the ledger root.
const CatalogFile = "catalog.yaml"

// CrossCuttingDir holds the cross-cutting proposals.
const CrossCuttingDir = "cross-cutting"

// Ledger is a loaded ledger. Files that failed to parse or to match their schema are left out
// of it and reported in the diagnostics Load returns; the zero value is an empty ledger.
type Ledger struct {
	Catalog      *proposal.Catalog
	Proposals    []*proposal.Proposal     // by number
	CrossCutting []*proposal.CrossCutting // by title
	// Display is the prefix of the file names in diagnostics (LoadWith's display).
	Display string
	// Docs are every file that parsed, by file name, for showing source lines and for checks.
	Docs map[string]*proposal.Document
	// Sheets are the Sheets of the proposals and cross-cutting proposals, by file name, laid
	// out as each file was loaded; none when it was loaded with ModelTables.
	Sheets map[string]*Sheet
	// Model is what the ledger kept of each file (Options.Model).
	Model Model
	// Budget is the budget year of a ledger of budget folders (LoadBudget), 0 for the
	// one-catalog layout; Budgets are the budgets its folder holds, by year.
	Budget  int
	Budgets []int
	// Earlier are the earlier budgets whose rising profiles reach the target's year, by year,
	// loaded with ModelTables (LoadBudget).
	Earlier []*Ledger
	// others are the earlier budgets loaded with it, by year: Earlier and those its proposals
	// continue.
	others map[int]*Ledger

	computed computedTables // Table 2, Table 1 and the target, at first use (see run.go)
	// fromCache counts the files whose results came from the cache (Options.Cache), for tests.
	fromCache int
}

// Source returns line n of a file by the name diagnostics use, where the file kept it: the
// lines its diagnostics point at (diag.Sources).
func (l *Ledger) Source(file string, n int) ([]byte, bool) {
	if d := l.Docs[file]; d != nil {
		return d.Line(n)
	}
	for _, e := range l.others {
		if d := e.Docs[file]; d != nil {
			return d.Line(n)
		}
	}
	return nil, false
}

// Rel returns the path inside the ledger of a file named as diagnostics name it: without the
// Display prefix, whatever the ledger's folder is called.
func (l *Ledger) Rel(file string) string {
	if l.Display == "" || l.Display == "." {
		return file
	}
	if rel, ok := strings.CutPrefix(file, l.Display+"/"); ok {
		return rel
	}
	return file
}

// File is one file as its worker holds it while loading: for the per-file checks
// (Options.Check), which may point anywhere in it.
type File struct {
	// Doc reads the file's node tree; Parsed is the parse itself.
	Doc    *proposal.Document
	Parsed *proposal.Parsed
	// At most one of Proposal, CrossCutting and OwnCatalog is set: the file decoded; Sheet is
	// the Sheet of a Proposal or CrossCutting.
	Proposal     *proposal.Proposal
	CrossCutting *proposal.CrossCutting
	OwnCatalog   *proposal.Catalog
	Sheet        *Sheet
	// Catalog is the ledger's catalog, loaded before every other file; nil when it did not load.
	Catalog *proposal.Catalog
}

// Options tune Load; the zero value loads with the default limits on every core.
type Options struct {
	// Limits bound each file; zero fields take proposal.DefaultLimits.
	Limits proposal.Limits
	// MaxFiles bounds how many data files the ledger may hold; 0 means DefaultMaxFiles.
	MaxFiles int
	// Workers is how many files are read and parsed at once; 0 means GOMAXPROCS.
	Workers int
	// Check runs the checks of one file in the worker that loads it, while the file's tree is
	// at hand (check.File); its diagnostics join the file's own. nil runs none. It must keep
	// nothing of the tree (f.Doc, f.Parsed, a node) past its return: the nodes go back to a
	// pool for the next file once the file is loaded (proposal.Parsed.Release).
	Check func(f *File) diag.List
	// Values keeps each document's JSON values, whole, and a hash of its text, for a reader of
	// every value of two ledgers (budget diff).
	Values bool
	// Model says what the ledger keeps of each proposal once its worker has checked it: the
	// whole model and its Sheet (ModelAll, the zero value), or what Table 1, Table 2, the target
	// and the checks across files read (ModelTables), so that memory holds the tables, not every
	// proposal's own pages.
	Model Model
	// Cache keeps each file's result between runs, so that a file unchanged since is not read,
	// parsed or checked again (see Cache); the zero value keeps none. Check must then depend on
	// the File alone, and change only with the program's build.
	Cache Cache
}

// DefaultMaxFiles is four times the largest ledger planned for (100 municipalities, 50
// proposals, 10 years): enough for real use, and a stop for a runaway folder.
const DefaultMaxFiles = 200_000

func (o Options) withDefaults() Options {
	o.Limits = o.Limits.OrDefault()
	if o.MaxFiles <= 0 {
		o.MaxFiles = DefaultMaxFiles
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// Model is how much of each proposal a loaded ledger keeps (Options.Model).
type Model int

const (
	// ModelAll keeps every field of every file and each proposal's Sheet: for show, report,
	// export and diff, which print them.
	ModelAll Model = iota
	// ModelTables keeps of a proposal its identity (number, title, committee, kind, approval,
	// file) and its catalog row, and of a cross-cutting proposal its shares: what Table 1,
	// Table 2, the target and the checks across files read. Its own tables, texts and Sheet are
	// checked in the worker and dropped, so that memory holds the tables rather than every
	// proposal's pages. Sheet and CrossCuttingSheet refuse such a ledger.
	ModelTables
)

// tablesOnly is what ModelTables keeps of a proposal: a new value, the worker's own is dropped.
func tablesOnly(p *proposal.Proposal) *proposal.Proposal {
	return &proposal.Proposal{Doc: p.Doc, Schema: p.Schema, Number: p.Number, Title: p.Title, Committee: p.Committee,
		Kind: p.Kind, ApprovedWith: p.ApprovedWith, Continues: p.Continues, Catalog: p.Catalog}
}

// TooManyFilesError is Load's error for a ledger over Options.MaxFiles; it stops the walk at the
// first file past the limit, before anything is read.
type TooManyFilesError struct {
	Dir   string
	Limit int
}

func (e *TooManyFilesError) Error() string { return e.text().String() }

// In words the error in l.
func (e *TooManyFilesError) In(l msg.Lang) string { return e.text().In(l) }

func (e *TooManyFilesError) text() msg.Text {
	return msg.Newf("%s holds more than %d data files, the limit (raise it with --max-files or BUDGET_MAX_FILES)", e.Dir, e.Limit)
}

// Load reads every *.yaml file below the root of fsys with the default Options.
func Load(fsys fs.FS, display string) (*Ledger, diag.List, error) {
	return LoadWith(fsys, display, Options{})
}

// LoadWith reads every *.yaml file below the root of fsys. display is prefixed to file names in
// diagnostics (e.g. "proposals"). The error is for I/O trouble and a ledger over the file limit;
// problems in the data are diagnostics.
//
// Files are read, parsed, validated and decoded on opts.Workers goroutines, each file on its
// own; the results are then joined in file-name order, so the ledger and its diagnostics are
// the same whatever the scheduling.
func LoadWith(fsys fs.FS, display string, opts Options) (*Ledger, diag.List, error) {
	start := time.Now() // before any stat: what the pack written at the end trusts (cache.Settled)
	opts = opts.withDefaults()
	listing, ds, err := walk(fsys, display, opts.MaxFiles)
	if err != nil {
		return nil, nil, err
	}
	files := listing.Files
	loaded := make([]loadedFile, len(files))
	fc := openCache(display, opts, start)
	load := func(i int, catalog *proposal.Catalog, dep [sha256.Size]byte) loadedFile {
		if fc == nil {
			return loadFile(fsys, files[i], path.Join(display, files[i]), opts, catalog)
		}
		return fc.load(fsys, files[i], path.Join(display, files[i]), opts, catalog, dep)
	}
	// The catalog is loaded first, on its own, so that every other file's checks see it; every
	// other file's cached result is tied to the catalog's content (dep).
	var catalog *proposal.Catalog
	var dep [sha256.Size]byte
	first := slices.Index(files, CatalogFile)
	if first >= 0 {
		loaded[first] = load(first, nil, dep)
		catalog, dep = loaded[first].catalog, loaded[first].sum
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(opts.Workers, len(files)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				if i != first {
					loaded[i] = load(i, catalog, dep)
				}
			}
		})
	}
	wg.Wait()
	trace("join")
	if fc != nil {
		_ = fc.save(files, loaded) // a cache that cannot be written changes nothing of the run
		trace("cache")
	}

	l, ds := joinFiles(display, opts.Model, files, ds, func(i int) *loadedFile { return &loaded[i] })
	for i := range loaded {
		if loaded[i].cache.hit {
			l.fromCache++
		}
	}
	return l, ds, nil
}

// Files lists the data files (*.yaml, *.yml) below the root of fsys, sorted, at most
// opts.MaxFiles of them. A symbolic link is reported, not followed: it could lead out of the
// ledger; so is anything that is not a regular file (a pipe would block a reader), and every
// other surprise of Walk.
func Files(fsys fs.FS, display string, opts Options) ([]string, diag.List, error) {
	l, ds, err := walk(fsys, display, opts.withDefaults().MaxFiles)
	return l.Files, ds, err
}

// Listing is what a walk of a ledger folder found; paths are relative to its root.
type Listing struct {
	// Files are the data files, sorted.
	Files []string
	// Leftovers are the temporary files that an interrupted write left beside a data file (see
	// atomicfile.Leftover), sorted; each is also reported as a warning.
	Leftovers []string
}

// Walk lists the folder as Files does, with the leftovers of interrupted writes, for a command
// that removes them. Nothing it finds goes unsaid: a symbolic link, a pipe or device named like a
// data file, a folder named like one, a name ending in .YAML or .Yml (not read), a temporary file
// left behind, and a folder that cannot be read are each a diagnostic.
func Walk(fsys fs.FS, display string, opts Options) (Listing, diag.List, error) {
	return walk(fsys, display, opts.withDefaults().MaxFiles)
}

// ReadFile reads the data file rel of fsys within lim's size, as Load does: a larger file is
// refused from its size, unread. name is the file's name in diagnostics.
func ReadFile(fsys fs.FS, rel, name string, lim proposal.Limits) ([]byte, *diag.Diagnostic) {
	src, _, bad := readStat(fsys, rel, name, lim)
	return src, bad
}

// readStat is ReadFile that also returns the file's stat data, as the open file gave it before
// it was read, for the cache's entry (the zero Stat where the file system keeps none).
func readStat(fsys fs.FS, rel, name string, lim proposal.Limits) ([]byte, cache.Stat, *diag.Diagnostic) {
	lim = lim.OrDefault()
	src, info, err := readLimited(fsys, rel, lim.MaxFileSize)
	if err == nil {
		st, _ := cache.StatOf(info)
		return src, st, nil
	}
	var big *tooLarge
	if errors.As(err, &big) {
		d := proposal.FileTooLarge(name, big.size, lim)
		return nil, cache.Stat{}, &d
	}
	d := diag.Newf(diag.Pos{File: name}, diag.Error, "", "read", "cannot read file: %v", unwrapPath(err))
	return nil, cache.Stat{}, &d
}

// walk is Walk with a limit: it stops at the first file past maxFiles, before any is read.
func walk(fsys fs.FS, display string, maxFiles int) (Listing, diag.List, error) {
	var l Listing
	var ds diag.List
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		at := diag.Pos{File: path.Join(display, p)}
		if err != nil {
			if p == "." || e == nil {
				return err // the ledger itself cannot be read
			}
			// A folder that cannot be listed is reported, and the rest of the ledger still read.
			ds.Errorf(at, "", "read", "cannot read folder: %v", unwrapPath(err))
			return fs.SkipDir
		}
		name := e.Name()
		if e.Type()&fs.ModeSymlink != 0 {
			ds.Errorf(at, "", "symlink", "symbolic links are not followed: put the file itself in the ledger")
			return nil
		}
		if target, ok := atomicfile.Leftover(name); ok && IsDataFile(target) && !e.IsDir() {
			l.Leftovers = append(l.Leftovers, p)
			ds.Warnf(at, "", "leftover", "temporary file of an interrupted write of %s: budget fmt removes it", target)
			return nil
		}
		if !IsDataFile(name) {
			if ext := path.Ext(name); !e.IsDir() && (strings.EqualFold(ext, ".yaml") || strings.EqualFold(ext, ".yml")) {
				ds.Errorf(at, "", "file-name", "not read: a data file's name ends in .yaml or .yml, in lower case, not %s", ext)
			}
			return nil
		}
		if e.IsDir() {
			if p != "." {
				ds.Warnf(at, "", "file-name", "a folder named like a data file: its files are read, but rename it so that it is not taken for one")
			}
			return nil
		}
		if !e.Type().IsRegular() {
			ds.Errorf(at, "", "read", "not a regular file (a device, pipe or socket): put the file itself in the ledger")
			return nil
		}
		if len(l.Files) == maxFiles {
			return &TooManyFilesError{Dir: display, Limit: maxFiles}
		}
		l.Files = append(l.Files, p)
		return nil
	})
	if err != nil {
		return Listing{}, nil, err
	}
	slices.Sort(l.Files)
	slices.Sort(l.Leftovers)
	return l, ds, nil
}

// IsDataFile tells whether a file name is that of a data file: it ends in .yaml or .yml.
func IsDataFile(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// withoutEchoes drops the schema's findings at a value the parser refused (an alias, nesting
// too deep, a YAML tag): the value stands in as null there (or as its text, for a tag), and
// "got null, want ..." would only repeat the error already reported at the same place.
func withoutEchoes(parsed, schema diag.List) diag.List {
	var refused []string
	for _, d := range parsed {
		if d.Severity == diag.Error && d.Path != "" && (d.Code == "alias" || d.Code == "too-deep" || d.Code == "tag") {
			refused = append(refused, d.Path)
		}
	}
	if len(refused) == 0 {
		return schema
	}
	var out diag.List
	for _, d := range schema {
		if slices.ContainsFunc(refused, func(p string) bool { return d.Path == p || strings.HasPrefix(d.Path, p+".") }) {
			continue
		}
		out = append(out, d)
	}
	return out
}

func hasFile(files []string, name string) bool { return slices.Contains(files, name) }

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadedFile is what loading one file gave: its kept document (nil when it did not parse), its
// diagnostics, at most one decoded model value and its Sheet.
type loadedFile struct {
	doc          *proposal.Document
	ds           diag.List
	catalog      *proposal.Catalog
	crossCutting *proposal.CrossCutting
	proposal     *proposal.Proposal
	sheet        *Sheet
	// sum is the sha256 of the file's content, where the cache read or vouched for it.
	sum   [sha256.Size]byte
	cache cached
}

// loadFile reads one file within the limits, parses it, validates it against the schema its
// place in the ledger calls for, decodes it, lays out its Sheet and runs its checks
// (opts.Check), each once; then it keeps of the file what later steps need (Parsed.Keep) and
// drops the rest. catalog is the ledger's, loaded before. It touches nothing shared, so files
// load in parallel.
func loadFile(fsys fs.FS, rel, name string, opts Options, catalog *proposal.Catalog) loadedFile {
	src, bad := ReadFile(fsys, rel, name, opts.Limits)
	if bad != nil {
		var out loadedFile
		out.ds.Add(*bad)
		return out
	}
	return loadSource(src, rel, name, opts, catalog)
}

// loadSource is loadFile of the file's content, read.
func loadSource(src []byte, rel, name string, opts Options, catalog *proposal.Catalog) loadedFile {
	var out loadedFile
	// The loader's is the only reference to src, and it never changes it: the tree reads src
	// itself, and its nodes go back to their pool once Keep has taken what the ledger keeps.
	parsed, ds := proposal.ParseLoaded(name, src, opts.Limits)
	out.ds = ds
	if parsed == nil {
		return out
	}
	kind := KindOf(rel)
	f := &File{Doc: parsed.Document(), Parsed: parsed, Catalog: catalog}
	out.ds = append(out.ds, withoutEchoes(ds, parsed.Validate(kind))...)
	out.decode(f, kind)
	f.Sheet = sheetOf(catalog, f.Proposal, f.CrossCutting)
	if opts.Check != nil && (f.Proposal != nil || f.CrossCutting != nil || f.OwnCatalog != nil) {
		out.ds = append(out.ds, opts.Check(f)...)
	}
	// The catalog's tables and intro are compared with the proposals only when no file has an
	// error: a catalog that has one is indexed as any file, so that a hostile one costs no more.
	keep := proposal.KeepOptions{All: kind == "catalog" && !out.ds.HasErrors(), Acks: acks(f, out.ds), Values: opts.Values}
	for _, d := range out.ds {
		if d.Pos.File == name {
			keep.Lines = append(keep.Lines, d.Pos.Line)
		}
	}
	out.doc = parsed.Keep(keep)
	// Nothing below reads the tree, and nothing kept holds a node of it: f.Doc reads the tree,
	// and every model value now points at the kept Document.
	parsed.Release()
	switch {
	case f.Proposal != nil:
		f.Proposal.Doc, out.proposal = out.doc, f.Proposal
	case f.CrossCutting != nil:
		f.CrossCutting.Doc, out.crossCutting = out.doc, f.CrossCutting
	case f.OwnCatalog != nil:
		f.OwnCatalog.Doc, out.catalog = out.doc, f.OwnCatalog
	}
	if opts.Model == ModelTables {
		if out.proposal != nil {
			out.proposal = tablesOnly(out.proposal)
		}
		if out.crossCutting != nil {
			x := *out.crossCutting
			x.Acknowledged = nil // the Document holds them
			out.crossCutting = &x
		}
		return out
	}
	out.sheet = f.Sheet
	return out
}

// sheetOf lays out the Sheet of a decoded proposal p or cross-cutting proposal x against the
// ledger's catalog; nil for neither.
func sheetOf(catalog *proposal.Catalog, p *proposal.Proposal, x *proposal.CrossCutting) *Sheet {
	l := &Ledger{Catalog: catalog}
	var s Sheet
	switch {
	case p != nil:
		s = l.Sheet(p)
	case x != nil:
		s = l.CrossCuttingSheet(x)
	default:
		return nil
	}
	return &s
}

// decode decodes the file into the model its kind calls for, where it can be: a file that
// breaks its schema is still decoded, so that one unknown field does not hide its other
// problems; one that cannot be decoded is left out of the ledger.
func (out *loadedFile) decode(f *File, kind string) {
	var limited bool
	if out.ds, limited = out.ds.LimitErrors(false); limited {
		return // a file of more errors than are shown is not read further: its checks would only add to them
	}
	doc := f.Parsed
	if !doc.Decodable() {
		return // decoding would expand the aliases or merge keys that were refused
	}
	if doc.Oversized() && out.ds.HasErrors() {
		return // a mapping of untold keys where the schema wants an object: decoding it is quadratic
	}
	var err error
	switch kind {
	case "catalog":
		c := &proposal.Catalog{Doc: f.Doc}
		if err = doc.Decode(c); err == nil {
			f.OwnCatalog = c
		}
	case "crosscutting":
		c := &proposal.CrossCutting{Doc: f.Doc}
		if err = doc.Decode(c); err == nil {
			f.CrossCutting = c
		}
	default:
		p := &proposal.Proposal{Doc: f.Doc}
		if err = doc.Decode(p); err == nil {
			f.Proposal = p
		}
	}
	if err != nil && !out.ds.HasErrors() {
		out.ds.Errorf(diag.Pos{File: f.Doc.File, Line: 1, Column: 1}, "", "schema", "cannot read file: %v", err)
	}
}

// acks reads the file's acknowledgements: from the decoded model where the schema holds them to
// its shape (no diagnostic of the file is at them), else from the JSON values, so that they
// apply even to a file that did not decode; only those with a check and a place count.
func acks(f *File, ds diag.List) []proposal.Ack {
	var typed []proposal.Acknowledgement
	decoded := true
	switch {
	case f.Proposal != nil:
		typed = f.Proposal.Acknowledged
	case f.CrossCutting != nil:
		typed = f.CrossCutting.Acknowledged
	case f.OwnCatalog != nil:
		typed = f.OwnCatalog.Acknowledged
	default:
		decoded = false
	}
	for _, d := range ds {
		if d.Path == "acknowledged" || strings.HasPrefix(d.Path, "acknowledged.") {
			decoded = false
		}
	}
	if !decoded {
		typed = nil
		top, _ := f.Parsed.Value().(map[string]any)
		list, _ := top["acknowledged"].([]any)
		for _, item := range list {
			m, _ := item.(map[string]any)
			var a proposal.Acknowledgement
			a.Check, _ = m["check"].(string)
			a.At, _ = m["at"].(string)
			a.Reason, _ = m["reason"].(string)
			typed = append(typed, a)
		}
	}
	var out []proposal.Ack
	for i, a := range typed {
		if a.Check != "" && a.At != "" {
			out = append(out, proposal.Ack{Acknowledgement: a, Index: i, Named: f.Parsed.Names(a.At)})
		}
	}
	return out
}

// tooLarge is readLimited's error for a file over the size limit.
type tooLarge struct{ size int64 }

func (e *tooLarge) Error() string { return fmt.Sprintf("file is %d bytes", e.size) }

// readLimited reads a file of at most max bytes. A larger one is refused from its size before
// any of it is read, and a file that grows while it is read is cut off one byte past the limit,
// so a hostile file never costs more than the limit in memory.
func readLimited(fsys fs.FS, name string, max int64) ([]byte, fs.FileInfo, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if st.Size() > max {
		return nil, nil, &tooLarge{size: st.Size()}
	}
	// Read what the size says, and one byte more to see whether the file goes on: one that grows
	// while it is read, or a device that does not know its size, is read on up to the limit.
	buf := make([]byte, st.Size()+1)
	n, err := io.ReadFull(f, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return buf[:n], st, nil
	case err != nil:
		return nil, nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(f, max+1-int64(n)))
	if err != nil {
		return nil, nil, err
	}
	if total := int64(n + len(rest)); total > max {
		return nil, nil, &tooLarge{size: total}
	}
	return append(buf, rest...), st, nil
}

// KindOf tells which schema a file at rel (relative to the ledger root) follows.
func KindOf(rel string) string {
	switch {
	case rel == CatalogFile:
		return "catalog"
	case strings.HasPrefix(rel, CrossCuttingDir+"/"):
		return "crosscutting"
	}
	return "proposal"
}
