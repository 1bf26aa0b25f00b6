package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// unworded are the texts with words that the code writes out without this package, each
// with why it need not be worded: data, names and errors that only a bug produces. Anything
// else a command writes goes through Newf or Errorf, so that it has its Danish.
var unworded = map[string]string{
	"%s\tschema/%s.schema.json\n":                "budget schema's list: a schema's name and its file",
	"budget: %s\n":                               "the program's name before an error, which is worded",
	"    %s\n    %s^\n":                          "a source line and the caret under the column",
	"::%s file=%s,line=%d,col=%d,title=%s::%s\n": "GitHub's annotation command, whose words are worded",
	"the data failed validation":                 "errDataFailed, which Main turns into exit 1 and never prints",
	"budget: trace: %s\n":                        "BUDGET_TRACE's output for developers, as Go's GODEBUG traces",
	"budget: trace: total %.1f ms, after the join %.1f ms (%.1f %%)\n": "BUDGET_TRACE's output for developers",
	// pkg/format's edits: the cause inside "writing the figures would change more of the file
	// (%v) ... please report this", which only a bug in sync shows.
	"it holds a %s, not a figure":            "a bug in catalog sync",
	"it is a %s, not a list":                 "a bug in catalog sync",
	"%q is not an index of a list of %d":     "a bug in catalog sync",
	"the values and the tree of %s disagree": "a bug in catalog sync",
	"%s is a %s, not a mapping or a list":    "a bug in catalog sync",
	// pkg/render's charts and diff's format fallback: only a bug shows these.
	"chart: gonum/plot wrote no <svg> element":                  "gonum/plot failing to write SVG, a bug",
	"chart of %s: %w":                                           "wraps gonum/plot's own error, a bug",
	"chart of proposal %d: %w":                                  "wraps gonum/plot's own error, a bug",
	"budget diff has no %s format: want text, markdown or json": "cli parses --format first: only a bug gets here",
	// The embedded schemas, which the tests compile: only a broken build shows these.
	"%s.schema.json: %w":                     "an embedded schema that does not parse",
	"%s: schema nests deeper than 64 levels": "an embedded schema nested too deep",
	"%s: cannot resolve $ref %q":             "an embedded schema with a broken $ref",
	"schema %s: %w":                          "an embedded schema that does not compile",
	// The cache's encoding: never shown, a file whose result cannot be kept or read is loaded anew.
	"binenc: corrupt input":                              "a cache entry that does not decode, loaded anew",
	"binenc: Encode of a non-pointer %T":                 "a bug in the cache's caller, whose file is loaded anew",
	"binenc: Decode of a non-pointer %T":                 "a bug in the cache's caller, whose file is loaded anew",
	"binenc: %s embeds the unexported %s":                "a model type the cache cannot keep, loaded anew",
	"binenc: %s has no field to encode":                  "a model type the cache cannot keep, loaded anew",
	"binenc: cannot encode a %s":                         "a model type the cache cannot keep, loaded anew",
	"proposal: the cache keeps kept Documents only (%s)": "a bug in the cache's caller, whose file is loaded anew",
	"proposal: cannot keep a JSON value of type %T":      "a value the cache cannot keep, loaded anew",
}

// bypassing are the calls that write text out or make an error of it without this package.
var bypassing = map[string]bool{
	"fmt.Fprintf": true, "fmt.Fprintln": true, "fmt.Fprint": true, "fmt.Printf": true,
	"fmt.Println": true, "fmt.Print": true, "fmt.Errorf": true, "errors.New": true,
}

// TestNoMessageBypassesTheCatalogue fails for each text with words that a command writes to
// its streams, or returns as an error, through fmt or errors rather than Newf or Errorf: such
// a text would stay English in a Danish run. pkg/render words its labels itself (Lang.word), so
// only its errors are looked at; pkg/escape names code points as Unicode does, and this
// package is the catalogue.
func TestNoMessageBypassesTheCatalogue(t *testing.T) {
	root := filepath.Join("..", "..")
	skip := map[string]bool{"msg": true, "escape": true}
	fset := token.NewFileSet()
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || skip[d.Name()] ||
				d.Name() == "bench" || d.Name() == "mutate" || d.Name() == "third_party" ||
				path == filepath.Join(root, "schema", "gen")) { // tools for developers, and others' code
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok || !bypassing[x.Name+"."+sel.Sel.Name] {
				return true
			}
			// pkg/render writes its labels through Lang.word; its errors are messages as any.
			if f.Name.Name == "render" && x.Name+"."+sel.Sel.Name != "fmt.Errorf" && x.Name+"."+sel.Sel.Name != "errors.New" {
				return true
			}
			for _, a := range call.Args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil || wordless(s) {
					continue
				}
				found++
				if _, ok := unworded[s]; !ok {
					t.Errorf("%s: %s.%s writes %q without pkg/msg, so a Danish run shows it in English: make it a msg.Newf or msg.Errorf (and give it its Danish in da.go), or, if it is no message, add it to unworded with why", fset.Position(lit.Pos()), x.Name, sel.Sel.Name, s)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("found no text at all: is the walk looking at the module?")
	}
}
