package proposal

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
)

// plantedRunes are refused characters of each of escape.Kind's kinds, and the line breaks YAML
// reads otherwise (CR, NEL): C0 and C1 controls, DEL, bidirectional controls, line and paragraph
// separators, invisible characters (zero-width, the byte order mark, the soft hyphen, a
// variation selector, a tag character).
var plantedRunes = []rune{0x01, 0x08, 0x0b, 0x0c, 0x0d, 0x1b, 0x7f, 0x85, 0x9b, 0x202e, 0x2066, 0x200e, 0x2028, 0x2029, 0x200b, 0x200d, 0x2060, 0xfeff, 0xad, 0xfe0f, 0xe0041}

// namedEscapes are the escapes of a double-quoted scalar that stand for one character each.
var namedEscapes = []string{`\0`, `\a`, `\b`, `\t`, `\n`, `\v`, `\f`, `\r`, `\e`, `\N`, `\_`, `\L`, `\P`, `\"`, `\/`, `\\`, `\ `}

// plantedForms are the ways of writing each planted character: as itself, and as each escape
// that can stand for it (\x, \u, \U, in both cases of hex digits), then the named escapes.
func plantedForms() []string {
	var out []string
	for _, r := range plantedRunes {
		out = append(out, string(r))
		if r <= 0xff {
			out = append(out, fmt.Sprintf(`\x%02x`, r), fmt.Sprintf(`\x%02X`, r))
		}
		if r <= 0xffff {
			out = append(out, fmt.Sprintf(`\u%04x`, r), fmt.Sprintf(`\u%04X`, r))
		}
		out = append(out, fmt.Sprintf(`\U%08x`, r))
	}
	return append(out, namedEscapes...)
}

// plantedStyles are a synthetic file with one place (%s) in each scalar style, in keys, in flow
// collections and in a comment; each is planted alone, the others written without it.
var plantedStyles = []string{
	"plain: a%sb\n",
	"single: 'a%sb'\n",
	"double: \"a%sb\"\n",
	"double, escaped break: \"a\\\n  %sb\"\n",
	"literal: |\n  a%sb\n  c\n",
	"folded: >\n  a%sb\n\n  c\n",
	"plain, two lines: a\n  %sb\n",
	"a%sb: plain key\n",
	"\"a%sb\": double-quoted key\n",
	"'a%sb': single-quoted key\n",
	"flow: [a%sb, \"c\"]\n",
	"flow map: {k: 'a%sb'}\n",
	"tagged: !!str \"a%sb\"\n",
	"comment: x # a%sb\n",
}

// plantedFiles are a synthetic clean file with each form planted in each style.
func plantedFiles() [][]byte {
	var out [][]byte
	forms := plantedForms()
	for i, style := range plantedStyles {
		for _, form := range forms {
			var b strings.Builder
			b.WriteString("# Synthetic: a refused character planted in one place.\nschema: 1\n")
			for j, other := range plantedStyles {
				if i == j {
					fmt.Fprintf(&b, style, form)
				} else if !strings.HasPrefix(other, "tagged") {
					fmt.Fprintf(&b, other, "")
				}
			}
			out = append(out, []byte(b.String()))
		}
	}
	return out
}

// parseBothWays parses src with the prefilter and without: every text then checked.
func parseBothWays(src []byte) (with, without diag.List, a, b *Parsed) {
	a, with = ParseLimited("f.yaml", src, DefaultLimits)
	hiddenPrefilter = false
	defer func() { hiddenPrefilter = true }()
	b, without = ParseLimited("f.yaml", src, DefaultLimits)
	return with, without, a, b
}

// samePrefiltered fails t where the prefilter changes src's diagnostics or values, and where
// it skipped the check of a file the check finds a refused character in. It reports whether
// src holds one.
func samePrefiltered(t *testing.T, what string, src []byte) (found bool) {
	t.Helper()
	with, without, a, b := parseBothWays(src)
	if fmt.Sprint(with) != fmt.Sprint(without) {
		t.Fatalf("%s: with the prefilter:\n%v\nwithout:\n%v\ninput:\n%q", what, with, without, src)
	}
	if (a == nil) != (b == nil) || a != nil && !reflect.DeepEqual(a.Value(), b.Value()) {
		t.Fatalf("%s: the values differ with and without the prefilter:\n%q", what, src)
	}
	for _, d := range without {
		if d.Code == "control-character" {
			found = true
		}
	}
	if found && utf8.Valid(src) && !mayHide(src) {
		t.Fatalf("%s: the prefilter says no refused character can be in\n%q", what, src)
	}
	return found
}

// TestHiddenPrefilter: the diagnostics are the same with the prefilter and without it, on every
// file at hand, on every refused character planted as itself and as each escape in each scalar
// style of a synthetic file, and planted at the end of lines of the bundled files.
func TestHiddenPrefilter(t *testing.T) {
	files := verdictFiles(t)
	skipped := 0
	for _, f := range files {
		samePrefiltered(t, f.name, f.src)
		if !mayHide(f.src) {
			skipped++
		}
	}
	planted, found := 0, 0
	for _, src := range plantedFiles() {
		planted++
		if samePrefiltered(t, "planted", src) {
			found++
		}
	}
	forms := plantedForms()
	k := 0
	for _, f := range files {
		if !strings.HasPrefix(f.name, "../../proposals") {
			continue
		}
		lines := strings.SplitAfter(string(f.src), "\n")
		for i := 3; i < len(lines); i += 11 {
			k++
			form := forms[k%len(forms)]
			line := strings.TrimSuffix(lines[i], "\n")
			mutated := strings.Join(lines[:i], "") + line + form + strings.TrimPrefix(lines[i], line) + strings.Join(lines[i+1:], "")
			planted++
			if samePrefiltered(t, fmt.Sprintf("%s, line %d", f.name, i+1), []byte(mutated)) {
				found++
			}
		}
	}
	t.Logf("%d files, %d with the check skipped; %d planted, %d with a refused character found", len(files), skipped, planted, found)
	// Most files at hand hold no refused character; many planted ones do (an escape of a plain
	// scalar, or in a comment, is text as written, and YAML refuses a raw control character).
	if skipped < len(files)/2 || found < planted/5 || planted < len(plantedStyles)*len(forms) {
		t.Errorf("%d of %d files skipped, %d of %d planted found: the test tests nothing", skipped, len(files), found, planted)
	}
}

// TestHiddenPrefilterKinds: each planted character is refused, one of every kind of
// escape.Kind's, and each is found by the check in a double-quoted scalar, as itself and as
// every escape that stands for it, unless YAML refuses the file (a raw control character).
func TestHiddenPrefilterKinds(t *testing.T) {
	kinds := map[string]bool{}
	for _, r := range plantedRunes {
		if !refused(r) {
			t.Errorf("U+%04X is not refused", r)
		}
		kinds[escape.Kind(r)] = true
	}
	if len(kinds) != 4 {
		t.Errorf("the planted characters are of %d kinds, want escape.Kind's 4: %v", len(kinds), kinds)
	}
	for _, form := range plantedForms() {
		src := fmt.Sprintf("a: \"x%sy\"\n", form)
		r, _ := utf8.DecodeRuneInString(form)
		if form[0] == '\\' {
			r, _ = unescape([]byte(form[1:]))
		}
		found := samePrefiltered(t, form, []byte(src))
		if !found && form[0] != '\\' {
			if _, ds := Parse("f.yaml", []byte(src)); len(ds) == 1 && ds[0].Code == "yaml-syntax" {
				continue
			}
		}
		// Raw CR and NEL are line breaks, which YAML folds: never text.
		want := refused(r) && (form[0] == '\\' || r != '\r' && r != 0x85)
		if found != want {
			t.Errorf("%q in a double-quoted scalar: a refused character found %v, want %v", form, found, want)
		}
	}
}

// FuzzHiddenPrefilter holds the prefilter to the check of every text on any input.
func FuzzHiddenPrefilter(f *testing.F) {
	for _, src := range plantedFiles() {
		f.Add(src)
	}
	for _, file := range verdictFiles(f) {
		if strings.HasPrefix(file.name, "../../proposals") {
			f.Add(file.src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		samePrefiltered(t, "fuzz", src)
	})
}

// TestMayHideEveryByte: the prefilter's eight bytes at a time say what one at a time says, for
// every byte at every place of a word, among ASCII letters, and among the controls it lets
// through (tab, line feed) and the bytes around those it refuses.
func TestMayHideEveryByte(t *testing.T) {
	for _, base := range []string{"abcdefghijklmnopq", "\n\t\n\t\n\t\n\t\n\t\n\t\n\t\n\t ", " !~[]^_`{|}\n\t !~[]"} {
		testMayHideBytes(t, base)
	}
}

func testMayHideBytes(t *testing.T, base string) {
	for b := range 256 {
		for at := range 17 {
			src := []byte(base)
			src[at] = byte(b)
			want := b >= utf8.RuneSelf || asciiMayHide[b]
			if b >= utf8.RuneSelf {
				// A lone byte past ASCII is not UTF-8; with a continuation after it, it may be.
				want = true
			}
			if got := mayHide(src); got != want {
				t.Errorf("byte %#x at %d: mayHide %v, want %v", b, at, got, want)
			}
		}
	}
}

// TestMayHideEveryRune: the prefilter refuses a text of one character exactly where the check
// refuses the character, or it is a backslash.
func TestMayHideEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		if got, want := mayHide([]byte("ab"+string(r)+"cdefghijk")), refused(r) || r == '\\'; got != want {
			t.Errorf("U+%04X: mayHide %v, want %v", r, got, want)
		}
	}
}

func BenchmarkMayHide(b *testing.B) {
	var files [][]byte
	var size int64
	for _, f := range verdictFiles(b) {
		if strings.HasPrefix(f.name, "../../proposals") {
			files = append(files, f.src)
			size += int64(len(f.src))
		}
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, src := range files {
			mayHide(src)
		}
	}
}
