package diag

import (
	"bytes"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/msg"
)

func TestSortAndText(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.yaml", Line: 2, Column: 3}, "x.y", "sum-mismatch", "rows sum to %d", 5)
	l.Errorf(Pos{File: "a.yaml", Line: 9, Column: 1}, "", "schema", "bad")
	l.Errorf(Pos{File: "a.yaml", Line: 2, Column: 7}, "", "bad-amount", "worse")
	l.Sort()
	src := func(file string) []byte {
		if file == "a.yaml" {
			return []byte("one\n\ttwo: 1e3\n")
		}
		return nil
	}
	var b bytes.Buffer
	if err := WriteText(&b, l, TextSources(src), Options{}); err != nil {
		t.Fatal(err)
	}
	want := "a.yaml:2:7: error: worse [bad-amount]\n" +
		"    \ttwo: 1e3\n" +
		"    \t     ^\n" +
		"a.yaml:9:1: error: bad [schema]\n" +
		"b.yaml:2:3: warning: rows sum to 5 [sum-mismatch]\n" +
		"    acknowledge with: {check: sum-mismatch, at: x.y, reason: ...}\n" +
		"2 errors, 1 warning, 0 acknowledged\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestGitHubEscapes(t *testing.T) {
	l := List{{Pos: Pos{File: "p,q.yaml", Line: 1, Column: 2}, Severity: Warning, Code: "sign", Message: "50% off\nnext"}}
	var b bytes.Buffer
	if err := WriteGitHub(&b, l, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=p%2Cq.yaml,line=1,col=2,title=sign::50%25 off%0Anext\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	l[0].Acknowledged = true
	b.Reset()
	_ = WriteGitHub(&b, l, Options{All: true})
	if b.Len() != 0 {
		t.Errorf("acknowledged finding annotated: %q", b.String())
	}
}

// TestLongLineIsClipped: a file of one huge line shows a window around the column, with the
// caret still under it, instead of flooding the terminal.
func TestLongLineIsClipped(t *testing.T) {
	line := "summary: " + strings.Repeat("x", 5000) + " 1e3 " + strings.Repeat("y", 5000)
	l := List{{Pos: Pos{File: "a.yaml", Line: 2, Column: 5011}, Severity: Error, Code: "bad-amount", Message: "bad"}}
	var b bytes.Buffer
	if err := WriteText(&b, l, TextSources(func(string) []byte { return []byte("schema: 1\n" + line + "\n") }), Options{}); err != nil {
		t.Fatal(err)
	}
	want := "a.yaml:2:5011: error: bad [bad-amount]\n" +
		"    …" + strings.Repeat("x", 59) + " 1e3 " + strings.Repeat("y", 56) + "…\n" +
		"    " + strings.Repeat(" ", 61) + "^\n" +
		"1 error, 0 warnings, 0 acknowledged\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestErrorsKeepsOnlyErrors(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "a", Line: 1}, "", "w", "a warning")
	l.Errorf(Pos{File: "a", Line: 2}, "", "e", "an error")
	l.Warnf(Pos{File: "a", Line: 3}, "", "w", "another warning")
	got := l.Errors()
	if len(got) != 1 || got[0].Code != "e" || got[0].Pos.Line != 2 {
		t.Errorf("Errors() = %v, want only the error of line 2", got)
	}
	if (List{}).Errors() != nil {
		t.Error("Errors() of an empty list is not nil")
	}
}

func TestLimitErrors(t *testing.T) {
	var l List
	for i := MaxErrorsPerFile + 5; i >= 1; i-- { // out of order: the first by position are kept
		l.Errorf(Pos{File: "a.yaml", Line: i, Column: 1}, "", "schema", "bad")
	}
	l.Warnf(Pos{File: "a.yaml", Line: 500, Column: 1}, "x", "sum-mismatch", "kept")
	l.Errorf(Pos{File: "b.yaml", Line: 1, Column: 1}, "", "schema", "other file")

	got, limited := l.LimitErrors(false)
	if !limited {
		t.Fatal("limited = false for a file of more errors than the limit")
	}
	var lines []int
	for _, d := range got {
		if d.Pos.File == "a.yaml" && d.Severity == Error {
			lines = append(lines, d.Pos.Line)
		}
	}
	if len(lines) != MaxErrorsPerFile+1 || lines[0] != 1 || lines[MaxErrorsPerFile-1] != MaxErrorsPerFile {
		t.Fatalf("kept lines %v", lines)
	}
	marker := got[MaxErrorsPerFile]
	want := "a.yaml:101:1: error: more errors follow from here; budget shows the first 100 errors of a file: fix those first [too-many-errors]"
	if marker.String() != want {
		t.Errorf("marker = %s, want %s", marker, want)
	}
	if e, w := got.Count(); e != MaxErrorsPerFile+2 || w != 1 {
		t.Errorf("count = %d errors, %d warnings; want %d, 1 (the warning and b.yaml's error kept)", e, w, MaxErrorsPerFile+2)
	}

	short := List{{Pos: Pos{File: "a.yaml", Line: 3, Column: 2}, Severity: Error, Code: "schema", Message: "bad"}}
	if out, limited := short.LimitErrors(false); limited || len(out) != 1 {
		t.Errorf("a short list: limited %v, %d diagnostics", limited, len(out))
	}
	// A walk that stopped early says so even when what it collected is under the limit.
	out, limited := short.LimitErrors(true)
	if !limited || len(out) != 2 || out[1].Code != CodeTooManyErrors || out[1].Pos != short[0].Pos {
		t.Errorf("a stopped walk: limited %v, %v", limited, out)
	}
}

// TestLimitErrorsAtTheLimit: a file of exactly MaxErrorsPerFile errors keeps them all, sorted,
// with its warnings; one more error is the first left out.
func TestLimitErrorsAtTheLimit(t *testing.T) {
	for _, n := range []int{0, 1, MaxErrorsPerFile, MaxErrorsPerFile + 1} {
		var l List
		l.Warnf(Pos{File: "a.yaml", Line: 1000, Column: 1}, "x", "sum-mismatch", "kept")
		for i := n; i >= 1; i-- {
			l.Errorf(Pos{File: "a.yaml", Line: i, Column: 1}, "", "schema", "bad")
		}
		got, limited := l.LimitErrors(false)
		if limited != (n > MaxErrorsPerFile) {
			t.Errorf("%d errors: limited = %v", n, limited)
		}
		want := min(n, MaxErrorsPerFile)
		if n > MaxErrorsPerFile {
			want++ // the marker
		}
		if e, w := got.Count(); e != want || w != 1 {
			t.Errorf("%d errors: kept %d errors and %d warnings, want %d and 1", n, e, w, want)
		}
		for i := 1; i < len(got); i++ {
			if got[i-1].Pos.Line > got[i].Pos.Line {
				t.Errorf("%d errors: not sorted at %d: %v", n, i, got[i-1:i+1])
			}
		}
	}
}

// TestDanish: a diagnostic keeps its English Message and words itself in Danish where it is
// written out, what is appended to it included; the text writer words its own lines too.
func TestDanish(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "f.yaml", Line: 3, Column: 9}, "economy.x", "sum-mismatch", "%s prints %s in %d, but %s %s",
		`"Samlet"`, "-10", 2027, msg.Newf("its rows sum to"), "-12")
	l[0].Append(msg.Newf(" (and %d more aliases in this file)", 2))
	if got, want := l[0].Message, `"Samlet" prints -10 in 2027, but its rows sum to -12 (and 2 more aliases in this file)`; got != want {
		t.Errorf("Message %q, want %q", got, want)
	}
	var b strings.Builder
	if err := WriteText(&b, l, nil, Options{Lang: msg.Danish}); err != nil {
		t.Fatal(err)
	}
	want := `f.yaml:3:9: advarsel: "Samlet" viser -10 i 2027, men rækkerne summer til -12 (og 2 aliasser mere i denne fil) [sum-mismatch]
    kvittér med: {check: sum-mismatch, at: economy.x, reason: ...}
0 fejl, 1 advarsel, 0 kvitteret
`
	if b.String() != want {
		t.Errorf("Danish text:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteGitHub(&b, l, Options{Lang: msg.Danish}); err != nil {
		t.Fatal(err)
	}
	if want := "::warning file=f.yaml,line=3,col=9,title=sum-mismatch::\"Samlet\" viser -10 i 2027, men rækkerne summer til -12 (og 2 aliasser mere i denne fil)\n"; b.String() != want {
		t.Errorf("Danish annotation %q, want %q", b.String(), want)
	}
}
