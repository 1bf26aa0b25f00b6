package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// hit is the entry of a document at a line: its dotted path, its key (nil for a list item) and
// its value.
type hit struct {
	path     string
	key, val *yaml.Node
}

// entryAt finds the deepest entry of the tree whose key (or, for a list item, whose value) starts
// on 1-based line, at or before 1-based column col among those on that line.
func entryAt(n *yaml.Node, path string, line, col int, best *hit) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := proposal.Join(path, k.Value)
			if k.Line == line && k.Column <= max(col, 1) || k.Line == line && best.val == nil {
				*best = hit{p, k, v}
			}
			if k.Line <= line {
				entryAt(v, p, line, col, best)
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := proposal.Join(path, strconv.Itoa(i))
			if c.Kind == yaml.ScalarNode && c.Line == line && (c.Column <= col || best.val == nil) {
				*best = hit{p, nil, c}
			}
			if c.Line <= line {
				entryAt(c, p, line, col, best)
			}
		}
	}
}

// at returns the entry at p in d, or false where the document does not parse or has none there.
func (s *Server) at(d *document, p Position) (hit, *proposal.Parsed, bool) {
	parsed := d.parse(s.opts.Load.Limits)
	if parsed == nil || parsed.Root == nil {
		return hit{}, nil, false
	}
	line := d.t.line(p.Line)
	col := len([]rune(string(line[:min(len(line), d.t.offset(p)-d.t.lines[min(p.Line, len(d.t.lines)-1)])]))) + 1
	var h hit
	entryAt(parsed.Root, "", p.Line+1, col, &h)
	return h, parsed, h.val != nil
}

// nodeRange is the range of scalar n in t: its text on its line.
func nodeRange(t *text, n *yaml.Node) Range {
	start := t.runePosition(n.Line, n.Column)
	end := start
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		l := t.line(start.Line)
		off := t.offset(start) - t.lines[start.Line]
		rest := l[off:]
		w := len(n.Value)
		if n.Style != 0 || w > len(rest) {
			w = len(rest) // a quoted scalar: its text as written, up to the line's end
			if i := strings.Index(string(rest), " #"); i >= 0 {
				w = i
			}
		}
		end = t.position(t.lines[start.Line] + off + w)
	} else {
		end = t.lineEnd(start.Line)
	}
	return Range{Start: start, End: end}
}

func (s *Server) positionParams(raw json.RawMessage) (*document, Position, error) {
	p, d, err := opened[TextDocumentPositionParams](s, raw)
	return d, p.Position, err
}

var rowPath = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^economy\.([a-z_]+)\.(rows|totals)\.(\d+)`) })

// hover answers on a committee id with the committee's name and Table 1 row; on a row of Tabel 1
// with its sums, its proposal's share of the committee's Table 1 row and the payback; on a
// declared total with what budget computes.
func (s *Server) hover(raw json.RawMessage) (any, error) {
	d, pos, err := s.positionParams(raw)
	if err != nil {
		return nil, err
	}
	h, _, ok := s.at(d, pos)
	if !ok {
		return nil, nil
	}
	var b strings.Builder
	switch {
	case h.val.Kind == yaml.ScalarNode && (h.path == "committee" || strings.HasSuffix(h.path, ".committee") || ledger.KindOf(d.rel) == "catalog" && regexp.MustCompile(`^committees\.\d+\.id$`).MatchString(h.path)):
		s.hoverCommittee(&b, h.val.Value)
	default:
		sh := s.l.Sheets[d.rel]
		if sh == nil {
			return nil, nil
		}
		s.hoverRow(&b, sh, h.path)
	}
	if b.Len() == 0 {
		return nil, nil
	}
	r := nodeRange(d.t, h.val)
	if h.key != nil {
		r.Start = d.t.runePosition(h.key.Line, h.key.Column)
	}
	return Hover{Contents: MarkupContent{Kind: "markdown", Value: strings.TrimSpace(b.String())}, Range: &r}, nil
}

func (s *Server) hoverCommittee(b *strings.Builder, id string) {
	if s.l.Catalog == nil {
		return
	}
	i := slices.IndexFunc(s.l.Catalog.Committees, func(c proposal.Committee) bool { return c.ID == id })
	if i < 0 {
		return
	}
	b.WriteString(msg.Newf("**%s**: %s\n\n", id, s.l.Catalog.Committees[i].Name).In(s.lang))
	t := s.l.Totals()
	for _, c := range t.Committees {
		if c.ID == id {
			b.WriteString(msg.Newf("Table 1 (%s, %s): %s\n", t.Unit, t.PriceLevel, yearly(s.num(), t.Years, c.Amounts)).In(s.lang))
		}
	}
}

// num formats figures in the language of the messages, as every other output of budget does.
func (s *Server) num() render.Lang { return render.Lang(s.lang) }

// yearly lists figures by year: "2026: 1984, 2027: 3968".
func yearly(num render.Lang, years []int, f ledger.Figures) string {
	var parts []string
	for i, y := range years {
		if i < len(f) {
			parts = append(parts, fmt.Sprintf("%d: %s", y, num.Number(f[i])))
		}
	}
	return strings.Join(parts, ", ")
}

func (s *Server) hoverRow(b *strings.Builder, sh *ledger.Sheet, p string) {
	switch {
	case sh.Economy != nil && rowPath().MatchString(p):
		m := rowPath().FindStringSubmatch(p)
		i, _ := strconv.Atoi(m[3])
		for _, sec := range sh.Economy.Sections {
			if sec.Path != "economy."+m[1] {
				continue
			}
			if m[2] == "rows" && i < len(sec.Rows) {
				r := sec.Rows[i]
				b.WriteString(msg.Newf("**%s** (%s)\n\n", r.Label, r.Area).In(s.lang))
				f := r.Cells.Figures()
				b.WriteString(msg.Newf("Sum of the row over %d years: %s\n\n", len(f), s.num().Number(sum(f))).In(s.lang))
				b.WriteString(msg.Newf("Sum of the section's rows: %s\n\n", yearly(s.num(), sec.Years, sec.Sum)).In(s.lang))
			}
			if m[2] == "totals" && i < len(sec.Totals) {
				s.compared(b, sec.Totals[i])
			}
		}
		s.share(b, sh)
		s.payback(b, sh)
	case sh.Economy != nil && strings.HasPrefix(p, "economy.total_impact"):
		s.compared(b, sh.Economy.TotalImpact)
		s.payback(b, sh)
	case strings.HasPrefix(p, "catalog.contribution"):
		c := sh.Catalog
		b.WriteString(msg.Newf("**Table 2 row** (%s): %s\n\n", c.Unit, yearly(s.num(), c.Years, c.Contribution.Figures())).In(s.lang))
		if c.Own != nil {
			b.WriteString(msg.Newf("From Tabel 1: %s\n\n", yearly(s.num(), c.Years, c.Own.Figures())).In(s.lang))
		}
		s.share(b, sh)
	}
}

func sum(f ledger.Figures) decimal.Decimal {
	t := decimal.Zero
	for _, v := range f {
		t = t.Add(v)
	}
	return t
}

// compared writes a declared total beside what budget computes, marking the years that differ.
func (s *Server) compared(b *strings.Builder, c ledger.ComparedLine) {
	b.WriteString(msg.Newf("**%s**\n\n", c.Label).In(s.lang))
	for i, y := range c.Years {
		declared := "-" // as the tables print an empty cell
		if c.Declared != nil && c.Declared[i].Printed {
			declared = s.num().Number(c.Declared[i].Value)
		}
		mark := ""
		if i < len(c.Differs) && c.Differs[i] {
			mark = msg.Newf(" (differs)").In(s.lang)
		}
		b.WriteString(msg.Newf("- %d: declared %s, computed %s%s\n", y, declared, s.num().Number(c.Computed[i]), mark).In(s.lang))
	}
	b.WriteString("\n")
}

// share writes the proposal's catalog contribution as a share of its committee's Table 1 row.
func (s *Server) share(b *strings.Builder, sh *ledger.Sheet) {
	t := s.l.Totals()
	for _, c := range t.Committees {
		if c.ID != sh.Committee {
			continue
		}
		var parts []string
		for i, y := range t.Years {
			ci := slices.Index(sh.Catalog.Years, y)
			if ci < 0 || ci >= len(sh.Catalog.Contribution) || i >= len(c.Amounts) || c.Amounts[i].IsZero() {
				continue
			}
			pct := sh.Catalog.Contribution[ci].Value.Div(c.Amounts[i]).Mul(decimal.NewFromInt(100))
			parts = append(parts, fmt.Sprintf("%d: %s %%", y, s.num().Rounded(pct, 1)))
		}
		if len(parts) > 0 {
			b.WriteString(msg.Newf("Share of %s's Table 1 row: %s\n\n", c.ID, strings.Join(parts, ", ")).In(s.lang))
		}
	}
}

func (s *Server) payback(b *strings.Builder, sh *ledger.Sheet) {
	for _, p := range sh.Economy.Payback {
		printed := msg.Newf("not printed").In(s.lang)
		if p.Printed != nil {
			printed = s.num().Number(*p.Printed)
		}
		computed := msg.Newf("never").In(s.lang)
		if p.Computed > 0 {
			computed = msg.Newf("%d years", p.Computed).In(s.lang)
		}
		b.WriteString(msg.Newf("Payback (%s): Tabel 1 implies %s; the document prints %s\n\n", p.Basis, computed, printed).In(s.lang))
	}
}

// inlayHint puts, beside each declared total and catalog contribution that differs from what
// budget computes, the computed figure; in catalog.yaml, beside each figure the proposals imply
// another value for.
func (s *Server) inlayHint(raw json.RawMessage) (any, error) {
	p, d, err := opened[InlayHintParams](s, raw)
	if err != nil {
		return nil, err
	}
	parsed := d.parse(s.opts.Load.Limits)
	out := []InlayHint{}
	if parsed == nil || s.l == nil {
		return out, nil
	}
	add := func(path string, v decimal.Decimal) {
		n := parsed.Node(path)
		if n == nil {
			return
		}
		r := nodeRange(d.t, n)
		if r.End.Line < p.Range.Start.Line || r.End.Line > p.Range.End.Line {
			return
		}
		out = append(out, InlayHint{Position: d.t.lineEnd(r.End.Line), Label: "budget: " + s.num().Number(v), PaddingLeft: true})
	}
	if ledger.KindOf(d.rel) == "catalog" {
		if !s.ds.HasErrors() {
			for _, f := range s.l.Implied().Figures {
				add(f.Path, f.New)
			}
		}
		return out, nil
	}
	sh := s.l.Sheets[d.rel]
	if sh == nil {
		return out, nil
	}
	var lines []ledger.ComparedLine
	if sh.Economy != nil {
		for _, sec := range sh.Economy.Sections {
			lines = append(lines, sec.Totals...)
		}
		lines = append(lines, sh.Economy.TotalImpact)
	}
	for _, c := range lines {
		for i := range c.Differs {
			if c.Differs[i] && c.Declared != nil && c.Declared[i].Printed {
				add(c.CellPath(i), c.Computed[i])
			}
		}
	}
	c := sh.Catalog
	for i := range c.Differs {
		if c.Differs[i] && i < len(c.Own) && c.Path != "" {
			add(proposal.Join(c.Path, strconv.Itoa(c.Years[i])), c.Own[i].Value)
		}
	}
	slices.SortStableFunc(out, func(a, b InlayHint) int { return a.Position.Line - b.Position.Line })
	return out, nil
}

// commandReveal selects a range of a document in the client: the reason of a new acknowledgement.
const commandReveal = "budget.reveal"

// codeAction offers, for each unacknowledged warning at the range, to acknowledge it; in a draft
// catalog, to set a declared total to the computed sum; and in a draft catalog out of step, what
// budget catalog sync would write.
func (s *Server) codeAction(raw json.RawMessage) (any, error) {
	p, d, err := opened[CodeActionParams](s, raw)
	if err != nil {
		return nil, err
	}
	out := []CodeAction{}
	var here diag.List
	for _, x := range s.ds {
		if x.Pos.File != d.rel || x.Acknowledged || x.Severity != diag.Warning || x.Path == "" || !slices.Contains(check.Acknowledgeable(), x.Code) {
			continue
		}
		line := x.Pos.Line - 1
		if line >= p.Range.Start.Line && line <= p.Range.End.Line {
			here = append(here, x)
		}
	}
	for _, x := range here {
		if a, ok := s.acknowledge(d, x); ok {
			out = append(out, a)
		}
	}
	draft := s.l.Catalog != nil && s.l.Catalog.Draft()
	if draft {
		out = append(out, s.setTotals(d, p.Range)...)
		if a, ok := s.sync(d); ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// acknowledge is the action that adds an acknowledgement of x to the end of the file's
// acknowledged list (making the list where there is none), its reason a placeholder to write,
// then selects that placeholder.
func (s *Server) acknowledge(d *document, x diag.Diagnostic) (CodeAction, bool) {
	parsed := d.parse(s.opts.Load.Limits)
	if parsed == nil {
		return CodeAction{}, false
	}
	reason := proposal.PlaceholderPrefix + " why the document says so" // a plain scalar: no ": " in it
	item := fmt.Sprintf("  - check: %s\n    at: %s\n    reason: ", x.Code, x.Path)
	var at int // byte offset the entry goes at
	var lead string
	if n := parsed.Node("acknowledged"); n != nil && n.Kind == yaml.SequenceNode && n.Style&yaml.FlowStyle == 0 {
		at = acknowledgedEnd(d.t, parsed)
	} else {
		at, lead = len(d.t.src), "\nacknowledged:\n"
		if n != nil {
			return CodeAction{}, false // acknowledged: with a flow list or no list: a block item would not join it
		}
	}
	if at > 0 && d.t.src[at-1] != '\n' {
		lead = "\n" + lead
	}
	newText := lead + item + reason + "\n"
	pos := d.t.position(at)
	edit := TextEdit{Range: Range{Start: pos, End: pos}, NewText: newText}
	// The reason's place once the edit is made: the last line of the inserted text.
	lines := strings.Count(lead+item, "\n")
	start := Position{Line: pos.Line + lines, Character: len("    reason: ")}
	if lines == 0 {
		start.Character += pos.Character
	}
	sel := Range{Start: start, End: Position{Line: start.Line, Character: start.Character + len(reason)}}
	return CodeAction{
		Title:       fmt.Sprintf("Acknowledge this finding (%s at %s)", x.Code, x.Path),
		Kind:        "quickfix",
		Diagnostics: s.convert(d.rel, diag.List{x}),
		Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: {edit}}},
		Command:     &Command{Title: "Write the reason", Command: commandReveal, Arguments: []any{d.uri, sel}},
	}, true
}

// acknowledgedEnd is the byte offset just past the acknowledged list: the start of the next
// top-level key's line, or the end of the text.
func acknowledgedEnd(t *text, parsed *proposal.Parsed) int {
	root := parsed.Root
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "acknowledged" {
			for j := i + 2; j < len(root.Content); j += 2 {
				k := root.Content[j]
				if k.Line-1 < len(t.lines) {
					return t.lines[k.Line-1]
				}
			}
		}
	}
	return len(t.src)
}

// setTotals are the actions that write the computed sum in place of a declared total that differs,
// at the range.
func (s *Server) setTotals(d *document, r Range) []CodeAction {
	sh := s.l.Sheets[d.rel]
	parsed := d.parse(s.opts.Load.Limits)
	var out []CodeAction
	if sh == nil || sh.Economy == nil || parsed == nil {
		return out
	}
	var lines []ledger.ComparedLine
	for _, sec := range sh.Economy.Sections {
		lines = append(lines, sec.Totals...)
	}
	lines = append(lines, sh.Economy.TotalImpact)
	for _, c := range lines {
		for i := range c.Differs {
			if !c.Differs[i] || c.Declared == nil || !c.Declared[i].Printed {
				continue
			}
			n := parsed.Node(c.CellPath(i))
			if n == nil || n.Kind != yaml.ScalarNode || n.Line-1 < r.Start.Line || n.Line-1 > r.End.Line {
				continue
			}
			out = append(out, CodeAction{
				Title: fmt.Sprintf("Set the declared total to the computed sum (%s in place of %s)", c.Computed[i], n.Value),
				Kind:  "quickfix",
				Edit:  &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: {{Range: nodeRange(d.t, n), NewText: c.Computed[i].String()}}}},
			})
		}
	}
	return out
}

// sync is the action that makes in catalog.yaml the edits budget catalog sync would write: the
// whole file, as format.Edited lays it out.
func (s *Server) sync(d *document) (CodeAction, bool) {
	if s.opts.SyncEdits == nil || s.ds.HasErrors() || ledger.KindOf(d.rel) != "catalog" {
		return CodeAction{}, false
	}
	im := s.l.Implied()
	if len(im.Figures) == 0 && len(im.Rows) == 0 {
		return CodeAction{}, false
	}
	out, ds := format.Edited(d.rel, "catalog", d.t.src, s.opts.Load.Limits, s.opts.SyncEdits(im))
	if out == nil || ds.HasErrors() {
		return CodeAction{}, false
	}
	whole := Range{End: d.t.end()}
	return CodeAction{
		Title: fmt.Sprintf("Run catalog sync (%d figures)", len(im.Figures)),
		Kind:  "source",
		Edit:  &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: {{Range: whole, NewText: string(out)}}}},
	}, true
}

// executeCommand runs budget.reveal: it asks the client to show the document with the range
// selected. The request goes out after this answer, since the connection reads the client's
// messages, replies included, in this one goroutine.
func (s *Server) executeCommand(raw json.RawMessage) (any, error) {
	var p ExecuteCommandParams
	if err := s.decode(raw, &p); err != nil {
		return nil, err
	}
	if p.Command != commandReveal || len(p.Arguments) != 2 {
		return nil, s.fail(codeInvalidParams, msg.Newf("unknown command %s", p.Command))
	}
	var show ShowDocumentParams
	var r Range
	if json.Unmarshal(p.Arguments[0], &show.URI) != nil || json.Unmarshal(p.Arguments[1], &r) != nil {
		return nil, s.fail(codeInvalidParams, msg.Newf("budget.reveal takes a URI and a range"))
	}
	show.TakeFocus, show.Selection = true, &r
	if conn := s.conn; conn != nil {
		go func() { _, _ = conn.DispatchCall(context.Background(), "window/showDocument", show) }()
	}
	return nil, nil
}
