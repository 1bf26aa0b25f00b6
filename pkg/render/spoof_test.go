package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/diff"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// The property test of hostile text: every string of real report models (the bundled ledger's
// Table 1, Table 2, sheets and target, a diff report and a list of diagnostics) is replaced, once
// by a plain word and once by random Unicode, and each renderer's output is checked: no hidden
// character in terminal, markdown, JSON or annotation output; markdown with the same headings,
// table rows and columns, line for line, as with the plain words, and no HTML, link or mention
// of the data's own; CSV with the same records, no text cell a formula; JSON with the exact text.

// nastyPieces are what random strings are made of: markup of every medium, controls, bidi and
// invisible characters.
var nastyPieces = []string{
	"a", "Ø", "1", " ", "  ", "\n", "\r\n", "\t", "\x1b[2J", "\x1b]0;pwned\a", "\u009b31m", "\x7f", "\x00",
	"\u202e", "\u2066", "\u200e", "\u061c", "\u200b", "\u200d", "\u2060", "\ufeff", "\u2028", "\u2029", "\u0085",
	"\u00ad", "\U000E0041", "\ufe0f", "\u3164", "\u034f", "|", "\\|", "\\", "`", "```", "~~~", "*", "_", "**", "#",
	"## ", "\n# x\n", "<", ">", "&", "&lt;", "<!--", "-->", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
	"![i](http://x/i.png)", "[^1]", "@octocat", "a@b.dk", "#12", "GH-1", "https://evil.example", "www.evil.example",
	"$x$", "$$", ":+1:", "- ", "+ ", "1. ", "2) ", "---", "===", "> ", "    ", "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)",
	"%0A", "::error::x", "\"", "'", ",", ";", "é", "日本", "🏴\U000E0067\U000E0062\U000E007F",
}

// nasty returns a random non-empty string of pieces and random runes.
func nasty(r *rand.Rand) string {
	var b strings.Builder
	for n := 1 + r.IntN(6); n > 0; n-- {
		if r.IntN(4) == 0 {
			c := rune(r.IntN(0x10ffff))
			if utf8.ValidRune(c) {
				b.WriteRune(c)
			}
			continue
		}
		b.WriteString(nastyPieces[r.IntN(len(nastyPieces))])
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// scramble returns a deep copy of v with every non-empty string s replaced by f(s); the same
// string always by the same replacement, so that what is equal stays equal.
func scramble[T any](v T, f func(string) string) T {
	seen := map[string]string{}
	g := func(s string) string {
		if s == "" {
			return s
		}
		if t, ok := seen[s]; ok {
			return t
		}
		t := f(s)
		seen[s] = t
		return t
	}
	out := reflect.New(reflect.TypeOf(&v).Elem()).Elem()
	copyValue(out, reflect.ValueOf(&v).Elem(), g)
	return out.Interface().(T)
}

func copyValue(dst, src reflect.Value, f func(string) string) {
	switch src.Kind() {
	case reflect.String:
		dst.SetString(f(src.String()))
	case reflect.Pointer:
		if !src.IsNil() {
			p := reflect.New(src.Type().Elem())
			copyValue(p.Elem(), src.Elem(), f)
			dst.Set(p)
		}
	case reflect.Slice:
		if !src.IsNil() {
			s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
			for i := range src.Len() {
				copyValue(s.Index(i), src.Index(i), f)
			}
			dst.Set(s)
		}
	case reflect.Array:
		for i := range src.Len() {
			copyValue(dst.Index(i), src.Index(i), f)
		}
	case reflect.Map:
		if !src.IsNil() {
			m := reflect.MakeMap(src.Type())
			for it := src.MapRange(); it.Next(); {
				k := reflect.New(src.Type().Key()).Elem()
				copyValue(k, it.Key(), f)
				e := reflect.New(src.Type().Elem()).Elem()
				copyValue(e, it.Value(), f)
				m.SetMapIndex(k, e)
			}
			dst.Set(m)
		}
	case reflect.Struct:
		dst.Set(src) // unexported fields (decimal.Decimal's) as they are
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				copyValue(dst.Field(i), src.Field(i), f)
			}
		}
	case reflect.Interface:
		if !src.IsNil() {
			e := reflect.New(src.Elem().Type()).Elem()
			copyValue(e, src.Elem(), f)
			dst.Set(e)
		}
	default:
		dst.Set(src)
	}
}

// models are the report models the renderers take.
type models struct {
	Totals ledger.Totals
	Table2 ledger.Table2
	Sheets []ledger.Sheet
	Target ledger.Target
	Diff   diff.Report
	Diags  diag.List
	Source string // the source line every diagnostic points at
}

var bundled = sync.OnceValues(func() (models, error) {
	l, _, err := ledger.Load(os.DirFS("../../proposals"), "proposals")
	if err != nil {
		return models{}, err
	}
	m := models{Totals: l.Totals(), Table2: l.Table2()}
	for i, p := range l.Proposals {
		if i%9 == 0 || p.Number == 32 {
			m.Sheets = append(m.Sheets, l.Sheet(p))
		}
	}
	for _, x := range l.CrossCutting {
		m.Sheets = append(m.Sheets, l.CrossCuttingSheet(x))
	}
	m.Target, _ = l.Target()
	d := func(v string) *decimal.Decimal { x := decimal.RequireFromString(v); return &x }
	finding := diag.Diagnostic{Pos: diag.Pos{File: "proposals/aaa/01-x.yaml", Line: 3, Column: 9}, Severity: diag.Warning,
		Code: "sum-mismatch", Message: "rows of \"Samlet\" sum to 5", Path: "economy.permanent", Reason: "the document says so"}
	ref := diff.Ref{Number: 1, Title: "Digital løsning", Committee: "aaa", Kind: "investment"}
	m.Diff = diff.Report{From: "main", To: "HEAD", Unit: "1.000 kr.", PriceLevel: "2026 p/l", Years: []int{2026, 2027},
		Totals: []diff.TotalsRow{
			{Committee: "aaa", Name: "Alfa-udvalget", Before: figs("1", "2"), After: figs("1", "3"), Change: figs("0", "1")},
			{Before: figs("1", "2"), After: figs("1", "3"), Change: figs("0", "1")},
		},
		Added:   []diff.Ref{ref},
		Removed: []diff.Ref{{ID: "affald", Title: "Bedre affald", Kind: "cross-cutting"}},
		Moved:   []diff.Move{{Ref: ref, From: "aaa", To: "bbb"}},
		Changed: []diff.Change{{Ref: ref,
			Amounts: []diff.AmountChange{{Row: "economy.permanent.rows[Tidsbesparelse]", Year: 2026, Before: d("-100"), After: d("-90"), Change: d("10")}},
			Fields:  []diff.FieldChange{{Path: "summary", Before: "Gammel", After: "Ny"}}}},
		Findings: diff.Findings{New: diag.List{finding}, Resolved: diag.List{finding}},
	}
	m.Diags = diag.List{finding, {Pos: diag.Pos{File: "proposals/catalog.yaml", Line: 3, Column: 2}, Code: "schema", Message: "bad"}}
	m.Diags[1].Acknowledged = false
	ack := finding
	ack.Acknowledged = true
	m.Diags = append(m.Diags, ack)
	m.Source = "title: Digital løsning"
	return m, nil
})

// output is one renderer's output and how to check it.
type output struct {
	name   string
	medium string // terminal, markdown, csv, json, github
	text   string
}

// render writes every report of m in every format.
func (m models) render(t *testing.T) []output {
	t.Helper()
	var outs []output
	add := func(name, medium string, write func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		outs = append(outs, output{name, medium, b.String()})
	}
	media := map[Format]string{Table: "terminal", Markdown: "markdown", CSV: "csv", JSON: "json"}
	for _, f := range []Format{Table, Markdown, CSV, JSON} {
		add("totals "+string(f), media[f], func(b *bytes.Buffer) error { return Totals(b, m.Totals, f, English) })
		add("proposals "+string(f), media[f], func(b *bytes.Buffer) error { return Proposals(b, m.Table2, f, Danish) })
		add("show "+string(f), media[f], func(b *bytes.Buffer) error { return Sheets(b, m.Sheets, f, English) })
		add("target "+string(f), media[f], func(b *bytes.Buffer) error { return Target(b, m.Target, f, Danish) })
	}
	for _, f := range []Format{Table, Markdown, JSON} {
		add("diff "+string(f), media[f], func(b *bytes.Buffer) error { return Diff(b, &m.Diff, f, English) })
	}
	failed := m.Diff
	failed.Failed = []diff.Failure{{Side: failed.To, Errors: m.Diags}}
	add("diff failed markdown", "markdown", func(b *bytes.Buffer) error { return Diff(b, &failed, Markdown, English) })
	add("diff failed text", "terminal", func(b *bytes.Buffer) error { return Diff(b, &failed, Table, English) })
	src := diag.TextSources(func(string) []byte { return []byte("\n\n" + m.Source + "\n") })
	add("validate text", "diag", func(b *bytes.Buffer) error { return diag.WriteText(b, m.Diags, src, diag.Options{All: true}) })
	add("validate json", "json", func(b *bytes.Buffer) error { return Diagnostics(b, m.Diags, diag.Options{All: true}) })
	add("validate github", "github", func(b *bytes.Buffer) error { return diag.WriteGitHub(b, m.Diags, diag.Options{All: true}) })
	add("validate sarif", "sarif", func(b *bytes.Buffer) error { return SARIF(b, m.Diags, SARIFTool{Version: "devel"}, diag.Options{}) })
	add("validate junit", "junit", func(b *bytes.Buffer) error { return JUnit(b, nil, m.Diags, true, diag.Options{}) })
	return outs
}

var (
	plainOnce    sync.Once
	plainOutputs []output
)

// checkSpoof renders the bundled models with plain words and with the strings hostile gives,
// and checks every output.
func checkSpoof(t *testing.T, hostile func() string) {
	m, err := bundled()
	if err != nil {
		t.Fatal(err)
	}
	plainOnce.Do(func() {
		n := 0
		plainOutputs = scramble(m, func(string) string { n++; return fmt.Sprintf("w%d", n) }).render(t)
	})
	plain := plainOutputs
	bad := scramble(m, func(string) string { return hostile() })
	outs := bad.render(t)
	for i, o := range outs {
		checkOutput(t, o, plain[i], bad)
	}
}

func checkOutput(t *testing.T, o, plain output, m models) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: %s\n%s", o.name, fmt.Sprintf(format, args...), o.text)
	}
	if o.medium != "csv" {
		for _, r := range o.text {
			if escape.Hidden(r) && r != '\n' && !(r == '\t' && o.medium == "diag") {
				fail("holds %s", escape.Name(r))
				return
			}
		}
	}
	switch o.medium {
	case "terminal", "diag", "github":
		// Pages (show, target) wrap their paragraphs to the words' length; elsewhere a line of
		// output is a line whatever its text.
		wraps := strings.HasPrefix(o.name, "show") || strings.HasPrefix(o.name, "target")
		if got, want := strings.Count(o.text, "\n"), strings.Count(plain.text, "\n"); got != want && !wraps {
			fail("%d lines, %d with plain words", got, want)
		}
		if o.medium == "github" {
			for l := range strings.Lines(o.text) {
				if !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") {
					fail("line %q is no annotation", l)
				}
			}
		}
	case "markdown":
		got, want := markdownShape(o.text), markdownShape(plain.text)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			fail("shape differs from plain words:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		prose := withoutCode(o.text)
		for _, bad := range []string{"<", "://", "www.", "WWW."} {
			if strings.Contains(prose, bad) {
				fail("holds %q outside code", bad)
			}
		}
		for i := range len(prose) {
			switch prose[i] {
			case '[', ']', '`', '*', '_', '$', '~':
				if !escaped(prose, i) && !ownMarkup(prose, i) {
					fail("unescaped %q at %d: %q", prose[i], i, prose[max(0, i-20):min(len(prose), i+20)])
					return
				}
			case '@':
				if !strings.HasPrefix(prose[i+1:], "&#8203;") {
					fail("@ without a zero-width space at %d", i)
					return
				}
			}
		}
	case "csv":
		got, err1 := csv.NewReader(strings.NewReader(o.text)).ReadAll()
		want, err2 := csv.NewReader(strings.NewReader(plain.text)).ReadAll()
		if err1 != nil || err2 != nil {
			fail("does not parse: %v %v", err1, err2)
			return
		}
		if len(got) != len(want) {
			fail("%d records, %d with plain words", len(got), len(want))
			return
		}
		for i := range got {
			for j := range got[i] {
				if got[i][j] != want[i][j] && len(got[i][j]) > 1 && strings.IndexByte("=+-@\t\r", got[i][j][0]) >= 0 {
					fail("cell %q is a formula", got[i][j])
				}
			}
		}
	case "sarif":
		got, want := validSARIF(t, []byte(o.text)), validSARIF(t, []byte(plain.text))
		if len(got.Runs[0].Results) != len(want.Runs[0].Results) {
			fail("%d results, %d with plain words", len(got.Runs[0].Results), len(want.Runs[0].Results))
		}
	case "junit":
		got, want := parseJUnit(t, o.text), parseJUnit(t, plain.text)
		if got.Tests != want.Tests || got.Failures != want.Failures {
			fail("%d tests, %d failing; with plain words %d, %d", got.Tests, got.Failures, want.Tests, want.Failures)
		}
	case "json":
		if !json.Valid([]byte(o.text)) {
			fail("is not JSON")
		}
		if strings.HasPrefix(o.name, "totals") {
			var v struct{ Committees []struct{ Committee string } }
			_ = json.Unmarshal([]byte(o.text), &v)
			for i, c := range v.Committees {
				if c.Committee != m.Totals.Committees[i].Name {
					fail("committee %q, want %q", c.Committee, m.Totals.Committees[i].Name)
				}
			}
		}
	}
}

// escaped reports whether s[i] follows an odd number of backslashes.
func escaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// ownMarkup reports whether s[i] is markup the renderers write themselves: ** and _ around a
// cell or a caption, and the fences of code (kept in withoutCode's output).
func ownMarkup(s string, i int) bool {
	lineStart := strings.LastIndexByte(s[:i], '\n') + 1
	lineEnd := len(s)
	if e := strings.IndexByte(s[i:], '\n'); e >= 0 {
		lineEnd = i + e
	}
	line, at := s[lineStart:lineEnd], i-lineStart
	switch s[i] {
	case '*':
		return strings.HasPrefix(line[at:], "**") || at > 0 && line[at-1] == '*' && !escaped(line, at-1)
	case '_':
		// _caption_ and _section_: at a cell's or line's start or end.
		return at == 0 || at == len(line)-1 || line[at-1] == ' ' || at+1 < len(line) && line[at+1] == ' '
	case '`':
		return true // withoutCode has removed every span; what is left are fences
	}
	return false
}

// withoutCode drops the text of code spans and fenced blocks, where markdown reads nothing.
func withoutCode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '`' || escaped(s, i) {
			b.WriteByte(s[i])
			i++
			continue
		}
		n := 0
		for i+n < len(s) && s[i+n] == '`' {
			n++
		}
		fence := strings.Repeat("`", n)
		end := -1
		for j := i + n; j < len(s); {
			k := strings.Index(s[j:], fence)
			if k < 0 {
				break
			}
			k += j
			if k+n == len(s) || s[k+n] != '`' {
				end = k
				break
			}
			for k < len(s) && s[k] == '`' {
				k++
			}
			j = k
		}
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteString("``")
		i = end + n
	}
	return b.String()
}

// markdownShape is what each line of markdown is: a heading of its level, a table row of its
// cells, a list item, a fence, a blank, code inside a fence. A paragraph is left out: a text of
// nothing but white space shows as no paragraph at all, and repeated blank lines are one.
func markdownShape(s string) []string {
	var shape []string
	fence := "" // the open fence
	for l := range strings.Lines(s) {
		l = strings.TrimSuffix(l, "\n")
		ticks := len(l) - len(strings.TrimLeft(l, "`"))
		switch {
		case fence == "" && ticks >= 3:
			fence = l[:ticks]
			shape = append(shape, "fence")
		case fence != "" && ticks >= len(fence) && ticks == len(l):
			fence = ""
			shape = append(shape, "fence")
		case fence != "":
			shape = append(shape, "code")
		case l == "":
			if len(shape) == 0 || shape[len(shape)-1] != "blank" {
				shape = append(shape, "blank")
			}
		case strings.HasPrefix(l, "|"):
			// GitHub (cmark-gfm) splits a row at every | that no backslash stands before, whatever
			// stands before the backslash.
			cells := 0
			for i := range len(l) {
				if l[i] == '|' && (i == 0 || l[i-1] != '\\') {
					cells++
				}
			}
			shape = append(shape, fmt.Sprintf("row of %d", cells-1))
		case strings.HasPrefix(l, "#"):
			level := len(l) - len(strings.TrimLeft(l, "#"))
			shape = append(shape, fmt.Sprintf("heading %d", level))
		case strings.HasPrefix(l, "- "), strings.HasPrefix(l, "  - "):
			shape = append(shape, "item "+l[:strings.Index(l, "-")])
		}
	}
	return shape
}

// TestSpoof is the property test: 20 rounds of random hostile strings and one of hand-picked
// ones, through every renderer.
func TestSpoof(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 4))
	for round := range 20 {
		t.Run(fmt.Sprint(round), func(t *testing.T) { checkSpoof(t, func() string { return nasty(r) }) })
	}
	t.Run("pieces", func(t *testing.T) {
		i := 0
		checkSpoof(t, func() string { i++; return nastyPieces[i%len(nastyPieces)] + fmt.Sprint(i) })
	})
}

// FuzzSpoof sends the fuzzer's strings through every renderer, each text of the models being
// the string and a number.
func FuzzSpoof(f *testing.F) {
	for _, p := range nastyPieces {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("data text is UTF-8: the loader refuses anything else")
		}
		i := 0
		checkSpoof(t, func() string { i++; return s + fmt.Sprint(i) })
	})
}

// hostileTitle holds each construct of the examples: a line break, a fence, a heading,
// a mention, HTML, a javascript: link and an open comment.
const hostileTitle = "Digital\n```\n## Godkendt @octocat <img src=x onerror=alert(1)> [klik](javascript:alert(1)) <!--"

// TestHostileGolden: the examples, rendered exactly (testdata/golden/*-hostile.*).
func TestHostileGolden(t *testing.T) {
	ref := diff.Ref{Number: 1, Title: hostileTitle, Committee: "aaa", Kind: "investment"}
	r := diff.Report{From: "main", To: "HEAD", Unit: "1.000 kr.", PriceLevel: "2026 p/l", Years: []int{2026},
		Added: []diff.Ref{ref},
		Changed: []diff.Change{{Ref: ref,
			Amounts: []diff.AmountChange{{Row: "economy.permanent.rows[a` | `b\n| x |]", Year: 2026,
				Before: ptr(decimal.RequireFromString("-100")), After: ptr(decimal.RequireFromString("-90")),
				Change: ptr(decimal.RequireFromString("10"))}},
			Fields: []diff.FieldChange{{Path: "summary", Before: "<!--", After: "@all\x1b[2J"}}}},
	}
	for _, f := range []Format{Markdown, Table} {
		var b bytes.Buffer
		if err := Diff(&b, &r, f, English); err != nil {
			t.Fatal(err)
		}
		golden(t, "diff-hostile."+string(f), b.Bytes())
	}
	tt := totals
	tt.Committees = []ledger.CommitteeTotal{
		{ID: "aaa", Name: "Alfa\x1b[2J\x1b]0;pwned\a", Amounts: figs("1", "2")},
		{ID: "bbb", Name: "Beta\u009b31m \u202eadegllavu\u202c \u200bzero", Amounts: figs("3", "4")},
	}
	var b bytes.Buffer
	if err := Totals(&b, tt, Table, Danish); err != nil {
		t.Fatal(err)
	}
	golden(t, "totals-hostile.table", b.Bytes())
	b.Reset()
	s := ledger.Sheet{Number: 1, Title: "Titel\x1b[31m", Kind: "efficiency", Summary: "Linje\u2028to \u2066isoleret\u2069",
		Catalog: ledger.CatalogSheet{Title: "=HYPERLINK(\"http://x\")", Unit: "1.000 kr.", Years: []int{2026},
			Contribution: ledger.Cells{{Value: decimal.RequireFromString("-5"), Printed: true}}}}
	if err := Sheets(&b, []ledger.Sheet{s}, Table, Danish); err != nil {
		t.Fatal(err)
	}
	golden(t, "show-hostile.table", b.Bytes())
	b.Reset()
	if err := Sheets(&b, []ledger.Sheet{s}, CSV, Danish); err != nil {
		t.Fatal(err)
	}
	golden(t, "show-hostile.csv", b.Bytes())
}
