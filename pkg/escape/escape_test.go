package escape

import (
	"testing"
)

func TestTerminal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Digital løsning", "Digital løsning"},
		{"\x1b]0;pwned\a title", `\x1b]0;pwned\a title`},
		{"clear\x1b[2J", `clear\x1b[2J`},
		{"csi \u009b31m", `csi \u009b31m`},
		{"abc\u202edef", `abc\u202edef`},
		{"zero\u200bwidth\u2060\ufeff", `zero\u200bwidth\u2060\ufeff`},
		{"line\u2028sep\r\nnext\ttab", `line\u2028sep\r\nnext\ttab`},
		{"tag\U000E0041 del\x7f", `tag\U000e0041 del\x7f`},
		{"not utf-8 \x9b", `not utf-8 \x9b`},
		{`a backslash \x1b stays`, `a backslash \x1b stays`},
		{"no-break\u00a0space", "no-break\u00a0space"},
	}
	for _, tt := range tests {
		if got := Terminal(tt.in); got != tt.want {
			t.Errorf("Terminal(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got, want := TerminalKeeping("a\tb\x1b", "\t"), "a\tb\\x1b"; got != want {
		t.Errorf("TerminalKeeping = %q, want %q", got, want)
	}
}

// TestMarkdown: the examples, and each construct of GitHub's markdown, stay text.
func TestMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Digital løsning, 1.000 kr. -639", "Digital løsning, 1.000 kr. -639"},
		{"a\n## heading", `a \#\# heading`},
		{"## heading", `\#\# heading`},
		{"```\ncode", "\\`\\`\\` code"},
		{"cc @octocat", "cc @&#8203;octocat"},
		{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
		{"[link](javascript:alert(1))", `\[link\](javascript:alert(1))`},
		{"open <!-- comment", "open &lt;!-- comment"},
		{"a | b", `a \| b`},
		{"**bold** _it_ ~~del~~ $x$", `\*\*bold\*\* \_it\_ \~\~del\~\~ \$x\$`},
		{"see #12 and owner/repo#3", `see \#&#8203;12 and owner/repo\#&#8203;3`},
		{"https://evil.example and www.evil.example", "https:&#8203;//evil.example and www&#8203;.evil.example"},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"---", `\---`},
		{"1. first", `1\. first`},
		{"2026) year", `2026\) year`},
		{"> quote", "&gt; quote"},
		{"    indented", "indented"},
		{"AT&T", "AT&amp;T"},
		{`back\slash`, `back\\slash`},
		{"esc\x1b[2J bidi\u202e", `esc\x1b\[2J bidi\u202e`},
		{"line\u2028sep\tand\r\nbreaks ", "line sep and  breaks"},
		{"-", `\-`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Markdown(tt.in); got != tt.want {
			t.Errorf("Markdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownParagraphs(t *testing.T) {
	in := "First line\nsame paragraph.\n\n## Second\r\n\r\n\n\n- third"
	want := "First line same paragraph.\n\n\\#\\# Second\n\n\\- third"
	if got := MarkdownParagraphs(in); got != want {
		t.Errorf("MarkdownParagraphs = %q, want %q", got, want)
	}
}

func TestCodeSpan(t *testing.T) {
	tests := []struct{ in, want, table string }{
		{"economy.rows[Tid]", "`economy.rows[Tid]`", "`economy.rows[Tid]`"},
		{"a`b", "``a`b``", "``a`b``"},
		{"`x``", "``` `x`` ```", "``` `x`` ```"},
		{" padded ", "`  padded  `", "`  padded  `"},
		{"a|b", "`a|b`", "`a\\|b`"},
		{"two\nlines\x1b", "`two lines\\x1b`", "`two lines\\x1b`"},
		{"", "` `", "` `"},
	}
	for _, tt := range tests {
		if got := CodeSpan(tt.in); got != tt.want {
			t.Errorf("CodeSpan(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := TableCodeSpan(tt.in); got != tt.table {
			t.Errorf("TableCodeSpan(%q) = %q, want %q", tt.in, got, tt.table)
		}
	}
	if got, want := CodeBlock("a ``` b\n```\nesc\x1b\n"), "````\na ``` b\n```\nesc\\x1b\n````\n"; got != want {
		t.Errorf("CodeBlock = %q, want %q", got, want)
	}
}

func TestCSV(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1+2", "'+1+2"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-", "-"},
		{"Digital løsning", "Digital løsning"},
	}
	for _, tt := range tests {
		if got := CSV(tt.in); got != tt.want {
			t.Errorf("CSV(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSON(t *testing.T) {
	in := "{\n  \"t\": \"a\u202eb\u200b\x7f\u0085\U000E0041\\u001b\u00e6\"\n}\n"
	want := "{\n  \"t\": \"a\\u202eb\\u200b\\u007f\\u0085\\udb40\\udc41\\u001b\u00e6\"\n}\n"
	if got := string(JSON([]byte(in))); got != want {
		t.Errorf("JSON = %q, want %q", got, want)
	}
}

func TestName(t *testing.T) {
	for r, want := range map[rune]string{
		0x1b: "U+001B ESCAPE", 0x9b: "U+009B CONTROL SEQUENCE INTRODUCER", 0x202e: "U+202E RIGHT-TO-LEFT OVERRIDE",
		0x200b: "U+200B ZERO WIDTH SPACE", 0x7f: "U+007F DELETE", 0xe0041: "U+E0041 TAG LATIN CAPITAL LETTER A",
	} {
		if got := Name(r); got != want {
			t.Errorf("Name(%U) = %q, want %q", r, got, want)
		}
	}
}
