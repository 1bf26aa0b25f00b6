package proposal_test

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/rogpeppe/go-internal/txtar"
	"go.yaml.in/yaml/v3"
)

// dumpTree writes every field of every node, a line a node, for a diff that a person can read.
func dumpTree(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "%s kind=%d style=%d tag=%q value=%q anchor=%q line=%d col=%d head=%q line=%q foot=%q alias=%v content=%v\n",
			strings.Repeat("  ", depth), n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Line, n.Column,
			n.HeadComment, n.LineComment, n.FootComment, n.Alias != nil, n.Content != nil)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// firstDiff returns the first line where two dumps differ, with its number.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("node %d:\n fast: %s\n yaml: %s", i+1, x, y)
		}
	}
	return "(the dumps are equal: a difference reflect.DeepEqual sees and the dump does not show)"
}

// checkFastReader holds fastRead to yaml.v3 on src: where fastRead reads src, yaml.v3 reads it
// too, to the same node tree, and ParseLimited gives the same document both ways (values,
// diagnostics, kept positions and lines). It reports whether fastRead read src.
func checkFastReader(t *testing.T, src []byte) bool {
	t.Helper()
	lim := proposal.DefaultLimits
	fast := proposal.FastRead(src)
	slow, d := proposal.ParseOne("f.yaml", src, lim)
	if fast == nil {
		return false
	}
	if d != nil {
		t.Fatalf("the fast reader read what yaml.v3 refuses (%v):\n%s", d, src)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("the fast reader's tree differs from yaml.v3's at %s\ninput:\n%s", firstDiff(dumpTree(fast), dumpTree(slow)), src)
	}
	a, da := proposal.ParseWith("f.yaml", src, lim, true)
	b, db := proposal.ParseWith("f.yaml", src, lim, false)
	if fmt.Sprint(da) != fmt.Sprint(db) {
		t.Fatalf("diagnostics differ:\nfast: %v\nyaml: %v\ninput:\n%s", da, db, src)
	}
	if (a == nil) != (b == nil) {
		t.Fatalf("one reader gives a document, the other none:\n%s", src)
	}
	if a == nil {
		return true
	}
	if !reflect.DeepEqual(a.Value(), b.Value()) || !reflect.DeepEqual(a.Tree, b.Tree) {
		t.Fatalf("the parsed documents differ:\n%s", src)
	}
	lines := make([]int, strings.Count(string(src), "\n")+1)
	for i := range lines {
		lines[i] = i + 1
	}
	o := proposal.KeepOptions{All: true, Values: true, Lines: lines}
	ka, kb := a.Keep(o), b.Keep(o)
	if !reflect.DeepEqual(ka, kb) {
		t.Fatalf("the kept documents differ:\n%s", src)
	}
	// The loader's parse gives the same from a slab of the pool, whatever file the slab held
	// before (a field left over from it would show here), and keeps the same after Release.
	c, dc := proposal.ParseLoaded("f.yaml", bytes.Clone(src), lim)
	if c == nil || fmt.Sprint(dc) != fmt.Sprint(da) || !reflect.DeepEqual(c.Tree, a.Tree) {
		t.Fatalf("the loader's parse differs from ParseLimited's:\n%s", src)
	}
	kc := c.Keep(o)
	c.Release()
	if !reflect.DeepEqual(kc, ka) {
		t.Fatalf("the loader's kept document differs from ParseLimited's:\n%s", src)
	}
	return true
}

// TestRelease holds Release to what it promises: the tree it gives back is zeroed (no node of
// it keeps a text or a neighbour alive in the pool), or overwritten with garbage in poison mode;
// what Keep and Value gave is left as it was; and a tree that ParseLimited or yaml.v3 read is
// never given back.
func TestRelease(t *testing.T) {
	src := []byte("title: Digitalt samtykke\nnumber: 1\nrows:\n  - label: a\n    amount: 2\n")
	for _, tc := range []struct {
		name   string
		poison bool
		want   yaml.Node
	}{
		{name: "zeroed", want: yaml.Node{}},
		{name: "poisoned", poison: true, want: yaml.Node{Kind: 0xff, Style: 0xff, Tag: "!poisoned", Value: "\x00poisoned",
			Anchor: "poisoned", HeadComment: "# poisoned", LineComment: "# poisoned", FootComment: "# poisoned", Line: -1, Column: -1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			proposal.PoisonReleased(tc.poison)
			t.Cleanup(func() { proposal.PoisonReleased(poisonTests) })
			d, ds := proposal.ParseLoaded("f.yaml", bytes.Clone(src), proposal.DefaultLimits)
			if d == nil || ds.HasErrors() {
				t.Fatalf("parse: %v", ds)
			}
			if !d.ReadFast() {
				t.Skip("BUDGET_READER=yaml: yaml.v3 reads the file, and there is nothing to give back")
			}
			root, key, values := d.Root, d.Root.Content[0], d.Value()
			title := key.Value
			kept := d.Keep(proposal.KeepOptions{Lines: []int{1}})
			d.Release()
			d.Release() // a second Release gives nothing back twice
			if !reflect.DeepEqual(*root, tc.want) || !reflect.DeepEqual(*key, tc.want) {
				t.Errorf("released nodes:\n%s\n%s\nwant\n%s", dumpTree(root), dumpTree(key), dumpTree(&tc.want))
			}
			if title != "title" || values.(map[string]any)["title"] != "Digitalt samtykke" {
				t.Errorf("after Release, the key taken from the tree is %q and the values %v", title, values)
			}
			if line, ok := kept.Line(1); !ok || string(line) != "title: Digitalt samtykke" {
				t.Errorf("after Release, the kept line 1 is %q, %v", line, ok)
			}
		})
	}
	t.Run("not pooled", func(t *testing.T) {
		proposal.PoisonReleased(true)
		t.Cleanup(func() { proposal.PoisonReleased(poisonTests) })
		for name, parse := range map[string]func() *proposal.Parsed{
			"ParseLimited": func() *proposal.Parsed {
				d, _ := proposal.ParseLimited("f.yaml", src, proposal.DefaultLimits)
				return d
			},
			"yaml.v3": func() *proposal.Parsed {
				d, _ := proposal.ParseWith("f.yaml", src, proposal.DefaultLimits, false)
				return d
			},
		} {
			d := parse()
			d.Release()
			if d.Root.Kind != yaml.MappingNode || d.Root.Content[0].Value != "title" {
				t.Errorf("%s: Release changed a tree it did not pool:\n%s", name, dumpTree(d.Tree))
			}
		}
	})
}

// bundled returns every file of the bundled ledger, by its path.
func bundled(t testing.TB) map[string][]byte {
	files := map[string][]byte{}
	root := filepath.Join("..", "..", "proposals")
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		src, err := os.ReadFile(p)
		files[p] = src
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("reading the bundled ledger: %v (%d files)", err, len(files))
	}
	return files
}

// kindOf is the kind format.Source takes, from the file's path (ledger.KindOf's rule).
func kindOf(p string) string {
	switch {
	case filepath.Base(p) == "catalog.yaml":
		return "catalog"
	case strings.Contains(filepath.ToSlash(p), "cross-cutting/"):
		return "crosscutting"
	}
	return "proposal"
}

// testdataYAML returns the YAML files of the test data: the scenarios' synthetic ledger
// (testdata/ledger.txtar) and the files of every scenario, by archive and name.
func testdataYAML(t testing.TB) map[string][]byte {
	files := map[string][]byte{}
	archives, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "script", "*.txtar"))
	archives = append(archives, filepath.Join("..", "..", "testdata", "ledger.txtar"))
	for _, name := range archives {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".yaml") {
				files[filepath.Base(name)+":"+f.Name] = f.Data
			}
		}
	}
	return files
}

// leftToYAML are the scenarios' files whose canonical layout the fast reader leaves to yaml.v3
// on purpose, each with why: forms fmt writes only for files that the schema refuses.
var leftToYAML = map[string]string{
	"fmt_keys.txtar:bad/02-text-keys.yaml":  "quoted keys",
	"fmt_keys.txtar:want/02-text-keys.yaml": "quoted keys",
	"new_outside.txtar:catalog-escape.yaml": "a plain text that starts with a dot (../../x)",
}

// TestFastReaderReadsTheCanonicalLayout: the fast path is really taken. Every bundled file,
// and fmt's output of every YAML file of the test data that fmt accepts, is read by fastRead,
// to the same result as yaml.v3's; else a fast reader that never fires would pass every test.
func TestFastReaderReadsTheCanonicalLayout(t *testing.T) {
	// ParseLimited takes the fast path, unless BUDGET_READER=yaml forbids it.
	wantFast := os.Getenv(proposal.ReaderEnv) != "yaml"
	for p, src := range bundled(t) {
		if !checkFastReader(t, src) {
			t.Errorf("%s: the fast reader leaves a bundled file to yaml.v3", p)
		}
		if d, _ := proposal.Parse(p, src); d == nil || d.ReadFast() != wantFast {
			t.Errorf("%s: ParseLimited read it with the fast reader: %v, want %v (BUDGET_READER=%q)", p, d != nil && d.ReadFast(), wantFast, os.Getenv(proposal.ReaderEnv))
		}
	}
	n := 0
	for name, src := range testdataYAML(t) {
		out, _ := format.Source("f.yaml", kindOf(name), src)
		if out == nil {
			continue
		}
		n++
		if !checkFastReader(t, out) && leftToYAML[name] == "" {
			t.Errorf("%s: the fast reader leaves fmt's output to yaml.v3:\n%s", name, out)
		}
	}
	if n < 50 {
		t.Errorf("only %d test data files formatted: the test data moved?", n)
	}
}

// trickyValues are values a hand-edited file may hold, each of which YAML reads in its own
// way: numbers in other bases and spellings, YAML 1.1 words, dates, indicators, quotes and
// escapes, characters outside ASCII.
var trickyValues = []string{
	"0o17", "0x1F", "0b101", "017", "08", "1_000", "1e3", "1.", ".5", "+1", "-0", "-1.50", "1.500",
	"99999999999999999999", "18446744073709551615", "9223372036854775807", "-9223372036854775809",
	".inf", "-.Inf", ".NaN", "~", "null", "Null", "NULL", "nULL", "yes", "No", "on", "OFF", "y",
	"true", "True", "TRUE", "tRUE", "false", "2026-01-02", "2026-1-2 10:00:00", "27.01.2025",
	"2026-1-2", "2026-13-45", "2026-02-30", "2026-01-02-03", "2026--01", "2026-01-", "2026-01-02.5",
	"2026-001-02", "20260-01-02", "2026-01-02T10:00:00Z",
	"28/01/2025", "2026 p/l", "12:30", "a: b", "a:b", "a:", "#x", "a #b", "a#b", "- x", "-x", "? x",
	"[1, 2]", "[1,2]", "[ 1, 2 ]", "[1, a]", "[]", "{}", "{a: 1}", "[[1]]", ">-", "|", "|-", ">",
	"&a x", "*a", "!!str x", "!x y", "%x", "@x", "`x", `"x`, `"x\ty"`, `"\u00e9\x41\U0001F600"`,
	`"\q"`, `"\ud800"`, `"a\"b"`, `"a\\"`, `'x'`, `'it''s'`, `'x`, `''`, `""`, "Æble", "😀 x",
	"x\u00a0y", "x\u200by", "<<", "=x", "a, b", "a ,b", "a  b", "a'b", `a"b`, "a{b}", "a]b",
}

// trickyKeys are keys spelled otherwise than fmt writes them, or that YAML reads as no text.
var trickyKeys = []string{"2026", "02026", "2026.0", "true", "Null", "~", `"q"`, "'q'", "a b", "_x",
	"x-y", "0x1", "x.y", "?", "-", "<<", "&a k", "!!str k", strings.Repeat("k", 101)}

// mutants returns variants of a file in the canonical layout, each with one line changed the
// way a person editing it might: a value, a key, a comment, the indentation, an empty line.
// It changes every stride-th line, so that the bundled files give a few thousand mutants.
func mutants(src []byte) [][]byte {
	const stride = 8
	lines := strings.Split(string(src), "\n")
	var out [][]byte
	with := func(i int, repl ...string) {
		l := append(append(append([]string{}, lines[:i]...), repl...), lines[i+1:]...)
		out = append(out, []byte(strings.Join(l, "\n")))
	}
	n := 0
	for i, l := range lines {
		if i%stride != len(lines)%stride {
			continue
		}
		trimmed := strings.TrimLeft(l, " ")
		indent := l[:len(l)-len(trimmed)]
		k, _, isEntry := strings.Cut(strings.TrimPrefix(trimmed, "- "), ": ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			with(i, l+"  ")
			continue
		}
		n++
		switch n % 9 {
		case 0, 1:
			if isEntry {
				with(i, indent+strings.TrimSuffix(trimmed, trimmed[len(trimmed)-len(strings.TrimPrefix(trimmed, k+": ")):])+
					trickyValues[(i*7+n)%len(trickyValues)])
			}
		case 2:
			if isEntry {
				with(i, strings.Replace(l, k+":", trickyKeys[(i+n)%len(trickyKeys)]+":", 1))
			}
		case 3:
			with(i, indent+"# a comment", l)
		case 4:
			with(i, l+" # a line comment")
		case 5:
			with(i, " "+l)
		case 6:
			with(i, indent+"# a comment", "", l)
		case 7:
			with(i, "", l, "# at the margin")
		case 8:
			with(i, strings.TrimPrefix(l, " "))
		}
	}
	return out
}

// fastReaderSeeds are the inputs the fast reader is held to yaml.v3 on: every bundled file,
// each of its mutants and fmt's output of it, the YAML test suite's cases, and the test data's
// YAML files with fmt's output of them.
//
// It checks that the mutants reach the fast reader, both as they are (a fast reader that
// declined every edited file would pass on them) and once fmt has laid them out again.
func fastReaderSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	var raw, rawRead, formatted, formattedRead int
	for p, src := range bundled(t) {
		seeds = append(seeds, src)
		for _, m := range mutants(src) {
			seeds = append(seeds, m)
			raw++
			if proposal.FastRead(m) != nil {
				rawRead++
			}
			if out, _ := format.Source("f.yaml", kindOf(p), m); out != nil {
				seeds = append(seeds, out)
				formatted++
				if proposal.FastRead(out) != nil {
					formattedRead++
				}
			}
		}
	}
	if rawRead < raw/4 || formattedRead < formatted*85/100 {
		t.Fatalf("too few mutants read by the fast reader: %d of %d as edited, %d of %d formatted", rawRead, raw, formattedRead, formatted)
	}
	suite, _ := filepath.Glob(filepath.Join("testdata", "yaml-test-suite", "*.yaml"))
	if len(suite) < 400 {
		t.Fatalf("%d files of the YAML test suite, want its 402", len(suite))
	}
	for _, f := range suite {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, src)
	}
	for name, src := range testdataYAML(t) {
		seeds = append(seeds, src)
		if out, _ := format.Source("f.yaml", kindOf(name), src); out != nil {
			seeds = append(seeds, out)
		}
	}
	return seeds
}

// FuzzFastReader holds the fast reader to yaml.v3 (checkFastReader): for every input it reads,
// the same node tree, the same document (values, diagnostics, kept positions), and nothing
// that yaml.v3 refuses.
//
// Fuzzing (-fuzz) starts from every tenth seed: the fuzzer first runs each seed with coverage,
// and all of them, a few thousand whole files, took it the first minutes.
func FuzzFastReader(f *testing.F) {
	addFastReaderSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFastChars(t, src)
		checkFastReader(t, src)
	})
}

// fastCharsByByte is fastChars as it was first written, a byte at a time: what the word at a
// time version is held to.
func fastCharsByByte(src []byte) (marks int, ok bool) {
	if len(src) == 0 || src[len(src)-1] != '\n' {
		return 0, false
	}
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ':' || c == '-' || c == ',':
				if i+1 < len(src) && (src[i+1] == ' ' || src[i+1] == '\n') {
					marks++
					if c == ':' {
						marks++
					}
				}
			case c == '\n':
				if i > 0 && src[i-1] == ' ' {
					return 0, false
				}
			case c < ' ' || c == 0x7f:
				return 0, false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff,
			0xd800 <= r && r < 0xe000, r == 0xfffe, r == 0xffff, r == utf8.RuneError:
			return 0, false
		}
		i += n
	}
	return marks, true
}

// checkFastChars holds fastChars to fastCharsByByte on src and on each of its suffixes that
// start in its first 16 bytes, so that every byte is seen at each place of a word.
func checkFastChars(t *testing.T, src []byte) {
	t.Helper()
	for from := 0; from <= min(16, len(src)); from++ {
		s := src[from:]
		m, ok := proposal.FastChars(s)
		wm, wok := fastCharsByByte(s)
		if m != wm || ok != wok {
			t.Fatalf("fastChars(%q) = %d, %v; want %d, %v", s, m, ok, wm, wok)
		}
	}
}

// TestFastChars: the checks of fastChars at every place of a word of eight bytes, and across
// two words.
func TestFastChars(t *testing.T) {
	for _, s := range []string{
		"a: 1\n", "key: value\nother: [1, -2, 3]\n- x\n-\n", "a:b,c-d\n", "abcdefg: h\n",
		"trailing \nspace\n", "abcdefgh \nx\n", "abcdefg \nx\n", "tab\there: 1\n", "del\x7f: 1\n",
		"nul\x00abcdefghijk\n", "cr\r\n", "æøå: å\nabcdefgh: ø\n", "abcdefg\xa0bcdefgh\n",
		"abcdefg:\xc3\xa6\n", "abcdefg:\xa0\n", "abcdefg-\x8abcdef\n", "x\u2028y\n", "\ufeffa: 1\n",
		"\xed\xa0\x80abcdefgh\n", "abcdefghijklmnop\xff\n", "- - - - - - - -\n", "::::::::::::\n",
		strings.Repeat("a: 1\n  - b, c\n", 9),
	} {
		checkFastChars(t, []byte(s))
		if _, ok := fastCharsByByte([]byte(s)); strings.HasPrefix(s, "a: 1") && !ok {
			t.Errorf("fastCharsByByte refuses %q", s)
		}
	}
}

// TestFastReaderScalars: each tricky value and key, alone in a file, is read the same by both
// readers; the plain ones fmt writes are read by the fast reader.
func TestFastReaderScalars(t *testing.T) {
	for _, v := range trickyValues {
		checkFastReader(t, []byte("a: "+v+"\n"))
		checkFastReader(t, []byte("a:\n  - "+v+"\n"))
		checkFastReader(t, []byte("a: "+v+" # c\n"))
	}
	for _, k := range trickyKeys {
		checkFastReader(t, []byte(k+": 1\n"))
	}
	for _, src := range []string{
		"a: null\nb: Null\nc: x~\nd: true\ne: FALSE\nf: yes\ng: -12.50\nh: 2026 p/l\ni: 017\nj: 1.500\n",
		"a: a#b\nb: x # c\nc: [1, -2.5, 0] # d\nd: {} # e\ne: 'it''s'\nf: \"\\t\\u00e9\\\"\"\n",
		"a: >-\n  one\n  two\n\n  three\n\n\n  four\nb: 1\n",
		"# head\n\na:\n  # of b\n  b:\n    - x: 1\n      # of y\n      y: 2\n    # of the item\n    - 3\n# of c\nc: 1\n\n# foot\n",
	} {
		if !checkFastReader(t, []byte(src)) {
			t.Errorf("the fast reader leaves this to yaml.v3:\n%s", src)
		}
	}
}

// TestFastReaderOnTheYAMLTestSuite: the fast reader agrees with yaml.v3 on every case of the
// YAML test suite, and reads few of them (they are not in fmt's layout).
func TestFastReaderOnTheYAMLTestSuite(t *testing.T) {
	suite, _ := filepath.Glob(filepath.Join("testdata", "yaml-test-suite", "*.yaml"))
	read := 0
	for _, f := range suite {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if checkFastReader(t, src) {
			read++
			t.Logf("read by the fast reader: %s", filepath.Base(f))
		}
	}
	t.Logf("%d of %d cases read by the fast reader", read, len(suite))
}

// addFastReaderSeeds adds fastReaderSeeds to f: all of them as tests, every tenth when fuzzing
// (-fuzz), where the fuzzer first runs each seed with coverage, and a few thousand whole files
// took it the first minutes.
func addFastReaderSeeds(f *testing.F) {
	every := 1
	if fl := flag.Lookup("test.fuzz"); fl != nil && fl.Value.String() != "" {
		every = 10
	}
	for i, s := range fastReaderSeeds(f) {
		if i%every == 0 {
			f.Add(s)
		}
	}
}
