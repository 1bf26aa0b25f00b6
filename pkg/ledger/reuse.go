package ledger

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// Reuse is a ledger loaded file by file and kept so, for a caller that knows which files changed
// since (budget lsp, told by its editor): Reload loads only those again, and Ledger joins the
// files as LoadWith does. The checks across files are the caller's (check.Run), over each join.
// A Reuse is not safe for concurrent use; its zero value is not ready: use NewReuse.
type Reuse struct {
	fsys    fs.FS
	display string
	opts    Options
	walked  diag.List // the walk's own findings
	files   []string
	loaded  map[string]loadedFile
}

// NewReuse loads every data file below the root of fsys as LoadWith does, with opts.
func NewReuse(fsys fs.FS, display string, opts Options) (*Reuse, error) {
	r := &Reuse{fsys: fsys, display: display, opts: opts.withDefaults()}
	if err := r.Rescan(); err != nil {
		return nil, err
	}
	return r, nil
}

// Files are the data files the last walk found, sorted.
func (r *Reuse) Files() []string { return r.files }

// Has reports whether rel is one of the ledger's data files.
func (r *Reuse) Has(rel string) bool {
	_, ok := slices.BinarySearch(r.files, rel)
	return ok
}

// Rescan walks the folder again (a file was made or removed) and loads every file: each file's
// checks read the catalog, and a new listing may hold anything.
func (r *Reuse) Rescan() error {
	listing, ds, err := walk(r.fsys, r.display, r.opts.MaxFiles)
	if err != nil {
		return err
	}
	r.walked, r.files = ds, listing.Files
	r.loaded = make(map[string]loadedFile, len(r.files))
	r.load(r.files)
	return nil
}

// Reload loads the files rel again, as they now read in the file system; a change to the catalog
// loads every file again, since each file's checks read it. A file that is not one of the
// ledger's is passed over.
func (r *Reuse) Reload(rels ...string) {
	var again []string
	for _, rel := range rels {
		if rel == CatalogFile {
			r.load(r.files)
			return
		}
		if r.Has(rel) {
			again = append(again, rel)
		}
	}
	r.load(again)
}

// load loads rels, the catalog first when it is among them, the rest on the workers.
func (r *Reuse) load(rels []string) {
	catalog := r.loaded[CatalogFile].catalog
	if slices.Contains(rels, CatalogFile) {
		f := loadFile(r.fsys, CatalogFile, path.Join(r.display, CatalogFile), r.opts, nil)
		r.loaded[CatalogFile], catalog = f, f.catalog
	}
	out := make([]loadedFile, len(rels))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(r.opts.Workers, len(rels)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(rels); i = int(next.Add(1) - 1) {
				if rels[i] != CatalogFile {
					out[i] = loadFile(r.fsys, rels[i], path.Join(r.display, rels[i]), r.opts, catalog)
				}
			}
		})
	}
	wg.Wait()
	for i, rel := range rels {
		if rel != CatalogFile {
			r.loaded[rel] = out[i]
		}
	}
}

// Ledger joins the files as they were last loaded into a new Ledger, with the diagnostics of the
// walk and of each file (their own checks included), in file-name order as LoadWith gives them.
func (r *Reuse) Ledger() (*Ledger, diag.List) {
	return joinFiles(r.display, r.opts.Model, r.files, r.walked, func(i int) *loadedFile {
		f := r.loaded[r.files[i]]
		return &f
	})
}

// joinFiles joins loaded files, file(i) of files[i], into a Ledger: the documents, sheets and
// models in file-name order, the walk's diagnostics and each file's, and the ledger's own finding
// of a missing catalog. It is LoadWith's join too, once its loop's results are at hand.
func joinFiles(display string, model Model, files []string, walked diag.List, file func(int) *loadedFile) (*Ledger, diag.List) {
	n := len(walked)
	for i := range files {
		n += len(file(i).ds)
	}
	ds := append(make(diag.List, 0, n+1), walked...) // room for the missing catalog's error
	l := &Ledger{Display: display, Docs: make(map[string]*proposal.Document, len(files)),
		Sheets: make(map[string]*Sheet, len(files)), Proposals: make([]*proposal.Proposal, 0, len(files)), Model: model}
	for i := range files {
		f := file(i)
		ds = append(ds, f.ds...)
		if f.doc != nil {
			l.Docs[f.doc.File] = f.doc
			if f.sheet != nil {
				l.Sheets[f.doc.File] = f.sheet
			}
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
	if len(l.Proposals) == 0 {
		l.Proposals = nil // as a ledger of no proposals always had them
	}
	if l.Catalog == nil && !hasFile(files, CatalogFile) {
		ds.Errorf(diag.Pos{File: path.Join(display, CatalogFile)}, "", "no-catalog",
			"the ledger has no %s: it names the committees and years every proposal refers to", CatalogFile)
	}
	slices.SortStableFunc(l.Proposals, func(a, b *proposal.Proposal) int { return a.Number - b.Number })
	slices.SortStableFunc(l.CrossCutting, func(a, b *proposal.CrossCutting) int { return strings.Compare(a.Title, b.Title) })
	return l, ds
}
