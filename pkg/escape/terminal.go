package escape

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Terminal returns s with every hidden character written visibly ("\x1b", "\u202e", "\n"), and
// every byte that is not UTF-8 as "\x9b", so that text printed to a terminal cannot move the
// cursor, set the window title, clear the screen, reorder the line or hide part of itself.
// Backslashes are kept as they are: text that merely looks like an escape is shown as written,
// which is harmless.
func Terminal(s string) string { return TerminalKeeping(s, "") }

// TerminalKeeping is Terminal, except that the characters of keep are left as they are, for
// an output where they do no harm and mean something: the tabs of a source line that the caret
// line repeats, the line breaks that a GitHub workflow command encodes as %0A.
func TerminalKeeping(s, keep string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for s = s[i:]; s != ""; {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case Hidden(r) && !strings.ContainsRune(keep, r):
			b.WriteString(visible(r))
		default:
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

// firstUnsafe is the index of the first hidden character or invalid byte of s, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || Hidden(r) {
			return i
		}
		i += n
	}
	return -1
}

// TerminalWidth is how many characters Terminal writes for r: 1 for a shown character, the
// length of its escape for a hidden one. A caret under a column of an escaped line uses it.
func TerminalWidth(r rune) int {
	if Hidden(r) {
		return len(visible(r))
	}
	return 1
}
