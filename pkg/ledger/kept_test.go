package ledger_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// wholeText loads and checks fsys and writes every diagnostic with the source lines of the whole
// files (of those that parsed: a file that did not shows none), as the text writer showed them
// when the loader kept every text: what the kept lines must show too.
func wholeText(t testing.TB, fsys fstest.MapFS) string {
	t.Helper()
	l, ds, err := check.Load(fsys, "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return writeWhole(t, fsys, l, ds)
}

// writeWhole writes ds with the source lines of the whole files of fsys that l holds.
func writeWhole(t testing.TB, fsys fstest.MapFS, l *ledger.Ledger, ds diag.List) string {
	t.Helper()
	src := diag.TextSources(func(file string) []byte {
		f := fsys[strings.TrimPrefix(file, "proposals/")]
		if l.Docs[file] == nil || f == nil {
			return nil
		}
		return bytes.TrimPrefix(f.Data, []byte("\xef\xbb\xbf"))
	})
	var b strings.Builder
	if err := diag.WriteText(&b, ds, src, diag.Options{All: true}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// crossFilePaths are the paths the checks across files (check.Run) point at in a proposal or a
// cross-cutting proposal: the kept index must answer for each as the tree does, present or not.
var crossFilePaths = []string{"", "number", "committee", "id", "shares", "acknowledged",
	"shares.0.committee", "shares.1.committee", "shares.7.committee", "acknowledged.0", "acknowledged.0.check",
	"acknowledged.0.at", "acknowledged.1.at", "acknowledged.9.check"}

// TestIndexAnswersAsTheTree: for every bundled file, the kept Document's Pos and KeyPos equal
// those of the full node tree, for every path it indexed and for every path the checks across
// files ask; the catalog indexes every node of its tree.
func TestIndexAnswersAsTheTree(t *testing.T) {
	fsys := copyBundled(t)
	files := 0
	for name, f := range fsys {
		if !ledger.IsDataFile(name) {
			continue
		}
		files++
		parsed, ds := proposal.Parse(name, f.Data)
		if parsed == nil || ds.HasErrors() {
			t.Fatalf("%s: %v", name, ds)
		}
		// Each acknowledgement as the loader passes it (only those with a check and a place).
		var acks []proposal.Ack
		top, _ := parsed.Value().(map[string]any)
		list, _ := top["acknowledged"].([]any)
		for i := range list {
			acks = append(acks, proposal.Ack{Index: i})
		}
		kept := parsed.Keep(proposal.KeepOptions{All: ledger.KindOf(name) == "catalog", Acks: acks})
		paths := kept.Paths()
		if len(paths) < 10 {
			t.Errorf("%s: only %d paths indexed: %v", name, len(paths), paths)
		}
		for _, p := range append(paths, crossFilePaths...) {
			if got, want := kept.Pos(p), parsed.Pos(p); got != want {
				t.Errorf("%s: Pos(%q) = %s from the index, %s from the tree", name, p, got, want)
			}
			if got, want := kept.KeyPos(p), parsed.KeyPos(p); got != want {
				t.Errorf("%s: KeyPos(%q) = %s from the index, %s from the tree", name, p, got, want)
			}
			if line := kept.Pos(p).Line; line > 0 {
				if _, ok := kept.Line(line); !ok {
					t.Errorf("%s: line %d of %q not kept", name, line, p)
				}
			}
		}
		if ledger.KindOf(name) == "catalog" {
			// Every node, missing paths below them too (a table's row without a year).
			var walk func(p string, v any)
			n := 0
			walk = func(p string, v any) {
				n++
				if !slices.Contains(paths, p) {
					t.Errorf("catalog: %q not indexed", p)
				}
				for _, q := range []string{p, proposal.Join(p, "2031"), proposal.Join(p, "rows.3.amounts")} {
					if got, want := kept.Pos(q), parsed.Pos(q); got != want {
						t.Errorf("catalog: Pos(%q) = %s from the index, %s from the tree", q, got, want)
					}
				}
				switch v := v.(type) {
				case map[string]any:
					for k, x := range v {
						walk(proposal.Join(p, k), x)
					}
				case []any:
					for i, x := range v {
						walk(proposal.Join(p, fmt.Sprint(i)), x)
					}
				}
			}
			walk("", parsed.Value())
			if n < 100 {
				t.Errorf("catalog: only %d nodes walked", n)
			}
		}
	}
	if files < 37 {
		t.Errorf("%d bundled files, want the 36 proposals and the catalog at least", files)
	}
}

// TestIndexOfOddKeys: keys with dots, repeated keys and lists in lists, which a path can reach
// in more than one way or not at all, are answered as the tree answers (synthetic). An empty key
// has no path of its own (proposal.Join skips it) and is not indexed.
func TestIndexOfOddKeys(t *testing.T) {
	src := "a:\n  b.c: 1\n  b:\n    c: 2\n    d: [x, [y, {e: 3}]]\n  b: {f: 4}\na.b: {c: 5, g: 6}\n\"\": {\"\": 7, h.: 8}\n" +
		"acknowledged:\n  - check: sign\n    at: a.b\n  - check: x\n    check: y\nshares:\n  - committee: q\n  - [1]\n"
	parsed, _ := proposal.Parse("odd.yaml", []byte(src))
	if parsed == nil {
		t.Fatal("does not parse")
	}
	paths := []string{"a.b.c", "a.b.d.1.1.e", "a.b.f", "a.b.g", "a.b.d.1.0", "a.b.d.9", "a..", "acknowledged.1.check",
		"shares.0.committee", "shares.1.committee", "shares.1.0", "a.b.c.zz", "a.b.d.1.1.e.z"}
	for _, all := range []bool{false, true} {
		kept := parsed.Keep(proposal.KeepOptions{All: all, Acks: []proposal.Ack{{Index: 0}, {Index: 1}}})
		for _, p := range append(kept.Paths(), paths...) {
			if all || slices.Contains(kept.Paths(), p) {
				if got, want := kept.Pos(p), parsed.Pos(p); got != want {
					t.Errorf("all %v: Pos(%q) = %s from the index, %s from the tree", all, p, got, want)
				}
				if got, want := kept.KeyPos(p), parsed.KeyPos(p); got != want {
					t.Errorf("all %v: KeyPos(%q) = %s from the index, %s from the tree", all, p, got, want)
				}
			}
		}
		if slices.ContainsFunc(kept.Paths(), func(p string) bool { return strings.HasPrefix(p, ".") }) {
			t.Errorf("all %v: a path through an empty key indexed: %q", all, kept.Paths())
		}
	}
}

var numberLine = regexp.MustCompile(`(?m)^number: ([0-9]+)$`)

// TestLargeLedgerSaysTheSame: a ledger of more than 1,000 files, where the loader once dropped
// the trees and read files again for positions, gives each file the same diagnostics, with the
// same positions and excerpts, as the bundled ledger of 37 files: the bundled proposals cloned
// 31 times under new numbers (synthetic test data). Every finding of a check stands at the
// position the file's tree gives its path, and the excerpts are the whole files' lines.
func TestLargeLedgerSaysTheSame(t *testing.T) {
	small := copyBundled(t)
	large := fstest.MapFS{}
	for name, f := range small {
		large[name] = f
		m := numberLine.FindSubmatch(f.Data)
		if ledger.KindOf(name) != "proposal" || m == nil {
			continue
		}
		for c := 1; c <= 30; c++ {
			n := fmt.Sprintf("%d", c*100+atoi(t, string(m[1])))
			data := numberLine.ReplaceAll(f.Data, []byte("number: "+n))
			large[path.Join(path.Dir(name), n+"-"+strings.SplitN(path.Base(name), "-", 2)[1])] = &fstest.MapFile{Data: data}
		}
	}
	if len(large) < 1100 {
		t.Fatalf("%d files, want more than 1,100", len(large))
	}
	// Findings of the files of the small ledger, but the catalog's (its tables add up the others).
	perFile := func(out string) string {
		var b strings.Builder
		shown := false
		for line := range strings.SplitAfterSeq(out, "\n") {
			if !strings.HasPrefix(line, " ") {
				file, _, _ := strings.Cut(line, ":")
				shown = small[strings.TrimPrefix(file, "proposals/")] != nil && file != "proposals/catalog.yaml"
			}
			if shown {
				b.WriteString(line)
			}
		}
		return b.String()
	}
	l, ds, err := check.Load(large, "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	whole := writeWhole(t, large, l, ds)
	want, got := perFile(wholeText(t, small)), perFile(whole)
	if !strings.Contains(want, "^\n") || !strings.Contains(want, "[sum-mismatch]") {
		t.Fatalf("the small ledger shows no excerpt of a finding:\n%s", want)
	}
	if got != want {
		t.Errorf("the large ledger says otherwise of the bundled files:\n%s\nwant:\n%s", got, want)
	}
	// The kept lines and positions, against the whole files and their trees.
	var b strings.Builder
	if err := diag.WriteText(&b, ds, l.Source, diag.Options{All: true}); err != nil {
		t.Fatal(err)
	}
	if b.String() != whole {
		t.Errorf("the kept source lines show other excerpts than the whole files")
	}
	checked := 0
	trees := map[string]*proposal.Parsed{}
	for _, d := range ds {
		if d.Path == "" || !strings.HasPrefix(d.Pos.File, "proposals/") || !isCheckCode(d.Code) {
			continue
		}
		parsed := trees[d.Pos.File]
		if parsed == nil {
			parsed, _ = proposal.Parse(d.Pos.File, large[strings.TrimPrefix(d.Pos.File, "proposals/")].Data)
			trees[d.Pos.File] = parsed
		}
		if want := parsed.Pos(d.Path); d.Pos != want {
			t.Errorf("%s [%s] at %s: the tree gives %s", d.Pos, d.Code, d.Path, want)
		}
		checked++
	}
	if checked < 1000 {
		t.Errorf("only %d findings of the checks", checked)
	}
}

func isCheckCode(code string) bool {
	switch code {
	case check.CodeUnknownCommittee, check.CodeDuplicateNumber, check.CodeDuplicateID, check.CodeWrongFolder,
		check.CodeUnknownYear, check.CodeSumMismatch, check.CodeSign, check.CodeCatalogMismatch, check.CodeInvestment,
		check.CodePayback, check.CodeYearCoverage, check.CodeTableMismatch, check.CodeIntroMismatch, check.CodeUnusedAck,
		check.CodePlaceholder, check.CodeReservedID:
		return true
	}
	return false
}

func atoi(t testing.TB, s string) int {
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// countingFS counts how often each file is opened.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			c.mu.Lock()
			c.opened[name]++
			c.mu.Unlock()
		}
	}
	return f, err
}

// TestLoadReadsEachFileOnce: loading and checking a ledger with findings in most files (a
// broken one and a duplicate number among them) and writing its diagnostics with their source
// lines opens each data file once.
func TestLoadReadsEachFileOnce(t *testing.T) {
	fsys := copyBundled(t)
	fsys["biu/99-copy.yaml"] = fsys["biu/01-digitalt-samtykke.yaml"]
	fsys["buu/98-broken.yaml"] = &fstest.MapFile{Data: []byte("schema: 1\nnumber: [\n")}
	c := &countingFS{FS: fsys, opened: map[string]int{}}
	l, ds, err := check.Load(c, "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := diag.WriteText(&b, ds, l.Source, diag.Options{All: true}); err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, d := range ds {
		files[d.Pos.File] = true
	}
	if len(files) < 20 || !strings.Contains(b.String(), "[duplicate-number]") {
		t.Fatalf("findings in only %d files:\n%s", len(files), b.String())
	}
	for name := range fsys {
		if ledger.IsDataFile(name) && c.opened[name] != 1 {
			t.Errorf("%s opened %d times, want once", name, c.opened[name])
		}
	}
}

// TestSheetsLaidOutAtLoad: the Sheet each worker lays out is the one the whole ledger gives.
func TestSheetsLaidOutAtLoad(t *testing.T) {
	l, _, err := check.Load(copyBundled(t), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.Proposals) + len(l.CrossCutting); len(l.Sheets) != n || n < 36 {
		t.Fatalf("%d sheets for %d proposals", len(l.Sheets), n)
	}
	for _, p := range l.Proposals {
		if got, want := l.Sheets[p.Doc.File], l.Sheet(p); !reflect.DeepEqual(*got, want) {
			t.Errorf("%s: the Sheet laid out at load differs from the ledger's", p.Doc.File)
		}
	}
	for _, x := range l.CrossCutting {
		if got, want := l.Sheets[x.Doc.File], l.CrossCuttingSheet(x); !reflect.DeepEqual(*got, want) {
			t.Errorf("%s: the Sheet laid out at load differs from the ledger's", x.Doc.File)
		}
	}
}
