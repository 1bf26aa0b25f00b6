package proposal

import (
	"fmt"
	"strings"
	"testing"
)

// TestHiddenCharacters: each text with a hidden character is one control-character error at
// the character's own line:column, in every scalar style and in keys. The data is synthetic.
func TestHiddenCharacters(t *testing.T) {
	bidi := "U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control, which makes text display in another order than it is stored: remove it"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"plain", "a: x\u202ey\n", []string{"1:5 text holds " + bidi}},
		{"plain, after multi-byte letters", "æøå: æøå\u202e\n", []string{"1:9 text holds " + bidi}},
		{"single-quoted", "a: 'it''s\u202e'\n", []string{"1:10 text holds " + bidi}},
		{"double-quoted escape", `a: "x\u202Ey"` + "\n", []string{"1:6 text holds " + bidi}},
		{"double-quoted, escape after an escaped quote", `a: "\"\\\e"` + "\n",
			[]string{"1:9 text holds U+001B ESCAPE, a control character, which can move the cursor or rewrite what a terminal shows: remove it"}},
		{"tagged double-quoted", `a: !!str "x\x9b"` + "\n",
			[]string{"1:12 text holds U+009B CONTROL SEQUENCE INTRODUCER, a control character, which can move the cursor or rewrite what a terminal shows: remove it"}},
		{"literal block, second line", "a: |\n  one\n  t\u200dwo\n",
			[]string{"3:4 text holds U+200D ZERO WIDTH JOINER, an invisible character, which makes text differ from what it looks like: remove it"}},
		{"folded block", "a: >-\n  one\n  two\ufeff\n",
			[]string{"3:6 text holds U+FEFF ZERO WIDTH NO-BREAK SPACE, an invisible character, which makes text differ from what it looks like: remove it"}},
		{"flow sequence, CRLF lines", "a: [x,\r\n  'y\u2066']\r\n",
			[]string{"2:5 text holds U+2066 LEFT-TO-RIGHT ISOLATE, a bidirectional control, which makes text display in another order than it is stored: remove it"}},
		{"key", "\u202ea: 1\n", []string{"1:1 key holds " + bidi}},
		{"several in one text", `a: "\u202e\u202e\u202e"` + "\n", []string{"1:5 text holds " + bidi + " (and 2 more in this text)"}},
		{"tag characters", "a: x\U000E0041\n",
			[]string{"1:5 text holds U+E0041 TAG LATIN CAPITAL LETTER A, an invisible character, which makes text differ from what it looks like: remove it"}},
		{"tab, line feed, no-break space", "a: \"x\\ty\\nz\\_\u00a0\"\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Parse("f.yaml", []byte(tt.src))
			var got []string
			for _, d := range ds {
				if d.Code == "control-character" {
					got = append(got, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Column, d.Message))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestHiddenCharactersBounded: a file of many such texts reports ten and counts the rest.
func TestHiddenCharactersBounded(t *testing.T) {
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, "k%d: \"\\u200b\"\n", i)
	}
	_, ds := Parse("f.yaml", []byte(b.String()))
	if len(ds) != 10 {
		t.Fatalf("got %d diagnostics, want 10", len(ds))
	}
	want := "text holds U+200B ZERO WIDTH SPACE, an invisible character, which makes text differ from what it looks like: remove it (and 990 more texts in this file hold such characters)"
	if got := ds[9].Message; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if p := ds[9].Pos; p.Line != 10 || p.Column != 6 {
		t.Errorf("position %d:%d, want 10:6", p.Line, p.Column)
	}
}
