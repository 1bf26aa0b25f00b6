package format

import (
	"slices"
	"strings"
	"testing"
)

// TestWordsYAMLWouldRead: a text that YAML would read as null or a boolean if written plain is
// quoted, in any case; the words around them stay plain, and so do the YAML 1.1 booleans (yes,
// on), which yaml.v3 reads as text.
func TestWordsYAMLWouldRead(t *testing.T) {
	for _, word := range []string{"null", "Null", "NULL", "true", "True", "FALSE"} {
		in := "schema: 1\ntitle: \"" + word + "\"\nrisk: " + word + "s\n"
		got, ds := Source("f.yaml", "proposal", []byte(in))
		if ds != nil {
			t.Errorf("%s: %v", word, ds)
			continue
		}
		if want := "schema: 1\ntitle: \"" + word + "\"\nrisk: " + word + "s\n"; string(got) != want {
			t.Errorf("%s: got\n%s\nwant\n%s", word, got, want)
		}
	}
	got, ds := Source("f.yaml", "proposal", []byte("schema: 1\ntitle: \"yes\"\nrisk: 'on'\n"))
	if want := "schema: 1\ntitle: yes\nrisk: on\n"; ds != nil || string(got) != want {
		t.Errorf("yes and on: got %q %v, want %q", got, ds, want)
	}
}

// TestBooleansLowerCase: a boolean is written true or false, whatever its case in the file.
func TestBooleansLowerCase(t *testing.T) {
	got, ds := Source("f.yaml", "proposal", []byte("schema: 1\nfrom_innovation_proposal: True\n"))
	if want := "schema: 1\nfrom_innovation_proposal: true\n"; ds != nil || string(got) != want {
		t.Errorf("got %q %v, want %q", got, ds, want)
	}
}

// TestFlowListWidth: a list of numbers stays on its key's line while the line is at most Width
// (100) columns, counting ", " and the brackets; one more item and it is a block, an item a line.
func TestFlowListWidth(t *testing.T) {
	// "aa: [" and 32 items of "1, " (the last "1]"): 4 + 32*3 = 100 columns by isFlowList's count.
	items := func(n int) string { return strings.TrimSuffix(strings.Repeat("1, ", n), ", ") }
	got, ds := Source("f.yaml", "proposal", []byte("schema: 1\naa: ["+items(32)+"]\n"))
	if want := "schema: 1\naa: [" + items(32) + "]\n"; ds != nil || string(got) != want {
		t.Errorf("32 items: got\n%s\nwant\n%s", got, want)
	}
	got, ds = Source("f.yaml", "proposal", []byte("schema: 1\naa: ["+items(33)+"]\n"))
	if want := "schema: 1\naa:\n" + strings.Repeat("  - 1\n", 33); ds != nil || string(got) != want {
		t.Errorf("33 items: got\n%s\nwant\n%s", got, want)
	}
}

// TestOneEmptyLine: entries that are blocks are set apart by one empty line, however many the
// file had.
func TestOneEmptyLine(t *testing.T) {
	in := "schema: 1\n\n\n\nfollow_up:\n  - goal: A\n\n\n\nrisk: Lav.\n"
	got, ds := Source("f.yaml", "proposal", []byte(in))
	if want := "schema: 1\n\nfollow_up:\n  - goal: A\n\nrisk: Lav.\n"; ds != nil || string(got) != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestWrapAtTheWidth: a folded paragraph's line takes as many words as fit in width runes, and
// the next word starts the next line.
func TestWrapAtTheWidth(t *testing.T) {
	tests := []struct {
		para  string
		width int
		want  []string
	}{
		{"aaaa bbbb cccc", 9, []string{"aaaa bbbb", "cccc"}},
		{"aaaa bbbb cccc", 8, []string{"aaaa", "bbbb", "cccc"}},
		{"aaaa bbbb cccc", 14, []string{"aaaa bbbb cccc"}},
		{"aaaa bbbb cccc", 13, []string{"aaaa bbbb", "cccc"}},
	}
	for _, tt := range tests {
		if got := wrap(tt.para, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.para, tt.width, got, tt.want)
		}
	}
}

// TestNestedFootComment: a comment under a nested entry, which yaml reads as the foot comment of
// its key, stays under it, in a mapping and in a list's item.
func TestNestedFootComment(t *testing.T) {
	in := "schema: 1\ncatalog:\n  title: A\n  # under the title\n\n  total_investment: 5\nfollow_up:\n  - goal: A\n    # under the goal\n\n    when: x\n"
	want := "schema: 1\n\ncatalog:\n  title: A\n  # under the title\n  total_investment: 5\n\nfollow_up:\n  - goal: A\n    # under the goal\n    when: x\n"
	got, ds := Source("f.yaml", "proposal", []byte(in))
	if ds != nil || string(got) != want {
		t.Errorf("got\n%s%v\nwant\n%s", got, ds, want)
	}
}
