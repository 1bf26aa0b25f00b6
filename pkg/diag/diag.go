// Package diag holds the diagnostics a run of budget produces: a position in a file, a severity,
// a code naming the check and a message, collected into a List that sorts and renders them.
package diag

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/budget-ledger/budget/pkg/msg"
)

// Severity says whether a diagnostic fails the data (Error) or reports one of the document's own
// inconsistencies (Warning), which can be acknowledged.
type Severity int

const (
	// Error means the data is wrong: a run with an error exits 1.
	Error Severity = iota
	// Warning means the data is readable but inconsistent; --strict fails on unacknowledged ones.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string { return s.In(msg.English) }

// In returns the severity's name in l: "error" or "warning", "fejl" or "advarsel".
func (s Severity) In(l msg.Lang) string {
	if s == Warning {
		return msg.Newf("warning").In(l)
	}
	return msg.Newf("error").In(l)
}

// MarshalText makes a Severity render as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Pos is a 1-based position in a file. A zero Line means the whole file.
type Pos struct {
	File   string
	Line   int
	Column int
}

// String renders the position as file:line:col, or just file when there is no line.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Diagnostic is one problem found in the ledger.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Code names the check, e.g. "sum-mismatch"; acknowledgements refer to it.
	Code string
	// Message is the message in English; Text keeps it as its format and arguments, to be worded
	// in another language where it is written out (see In).
	Message string
	Text    msg.Text
	// Path is the dotted path of the offending value in its file (e.g. "economy.payback.total"),
	// empty for file-level problems. Acknowledgements match on it.
	Path string
	// Acknowledged is set when the file carries an acknowledgement for this finding; Reason is its text.
	Acknowledged bool
	Reason       string
}

// String renders the diagnostic as file:line:col: severity: message [code].
func (d Diagnostic) String() string { return d.StringIn(msg.English) }

// StringIn renders the diagnostic as String does, its severity and message worded in l.
func (d Diagnostic) StringIn(l msg.Lang) string {
	return fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity.In(l), d.In(l), d.Code)
}

// In words the message in l. A diagnostic made without a Text (by a test, say) has only its
// English Message.
func (d Diagnostic) In(l msg.Lang) string {
	if d.Text.Format == "" || l == msg.English || l == "" {
		return d.Message
	}
	return d.Text.In(l)
}

// Newf is the diagnostic of format and args at pos.
func Newf(pos Pos, sev Severity, path, code, format string, args ...any) Diagnostic {
	t := msg.Newf(format, args...)
	return Diagnostic{Pos: pos, Severity: sev, Code: code, Path: path, Message: t.String(), Text: t}
}

// Append adds more to the message, e.g. how many more findings like it the file holds.
func (d *Diagnostic) Append(more msg.Text) {
	if d.Text.Format == "" {
		d.Text = msg.Newf("%s", d.Message)
	}
	d.Text = msg.Newf("%s%s", d.Text, more)
	d.Message += more.String()
}

// List collects the diagnostics of a run. The zero value is an empty list ready to use.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at pos.
func (l *List) Errorf(pos Pos, path, code, format string, args ...any) {
	l.Add(Newf(pos, Error, path, code, format, args...))
}

// Warnf appends a warning at pos.
func (l *List) Warnf(pos Pos, path, code, format string, args ...any) {
	l.Add(Newf(pos, Warning, path, code, format, args...))
}

// Sort orders the list by file, line, column, then code and message, so output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Count returns the number of errors and of unacknowledged warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		switch {
		case d.Severity == Error:
			errors++
		case !d.Acknowledged:
			warnings++
		}
	}
	return errors, warnings
}

// Errors returns the errors of l, without its warnings; nil when there are none.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}

// MaxErrorsPerFile is the most errors shown for one file. A file with more is beyond repair by
// reading a list (a hostile one can hold an error every few bytes, millions of them), and the
// first ones are what to fix; the rest would only cost time and output.
const MaxErrorsPerFile = 100

// CodeTooManyErrors is the code of the one error that stands for those of a file past
// MaxErrorsPerFile.
const CodeTooManyErrors = "too-many-errors"

// LimitErrors returns l sorted, with every warning and the first MaxErrorsPerFile errors of each
// file, and in place of the others one error at the first of them, which says that more follow;
// limited reports whether any were left out. more is set when whoever collected l stopped
// early, so that the error stands even when l itself holds no more than the limit.
func (l List) LimitErrors(more bool) (out List, limited bool) {
	l.Sort()
	if !more && l.errorsAtMost(MaxErrorsPerFile) {
		if len(l) == 0 {
			return nil, false
		}
		return l[:len(l):len(l)], false // no file can be past the limit: every diagnostic is kept
	}
	errs := map[string]int{}
	for _, d := range l {
		if d.Severity != Error {
			out = append(out, d)
			continue
		}
		switch n := errs[d.Pos.File]; {
		case n < MaxErrorsPerFile:
			out = append(out, d)
		case n == MaxErrorsPerFile:
			out = append(out, tooMany(d.Pos))
		}
		errs[d.Pos.File]++
	}
	for _, n := range errs {
		if n > MaxErrorsPerFile {
			limited = true
		}
	}
	if more && !limited && len(l) > 0 {
		last := l[len(l)-1].Pos
		out = append(out, tooMany(last))
		limited = true
	}
	return out, limited
}

// errorsAtMost reports whether l holds at most n errors.
func (l List) errorsAtMost(n int) bool {
	for _, d := range l {
		if d.Severity == Error {
			if n--; n < 0 {
				return false
			}
		}
	}
	return true
}

func tooMany(at Pos) Diagnostic {
	return Newf(at, Error, "", CodeTooManyErrors, "more errors follow from here; budget shows the first %d errors of a file: fix those first", MaxErrorsPerFile)
}
