package render

import (
	"bytes"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
)

// junitRead is a JUnit report as readers take it, decoded on its own terms (not with the
// writer's types): the suite, its cases and each case's failures and output.
type junitRead struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Cases    []struct {
			Name     string `xml:"name,attr"`
			File     string `xml:"file,attr"`
			Failures []struct {
				Type    string `xml:"type,attr"`
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// parseJUnit decodes a report, failing the test on one that is not well-formed XML 1.0 or has
// other than one suite whose counts agree with its cases.
func parseJUnit(t *testing.T, out string) junitRead {
	t.Helper()
	if !strings.HasPrefix(out, xml.Header) {
		t.Fatalf("no XML declaration:\n%s", out)
	}
	var r junitRead
	d := xml.NewDecoder(strings.NewReader(out))
	d.Strict = true
	if err := d.Decode(&r); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	if len(r.Suites) != 1 {
		t.Fatalf("%d test suites, want one", len(r.Suites))
	}
	s := r.Suites[0]
	failing := 0
	for _, c := range s.Cases {
		if len(c.Failures) > 0 {
			failing++
		}
	}
	if s.Tests != len(s.Cases) || s.Failures != failing || r.Tests != s.Tests || r.Failures != s.Failures {
		t.Fatalf("counts: suites %d/%d, suite %d/%d, cases %d/%d failing\n%s", r.Tests, r.Failures, s.Tests, s.Failures, len(s.Cases), failing, out)
	}
	return r
}

func junitOf(t *testing.T, files []string, ds diag.List, strict bool, lang msg.Lang) junitRead {
	t.Helper()
	var b bytes.Buffer
	if err := JUnit(&b, files, ds, strict, diag.Options{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return parseJUnit(t, b.String())
}

// TestJUnitBundled: a case for every file of the bundled ledger, passing ones too; none fails,
// each acknowledged finding is a note with its reason, with and without --strict.
func TestJUnitBundled(t *testing.T) {
	l, ds, err := check.Load(os.DirFS("../../proposals"), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := ledger.Files(os.DirFS("../../proposals"), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, strict := range []bool{false, true} {
		r := junitOf(t, docNames(l), ds, strict, msg.English)
		s := r.Suites[0]
		if len(s.Cases) != len(files) || s.Failures != 0 {
			t.Fatalf("strict %v: %d cases, %d failing; the ledger has %d files, none failing", strict, len(s.Cases), s.Failures, len(files))
		}
		notes := 0
		for i, c := range s.Cases {
			if want := "proposals/" + files[i]; c.Name != want || c.File != want {
				t.Errorf("case %d is %s (%s), want %s", i, c.Name, c.File, want)
			}
			notes += strings.Count(c.SystemOut, " (acknowledged): ")
		}
		if notes != len(ds) {
			t.Errorf("strict %v: %d acknowledged notes of %d findings", strict, notes, len(ds))
		}
	}
}

func docNames(l *ledger.Ledger) []string {
	var out []string
	for name := range l.Docs {
		out = append(out, name)
	}
	return out
}

// TestJUnitFindings: an error is a failure of its file's case, with the type its code and the
// text its line; a warning a failure with strict and a note without; an acknowledged finding a
// note with its reason; a file named only by a finding has a case; data text with characters
// XML 1.0 cannot hold, or that hide, comes out visible and the document well-formed.
func TestJUnitFindings(t *testing.T) {
	hidden := "a\x00b\x1b[2Jc\x7fd\u202ee\ufffef\u2028g]]>h<i&"
	ds := diag.List{
		diag.Newf(diag.Pos{File: "proposals/aaa/01-x.yaml", Line: 3, Column: 9}, diag.Error, "", "bad-amount", "%q is not an exact decimal number", hidden),
		diag.Newf(diag.Pos{File: "proposals/aaa/01-x.yaml", Line: 5, Column: 2}, diag.Warning, "economy", "sum-mismatch", "rows sum to 5"),
		{Pos: diag.Pos{File: "proposals/bbb/02-y\u202e.yaml", Line: 1, Column: 1}, Severity: diag.Warning, Code: "sign", Message: "negative", Acknowledged: true, Reason: hidden},
	}
	files := []string{"proposals/aaa/01-x.yaml", "proposals/catalog.yaml"}
	for _, strict := range []bool{false, true} {
		var b bytes.Buffer
		if err := JUnit(&b, files, ds, strict, diag.Options{Lang: msg.English}); err != nil {
			t.Fatal(err)
		}
		for _, r := range b.String() {
			if escape.Hidden(r) && r != '\n' {
				t.Fatalf("strict %v: the report holds %s:\n%s", strict, escape.Name(r), b.String())
			}
		}
		s := parseJUnit(t, b.String()).Suites[0]
		if len(s.Cases) != 3 {
			t.Fatalf("%d cases, want 3", len(s.Cases))
		}
		x, y, cat := s.Cases[0], s.Cases[1], s.Cases[2]
		want := 1
		if strict {
			want = 2
		}
		if x.Name != "proposals/aaa/01-x.yaml" || len(x.Failures) != want || x.Failures[0].Type != "bad-amount" ||
			x.Failures[0].Text != "proposals/aaa/01-x.yaml:3:9: error: \"a\\x00b\\x1b[2Jc\\x7fd\\u202ee\\ufffef\\u2028g]]>h<i&\" is not an exact decimal number [bad-amount]" {
			t.Errorf("strict %v: %+v", strict, x)
		}
		if note := "proposals/aaa/01-x.yaml:5:2: warning: rows sum to 5 [sum-mismatch]\n"; strict == (x.SystemOut == note) {
			t.Errorf("strict %v: system-out %q", strict, x.SystemOut)
		}
		if y.Name != `proposals/bbb/02-y\u202e.yaml` || len(y.Failures) != 0 ||
			y.SystemOut != "proposals/bbb/02-y\\u202e.yaml:1:1: warning (acknowledged): negative [sign]\n    reason: a\\x00b\\x1b[2Jc\\x7fd\\u202ee\\ufffef\\u2028g]]>h<i&\n" {
			t.Errorf("strict %v: %+v", strict, y)
		}
		if cat.Name != "proposals/catalog.yaml" || len(cat.Failures) != 0 || cat.SystemOut != "" {
			t.Errorf("strict %v: a passing file: %+v", strict, cat)
		}
	}
}
