package lsp

import (
	"unicode/utf16"
	"unicode/utf8"
)

// text is a document's content with the byte offset of each line's start, so that positions in
// UTF-16 units (the protocol's) and in runes (the diagnostics') convert to bytes without a scan
// from the top. A text is never changed: an edit makes a new one.
type text struct {
	src   []byte
	lines []int // byte offset of each line's start; lines[0] is 0
}

// A line ends at \n, \r\n or a lone \r, as the protocol and YAML both count lines.
func newText(src []byte) *text {
	t := &text{src: src, lines: []int{0}}
	for i, b := range src {
		if b == '\n' || b == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// line returns the bytes of 0-based line n without its line end; nil past the last line.
func (t *text) line(n int) []byte {
	if n < 0 || n >= len(t.lines) {
		return nil
	}
	end := len(t.src)
	if n+1 < len(t.lines) {
		end = t.lines[n+1]
	}
	l := t.src[t.lines[n]:end]
	if len(l) > 0 && l[len(l)-1] == '\n' {
		l = l[:len(l)-1]
	}
	if len(l) > 0 && l[len(l)-1] == '\r' {
		l = l[:len(l)-1]
	}
	return l
}

// offset returns the byte offset of p. A line past the end is the end of the text; a character
// past the line's end is the line's end, as the protocol says; one inside a character of two
// UTF-16 units is that character's start.
func (t *text) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(t.lines) {
		return len(t.src)
	}
	l := t.line(p.Line)
	start := t.lines[p.Line]
	units := 0
	for i := 0; i < len(l); {
		r, size := utf8.DecodeRune(l[i:])
		n := utf16.RuneLen(r)
		if n < 0 {
			n = 1 // a byte that is not UTF-8 counts as the one unit U+FFFD takes
		}
		if units+n > p.Character {
			return start + i
		}
		units += n
		i += size
	}
	return start + len(l)
}

// position returns the Position of byte offset off; one inside a line's end is that line's end.
func (t *text) position(off int) Position {
	off = min(max(off, 0), len(t.src))
	n := lineOf(t.lines, off)
	l := t.line(n)
	return Position{Line: n, Character: units(l[:min(off-t.lines[n], len(l))])}
}

// runePosition returns the Position of 1-based line and rune column, as diagnostics give them;
// a column past the line's end is its end.
func (t *text) runePosition(line, col int) Position {
	n := line - 1
	if n < 0 {
		return Position{}
	}
	if n >= len(t.lines) {
		return t.position(len(t.src))
	}
	l := t.line(n)
	i := 0
	for c := 1; c < col && i < len(l); c++ {
		_, size := utf8.DecodeRune(l[i:])
		i += size
	}
	return Position{Line: n, Character: units(l[:i])}
}

// lineEnd is the Position at the end of 0-based line n.
func (t *text) lineEnd(n int) Position {
	return Position{Line: n, Character: units(t.line(n))}
}

// end is the Position at the end of the text.
func (t *text) end() Position { return t.position(len(t.src)) }

// edit returns the text with s in place of r.
func (t *text) edit(r *Range, s string) *text {
	if r == nil {
		return newText([]byte(s))
	}
	a, b := t.offset(r.Start), t.offset(r.End)
	if b < a {
		a, b = b, a
	}
	out := make([]byte, 0, len(t.src)-(b-a)+len(s))
	out = append(append(append(out, t.src[:a]...), s...), t.src[b:]...)
	return newText(out)
}

// units counts the UTF-16 code units of b.
func units(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if k := utf16.RuneLen(r); k > 0 {
			n += k
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}

// lineOf is the 0-based line of byte offset off, from the line starts.
func lineOf(lines []int, off int) int {
	lo, hi := 0, len(lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
