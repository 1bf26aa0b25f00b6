package cli

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
)

// TestSliceFlags parses the slicing flags apart from the work, through the commands' runF.
func TestSliceFlags(t *testing.T) {
	s := Streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	var totals *TotalsOptions
	cmd := NewCmdTotals(&Global{}, s, func(o *TotalsOptions) error { totals = o; return nil })
	cmd.SetArgs([]string{"--kind", "investment,efficiency", "--committee", "buu", "--committee", "kfu",
		"--approved-with", "OFS", "--years", "2026-2028", "--unit", "mio", "--cumulative"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%+v %s %v", totals.filter, totals.unit.Name, totals.Cumulative),
		"{Committees:[buu kfu] Kinds:[investment efficiency] ApprovedWith:OFS From:2026 To:2028} mio. kr. true"; got != want {
		t.Errorf("parsed\n %s\nwant\n %s", got, want)
	}

	var show *ShowOptions
	cmd = NewCmdShow(&Global{}, s, func(o *ShowOptions) error { show = o; return nil })
	cmd.SetArgs([]string{"1", "energibesparelser", "--years", "2027"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%q %d-%d %s", show.Refs, show.filter.From, show.filter.To, show.unit.Name); got != `["1" "energibesparelser"] 2027-2027 1.000 kr.` {
		t.Errorf("show parsed %s", got)
	}

	var target *TargetOptions
	cmd = NewCmdTarget(&Global{}, s, func(o *TargetOptions) error { target = o; return nil })
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if target.unit != ledger.Thousands || cmd.Flags().Lookup("unit") != nil {
		t.Errorf("target takes no --unit and keeps the stored unit, got %v", target.unit)
	}
}

func TestSliceFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--kind", "investments"}, "--kind investments: want investment, efficiency or cross-cutting"},
		{[]string{"--years", "2026-"}, "--years 2026-: want a year (2027) or a range of years (2026-2028)"},
		{[]string{"--years", "2028-2026"}, "--years 2028-2026: the range runs backwards: want FROM-TO with FROM before TO, e.g. 2026-2028"},
		{[]string{"--years", "0-1"}, "--years 0-1: want a year (2027) or a range of years (2026-2028)"},
		{[]string{"--unit", "MIO"}, `--unit: unknown unit "MIO": want tkr (1.000 kr., as stored), kr or mio`},
	}
	for _, tt := range tests {
		t.Run(tt.args[1], func(t *testing.T) {
			cmd := NewCmdTotals(&Global{}, Streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}},
				func(*TotalsOptions) error { t.Fatal("ran with a bad flag"); return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			err := cmd.Execute()
			if _, ok := err.(usageError); !ok || err.Error() != tt.want {
				t.Errorf("error %v, want usage error %q", err, tt.want)
			}
		})
	}
}
