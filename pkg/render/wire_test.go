package render

import (
	"bytes"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// TestProposalsJSONPerCommittee: proposals --json gives each committee its own figures and total
// investment, and the total the whole table's. The table is synthetic: two committees that
// invest differently, so that no field can be filled from another and still pass.
func TestProposalsJSONPerCommittee(t *testing.T) {
	d := decimal.RequireFromString
	ten := d("10")
	table := ledger.Table2{Unit: "1.000 kr.", PriceLevel: "2026 p/l", Years: []int{2026},
		Committees: []ledger.Table2Committee{
			{ID: "aaa", Name: "Alfa", PrintedName: "Alfa-udvalget", Amounts: ledger.Figures{d("5")}, TotalInvestment: ten,
				Rows: []ledger.Table2Row{{Number: 1, Title: "Syntetisk", Kind: "investment", Amounts: ledger.Figures{d("5")}, TotalInvestment: &ten}}},
			{ID: "bbb", Name: "Beta", PrintedName: "Beta-udvalget", Amounts: ledger.Figures{d("7")}, TotalInvestment: decimal.Zero},
		},
		Total: ledger.Figures{d("12")}, TotalInvestment: ten}
	var b bytes.Buffer
	if err := Proposals(&b, table, JSON, Danish); err != nil {
		t.Fatal(err)
	}
	want := `{
  "unit": "1.000 kr.",
  "price_level": "2026 p/l",
  "years": [
    2026
  ],
  "committees": [
    {
      "id": "aaa",
      "committee": "Alfa-udvalget",
      "amounts": {
        "2026": "5"
      },
      "total_investment": "10",
      "proposals": [
        {
          "number": 1,
          "title": "Syntetisk",
          "kind": "investment",
          "amounts": {
            "2026": "5"
          },
          "total_investment": "10",
          "approved_with": null
        }
      ]
    },
    {
      "id": "bbb",
      "committee": "Beta-udvalget",
      "amounts": {
        "2026": "7"
      },
      "total_investment": "0",
      "proposals": []
    }
  ],
  "total": {
    "amounts": {
      "2026": "12"
    },
    "total_investment": "10"
  }
}
`
	if got := b.String(); got != want {
		t.Errorf("proposals --json:\n%s\nwant:\n%s", got, want)
	}
}
