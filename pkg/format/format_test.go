package format

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSource(t *testing.T) {
	long := strings.Repeat("ord ", 40) + "slut"
	tests := []struct {
		name, kind, in, want string
	}{{
		name: "keys in the schema's order, unknown keys last in file order",
		kind: "crosscutting",
		in: `title: Energi
zz_unknown: 1
approved_with: B26
id: energi
aa_unknown: 2
schema: 1
shares: []
`,
		want: `schema: 1
id: energi
title: Energi
approved_with: B26
shares: []
zz_unknown: 1
aa_unknown: 2
`,
	}, {
		name: "years ascending, one amount a line, numbers in one spelling",
		kind: "crosscutting",
		in: `schema: 1
shares:
    -   committee: aaa
        contribution: {2028: 12.50, 2026: -0, 2027: 1.500}
`,
		want: `schema: 1

shares:
  - committee: aaa
    contribution:
      2026: 0
      2027: 1.500
      2028: 12.5
`,
	}, {
		name: "comments stay with what they describe",
		kind: "crosscutting",
		in: `# head of file

schema: 1   # the format version
# about the id
id: x
shares:
  # before the first share
  - committee: aaa   # first
    contribution: {}
  # before the second share
  - contribution: {}
    committee: bbb
`,
		want: `# head of file

schema: 1 # the format version

# about the id
id: x

shares:
  # before the first share
  - committee: aaa # first
    contribution: {}
  # before the second share
  - committee: bbb
    contribution: {}
`,
	}, {
		name: "year lists on one line, text lists one item a line",
		kind: "catalog",
		in: `schema: 1
years:
- 2026
- 2027
committees:
- id: aaa
  name: A
  aliases: [Alfa, Beta]
`,
		want: `schema: 1
years: [2026, 2027]

committees:
  - id: aaa
    name: A
    aliases:
      - Alfa
      - Beta
`,
	}, {
		name: "long text folded, short text on one line, quotes only where needed",
		kind: "proposal",
		in:   "schema: 1\ntitle: >-\n  Kort\n  titel\nsummary: \"" + long + "\"\ncase: \"2026\"\nadministration: 'ja: nej'\napproved_with: ~\n",
		want: "schema: 1\ntitle: Kort titel\nadministration: 'ja: nej'\napproved_with: null\ncase: \"2026\"\nsummary: >-\n" +
			"  " + strings.Repeat("ord ", 23) + "ord\n  " + strings.Repeat("ord ", 16) + "slut\n",
	}, {
		name: "paragraphs of a text survive folding",
		kind: "proposal",
		in:   "schema: 1\nsummary: \"Første afsnit.\\nAndet afsnit.\\n\\nTredje.\"\n",
		want: "schema: 1\nsummary: >-\n  Første afsnit.\n\n  Andet afsnit.\n\n\n  Tredje.\n",
	}, {
		name: "text that folding cannot say exactly stays quoted",
		kind: "proposal",
		in:   "schema: 1\nsummary: \"  indrykket\\nlinje\"\n",
		want: "schema: 1\nsummary: \"  indrykket\\nlinje\"\n",
	}, {
		name: "a CRLF file with a byte order mark comes out as plain LF",
		kind: "proposal",
		in:   "\ufeffschema: 1\r\nnumber: 3\r\n",
		want: "schema: 1\nnumber: 3\n",
	}, {
		name: "an empty mapping stays one",
		kind: "proposal",
		in:   "  {} # nothing yet\n",
		want: "{} # nothing yet\n",
	}, {
		name: "the comments of a file written as a flow mapping",
		kind: "proposal",
		in:   "# head\n{schema: 1, number: 2} # line\n# foot\n",
		want: "# head\n\n# line\nschema: 1\nnumber: 2\n\n# foot\n",
	}, {
		name: "a comment under a top-level entry goes above the next, or to the file's foot",
		kind: "proposal",
		in:   "schema: 1 # one\n# under schema\nnumber: 2 # two\n  # under number\n",
		want: "schema: 1 # one\n\n# under schema\nnumber: 2 # two\n\n# under number\n",
	}, {
		name: "a text that budget would read as a number stays quoted",
		kind: "proposal",
		in:   "case: \"0B2\"\nrisk: '1.183,5'\n",
		want: "case: \"0B2\"\nrisk: \"1.183,5\"\n",
	}, {
		name: "quoted, explicit and empty keys as they read",
		kind: "crosscutting",
		in:   "schema: 1\nshares:\n  - contribution:\n      \"2027\": 2\n      ? 2026\n      : 1\n      \"\": 3\n",
		want: "schema: 1\n\nshares:\n  - contribution:\n      \"2027\": 2\n      2026: 1\n      \"\": 3\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ds := Source("f.yaml", tt.kind, []byte(tt.in))
			if got == nil {
				t.Fatalf("refused: %v", ds)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			again, _ := Source("f.yaml", tt.kind, got)
			if string(again) != string(got) {
				t.Errorf("not idempotent: second run gives\n%s", again)
			}
		})
	}
}

func TestSourceRefusesBrokenFiles(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"syntax", "schema: 1\nnumber: [1\n", "f.yaml:2:1: yaml-syntax"},
		{"duplicate key", "schema: 1\nschema: 2\n", "f.yaml:2:1: duplicate-key"},
		{"inexact amount", "schema: 1\nnumber: 1e3\n", "f.yaml:2:9: bad-amount"},
		{"alias", "a: &x 1\nb: *x\n", "f.yaml:2:4: alias"},
		{"not a mapping", "- 1\n", "f.yaml:1:1: schema"},
		{"empty", "", "f.yaml:1:1: empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ds := Source("f.yaml", "proposal", []byte(tt.in))
			if got != nil {
				t.Fatalf("formatted a broken file:\n%s", got)
			}
			if len(ds) == 0 {
				t.Fatal("refused without saying why")
			}
			d := ds[0]
			if s := d.Pos.String() + ": " + d.Code; s != tt.want {
				t.Errorf("first diagnostic %s (%s), want %s", s, d.Message, tt.want)
			}
		})
	}
}

func TestWrapKeepsWordsAndWidth(t *testing.T) {
	para := strings.Repeat("abcdefghi ", 30) + "x  y " + strings.Repeat("z", 120) + " end"
	lines := wrap(para, 40)
	if got := strings.Join(lines, " "); got != para {
		t.Fatalf("joining the lines does not give the paragraph back:\n%q\n%q", got, para)
	}
	for _, l := range lines {
		if utf8.RuneCountInString(l) > 40 && strings.Contains(l, " ") {
			t.Errorf("line of %d runes has a space it could have broken at: %q", utf8.RuneCountInString(l), l)
		}
		if strings.HasPrefix(l, " ") || strings.HasSuffix(l, " ") {
			t.Errorf("line %q starts or ends with a space: folding would not give the text back", l)
		}
	}
}

// TestSourceRefusesAtTheKey: a key or value that fmt could not write back as it reads is
// refused by Parse, at its line and column, with what is expected, as budget validate reports
// it; never by the check of the result ("please report this").
func TestSourceRefusesAtTheKey(t *testing.T) {
	const contribution = "schema: 1\ncatalog:\n  contribution:\n"
	tests := []struct{ name, in, want string }{
		{"a decimal year", contribution + "    2026.0: 40\n",
			`f.yaml:4:5: error: key "2026.0" is not a field name such as title or a year such as 2026 [bad-key]`},
		{"a hexadecimal year", contribution + "    0x7EA: 40\n",
			`f.yaml:4:5: error: key "0x7EA" is not a field name such as title or a year such as 2026 [bad-key]`},
		{"a year with an underscore", contribution + "    2_026: 40\n",
			`f.yaml:4:5: error: key "2_026" is not a field name such as title or a year such as 2026 [bad-key]`},
		{"a null key", contribution + "    ~: 40\n",
			`f.yaml:4:5: error: key "~" is not a field name such as title or a year such as 2026 [bad-key]`},
		{"a boolean key", "schema: 1\nTrue: 1\n",
			`f.yaml:2:1: error: key "True" is not a field name such as title or a year such as 2026 [bad-key]`},
		{"a list as a key", contribution + "    ? [a, b]\n    : 1\n",
			`f.yaml:4:7: error: a key must be a field name such as title or a year such as 2026, got a list [bad-key]`},
		{"a mapping as a key", contribution + "    ? {a: 1}\n    : 1\n",
			`f.yaml:4:7: error: a key must be a field name such as title or a year such as 2026, got a mapping [bad-key]`},
		{"a key too long for YAML", "schema: 1\n? " + strings.Repeat("x", 1100) + "\n: 1\n",
			`f.yaml:2:3: error: a key of 1100 characters is too long: a key is a field name such as title or a year such as 2026, of at most 100 characters [bad-key]`},
		{"a tagged year", contribution + "    !!str 2026: 40\n",
			`f.yaml:4:5: error: YAML tags (!!str) are not allowed: write the key without it, in quotes if it is text [tag]`},
		{"a custom tag on a key", "schema: 1\n!custom x: 1\n",
			`f.yaml:2:1: error: YAML tags (!custom) are not allowed: write the key without it, in quotes if it is text [tag]`},
		{"a tagged amount", contribution + "    2026: !!float 40\n",
			`f.yaml:4:11: error: YAML tags (!!float) are not allowed: write the value without it, in quotes if it is text [tag]`},
		{"a quoted number tagged as one", contribution + "    2026: !!int \"40\"\n",
			`f.yaml:4:11: error: YAML tags (!!int) are not allowed: write the value without it, in quotes if it is text [tag]`},
		{"a custom tag on a text", "schema: 1\ntitle: !custom x\n",
			`f.yaml:2:8: error: YAML tags (!custom) are not allowed: write the value without it, in quotes if it is text [tag]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ds := Source("f.yaml", "proposal", []byte(tt.in))
			if got != nil {
				t.Fatalf("formatted:\n%s", got)
			}
			var msgs []string
			for _, d := range ds {
				msgs = append(msgs, d.String())
			}
			if strings.Join(msgs, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(msgs, "\n"), tt.want)
			}
		})
	}
}
