package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/budget-ledger/budget/schema"
	"github.com/spf13/cobra"
)

// SchemaOptions are the arguments of budget schema.
type SchemaOptions struct {
	Streams
	Name string
}

// NewCmdSchema builds budget schema, which prints the embedded JSON Schemas.
func NewCmdSchema(s Streams, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{Streams: s}
	return &cobra.Command{
		Use:   "schema [" + strings.Join(schema.Names, "|") + "]",
		Short: "Print the JSON Schema of a data file (draft 2020-12), or list them",
		Example: `  budget schema
  budget schema proposal > proposal.schema.json`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: schema.Names,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Name = args[0]
				if !slices.Contains(schema.Names, opts.Name) {
					return usagef("unknown schema %q: want one of %s", opts.Name, strings.Join(schema.Names, ", "))
				}
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.Name == "" {
				for _, n := range schema.Names {
					fmt.Fprintf(opts.Out, "%s\tschema/%s.schema.json\n", n, n)
				}
				return nil
			}
			data, err := schema.Files.ReadFile(opts.Name + ".schema.json")
			if err != nil {
				return err
			}
			_, err = opts.Out.Write(data)
			return err
		},
	}
}
