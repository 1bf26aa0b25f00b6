package cli

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// runLedger is a synthetic ledger, in memory: one committee, one efficiency proposal whose
// declared total (-25 in 2027, which its catalog row follows) is not the sum of its rows (-30).
var runLedger = fstest.MapFS{
	"catalog.yaml": {Data: []byte(`schema: 1
name: Syntetisk katalog
budget: Budget 2026
budget_year: 2026
unit: 1.000 kr.
price_level: 2026 p/l
years: [2026, 2027]
committees:
  - id: aaa
    name: Alfa-udvalget
`)},
	"aaa/01-rengoering.yaml": {Data: []byte(`schema: 1
number: 1
title: Færre rengøringstimer
committee: aaa
administration: Alfa-forvaltningen
kind: efficiency
approved_with: null
catalog:
  title: Færre rengøringstimer
  contribution:
    2026: 20
    2027: 25
  total_investment: null
economy:
  unit: 1.000 kr.
  price_level: 2026 p/l
  years: [2026, 2027]
  permanent:
    rows:
      - label: Rengøring
        area: Service
        amounts:
          2026: -20
          2027: -30
    totals:
      - label: Samlet varig ændring
        sums: all
        amounts:
          2026: -20
          2027: -25
`)},
}

// TestRunInMemory runs commands through their xRun with a loader that reads runLedger, as
// cli/cli's tests give a command an HTTP client: no folder, no flags, the exact output.
func TestRunInMemory(t *testing.T) {
	g := &Global{Lang: "en"}
	load := func() (*ledger.Ledger, diag.List, error) { return g.loadFS(runLedger, "proposals") }
	report := func(out, errs *bytes.Buffer, format string, args ...string) ReportOptions {
		o := ReportOptions{Global: g, Streams: Streams{Out: out, Err: errs}, Load: load, Format: format, Slice: Slice{Unit: "tkr"}}
		if err := o.parse(); err != nil {
			t.Fatal(err)
		}
		return o
	}
	tests := []struct {
		name      string
		run       func(out, errs *bytes.Buffer) error
		wantErr   error
		out, errs string
	}{
		{
			name: "totals",
			run: func(out, errs *bytes.Buffer) error {
				return totalsRun(&TotalsOptions{ReportOptions: report(out, errs, "csv")})
			},
			out:  "Committee id,Committee,2026,2027,Unit,Price level\naaa,Alfa-udvalget,20,25,1.000 kr.,2026 p/l\n,Total,20,25,1.000 kr.,2026 p/l\n",
			errs: "note: the ledger has 1 unacknowledged warning; run budget validate\n",
		},
		{
			name: "totals cumulative",
			run: func(out, errs *bytes.Buffer) error {
				return totalsRun(&TotalsOptions{ReportOptions: report(out, errs, "json"), Cumulative: true})
			},
			out: `{
  "unit": "1.000 kr.",
  "price_level": "2026 p/l",
  "years": [
    2026,
    2027
  ],
  "cumulative_from": 2026,
  "committees": [
    {
      "id": "aaa",
      "committee": "Alfa-udvalget",
      "amounts": {
        "2026": "20",
        "2027": "45"
      }
    }
  ],
  "total": {
    "2026": "20",
    "2027": "45"
  }
}
`,
			errs: "note: the ledger has 1 unacknowledged warning; run budget validate\n",
		},
		{
			name: "show",
			run: func(out, errs *bytes.Buffer) error {
				return showRun(&ShowOptions{ReportOptions: report(out, errs, "csv"), Refs: []string{"1"}})
			},
			out: `number,id,committee,committee_name,table,section,item,area,source,year,amount,unit,price_level,differs
1,,aaa,Alfa-udvalget,economy,permanent,Rengøring,Service,document,2026,-20,1.000 kr.,2026 p/l,
1,,aaa,Alfa-udvalget,economy,permanent,Rengøring,Service,document,2027,-30,1.000 kr.,2026 p/l,
1,,aaa,Alfa-udvalget,economy,permanent,Samlet varig ændring,,document,2026,-20,1.000 kr.,2026 p/l,
1,,aaa,Alfa-udvalget,economy,permanent,Samlet varig ændring,,document,2027,-25,1.000 kr.,2026 p/l,
1,,aaa,Alfa-udvalget,economy,permanent,Samlet varig ændring,,budget,2026,-20,1.000 kr.,2026 p/l,false
1,,aaa,Alfa-udvalget,economy,permanent,Samlet varig ændring,,budget,2027,-30,1.000 kr.,2026 p/l,true
1,,aaa,Alfa-udvalget,economy,total_impact,Samlet økonomisk påvirkning,,budget,2026,-20,1.000 kr.,2026 p/l,false
1,,aaa,Alfa-udvalget,economy,total_impact,Samlet økonomisk påvirkning,,budget,2027,-30,1.000 kr.,2026 p/l,false
1,,aaa,Alfa-udvalget,economy,cumulative,,,budget,2026,-20,1.000 kr.,2026 p/l,
1,,aaa,Alfa-udvalget,economy,cumulative,,,budget,2027,-45,1.000 kr.,2026 p/l,
1,,aaa,Alfa-udvalget,payback,service,,,budget,,1,,,false
1,,aaa,Alfa-udvalget,payback,total,,,budget,,1,,,false
1,,aaa,Alfa-udvalget,catalog,contribution,Færre rengøringstimer,,document,2026,20,1.000 kr.,2026 p/l,
1,,aaa,Alfa-udvalget,catalog,contribution,Færre rengøringstimer,,document,2027,25,1.000 kr.,2026 p/l,
1,,aaa,Alfa-udvalget,catalog,own_permanent_change,,,budget,2026,20,1.000 kr.,2026 p/l,false
1,,aaa,Alfa-udvalget,catalog,own_permanent_change,,,budget,2027,25,1.000 kr.,2026 p/l,false
1,,aaa,Alfa-udvalget,catalog,total_investment,,,budget,,0,1.000 kr.,2026 p/l,false
`,
			errs: "note: the ledger has 1 unacknowledged warning; run budget validate\n",
		},
		{
			name: "validate",
			run: func(out, errs *bytes.Buffer) error {
				return validateRun(&ValidateOptions{Global: g, Streams: Streams{Out: out, Err: errs}, Load: load, Format: "text", Strict: true})
			},
			wantErr: errDataFailed,
			out: `proposals/aaa/01-rengoering.yaml:30:17: warning: "Samlet varig ændring" prints -25 in 2027, but its rows sum to -30 [sum-mismatch]
              2027: -25
                    ^
    acknowledge with: {check: sum-mismatch, at: economy.permanent.totals.0.amounts.2027, reason: ...}
0 errors, 1 warning, 0 acknowledged
`,
		},
		{
			name: "validate json",
			run: func(out, errs *bytes.Buffer) error {
				return validateRun(&ValidateOptions{Global: g, Streams: Streams{Out: out, Err: errs}, Load: load, Format: "json"})
			},
			out: `{
  "diagnostics": [
    {
      "file": "proposals/aaa/01-rengoering.yaml",
      "line": 30,
      "column": 17,
      "severity": "warning",
      "code": "sum-mismatch",
      "message": "\"Samlet varig ændring\" prints -25 in 2027, but its rows sum to -30",
      "path": "economy.permanent.totals.0.amounts.2027",
      "acknowledged": false
    }
  ],
  "errors": 0,
  "warnings": 1
}
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			if err := tt.run(&out, &errs); err != tt.wantErr {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if out.String() != tt.out {
				t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), tt.out)
			}
			if errs.String() != tt.errs {
				t.Errorf("stderr:\n%s\nwant:\n%s", errs.String(), tt.errs)
			}
		})
	}
}
