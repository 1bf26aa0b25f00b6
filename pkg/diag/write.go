package diag

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/msg"
)

// Sources gives line n (1-based, without its line feed) of a file by the name diagnostics use, so
// that the text writer can show the offending line; false where it has none. A nil Sources shows
// no source lines.
type Sources func(file string, n int) ([]byte, bool)

// TextSources gives the lines of the texts that text returns (nil for a file it has not). It
// finds the lines of the last file asked for once, so that diagnostics sorted by file cost one
// pass over each file.
func TextSources(text func(file string) []byte) Sources {
	var file string
	var src []byte
	var starts []int // offset of each line's first byte
	return func(f string, n int) ([]byte, bool) {
		if f != file || starts == nil {
			file, src, starts = f, text(f), nil
			if src == nil {
				return nil, false
			}
			starts = append(starts, 0)
			for i, b := range src {
				if b == '\n' {
					starts = append(starts, i+1)
				}
			}
		}
		if src == nil || n < 1 || n > len(starts) {
			return nil, false
		}
		to := len(src)
		if n < len(starts) {
			to = starts[n] - 1
		}
		return src[starts[n-1]:to], true
	}
}

// Options choose what the writers include.
type Options struct {
	// All includes acknowledged warnings; by default they are left out.
	All bool
	// Lang is the language messages are worded in; the zero Lang is English.
	Lang msg.Lang
}

func (o Options) keep(d Diagnostic) bool { return o.All || !d.Acknowledged }

// WriteText writes each diagnostic as file:line:col: severity: message [code], followed by the
// offending source line and a caret under the column, then a summary line. File names, messages,
// reasons, paths and source lines are data: their hidden characters are written visibly
// (escape.Terminal), and the caret counts the escapes.
func WriteText(w io.Writer, l List, src Sources, o Options) error {
	var b strings.Builder
	lines := excerpts{src: src}
	for _, d := range l {
		if !o.keep(d) {
			continue
		}
		if d.Acknowledged {
			b.WriteString(msg.Newf("%s: %s (acknowledged): %s [%s]\n", escape.Terminal(d.Pos.String()), d.Severity.In(o.Lang), escape.Terminal(d.In(o.Lang)), escape.Terminal(d.Code)).In(o.Lang))
			b.WriteString(msg.Newf("    reason: %s\n", escape.Terminal(d.Reason)).In(o.Lang))
		} else {
			b.WriteString(escape.Terminal(d.StringIn(o.Lang)))
			b.WriteByte('\n')
		}
		if line, col, ok := lines.at(d.Pos); ok {
			fmt.Fprintf(&b, "    %s\n    %s^\n", escape.TerminalKeeping(line, "\t"), caretPad(line, col))
		}
		if d.Severity == Warning && !d.Acknowledged && d.Path != "" && d.Code != "unused-acknowledgement" && d.Code != "placeholder" && d.Code != "catalog-out-of-step" {
			b.WriteString(msg.Newf("    acknowledge with: {check: %s, at: %s, reason: ...}\n", escape.Terminal(d.Code), escape.Terminal(d.Path)).In(o.Lang))
		}
	}
	e, wn := l.Count()
	acked := 0
	for _, d := range l {
		if d.Acknowledged {
			acked++
		}
	}
	b.WriteString(msg.Newf("%s, %s, %d acknowledged\n", Errors(e), Warnings(wn), acked).In(o.Lang))
	_, err := io.WriteString(w, b.String())
	return err
}

// Errors says how many errors: "1 error", "2 errors".
func Errors(n int) msg.Text {
	if n == 1 {
		return msg.Newf("%d error", n)
	}
	return msg.Newf("%d errors", n)
}

// Warnings says how many warnings: "1 warning", "2 warnings".
func Warnings(n int) msg.Text {
	if n == 1 {
		return msg.Newf("%d warning", n)
	}
	return msg.Newf("%d warnings", n)
}

// maxShown is how many characters of a source line are shown; a longer line is cut to a window
// around the column, so that a file of one huge line cannot flood the terminal.
const maxShown = 120

// excerpts finds the source lines diagnostics point at. It keeps a cursor in the current line,
// so that diagnostics in sorted order cost, all together, one pass over each long line, however
// many point into it: a hostile file of one huge line with an error every few characters stays
// linear.
type excerpts struct {
	src  Sources
	file string
	// The cursor: line, the line's length in characters, and a character column with its offset.
	line, runes, col, off int
}

// at returns the part of line p.Line shown and the column within it.
func (e *excerpts) at(p Pos) (string, int, bool) {
	if e.src == nil || p.Line < 1 {
		return "", 0, false
	}
	raw, ok := e.src(p.File, p.Line)
	if !ok {
		return "", 0, false
	}
	if p.File != e.file {
		e.file, e.line = p.File, 0
	}
	text := bytes.TrimRight(raw, "\r")
	if len(text) <= utf8.UTFMax*maxShown {
		line, col := clip(string(text), p.Column)
		return line, col, true
	}
	if p.Line != e.line || p.Column < e.col {
		e.line, e.runes, e.col, e.off = p.Line, utf8.RuneCount(text), 1, 0
	}
	start := min(max(0, p.Column-1-maxShown/2), e.runes-maxShown) // in characters
	for ; e.col-1 < start; e.col++ {
		_, n := utf8.DecodeRune(text[e.off:])
		e.off += n
	}
	end := e.off
	for range maxShown {
		_, n := utf8.DecodeRune(text[end:])
		end += n
	}
	shown, col := string(text[e.off:end]), p.Column
	if start > 0 {
		shown, col = "…"+shown, col-start+1
	}
	if end < len(text) {
		shown += "…"
	}
	return shown, col, true
}

// clip returns the part of line shown and the column within it.
func clip(line string, col int) (string, int) {
	r := []rune(line)
	if len(r) <= maxShown {
		return line, col
	}
	start := min(max(0, col-1-maxShown/2), len(r)-maxShown)
	end := start + maxShown
	shown := string(r[start:end])
	if start > 0 {
		shown, col = "…"+shown, col-start+1
	}
	if end < len(r) {
		shown += "…"
	}
	return shown, col
}

// caretPad returns the white space that puts a caret under column col of line as
// the text writer shows it: a tab stays a tab, so that the caret lines up in a terminal, and
// another hidden character takes the width of its escape.
func caretPad(line string, col int) string {
	var b strings.Builder
	for i, r := range []rune(line) {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", escape.TerminalWidth(r)))
		}
	}
	return b.String()
}

// WriteGitHub writes GitHub Actions workflow commands (::error file=…,line=…,col=…::message), one
// a diagnostic, so that findings show as annotations on the pull request's lines.
func WriteGitHub(w io.Writer, l List, o Options) error {
	var b strings.Builder
	for _, d := range l {
		if !o.keep(d) || d.Acknowledged {
			continue
		}
		level := "error"
		if d.Severity == Warning {
			level = "warning"
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level,
			ghProperty(d.Pos.File), max(d.Pos.Line, 1), max(d.Pos.Column, 1), ghProperty(d.Code), ghData(d.In(o.Lang)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a message as GitHub's workflow commands require: line breaks as %0D and %0A,
// so that none ends the command and starts another. The command is a line of the job's log,
// which GitHub shows as a terminal would: the other hidden characters are written visibly.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(escape.TerminalKeeping(s, "\r\n"))
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(escape.TerminalKeeping(s, "\r\n"))
}
