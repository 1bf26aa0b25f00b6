package lsp

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/schema"
	"go.yaml.in/yaml/v3"
)

// areas are the steering areas (styringsområder) of a row: the enum of the embedded proposal
// schema's $defs.area, read at first use, so that a schema that gains an area completes it.
var areas = sync.OnceValue(func() []string {
	var s struct {
		Defs struct {
			Area struct {
				Enum []string `json:"enum"`
			} `json:"area"`
		} `json:"$defs"`
	}
	// The build embeds the schema; were it unreadable, no area would be offered
	// (testdata/completion.json's answer lists them all).
	if b, err := schema.Files.ReadFile("proposal.schema.json"); err == nil && json.Unmarshal(b, &s) == nil {
		return s.Defs.Area.Enum
	}
	return nil
})

// The patterns of completion, each compiled at its first use: nothing of the server is built
// at process start (TestInitCost).
var (
	valueOf = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\s*(?:-\s+)?(committee|area|check|id|budget|number):\s*\S*$`)
	})
	yearsList = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^(\s*)years:\s*\[([0-9,\s]*)\]`) })
	yearStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*\d*$`) })
	mapKey    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\s*)(?:-\s+)?([a-z_]+):\s*$`) })
)

// completion completes, from the line typed so far: committee ids with their names, steering
// areas, the check codes of an acknowledgement, and year keys within the table's columns.
func (s *Server) completion(raw json.RawMessage) (any, error) {
	d, pos, err := s.positionParams(raw)
	if err != nil {
		return nil, err
	}
	line := string(d.t.line(pos.Line))
	typed := line[:d.t.offset(pos)-d.t.lines[min(pos.Line, len(d.t.lines)-1)]]
	out := CompletionList{Items: []CompletionItem{}}
	if m := valueOf().FindStringSubmatch(typed); m != nil {
		switch m[1] {
		case "committee":
			if s.l != nil && s.l.Catalog != nil {
				for _, c := range s.l.Catalog.Committees {
					out.Items = append(out.Items, CompletionItem{Label: c.ID, Kind: completionValue, Detail: c.Name})
				}
			}
		case "area":
			for _, a := range areas() {
				out.Items = append(out.Items, CompletionItem{Label: a, Kind: completionEnum})
			}
		case "check":
			for _, c := range check.Acknowledgeable() {
				out.Items = append(out.Items, CompletionItem{Label: c, Kind: completionConstant})
			}
		case "budget", "number":
			out.Items = append(out.Items, s.continuesAt(d, pos.Line, m[1])...)
		}
		return out, nil
	}
	if yearStart().MatchString(typed) {
		for _, y := range s.yearsAt(d, pos.Line) {
			out.Items = append(out.Items, CompletionItem{Label: strconv.Itoa(y), Kind: completionValue, InsertText: strconv.Itoa(y) + ": "})
		}
	}
	return out, nil
}

// continuesAt are the targets of a continuation link (continues: {budget, number}) at line:
// for budget the earlier budgets of the ledger, for number the proposals of the budget the link
// names, with their titles, as far as the ledger loaded that budget (LoadBudget reads those the
// target and the links need). Elsewhere a budget or number key takes none.
func (s *Server) continuesAt(d *document, line int, key string) []CompletionItem {
	parent, siblings := s.mappingAt(d, line)
	if parent != "continues" || s.l == nil {
		return nil
	}
	var out []CompletionItem
	switch key {
	case "budget":
		for _, b := range s.l.Budgets {
			if b < s.l.Budget {
				out = append(out, CompletionItem{Label: strconv.Itoa(b), Kind: completionValue})
			}
		}
	case "number":
		b, err := strconv.Atoi(siblings["budget"])
		if err != nil {
			return nil
		}
		if e := s.l.Other(b); e != nil {
			for _, p := range e.Proposals {
				out = append(out, CompletionItem{Label: strconv.Itoa(p.Number), Kind: completionValue, Detail: p.Title})
			}
		}
	}
	return out
}

// mappingAt is the key of the mapping that holds line (the first line above it indented less)
// and the plain values of the mapping's other keys.
func (s *Server) mappingAt(d *document, line int) (parent string, siblings map[string]string) {
	indent := len(d.t.line(line)) - len(strings.TrimLeft(string(d.t.line(line)), " "))
	siblings = map[string]string{}
	for _, step := range []int{-1, 1} {
		for n := line + step; n >= 0 && n < len(d.t.lines); n += step {
			l := string(d.t.line(n))
			if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
				continue
			}
			in := len(l) - len(strings.TrimLeft(l, " "))
			if in < indent {
				if m := mapKey().FindStringSubmatch(l); m != nil && step < 0 {
					parent = m[2]
				}
				break
			}
			if k, v, ok := strings.Cut(strings.TrimSpace(l), ":"); ok && in == indent {
				siblings[k] = strings.TrimSpace(v)
			}
		}
	}
	return parent, siblings
}

// yearsAt are the years a line of year keys may take: under amounts: (or contribution:, approved:)
// the table's columns (a proposal's economy.years, the catalog's years) not yet keyed there.
func (s *Server) yearsAt(d *document, line int) []int {
	parent, siblings := s.mappingAt(d, line)
	have := map[int]bool{}
	for k := range siblings {
		if y, err := strconv.Atoi(k); err == nil {
			have[y] = true
		}
	}
	switch parent {
	case "amounts", "contribution", "approved":
	default:
		return nil
	}
	var years []int
	m := yearsList().FindAllStringSubmatch(string(d.t.src), -1)
	if ledger.KindOf(d.rel) == "catalog" || parent == "contribution" {
		if s.l != nil && s.l.Catalog != nil {
			years = s.l.Catalog.Years
		}
	} else if len(m) > 0 {
		for _, f := range strings.Split(m[0][2], ",") {
			if y, err := strconv.Atoi(strings.TrimSpace(f)); err == nil {
				years = append(years, y)
			}
		}
	}
	var out []int
	for _, y := range years {
		if !have[y] {
			out = append(out, y)
		}
	}
	return out
}

// formatting gives the document in budget fmt's canonical layout, as one edit of the whole text;
// a document that does not parse is an LSP error that says why.
func (s *Server) formatting(raw json.RawMessage) (any, error) {
	_, d, err := opened[DocumentFormattingParams](s, raw)
	if err != nil {
		return nil, err
	}
	out, ds := format.SourceLimited(d.rel, ledger.KindOf(d.rel), d.t.src, s.opts.Load.Limits)
	if out == nil {
		if len(ds) > 0 {
			return nil, s.fail(codeRequestFailed, msg.Newf("%s", ds[0].StringIn(s.lang)))
		}
		return nil, s.fail(codeRequestFailed, msg.Newf("%s cannot be formatted", d.rel))
	}
	if string(out) == string(d.t.src) {
		return []TextEdit{}, nil
	}
	return []TextEdit{{Range: Range{End: d.t.end()}, NewText: string(out)}}, nil
}

// definition goes from a committee id to its entry in catalog.yaml.
func (s *Server) definition(raw json.RawMessage) (any, error) {
	d, pos, err := s.positionParams(raw)
	if err != nil {
		return nil, err
	}
	h, _, ok := s.at(d, pos)
	if !ok || h.val.Kind != yaml.ScalarNode || !(h.path == "committee" || strings.HasSuffix(h.path, ".committee")) {
		return []Location{}, nil
	}
	cat, err := s.open(s.uriOf(ledger.CatalogFile))
	if err != nil {
		return nil, err
	}
	parsed := cat.parse(s.opts.Load.Limits)
	if parsed == nil {
		return []Location{}, nil
	}
	list := parsed.Node("committees")
	if list == nil || list.Kind != yaml.SequenceNode {
		return []Location{}, nil
	}
	for i := range list.Content {
		if n := parsed.Node("committees." + strconv.Itoa(i) + ".id"); n != nil && n.Value == h.val.Value {
			return []Location{{URI: cat.uri, Range: nodeRange(cat.t, n)}}, nil
		}
	}
	return []Location{}, nil
}

// documentSymbol outlines the document: its top-level keys, the sections of a table and their
// rows and totals, the catalog's committees and its tables' rows, each named by its label,
// title, committee or id.
func (s *Server) documentSymbol(raw json.RawMessage) (any, error) {
	_, d, err := opened[DocumentSymbolParams](s, raw)
	if err != nil {
		return nil, err
	}
	parsed := d.parse(s.opts.Load.Limits)
	if parsed == nil || parsed.Root == nil || parsed.Root.Kind != yaml.MappingNode {
		return []DocumentSymbol{}, nil
	}
	return symbols(d.t, parsed.Root, 0), nil
}

// maxSymbolDepth bounds the outline: sections, tables, rows.
const maxSymbolDepth = 4

func symbols(t *text, n *yaml.Node, depth int) []DocumentSymbol {
	out := []DocumentSymbol{}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yaml.ScalarNode && depth > 0 {
				continue
			}
			sym := DocumentSymbol{Name: k.Value, Kind: symbolField, Range: span(t, k, v), SelectionRange: nodeRange(t, k)}
			switch v.Kind {
			case yaml.MappingNode:
				sym.Kind = symbolObject
			case yaml.SequenceNode:
				sym.Kind = symbolArray
			}
			if depth+1 < maxSymbolDepth && v.Kind != yaml.ScalarNode && !isAmounts(k.Value) {
				sym.Children = symbols(t, v, depth+1)
			}
			out = append(out, sym)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if c.Kind != yaml.MappingNode {
				continue
			}
			name, detail := itemName(c, i)
			sym := DocumentSymbol{Name: name, Detail: detail, Kind: symbolNamespace, Range: span(t, c, c), SelectionRange: nodeRange(t, c)}
			out = append(out, sym)
		}
	}
	return out
}

func isAmounts(k string) bool {
	return slices.Contains([]string{"amounts", "contribution", "years", "approved"}, k)
}

// itemName names a list item by its label, title, committee, id, check or group, else its index.
func itemName(c *yaml.Node, i int) (string, string) {
	var name, detail string
	for j := 0; j+1 < len(c.Content); j += 2 {
		k, v := c.Content[j].Value, c.Content[j+1]
		if v.Kind != yaml.ScalarNode {
			continue
		}
		switch k {
		case "label", "title", "committee", "id", "check", "group", "body":
			if name == "" {
				name = v.Value
			}
		case "name", "area", "at":
			if detail == "" {
				detail = v.Value
			}
		}
	}
	if name == "" {
		name = "#" + strconv.Itoa(i)
	}
	return name, detail
}

// span is the range from a's start to the end of the last line of b's subtree: the last line of
// its last node, which a text written over several lines (a folded block, a long plain or
// quoted scalar, a list in brackets) continues past the line it starts on.
func span(t *text, a, b *yaml.Node) Range {
	last := b.Line
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		last = max(last, n.Line)
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(b)
	return Range{Start: t.runePosition(a.Line, a.Column), End: t.lineEnd(continued(t, last-1))}
}

// continued returns the last line of the node that starts on 0-based line n: YAML continues a
// node on the lines below that are indented more than n is (blank lines within it included,
// blank lines after it not).
func continued(t *text, n int) int {
	base := indent(t.line(n))
	end := n
	for i := n + 1; i < len(t.lines); i++ {
		l := t.line(i)
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		if indent(l) <= base {
			break
		}
		end = i
	}
	return end
}

// indent counts the spaces that start l.
func indent(l []byte) int {
	return len(l) - len(bytes.TrimLeft(l, " "))
}
