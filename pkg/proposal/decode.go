package proposal

import (
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Decode decodes the file into v as d.Root.Decode(v) does. A *Proposal, *CrossCutting or
// *Catalog is first read by the model's own decoder (decodeModel), without yaml.v3's reflection;
// a file it cannot vouch for is left to Node.Decode as a whole, into a fresh value (its Doc
// kept), so that what Decode gives, model, error or not, is the same either way. ReaderEnv=yaml
// leaves every file to Node.Decode, as it leaves every file's parse to yaml.v3.
func (d *Parsed) Decode(v any) error {
	if fastReaderOn() && decodeModel(d.Root, v) {
		return nil
	}
	return d.Root.Decode(v)
}

// decodeModel decodes root into v, a *Proposal, *CrossCutting or *Catalog, exactly as
// root.Decode(v) would, and reports whether it did. It does so only where it knows yaml.v3's
// answer: a mapping of the model's own keys, each once, and scalars whose tag yaml.v3 resolves
// them to (an alias, an explicit tag it would refuse, an unknown key, a value that is the wrong
// kind or that Decode refuses, and it gives up). Where it gives up, v is reset to its zero value
// but for its Doc, for the caller's Node.Decode; it never reports an error of its own.
func decodeModel(root *yaml.Node, v any) bool {
	if root == nil {
		return false
	}
	switch m := v.(type) {
	case *Proposal:
		if decodeProposal(root, m) {
			return true
		}
		*m = Proposal{Doc: m.Doc}
	case *CrossCutting:
		if decodeCrossCutting(root, m) {
			return true
		}
		*m = CrossCutting{Doc: m.Doc}
	case *Catalog:
		if decodeCatalog(root, m) {
			return true
		}
		*m = Catalog{Doc: m.Doc}
	}
	return false
}

// The decoders of a value below each return (set, ok): ok false where they give up; set false
// where Decode leaves the value as it was (a null into a string, a number or a struct), which
// in a sequence drops the element, as Decode does.

// maxFields is more keys than any struct of the model has: a larger mapping has a key twice
// or one the model lacks, and is left to Decode, so that the duplicate check stays linear.
const maxFields = 32

// fields decodes the mapping n into a struct: field decodes the value of key k and reports
// whether it could; a key the struct lacks, it gives up on. Every key is a string (no merge
// key: "<<" is no field) and stands once, as Decode's duplicate check wants.
func fields(n *yaml.Node, field func(k string, v *yaml.Node) bool) bool {
	if n.Kind != yaml.MappingNode || n.Tag != "" && n.Tag != "!!map" || len(n.Content) > 2*maxFields || len(n.Content)%2 != 0 {
		return false
	}
	c := n.Content
	for i := 0; i < len(c); i += 2 {
		k := c[i]
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" && (k.Tag != "" || k.ShortTag() != "!!str") {
			return false
		}
		for j := 0; j < i; j += 2 {
			if c[j].Value == k.Value {
				return false
			}
		}
		if !field(k.Value, c[i+1]) {
			return false
		}
	}
	return true
}

// obj decodes n into a struct by fields: a null leaves it, a mapping fills it.
func obj(n *yaml.Node, field func(k string, v *yaml.Node) bool) (set, ok bool) {
	null, ok := nullOf(n)
	if !ok || null {
		return false, ok
	}
	return true, fields(n, field)
}

// ptr decodes n into *out, allocated unless n is null (then nil), with elem.
func ptr[T any](n *yaml.Node, out **T, elem func(*yaml.Node, *T) (bool, bool)) (set, ok bool) {
	null, ok := nullOf(n)
	if !ok {
		return false, false
	}
	if null {
		*out = nil
		return true, true
	}
	v := new(T)
	if _, ok := elem(n, v); !ok {
		return false, false
	}
	*out = v
	return true, true
}

// seq decodes the sequence n into *out (nil for a null), each item with elem; an item elem
// does not set (a null) is dropped, as Decode drops it.
func seq[T any](n *yaml.Node, out *[]T, elem func(*yaml.Node, *T) (bool, bool)) (set, ok bool) {
	null, ok := nullOf(n)
	if !ok {
		return false, false
	}
	if null {
		*out = nil
		return true, true
	}
	if n.Kind != yaml.SequenceNode || n.Tag != "" && n.Tag != "!!seq" {
		return false, false
	}
	s := make([]T, len(n.Content))
	j := 0
	for _, item := range n.Content {
		set, ok := elem(item, &s[j])
		if !ok {
			return false, false
		}
		if set {
			j++
		}
	}
	*out = s[:j]
	return true, true
}

// nullOf reports whether Decode takes n for a null (its short tag is !!null), and ok false where
// Decode would refuse the null (a tagged !!null that is not spelled as one, a null mapping) or
// n is a node this decoder leaves to Decode (an alias, a non-specific or long tag).
func nullOf(n *yaml.Node) (null, ok bool) {
	switch n.Kind {
	case yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode:
	default:
		return false, false
	}
	switch n.Tag {
	case "":
		quoted := n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
		return n.Kind == yaml.ScalarNode && !quoted && spellsNull(n.Value), true
	case "!!null":
		return true, n.Kind == yaml.ScalarNode && spellsNull(n.Value)
	case "!":
		return false, false
	}
	return false, len(n.Tag) < 2 || n.Tag[:2] == "!!"
}

// spellsNull reports whether yaml.v3 resolves the plain scalar s to null.
func spellsNull(s string) bool {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// resolvesTo reports whether yaml.v3 resolves the plain scalar s to tag, so that decoding s as
// tagged tag cannot fail.
func resolvesTo(s, tag string) bool {
	n := yaml.Node{Kind: yaml.ScalarNode, Value: s}
	return n.ShortTag() == tag
}

// str decodes a scalar into a string: its text, whatever it resolves to, but a null, which
// leaves the string as it was.
func str(n *yaml.Node, out *string) (set, ok bool) {
	if n.Kind != yaml.ScalarNode {
		return false, false
	}
	switch n.Tag {
	case "!!str":
	case "":
		if null, _ := nullOf(n); null {
			return false, true
		}
	case "!!null":
		return false, spellsNull(n.Value)
	case "!!int", "!!float", "!!bool", "!!timestamp":
		if !resolvesTo(n.Value, n.Tag) {
			return false, false
		}
	default:
		return false, false
	}
	*out = n.Value
	return true, true
}

// shortTag is n's tag as yaml.v3 resolves it, for a node whose tag may be left empty.
func shortTag(n *yaml.Node) string {
	if n.Tag == "" {
		return n.ShortTag()
	}
	return n.Tag
}

// integer decodes a whole number spelled plainly, -?(0|[1-9][0-9]{0,17}), which yaml.v3
// resolves to the same int; a null leaves it.
func integer(n *yaml.Node, out *int) (set, ok bool) {
	null, ok := nullOf(n)
	if !ok || null {
		return false, ok
	}
	if n.Kind != yaml.ScalarNode || shortTag(n) != "!!int" || !plainInt(n.Value) {
		return false, false
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		return false, false
	}
	*out = v
	return true, true
}

// plainInt reports whether s is -?(0|[1-9][0-9]{0,17}).
func plainInt(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	if s == "" || len(s) > 18 || s[0] == '0' && len(s) > 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// boolean decodes true or false in the spellings yaml.v3 resolves to a bool.
func boolean(n *yaml.Node, out *bool) (set, ok bool) {
	null, ok := nullOf(n)
	if !ok || null {
		return false, ok
	}
	if n.Kind != yaml.ScalarNode || shortTag(n) != "!!bool" {
		return false, false
	}
	switch n.Value {
	case "true", "True", "TRUE":
		*out = true
	case "false", "False", "FALSE":
		*out = false
	default:
		return false, false
	}
	return true, true
}

// amount decodes a scalar as Amount.UnmarshalYAML does; a null leaves it.
func amount(n *yaml.Node, out *Amount) (set, ok bool) {
	null, ok := nullOf(n)
	if !ok || null {
		return false, ok
	}
	if n.Kind != yaml.ScalarNode {
		return false, false
	}
	a, err := NewAmount(n.Value)
	if err != nil {
		return false, false
	}
	*out = a
	return true, true
}

// amounts decodes a row of cells with Amounts.UnmarshalYAML, as Decode calls it; a null is nil.
func amounts(n *yaml.Node, out *Amounts) (set, ok bool) {
	null, ok := nullOf(n)
	if !ok {
		return false, false
	}
	if null {
		*out = nil
		return true, true
	}
	if n.Kind != yaml.MappingNode || out.UnmarshalYAML(n) != nil {
		return false, false
	}
	return true, true
}

// sums decodes a total's sums as Sums.UnmarshalYAML does: a list of labels or a word.
func sums(n *yaml.Node, out *Sums) (set, ok bool) {
	null, ok := nullOf(n)
	if !ok || null {
		return false, ok
	}
	switch n.Kind {
	case yaml.SequenceNode:
		return seq(n, &out.Labels, str)
	case yaml.ScalarNode:
		return str(n, &out.Area)
	}
	return false, false
}

// realisedYears decodes the realised figures as RealisedYears.UnmarshalYAML does.
func realisedYears(n *yaml.Node, out *RealisedYears) (set, ok bool) {
	null, ok := nullOf(n)
	if !ok {
		return false, false
	}
	if null {
		*out = nil
		return true, true
	}
	if n.Kind != yaml.MappingNode {
		return false, false
	}
	r := make(RealisedYears, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		year, err := strconv.Atoi(n.Content[i].Value)
		if err != nil {
			return false, false
		}
		y := RealisedYear{Year: year}
		if _, ok := obj(n.Content[i+1], func(k string, v *yaml.Node) bool {
			switch k {
			case "amount":
				return second(amount(v, &y.Amount))
			case "report":
				return second(str(v, &y.Report))
			case "date":
				return second(str(v, &y.Date))
			}
			return false
		}); !ok {
			return false, false
		}
		r = append(r, y)
	}
	*out = r
	return true, true
}

// second is ok of a decoder's (set, ok).
func second(_, ok bool) bool { return ok }

func decodeProposal(n *yaml.Node, p *Proposal) bool {
	return fields(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "schema":
			return second(integer(v, &p.Schema))
		case "number":
			return second(integer(v, &p.Number))
		case "title":
			return second(str(v, &p.Title))
		case "committee":
			return second(str(v, &p.Committee))
		case "administration":
			return second(str(v, &p.Administration))
		case "kind":
			return second(str(v, &p.Kind))
		case "approved_with":
			return second(ptr(v, &p.ApprovedWith, str))
		case "continues":
			return second(ptr(v, &p.Continues, continuation))
		case "case":
			return second(str(v, &p.Case))
		case "summary":
			return second(str(v, &p.Summary))
		case "catalog":
			return second(catalogRow(v, &p.Catalog))
		case "economy":
			return second(ptr(v, &p.Economy, economy))
		case "follow_up":
			return second(seq(v, &p.FollowUp, followUp))
		case "risk":
			return second(str(v, &p.Risk))
		case "from_innovation_proposal":
			return second(ptr(v, &p.FromInnovationProposal, boolean))
		case "administrative_effect":
			return second(ptr(v, &p.AdministrativeEffect, administrativeEffect))
		case "consultations":
			return second(ptr(v, &p.Consultations, consultations))
		case "realised":
			return second(ptr(v, &p.Realised, realised))
		case "acknowledged":
			return second(seq(v, &p.Acknowledged, acknowledgement))
		}
		return false
	})
}

func continuation(n *yaml.Node, c *Continuation) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "budget":
			return second(integer(v, &c.Budget))
		case "number":
			return second(integer(v, &c.Number))
		}
		return false
	})
}

func catalogRow(n *yaml.Node, c *CatalogRow) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "title":
			return second(str(v, &c.Title))
		case "contribution":
			return second(amounts(v, &c.Contribution))
		case "total_investment":
			return second(ptr(v, &c.TotalInvestment, amount))
		}
		return false
	})
}

func economy(n *yaml.Node, e *Economy) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "unit":
			return second(str(v, &e.Unit))
		case "price_level":
			return second(str(v, &e.PriceLevel))
		case "years":
			return second(seq(v, &e.Years, integer))
		case "permanent":
			return second(ptr(v, &e.Permanent, section))
		case "implementation":
			return second(ptr(v, &e.Implementation, section))
		case "total_impact":
			return second(ptr(v, &e.TotalImpact, line))
		case "payback":
			return second(ptr(v, &e.Payback, payback))
		case "notes":
			return second(seq(v, &e.Notes, str))
		case "other_tables":
			return second(seq(v, &e.OtherTables, otherTable))
		}
		return false
	})
}

func otherTable(n *yaml.Node, t *OtherTable) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "title":
			return second(str(v, &t.Title))
		case "unit":
			return second(str(v, &t.Unit))
		case "price_level":
			return second(str(v, &t.PriceLevel))
		case "years":
			return second(seq(v, &t.Years, integer))
		case "sections":
			return second(seq(v, &t.Sections, section))
		}
		return false
	})
}

func section(n *yaml.Node, s *Section) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "title":
			return second(str(v, &s.Title))
		case "rows":
			return second(seq(v, &s.Rows, line))
		case "totals":
			return second(seq(v, &s.Totals, total))
		}
		return false
	})
}

func line(n *yaml.Node, l *Line) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "label":
			return second(str(v, &l.Label))
		case "area":
			return second(str(v, &l.Area))
		case "amounts":
			return second(amounts(v, &l.Amounts))
		}
		return false
	})
}

func total(n *yaml.Node, t *Total) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "label":
			return second(str(v, &t.Label))
		case "area":
			return second(str(v, &t.Area))
		case "sums":
			return second(sums(v, &t.Sums))
		case "amounts":
			return second(amounts(v, &t.Amounts))
		}
		return false
	})
}

func payback(n *yaml.Node, p *Payback) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "service":
			return second(ptr(v, &p.Service, amount))
		case "total":
			return second(ptr(v, &p.Total, amount))
		}
		return false
	})
}

func followUp(n *yaml.Node, f *FollowUp) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "group":
			return second(str(v, &f.Group))
		case "goal":
			return second(str(v, &f.Goal))
		case "measure":
			return second(str(v, &f.Measure))
		case "responsible":
			return second(str(v, &f.Responsible))
		case "when":
			return second(str(v, &f.When))
		}
		return false
	})
}

func realised(n *yaml.Node, r *Realised) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "permanent":
			return second(realisedYears(v, &r.Permanent))
		case "goals":
			return second(seq(v, &r.Goals, goalStatus))
		}
		return false
	})
}

func goalStatus(n *yaml.Node, g *GoalStatus) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "goal":
			return second(str(v, &g.Goal))
		case "measure":
			return second(str(v, &g.Measure))
		case "status":
			return second(str(v, &g.Status))
		case "note":
			return second(str(v, &g.Note))
		}
		return false
	})
}

func administrativeEffect(n *yaml.Node, a *AdministrativeEffect) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "statement":
			return second(str(v, &a.Statement))
		case "years":
			return second(seq(v, &a.Years, integer))
		case "rows":
			return second(seq(v, &a.Rows, line))
		case "total":
			return second(ptr(v, &a.Total, line))
		}
		return false
	})
}

func consultations(n *yaml.Node, c *Consultations) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "approvals":
			return second(seq(v, &c.Approvals, consultation))
		case "partners":
			return second(seq(v, &c.Partners, str))
		case "hearings":
			return second(seq(v, &c.Hearings, consultation))
		}
		return false
	})
}

func consultation(n *yaml.Node, c *Consultation) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "body":
			return second(str(v, &c.Body))
		case "answer":
			return second(str(v, &c.Answer))
		case "date":
			return second(str(v, &c.Date))
		case "note":
			return second(str(v, &c.Note))
		}
		return false
	})
}

func acknowledgement(n *yaml.Node, a *Acknowledgement) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "check":
			return second(str(v, &a.Check))
		case "at":
			return second(str(v, &a.At))
		case "reason":
			return second(str(v, &a.Reason))
		}
		return false
	})
}

func decodeCrossCutting(n *yaml.Node, c *CrossCutting) bool {
	return fields(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "schema":
			return second(integer(v, &c.Schema))
		case "id":
			return second(str(v, &c.ID))
		case "title":
			return second(str(v, &c.Title))
		case "approved_with":
			return second(ptr(v, &c.ApprovedWith, str))
		case "investment_in":
			return second(str(v, &c.InvestmentIn))
		case "shares":
			return second(seq(v, &c.Shares, share))
		case "acknowledged":
			return second(seq(v, &c.Acknowledged, acknowledgement))
		}
		return false
	})
}

func share(n *yaml.Node, s *Share) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "committee":
			return second(str(v, &s.Committee))
		case "contribution":
			return second(amounts(v, &s.Contribution))
		case "total_investment":
			return second(ptr(v, &s.TotalInvestment, amount))
		}
		return false
	})
}

func decodeCatalog(n *yaml.Node, c *Catalog) bool {
	return fields(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "schema":
			return second(integer(v, &c.Schema))
		case "status":
			return second(str(v, &c.Status))
		case "language":
			return second(str(v, &c.Language))
		case "name":
			return second(str(v, &c.Name))
		case "appendix":
			return second(str(v, &c.Appendix))
		case "municipality":
			return second(str(v, &c.Municipality))
		case "budget":
			return second(str(v, &c.Budget))
		case "budget_year":
			return second(integer(v, &c.BudgetYear))
		case "unit":
			return second(str(v, &c.Unit))
		case "price_level":
			return second(str(v, &c.PriceLevel))
		case "years":
			return second(seq(v, &c.Years, integer))
		case "committees":
			return second(seq(v, &c.Committees, committee))
		case "intro":
			return second(ptr(v, &c.Intro, intro))
		case "assertions":
			return second(assertions(v, &c.Assertions))
		case "footnotes":
			return second(seq(v, &c.Footnotes, footnote))
		case "acknowledged":
			return second(seq(v, &c.Acknowledged, acknowledgement))
		case "shortfall_threshold":
			return second(ptr(v, &c.ShortfallThreshold, amount))
		}
		return false
	})
}

func committee(n *yaml.Node, c *Committee) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "id":
			return second(str(v, &c.ID))
		case "name":
			return second(str(v, &c.Name))
		case "aliases":
			return second(seq(v, &c.Aliases, str))
		case "table2_name":
			return second(str(v, &c.Table2Name))
		}
		return false
	})
}

func intro(n *yaml.Node, in *Intro) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "unit":
			return second(str(v, &in.Unit))
		case "text":
			return second(str(v, &in.Text))
		case "approved":
			return second(amounts(v, &in.Approved))
		case "target":
			return second(ptr(v, &in.Target, yearFigure))
		case "other_contributions":
			return second(seq(v, &in.OtherContributions, labelledFigure))
		case "delivered":
			return second(ptr(v, &in.Delivered, yearFigure))
		}
		return false
	})
}

func yearFigure(n *yaml.Node, y *YearFigure) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "year":
			return second(integer(v, &y.Year))
		case "amount":
			return second(amount(v, &y.Amount))
		}
		return false
	})
}

func labelledFigure(n *yaml.Node, l *LabelledFigure) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "label":
			return second(str(v, &l.Label))
		case "amount":
			return second(amount(v, &l.Amount))
		}
		return false
	})
}

func assertions(n *yaml.Node, a *Assertions) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "table1":
			return second(ptr(v, &a.Table1, table1))
		case "table2":
			return second(ptr(v, &a.Table2, table2))
		}
		return false
	})
}

func table1(n *yaml.Node, t *Table1Assertion) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "rows":
			return second(seq(v, &t.Rows, committeeRow))
		case "total":
			return second(amounts(v, &t.Total))
		}
		return false
	})
}

func table2(n *yaml.Node, t *Table2Assertion) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "rows":
			return second(seq(v, &t.Rows, committeeRow))
		case "total":
			return second(obj(v, func(k string, v *yaml.Node) bool {
				switch k {
				case "amounts":
					return second(amounts(v, &t.Total.Amounts))
				case "total_investment":
					return second(ptr(v, &t.Total.TotalInvestment, amount))
				}
				return false
			}))
		}
		return false
	})
}

func committeeRow(n *yaml.Node, r *CommitteeRow) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "committee":
			return second(str(v, &r.Committee))
		case "amounts":
			return second(amounts(v, &r.Amounts))
		case "total_investment":
			return second(ptr(v, &r.TotalInvestment, amount))
		}
		return false
	})
}

func footnote(n *yaml.Node, f *Footnote) (bool, bool) {
	return obj(n, func(k string, v *yaml.Node) bool {
		switch k {
		case "table":
			return second(integer(v, &f.Table))
		case "mark":
			return second(str(v, &f.Mark))
		case "committee":
			return second(str(v, &f.Committee))
		case "text":
			return second(str(v, &f.Text))
		}
		return false
	})
}
