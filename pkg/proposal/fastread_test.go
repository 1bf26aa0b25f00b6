package proposal_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

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
	if !reflect.DeepEqual(a.Value, b.Value) || !reflect.DeepEqual(a.Tree, b.Tree) {
		t.Fatalf("the parsed documents differ:\n%s", src)
	}
	lines := make([]int, strings.Count(string(src), "\n")+1)
	for i := range lines {
		lines[i] = i + 1
	}
	o := proposal.KeepOptions{All: true, Values: true, Lines: lines}
	if ka, kb := a.Keep(o), b.Keep(o); !reflect.DeepEqual(ka, kb) {
		t.Fatalf("the kept documents differ:\n%s", src)
	}
	return true
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
	for p, src := range bundled(t) {
		if !checkFastReader(t, src) {
			t.Errorf("%s: the fast reader leaves a bundled file to yaml.v3", p)
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
