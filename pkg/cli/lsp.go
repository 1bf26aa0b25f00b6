package cli

import (
	"context"
	"io"

	"github.com/budget-ledger/budget/pkg/lsp"
	"github.com/spf13/cobra"
)

// LSPOptions are the flags of budget lsp.
type LSPOptions struct {
	*Global
	Streams
	Stdio bool
}

// NewCmdLSP builds budget lsp. runF replaces the work in tests of flag parsing.
func NewCmdLSP(g *Global, s Streams, runF func(*LSPOptions) error) *cobra.Command {
	opts := &LSPOptions{Global: g, Streams: s}
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server: validate's findings while a file is typed, in any editor",
		Long: `Lsp runs budget's language server (LSP 3.17) on standard input and output, for an
editor to start (docs/editors.md has the configuration of VS Code, Neovim, Helix and Emacs).

It reports what budget validate reports, cross-file checks included, over the unsaved text of
every open buffer, a moment after typing pauses; acknowledged findings are hints with their
reason. It adds hover (a row's sums, its share of the committee's Table 1 row, the payback; a
committee's name and Table 1 row), inlay hints (what budget computes beside a figure that
differs), code actions (acknowledge a finding; in a draft catalog, set a declared total to the
computed sum, and run catalog sync), completion (committee ids, steering areas, check codes,
year keys, a continuation link's budget and number), formatting (budget fmt's layout), go to
definition of a committee id and document symbols. It never writes a file: every edit goes through the editor.

The ledger is --dir, or the one found from the current directory; else the one found from the
editor's root folder. In a ledger of budget folders the server works on the budget --budget
names (the latest without it), with the earlier budgets its links and target read beside it.`,
		Example: `  budget lsp
  budget lsp --dir path/to/proposals`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return lspRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Stdio, "stdio", true, "talk over standard input and output (the only transport; editors pass it)")
	return cmd
}

func lspRun(opts *LSPOptions) error {
	lopts, err := opts.Limits.options()
	if err != nil {
		return err
	}
	so := lsp.Options{
		Load:      lopts,
		Budget:    opts.Budget,
		Lang:      opts.useCatalog,
		SyncEdits: syncEdits,
		Version:   buildVersion(),
		Log:       opts.Err,
		Find: func(start string) (string, error) {
			dir, _, err := findLedger(start, true)
			return dir, err
		},
	}
	if opts.Dir != "" {
		if so.Dir, _, err = opts.ledgerDir(); err != nil {
			return err
		}
	} else if dir, _, err := findLedger("", true); err == nil {
		so.Dir = dir
	}
	// Exit status 1 where the client went away without shutdown, as the protocol says.
	if lsp.Serve(context.Background(), stdio{opts.In, opts.Out}, so) != 0 {
		return errDataFailed
	}
	return nil
}

// stdio is the standard streams as one connection.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }
