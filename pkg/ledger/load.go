// Package ledger loads a ledger directory (the catalog file, the numbered proposals and the
// cross-cutting proposals) and aggregates it into the catalog's reports, with decimals only.
package ledger

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

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
		return d.Source
	}
	return nil
}

// Load reads every *.yaml file below the root of fsys. display is prefixed to file names in
// diagnostics (e.g. "proposals"). The error is for I/O trouble only; problems in the data are
// diagnostics.
func Load(fsys fs.FS, display string) (*Ledger, diag.List, error) {
	files, ds, err := Files(fsys, display)
	if err != nil {
		return nil, nil, err
	}
	l := &Ledger{Docs: map[string]*proposal.Document{}}
	for _, p := range files {
		src, err := fs.ReadFile(fsys, p)
		name := path.Join(display, p)
		if err != nil {
			ds.Errorf(diag.Pos{File: name}, "", "read", "cannot read file: %v", unwrapPath(err))
			continue
		}
		ds = append(ds, l.add(p, name, src)...)
	}
	if l.Catalog == nil && !hasFile(files, CatalogFile) {
		ds.Errorf(diag.Pos{File: path.Join(display, CatalogFile)}, "", "no-catalog",
			"the ledger has no %s: it names the committees and years every proposal refers to", CatalogFile)
	}
	slices.SortFunc(l.Proposals, func(a, b *proposal.Proposal) int { return a.Number - b.Number })
	slices.SortFunc(l.CrossCutting, func(a, b *proposal.CrossCutting) int { return strings.Compare(a.Title, b.Title) })
	return l, ds, nil
}

// Files lists the data files (*.yaml, *.yml) below the root of fsys, sorted. A symbolic link
// is reported, not followed: it could lead out of the ledger.
func Files(fsys fs.FS, display string) ([]string, diag.List, error) {
	var files []string
	var ds diag.List
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type()&fs.ModeSymlink != 0 {
			ds.Errorf(diag.Pos{File: path.Join(display, p)}, "", "symlink", "symbolic links are not followed: put the file itself in the ledger")
			return nil
		}
		if !e.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	slices.Sort(files)
	return files, ds, nil
}

func hasFile(files []string, name string) bool { return slices.Contains(files, name) }

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// add parses one file, validates it against the schema its place in the ledger calls for and
// decodes it into the ledger when both passed.
func (l *Ledger) add(rel, name string, src []byte) diag.List {
	doc, ds := proposal.Parse(name, src)
	if doc == nil {
		return ds
	}
	l.Docs[name] = doc
	kind := KindOf(rel)
	ds = append(ds, doc.Validate(kind)...)
	// A file that breaks its schema is still decoded where it can be, so that one unknown field
	// does not hide its other problems; one that cannot be decoded is left out of the ledger.
	// Each file joins the ledger only once it decoded, so a failed one leaves nothing behind.
	var err error
	switch kind {
	case "catalog":
		c := &proposal.Catalog{Doc: doc}
		if err = doc.Root.Decode(c); err == nil {
			l.Catalog = c
		}
	case "crosscutting":
		c := &proposal.CrossCutting{Doc: doc}
		if err = doc.Root.Decode(c); err == nil {
			l.CrossCutting = append(l.CrossCutting, c)
		}
	default:
		p := &proposal.Proposal{Doc: doc}
		if err = doc.Root.Decode(p); err == nil {
			l.Proposals = append(l.Proposals, p)
		}
	}
	if err != nil && !ds.HasErrors() {
		ds.Errorf(diag.Pos{File: name, Line: 1, Column: 1}, "", "schema", "cannot read file: %v", err)
	}
	return ds
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
