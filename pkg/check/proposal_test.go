package check_test

import "testing"

// The checks of a proposal against itself and its catalog row are warnings: the document is
// inconsistent, and a file may acknowledge what its source prints.

func TestSumMismatch(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "declared total of a section",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "sums: all, amounts: {2026: -10, 2027: -10}", "sums: all, amounts: {2026: -10, 2027: -11}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 10 in 2027 differs from the proposal's own permanent change of -11 in Tabel 1"),
				warningAt("proposals/aaa/01-forslag.yaml:20:70", "sum-mismatch", "economy.permanent.totals.0.amounts.2027",
					`"Varig ændring" prints -11 in 2027, but its rows sum to -10`),
			},
		},
		{
			name:  "declared total without a cell",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "sums: all, amounts: {2026: -10, 2027: -10}", "sums: all, amounts: {2026: -10}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 10 in 2027 differs from the proposal's own permanent change of 0 in Tabel 1"),
				warningAt("proposals/aaa/01-forslag.yaml:20:52", "sum-mismatch", "economy.permanent.totals.0.amounts",
					`"Varig ændring" prints nothing in 2027, but its rows sum to -10`),
			},
		},
		{
			name:  "total impact",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(investmentYAML, "amounts: {2025: 150, 2026: -100, 2027: -100}", "amounts: {2025: 150, 2026: -100, 2027: -90}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:26:44", "sum-mismatch", "economy.total_impact.amounts.2027",
					`"Samlet påvirkning" prints -90 in 2027, but permanent changes and implementation costs add up to -100`),
			},
		},
		{
			name: "section of another table",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": savingYAML + `  other_tables:
    - title: Tabel 2. Syntetisk
      sections:
        - title: Udgifter
          rows:
            - {label: Drift, area: Service, amounts: {2026: 5}}
          totals:
            - {label: Udgifter i alt, sums: all, amounts: {2026: 6}}
`}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:28:66", "sum-mismatch", "economy.other_tables.0.sections.0.totals.0.amounts.2026",
					`"Udgifter i alt" prints 6 in 2026, but its rows sum to 5`),
			},
		},
		{
			name:  "Tabel 3's total",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(efficiencyYAML+tabel3YAML, "amounts: {}}", "amounts: {2026: -1}}") + "    - {label: Løn, amounts: {2026: -2}}\n"}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:14:56", "sum-mismatch", "administrative_effect.total.amounts.2026",
					`"Administration i alt" prints -1 in 2026, but its rows sum to -2`),
			},
		},
		{
			name:  "Tabel 3 adding up",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(efficiencyYAML+tabel3YAML, "amounts: {}}", "amounts: {2026: -2}}") + "    - {label: Løn, amounts: {2026: -2}}\n"}),
		},
	})
}

func TestSign(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "negative catalog contribution",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(efficiencyYAML, "{2026: 10, 2027: 10}", "{2026: 10, 2027: -10}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "sign", "catalog.contribution.2027",
					"-10 is negative in 2027: a catalog contribution is a positive figure"),
			},
		},
		{
			// The catalog's cell is the proposal's own change with its sign kept: a sign
			// finding, not also a catalog-mismatch.
			name:  "catalog contribution with the table's sign",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "{2026: 10, 2027: 10}", "{2026: 10, 2027: -10}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "sign", "catalog.contribution.2027",
					"-10 is negative in 2027: a catalog contribution is a positive figure"),
			},
		},
		{
			name:  "negative cross-cutting contribution",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML, "cross-cutting/tvaergaaende.yaml": edit(crossCuttingYAML, "{2026: 5, 2027: 5}", "{2026: -5, 2027: 5}")}),
			want: []finding{
				warningAt("proposals/cross-cutting/tvaergaaende.yaml:7:26", "sign", "shares.0.contribution.2026",
					"-5 is negative in 2026: a catalog contribution is a positive figure"),
			},
		},
		{
			// The permanent change is the declared total where the table prints one.
			name:  "positive permanent change, declared total",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "sums: all, amounts: {2026: -10, 2027: -10}", "sums: all, amounts: {2026: -10, 2027: 10}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:20:70", "sign", "economy.permanent.totals.0.amounts.2027",
					"permanent change is 10 in 2027: the proposal's table shows savings as negative numbers"),
				warningAt("proposals/aaa/01-forslag.yaml:20:70", "sum-mismatch", "economy.permanent.totals.0.amounts.2027",
					`"Varig ændring" prints 10 in 2027, but its rows sum to -10`),
			},
		},
		{
			name:  "permanent savings in rows without a total",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "\n    totals:\n      - {label: Varig ændring, sums: all, amounts: {2026: -10, 2027: -10}}", "")}),
		},
		{
			name:  "positive permanent change in rows without a total",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(edit(savingYAML, "\n    totals:\n      - {label: Varig ændring, sums: all, amounts: {2026: -10, 2027: -10}}", ""), "{2026: -10, 2027: -10}", "{2026: -10, 2027: 10}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:18:7", "sign", "economy.permanent.rows.2027",
					"permanent change is 10 in 2027: the proposal's table shows savings as negative numbers"),
			},
		},
		{
			name:  "negative implementation cost",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(investmentYAML, "amounts: {2025: 150}", "amounts: {2025: -150}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:11:21", "investment-mismatch", "catalog.total_investment",
					"catalog total investment 150 differs from the implementation costs in Tabel 1, which add up to -150"),
				warningAt("proposals/aaa/01-forslag.yaml:23:57", "sign", "economy.implementation.rows.0.amounts.2025",
					"-150 is negative in 2025: implementation costs are positive"),
				warningAt("proposals/aaa/01-forslag.yaml:26:21", "sum-mismatch", "economy.total_impact.amounts.2025",
					`"Samlet påvirkning" prints 150 in 2025, but permanent changes and implementation costs add up to -150`),
				warningAt("proposals/aaa/01-forslag.yaml:28:12", "payback-mismatch", "economy.payback.total",
					"payback on total economy is printed as 3 years, but Tabel 1 gives 1 years (cumulative net effect from 2025 until it reaches zero)"),
			},
		},
	})
}

func TestCatalogMismatch(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "contribution differs from the permanent change",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "{2026: 10, 2027: 10}", "{2026: 10, 2027: 12}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 12 in 2027 differs from the proposal's own permanent change of -10 in Tabel 1"),
			},
		},
		{
			// A blank catalog cell counts nothing where Tabel 1 saves: show marks it, and so does
			// validate, at the row (issue 11: they say the same).
			name:  "catalog row without a year",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "{2026: 10, 2027: 10}", "{2026: 10}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:17", "catalog-mismatch", "catalog.contribution",
					"the catalog prints nothing in 2027, but the proposal's own permanent change is -10 in Tabel 1"),
			},
		},
		{
			name: "catalog row of a proposal without permanent changes",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML,
				"  permanent:\n    rows:\n      - {label: Besparelse, area: Service, amounts: {2026: -10, 2027: -10}}\n    totals:\n      - {label: Varig ændring, sums: all, amounts: {2026: -10, 2027: -10}}\n",
				"  implementation:\n    rows:\n      - {label: Udvikling, area: Anlæg, amounts: {2026: 0}}\n")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:24", "catalog-mismatch", "catalog.contribution.2026",
					"catalog contribution 10 in 2026, but Tabel 1 has no permanent changes"),
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 10 in 2027, but Tabel 1 has no permanent changes"),
			},
		},
	})
}

func TestYearCoverage(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "catalog year beyond Tabel 1",
			files: map[string]string{"catalog.yaml": edit(catalogYAML, "years: [2026, 2027]", "years: [2026, 2027, 2028]"), "aaa/01-forslag.yaml": savingYAML},
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:15:10", "year-coverage", "economy.years",
					"Tabel 1's columns (2026, 2027) leave catalog year(s) 2028 uncovered"),
			},
		},
		{
			name:  "three catalog years beyond Tabel 1",
			files: map[string]string{"catalog.yaml": edit(catalogYAML, "years: [2026, 2027]", "years: [2026, 2027, 2028, 2029, 2030]"), "aaa/01-forslag.yaml": savingYAML},
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:15:10", "year-coverage", "economy.years",
					"Tabel 1's columns (2026, 2027) leave catalog year(s) 2028, 2029 and 2030 uncovered"),
			},
		},
	})
}

func TestInvestmentMismatch(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "declared total investment differs",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(investmentYAML, "total_investment: 150", "total_investment: 140")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:11:21", "investment-mismatch", "catalog.total_investment",
					"catalog total investment 140 differs from the implementation costs in Tabel 1, which add up to 150"),
			},
		},
		{
			name:  "no total investment declared",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(investmentYAML, "total_investment: 150", "total_investment: null")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:11:21", "investment-mismatch", "catalog.total_investment",
					"catalog total investment (none) differs from the implementation costs in Tabel 1, which add up to 150"),
			},
		},
		{
			name:  "declared without implementation costs",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "total_investment: null", "total_investment: 5")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:11:21", "investment-mismatch", "catalog.total_investment",
					"catalog total investment 5 differs from the implementation costs in Tabel 1, which add up to 0"),
			},
		},
	})
}

func TestPaybackMismatch(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "on total economy",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(investmentYAML, "total: 3", "total: 2")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:28:12", "payback-mismatch", "economy.payback.total",
					"payback on total economy is printed as 2 years, but Tabel 1 gives 3 years (cumulative net effect from 2025 until it reaches zero)"),
			},
		},
		{
			name:  "on service efficiency",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(investmentYAML, "total: 3", "service: 4\n    total: 3")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:28:14", "payback-mismatch", "economy.payback.service",
					"payback on service efficiency is printed as 4 years, but Tabel 1 gives 3 years (cumulative net effect from 2025 until it reaches zero)"),
			},
		},
		{
			name:  "on service efficiency, agreeing",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(investmentYAML, "total: 3", "service: 3\n    total: 3")}),
		},
		{
			// Service efficiency counts the permanent rows in the Service area only.
			name:  "on service efficiency, without Service rows",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(edit(investmentYAML, "total: 3", "service: 3\n    total: 3"), "area: Service", "area: Finansposter")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:28:14", "payback-mismatch", "economy.payback.service",
					"payback on service efficiency is printed as 3 years, but Tabel 1 gives no payback (cumulative net effect from 2025 until it reaches zero)"),
			},
		},
		{
			name:  "no payback",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(investmentYAML, "2027: -100}}\n  implementation", "2027: 0}}\n  implementation")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:35", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 100 in 2027 differs from the proposal's own permanent change of 0 in Tabel 1"),
				warningAt("proposals/aaa/01-forslag.yaml:20:71", "sum-mismatch", "economy.permanent.totals.0.amounts.2027",
					`"Varig ændring" prints 0 in 2027, but its rows sum to -100`),
				warningAt("proposals/aaa/01-forslag.yaml:28:12", "payback-mismatch", "economy.payback.total",
					"payback on total economy is printed as 3 years, but Tabel 1 gives no payback (cumulative net effect from 2025 until it reaches zero)"),
			},
		},
	})
}

func TestPlaceholder(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "title",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(efficiencyYAML, "title: Syntetisk forslag\nc", "title: TODO\nc")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:3:8", "placeholder", "title",
					`title is still a placeholder ("TODO"): write the value the document gives`),
			},
		},
		{
			name:  "nested text",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(efficiencyYAML, "  title: Syntetisk forslag", "  title: TODO the catalog's title")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:9:10", "placeholder", "catalog.title",
					`catalog.title is still a placeholder ("TODO the catalog's title"): write the value the document gives`),
			},
		},
		{
			name:  "item of a list",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": savingYAML + "  notes:\n    - Syntetisk note\n    - TODO\n"}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:23:7", "placeholder", "economy.notes.1",
					`economy.notes.1 is still a placeholder ("TODO"): write the value the document gives`),
			},
		},
		{
			name:  "TODO later in a text",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(efficiencyYAML, "  title: Syntetisk forslag", "  title: Syntetisk forslag, TODO")}),
		},
	})
}
