package proposal

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/schema"
	"github.com/rogpeppe/go-internal/txtar"
	"go.yaml.in/yaml/v3"
)

// verdictFile is one YAML file the two validators are held to.
type verdictFile struct {
	name string
	src  []byte
}

// verdictFiles are every bundled file, every YAML file under testdata/ and in its txtar
// archives (the scenarios' ledgers), and the files of the folders BUDGET_SCHEMA_CORPUS lists
// (separated as PATH is, e.g. the real-like ledger of bench/gen).
func verdictFiles(t testing.TB) []verdictFile {
	t.Helper()
	var out []verdictFile
	dirs := []string{"../../proposals", "../../testdata"}
	if extra := os.Getenv("BUDGET_SCHEMA_CORPUS"); extra != "" {
		dirs = append(dirs, filepath.SplitList(extra)...)
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch {
			case strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml"):
				src, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				out = append(out, verdictFile{path, src})
			case strings.HasSuffix(path, ".txtar"):
				a, err := txtar.ParseFile(path)
				if err != nil {
					return err
				}
				for _, f := range a.Files {
					if strings.HasSuffix(f.Name, ".yaml") || strings.HasSuffix(f.Name, ".yml") {
						out = append(out, verdictFile{path + ":" + f.Name, f.Data})
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// slowValid is jsonschema's verdict.
func slowValid(t testing.TB, name string, v any) bool {
	s := loadSchemas()
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.schemas[name].Validate(v) == nil
}

// sameVerdict fails t where the generated check and jsonschema disagree on v, for every schema.
func sameVerdict(t testing.TB, what string, v any) (valid int) {
	t.Helper()
	for _, name := range schema.Names {
		fast, slow := fastSchemaValid(name, v), slowValid(t, name, v)
		if fast != slow {
			b, _ := json.Marshal(v)
			t.Errorf("%s against %s: the generated check says valid %v, jsonschema %v; the value: %.2000s", what, name, fast, slow, b)
		}
		if slow {
			valid++
		}
	}
	return valid
}

// sameNodeVerdict fails t where the generated check on the node tree of doc disagrees with the
// check on its values or with jsonschema, for every schema; it reports whether doc's tree was
// checked, which it is where the converter reported no error (Parsed.clean).
func sameNodeVerdict(t testing.TB, what string, doc *Parsed) bool {
	t.Helper()
	if !doc.clean {
		return false
	}
	for _, name := range schema.Names {
		onTree, onValues, slow := fastSchemaValidNode(name, doc.Root), fastSchemaValid(name, doc.Value()), slowValid(t, name, doc.Value())
		if onTree != onValues || onTree != slow {
			b, _ := json.Marshal(doc.Value())
			t.Errorf("%s against %s: the generated check says valid %v on the tree, %v on the values, jsonschema %v; the value: %.2000s", what, name, onTree, onValues, slow, b)
		}
	}
	return true
}

// valueNode is a node tree that stands for the JSON value v: every key a text, every scalar in
// the style YAML's writer picks for its tag.
func valueNode(v any) *yaml.Node {
	switch x := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, valueNode(x[k]))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, e := range x {
			n.Content = append(n.Content, valueNode(e))
		}
		return n
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(string(x), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(x)}
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(x)}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
}

// asText writes the value v as YAML and parses it: the document whose tree stands for v, or nil
// where the text does not parse cleanly to v (a value YAML cannot write as itself, or that the
// converter refuses, has no such tree).
func asText(v any) *Parsed {
	src, err := yaml.Marshal(valueNode(v))
	if err != nil {
		return nil
	}
	doc, _ := ParseLimited("f.yaml", src, DefaultLimits)
	if doc == nil || !doc.clean || !reflect.DeepEqual(doc.Value(), v) {
		return nil
	}
	return doc
}

// TestSchemaVerdict holds the generated check to jsonschema's verdict on every file at hand,
// against every schema (a proposal against the catalog's schema too: more verdicts to agree on),
// on the values and, where the converter reported no error, on the node tree.
func TestSchemaVerdict(t *testing.T) {
	files := verdictFiles(t)
	valid, invalid, trees := 0, 0, 0
	for _, f := range files {
		doc, _ := ParseLimited(f.name, f.src, DefaultLimits)
		if doc == nil {
			continue
		}
		n := sameVerdict(t, f.name, doc.Value())
		valid += n
		invalid += len(schema.Names) - n
		if sameNodeVerdict(t, f.name, doc) {
			trees++
		}
	}
	// The bundled files alone are 36 valid proposals and a valid catalog: a walk that found
	// nothing, or a check that accepts everything, does not pass.
	if len(files) < 100 || valid < 2*37 || invalid < 100 || trees < len(files)/2 {
		t.Errorf("%d files (%d trees), %d valid and %d invalid verdicts: the corpus is not what it was", len(files), trees, valid, invalid)
	}
}

// TestSchemaFastPathWords: a file the generated check refuses gets jsonschema's diagnostics, the
// same as with jsonschema alone; one it accepts gets none.
func TestSchemaFastPathWords(t *testing.T) {
	src := []byte("schema: 1\nnumber: 0\ntitle: ''\ncommittee: X\nadministration: a\nkind: other\napproved_with: ~\ncatalog: {title: t, contribution: {'2026': 1}, total_investment: ~}\n")
	doc, _ := Parse("p.yaml", src)
	if fastSchemaValid("proposal", doc.Value()) {
		t.Fatal("the generated check accepts an invalid proposal")
	}
	got := doc.Validate("proposal")
	modeOnce.Do(func() {})
	old := checkMode
	checkMode = "jsonschema"
	want := doc.Validate("proposal")
	checkMode = old
	if len(got) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("diagnostics through the fast path:\n%v\njsonschema alone:\n%v", got, want)
	}
}

// mutations are what FuzzSchemaVerdict does to the node it picks: wrong types, extra and
// missing keys, numbers at and past the schemas' bounds, numbers equal in value but not in text,
// strings at the length bounds in runes and bytes, unicode, keys that do or do not look like years.
const mutations = 14

var (
	boundaryNumbers = []string{"1899", "1900", "2200", "2201", "2200.0", "2199.99", "1900.000", "0", "-0", "1", "1.0", "0.5", "-1", "1E3", "2026", "2026.0", "2e3", "22e2", "100000000000000000000000000000000"}
	edgeStrings     = []string{"", "x", "é", "ééééééééé", "éééééééééé", "123456789", "1234567890", "a-b", "A", "-a", "a_b", "æøå", "2026", "all", "Service", "Anlæg", "investment", "draft", "da", "\u0000", strings.Repeat("ø", 5000)}
	edgeKeys        = []string{"2026", "20261", "202", "abcd", "２０２６", "extra", "schema", "title", "rows", "2026\n"}
)

// walkValues calls visit for every value of the tree v, parents first, with a function that
// replaces it in its parent (nil for the root).
func walkValues(v any, set func(any), visit func(v any, set func(any)) bool) bool {
	if !visit(v, set) {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		for _, k := range keys {
			if !walkValues(x[k], func(n any) { x[k] = n }, visit) {
				return false
			}
		}
	case []any:
		for i := range x {
			if !walkValues(x[i], func(n any) { x[i] = n }, visit) {
				return false
			}
		}
	}
	return true
}

// mutate changes the node numbered at (in walk order, modulo the count) of root by op, and
// returns the new root.
func mutate(root any, op uint8, at uint16) any {
	count := countValues(root)
	return mutateAt(root, op, int(at)%count, int(at)/count)
}

func countValues(root any) int {
	count := 0
	walkValues(root, nil, func(any, func(any)) bool { count++; return true })
	return count
}

// mutateAt changes the node numbered target (in walk order) of root by op, with pick choosing
// among the op's replacements, and returns the new root.
func mutateAt(root any, op uint8, target, pick int) any {
	i := 0
	walkValues(root, func(n any) { root = n }, func(v any, set func(any)) bool {
		if i != target {
			i++
			return true
		}
		switch op % mutations {
		case 1:
			set(edgeStrings[pick%len(edgeStrings)])
		case 2:
			set(json.Number(boundaryNumbers[pick%len(boundaryNumbers)]))
		case 3:
			set(nil)
		case 4:
			set(pick%2 == 0)
		case 5:
			set(map[string]any{})
		case 6:
			set([]any{})
		case 7: // an extra key, or a duplicate item
			switch x := v.(type) {
			case map[string]any:
				x[edgeKeys[pick%len(edgeKeys)]] = json.Number("1")
			case []any:
				if len(x) > 0 {
					set(append(x, x[pick%len(x)]))
				}
			}
		case 8: // a key missing, or an item
			switch x := v.(type) {
			case map[string]any:
				keys := slices.Sorted(maps.Keys(x))
				if len(keys) > 0 {
					delete(x, keys[pick%len(keys)])
				}
			case []any:
				if len(x) > 0 {
					set(x[:len(x)-1])
				}
			}
		case 9: // a number changed at a bound, or respelled
			if _, ok := v.(json.Number); ok {
				set(json.Number(boundaryNumbers[pick%len(boundaryNumbers)]))
			}
		case 10: // a string at a length bound, or unicode
			if _, ok := v.(string); ok {
				set(edgeStrings[pick%len(edgeStrings)])
			}
		case 11: // a key renamed
			if x, ok := v.(map[string]any); ok {
				keys := slices.Sorted(maps.Keys(x))
				if len(keys) > 0 {
					k := keys[pick%len(keys)]
					x[edgeKeys[pick%len(edgeKeys)]] = x[k]
					delete(x, k)
				}
			}
		case 12: // an item equal to another in value, spelled otherwise
			if x, ok := v.([]any); ok && len(x) > 0 {
				if n, ok := x[0].(json.Number); ok {
					set(append(x, json.Number(string(n)+".0")))
				}
			}
		case 13: // a long list of distinct items, or with one repeat (uniqueItems' other path)
			if x, ok := v.([]any); ok {
				for j := range 30 {
					x = append(x, json.Number(strconv.Itoa(1950+j)))
				}
				if pick%2 == 1 {
					x = append(x, json.Number("1960.00"))
				}
				set(x)
			}
		}
		return false
	})
	return root
}

// schemaSeeds are the bundled files, each with every mutation at a few places.
func schemaSeeds(t testing.TB) [][]byte {
	var out [][]byte
	for _, f := range verdictFiles(t) {
		if strings.HasPrefix(f.name, "../../proposals") {
			out = append(out, f.src)
		}
	}
	return out
}

// FuzzSchemaVerdict holds the generated check to jsonschema's verdict on every input: a YAML
// file, then one mutation (op) of one of its values (at).
func FuzzSchemaVerdict(f *testing.F) {
	for i, src := range schemaSeeds(f) {
		for op := range uint8(mutations) {
			f.Add(src, op, uint16(i*7919+int(op)*104729))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, op uint8, at uint16) {
		doc, _ := ParseLimited("f.yaml", src, DefaultLimits)
		if doc == nil {
			return
		}
		sameNodeVerdict(t, "the file", doc)
		v := mutate(doc.Value(), op, at)
		sameVerdict(t, fmt.Sprintf("mutation %d at %d", op%mutations, at), v)
		if doc := asText(v); doc != nil {
			sameNodeVerdict(t, fmt.Sprintf("mutation %d at %d, as YAML", op%mutations, at), doc)
		}
	})
}

// BenchmarkSchemaVerdict compares the generated check with jsonschema's Validate on the bundled
// files, each benchmark op one pass over all of them.
func BenchmarkSchemaVerdict(b *testing.B) {
	type value struct {
		name string
		v    any
		root *yaml.Node
	}
	var values []value
	for _, f := range verdictFiles(b) {
		if !strings.HasPrefix(f.name, "../../proposals") {
			continue
		}
		doc, _ := ParseLimited(f.name, f.src, DefaultLimits)
		name := "proposal"
		switch {
		case strings.HasSuffix(f.name, "catalog.yaml"):
			name = "catalog"
		case strings.Contains(f.name, "cross-cutting"):
			name = "crosscutting"
		}
		if !fastSchemaValid(name, doc.Value()) {
			b.Fatalf("%s is not valid against %s", f.name, name)
		}
		if !doc.clean || !fastSchemaValidNode(name, doc.Root) {
			b.Fatalf("%s: its tree is not valid against %s", f.name, name)
		}
		values = append(values, value{name, doc.Value(), doc.Root})
	}
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, v := range values {
				if !fastSchemaValid(v.name, v.v) {
					b.Fatal("invalid")
				}
			}
		}
	})
	b.Run("generated-tree", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, v := range values {
				if !fastSchemaValidNode(v.name, v.root) {
					b.Fatal("invalid")
				}
			}
		}
	})
	b.Run("jsonschema", func(b *testing.B) {
		s := loadSchemas()
		b.ReportAllocs()
		for b.Loop() {
			for _, v := range values {
				if s.schemas[v.name].Validate(v.v) != nil {
					b.Fatal("invalid")
				}
			}
		}
	})
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = deepCopy(e)
		}
		return a
	}
	return v
}

// TestSchemaVerdictMutations holds the two validators to the same verdict on every mutation of
// every value of a proposal, a cross-cutting proposal and the catalog.
func TestSchemaVerdictMutations(t *testing.T) {
	picks := map[uint8]int{1: 3, 2: 3, 4: 2, 7: len(edgeKeys), 8: 3, 9: len(boundaryNumbers), 10: len(edgeStrings), 11: len(edgeKeys), 13: 2}
	byName := map[string][]byte{}
	for _, f := range verdictFiles(t) {
		byName[f.name] = f.src
	}
	for _, f := range []struct{ file, schema string }{
		{"../../proposals/catalog.yaml", "catalog"},
		{"../../testdata/ledger.txtar:proposals/cross-cutting/affald.yaml", "crosscutting"},
		{"../../proposals/oeu/32-udskiftning-af-transmissionsenheder.yaml", "proposal"},
	} {
		src, ok := byName[f.file]
		if !ok {
			t.Fatalf("%s is gone", f.file)
		}
		doc, ds := Parse(f.file, src)
		if len(ds) != 0 {
			t.Fatal(ds)
		}
		n, verdicts, valid, trees, validTrees := countValues(doc.Value()), 0, 0, 0, 0
		for at := range n {
			for op := uint8(1); op < mutations; op++ {
				// At most three replacements a value, taken in turn, so every one is tried at some
				// values; but every edge string at every string (the length bounds are few).
				tries := min(3, max(1, picks[op]))
				if op == 10 {
					tries = picks[op]
				}
				for k := range tries {
					pick := (at + k) % max(1, picks[op])
					v := mutateAt(deepCopy(doc.Value()), op, at, pick)
					if op >= 7 && reflect.DeepEqual(v, doc.Value()) {
						continue // the mutation does not apply to this value
					}
					fast, slow := fastSchemaValid(f.schema, v), slowValid(t, f.schema, v)
					if fast != slow {
						b, _ := json.Marshal(v)
						t.Fatalf("%s, value %d, mutation %d, replacement %d: the generated check says valid %v, jsonschema %v; the value: %.3000s", f.file, at, op, pick, fast, slow, b)
					}
					verdicts++
					if slow {
						valid++
					}
					// The same value written as YAML: the check on its tree.
					if doc := asText(v); doc != nil {
						if onTree := fastSchemaValidNode(f.schema, doc.Root); onTree != slow {
							t.Fatalf("%s, value %d, mutation %d, replacement %d, as YAML: the generated check says valid %v on the tree, jsonschema %v", f.file, at, op, pick, onTree, slow)
						}
						trees++
						if slow {
							validTrees++
						}
					}
				}
			}
		}
		t.Logf("%s: %d values, %d mutations, %d valid; %d as trees, %d valid", f.file, n, verdicts, valid, trees, validTrees)
		if valid == 0 || valid == verdicts || validTrees == 0 || validTrees == trees || trees < verdicts/2 {
			t.Errorf("%s: %d of %d mutations valid, %d of %d trees: the mutations test nothing", f.file, valid, verdicts, validTrees, trees)
		}
	}
}
