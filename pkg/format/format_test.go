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
