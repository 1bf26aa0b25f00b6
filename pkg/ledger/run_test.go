package ledger_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// TestTablesComputedOnce: Table 2 is built once a ledger, and Table 1, the target, every report
// and validate's catalog check read that one, and a filter that keeps everything (budget totals
// without slicing flags) adds nothing up again: the totals they show share its figures' memory.
func TestTablesComputedOnce(t *testing.T) {
	l, _ := loadBundled(t)
	r := ledger.NewReport(l, ledger.ReportOptions{})
	tg, ok := l.Target()
	if !ok || !r.HasTarget {
		t.Fatal("no target")
	}
	totals := map[string]ledger.Figures{
		"Table2()": l.Table2().Total, "Totals()": l.Totals().Total, "Target().Table1": tg.Table1,
		"Report.Table2": r.Table2.Total, "Filter(everything)": r.Table2.Filter(ledger.Filter{}).Totals().Total, "Report.Totals": r.Totals.Total, "Report.Target.Table1": r.Target.Table1,
	}
	first := &l.Table2().Total[0]
	for name, f := range totals {
		if &f[0] != first {
			t.Errorf("%s is not the ledger's one Table 2 total", name)
		}
	}
	expect(t, "Table 1 total", figuresText(r.Totals.Total), "62221 83647 93659 97718 101827")
}

// TestReportSheets: a report with its sheets lays out every proposal in the ledger's order, with
// the payback projection of each investment proposal, and nothing more without them.
func TestReportSheets(t *testing.T) {
	l, _ := loadBundled(t)
	if r := ledger.NewReport(l, ledger.ReportOptions{}); r.Proposals != nil || r.CrossCutting != nil {
		t.Errorf("a report without sheets has %d and %d", len(r.Proposals), len(r.CrossCutting))
	}
	r := ledger.NewReport(l, ledger.ReportOptions{Sheets: true})
	if len(r.Proposals) != len(l.Proposals) || len(r.CrossCutting) != len(l.CrossCutting) {
		t.Fatalf("%d and %d sheets for %d proposals and %d cross-cutting ones", len(r.Proposals), len(r.CrossCutting), len(l.Proposals), len(l.CrossCutting))
	}
	var projected []string
	for i, p := range r.Proposals {
		if p.Sheet.Number != l.Proposals[i].Number {
			t.Errorf("sheet %d is proposal %d, want %d", i, p.Sheet.Number, l.Proposals[i].Number)
		}
		if p.Projection.Years != nil {
			if l.Proposals[i].Kind != proposal.KindInvestment {
				t.Errorf("proposal %d is no investment but has a projection", p.Sheet.Number)
			}
			years, cum := ledger.PaybackProjection(l.Proposals[i].Economy)
			if !slices.Equal(years, p.Projection.Years) || figuresText(cum) != figuresText(p.Projection.Cumulative) {
				t.Errorf("proposal %d projection %v %v, want %v %v", p.Sheet.Number, p.Projection.Years, p.Projection.Cumulative, years, cum)
			}
			projected = append(projected, fmt.Sprint(p.Sheet.Number, p.Projection.Years))
		}
	}
	expect(t, "projected", fmt.Sprint(projected), "[8 [2031 2032 2033 2034] 15 [2031] 29 [2031 2032 2033]]")
	for i, x := range r.CrossCutting {
		if x.ID != l.CrossCutting[i].ID {
			t.Errorf("cross-cutting sheet %d is %s, want %s", i, x.ID, l.CrossCutting[i].ID)
		}
	}
}
