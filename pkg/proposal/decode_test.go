package proposal_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/proposal"
)

// models are fresh values of the three models, each as its file's kind names it.
func models() map[string]func() any {
	return map[string]func() any{
		"proposal":     func() any { return &proposal.Proposal{} },
		"crosscutting": func() any { return &proposal.CrossCutting{} },
		"catalog":      func() any { return &proposal.Catalog{} },
	}
}

// checkDecode holds the model's own decoder to Node.Decode on the file's tree, into each of the
// three models: where it decodes, Node.Decode gives no error and the same value (every field,
// every pointer nil or not, every slice nil or empty); where it gives up, it leaves the value as
// it found it, for Node.Decode. It returns the kinds it decoded. kinds, if given, are the
// models it tries; else all three.
func checkDecode(t *testing.T, name string, src []byte, kinds ...string) (fast []string) {
	t.Helper()
	doc, _ := proposal.Parse(name, src)
	if doc == nil || doc.Root == nil {
		return nil
	}
	for kind, fresh := range models() {
		if len(kinds) > 0 && !slices.Contains(kinds, kind) {
			continue
		}
		got, want := fresh(), fresh()
		ok := proposal.FastDecode(doc.Root, got)
		err := doc.Root.Decode(want)
		switch {
		case ok && err != nil:
			t.Errorf("%s as %s: the model's decoder decodes what Node.Decode refuses (%v):\n%s", name, kind, err, src)
		case ok && !reflect.DeepEqual(got, want):
			t.Errorf("%s as %s: the model's decoder and Node.Decode differ: %s\n%s", name, kind, modelDiff(got, want), src)
		case !ok && !reflect.DeepEqual(got, fresh()):
			t.Errorf("%s as %s: the model's decoder gave up but left the value set: %+v", name, kind, got)
		}
		if ok {
			fast = append(fast, kind)
		}
	}
	return fast
}

// modelDiff names the first path at which two decoded models differ, and their values there.
func modelDiff(a, b any) string {
	var walk func(path string, x, y reflect.Value) string
	walk = func(path string, x, y reflect.Value) string {
		if x.Kind() != y.Kind() {
			return fmt.Sprintf("%s: %v against %v", path, x, y)
		}
		switch x.Kind() {
		case reflect.Pointer:
			if x.IsNil() != y.IsNil() {
				return fmt.Sprintf("%s: nil %v against nil %v", path, x.IsNil(), y.IsNil())
			}
			if !x.IsNil() {
				return walk(path, x.Elem(), y.Elem())
			}
		case reflect.Slice:
			if x.IsNil() != y.IsNil() || x.Len() != y.Len() {
				return fmt.Sprintf("%s: %d items (nil %v) against %d (nil %v)", path, x.Len(), x.IsNil(), y.Len(), y.IsNil())
			}
			for i := range x.Len() {
				if d := walk(fmt.Sprintf("%s.%d", path, i), x.Index(i), y.Index(i)); d != "" {
					return d
				}
			}
		case reflect.Struct:
			for i := range x.NumField() {
				if !x.Type().Field(i).IsExported() {
					if !reflect.DeepEqual(x.Interface(), y.Interface()) {
						return fmt.Sprintf("%s: %v against %v", path, x.Interface(), y.Interface())
					}
					return ""
				}
				if d := walk(path+"."+x.Type().Field(i).Name, x.Field(i), y.Field(i)); d != "" {
					return d
				}
			}
		default:
			if !reflect.DeepEqual(x.Interface(), y.Interface()) {
				return fmt.Sprintf("%s: %#v against %#v", path, x.Interface(), y.Interface())
			}
		}
		return ""
	}
	return walk("", reflect.ValueOf(a), reflect.ValueOf(b))
}

// TestDecodeMatchesNodeDecode holds the model's decoder to Node.Decode on every bundled file,
// every YAML file of testdata/ and of its txtar archives, and the files of the folders
// BUDGET_SCHEMA_CORPUS lists (the real-like ledger of bench/gen: 11,401 files). And it checks
// that the fast path is taken: every file that parses without an error and matches its schema
// is decoded by the model's decoder as its kind, else a decoder that always gave up would pass.
func TestDecodeMatchesNodeDecode(t *testing.T) {
	files := proposal.CorpusFiles(t)
	var valid, fast int
	for name, src := range files {
		decoded := checkDecode(t, name, src)
		kind := kindOf(strings.TrimPrefix(name[strings.LastIndex(name, ":")+1:], "/"))
		doc, ds := proposal.Parse(name, src)
		if doc == nil || ds.HasErrors() || doc.Validate(kind).HasErrors() {
			continue
		}
		valid++
		if slices.Contains(decoded, kind) {
			fast++
		} else {
			t.Errorf("%s: matches its schema (%s) but the model's decoder leaves it to Node.Decode", name, kind)
		}
	}
	if valid < 50 {
		t.Errorf("%d files match their schema, want the bundled ledger's and the test data's", valid)
	}
	t.Logf("%d files, %d of them valid, all %d decoded by the model's decoder", len(files), valid, fast)
}

// TestDecodeCoversEveryField: the synthetic files of testdata/decode set every field of the
// three models (a field added to the model and to the files but not to the decoder makes it
// give up on them), and the decoder reads them as Node.Decode does.
func TestDecodeCoversEveryField(t *testing.T) {
	for kind, fresh := range models() {
		src, err := os.ReadFile(filepath.Join("testdata", "decode", kind+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if decoded := checkDecode(t, kind+".yaml", src); !slices.Contains(decoded, kind) {
			t.Errorf("%s.yaml: the model's decoder leaves it to Node.Decode", kind)
		}
		v := fresh()
		doc, _ := proposal.Parse(kind+".yaml", src)
		if err := doc.Root.Decode(v); err != nil {
			t.Fatal(err)
		}
		set := map[string]bool{}
		all := map[string]bool{}
		fieldsSet(reflect.ValueOf(v).Elem(), set, all)
		for f := range all {
			if !set[f] {
				t.Errorf("testdata/decode/%s.yaml sets no %s: give every field of the model a value there", kind, f)
			}
		}
	}
}

// fieldsSet records, by Type.Field, every field of the model's structs below v (all) and those
// that hold a value other than their zero in some instance (set). The decimal inside an Amount,
// the Doc and the Year that RealisedYears reads from its key are no fields of the file.
func fieldsSet(v reflect.Value, set, all map[string]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fieldsSet(v.Elem(), set, all)
		}
	case reflect.Slice:
		for i := range v.Len() {
			fieldsSet(v.Index(i), set, all)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(proposal.Amount{}) {
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Tag.Get("yaml") == "-" {
				continue
			}
			name := v.Type().String() + "." + f.Name
			all[name] = true
			if !v.Field(i).IsZero() {
				set[name] = true
			}
			fieldsSet(v.Field(i), set, all)
		}
	}
}

// FuzzDecode holds the model's decoder to Node.Decode (checkDecode) on any input: the seeds are
// the fast reader's (every bundled file, its mutants with tricky values and keys, fmt's output of
// them, the YAML test suite, the test data) and the synthetic files of testdata/decode.
func FuzzDecode(f *testing.F) {
	addFastReaderSeeds(f)
	for kind := range models() {
		src, err := os.ReadFile(filepath.Join("testdata", "decode", kind+".yaml"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
		for _, m := range mutants(src) {
			f.Add(m)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkDecode(t, "f.yaml", src)
	})
}

// TestDecodeTrickyValues puts each tricky value at each key of the synthetic files (its first
// line), one at a time, and holds the model's decoder to Node.Decode on each, as the file's kind:
// every field's kind meets every spelling yaml.v3 resolves otherwise (null, numbers, booleans,
// dates, flow forms, tags, aliases).
func TestDecodeTrickyValues(t *testing.T) {
	values := append(slices.Clone(trickyValues), `""`, `"12"`, "'~'", "!!str 12", "!!int 12", "!!null ~", "!!null x",
		"!!bool true", "!!float 1", "!!timestamp 2026-01-02", "!!int x", "&a 1", "*a", "[~]", "[a, ~]", "{a: 1}", "[[a]]")
	n, fast := 0, 0
	for kind := range models() {
		src, err := os.ReadFile(filepath.Join("testdata", "decode", kind+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		seen := map[string]bool{}
		for i, l := range lines {
			k, _, isEntry := strings.Cut(strings.TrimPrefix(strings.TrimLeft(l, " "), "- "), ":")
			if !isEntry || strings.HasPrefix(strings.TrimSpace(l), "#") || seen[k] {
				continue
			}
			seen[k] = true
			prefix := l[:strings.Index(l, k)+len(k)+1]
			for _, v := range values {
				m := slices.Clone(lines)
				m[i] = prefix + " " + v
				n++
				if len(checkDecode(t, fmt.Sprintf("%s.yaml:%d", kind, i+1), []byte(strings.Join(m, "\n")), kind)) > 0 {
					fast++
				}
			}
		}
	}
	if fast < n/3 {
		t.Errorf("the model's decoder decoded %d of %d variants, want a third at least", fast, n)
	}
	t.Logf("%d variants, %d decoded by the model's decoder", n, fast)
}

// TestDecodeFollowsReaderEnv: Parsed.Decode takes the model's decoder, unless BUDGET_READER=yaml
// asks for yaml.v3 throughout, where it is Node.Decode's, at many times the allocations.
func TestDecodeFollowsReaderEnv(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "proposals", "biu", "03-forenklet-driftsunderstoettelse.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := proposal.Parse("f.yaml", src)
	allocs := func(reader string) float64 {
		t.Setenv(proposal.ReaderEnv, reader)
		return testing.AllocsPerRun(20, func() {
			var p proposal.Proposal
			if err := doc.Decode(&p); err != nil {
				t.Fatal(err)
			}
		})
	}
	fast, slow := allocs("fast"), allocs("yaml")
	if fast*2 > slow {
		t.Errorf("Decode allocates %.0f times fast, %.0f with %s=yaml: want Node.Decode's far more", fast, slow, proposal.ReaderEnv)
	}
	var want proposal.Proposal
	if err := doc.Root.Decode(&want); err != nil {
		t.Fatal(err)
	}
	for _, reader := range []string{"fast", "yaml"} {
		t.Setenv(proposal.ReaderEnv, reader)
		var got proposal.Proposal
		if err := doc.Decode(&got); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s=%s: Decode gives %v, %s", proposal.ReaderEnv, reader, err, modelDiff(got, want))
		}
	}
}

// BenchmarkDecode decodes every bundled file into its model: with Parsed.Decode (the model's
// decoder) and with Node.Decode (the ratio of the two in one run is the figure).
func BenchmarkDecode(b *testing.B) {
	type file struct {
		doc   *proposal.Parsed
		fresh func() any
	}
	var files []file
	for p, src := range bundled(b) {
		doc, _ := proposal.Parse(p, src)
		files = append(files, file{doc, models()[kindOf(p)]})
	}
	for _, way := range []string{"fast", "yaml"} {
		b.Run(way, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, f := range files {
					v := f.fresh()
					var err error
					if way == "fast" {
						if !proposal.FastDecode(f.doc.Root, v) {
							b.Fatal("the model's decoder left a bundled file to Node.Decode")
						}
					} else {
						err = f.doc.Root.Decode(v)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
