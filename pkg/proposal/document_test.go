package proposal

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/schema"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // diagnostics, as String() renders them; none for a clean file
		nilD bool     // the file cannot be read as a document
	}{
		{name: "clean", src: "a: 1\nb: -0.5\n"},
		{name: "bom and crlf are accepted", src: "\xef\xbb\xbfa: 1\r\nb: 2\r\n"},
		{name: "empty file", src: "", nilD: true,
			want: []string{"f.yaml:1:1: error: file holds no YAML document; expected a mapping [empty]"}},
		{name: "only comments", src: "# nothing\n", nilD: true,
			want: []string{"f.yaml:1:1: error: file holds no YAML document; expected a mapping [empty]"}},
		{name: "several documents", src: "a: 1\n---\nb: 2\n", nilD: true,
			want: []string{"f.yaml:2:1: error: file holds more than one YAML document; expected exactly one [several-documents]"}},
		{name: "invalid utf-8", src: "a: \xff\n", nilD: true,
			want: []string{"f.yaml: error: file is not valid UTF-8 text [encoding]"}},
		{name: "not a mapping", src: "- 1\n", nilD: true,
			want: []string{`f.yaml:1:1: error: expected a mapping of keys to values at the top of the file, got a list [schema]`}},
		{name: "duplicate key", src: "a: 1\na: 2\n",
			want: []string{`f.yaml:2:1: error: key "a" is already defined at line 1 [duplicate-key]`}},
		{name: "alias", src: "a: &x 1\nb: *x\n",
			want: []string{`f.yaml:2:4: error: YAML aliases (*x) are not allowed: write each value where it belongs [alias]`}},
		{name: "merge key", src: "a: &x {c: 1}\nb:\n  <<: *x\n",
			want: []string{`f.yaml:3:3: error: YAML merge keys (<<) are not allowed: write each value where it belongs [alias]`}},
		{name: "exponent", src: "a: 1e400\n",
			want: []string{`f.yaml:1:4: error: "1e400" is not an exact decimal number: write digits with an optional minus and "." before decimals, e.g. -1183 or 0.5 [bad-amount]`}},
		{name: "hex", src: "a: 0x10\n",
			want: []string{`f.yaml:1:4: error: "0x10" is not an exact decimal number: write digits with an optional minus and "." before decimals, e.g. -1183 or 0.5 [bad-amount]`}},
		{name: "leading dot", src: "a: .5\n",
			want: []string{`f.yaml:1:4: error: ".5" is not an exact decimal number: write digits with an optional minus and "." before decimals, e.g. -1183 or 0.5 [bad-amount]`}},
		{name: "underscore", src: "a: 1_000\n",
			want: []string{`f.yaml:1:4: error: "1_000" is not an exact decimal number: write digits with an optional minus and "." before decimals, e.g. -1183 or 0.5 [bad-amount]`}},
		{name: "plus sign", src: "a: +5\n",
			want: []string{`f.yaml:1:4: error: "+5" is not an exact decimal number: write digits with an optional minus and "." before decimals, e.g. -1183 or 0.5 [bad-amount]`}},
		{name: "danish decimal", src: "a: 1.183,5\n",
			want: []string{`f.yaml:1:4: error: "1.183,5" is not an exact decimal number: Danish "1.183,5" is written 1183.5 [bad-amount]`}},
		{name: "thousands separator", src: "a: 1.183\n",
			want: []string{`f.yaml:1:4: warning: 1.183 looks like a Danish thousands separator: amounts are plain numbers, write 1183 if that is meant [thousands-separator]`}},
		{name: "minus zero is an exact zero", src: "a: -0\n"},
		{name: "binary", src: "a: 1\x00\x01\n", nilD: true,
			want: []string{"f.yaml: error: file is binary (it holds a NUL byte at offset 4), not YAML text [encoding]"}},
		{name: "yaml's own depth limit", src: "a: " + strings.Repeat("[", 10001) + "\n", nilD: true,
			want: []string{`f.yaml:1:1: error: nesting deeper than 32 levels (raise the limit with --max-depth or BUDGET_MAX_DEPTH) [too-deep]`}},
		{name: "many aliases, one report", src: "a: &x 1\nb: [*x, *x, *x]\n",
			want: []string{`f.yaml:2:5: error: YAML aliases (*x) are not allowed: write each value where it belongs (and 2 more aliases in this file) [alias]`}},
		{name: "a date is text", src: "date: 27.01.2025\n"},
		{name: "quoted number is text", src: "a: \"1e3\"\n"},
		{name: "broken flow", src: "a: 1\nb: [x\nc: 2\n", nilD: true,
			want: []string{`f.yaml:2:1: error: YAML syntax: did not find expected ',' or ']' [yaml-syntax]`}},
		{name: "a year key spelled as a decimal", src: "a:\n  2026.0: 1\n",
			want: []string{`f.yaml:2:3: error: key "2026.0" is not a field name such as title or a year such as 2026 [bad-key]`}},
		{name: "a year key of five digits", src: "a:\n  99999: 1\n",
			want: []string{`f.yaml:2:3: error: key "99999" is not a field name such as title or a year such as 2026 [bad-key]`}},
		{name: "a negative year key", src: "a:\n  -1: 1\n",
			want: []string{`f.yaml:2:3: error: key "-1" is not a field name such as title or a year such as 2026 [bad-key]`}},
		{name: "a hexadecimal year key", src: "a: {0x7EA: 1}\n",
			want: []string{`f.yaml:1:5: error: key "0x7EA" is not a field name such as title or a year such as 2026 [bad-key]`}},
		{name: "a null key", src: "a:\n  ~: 1\n",
			want: []string{`f.yaml:2:3: error: key "~" is not a field name such as title or a year such as 2026 [bad-key]`}},
		{name: "a boolean key", src: "TRUE: 1\n",
			want: []string{`f.yaml:1:1: error: key "TRUE" is not a field name such as title or a year such as 2026 [bad-key]`}},
		{name: "a date key", src: "2026-01-01: 1\n",
			want: []string{`f.yaml:1:1: error: key "2026-01-01" is not a field name such as title or a year such as 2026 [bad-key]`}},
		{name: "a list as a key", src: "a:\n  ? [x, y]\n  : 1\n",
			want: []string{`f.yaml:2:5: error: a key must be a field name such as title or a year such as 2026, got a list [bad-key]`}},
		{name: "an alias as a key", src: "a: &x k\nb:\n  *x : 1\n",
			want: []string{`f.yaml:3:3: error: a key must be a field name such as title or a year such as 2026, got an alias [bad-key]`}},
		{name: "a key too long", src: strings.Repeat("k", 101) + ": 1\n",
			want: []string{`f.yaml:1:1: error: a key of 101 characters is too long: a key is a field name such as title or a year such as 2026, of at most 100 characters [bad-key]`}},
		{name: "a quoted year key, an explicit key and a text key are keys", src: "a:\n  \"2026\": 1\n  ? 2027\n  : 2\nb c: 3\n"},
		{name: "a tagged key", src: "a:\n  !!str 2026: 1\n",
			want: []string{`f.yaml:2:3: error: YAML tags (!!str) are not allowed: write the key without it, in quotes if it is text [tag]`}},
		{name: "a custom tag on a key", src: "!custom x: 1\n",
			want: []string{`f.yaml:1:1: error: YAML tags (!custom) are not allowed: write the key without it, in quotes if it is text [tag]`}},
		{name: "a tagged amount", src: "a:\n  2026: !!float 5\n",
			want: []string{`f.yaml:2:9: error: YAML tags (!!float) are not allowed: write the value without it, in quotes if it is text [tag]`}},
		{name: "a tag YAML decodes", src: "a: !!binary MjAyNg==\n",
			want: []string{`f.yaml:1:4: error: YAML tags (!!binary) are not allowed: write the value without it, in quotes if it is text [tag]`}},
		{name: "a tagged mapping", src: "a: !!map {b: 1}\n",
			want: []string{`f.yaml:1:4: error: YAML tags (!!map) are not allowed: write the value without it, in quotes if it is text [tag]`}},
		{name: "too deep", src: "a: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n",
			want: []string{`f.yaml:1:36: error: nesting deeper than 32 levels (raise the limit with --max-depth or BUDGET_MAX_DEPTH) [too-deep]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ds := Parse("f.yaml", []byte(tt.src))
			if (doc == nil) != tt.nilD {
				t.Errorf("document nil = %v, want %v", doc == nil, tt.nilD)
			}
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestAmountIsExact(t *testing.T) {
	a, err := NewAmount("0.1")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewAmount("0.2")
	if got := a.Add(b.Decimal).String(); got != "0.3" {
		t.Errorf("0.1 + 0.2 = %s, want 0.3", got)
	}
	if _, err := NewAmount("007"); err == nil {
		t.Error("leading zeros accepted")
	}
}

func TestPosFallsBackToParent(t *testing.T) {
	doc, ds := Parse("f.yaml", []byte("a:\n  b: 1\n"))
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	if got := doc.Pos("a.b").String(); got != "f.yaml:2:6" {
		t.Errorf("Pos(a.b) = %s", got)
	}
	if got := doc.Pos("a.missing").String(); got != "f.yaml:2:3" {
		t.Errorf("Pos(a.missing) = %s, want the mapping a", got)
	}
}

// FuzzLoad checks that any bytes give a document or diagnostics, never a panic.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{"a: 1\n", "schema: 1\nnumber: 1\n", "a: &x [*x]\n", "- 1\n", "a: {b: [1, 2.5, -3]}\n", "\xef\xbb\xbfa: 1e9\n",
		// Duplicate keys beside keys the converter refuses, in a small mapping and a large one.
		"a: 1\na: 2\n", "1.5: a\n'1.5': b\n1.5: c\n", "<<: 1\n<<: 2\n", "!!str 2026: 1\n'2026': 2\n", "? [a]\n: 1\n'[a]': 2\n",
		"k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk13: 13\nk14: 14\nk15: 15\nk16: 16\nk17: 17\nk18: 18\nk19: 19\nk3: again\n1.5: a\n'1.5': b\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, ds := Parse("f.yaml", src)
		if doc == nil && len(ds) == 0 {
			t.Fatal("no document and no diagnostic")
		}
		if doc != nil {
			// The converter that builds the values (Value) says what the one that only checks said.
			if _, again := doc.convert(true, false); fmt.Sprint(again) != fmt.Sprint(ds) {
				t.Fatalf("the converter's diagnostics, checking:\n%v\nbuilding the values:\n%v", ds, again)
			}
			_ = doc.Validate("proposal")
			var p Proposal
			_ = doc.Root.Decode(&p)
		}
	})
}

// TestKeptDocument: a kept document gives the positions, source lines and values of the parse,
// with no tree: its values and text hash only when asked for, and only the lines it indexed or
// was given.
func TestKeptDocument(t *testing.T) {
	src := "\xef\xbb\xbfa:\n  b: TODO skriv\n  c: [1, 2.5]\n  d: 2\nacknowledged:\n  - check: sign\nz: 1\n"
	doc, ds := Parse("f.yaml", []byte(src))
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	if !doc.HasPlaceholders() {
		t.Error("the TODO text was not noted")
	}
	wantValue := fmt.Sprint(doc.Value())
	all := doc.Keep(KeepOptions{All: true, Values: true})
	if got := fmt.Sprint(all.Values()); got != wantValue {
		t.Errorf("Values kept = %s, want %s", got, wantValue)
	}
	if got := all.Pos("a.c.1").String(); got != "f.yaml:3:10" {
		t.Errorf("Pos kept = %s, want f.yaml:3:10", got)
	}
	if got := all.KeyPos("a.c").String(); got != "f.yaml:3:3" {
		t.Errorf("KeyPos kept = %s, want f.yaml:3:3", got)
	}
	if all.Sum() != sha256.Sum256([]byte(src[3:])) {
		t.Error("the kept hash is not that of the text without its byte order mark")
	}
	if line, ok := all.Line(2); !ok || string(line) != "  b: TODO skriv" {
		t.Errorf("Line(2) kept = %q, %v", line, ok)
	}
	some := doc.Keep(KeepOptions{Lines: []int{3, 8}, Acks: []Ack{{Index: 0}}})
	if some.Values() != nil {
		t.Error("values kept unasked")
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Sum of a Document kept without values answered: two such would compare as unchanged")
			}
		}()
		some.Sum()
	}()
	if got := some.Pos("a.c.1").String(); got != "f.yaml:2:3" {
		t.Errorf("Pos(a.c.1) of an index of top-level keys = %s, want a's value, the mapping at f.yaml:2:3", got)
	}
	if got := some.Pos("acknowledged.0.check").String(); got != "f.yaml:6:12" {
		t.Errorf("Pos(acknowledged.0.check) = %s, want f.yaml:6:12", got)
	}
	for n, want := range map[int]string{1: "a:", 2: "  b: TODO skriv", 3: "  c: [1, 2.5]", 6: "  - check: sign", 7: "z: 1", 8: ""} {
		if line, ok := some.Line(n); !ok || string(line) != want {
			t.Errorf("Line(%d) = %q, %v; want %q", n, line, ok, want)
		}
	}
	for _, n := range []int{0, 4, 9} {
		if line, ok := some.Line(n); ok {
			t.Errorf("Line(%d) = %q, not asked to be kept or not in the file", n, line)
		}
	}
}

// TestYearKeyIsTheSchemas: the parser's spelling of a year key is the schema's, so that the
// parser refuses (and budget fmt leaves alone) exactly the keys the schema would not take.
func TestYearKeyIsTheSchemas(t *testing.T) {
	raw, err := schema.Files.ReadFile("defs.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var defs struct {
		Defs struct {
			Amounts struct {
				PatternProperties map[string]any `json:"patternProperties"`
			} `json:"amounts"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(raw, &defs); err != nil {
		t.Fatal(err)
	}
	if _, ok := defs.Defs.Amounts.PatternProperties[yearKeyPattern]; !ok || len(defs.Defs.Amounts.PatternProperties) != 1 {
		t.Errorf("amounts' patternProperties are %v, want only %s", defs.Defs.Amounts.PatternProperties, yearKeyPattern)
	}
	re := regexp.MustCompile(yearKeyPattern)
	for _, k := range []string{"2026", "0000", "999", "20261", "202a", "", "٢٠٢٦", "2026\n"} {
		if isYearKey(k) != re.MatchString(k) {
			t.Errorf("isYearKey(%q) = %v, the pattern says %v", k, isYearKey(k), re.MatchString(k))
		}
	}
}

// TestTaggedIsNotDecoded: a tag is refused and the tree is not decoded, since YAML's decoder
// would apply the tag (!!binary decodes base64) where budget reads the text.
func TestTaggedIsNotDecoded(t *testing.T) {
	doc, ds := Parse("f.yaml", []byte("title: !!binary MjAyNg==\n"))
	if len(ds) != 1 || ds[0].Code != "tag" {
		t.Fatalf("diagnostics %v, want one tag error", ds)
	}
	if doc.Decodable() {
		t.Error("a tagged file is decodable")
	}
}

// TestSchemaErrorsAtTheKey: a key the schema refuses is reported at the key, with what keys are
// wanted; a repeated list item at the repeat.
func TestSchemaErrorsAtTheKey(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"an empty year key", "catalog:\n  contribution:\n    2026: 1\n    \"\": 2\n",
			`f.yaml:4:5: error: key "" in catalog.contribution is not a year such as 2026 [schema]`},
		{"a quoted decimal year key", "catalog:\n  contribution:\n    \"2026.0\": 2\n",
			`f.yaml:3:5: error: key "2026.0" in catalog.contribution is not a year such as 2026 [schema]`},
		{"a word as a year key", "economy:\n  total_impact:\n    amounts:\n      abcd: 2\n",
			`f.yaml:4:7: error: key "abcd" in economy.total_impact.amounts is not a year such as 2026 [schema]`},
		{"an unknown field", "catalog:\n  titlee: x\n",
			`f.yaml:2:3: error: unknown field "titlee" in catalog; did you mean "title"? [schema]`},
		{"a year of five digits", "economy:\n  years: [2025, 99999]\n",
			`f.yaml:2:17: error: economy.years.1: got number 99999, want at most 2200 [schema]`},
		{"a negative year", "economy:\n  years: [-1]\n",
			`f.yaml:2:11: error: economy.years.0: got number -1, want at least 1900 [schema]`},
		{"a year listed twice", "economy:\n  years: [2025, 2026, 2026]\n",
			`f.yaml:2:23: error: economy.years: item 2 repeats item 1 (number 2026): list each once [schema]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ds := Parse("f.yaml", []byte(tt.src))
			if len(ds) != 0 {
				t.Fatal(ds)
			}
			var got []string
			for _, d := range doc.Validate("proposal") {
				if strings.Contains(d.Message, "missing required field") || strings.HasPrefix(d.Message, "economy: ") || strings.HasPrefix(d.Message, "catalog: ") {
					continue // the fragment lacks the rest of a proposal
				}
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// TestPosOfAKeyWithDots: a key that holds dots is found by its whole text in a dotted path.
func TestPosOfAKeyWithDots(t *testing.T) {
	doc, _ := Parse("f.yaml", []byte("a:\n  2026: 1\n  \"20.26\": 2\n  b.c:\n    d: 3\n"))
	for path, want := range map[string]string{"a.20.26": "f.yaml:3:3", "a.b.c.d": "f.yaml:5:5", "a.2026": "f.yaml:2:3"} {
		if got := doc.KeyPos(path).String(); got != want {
			t.Errorf("KeyPos(%s) = %s, want %s", path, got, want)
		}
	}
}
