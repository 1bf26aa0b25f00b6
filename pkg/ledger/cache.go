package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"

	"github.com/budget-ledger/budget/pkg/binenc"
	"github.com/budget-ledger/budget/pkg/cache"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/budget-ledger/budget/schema"
)

// Cache says where Load keeps each file's result between runs (Options.Cache). The zero value
// keeps none.
//
// A file's result is what its worker gives (loadFile): its kept Document, its diagnostics and
// its decoded model value, as Options.Model trims it; a Sheet is laid out again from the model
// value and the catalog, which takes microseconds and no reading. An entry is used for a file
// whose stat data is the entry's and settled (cache.Pack.Trusted), or else whose content hashes
// to the entry's, and only where it was computed against the same catalog content (Dep). Every
// other input of a result is in the pack's key: the program's build (cache.Tool), the schemas,
// the options (Model, Values, Check given or not, the limits) and the display prefix. Checks
// across files and every report are computed anew from the results each run.
type Cache struct {
	// Dir is the folder of the packs; "" keeps no cache.
	Dir string
	// Ledger names the ledger's pack, one a ledger and set of options: its folder's absolute path.
	Ledger string
}

// fileCache is a load's use of its pack.
type fileCache struct {
	dir, name string
	key       [sha256.Size]byte
	pack      *cache.Pack
	start     time.Time
}

// schemaSum is the sha256 of the embedded schemas, part of every pack's key: computed once a
// process, not at each load (a ledger of budget folders loads several).
var schemaSum = sync.OnceValue(func() [sha256.Size]byte {
	h := sha256.New()
	_ = fs.WalkDir(schema.Files, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := fs.ReadFile(schema.Files, p)
			fmt.Fprintf(h, "%s %d\n", p, len(b))
			h.Write(b)
		}
		return nil
	})
	return [sha256.Size]byte(h.Sum(nil))
})

// openCache opens the pack of the ledger, or returns nil where opts keep no cache or the
// program's build cannot be told (cache.Tool).
func openCache(display string, opts Options, start time.Time) *fileCache {
	if opts.Cache.Dir == "" {
		return nil // --no-cache: not even the executable's build ID is read
	}
	tool := cache.Tool()
	if tool == "" {
		return nil
	}
	// What a file's result depends on besides its content and the catalog's, but the checks'
	// code, which the build ID covers. A change of Check's function must change the build.
	// BUDGET_READER and BUDGET_SCHEMA choose the slow paths for a bug report: a run that asks
	// for them must read its files through them, not take what the fast paths left.
	what := fmt.Sprintf("model=%d values=%t check=%t limits=%+v display=%q reader=%q schema=%q",
		opts.Model, opts.Values, opts.Check != nil, opts.Limits, display, os.Getenv("BUDGET_READER"), os.Getenv("BUDGET_SCHEMA"))
	name := sha256.Sum256([]byte(opts.Cache.Ledger + "\x00" + what))
	schemas := schemaSum()
	key := sha256.Sum256(fmt.Appendf(nil, "pack %d\x00%s\x00%x\x00%s", cache.Version, tool, schemas, what))
	c := &fileCache{dir: opts.Cache.Dir, name: hex.EncodeToString(name[:16]), key: key, start: start}
	c.pack = cache.Open(c.dir, c.name, key)
	return c
}

// cached is what the cache gave or was given for a file: the entry to keep in the next pack
// (none when the result cannot be kept), and whether it differs from the one the pack holds.
type cached struct {
	entry   cache.Entry
	keep    bool
	changed bool
	hit     bool // the result is the entry's
}

// load loads the file at rel through the cache: from its entry where the entry vouches for
// the file, else by loadSource, whose result becomes the file's new entry. dep is the hash of
// the catalog's content (zero for the catalog itself, or in a ledger without one).
func (c *fileCache) load(fsys fs.FS, rel, name string, opts Options, catalog *proposal.Catalog, dep [sha256.Size]byte) loadedFile {
	info, err := fs.Stat(fsys, rel)
	if err != nil {
		return loadFile(fsys, rel, name, opts, catalog)
	}
	st, ok := cache.StatOf(info)
	if !ok {
		return loadFile(fsys, rel, name, opts, catalog)
	}
	e, found := c.pack.Lookup(rel)
	found = found && e.Dep == dep
	if found && c.pack.Trusted(e, st) {
		if out, ok := decodeResult(e.Data, opts, catalog); ok {
			out.cache, out.sum = cached{entry: e, keep: true, hit: true}, e.Sum
			return out
		}
	}
	src, st, bad := readStat(fsys, rel, name, opts.Limits)
	if bad != nil {
		var out loadedFile
		out.ds.Add(*bad)
		return out
	}
	sum := sha256.Sum256(src)
	if found && e.Sum == sum {
		if out, ok := decodeResult(e.Data, opts, catalog); ok {
			// The same content under new stat data (a checkout, a touch): the next pack vouches
			// for it by the new stat, once the stat has settled.
			e.Stat = st
			out.cache = cached{entry: e, keep: true, hit: true, changed: cache.Settled(st, c.start.UnixNano())}
			out.sum = sum
			return out
		}
	}
	out := loadSource(src, rel, name, opts, catalog)
	out.sum = sum
	if data, ok := encodeResult(&out); ok {
		out.cache = cached{entry: cache.Entry{Stat: st, Sum: sum, Dep: dep, Data: data}, keep: true, changed: true}
	}
	return out
}

// save keeps this run's entries (cache.Pack.Save): nothing where none differs from the pack
// read and the pack holds no file this run did not see; a cache that cannot be written changes
// nothing of the run.
func (c *fileCache) save(files []string, loaded []loadedFile) error {
	changed, kept := false, 0
	for i := range loaded {
		if k := &loaded[i].cache; k.keep {
			kept++
			changed = changed || k.changed
		}
	}
	if !changed && kept == c.pack.Len() {
		return nil // the warm run's common case: nothing to gather, nothing to write
	}
	entries := make([]cache.Named, 0, kept)
	for i := range loaded {
		if k := &loaded[i].cache; k.keep {
			entries = append(entries, cache.Named{Rel: files[i], Entry: k.entry, Changed: k.changed})
		}
	}
	return c.pack.Save(c.start, entries)
}

// The kinds of model value a result holds.
const (
	resultNone byte = iota
	resultCatalog
	resultCrossCutting
	resultProposal
)

// encodeResult encodes what loadFile gave for the cache; false where some of it cannot be kept
// (a message argument of a type the cache does not know), and the file then has no entry.
func encodeResult(out *loadedFile) ([]byte, bool) {
	w := binenc.NewWriter(make([]byte, 0, 1024))
	out.ds.AppendBinenc(w)
	w.Bool(out.doc != nil)
	if out.doc != nil {
		out.doc.AppendBinenc(w)
	}
	switch {
	case out.catalog != nil:
		w.Byte(resultCatalog)
		binenc.Encode(w, out.catalog)
	case out.crossCutting != nil:
		w.Byte(resultCrossCutting)
		binenc.Encode(w, out.crossCutting)
	case out.proposal != nil:
		w.Byte(resultProposal)
		binenc.Encode(w, out.proposal)
	default:
		w.Byte(resultNone)
	}
	return w.Bytes(), w.Err() == nil
}

// decodeResult decodes an entry's result, and lays out its Sheet where opts keep Sheets; false
// where the entry does not decode whole.
func decodeResult(data []byte, opts Options, catalog *proposal.Catalog) (loadedFile, bool) {
	var out loadedFile
	r := binenc.NewReader(data)
	var ds diag.List
	ds.ReadBinenc(r)
	out.ds = ds
	if r.Bool() {
		out.doc = new(proposal.Document)
		out.doc.ReadBinenc(r)
	}
	switch r.Byte() {
	case resultNone:
	case resultCatalog:
		out.catalog = new(proposal.Catalog)
		binenc.Decode(r, out.catalog)
		out.catalog.Doc = out.doc
	case resultCrossCutting:
		out.crossCutting = new(proposal.CrossCutting)
		binenc.Decode(r, out.crossCutting)
		out.crossCutting.Doc = out.doc
	case resultProposal:
		out.proposal = new(proposal.Proposal)
		binenc.Decode(r, out.proposal)
		out.proposal.Doc = out.doc
	default:
		r.Fail(binenc.ErrCorrupt)
	}
	if r.Err() != nil || r.Left() != 0 || (out.doc == nil && (out.catalog != nil || out.crossCutting != nil || out.proposal != nil)) {
		return loadedFile{}, false
	}
	if opts.Model == ModelAll {
		out.sheet = sheetOf(catalog, out.proposal, out.crossCutting)
	}
	return out, true
}
