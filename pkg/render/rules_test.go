package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// validateSources are the packages whose diagnostics budget validate reports: the loader's
// (pkg/ledger, pkg/proposal), the checks' (pkg/check) and the list's own (pkg/diag).
var validateSources = []string{"../check", "../proposal", "../ledger", "../diag"}

// usedCodes reads the Go sources of the packages in dirs and returns every code a diagnostic
// is made with there, each with where: the code argument of List.Errorf/Warnf and the checker's
// errorf/warnf/differences (the third), of diag.Newf (the fourth), and a Diagnostic literal's
// Code. A code is a string literal or a constant named Code...; a helper's own parameter
// named code passes one on. Anything else fails the test, so that no code escapes it.
func usedCodes(t *testing.T, dirs []string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, dir := range dirs {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	consts := map[string]string{} // Code... constants by name
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok {
				for i, id := range vs.Names {
					if i < len(vs.Values) && strings.HasPrefix(id.Name, "Code") {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[id.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
			return true
		})
	}
	used := map[string]string{}
	resolve := func(e ast.Expr) {
		at := fset.Position(e.Pos()).String()
		switch e := e.(type) {
		case *ast.BasicLit:
			if s, err := strconv.Unquote(e.Value); err == nil && e.Kind == token.STRING {
				used[s] = at
				return
			}
		case *ast.Ident:
			if v, ok := consts[e.Name]; ok {
				used[v] = at
				return
			}
			if e.Name == "code" {
				return
			}
		case *ast.SelectorExpr:
			if v, ok := consts[e.Sel.Name]; ok {
				used[v] = at
				return
			}
		}
		t.Errorf("%s: a diagnostic's code that is neither a string nor a Code constant: teach usedCodes to read it", at)
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var name string
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					if x, ok := fn.X.(*ast.Ident); ok && (x.Name == "msg" || x.Name == "fmt") {
						return true
					}
					name = fn.Sel.Name
				}
				switch {
				case slices.Contains([]string{"Errorf", "Warnf", "errorf", "warnf", "differences"}, name) && len(n.Args) >= 4:
					resolve(n.Args[2])
				case name == "Newf" && len(n.Args) >= 5:
					resolve(n.Args[3])
				}
			case *ast.CompositeLit:
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Code" {
							if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Diagnostic" || isIdent(n.Type, "Diagnostic") {
								resolve(kv.Value)
							}
						}
					}
				}
			}
			return true
		})
	}
	return used
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// TestRulesCoverCodes: Rules holds every code a diagnostic of validate is made with, once,
// sorted, and no code that none is made with.
func TestRulesCoverCodes(t *testing.T) {
	used := usedCodes(t, validateSources)
	if len(used) < 30 {
		t.Fatalf("found only %d codes in the sources: usedCodes no longer reads them", len(used))
	}
	listed := map[string]bool{}
	for i, r := range Rules {
		if i > 0 && Rules[i-1].Code >= r.Code {
			t.Errorf("Rules: %s after %s: keep them sorted, each once", r.Code, Rules[i-1].Code)
		}
		listed[r.Code] = true
		if _, ok := used[r.Code]; !ok {
			t.Errorf("Rules: %s is the code of no diagnostic", r.Code)
		}
		if r.Short == "" || r.Full == "" || r.Fix == "" || strings.HasSuffix(r.Short, ".") || !strings.HasSuffix(r.Full, ".") {
			t.Errorf("Rules: %s wants a short description (one line, no full stop), what it means and how to fix it (sentences)", r.Code)
		}
	}
	for code, at := range used {
		if !listed[code] {
			t.Errorf("%s: code %s is not in Rules (pkg/render/rules.go)", at, code)
		}
	}
}
