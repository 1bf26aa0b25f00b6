package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// overThreshold marks a shortfall above the catalog's threshold.
const overThreshold = " !"

// goalStatuses name a follow-up goal's status; "" is a goal without one.
var goalStatuses = map[string]words{
	proposal.GoalNotStarted: {"ikke startet", "not started"},
	proposal.GoalOnTrack:    {"på rette spor", "on track"},
	proposal.GoalMet:        {"nået", "met"},
	proposal.GoalMissed:     {"ikke nået", "missed"},
	"":                      {"ikke oplyst", "not reported"},
}

// Followup writes promised against realised: per proposal each reported year with its source,
// per committee and in all, the payback computed on the promise and on what was realised, and
// the goals not met. CSV is the figures only, one a line; JSON has everything.
func Followup(w io.Writer, f ledger.Followup, format Format, l Lang) error {
	switch format {
	case JSON:
		return writeJSON(w, followupOf(f))
	case CSV:
		return followupCSV(w, f, l)
	}
	return writeBlocks(w, followupBlocks(f, l), format, l)
}

// followupBlocks lay out the follow-up for the terminal, markdown and the HTML report.
func followupBlocks(f ledger.Followup, l Lang) []block {
	if !f.Reported() {
		return []block{{heading: l.word("Realiseret", "Realised"),
			text: l.word("Intet forslag har realiserede tal eller status for opfølgningsmål.", "No proposal reports realised figures or the status of follow-up goals.")}}
	}
	notes := selectionNotes(f.Selection, l)
	figure := func(g *grid) {
		g.numeric = make([]bool, len(g.header))
	}
	shortfall := func(d decimal.Decimal, over bool) cell {
		c := num(d)
		if over {
			c.mark = overThreshold
		}
		return c
	}
	thresholdNote := func(g *grid) {
		if g.markedWith(overThreshold) && f.Threshold != nil {
			g.notes = append(g.notes, fmt.Sprintf(l.word("!: mangler mere end katalogets tærskel, %s %% af det lovede", "!: short by more than the catalog's threshold, %s%% of the promise"), l.Number(f.Threshold.Shift(2))))
		}
	}

	byProposal := newGrid(f.Unit, f.PriceLevel, l, notes...)
	byProposal.header = []string{numberHeader.in(l), l.word("Forslag", "Proposal"), l.word("År", "Year"),
		l.word("Lovet", "Promised"), l.word("Realiseret", "Realised"), l.word("Mangler", "Shortfall"), l.word("Kilde", "Source")}
	figure(byProposal)
	for i := 3; i <= 5; i++ {
		byProposal.numeric[i] = true
	}
	for _, p := range f.Proposals {
		title := txt(p.Title)
		title.link = proposalAnchor(p.Number) // its section of the HTML report
		for _, y := range p.Years {
			byProposal.rows = append(byProposal.rows, gridRow{id: p.Committee, cells: []cell{txt(strconv.Itoa(p.Number)), title,
				txt(strconv.Itoa(y.Year)), num(y.Promised), num(y.Realised), shortfall(y.Shortfall, y.Over), txt(y.Report + ", " + y.Date)}})
		}
		if len(p.Years) > 1 {
			byProposal.rows = append(byProposal.rows, gridRow{id: p.Committee, style: totalRow, cells: []cell{txt(""), txt(l.word("I alt", "Total")),
				txt(""), num(p.Sum.Promised), num(p.Sum.Realised), num(p.Sum.Shortfall), txt("")}})
		}
	}
	byProposal.idHeader, byProposal.idAt = l.word("Udvalgs-id", "Committee id"), 0
	thresholdNote(byProposal)
	byProposal.notes = append(byProposal.notes, l.word(
		"Besparelser positive; mangler = lovet - realiseret, kun i de år, der er realiserede tal for",
		"Savings positive; shortfall = promised - realised, only in the years realised figures are reported for"))

	byCommittee := newGrid(f.Unit, f.PriceLevel, l, notes...)
	byCommittee.header = []string{l.word("Udvalg", "Committee"), l.word("Lovet", "Promised"), l.word("Realiseret", "Realised"), l.word("Mangler", "Shortfall")}
	figure(byCommittee)
	for i := 1; i <= 3; i++ {
		byCommittee.numeric[i] = true
	}
	byCommittee.idHeader, byCommittee.idAt = l.word("Udvalgs-id", "Committee id"), 0
	sum := func(s ledger.FollowupSum) []cell { return []cell{num(s.Promised), num(s.Realised), num(s.Shortfall)} }
	var committees []gridRow
	for _, c := range f.Committees {
		committees = append(committees, gridRow{id: c.ID, cells: append([]cell{txt(c.Name)}, sum(c.Sum)...)})
	}
	byCommittee.rows = append(committees, totalOf(append([]cell{txt(l.word("I alt", "Total"))}, sum(f.Total)...), committees, 1))

	payback := &grid{places: -1, header: []string{numberHeader.in(l), l.word("Forslag", "Proposal"),
		l.word("Lovet (år)", "Promised (years)"), l.word("Realiseret (år)", "Realised (years)")}, numeric: []bool{false, false, true, true}}
	years := func(n int) cell {
		if n == 0 {
			return txt(l.word("aldrig", "never"))
		}
		return txt(strconv.Itoa(n))
	}
	for _, p := range f.Proposals {
		if p.HasPayback && len(p.Years) > 0 {
			payback.rows = append(payback.rows, gridRow{cells: []cell{txt(strconv.Itoa(p.Number)), txt(p.Title), years(p.Payback.Promised), years(p.Payback.Realised)}})
		}
	}
	payback.notes = append(payback.notes, l.word(
		"Totaløkonomi; realiseret: de realiserede tal i de år, der er oplyst, ellers de lovede",
		"Total economy; realised: the realised figures in the years reported, else the promised ones"))

	// When the goal is measured is in the JSON: beside the goal and the note it would not fit a
	// terminal.
	goals := &grid{places: -1, header: []string{numberHeader.in(l), l.word("Mål", "Goal"),
		l.word("Status", "Status"), l.word("Note", "Note")}, numeric: make([]bool, 4)}
	for _, p := range f.Proposals {
		for _, g := range p.GoalsNotMet {
			goals.rows = append(goals.rows, gridRow{cells: []cell{txt(strconv.Itoa(p.Number)), txt(g.Goal), txt(goalStatuses[g.Status].in(l)), txt(g.Note)}})
		}
	}

	bs := []block{
		{heading: l.word("Lovet mod realiseret pr. forslag", "Promised against realised, per proposal"), grid: byProposal},
		{heading: l.word("Pr. udvalg", "Per committee"), grid: byCommittee},
	}
	if len(payback.rows) > 0 {
		bs = append(bs, block{heading: l.word("Tilbagebetalingstid, lovet og realiseret", "Payback, promised and realised"), grid: payback})
	}
	if len(goals.rows) > 0 {
		bs = append(bs, block{heading: l.word("Opfølgningsmål, der ikke er nået", "Follow-up goals not met"), grid: goals})
	} else {
		bs = append(bs, block{heading: l.word("Opfølgningsmål, der ikke er nået", "Follow-up goals not met"), text: l.word("Ingen.", "None.")})
	}
	return bs
}

// followupCSV writes the figures one a line: each proposal's reported years, then each
// committee's sum and the total's, with the unit and price level.
func followupCSV(w io.Writer, f ledger.Followup, l Lang) error {
	cw := csv.NewWriter(w)
	header := []string{"niveau", "nr", "udvalgs_id", "titel", "år", "lovet", "realiseret", "mangler", "over_tærskel", "rapport", "dato", "enhed", "prisniveau"}
	if l == English {
		header = []string{"level", "number", "committee_id", "title", "year", "promised", "realised", "shortfall", "over_threshold", "report", "date", "unit", "price_level"}
	}
	_ = cw.Write(header)
	units := unitCells(f.Unit, f.PriceLevel)
	put := func(level, number, committee, title, year string, s ledger.FollowupSum, over, report, date string) {
		_ = cw.Write([]string{level, number, committee, escape.CSV(title), year, s.Promised.String(), s.Realised.String(), s.Shortfall.String(),
			over, escape.CSV(report), escape.CSV(date), units[0], units[1]})
	}
	for _, p := range f.Proposals {
		for _, y := range p.Years {
			put("proposal", strconv.Itoa(p.Number), p.Committee, p.Title, strconv.Itoa(y.Year),
				ledger.FollowupSum{Promised: y.Promised, Realised: y.Realised, Shortfall: y.Shortfall}, strconv.FormatBool(y.Over), y.Report, y.Date)
		}
	}
	for _, c := range f.Committees {
		put("committee", "", c.ID, c.Name, "", c.Sum, "", "", "")
	}
	put("total", "", "", "", "", f.Total, "", "", "")
	cw.Flush()
	return cw.Error()
}
