package check_test

import (
	"fmt"
	"testing"

	"github.com/budget-ledger/budget/pkg/diag"
)

// The reference checks are errors: a file names a committee, number, id or year that the ledger
// does not have, or that another file already took.

func TestUnknownCommittee(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "proposal",
			files: ledgerOf(map[string]string{"zzz/01-forslag.yaml": edit(efficiencyYAML, "committee: aaa", "committee: zzz")}),
			want: []finding{
				errorAt("proposals/zzz/01-forslag.yaml:4:12", "unknown-committee", "committee",
					`unknown committee "zzz": the catalog has aaa`),
			},
		},
		{
			name:  "cross-cutting share",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML, "cross-cutting/tvaergaaende.yaml": edit(crossCuttingYAML, "committee: aaa", "committee: zzz")}),
			want: []finding{
				errorAt("proposals/cross-cutting/tvaergaaende.yaml:6:16", "unknown-committee", "shares.0.committee",
					`unknown committee "zzz": the catalog has aaa`),
			},
		},
		{
			name: "row of the catalog's Table 1",
			files: map[string]string{
				"catalog.yaml":        edit(tablesCatalogYAML, "{committee: aaa, amounts: {2026: 100, 2027: 100}}", "{committee: zzz, amounts: {2026: 100, 2027: 100}}"),
				"aaa/01-forslag.yaml": investmentYAML,
			},
			want: []finding{
				errorAt("proposals/catalog.yaml:21:21", "unknown-committee", "assertions.table1.rows.0.committee",
					`unknown committee "zzz": the catalog has aaa`),
			},
		},
		{
			name: "two unknown committees",
			files: ledgerOf(map[string]string{
				"zzz/01-forslag.yaml":             edit(efficiencyYAML, "committee: aaa", "committee: zzz"),
				"cross-cutting/tvaergaaende.yaml": edit(crossCuttingYAML, "committee: aaa", "committee: yyy"),
			}),
			want: []finding{
				errorAt("proposals/cross-cutting/tvaergaaende.yaml:6:16", "unknown-committee", "shares.0.committee",
					`unknown committee "yyy": the catalog has aaa`),
				errorAt("proposals/zzz/01-forslag.yaml:4:12", "unknown-committee", "committee",
					`unknown committee "zzz": the catalog has aaa`),
			},
		},
		{
			// Without a catalog there is nothing to look committees up in: the loader says
			// so once, and no reference is reported.
			name:  "without a catalog",
			files: map[string]string{"zzz/01-forslag.yaml": edit(savingYAML, "committee: aaa", "committee: zzz")},
			want: []finding{
				errorAt("proposals/catalog.yaml", "no-catalog", "",
					"the ledger has no catalog.yaml: it names the committees and years every proposal refers to"),
			},
		},
		{
			name:  "the same proposal in its committee",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML}),
		},
	})
}

func TestDuplicateNumber(t *testing.T) {
	second := efficiencyYAML
	runCases(t, []checkCase{
		{
			name:  "two proposals numbered 1",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML, "aaa/02-forslag.yaml": second}),
			want: []finding{
				errorAt("proposals/aaa/02-forslag.yaml:2:9", "duplicate-number", "number",
					"proposal number 1 is already used by proposals/aaa/01-forslag.yaml"),
			},
		},
		{
			name:  "numbered 1 and 2",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML, "aaa/02-forslag.yaml": edit(second, "number: 1", "number: 2")}),
		},
	})
}

func TestDuplicateID(t *testing.T) {
	runCases(t, []checkCase{
		{
			name: "two cross-cutting proposals with one id",
			files: ledgerOf(map[string]string{
				"aaa/01-forslag.yaml":  efficiencyYAML,
				"cross-cutting/a.yaml": crossCuttingYAML,
				"cross-cutting/b.yaml": crossCuttingYAML,
			}),
			want: []finding{
				errorAt("proposals/cross-cutting/b.yaml:2:5", "duplicate-id", "id",
					`cross-cutting id "tvaergaaende" is already used by proposals/cross-cutting/a.yaml`),
			},
		},
		{
			name: "with two ids",
			files: ledgerOf(map[string]string{
				"aaa/01-forslag.yaml":  efficiencyYAML,
				"cross-cutting/a.yaml": crossCuttingYAML,
				"cross-cutting/b.yaml": edit(crossCuttingYAML, "id: tvaergaaende", "id: andet"),
			}),
		},
	})
}

func TestWrongFolder(t *testing.T) {
	twoCommittees := catalogYAML + "  - id: bbb\n    name: Beta-udvalget\n"
	runCases(t, []checkCase{
		{
			name:  "in another committee's folder",
			files: map[string]string{"catalog.yaml": twoCommittees, "bbb/01-forslag.yaml": efficiencyYAML},
			want: []finding{
				errorAt("proposals/bbb/01-forslag.yaml:4:12", "wrong-folder", "committee",
					`proposal of committee "aaa" is in folder "bbb": move it to aaa/`),
			},
		},
		{
			// The folder is the one inside the ledger, whatever the ledger's folder is called
			// (it was the last of the display name: with --dir . the same file gave no finding).
			name:  "at the ledger's root",
			files: ledgerOf(map[string]string{"01-forslag.yaml": efficiencyYAML}),
			want: []finding{
				errorAt("proposals/01-forslag.yaml:4:12", "wrong-folder", "committee",
					`proposal of committee "aaa" is at the ledger's root: move it to aaa/`),
			},
		},
		{
			name:  "in a folder below its committee's",
			files: ledgerOf(map[string]string{"aaa/old/01-forslag.yaml": efficiencyYAML}),
			want: []finding{
				errorAt("proposals/aaa/old/01-forslag.yaml:4:12", "wrong-folder", "committee",
					`proposal of committee "aaa" is in folder "aaa/old": move it to aaa/`),
			},
		},
		{
			name:  "in its own folder",
			files: map[string]string{"catalog.yaml": twoCommittees, "aaa/01-forslag.yaml": efficiencyYAML},
		},
	})
}

func TestReservedID(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "committee named cross-cutting",
			files: map[string]string{"catalog.yaml": catalogYAML + "  - id: cross-cutting\n    name: Tværgående\n", "aaa/01-forslag.yaml": efficiencyYAML},
			want: []finding{
				errorAt("proposals/catalog.yaml:11:9", "reserved-id", "committees.1.id",
					`committee id "cross-cutting" is the folder of the cross-cutting proposals: choose another`),
			},
		},
	})
}

func TestUnknownYear(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "catalog contribution outside the catalog's years",
			files: map[string]string{"catalog.yaml": edit(catalogYAML, "years: [2026, 2027]", "years: [2026]"), "aaa/01-forslag.yaml": efficiencyYAML},
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:10:34", "unknown-year", "catalog.contribution.2027",
					"year 2027 is not one of the catalog's columns (2026)"),
			},
		},
		{
			name:  "Tabel 1 row outside Tabel 1's years",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(savingYAML, "Service, amounts: {2026: -10, 2027: -10}", "Service, amounts: {2026: -10, 2027: -10, 2028: 0}")}),
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:18:82", "unknown-year", "economy.permanent.rows.0.amounts.2028",
					"year 2028 is not one of Tabel 1's columns (2026, 2027)"),
			},
		},
		{
			name:  "cross-cutting contribution outside the catalog's years",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML, "cross-cutting/tvaergaaende.yaml": edit(crossCuttingYAML, "{2026: 5, 2027: 5}", "{2026: 5, 2027: 5, 2028: 5}")}),
			want: []finding{
				errorAt("proposals/cross-cutting/tvaergaaende.yaml:7:44", "unknown-year", "shares.0.contribution.2028",
					"year 2028 is not one of the catalog's columns (2026, 2027)"),
			},
		},
		{
			name:  "intro figure outside the catalog's years",
			files: tablesLedger("approved: {2026: 0.1, 2027: 0.1}", "approved: {2026: 0.1, 2027: 0.1, 2028: 0.1}"),
			want: []finding{
				errorAt("proposals/catalog.yaml:13:42", "unknown-year", "intro.approved.2028",
					"year 2028 is not one of the catalog's years (2026, 2027)"),
			},
		},
		{
			name:  "Table 1 row outside the catalog's years",
			files: tablesLedger("{committee: aaa, amounts: {2026: 100, 2027: 100}}", "{committee: aaa, amounts: {2026: 100, 2027: 100, 2028: 0}}"),
			want: []finding{
				errorAt("proposals/catalog.yaml:21:64", "unknown-year", "assertions.table1.rows.0.amounts.2028",
					"year 2028 is not one of the catalog's columns (2026, 2027)"),
			},
		},
		{
			name:  "Tabel 3 row outside Tabel 3's years",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML + tabel3YAML + "    - {label: Løn, amounts: {2028: 0}}\n"}),
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:16:36", "unknown-year", "administrative_effect.rows.0.amounts.2028",
					"year 2028 is not one of Tabel 3's columns (2026, 2027)"),
			},
		},
	})
}

// tabel3YAML is an administrative effect (Tabel 3) of no rows, to which a case adds some.
const tabel3YAML = `administrative_effect:
  years: [2026, 2027]
  total: {label: Administration i alt, amounts: {}}
  rows:
`

// TestErrorsPerFile holds a file to diag.MaxErrorsPerFile errors, then one that says more follow.
func TestErrorsPerFile(t *testing.T) {
	// Synthetic: a catalog row with a cell in each of 101 years the catalog does not have.
	cells := "2026: 10"
	var want []finding
	for y := 2028; y <= 2028+diag.MaxErrorsPerFile; y++ {
		cells += fmt.Sprintf(", %d: 0", y)
		at := fmt.Sprintf("proposals/aaa/01-forslag.yaml:10:%d", 34+(y-2028)*9) // each cell's value
		if y == 2028+diag.MaxErrorsPerFile {
			want = append(want, errorAt(at, diag.CodeTooManyErrors, "",
				"more errors follow from here; budget shows the first 100 errors of a file: fix those first"))
			break
		}
		want = append(want, errorAt(at, "unknown-year", fmt.Sprintf("catalog.contribution.%d", y),
			fmt.Sprintf("year %d is not one of the catalog's columns (2026, 2027)", y)))
	}
	runCases(t, []checkCase{{
		name:  "101 years outside the catalog's",
		files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(efficiencyYAML, "{2026: 10, 2027: 10}", "{"+cells+"}")}),
		want:  want,
	}})
}
