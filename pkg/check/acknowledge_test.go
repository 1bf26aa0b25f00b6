package check_test

import (
	"maps"
	"strconv"
	"strings"
	"testing"
)

// ackYAML is a file's acknowledgements list with items, each "{check: ..., at: ..., reason: ...}".
func ackYAML(items ...string) string {
	s := "acknowledged:\n"
	for _, it := range items {
		s += "  - " + it + "\n"
	}
	return s
}

// mismatchYAML is savingYAML with a catalog cell (12 in 2027) that differs from its Tabel 1 (-10).
var mismatchYAML = edit(savingYAML, "{2026: 10, 2027: 10}", "{2026: 10, 2027: 12}")

func TestAcknowledged(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "at the finding's path",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": mismatchYAML + ackYAML("{check: catalog-mismatch, at: catalog.contribution.2027, reason: Kataloget afviger.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 12 in 2027 differs from the proposal's own permanent change of -10 in Tabel 1").acknowledged("Kataloget afviger."),
			},
		},
		{
			name:  "at a parent of the finding's path",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": mismatchYAML + ackYAML("{check: catalog-mismatch, at: catalog.contribution, reason: Kataloget afviger.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 12 in 2027 differs from the proposal's own permanent change of -10 in Tabel 1").acknowledged("Kataloget afviger."),
			},
		},
		{
			name: "by the first of two acknowledgements that match",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": mismatchYAML + ackYAML(
				"{check: catalog-mismatch, at: catalog.contribution.2027, reason: Den første.}",
				"{check: catalog-mismatch, at: catalog, reason: Den anden.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 12 in 2027 differs from the proposal's own permanent change of -10 in Tabel 1").acknowledged("Den første."),
				warningAt("proposals/aaa/01-forslag.yaml:23:5", "unused-acknowledgement", "acknowledged.1",
					"acknowledgement of catalog-mismatch at catalog matches no finding: remove it, or fix its check or path"),
			},
		},
		{
			name:  "not by an acknowledgement of another check",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": mismatchYAML + ackYAML("{check: sum-mismatch, at: catalog.contribution.2027, reason: Forkert kontrol.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 12 in 2027 differs from the proposal's own permanent change of -10 in Tabel 1"),
				warningAt("proposals/aaa/01-forslag.yaml:22:5", "unused-acknowledgement", "acknowledged.0",
					"acknowledgement of sum-mismatch at catalog.contribution.2027 matches no finding: remove it, or fix its check or path"),
			},
		},
		{
			name:  "not at a sibling path",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": mismatchYAML + ackYAML("{check: catalog-mismatch, at: catalog.contribution.2026, reason: Forkert år.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "catalog-mismatch", "catalog.contribution.2027",
					"catalog contribution 12 in 2027 differs from the proposal's own permanent change of -10 in Tabel 1"),
				warningAt("proposals/aaa/01-forslag.yaml:22:5", "unused-acknowledgement", "acknowledged.0",
					"acknowledgement of catalog-mismatch at catalog.contribution.2026 matches no finding: remove it, or fix its check or path"),
			},
		},
		{
			name:  "not an error",
			files: map[string]string{"catalog.yaml": edit(catalogYAML, "years: [2026, 2027]", "years: [2026]"), "aaa/01-forslag.yaml": efficiencyYAML + ackYAML("{check: unknown-year, at: catalog.contribution.2027, reason: Fejl kan ikke kvitteres.}")},
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:10:34", "unknown-year", "catalog.contribution.2027",
					"year 2027 is not one of the catalog's columns (2026)"),
				warningAt("proposals/aaa/01-forslag.yaml:13:13", "unused-acknowledgement", "acknowledged.0.check",
					"acknowledgement of unknown-year matches no finding: unknown-year is not a warning budget gives (errors cannot be acknowledged); the warnings are catalog-mismatch, investment-mismatch, intro-mismatch, payback-mismatch, placeholder, shortfall, sign, sum-mismatch, table-mismatch, thousands-separator, year-coverage"),
			},
		},
		{
			name:  "a warning of the catalog's tables, in the catalog",
			files: map[string]string{"catalog.yaml": edit(tablesCatalogYAML, "total: {2026: 100, 2027: 100}", "total: {2026: 90, 2027: 100}") + ackYAML("{check: table-mismatch, at: assertions.table1.total, reason: Kataloget trykker 90.}"), "aaa/01-forslag.yaml": investmentYAML},
			want: []finding{
				warningAt("proposals/catalog.yaml:22:19", "table-mismatch", "assertions.table1.total.2026",
					"Table 1 prints as I alt 90 in 2026, but its proposals add up to 100").acknowledged("Kataloget trykker 90."),
			},
		},
	})
}

func TestThousandsSeparator(t *testing.T) {
	separated := edit(efficiencyYAML, "{2026: 10, 2027: 10}", "{2026: 10, 2027: 1.500}")
	runCases(t, []checkCase{
		{
			name:  "amount written with a thousands separator",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": separated}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "thousands-separator", "catalog.contribution.2027",
					"1.500 looks like a Danish thousands separator: amounts are plain numbers, write 1500 if that is meant"),
			},
		},
		{
			name:  "acknowledged",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": separated + ackYAML("{check: thousands-separator, at: catalog.contribution.2027, reason: Kataloget trykker 1.500 for 1500.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "thousands-separator", "catalog.contribution.2027",
					"1.500 looks like a Danish thousands separator: amounts are plain numbers, write 1500 if that is meant").acknowledged("Kataloget trykker 1.500 for 1500."),
			},
		},
		{
			// The acknowledgements are read from the file's values, so they apply to a file
			// that broke its schema as well.
			name:  "acknowledged in a file that broke its schema",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(separated, "kind: efficiency", "kind: nothing") + ackYAML("{check: thousands-separator, at: catalog.contribution.2027, reason: Kataloget trykker 1.500 for 1500.}")}),
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:6:7", "schema", "kind",
					"kind: value must be one of 'investment', 'efficiency'"),
				warningAt("proposals/aaa/01-forslag.yaml:10:34", "thousands-separator", "catalog.contribution.2027",
					"1.500 looks like a Danish thousands separator: amounts are plain numbers, write 1500 if that is meant").acknowledged("Kataloget trykker 1.500 for 1500."),
			},
		},
	})
}

func TestUnusedAcknowledgement(t *testing.T) {
	brokenCatalog := catalogYAML + "  - id: cross-cutting\n    name: Tværgående\n"
	runCases(t, []checkCase{
		{
			name:  "of no warning budget gives",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML + ackYAML("{check: no-such-check, at: catalog, reason: Ingen sådan kontrol.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:13:13", "unused-acknowledgement", "acknowledged.0.check",
					"acknowledgement of no-such-check matches no finding: no-such-check is not a warning budget gives (errors cannot be acknowledged); the warnings are catalog-mismatch, investment-mismatch, intro-mismatch, payback-mismatch, placeholder, shortfall, sign, sum-mismatch, table-mismatch, thousands-separator, year-coverage"),
			},
		},
		{
			name:  "at no place of the file",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML + ackYAML("{check: sign, at: economy.permanent, reason: Ingen tabel.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:13:23", "unused-acknowledgement", "acknowledged.0.at",
					`acknowledgement of sign at economy.permanent matches no finding: the file has no economy.permanent; write the path that the finding's "acknowledge with" gives`),
			},
		},
		{
			// A field missing from a mapping of the file is a place a finding can be at.
			name:  "at a field the file leaves out",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML + ackYAML("{check: sign, at: catalog.missing, reason: Intet fund.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:13:5", "unused-acknowledgement", "acknowledged.0",
					"acknowledgement of sign at catalog.missing matches no finding: remove it, or fix its check or path"),
			},
		},
		{
			name:  "at a field of the file's own that it leaves out",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML + ackYAML("{check: sign, at: economy, reason: Intet fund.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:13:5", "unused-acknowledgement", "acknowledged.0",
					"acknowledgement of sign at economy matches no finding: remove it, or fix its check or path"),
			},
		},
		{
			name:  "matching no finding where the check ran",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML + ackYAML("{check: sign, at: catalog.contribution, reason: Intet fund.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:13:5", "unused-acknowledgement", "acknowledged.0",
					"acknowledgement of sign at catalog.contribution matches no finding: remove it, or fix its check or path"),
			},
		},
		{
			name:  "not in a file with an error, whose checks did not all run",
			files: map[string]string{"catalog.yaml": edit(catalogYAML, "years: [2026, 2027]", "years: [2026]"), "aaa/01-forslag.yaml": efficiencyYAML + ackYAML("{check: sign, at: catalog.contribution, reason: Intet fund.}")},
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:10:34", "unknown-year", "catalog.contribution.2027",
					"year 2027 is not one of the catalog's columns (2026)"),
			},
		},
		{
			// The checks against the catalog did not run; the sign check did.
			name: "of the catalog's checks, not with an error in the catalog",
			files: map[string]string{"catalog.yaml": brokenCatalog, "aaa/01-forslag.yaml": savingYAML + ackYAML(
				"{check: catalog-mismatch, at: catalog.contribution, reason: Intet fund.}",
				"{check: year-coverage, at: economy.years, reason: Intet fund.}",
				"{check: sign, at: catalog.contribution, reason: Intet fund.}")},
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:24:5", "unused-acknowledgement", "acknowledged.2",
					"acknowledgement of sign at catalog.contribution matches no finding: remove it, or fix its check or path"),
				errorAt("proposals/catalog.yaml:11:9", "reserved-id", "committees.1.id",
					`committee id "cross-cutting" is the folder of the cross-cutting proposals: choose another`),
			},
		},
		{
			// A ledger without its catalog is found only at a git revision (budget diff): the
			// loader says so once, and the checks against the catalog are not judged stale.
			name: "of the catalog's checks, not without a catalog",
			files: map[string]string{"aaa/01-forslag.yaml": savingYAML + ackYAML(
				"{check: catalog-mismatch, at: catalog.contribution, reason: Intet fund.}")},
			want: []finding{
				errorAt("proposals/catalog.yaml", "no-catalog", "",
					"the ledger has no catalog.yaml: it names the committees and years every proposal refers to"),
			},
		},
		{
			name: "of the catalog's checks, with a sound catalog",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": savingYAML + ackYAML(
				"{check: catalog-mismatch, at: catalog.contribution, reason: Intet fund.}",
				"{check: year-coverage, at: economy.years, reason: Intet fund.}")}),
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:22:5", "unused-acknowledgement", "acknowledged.0",
					"acknowledgement of catalog-mismatch at catalog.contribution matches no finding: remove it, or fix its check or path"),
				warningAt("proposals/aaa/01-forslag.yaml:23:5", "unused-acknowledgement", "acknowledged.1",
					"acknowledgement of year-coverage at economy.years matches no finding: remove it, or fix its check or path"),
			},
		},
		{
			// With an error in any file the tables are not compared: their acknowledgements
			// are not called stale.
			name: "of the tables' checks, not when the tables were not compared",
			files: map[string]string{
				"catalog.yaml": tablesCatalogYAML + ackYAML(
					"{check: table-mismatch, at: assertions.table1, reason: Intet fund.}",
					"{check: intro-mismatch, at: intro, reason: Intet fund.}"),
				"aaa/01-forslag.yaml": investmentYAML,
				"aaa/02-forslag.yaml": edit(efficiencyYAML, "number: 1", "number: 2\nunknown: field"),
			},
			want: []finding{
				errorAt("proposals/aaa/02-forslag.yaml:3:1", "schema", "unknown",
					`unknown field "unknown" in the file`),
			},
		},
		{
			name: "of the tables' checks, when they were compared",
			files: map[string]string{
				"catalog.yaml": tablesCatalogYAML + ackYAML(
					"{check: table-mismatch, at: assertions.table1, reason: Intet fund.}",
					"{check: intro-mismatch, at: intro, reason: Intet fund.}"),
				"aaa/01-forslag.yaml": investmentYAML,
			},
			want: []finding{
				warningAt("proposals/catalog.yaml:28:5", "unused-acknowledgement", "acknowledged.0",
					"acknowledgement of table-mismatch at assertions.table1 matches no finding: remove it, or fix its check or path"),
				warningAt("proposals/catalog.yaml:29:5", "unused-acknowledgement", "acknowledged.1",
					"acknowledgement of intro-mismatch at intro matches no finding: remove it, or fix its check or path"),
			},
		},
	})
}

// TestEveryWarningAcknowledged acknowledges, for each warning a file may acknowledge, every
// finding of that code in a ledger that raises it, at the path the finding names: the run then
// gives the same findings, those marked with the acknowledgement's reason, and no other change.
func TestEveryWarningAcknowledged(t *testing.T) {
	proposal := func(text string) map[string]string { return ledgerOf(map[string]string{"aaa/01-forslag.yaml": text}) }
	cases := []struct {
		code  string
		files map[string]string
	}{
		{"catalog-mismatch", proposal(mismatchYAML)},
		{"investment-mismatch", proposal(edit(investmentYAML, "total_investment: 150", "total_investment: 140"))},
		{"intro-mismatch", tablesLedger("delivered: {year: 2026, amount: 1.5}", "delivered: {year: 2026, amount: 1.6}")},
		{"payback-mismatch", proposal(edit(investmentYAML, "total: 3", "total: 2"))},
		{"placeholder", proposal(edit(efficiencyYAML, "title: Syntetisk forslag\nc", "title: TODO\nc"))},
		{"sign", proposal(edit(investmentYAML, "amounts: {2025: 150}", "amounts: {2025: -150}"))},
		{"sign", proposal(edit(edit(savingYAML, "\n    totals:\n      - {label: Varig ændring, sums: all, amounts: {2026: -10, 2027: -10}}", ""), "{2026: -10, 2027: -10}", "{2026: -10, 2027: 10}"))},
		{"sign", ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML, "cross-cutting/tvaergaaende.yaml": edit(crossCuttingYAML, "{2026: 5, 2027: 5}", "{2026: -5, 2027: -5}")})},
		{"sum-mismatch", proposal(edit(savingYAML, "sums: all, amounts: {2026: -10, 2027: -10}", "sums: all, amounts: {2026: -10}"))},
		{"table-mismatch", tablesLedger("total: {amounts: {2026: 100, 2027: 100}, total_investment: 150}", "total: {amounts: {2026: 100, 2027: 90}, total_investment: 140}")},
		{"thousands-separator", proposal(edit(efficiencyYAML, "{2026: 10, 2027: 10}", "{2026: 10, 2027: 1.500}"))},
		{"year-coverage", map[string]string{"catalog.yaml": edit(catalogYAML, "years: [2026, 2027]", "years: [2026, 2027, 2028]"), "aaa/01-forslag.yaml": savingYAML}},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			before := findings(t, c.files)
			acks := map[string][]string{}
			var want []finding
			for _, d := range before {
				f := findingOf(d)
				if d.Code == c.code {
					file := strings.TrimPrefix(d.Pos.File, "proposals/")
					reason := "Syntetisk begrundelse " + strconv.Itoa(len(acks[file])) + "."
					acks[file] = append(acks[file], "{check: "+c.code+", at: "+d.Path+", reason: "+reason+"}")
					f = f.acknowledged(reason)
				}
				want = append(want, f)
			}
			if len(acks) == 0 {
				t.Fatalf("the ledger raises no %s", c.code)
			}
			files := maps.Clone(c.files)
			for file, items := range acks {
				files[file] += ackYAML(items...)
			}
			runCases(t, []checkCase{{name: "acknowledged", files: files, want: want}})
		})
	}
}
