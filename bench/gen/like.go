package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// The real-like mode: the bundled proposals cloned n times, each file byte for byte but for its
// number (and file name), or its cross-cutting id, so that findings are as common and as
// acknowledged as in the real catalog; the catalog's printed tables and intro figures scaled by
// n, so that the cross-file checks find the clone as consistent as the original.

// likeFile is one proposal or cross-cutting file of the source ledger.
type likeFile struct {
	rel    string // slash-separated, below the source's root
	text   []byte
	number int    // a proposal's; 0 for a cross-cutting one
	id     string // a cross-cutting proposal's
	title  string
	// shares are the contributions Table 1 adds up: a proposal's catalog row (one share, its
	// committee), or a cross-cutting proposal's shares.
	shares []likeShare
}

type likeShare struct {
	Committee    string            `yaml:"committee"`
	Contribution map[int]yaml.Node `yaml:"contribution"`
}

var (
	numberLine = regexp.MustCompile(`(?m)^number: *([0-9]+) *$`)
	idLine     = regexp.MustCompile(`(?m)^id: *([a-z][a-z0-9-]*) *$`)
)

// writeLike writes n clones of the ledger in src into out, and the equivalent journals.
func writeLike(out, src string, n int) error {
	root := filepath.Join(out, "proposals")
	if _, err := os.Stat(root); err == nil {
		return fmt.Errorf("%s exists already: give a new folder", root)
	}
	catalog, err := os.ReadFile(filepath.Join(src, ledger.CatalogFile))
	if err != nil {
		return err
	}
	files, stride, err := readLike(src)
	if err != nil {
		return err
	}
	years, scaled, err := scaleCatalog(catalog, n)
	if err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(src, ledger.CatalogFile), err)
	}
	var txns []txn
	for k := range n {
		for _, f := range files {
			text, rel, desc, account := f.text, f.rel, "", ""
			if f.number > 0 {
				number := k*stride + f.number
				text = numberLine.ReplaceAll(text, fmt.Appendf(nil, "number: %d", number))
				_, name, _ := strings.Cut(path.Base(rel), "-")
				rel = path.Join(path.Dir(rel), fmt.Sprintf("%05d-%s", number, name))
				desc, account = fmt.Sprintf("Forslag %d %s", number, f.title), fmt.Sprintf("p%05d", number)
			} else {
				id := fmt.Sprintf("%s-%05d", f.id, k+1)
				text = idLine.ReplaceAll(text, []byte("id: "+id))
				rel = path.Join(path.Dir(rel), id+".yaml")
				desc, account = f.title, id
			}
			name := filepath.Join(root, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(name, text, 0o644); err != nil {
				return err
			}
			for _, y := range years {
				t := txn{year: y, desc: desc}
				for _, s := range f.shares {
					if v, ok := s.Contribution[y]; ok {
						t.postings = append(t.postings, posting{[]string{s.Committee, account}, v.Value})
					}
				}
				if len(t.postings) > 0 {
					txns = append(txns, t)
				}
			}
		}
	}
	if err := os.WriteFile(filepath.Join(root, ledger.CatalogFile), scaled, 0o644); err != nil {
		return err
	}
	return writeJournals(out, txns)
}

// readLike reads the proposal and cross-cutting files of src in file-name order; stride is the
// highest number, by which each clone's numbers are shifted.
func readLike(src string) (files []likeFile, stride int, err error) {
	err = fs.WalkDir(os.DirFS(src), ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !ledger.IsDataFile(rel) || rel == ledger.CatalogFile {
			return err
		}
		text, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		var doc struct {
			Number    int         `yaml:"number"`
			ID        string      `yaml:"id"`
			Title     string      `yaml:"title"`
			Committee string      `yaml:"committee"`
			Catalog   likeShare   `yaml:"catalog"`
			Shares    []likeShare `yaml:"shares"`
		}
		if err := yaml.Unmarshal(text, &doc); err != nil {
			return fmt.Errorf("%s: %v", rel, err)
		}
		f := likeFile{rel: rel, text: text, number: doc.Number, id: doc.ID, title: doc.Title, shares: doc.Shares}
		// The pattern must find the line that holds the decoded value, once, or the clones
		// would not be unique.
		line, what := numberLine, strconv.Itoa(doc.Number)
		if doc.Number > 0 {
			doc.Catalog.Committee = doc.Committee
			f.shares = []likeShare{doc.Catalog}
		} else {
			line, what = idLine, doc.ID
		}
		if m := line.FindAllSubmatch(text, -1); len(m) != 1 || string(m[0][1]) != what || (doc.Number == 0) == (doc.ID == "") {
			return fmt.Errorf("%s: want one top-level line number: N (a proposal) or id: ID (a cross-cutting one)", rel)
		}
		stride = max(stride, doc.Number)
		files = append(files, f)
		return nil
	})
	return files, stride, err
}

// scaleCatalog returns the catalog's years and its text with every figure of assertions and the
// intro's target, other contributions and delivered amount multiplied by n, and the intro's
// approved figures recomputed from the scaled Table 1 total as the intro rounds (or multiplied
// by n too, where the original did not match its Table 1). Everything else, comments and layout
// included, stays as it is.
func scaleCatalog(src []byte, n int) ([]int, []byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, err
	}
	if doc.Kind != yaml.DocumentNode || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("not a mapping")
	}
	top := doc.Content[0]
	var years []int
	if err := value(top, "years").Decode(&years); err != nil {
		return nil, nil, fmt.Errorf("years: %v", err)
	}
	factor := decimal.NewFromInt(int64(n))
	var edits []edit
	scale := func(v *yaml.Node) {
		if v != nil && v.Kind == yaml.ScalarNode && (v.Tag == "!!int" || v.Tag == "!!float") {
			edits = append(edits, edit{v, decimal.RequireFromString(v.Value).Mul(factor).String()})
		}
	}
	var scaleAll func(*yaml.Node)
	scaleAll = func(v *yaml.Node) {
		switch v.Kind {
		case yaml.MappingNode:
			for i := 1; i < len(v.Content); i += 2 {
				scale(v.Content[i])
				scaleAll(v.Content[i])
			}
		case yaml.SequenceNode:
			for _, c := range v.Content {
				scaleAll(c)
			}
		}
	}
	assertions := value(top, "assertions")
	if assertions != nil {
		scaleAll(assertions)
	}
	if intro := value(top, "intro"); intro != nil {
		scale(value(value(intro, "target"), "amount"))
		scale(value(value(intro, "delivered"), "amount"))
		if others := value(intro, "other_contributions"); others != nil {
			for _, o := range others.Content {
				scale(value(o, "amount"))
			}
		}
		total := value(value(value(assertions, "table1"), "total"), "")
		from, okFrom := ledger.UnitNamed(scalar(value(top, "unit")))
		to, okTo := ledger.UnitNamed(scalar(value(intro, "unit")))
		if approved := value(intro, "approved"); approved != nil {
			for i := 1; i < len(approved.Content); i += 2 {
				year, stated := approved.Content[i-1].Value, approved.Content[i]
				printed := value(total, year)
				if !okFrom || !okTo || printed == nil {
					scale(stated)
					continue
				}
				s := decimal.RequireFromString(stated.Value)
				places := max(0, -s.Exponent())
				t := decimal.RequireFromString(printed.Value)
				if !s.Equal(ledger.Convert(t, from, to).Round(places)) {
					scale(stated) // as inconsistent as the original, most likely
					continue
				}
				edits = append(edits, edit{stated, ledger.Convert(t.Mul(factor), from, to).StringFixed(places)})
			}
		}
	}
	out, err := applyEdits(src, edits)
	return years, out, err
}

// value is the value of key in the mapping m; nil if m is nil or has no such key; key "" is m.
func value(m *yaml.Node, key string) *yaml.Node {
	if m == nil || key == "" {
		return m
	}
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func scalar(v *yaml.Node) string {
	if v == nil {
		return ""
	}
	return v.Value
}

// edit replaces a plain scalar's text in the source.
type edit struct {
	node *yaml.Node
	text string
}

// applyEdits replaces each edited scalar at its line and column (the figures are ASCII, on
// lines of ASCII before them), checking that the old text stands there.
func applyEdits(src []byte, edits []edit) ([]byte, error) {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	slices.SortFunc(edits, func(a, b edit) int {
		if a.node.Line != b.node.Line {
			return a.node.Line - b.node.Line
		}
		return a.node.Column - b.node.Column
	})
	var out bytes.Buffer
	at := 0
	for _, e := range edits {
		off := starts[e.node.Line-1] + e.node.Column - 1
		if off < at || !bytes.HasPrefix(src[off:], []byte(e.node.Value)) {
			return nil, fmt.Errorf("line %d, column %d: cannot find %q to scale", e.node.Line, e.node.Column, e.node.Value)
		}
		out.Write(src[at:off])
		out.WriteString(e.text)
		at = off + len(e.node.Value)
	}
	out.Write(src[at:])
	return out.Bytes(), nil
}
