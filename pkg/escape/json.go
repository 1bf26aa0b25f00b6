package escape

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// JSON rewrites encoded JSON so that every hidden character inside its strings is written as a
// \u escape (encoding/json already does so for C0, U+2028 and U+2029, but not for DEL, C1, the
// bidirectional controls or the zero-width characters). A JSON reader gets exactly the same
// strings; a terminal that shows the JSON gets nothing to obey. Outside strings JSON is ASCII,
// so every such character is inside one.
func JSON(b []byte) []byte {
	i := firstUnsafe(string(b))
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:i]...)
	for b = b[i:]; len(b) > 0; {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 || !Hidden(r) || r < 0x20 {
			// encoding/json writes valid UTF-8 and escapes C0 itself: nothing else is left here.
			out = append(out, b[:n]...)
		} else if r > 0xffff {
			r1, r2 := utf16.EncodeRune(r)
			out = fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
		} else {
			out = fmt.Appendf(out, `\u%04x`, r)
		}
		b = b[n:]
	}
	return out
}
