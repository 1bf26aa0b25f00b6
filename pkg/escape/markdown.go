package escape

import (
	"strings"
	"unicode/utf8"
)

// zeroWidth is the HTML entity of U+200B ZERO WIDTH SPACE. GitHub finds mentions (@user),
// references (#12) and bare links (https://…, www.…) in the text of the rendered page, after
// markdown's escapes are gone, so only a character between the parts stops it; as an entity it is
// no hidden character in the markdown itself. Renovate marks @ in release notes the same way.
const zeroWidth = "&#8203;"

// Markdown returns s as inline markdown (GitHub Flavored) that renders as the text of s and
// nothing else, on one line, safe in a table cell, a heading, a list item or at the start of a
// line:
//   - line breaks, tabs and the separators U+2028/U+2029 become spaces, and the ends are trimmed
//     (markdown would not show them); other hidden characters are written visibly, "\x1b";
//   - the characters of markdown syntax \ ` * _ [ ] # ~ | $ are escaped with a backslash ($ starts
//     GitHub's math), < > & are written as entities (no HTML, no comment, no autolink <…>);
//   - an opening "- ", "+ ", "--" or "1. " / "1) " is escaped, so the text starts no list or
//     rule where it starts a line (-639 and 1.000 stay as they are);
//   - @ (mentions, e-mail links), # before a digit (issue references), :// and www. (bare links)
//     get a zero-width space after them, written as its entity: the page shows the same
//     characters but GitHub links or notifies nothing.
func Markdown(s string) string {
	s = strings.Trim(oneLine(s), " ")
	var b strings.Builder
	b.Grow(len(s) + 8)
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') && (len(s) == 1 || s[1] == ' ' || s[1] == '-') {
		b.WriteByte('\\')
	}
	listNumber := orderedListStart(s)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x` + hex2(s[i]))
		case i == listNumber:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '@':
			b.WriteString("@" + zeroWidth)
		case r == '#':
			b.WriteString(`\#`)
			if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				b.WriteString(zeroWidth)
			}
		case r == ':' && strings.HasPrefix(s[i+1:], "//"):
			b.WriteString(":" + zeroWidth)
		case (r == 'w' || r == 'W') && len(s) >= i+4 && strings.EqualFold(s[i:i+4], "www."):
			b.WriteString(s[i:i+3] + zeroWidth)
			n = 3
		case strings.ContainsRune("\\`*_[]~|$", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case Hidden(r):
			b.WriteString(visible(r))
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// MarkdownParagraphs is Markdown for a text of paragraphs (a summary, a risk assessment): each
// paragraph, ending at a blank line, becomes one line, and the paragraphs are kept apart by a
// blank line.
func MarkdownParagraphs(s string) string {
	var ps []string
	for p := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = Markdown(p); p != "" {
			ps = append(ps, p)
		}
	}
	return strings.Join(ps, "\n\n")
}

// oneLine replaces line breaks and tabs with spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t\v\f\u0085\u2028\u2029") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t', '\v', '\f', '\u0085', '\u2028', '\u2029':
			return ' '
		}
		return r
	}, s)
}

// orderedListStart is the index of the "." or ")" of an ordered list marker that s starts with
// (up to nine digits, then "." or ")", then a space or the end), or -1.
func orderedListStart(s string) int {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return i
	}
	return -1
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

// CodeBlock returns text as a fenced code block, ending in a line feed: its lines as they are,
// each with its hidden characters written visibly, inside a fence of one backtick more than the
// longest run of backticks in text (at least three), so that no line of text closes it.
func CodeBlock(text string) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	longest := 0
	for i, l := range lines {
		lines[i] = Terminal(strings.TrimSuffix(l, "\r"))
		longest = max(longest, longestRun(l, '`'))
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + "\n" + strings.Join(lines, "\n") + "\n" + fence + "\n"
}

func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// CodeSpan returns s as a markdown code span that shows exactly s, on one line: line breaks and
// tabs become spaces, other hidden characters are written visibly, and the span is fenced with
// one backtick more than the longest run of backticks in s, so that none of them closes it.
// Inside a code span markdown reads no syntax, HTML, mention or link. Within a table cell, use
// TableCodeSpan.
func CodeSpan(s string) string {
	return codeSpan(s, false)
}

// TableCodeSpan is CodeSpan for a table cell, where a | would end the cell: GitHub reads \| as a
// | there, also inside code.
func TableCodeSpan(s string) string {
	return codeSpan(s, true)
}

func codeSpan(s string, inTable bool) string {
	s = Terminal(oneLine(s))
	longest := longestRun(s, '`')
	if inTable {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	// Markdown strips one space from each end of a span that has one at both; a span that starts
	// or ends with a backtick or space is padded, so that what is left is s. An empty span would
	// be no span: it is one space.
	if s == "" {
		return "` `"
	}
	if s[0] == '`' || s[0] == ' ' || s[len(s)-1] == '`' || s[len(s)-1] == ' ' {
		s = " " + s + " "
	}
	fence := strings.Repeat("`", longest+1)
	return fence + s + fence
}
