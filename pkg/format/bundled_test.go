package format_test

import (
	"bytes"
	"io/fs"
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/render"
	"go.yaml.in/yaml/v3"
)

const bundled = "../../proposals"

// TestBundledFilesAreCanonical keeps proposals/ formatted: CI runs budget fmt --check too, but
// this names the file and shows what would change.
func TestBundledFilesAreCanonical(t *testing.T) {
	fsys := os.DirFS(bundled)
	files, _, err := ledger.Files(fsys, "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 39 {
		t.Fatalf("found %d files in %s, want the 36 proposals, 2 cross-cutting and the catalog", len(files), bundled)
	}
	for _, f := range files {
		src, _ := fs.ReadFile(fsys, f)
		out, ds := format.Source(f, ledger.KindOf(f), src)
		if out == nil {
			t.Errorf("%s refused: %v", f, ds)
			continue
		}
		if !bytes.Equal(out, src) {
			t.Errorf("%s is not canonical: run budget fmt", f)
		}
	}
}

// TestMessyRoundTrip scrambles every bundled file (keys in reverse order, years backwards,
// four-space indentation, text in quotes, no empty lines), formats it, and checks that the
// ledger it makes exports byte for byte what the bundled ledger does, and that formatting gives
// the bundled file back.
func TestMessyRoundTrip(t *testing.T) {
	fsys := os.DirFS(bundled)
	files, _, err := ledger.Files(fsys, "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := export(t, fsys)
	formatted := fstest.MapFS{}
	for _, f := range files {
		src, _ := fs.ReadFile(fsys, f)
		messy := scramble(t, src)
		if bytes.Equal(messy, src) {
			t.Fatalf("%s: scrambling changed nothing", f)
		}
		out, ds := format.Source(f, ledger.KindOf(f), messy)
		if out == nil {
			t.Fatalf("%s: the scrambled file is refused: %v\n%s", f, ds, messy)
		}
		again, _ := format.Source(f, ledger.KindOf(f), out)
		if !bytes.Equal(again, out) {
			t.Errorf("%s: formatting is not idempotent", f)
		}
		if !bytes.Equal(out, src) {
			t.Errorf("%s: formatting the scrambled file does not give the bundled file back", f)
		}
		formatted[f] = &fstest.MapFile{Data: out}
	}
	if got := export(t, formatted); !bytes.Equal(got, want) {
		t.Errorf("export of the formatted ledger differs from the bundled one")
	}
}

func export(t *testing.T, fsys fs.FS) []byte {
	t.Helper()
	l, _, err := ledger.Load(fsys, "proposals")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := render.Export(&b, render.ExportLedger{Catalog: l.Catalog, Proposals: l.Proposals, CrossCutting: l.CrossCutting}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func scramble(t *testing.T, src []byte) []byte {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		t.Fatal(err)
	}
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			var pairs [][2]*yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				pairs = append(pairs, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
			}
			slices.Reverse(pairs)
			n.Content = n.Content[:0]
			for _, p := range pairs {
				n.Content = append(n.Content, p[0], p[1])
			}
		}
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			n.Style = yaml.DoubleQuotedStyle
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&n)
	var b bytes.Buffer
	e := yaml.NewEncoder(&b)
	e.SetIndent(4)
	if err := e.Encode(&n); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
