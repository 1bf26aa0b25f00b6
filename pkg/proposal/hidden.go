package proposal

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/msg"
	"go.yaml.in/yaml/v3"
)

// The control-character check refuses text that does not read as it looks, in the manner of the
// "trojan source" checks of Go's and Rust's compilers: control characters (which YAML only lets
// in through escapes, "\e" or "\x9b"), bidirectional controls, zero-width and other invisible
// characters, line separators. A tab and a line feed are ordinary text. Each text reports its
// first such character at that character's own line and column (for an escape in a
// double-quoted scalar, the backslash that starts it), and how many more it holds; a file reports
// at most maxHiddenReports texts and counts the rest, so that a hostile file costs neither time
// nor pages of output.

// maxHiddenReports is how many texts of one file are reported with their position.
const maxHiddenReports = 10

// refused reports whether the check refuses r in a text.
func refused(r rune) bool { return r >= 0 && r != '\t' && r != '\n' && escape.Hidden(r) }

// checkHidden reports the first refused character of the scalar n, a value or a key.
func (c *converter) checkHidden(n *yaml.Node, what msg.Text) {
	if c.hiddenFree {
		return
	}
	first, count := -1, 0
	for i, r := range n.Value {
		if refused(r) {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if first < 0 {
		return
	}
	if c.hidden++; c.hidden > maxHiddenReports {
		return
	}
	r, _ := utf8.DecodeRuneInString(n.Value[first:])
	pos := c.pos(n)
	if c.d.Source != nil {
		pos.Line, pos.Column = hiddenPos(c.d.Source, n)
	}
	c.lastHidden = len(*c.ds)
	if count > 1 {
		c.ds.Errorf(pos, c.path(), "control-character", "%s holds %s, %s, %s: remove it (and %d more in this %s)", what, escape.Name(r), kindOf(r), hiddenHarm(r), count-1, what)
	} else {
		c.ds.Errorf(pos, c.path(), "control-character", "%s holds %s, %s, %s: remove it", what, escape.Name(r), kindOf(r), hiddenHarm(r))
	}
}

// hiddenPrefilter turns mayHide on; a test turns it off to hold it to the check of every text.
var hiddenPrefilter = true

// asciiMayHide are the ASCII bytes of a text that can put a refused character into a scalar:
// the refused controls themselves (carriage return too, which YAML reads as a line break: a
// file with one is checked text by text), and the backslash, which starts every escape of a
// double-quoted scalar (\e, \x9b, \u202e, \N, \L, \P, \0 ...).
var asciiMayHide = func() (t [utf8.RuneSelf]bool) {
	for b := range t {
		t[b] = refused(rune(b)) || b == '\\'
	}
	return t
}()

// mayHide reports whether some scalar of the YAML text src (valid UTF-8) may hold a character
// the check refuses. YAML makes a character that is not written as itself only by an escape of
// a double-quoted scalar, each of which starts with a backslash; everything else of a scalar is
// its text as written, but for line breaks (CR, CR LF and NEL become line feeds, which are not
// refused; LS and PS stay themselves), folding (a line feed or a space) and the doubled quote
// of a single-quoted scalar. Tags and anchors are not scalars' values; a tag's %-escapes name
// the tag only. So a text with no backslash and no refused character of its own has no scalar
// with one, and the check of each text is skipped (TestHiddenPrefilter, FuzzHiddenPrefilter).
func mayHide(src []byte) bool {
	for i := 0; i < len(src); {
		// Eight bytes at a time where none is past ASCII, a control (a line feed and a tab
		// are), DEL or a backslash; else those eight one by one.
		stop := len(src)
		if i+8 <= len(src) {
			if w := binary.LittleEndian.Uint64(src[i:]); w&hiBits == 0 {
				below := ^(w + loBits*0x60) & hiBits // bytes below 0x20: b+0x60 sets no top bit
				if below&^(byteIs(w, '\n')|byteIs(w, '\t'))|byteIs(w, 0x7f)|byteIs(w, '\\') != 0 {
					return true
				}
				i += 8
				continue
			}
			stop = i + 8
		}
		for i < stop {
			if b := src[i]; b < utf8.RuneSelf {
				if asciiMayHide[b] {
					return true
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(src[i:])
			if 0xa0 <= r && r <= 0xff {
				// Latin-1's letters (æ, ø, å): only the soft hyphen of them is refused.
				if r == 0xad {
					return true
				}
			} else if refused(r) || (r == utf8.RuneError && size == 1) {
				return true
			}
			i += size
		}
	}
	return false
}

const (
	loBits  = 0x0101010101010101
	lo7Bits = 0x7f7f7f7f7f7f7f7f
	hiBits  = 0x8080808080808080
)

// byteIs has the top bit set of each byte of w that is b, every byte of w below 128: each byte
// x of w^b's becomes x+0x7f, which sets its top bit, carrying into no other byte, where x > 0.
func byteIs(w uint64, b byte) uint64 {
	x := w ^ (loBits * uint64(b))
	return ^((x & lo7Bits) + lo7Bits) & hiBits
}

// hiddenHarm says what a refused character does.
func hiddenHarm(r rune) msg.Text {
	switch escape.Kind(r) {
	case "a control character":
		return msg.Newf("which can move the cursor or rewrite what a terminal shows")
	case "a bidirectional control":
		return msg.Newf("which makes text display in another order than it is stored")
	case "a line separator":
		return msg.Newf("which some programs show as a line break and others not at all")
	}
	return msg.Newf("which makes text differ from what it looks like")
}

// kinds word escape.Kind's kinds as messages.
var kinds = map[string]msg.Text{
	"a control character":     msg.Newf("a control character"),
	"a bidirectional control": msg.Newf("a bidirectional control"),
	"a line separator":        msg.Newf("a line separator"),
	"an invisible character":  msg.Newf("an invisible character"),
}

func kindOf(r rune) msg.Text { return kinds[escape.Kind(r)] }

// noteHiddenRest adds to the last report how many more texts of the file hold such characters.
func (c *converter) noteHiddenRest() {
	if c.hidden > maxHiddenReports {
		(*c.ds)[c.lastHidden].Append(msg.Newf(" (and %d more texts in this file hold such characters)", c.hidden-maxHiddenReports))
	}
}

// hiddenPos finds the line and column of the first refused character of scalar n in src: from
// the scalar's own position, it reads the source as the scalar's style writes it. In a
// double-quoted scalar a character may be written as an escape, whose backslash is the position;
// in every other style a refused character can only stand as itself. Raw CR and NEL are line
// breaks, which YAML turns into line feeds, never part of a text. Where the source does not
// match (it cannot, but a position must never be wrong), the scalar's own position is kept.
func hiddenPos(src []byte, n *yaml.Node) (line, col int) {
	off, ok := offsetOf(src, n.Line, n.Column)
	if !ok {
		return n.Line, n.Column
	}
	line, col = n.Line, n.Column
	quoted := n.Style&yaml.DoubleQuotedStyle != 0
	if quoted {
		// A tag may stand before the quote: !!str "...".
		for off < len(src) && src[off] != '"' && src[off] != '\n' {
			_, size := utf8.DecodeRune(src[off:])
			off, col = off+size, col+1
		}
		if off >= len(src) || src[off] != '"' {
			return n.Line, n.Column
		}
		off, col = off+1, col+1
	}
	i := off
	for i < len(src) {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case quoted && r == '"':
			return n.Line, n.Column
		case quoted && r == '\\' && i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r'):
			// An escaped line break: the break itself is read next.
		case quoted && r == '\\':
			e, length := unescape(src[i+1:])
			if refused(e) {
				return line, col
			}
			size += length
			col += utf8.RuneCount(src[i+1 : i+1+length])
		case r == '\n':
			line, col = line+1, 0
		case r != '\r' && r != 0x85 && refused(r):
			return line, col
		}
		i += size
		col++
	}
	return n.Line, n.Column
}

// offsetOf is the byte offset of 1-based line and rune column in src.
func offsetOf(src []byte, line, col int) (int, bool) {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return 0, false
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(src); c++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off, off <= len(src)
}

// unescape reads the escape after a backslash in a double-quoted scalar: the character it
// stands for (-1 for an escape YAML refuses) and the bytes it takes.
func unescape(b []byte) (rune, int) {
	if len(b) == 0 {
		return -1, 0
	}
	hex := map[byte]int{'x': 2, 'u': 4, 'U': 8}[b[0]]
	if hex > 0 {
		if len(b) < 1+hex {
			return -1, 1
		}
		v, err := strconv.ParseUint(string(b[1:1+hex]), 16, 32)
		if err != nil {
			return -1, 1
		}
		return rune(v), 1 + hex
	}
	simple := map[byte]rune{'0': 0, 'a': 7, 'b': 8, 't': 9, '\t': 9, 'n': 10, 'v': 11, 'f': 12, 'r': 13,
		'e': 27, ' ': ' ', '"': '"', '/': '/', '\\': '\\', 'N': 0x85, '_': 0xa0, 'L': 0x2028, 'P': 0x2029}
	if r, ok := simple[b[0]]; ok {
		return r, 1
	}
	_, size := utf8.DecodeRune(b)
	return -1, size
}
