package cli

import (
	"slices"
	"strings"

	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// textFormat is the name of every command's format for people; tableAlias is the name four
// commands once gave it, still accepted everywhere text is, without a warning.
const (
	textFormat = "text"
	tableAlias = "table"
)

// addFormatFlag adds --format to cmd, taking one of formats, the first its default. A format may
// carry a note after a tab ("github\tActions annotations"), shown in the help. The value is
// checked and normalised as the flag is parsed, before any ledger is read: p holds a format's
// name (table given as text), and a bad value is a usage error that names the flag and the
// command's own formats. The shell completes the names, not the alias.
func addFormatFlag(cmd *cobra.Command, p *string, formats ...string) {
	v := &formatValue{p: p}
	var help []string
	for _, f := range formats {
		name, note, _ := strings.Cut(f, "\t")
		v.names = append(v.names, name)
		if name == textFormat {
			name += " (or " + tableAlias + ")"
		}
		if note != "" {
			name += " (" + note + ")"
		}
		help = append(help, name)
	}
	*p = v.names[0]
	cmd.Flags().Var(v, "format", "output format: "+msg.Or(help).String())
	_ = cmd.RegisterFlagCompletionFunc("format", completeWith(v.names...))
}

// formatValue is --format's value: one of names, or the alias of text where text is one.
type formatValue struct {
	p     *string
	names []string
}

func (v *formatValue) String() string { return *v.p }

func (v *formatValue) Type() string { return "string" }

func (v *formatValue) Set(s string) error {
	name := s
	if name == tableAlias {
		name = textFormat
	}
	if !slices.Contains(v.names, name) {
		return usagef("--format %s: want %s", s, msg.Or(v.names))
	}
	*v.p = name
	return nil
}

// renderFormat is the renderer's format of a name addFormatFlag took.
func renderFormat(name string) render.Format {
	if name == textFormat {
		return render.Table
	}
	return render.Format(name)
}
