package check_test

import (
	"strings"
	"testing"
)

// The catalog's printed tables and intro are compared with what the proposals add up to, as
// warnings at the catalog's figures; tablesCatalogYAML prints what investmentYAML adds up to.

func TestTableMismatch(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "Table 1 row",
			files: tablesLedger("{committee: aaa, amounts: {2026: 100, 2027: 100}}", "{committee: aaa, amounts: {2026: 100, 2027: 90}}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:21:53", "table-mismatch", "assertions.table1.rows.0.amounts.2027",
					"Table 1 prints for Alfa-udvalget 90 in 2027, but its proposals add up to 100"),
			},
		},
		{
			name:  "Table 1 row without a year",
			files: tablesLedger("{committee: aaa, amounts: {2026: 100, 2027: 100}}", "{committee: aaa, amounts: {2026: 100}}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:21:35", "table-mismatch", "assertions.table1.rows.0.amounts",
					"Table 1 prints for Alfa-udvalget nothing in 2027, but its proposals add up to 100"),
			},
		},
		{
			name:  "Table 1 total",
			files: tablesLedger("total: {2026: 100, 2027: 100}", "total: {2026: 90, 2027: 100}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:22:19", "table-mismatch", "assertions.table1.total.2026",
					"Table 1 prints as I alt 90 in 2026, but its proposals add up to 100"),
			},
		},
		{
			name:  "Table 2 row",
			files: tablesLedger("{committee: aaa, amounts: {2026: 100, 2027: 100}, total_investment: 150}", "{committee: aaa, amounts: {2026: 100, 2027: 90}, total_investment: 150}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:25:53", "table-mismatch", "assertions.table2.rows.0.amounts.2027",
					"Table 2 prints for Alfa-udvalget 90 in 2027, but its proposals add up to 100"),
			},
		},
		{
			name:  "Table 2 total",
			files: tablesLedger("total: {amounts: {2026: 100, 2027: 100}, total_investment: 150}", "total: {amounts: {2026: 100, 2027: 90}, total_investment: 150}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:26:40", "table-mismatch", "assertions.table2.total.amounts.2027",
					"Table 2 prints as I alt 90 in 2027, but its proposals add up to 100"),
			},
		},
		{
			name:  "Table 2 row's total investment",
			files: tablesLedger("2027: 100}, total_investment: 150}\n    total:", "2027: 100}, total_investment: 140}\n    total:"),
			want: []finding{
				warningAt("proposals/catalog.yaml:25:77", "table-mismatch", "assertions.table2.rows.0.total_investment",
					"Table 2 prints for Alfa-udvalget a total investment of 140, but its proposals add up to 150"),
			},
		},
		{
			name:  "Table 2 row without a total investment",
			files: tablesLedger("2027: 100}, total_investment: 150}\n    total:", "2027: 100}, total_investment: null}\n    total:"),
			want: []finding{
				warningAt("proposals/catalog.yaml:25:77", "table-mismatch", "assertions.table2.rows.0.total_investment",
					"Table 2 prints for Alfa-udvalget a total investment of (none), but its proposals add up to 150"),
			},
		},
		{
			name:  "Table 2 total's total investment",
			files: tablesLedger("total: {amounts: {2026: 100, 2027: 100}, total_investment: 150}", "total: {amounts: {2026: 100, 2027: 100}, total_investment: 140}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:26:64", "table-mismatch", "assertions.table2.total.total_investment",
					"Table 2 prints as I alt a total investment of 140, but its proposals add up to 150"),
			},
		},
		{
			// A proposal whose implementation cost changes moves Table 2's total investment.
			name: "proposals' total investment changed",
			files: map[string]string{
				"catalog.yaml":        tablesCatalogYAML,
				"aaa/01-forslag.yaml": edit(edit(edit(investmentYAML, "total_investment: 150", "total_investment: 160"), "{2025: 150}", "{2025: 160}"), "{2025: 150,", "{2025: 160,"),
			},
			want: []finding{
				warningAt("proposals/catalog.yaml:25:77", "table-mismatch", "assertions.table2.rows.0.total_investment",
					"Table 2 prints for Alfa-udvalget a total investment of 150, but its proposals add up to 160"),
				warningAt("proposals/catalog.yaml:26:64", "table-mismatch", "assertions.table2.total.total_investment",
					"Table 2 prints as I alt a total investment of 150, but its proposals add up to 160"),
			},
		},
		{
			// A file left out would make each sum it is part of a false mismatch.
			name: "not compared with a file that broke its schema",
			files: map[string]string{
				"catalog.yaml":        edit(tablesCatalogYAML, "total: {2026: 100, 2027: 100}", "total: {2026: 90, 2027: 100}"),
				"aaa/01-forslag.yaml": investmentYAML,
				"aaa/02-forslag.yaml": edit(edit(efficiencyYAML, "number: 1", "number: 2"), "kind: efficiency", "kind: nothing"),
			},
			want: []finding{
				errorAt("proposals/aaa/02-forslag.yaml:6:7", "schema", "kind",
					"kind: value must be one of 'investment', 'efficiency'"),
			},
		},
		{
			name: "not compared with a broken reference",
			files: map[string]string{
				"catalog.yaml":        edit(tablesCatalogYAML, "total: {2026: 100, 2027: 100}", "total: {2026: 90, 2027: 100}"),
				"aaa/01-forslag.yaml": investmentYAML,
				"aaa/02-forslag.yaml": efficiencyYAML,
			},
			want: []finding{
				errorAt("proposals/aaa/02-forslag.yaml:2:9", "duplicate-number", "number",
					"proposal number 1 is already used by proposals/aaa/01-forslag.yaml"),
			},
		},
		{
			name: "a cross-cutting share counts towards its committee",
			files: map[string]string{
				"catalog.yaml":                    tablesCatalogYAML,
				"aaa/01-forslag.yaml":             investmentYAML,
				"cross-cutting/tvaergaaende.yaml": crossCuttingYAML,
			},
			want: []finding{
				warningAt("proposals/catalog.yaml:21:42", "table-mismatch", "assertions.table1.rows.0.amounts.2026",
					"Table 1 prints for Alfa-udvalget 100 in 2026, but its proposals add up to 105"),
				warningAt("proposals/catalog.yaml:21:53", "table-mismatch", "assertions.table1.rows.0.amounts.2027",
					"Table 1 prints for Alfa-udvalget 100 in 2027, but its proposals add up to 105"),
				warningAt("proposals/catalog.yaml:22:19", "table-mismatch", "assertions.table1.total.2026",
					"Table 1 prints as I alt 100 in 2026, but its proposals add up to 105"),
				warningAt("proposals/catalog.yaml:22:30", "table-mismatch", "assertions.table1.total.2027",
					"Table 1 prints as I alt 100 in 2027, but its proposals add up to 105"),
				warningAt("proposals/catalog.yaml:25:42", "table-mismatch", "assertions.table2.rows.0.amounts.2026",
					"Table 2 prints for Alfa-udvalget 100 in 2026, but its proposals add up to 105"),
				warningAt("proposals/catalog.yaml:25:53", "table-mismatch", "assertions.table2.rows.0.amounts.2027",
					"Table 2 prints for Alfa-udvalget 100 in 2027, but its proposals add up to 105"),
				warningAt("proposals/catalog.yaml:26:29", "table-mismatch", "assertions.table2.total.amounts.2026",
					"Table 2 prints as I alt 100 in 2026, but its proposals add up to 105"),
				warningAt("proposals/catalog.yaml:26:40", "table-mismatch", "assertions.table2.total.amounts.2027",
					"Table 2 prints as I alt 100 in 2027, but its proposals add up to 105"),
			},
		},
	})
}

func TestIntroMismatch(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "approved efficiencies",
			files: tablesLedger("approved: {2026: 0.1, 2027: 0.1}", "approved: {2026: 0.1, 2027: 0.2}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:13:31", "intro-mismatch", "intro.approved.2027",
					"the intro states 0.2 mio. kr. for 2027, but Table 1's total 100 1.000 kr. rounds to 0.1"),
			},
		},
		{
			name:  "approved efficiencies, rounded as printed: whole millions",
			files: tablesLedger("approved: {2026: 0.1, 2027: 0.1}", "approved: {2026: 0, 2027: 0}"),
		},
		{
			// The intro prints its figures alike: beside 0.1, a 0 is 0,0 with its zero not kept.
			name:  "approved efficiencies, rounded as the intro prints them all",
			files: tablesLedger("approved: {2026: 0.1, 2027: 0.1}", "approved: {2026: 0.1, 2027: 0}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:13:31", "intro-mismatch", "intro.approved.2027",
					"the intro states 0 mio. kr. for 2027, but Table 1's total 100 1.000 kr. rounds to 0.1"),
			},
		},
		{
			name:  "delivered",
			files: tablesLedger("delivered: {year: 2026, amount: 1.5}", "delivered: {year: 2026, amount: 1.6}"),
			want: []finding{
				warningAt("proposals/catalog.yaml:17:35", "intro-mismatch", "intro.delivered.amount",
					"the intro states 1.6 mio. kr. delivered, but the target and the other contributions add up to 1.5"),
			},
		},
		{
			name:  "approved efficiencies in a year of no figure",
			files: tablesLedger("approved: {2026: 0.1, 2027: 0.1}", "approved: {2026: 0.1}"),
		},
	})
}

// TestCatalogOutOfStep holds a draft catalog's figures out of step to one finding at its status,
// counted as budget catalog sync would write them, where a published catalog has one a figure.
func TestCatalogOutOfStep(t *testing.T) {
	noAssertions := tablesCatalogYAML[:strings.Index(tablesCatalogYAML, "assertions:")]
	draft := func(catalog string) map[string]string {
		return map[string]string{"catalog.yaml": edit(catalog, "schema: 1\n", "schema: 1\nstatus: draft\n"), "aaa/01-forslag.yaml": investmentYAML}
	}
	row2 := "- {committee: aaa, amounts: {2026: 100, 2027: 100}, total_investment: 150}"
	runCases(t, []checkCase{
		{name: "a draft in step", files: draft(tablesCatalogYAML)},
		{
			name: "a draft's Table 1 and intro",
			files: draft(edit(edit(tablesCatalogYAML, "approved: {2026: 0.1, 2027: 0.1}", "approved: {2026: 0.2, 2027: 0.1}"),
				"total: {2026: 100, 2027: 100}", "total: {2026: 100, 2027: 99}")),
			want: []finding{
				warningAt("proposals/catalog.yaml:2:9", "catalog-out-of-step", "status",
					"the catalog is a draft and 2 figures in Table 1 and the intro differ from what its proposals add up to: run budget catalog sync"),
			},
		},
		{
			name:  "a draft without assertions",
			files: draft(noAssertions),
			want: []finding{
				warningAt("proposals/catalog.yaml:2:9", "catalog-out-of-step", "status",
					"the catalog is a draft and 10 figures in Table 1 and Table 2 differ from what its proposals add up to: run budget catalog sync"),
			},
		},
		{
			name:  "a draft's figure in the intro only",
			files: draft(edit(tablesCatalogYAML, "delivered: {year: 2026, amount: 1.5}", "delivered: {year: 2026, amount: 1.6}")),
			want: []finding{
				warningAt("proposals/catalog.yaml:2:9", "catalog-out-of-step", "status",
					"the catalog is a draft and 1 figure in the intro differs from what its proposals add up to: run budget catalog sync"),
			},
		},
		{
			name:  "a draft's row of a committee it no longer has stays an error",
			files: draft(edit(tablesCatalogYAML, row2, row2+"\n      - {committee: zzz, amounts: {2026: 1}}")),
			want: []finding{
				errorAt("proposals/catalog.yaml:27:21", "unknown-committee", "assertions.table2.rows.1.committee",
					`unknown committee "zzz": the catalog has aaa`),
			},
		},
		{
			name: "an acknowledgement of a draft out of step acknowledges nothing",
			files: draft(edit(tablesCatalogYAML, "total: {2026: 100, 2027: 100}", "total: {2026: 100, 2027: 99}") +
				"acknowledged:\n  - {check: catalog-out-of-step, at: status, reason: written later}\n"),
			want: []finding{
				warningAt("proposals/catalog.yaml:2:9", "catalog-out-of-step", "status",
					"the catalog is a draft and 1 figure in Table 1 differs from what its proposals add up to: run budget catalog sync"),
				warningAt("proposals/catalog.yaml:29:13", "unused-acknowledgement", "acknowledged.0.check",
					"catalog-out-of-step cannot be acknowledged: a draft's figures out of step are no inconsistency of the document but budget's to write: run budget catalog sync, and remove this acknowledgement"),
			},
		},
		{
			name: "a published catalog has a finding a figure",
			files: map[string]string{"aaa/01-forslag.yaml": investmentYAML,
				"catalog.yaml": edit(edit(tablesCatalogYAML, "schema: 1\n", "schema: 1\nstatus: published\n"), "total: {2026: 100, 2027: 100}", "total: {2026: 100, 2027: 99}")},
			want: []finding{
				warningAt("proposals/catalog.yaml:23:30", "table-mismatch", "assertions.table1.total.2027",
					"Table 1 prints as I alt 99 in 2027, but its proposals add up to 100"),
			},
		},
	})
}
