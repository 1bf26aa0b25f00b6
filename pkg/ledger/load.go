// Package ledger loads a ledger directory (the catalog file, the numbered proposals and the
// cross-cutting proposals) and aggregates it into the catalog's reports, with decimals only.
package ledger

import (
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

	"github.com/budget-ledger/budget/pkg/atomicfile"
	"github.com/budget-ledger/budget/pkg/diag"
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
	// Docs are every file that parsed, by file name, for showing source lines and for checks.
	Docs map[string]*proposal.Document
}

// Source returns the text of a file by the name diagnostics use, or nil.
func (l *Ledger) Source(file string) []byte {
	if d := l.Docs[file]; d != nil {
		return d.Text()
	}
	return nil
}

// Options tune Load; the zero value loads with the default limits on every core.
type Options struct {
	// Limits bound each file; zero fields take proposal.DefaultLimits.
	Limits proposal.Limits
	// MaxFiles bounds how many data files the ledger may hold; 0 means DefaultMaxFiles.
	MaxFiles int
	// Workers is how many files are read and parsed at once; 0 means GOMAXPROCS.
	Workers int
	// KeepBytes is the most bytes of file text whose texts and node trees are kept once loaded:
	// they cost little in a small ledger, where each file with a finding (most of the real
	// catalog's) would otherwise be read and parsed again for its position. Past it, each further
	// file drops them once validated and decoded, so that memory is bounded by the files in
	// flight and the decoded model, however many and however large the files are. 0 means
	// DefaultKeepBytes; a negative value drops them always.
	KeepBytes int64
}

// DefaultKeepBytes is KeepBytes's default: the texts of about 1,200 files like the bundled ones
// (6.7 kB), with trees of about 15 times their size, about 120 MB; or two files of the largest
// size allowed.
const DefaultKeepBytes = 8 << 20

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
	if o.KeepBytes == 0 {
		o.KeepBytes = DefaultKeepBytes
	}
	return o
}

// TooManyFilesError is Load's error for a ledger over Options.MaxFiles; it stops the walk at the
// first file past the limit, before anything is read.
type TooManyFilesError struct {
	Dir   string
	Limit int
}

func (e *TooManyFilesError) Error() string {
	return fmt.Sprintf("%s holds more than %d data files, the limit (raise it with --max-files or BUDGET_MAX_FILES)", e.Dir, e.Limit)
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
	opts = opts.withDefaults()
	go proposal.PrepareSchemas() // ~5 ms, while the folder is walked and the first files read
	listing, ds, err := walk(fsys, display, opts.MaxFiles)
	if err != nil {
		return nil, nil, err
	}
	files := listing.Files
	loaded := make([]loadedFile, len(files))
	// kept counts the bytes of text kept so far: which files keep theirs depends on the order
	// they are read in, what the ledger and its diagnostics say does not.
	var kept atomic.Int64
	keep := func(n int) bool {
		if kept.Add(int64(n)) <= opts.KeepBytes {
			return true
		}
		kept.Add(-int64(n)) // a smaller file may still fit
		return false
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(opts.Workers, len(files)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				loaded[i] = loadFile(fsys, files[i], path.Join(display, files[i]), opts.Limits, keep)
			}
		})
	}
	wg.Wait()
	trace("join")

	l := &Ledger{Docs: make(map[string]*proposal.Document, len(files))}
	for i := range loaded {
		f := &loaded[i]
		ds = append(ds, f.ds...)
		if f.doc != nil {
			l.Docs[f.doc.File] = f.doc
		}
		switch {
		case f.catalog != nil:
			l.Catalog = f.catalog
		case f.crossCutting != nil:
			l.CrossCutting = append(l.CrossCutting, f.crossCutting)
		case f.proposal != nil:
			l.Proposals = append(l.Proposals, f.proposal)
		}
	}
	if l.Catalog == nil && !hasFile(files, CatalogFile) {
		ds.Errorf(diag.Pos{File: path.Join(display, CatalogFile)}, "", "no-catalog",
			"the ledger has no %s: it names the committees and years every proposal refers to", CatalogFile)
	}
	slices.SortStableFunc(l.Proposals, func(a, b *proposal.Proposal) int { return a.Number - b.Number })
	slices.SortStableFunc(l.CrossCutting, func(a, b *proposal.CrossCutting) int { return strings.Compare(a.Title, b.Title) })
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
	lim = lim.OrDefault()
	src, err := readLimited(fsys, rel, lim.MaxFileSize)
	if err == nil {
		return src, nil
	}
	var big *tooLarge
	if errors.As(err, &big) {
		d := proposal.FileTooLarge(name, big.size, lim)
		return nil, &d
	}
	return nil, &diag.Diagnostic{Pos: diag.Pos{File: name}, Severity: diag.Error, Code: "read",
		Message: fmt.Sprintf("cannot read file: %v", unwrapPath(err))}
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

// loadedFile is what loading one file gave: its document (nil when it did not parse), its
// diagnostics, and at most one decoded model value.
type loadedFile struct {
	doc          *proposal.Document
	ds           diag.List
	catalog      *proposal.Catalog
	crossCutting *proposal.CrossCutting
	proposal     *proposal.Proposal
}

// loadFile reads one file within the limits, parses it, validates it against the schema its
// place in the ledger calls for and decodes it; unless keep allows its size, it then drops the
// file's text and tree, to be read again if a check needs a position. It touches nothing shared
// but keep, so files load in parallel.
func loadFile(fsys fs.FS, rel, name string, lim proposal.Limits, keep func(int) bool) loadedFile {
	var out loadedFile
	src, bad := ReadFile(fsys, rel, name, lim)
	if bad != nil {
		out.ds.Add(*bad)
		return out
	}
	doc, ds := proposal.ParseLimited(name, src, lim)
	out.ds = ds
	if doc == nil {
		return out
	}
	out.doc = doc
	if !keep(len(src)) {
		doc.SetReread(func() ([]byte, error) { return readLimited(fsys, rel, lim.MaxFileSize) })
		defer doc.Release()
	}
	kind := KindOf(rel)
	out.ds = append(out.ds, withoutEchoes(ds, doc.Validate(kind))...)
	var limited bool
	if out.ds, limited = out.ds.LimitErrors(false); limited {
		return out // a file of more errors than are shown is not read further: its checks would only add to them
	}
	if !doc.Decodable() {
		return out // decoding would expand the aliases or merge keys that were refused
	}
	if doc.Oversized() && out.ds.HasErrors() {
		return out // a mapping of untold keys where the schema wants an object: decoding it is quadratic
	}
	// A file that breaks its schema is still decoded where it can be, so that one unknown field
	// does not hide its other problems; one that cannot be decoded is left out of the ledger.
	var err error
	switch kind {
	case "catalog":
		c := &proposal.Catalog{Doc: doc}
		if err = doc.Root.Decode(c); err == nil {
			out.catalog = c
		}
	case "crosscutting":
		c := &proposal.CrossCutting{Doc: doc}
		if err = doc.Root.Decode(c); err == nil {
			out.crossCutting = c
		}
	default:
		p := &proposal.Proposal{Doc: doc}
		if err = doc.Root.Decode(p); err == nil {
			out.proposal = p
		}
	}
	if err != nil && !out.ds.HasErrors() {
		out.ds.Errorf(diag.Pos{File: name, Line: 1, Column: 1}, "", "schema", "cannot read file: %v", err)
	}
	return out
}

// tooLarge is readLimited's error for a file over the size limit.
type tooLarge struct{ size int64 }

func (e *tooLarge) Error() string { return fmt.Sprintf("file is %d bytes", e.size) }

// readLimited reads a file of at most max bytes. A larger one is refused from its size before
// any of it is read, and a file that grows while it is read is cut off one byte past the limit,
// so a hostile file never costs more than the limit in memory.
func readLimited(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > max {
		return nil, &tooLarge{size: st.Size()}
	}
	// Read what the size says, and one byte more to see whether the file goes on: one that grows
	// while it is read, or a device that does not know its size, is read on up to the limit.
	buf := make([]byte, st.Size()+1)
	n, err := io.ReadFull(f, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return buf[:n], nil
	case err != nil:
		return nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(f, max+1-int64(n)))
	if err != nil {
		return nil, err
	}
	if total := int64(n + len(rest)); total > max {
		return nil, &tooLarge{size: total}
	}
	return append(buf, rest...), nil
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
