package check_test

import "testing"

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
			name:  "approved efficiencies, rounded as printed",
			files: tablesLedger("approved: {2026: 0.1, 2027: 0.1}", "approved: {2026: 0.1, 2027: 0}"),
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
