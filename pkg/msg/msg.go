// Package msg words budget's messages in Danish or English. A message is kept as its English
// format and its arguments (a Text), and worded in a language only where it is written out, so
// that one run can show it in either and code that reads the English text stays as it is. The
// Danish of each English format is in da.go, keyed by that format (as gettext keys by msgid).
package msg

import (
	"fmt"
	"strings"
)

// Lang is the language of the messages: Danish or English. The zero Lang is English: code that
// chooses no language gets the English text it has always had.
type Lang string

// Languages.
const (
	Danish  Lang = "da"
	English Lang = "en"
)

// Parse accepts "da" or "en".
func Parse(s string) (Lang, bool) {
	switch Lang(s) {
	case Danish, English:
		return Lang(s), true
	}
	return "", false
}

// Text is a message as its English format and arguments. An argument that is itself a Text or
// an Error is worded in the same language; any other is inserted unchanged, as fmt formats it:
// quoted data, numbers as the file writes them. The zero Text is the empty message.
type Text struct {
	Format string
	Args   []any
}

// Newf is the message of format and args. Keep format a literal: da.go's completeness test
// finds each by reading the source.
func Newf(format string, args ...any) Text { return Text{Format: format, Args: args} }

// String is the message in English.
func (t Text) String() string { return t.In(English) }

// In words the message in l.
func (t Text) In(l Lang) string {
	format := t.Format
	if l == Danish {
		if da, ok := danish[format]; ok {
			format = da
		}
	}
	args := t.Args
	if wordsArgs(args) {
		args = make([]any, len(t.Args))
		for i, a := range t.Args {
			switch x := a.(type) {
			case Text:
				args[i] = x.In(l)
			case error:
				args[i] = In(x, l)
			default:
				args[i] = a
			}
		}
	}
	// %w wraps an error for errors.Is; in a wording the error is text like any other.
	return fmt.Sprintf(strings.ReplaceAll(format, "%w", "%v"), args...)
}

func wordsArgs(args []any) bool {
	for _, a := range args {
		switch a.(type) {
		case Text, error:
			return true
		}
	}
	return false
}

// Worded is an error that can word itself in a language.
type Worded interface {
	error
	In(Lang) string
}

// Error is an error whose message is a Text: its Error is the English, In words it in a
// language. It wraps the errors among its arguments, as fmt.Errorf's %w does.
type Error struct{ Text }

// Errorf is the error of format and args, as fmt.Errorf makes it (%w wraps), worded in the
// run's language where it is written out.
func Errorf(format string, args ...any) error { return &Error{Newf(format, args...)} }

func (e *Error) Error() string { return e.Text.String() }

// Unwrap returns the errors among the arguments, so that errors.Is and errors.As see them.
func (e *Error) Unwrap() []error {
	var out []error
	for _, a := range e.Args {
		if err, ok := a.(error); ok {
			out = append(out, err)
		}
	}
	return out
}

// In words err in l: an error of budget's own (a Worded) in l, any other (the operating
// system's, a library's) as it words itself.
func In(err error, l Lang) string {
	if w, ok := err.(Worded); ok {
		return w.In(l)
	}
	return err.Error()
}

// And lists items as a sentence does, "a", "a and b", "a, b and c", worded in the language of
// the message it goes into.
func And(items []string) Text {
	if len(items) < 2 {
		return Newf("%s", strings.Join(items, ""))
	}
	return Newf("%s and %s", strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}

// Or lists alternatives as a sentence does: "a", "a or b", "a, b or c".
func Or(items []string) Text {
	if len(items) < 2 {
		return Newf("%s", strings.Join(items, ""))
	}
	return Newf("%s or %s", strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}
