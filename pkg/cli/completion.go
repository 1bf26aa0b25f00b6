package cli

import (
	"fmt"
	"os"
	"strconv"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/spf13/cobra"
)

// Shell completion is Cobra's (budget completion bash|zsh|fish|powershell); the functions here
// complete the values that come from the ledger: committee ids, proposal numbers and
// cross-cutting ids, with names and titles as descriptions.

// completion is a value offered to the shell with its description, both from the data: the shell
// reads one completion a line, value and description split by a tab, and shows the description
// in the terminal, so hidden characters are written visibly.
func completion(value, desc string) cobra.Completion {
	return cobra.CompletionWithDesc(escape.Terminal(value), escape.Terminal(desc))
}

// completionLedger loads the ledger for completing (a shell waits for it) as the tables'
// commands load it, totals, proposals, validate: only what the tables read
// (ledger.ModelTables), within the limits, through the cache of per-file results, so that a
// completion after a run of budget reads no unchanged file again, and one before warms the
// cache for the run.
func (g *Global) completionLedger() (*ledger.Ledger, bool) {
	dir, name, err := g.ledgerDir()
	if err != nil {
		return nil, false
	}
	l, _, err := g.loadFSWith(os.DirFS(dir), name, ledger.Options{Model: ledger.ModelTables, Cache: g.cacheFor(dir)})
	return l, err == nil && l.Catalog != nil
}

// completionCatalog reads only the ledger's catalog, for the completions that take nothing else
// (committee ids): as the loader reads it (schema, then the model, whatever the findings), but
// without the ledger's other files, which the shell would wait for.
func (g *Global) completionCatalog() (*proposal.Catalog, bool) {
	dir, _, err := g.ledgerDir()
	if err != nil {
		return nil, false
	}
	opts, err := g.Limits.options()
	if err != nil {
		return nil, false
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, false
	}
	defer root.Close()
	lim := opts.Limits.OrDefault()
	src, bad := ledger.ReadFile(root.FS(), ledger.CatalogFile, ledger.CatalogFile, lim)
	if bad != nil {
		return nil, false
	}
	doc, ds := proposal.ParseLimited(ledger.CatalogFile, src, lim)
	if doc == nil || !doc.Decodable() {
		return nil, false
	}
	if doc.Oversized() && (ds.HasErrors() || doc.Validate("catalog").HasErrors()) {
		return nil, false
	}
	c := &proposal.Catalog{}
	if doc.Root.Decode(c) != nil {
		return nil, false
	}
	return c, true
}

func completeWith(values ...string) cobra.CompletionFunc {
	return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
}

// registerCompletions completes the report flags' values.
func registerCompletions(cmd *cobra.Command, g *Global) {
	complete := func(flag string, f cobra.CompletionFunc) {
		if cmd.Flags().Lookup(flag) != nil {
			_ = cmd.RegisterFlagCompletionFunc(flag, f)
		}
	}
	complete("lang", completeWith("da\tDansk: 1.791,5", "en\tEnglish: 1,791.5"))
	complete("unit", completeWith("tkr\t1.000 kr. (as stored)", "kr\tkr.", "mio\tmio. kr."))
	complete("kind", completeWith(kinds...))
	complete("committee", completeCommittees(g))
	complete("approved-with", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		l, ok := g.completionLedger()
		if !ok {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, a := range approvals(l) {
			out = append(out, escape.Terminal(a))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	complete("years", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		cat, ok := g.completionCatalog()
		if !ok {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		ys := cat.Years
		for i, y := range ys {
			out = append(out, strconv.Itoa(y))
			if i < len(ys)-1 {
				out = append(out, fmt.Sprintf("%d-%d", y, ys[len(ys)-1]))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}

// completeCommittees completes a committee id, with the committee's name as description.
func completeCommittees(g *Global) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		cat, ok := g.completionCatalog()
		if !ok {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, c := range cat.Committees {
			out = append(out, completion(c.ID, c.Name))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeDataFiles completes file arguments with YAML files and folders.
func completeDataFiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// completeProposals completes budget show's argument: proposal numbers with their titles, then
// cross-cutting ids with theirs; once a letter is typed, the file names too (as show takes
// them: without number and .yaml), for a shell offers only what begins with what is typed.
func completeProposals(g *Global) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, typed string) ([]cobra.Completion, cobra.ShellCompDirective) {
		l, ok := g.completionLedger()
		if !ok {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, p := range l.Proposals {
			out = append(out, completion(strconv.Itoa(p.Number), p.Title))
		}
		if typed != "" && (typed[0] < '0' || typed[0] > '9') {
			for _, p := range l.Proposals {
				out = append(out, completion(ledger.FileSlug(p.Doc.File), p.Title))
			}
		}
		for _, x := range l.CrossCutting {
			out = append(out, completion(x.ID, x.Title))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
