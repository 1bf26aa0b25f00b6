package msg

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// formatArg is where the format is among the arguments of each message-making function, by the
// name it is called with: a method (diag.List's Errorf and Warnf, the checker's errorf and
// warnf) by its name, a package's function by package.name.
var formatArg = map[string]int{
	"Errorf":     3, // diag.List.Errorf(pos, path, code, format, ...)
	"Warnf":      3,
	"errorf":     3, // check's checker.errorf(doc, path, code, format, ...)
	"warnf":      3,
	"usagef":     0, // cli
	"msg.Newf":   0,
	"msg.Errorf": 0,
	"diag.Newf":  4, // diag.Newf(pos, severity, path, code, format, ...)
	"fmt.Errorf": -1,
	"t.Errorf":   -1,
	"b.Errorf":   -1,
	"f.Errorf":   -1,
	"t.Fatalf":   -1,
}

type use struct {
	at     token.Position
	format string
}

// formats returns every message format of the module's Go source (tests left out), and where
// a message-making function is called with a format that is no literal.
func formats(t *testing.T) (uses []use, bad []string) {
	t.Helper()
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		pkg := f.Name.Name
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				name = fun.Name
				if _, ok := formatArg[pkg+"."+name]; ok {
					name = pkg + "." + name
				}
			case *ast.SelectorExpr:
				name = fun.Sel.Name
				if x, ok := fun.X.(*ast.Ident); ok {
					if _, ok := formatArg[x.Name+"."+name]; ok {
						name = x.Name + "." + name
					}
				}
			}
			i, ok := formatArg[name]
			if !ok || i < 0 || i >= len(call.Args) {
				return true
			}
			switch a := call.Args[i].(type) {
			case *ast.BasicLit:
				if a.Kind == token.STRING {
					s, err := strconv.Unquote(a.Value)
					if err == nil {
						uses = append(uses, use{fset.Position(a.Pos()), s})
						return true
					}
				}
			case *ast.Ident:
				if a.Name == "format" { // a function that passes its own format on
					return true
				}
			}
			bad = append(bad, fmt.Sprintf("%s: the format of %s is not a literal: write it in the call, so that its Danish can be checked", fset.Position(call.Pos()), name))
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return uses, bad
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*(\d+|\*)?(\.\d+)?[a-zA-Z%]`)

// verbs lists the verbs of format as fmt applies them to the arguments: by position, an
// explicit index moving it, %% left out.
func verbs(format string) []string {
	var out []string
	next := 1
	for _, v := range verb.FindAllStringSubmatch(format, -1) {
		if strings.HasSuffix(v[0], "%") && v[0] == "%%" {
			continue
		}
		n := next
		if v[1] != "" {
			n, _ = strconv.Atoi(strings.Trim(v[1], "[]"))
		}
		letter := v[0][len(v[0])-1:]
		out = append(out, fmt.Sprintf("%d:%s", n, letter))
		next = n + 1
	}
	slices.Sort(out)
	return out
}

// wordless reports whether a format has nothing to translate: only verbs, spaces and
// punctuation, such as "%s" or "%s: %w".
func wordless(format string) bool {
	rest := verb.ReplaceAllString(format, "")
	return strings.Trim(rest, " \t\n:;,.()[]{}-–→/\"'") == ""
}

// TestDanishComplete fails for each message format of the code that has no Danish, for each
// Danish whose verbs differ from its English's, and for each Danish no code uses.
func TestDanishComplete(t *testing.T) {
	uses, bad := formats(t)
	for _, b := range bad {
		t.Error(b)
	}
	if len(uses) < 100 {
		t.Fatalf("found only %d message formats: is the walk looking at the module?", len(uses))
	}
	used := map[string]bool{}
	var missing []string
	for _, u := range uses {
		used[u.format] = true
		if wordless(u.format) {
			continue
		}
		da, ok := danish[u.format]
		if !ok {
			missing = append(missing, fmt.Sprintf("%s: no Danish for this message; add to pkg/msg/da.go:\n\t%q: %q,", u.at, u.format, "TODO"))
			continue
		}
		if a, b := verbs(u.format), verbs(da); !slices.Equal(a, b) {
			t.Errorf("%s: the Danish of %q has the verbs %v, the English %v: give it the same verbs (%%[2]s to change their order)", u.at, u.format, b, a)
		}
	}
	slices.Sort(missing)
	for _, m := range slices.Compact(missing) {
		t.Error(m)
	}
	for en := range danish {
		if !used[en] {
			t.Errorf("pkg/msg/da.go: the Danish of %q is used by no code: remove it (or, if its English changed, key it by the new English)", en)
		}
	}
}

func TestVerbs(t *testing.T) {
	for _, c := range []struct {
		format string
		want   []string
	}{
		{"%s is %d", []string{"1:s", "2:d"}},
		{"%[2]d er %[1]s", []string{"1:s", "2:d"}},
		{"100%% of %q", []string{"1:q"}},
		{"%-4s %5.2f %w", []string{"1:s", "2:f", "3:w"}},
	} {
		if got := verbs(c.format); !slices.Equal(got, c.want) {
			t.Errorf("verbs(%q) = %v, want %v", c.format, got, c.want)
		}
	}
}

func TestIn(t *testing.T) {
	danish["test: %s of %d"] = "prøve: %[2]d af %[1]s"
	danish["inner"] = "indre"
	defer delete(danish, "test: %s of %d")
	defer delete(danish, "inner")
	m := Newf("test: %s of %d", Newf("inner"), 2027)
	if got, want := m.In(Danish), "prøve: 2027 af indre"; got != want {
		t.Errorf("Danish: %q, want %q", got, want)
	}
	if got, want := m.In(English), "test: inner of 2027"; got != want {
		t.Errorf("English: %q, want %q", got, want)
	}
	err := Errorf("test: %s of %d", Errorf("inner"), 1000)
	if got, want := In(err, Danish), "prøve: 1000 af indre"; got != want {
		t.Errorf("Danish error: %q, want %q", got, want)
	}
	if got, want := err.Error(), "test: inner of 1000"; got != want {
		t.Errorf("English error: %q, want %q", got, want)
	}
}
