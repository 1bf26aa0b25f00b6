package check_test

import "testing"

// Findings at the edge of each comparison, where a near miss of the rule would still pass the
// other cases: a payback of 0 years, a total off by less than one unit, a year a printed table
// leaves out where its proposals add up to nothing. The ledgers are synthetic.

// neverPaysBackYAML is investmentYAML without its permanent savings: it spends 150 and changes
// nothing for good, so Tabel 1 never pays it back.
var neverPaysBackYAML = edit(edit(edit(investmentYAML,
	"  permanent:\n    rows:\n      - {label: Besparelse, area: Service, amounts: {2026: -100, 2027: -100}}\n    totals:\n      - {label: Varig ændring, sums: all, amounts: {2026: -100, 2027: -100}}\n", ""),
	"contribution: {2026: 100, 2027: 100}", "contribution: {2026: 0, 2027: 0}"),
	"amounts: {2025: 150, 2026: -100, 2027: -100}", "amounts: {2025: 150}")

func TestPaybackNever(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "printed as 0 years",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(neverPaysBackYAML, "total: 3", "total: 0")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:23:12", "payback-mismatch", "economy.payback.total",
					"payback on total economy is printed as 0 years, but Tabel 1 gives no payback (cumulative net effect from 2025 until it reaches zero)"),
			},
		},
		{
			name:  "printed as 3 years",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": neverPaysBackYAML}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:23:12", "payback-mismatch", "economy.payback.total",
					"payback on total economy is printed as 3 years, but Tabel 1 gives no payback (cumulative net effect from 2025 until it reaches zero)"),
			},
		},
		{
			name:  "printed as nothing",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(neverPaysBackYAML, "  payback:\n    total: 3\n", "")}),
		},
	})
}

func TestSumOffByLessThanOne(t *testing.T) {
	runCases(t, []checkCase{
		{
			// -9.5 and -10 round to the same whole number: the figures differ all the same.
			name:  "declared total off by 0.5",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "sums: all, amounts: {2026: -10, 2027: -10}", "sums: all, amounts: {2026: -10, 2027: -9.5}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 10 in 2027 differs from the proposal's own permanent change of -9.5 in Tabel 1"),
				warningAt("proposals/aaa/01-forslag.yaml:20:70", "sum-mismatch", "economy.permanent.totals.0.amounts.2027",
					`"Varig ændring" prints -9.5 in 2027, but its rows sum to -10`),
			},
		},
		{
			name:  "total impact off by 0.4",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(investmentYAML, "amounts: {2025: 150, 2026: -100, 2027: -100}", "amounts: {2025: 150, 2026: -100, 2027: -100.4}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:26:44", "sum-mismatch", "economy.total_impact.amounts.2027",
					`"Samlet påvirkning" prints -100.4 in 2027, but permanent changes and implementation costs add up to -100`),
			},
		},
	})
}

// zeroYearCatalogYAML is catalogYAML with Table 1 and Table 2 as efficiencyYAML, edited to
// contribute nothing in 2027, adds up to.
const zeroYearCatalogYAML = catalogYAML + `assertions:
  table1:
    rows:
      - {committee: aaa, amounts: {2026: 10, 2027: 0}}
    total: {2026: 10, 2027: 0}
  table2:
    rows:
      - {committee: aaa, amounts: {2026: 10, 2027: 0}, total_investment: null}
    total: {amounts: {2026: 10, 2027: 0}, total_investment: null}
`

// zeroYearLedger is efficiencyYAML contributing nothing in 2027 under zeroYearCatalogYAML, with
// old in the catalog replaced by new.
func zeroYearLedger(old, new string) map[string]string {
	return map[string]string{
		"catalog.yaml":        edit(zeroYearCatalogYAML, old, new),
		"aaa/01-forslag.yaml": edit(efficiencyYAML, "contribution: {2026: 10, 2027: 10}", "contribution: {2026: 10, 2027: 0}"),
	}
}

func TestTableYearMissingWhereZero(t *testing.T) {
	runCases(t, []checkCase{
		{name: "every year printed", files: zeroYearLedger("total: {2026: 10, 2027: 0}", "total: {2026: 10, 2027: 0}")},
		{
			name:  "Table 1 row",
			files: zeroYearLedger("{committee: aaa, amounts: {2026: 10, 2027: 0}}", "{committee: aaa, amounts: {2026: 10}}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:14:35", "table-mismatch", "assertions.table1.rows.0.amounts",
					"Table 1 prints for Alfa-udvalget nothing in 2027, but its proposals add up to 0"),
			},
		},
		{
			name:  "Table 1 total",
			files: zeroYearLedger("total: {2026: 10, 2027: 0}", "total: {2026: 10}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:15:12", "table-mismatch", "assertions.table1.total",
					"Table 1 prints as I alt nothing in 2027, but its proposals add up to 0"),
			},
		},
		{
			name:  "Table 2 row",
			files: zeroYearLedger("{committee: aaa, amounts: {2026: 10, 2027: 0}, total_investment: null}", "{committee: aaa, amounts: {2026: 10}, total_investment: null}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:18:35", "table-mismatch", "assertions.table2.rows.0.amounts",
					"Table 2 prints for Alfa-udvalget nothing in 2027, but its proposals add up to 0"),
			},
		},
		{
			name:  "Table 2 total",
			files: zeroYearLedger("total: {amounts: {2026: 10, 2027: 0}, total_investment: null}", "total: {amounts: {2026: 10}, total_investment: null}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:19:22", "table-mismatch", "assertions.table2.total.amounts",
					"Table 2 prints as I alt nothing in 2027, but its proposals add up to 0"),
			},
		},
	})
}
