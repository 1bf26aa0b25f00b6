// Package proposal is the model of budget's data files and their loader: it reads YAML into
// nodes that keep line and column, validates each file against its JSON Schema, and decodes the
// catalog, the numbered proposals and the cross-cutting proposals.
package proposal

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/budget-ledger/budget/pkg/msg"
	"go.yaml.in/yaml/v3"
)

// Kinds of proposal, as Table 2 groups them.
const (
	KindInvestment   = "investment"
	KindCrossCutting = "cross-cutting"
	KindEfficiency   = "efficiency"
)

// Proposal is one numbered proposal: its identity, its catalog row and its own tables.
type Proposal struct {
	Doc *Document `yaml:"-" json:"-" binenc:"-"`

	Schema                 int                   `yaml:"schema" json:"schema"`
	Number                 int                   `yaml:"number" json:"number"`
	Title                  string                `yaml:"title" json:"title"`
	Committee              string                `yaml:"committee" json:"committee"`
	Administration         string                `yaml:"administration" json:"administration"`
	Kind                   string                `yaml:"kind" json:"kind"`
	ApprovedWith           *string               `yaml:"approved_with" json:"approved_with"`
	Continues              *Continuation         `yaml:"continues" json:"continues,omitempty"`
	Case                   string                `yaml:"case" json:"case,omitempty"`
	Summary                string                `yaml:"summary" json:"summary,omitempty"`
	Catalog                CatalogRow            `yaml:"catalog" json:"catalog"`
	Economy                *Economy              `yaml:"economy" json:"economy,omitempty"`
	FollowUp               []FollowUp            `yaml:"follow_up" json:"follow_up,omitempty"`
	Risk                   string                `yaml:"risk" json:"risk,omitempty"`
	FromInnovationProposal *bool                 `yaml:"from_innovation_proposal" json:"from_innovation_proposal"`
	AdministrativeEffect   *AdministrativeEffect `yaml:"administrative_effect" json:"administrative_effect,omitempty"`
	Consultations          *Consultations        `yaml:"consultations" json:"consultations,omitempty"`
	Realised               *Realised             `yaml:"realised" json:"realised,omitempty"`
	Acknowledged           []Acknowledgement     `yaml:"acknowledged" json:"acknowledged,omitempty"`
}

// Continuation names the proposal of an earlier budget that a proposal continues: its budget
// year and its number in that budget's catalog.
type Continuation struct {
	Budget int `yaml:"budget" json:"budget"`
	Number int `yaml:"number" json:"number"`
}

// CatalogRow is a proposal's row in the catalog's Table 2. A nil TotalInvestment is a blank or "-".
type CatalogRow struct {
	Title           string  `yaml:"title" json:"title"`
	Contribution    Amounts `yaml:"contribution" json:"contribution"`
	TotalInvestment *Amount `yaml:"total_investment" json:"total_investment"`
}

// Economy is the proposal's own Tabel 1 as printed, in its own year columns.
type Economy struct {
	Unit           string   `yaml:"unit" json:"unit"`
	PriceLevel     string   `yaml:"price_level" json:"price_level"`
	Years          []int    `yaml:"years" json:"years"`
	Permanent      *Section `yaml:"permanent" json:"permanent,omitempty"`
	Implementation *Section `yaml:"implementation" json:"implementation,omitempty"`
	TotalImpact    *Line    `yaml:"total_impact" json:"total_impact,omitempty"`
	Payback        *Payback `yaml:"payback" json:"payback,omitempty"`
	Notes          []string `yaml:"notes" json:"notes,omitempty"`
	// OtherTables are further tables printed with Tabel 1, e.g. costs financed outside the pool.
	OtherTables []OtherTable `yaml:"other_tables" json:"other_tables,omitempty"`
}

// OtherTable is a further economy table, kept as printed in sections.
type OtherTable struct {
	Title      string    `yaml:"title" json:"title"`
	Unit       string    `yaml:"unit" json:"unit,omitempty"`
	PriceLevel string    `yaml:"price_level" json:"price_level,omitempty"`
	Years      []int     `yaml:"years" json:"years,omitempty"`
	Sections   []Section `yaml:"sections" json:"sections"`
}

// Section is a block of Tabel 1: line items and the total rows the document declares for them.
type Section struct {
	Title  string  `yaml:"title" json:"title,omitempty"`
	Rows   []Line  `yaml:"rows" json:"rows"`
	Totals []Total `yaml:"totals" json:"totals,omitempty"`
}

// Line is a row of a table: a label, the steering area printed beside it, and its cells.
type Line struct {
	Label   string  `yaml:"label" json:"label"`
	Area    string  `yaml:"area" json:"area,omitempty"`
	Amounts Amounts `yaml:"amounts" json:"amounts"`
}

// SumsAll is the Sums value of a total over every row of its section.
const SumsAll = "all"

// Total is a declared total row of a section.
type Total struct {
	Label   string  `yaml:"label" json:"label"`
	Area    string  `yaml:"area" json:"area,omitempty"`
	Sums    Sums    `yaml:"sums" json:"sums"`
	Amounts Amounts `yaml:"amounts" json:"amounts"`
}

// Sums says which rows a total adds up: every row (Area SumsAll), the rows of one steering area,
// or, where the document groups rows otherwise, the rows with the listed labels.
type Sums struct {
	Area   string
	Labels []string
}

// Includes reports whether the total adds up row.
func (s Sums) Includes(row Line) bool {
	if s.Labels != nil {
		return slices.Contains(s.Labels, row.Label)
	}
	return s.Area == SumsAll || s.Area == row.Area
}

// Covered returns the rows the total adds up, in their order. It looks labels up in a set, so
// that a total over many labels of many rows costs their sum, not their product.
func (s Sums) Covered(rows []Line) []Line {
	var out []Line
	if s.Labels == nil {
		for _, r := range rows {
			if s.Includes(r) {
				out = append(out, r)
			}
		}
		return out
	}
	labels := make(map[string]bool, len(s.Labels))
	for _, l := range s.Labels {
		labels[l] = true
	}
	for _, r := range rows {
		if labels[r.Label] {
			out = append(out, r)
		}
	}
	return out
}

// UnmarshalYAML reads either a word (all, or an area) or a list of row labels.
func (s *Sums) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.SequenceNode {
		return n.Decode(&s.Labels)
	}
	return n.Decode(&s.Area)
}

// MarshalJSON writes the word or the list, as the file has it.
func (s Sums) MarshalJSON() ([]byte, error) {
	if s.Labels != nil {
		return json.Marshal(s.Labels)
	}
	return json.Marshal(s.Area)
}

// Payback holds the printed payback times in years; nil where the document prints none.
type Payback struct {
	Service *Amount `yaml:"service" json:"service,omitempty"`
	Total   *Amount `yaml:"total" json:"total,omitempty"`
}

// FollowUp is a row of Tabel 2 (Opfølgningsmål).
type FollowUp struct {
	Group       string `yaml:"group" json:"group,omitempty"`
	Goal        string `yaml:"goal" json:"goal"`
	Measure     string `yaml:"measure" json:"measure,omitempty"`
	Responsible string `yaml:"responsible" json:"responsible,omitempty"`
	When        string `yaml:"when" json:"when,omitempty"`
}

// Statuses of a follow-up goal (GoalStatus.Status), spelled as the schema's other enums are.
const (
	GoalNotStarted = "not-started"
	GoalOnTrack    = "on-track"
	GoalMet        = "met"
	GoalMissed     = "missed"
)

// Realised is what the administration reports was realised of a proposal once its budget was
// adopted: no part of the catalog's document, written as the reports come in. Permanent holds,
// per year, the realised amount of the permanent change; Goals the status of follow-up goals.
type Realised struct {
	Permanent RealisedYears `yaml:"permanent" json:"permanent,omitempty"`
	Goals     []GoalStatus  `yaml:"goals" json:"goals,omitempty"`
}

// RealisedYear is the realised permanent change of one year, in Tabel 1's unit and sign
// (savings negative), with its source: the report that states it, and the report's date.
type RealisedYear struct {
	Year   int    `yaml:"-" json:"-"`
	Amount Amount `yaml:"amount" json:"amount"`
	Report string `yaml:"report" json:"report"`
	Date   string `yaml:"date" json:"date"`
}

// RealisedYears are the realised figures keyed by year, in file order.
type RealisedYears []RealisedYear

// UnmarshalYAML reads a mapping of year to realised figure.
func (r *RealisedYears) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return msg.Errorf("line %d: expected a mapping of year to realised figure", n.Line)
	}
	out := make(RealisedYears, 0, len(n.Content)/2)
	err := eachYear(n, func(year int, v *yaml.Node) error {
		y := RealisedYear{Year: year}
		if err := v.Decode(&y); err != nil {
			return err
		}
		out = append(out, y)
		return nil
	})
	if err != nil {
		return err
	}
	*r = out
	return nil
}

// MarshalJSON writes {"2026": {...}, ...} in ascending year order: a map's, whose keys
// encoding/json sorts, and four-digit years sort as numbers do (a year stands once: the parser
// refuses a key twice).
func (r RealisedYears) MarshalJSON() ([]byte, error) {
	m := make(map[string]RealisedYear, len(r))
	for _, y := range r {
		m[strconv.Itoa(y.Year)] = y
	}
	return json.Marshal(m)
}

// GoalStatus is how one follow-up goal stands. Goal is the goal's text as follow_up writes it,
// and Measure its measure where two goals of the proposal share a text: the pair names the row
// whatever order the table is in, where an index would silently name another row once a row is
// moved or inserted. A note says what the status rests on; a goal met needs one.
type GoalStatus struct {
	Goal    string `yaml:"goal" json:"goal"`
	Measure string `yaml:"measure" json:"measure,omitempty"`
	Status  string `yaml:"status" json:"status"`
	Note    string `yaml:"note" json:"note,omitempty"`
}

// Matches reports whether s names the follow-up row f: the same goal, and the same measure
// where s gives one.
func (s GoalStatus) Matches(f FollowUp) bool {
	return s.Goal == f.Goal && (s.Measure == "" || s.Measure == f.Measure)
}

// AdministrativeEffect is section 5 and its Tabel 3.
type AdministrativeEffect struct {
	Statement string `yaml:"statement" json:"statement,omitempty"`
	Years     []int  `yaml:"years" json:"years,omitempty"`
	Rows      []Line `yaml:"rows" json:"rows,omitempty"`
	Total     *Line  `yaml:"total" json:"total,omitempty"`
}

// Consultations is section 6, Tabel 4-6: who approved, who took part, who was heard.
type Consultations struct {
	Approvals []Consultation `yaml:"approvals" json:"approvals,omitempty"`
	Partners  []string       `yaml:"partners" json:"partners,omitempty"`
	Hearings  []Consultation `yaml:"hearings" json:"hearings,omitempty"`
}

// Consultation is one row of Tabel 4 or 6.
type Consultation struct {
	Body   string `yaml:"body" json:"body"`
	Answer string `yaml:"answer" json:"answer,omitempty"`
	Date   string `yaml:"date" json:"date,omitempty"`
	Note   string `yaml:"note" json:"note,omitempty"`
}

// Acknowledgement marks a finding of budget validate as the document's own, with the reason.
// It covers findings of check Check at path At or below it.
type Acknowledgement struct {
	Check  string `yaml:"check" json:"check"`
	At     string `yaml:"at" json:"at"`
	Reason string `yaml:"reason" json:"reason"`
}

// CrossCutting is an unnumbered proposal shared by several committees.
type CrossCutting struct {
	Doc *Document `yaml:"-" json:"-" binenc:"-"`

	Schema       int               `yaml:"schema" json:"schema"`
	ID           string            `yaml:"id" json:"id"`
	Title        string            `yaml:"title" json:"title"`
	ApprovedWith *string           `yaml:"approved_with" json:"approved_with"`
	InvestmentIn string            `yaml:"investment_in" json:"investment_in,omitempty"`
	Shares       []Share           `yaml:"shares" json:"shares"`
	Acknowledged []Acknowledgement `yaml:"acknowledged" json:"acknowledged,omitempty"`
}

// Share is one committee's part of a cross-cutting proposal.
type Share struct {
	Committee       string  `yaml:"committee" json:"committee"`
	Contribution    Amounts `yaml:"contribution" json:"contribution"`
	TotalInvestment *Amount `yaml:"total_investment" json:"total_investment"`
}

// Catalog is the catalog file: the committees, the intro's figures and the catalog's printed tables.
type Catalog struct {
	Doc *Document `yaml:"-" json:"-" binenc:"-"`

	Schema int `yaml:"schema" json:"schema"`
	// Status is "draft" or "published" as written; Draft reads it ("" means published).
	Status string `yaml:"status" json:"status,omitempty"`
	// Language is "da" or "en" as written, the default of --lang ("" means da).
	Language     string            `yaml:"language" json:"language,omitempty"`
	Name         string            `yaml:"name" json:"name"`
	Appendix     string            `yaml:"appendix" json:"appendix,omitempty"`
	Municipality string            `yaml:"municipality" json:"municipality,omitempty"`
	Budget       string            `yaml:"budget" json:"budget"`
	BudgetYear   int               `yaml:"budget_year" json:"budget_year"`
	Unit         string            `yaml:"unit" json:"unit"`
	PriceLevel   string            `yaml:"price_level" json:"price_level"`
	Years        []int             `yaml:"years" json:"years"`
	Committees   []Committee       `yaml:"committees" json:"committees"`
	Intro        *Intro            `yaml:"intro" json:"intro,omitempty"`
	Assertions   Assertions        `yaml:"assertions" json:"assertions"`
	Footnotes    []Footnote        `yaml:"footnotes" json:"footnotes,omitempty"`
	Acknowledged []Acknowledgement `yaml:"acknowledged" json:"acknowledged,omitempty"`
	// ShortfallThreshold is the fraction of a year's promised saving that its realised
	// shortfall may reach before validate reports it (0.1: a tenth); nil reports none.
	ShortfallThreshold *Amount `yaml:"shortfall_threshold" json:"shortfall_threshold,omitempty"`
}

// Draft reports whether the catalog is still being written (status: draft), so that budget
// catalog sync may write its figures; a catalog without a status is published.
func (c *Catalog) Draft() bool { return c.Status == "draft" }

// Lang is the catalog's language, "da" or "en"; a catalog without one is Danish.
func (c *Catalog) Lang() string {
	if c.Language == "" {
		return "da"
	}
	return c.Language
}

// Committee is a political committee: a short id, the name Table 1 prints, other printed names.
type Committee struct {
	ID      string   `yaml:"id" json:"id"`
	Name    string   `yaml:"name" json:"name"`
	Aliases []string `yaml:"aliases" json:"aliases,omitempty"`
	// Table2Name is the name Table 2 prints, where it differs from Name.
	Table2Name string `yaml:"table2_name" json:"table2_name,omitempty"`
}

// Intro holds the figures the catalog's intro paragraph states, in its own unit (mio. kr.).
type Intro struct {
	Unit               string           `yaml:"unit" json:"unit"`
	Text               string           `yaml:"text" json:"text,omitempty"`
	Approved           Amounts          `yaml:"approved" json:"approved,omitempty"`
	Target             *YearFigure      `yaml:"target" json:"target,omitempty"`
	OtherContributions []LabelledFigure `yaml:"other_contributions" json:"other_contributions,omitempty"`
	Delivered          *YearFigure      `yaml:"delivered" json:"delivered,omitempty"`
}

// YearFigure is an amount stated for one year.
type YearFigure struct {
	Year   int    `yaml:"year" json:"year"`
	Amount Amount `yaml:"amount" json:"amount"`
}

// LabelledFigure is an amount with what it is.
type LabelledFigure struct {
	Label  string `yaml:"label" json:"label"`
	Amount Amount `yaml:"amount" json:"amount"`
}

// Assertions are the catalog's own printed figures, which validate recomputes from the proposals.
type Assertions struct {
	Table1 *Table1Assertion `yaml:"table1" json:"table1,omitempty"`
	Table2 *Table2Assertion `yaml:"table2" json:"table2,omitempty"`
}

// Table1Assertion is Table 1 as printed.
type Table1Assertion struct {
	Rows  []CommitteeRow `yaml:"rows" json:"rows"`
	Total Amounts        `yaml:"total" json:"total"`
}

// Table2Assertion is Table 2's committee rows and grand total as printed.
type Table2Assertion struct {
	Rows  []CommitteeRow `yaml:"rows" json:"rows"`
	Total struct {
		Amounts         Amounts `yaml:"amounts" json:"amounts"`
		TotalInvestment *Amount `yaml:"total_investment" json:"total_investment"`
	} `yaml:"total" json:"total"`
}

// CommitteeRow is a printed committee row; a nil TotalInvestment is a blank cell.
type CommitteeRow struct {
	Committee       string  `yaml:"committee" json:"committee"`
	Amounts         Amounts `yaml:"amounts" json:"amounts"`
	TotalInvestment *Amount `yaml:"total_investment" json:"total_investment"`
}

// Footnote is a footnote of Table 1 or 2, with its mark and, where it has one, its committee.
type Footnote struct {
	Table     int    `yaml:"table" json:"table"`
	Mark      string `yaml:"mark" json:"mark,omitempty"`
	Committee string `yaml:"committee" json:"committee,omitempty"`
	Text      string `yaml:"text" json:"text"`
}
