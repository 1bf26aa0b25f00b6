package ledger_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/ledger"
)

// impliedText writes what Implied lists, a row or a figure a line.
func impliedText(im ledger.Implied) string {
	var b strings.Builder
	for _, r := range im.Rows {
		fmt.Fprintf(&b, "row %d %s at %d: %s\n", r.Table, r.Committee, r.Index, r.Path)
	}
	for _, f := range im.Figures {
		old := "absent"
		if f.Old != nil {
			old = f.Old.String()
		}
		fmt.Fprintf(&b, "%d %q %q %s %d: %s -> %s at %s\n", f.Table, f.Committee, f.Name, f.Part, f.Year, old, f.New, f.Path)
	}
	return b.String()
}

// TestImplied lists what a catalog must change to be in step with table2Ledger's proposals
// (synthetic: aaa adds up to 111, 22, 1043 and invests 553; bbb 5, 7, 0 and 8; ccc nothing;
// in all 116, 29, 1043 and 561), each case a catalog with assertions (and an intro) of its own.
func TestImplied(t *testing.T) {
	catalog := string(table2Ledger["catalog.yaml"].Data)
	inStep := `assertions:
  table1:
    rows:
      - {committee: aaa, amounts: {2026: 111, 2027: 22, 2028: 1043}}
      - {committee: bbb, amounts: {2026: 5, 2027: 7, 2028: 0}}
      - {committee: ccc, amounts: {2026: 0, 2027: 0, 2028: 0}}
    total: {2026: 116, 2027: 29, 2028: 1043}
  table2:
    rows:
      - {committee: aaa, amounts: {2026: 111, 2027: 22, 2028: 1043}, total_investment: 553}
      - {committee: bbb, amounts: {2026: 5, 2027: 7, 2028: 0}, total_investment: 8}
      - {committee: ccc, amounts: {2026: 0, 2027: 0, 2028: 0}, total_investment: null}
    total: {amounts: {2026: 116, 2027: 29, 2028: 1043}, total_investment: 561}
`
	cases := []struct {
		name, catalog, want string
	}{
		{name: "in step", catalog: catalog + inStep},
		{
			name:    "no assertions: both tables whole, in catalog order",
			catalog: catalog,
			want: `row 1 aaa at 0: assertions.table1.rows.0
row 1 bbb at 1: assertions.table1.rows.1
row 1 ccc at 2: assertions.table1.rows.2
row 2 aaa at 0: assertions.table2.rows.0
row 2 bbb at 1: assertions.table2.rows.1
row 2 ccc at 2: assertions.table2.rows.2
1 "aaa" "Alfa-udvalget" amount 2026: absent -> 111 at assertions.table1.rows.0.amounts.2026
1 "aaa" "Alfa-udvalget" amount 2027: absent -> 22 at assertions.table1.rows.0.amounts.2027
1 "aaa" "Alfa-udvalget" amount 2028: absent -> 1043 at assertions.table1.rows.0.amounts.2028
1 "bbb" "Beta-udvalget" amount 2026: absent -> 5 at assertions.table1.rows.1.amounts.2026
1 "bbb" "Beta-udvalget" amount 2027: absent -> 7 at assertions.table1.rows.1.amounts.2027
1 "bbb" "Beta-udvalget" amount 2028: absent -> 0 at assertions.table1.rows.1.amounts.2028
1 "ccc" "Gamma-udvalget" amount 2026: absent -> 0 at assertions.table1.rows.2.amounts.2026
1 "ccc" "Gamma-udvalget" amount 2027: absent -> 0 at assertions.table1.rows.2.amounts.2027
1 "ccc" "Gamma-udvalget" amount 2028: absent -> 0 at assertions.table1.rows.2.amounts.2028
1 "" "" amount 2026: absent -> 116 at assertions.table1.total.2026
1 "" "" amount 2027: absent -> 29 at assertions.table1.total.2027
1 "" "" amount 2028: absent -> 1043 at assertions.table1.total.2028
2 "aaa" "Alfa (Tabel 2)" amount 2026: absent -> 111 at assertions.table2.rows.0.amounts.2026
2 "aaa" "Alfa (Tabel 2)" amount 2027: absent -> 22 at assertions.table2.rows.0.amounts.2027
2 "aaa" "Alfa (Tabel 2)" amount 2028: absent -> 1043 at assertions.table2.rows.0.amounts.2028
2 "aaa" "Alfa (Tabel 2)" total investment 0: absent -> 553 at assertions.table2.rows.0.total_investment
2 "bbb" "Beta-udvalget" amount 2026: absent -> 5 at assertions.table2.rows.1.amounts.2026
2 "bbb" "Beta-udvalget" amount 2027: absent -> 7 at assertions.table2.rows.1.amounts.2027
2 "bbb" "Beta-udvalget" amount 2028: absent -> 0 at assertions.table2.rows.1.amounts.2028
2 "bbb" "Beta-udvalget" total investment 0: absent -> 8 at assertions.table2.rows.1.total_investment
2 "ccc" "Gamma-udvalget" amount 2026: absent -> 0 at assertions.table2.rows.2.amounts.2026
2 "ccc" "Gamma-udvalget" amount 2027: absent -> 0 at assertions.table2.rows.2.amounts.2027
2 "ccc" "Gamma-udvalget" amount 2028: absent -> 0 at assertions.table2.rows.2.amounts.2028
2 "ccc" "Gamma-udvalget" total investment 0: absent -> 0 at assertions.table2.rows.2.total_investment
2 "" "" amount 2026: absent -> 116 at assertions.table2.total.amounts.2026
2 "" "" amount 2027: absent -> 29 at assertions.table2.total.amounts.2027
2 "" "" amount 2028: absent -> 1043 at assertions.table2.total.amounts.2028
2 "" "" total investment 0: absent -> 561 at assertions.table2.total.total_investment
`,
		},
		{
			name: "a committee without a row gets one in catalog order; an unknown committee's row stays, and does not move the others",
			catalog: catalog + strings.NewReplacer(
				"      - {committee: bbb, amounts: {2026: 5, 2027: 7, 2028: 0}}\n", "      - {committee: zzz, amounts: {2026: 9}}\n",
				"      - {committee: aaa, amounts: {2026: 111, 2027: 22, 2028: 1043}, total_investment: 553}\n", "",
			).Replace(inStep),
			want: `row 1 bbb at 2: assertions.table1.rows.2
row 2 aaa at 0: assertions.table2.rows.0
1 "bbb" "Beta-udvalget" amount 2026: absent -> 5 at assertions.table1.rows.2.amounts.2026
1 "bbb" "Beta-udvalget" amount 2027: absent -> 7 at assertions.table1.rows.2.amounts.2027
1 "bbb" "Beta-udvalget" amount 2028: absent -> 0 at assertions.table1.rows.2.amounts.2028
2 "aaa" "Alfa (Tabel 2)" amount 2026: absent -> 111 at assertions.table2.rows.0.amounts.2026
2 "aaa" "Alfa (Tabel 2)" amount 2027: absent -> 22 at assertions.table2.rows.0.amounts.2027
2 "aaa" "Alfa (Tabel 2)" amount 2028: absent -> 1043 at assertions.table2.rows.0.amounts.2028
2 "aaa" "Alfa (Tabel 2)" total investment 0: absent -> 553 at assertions.table2.rows.0.total_investment
`,
		},
		{
			name: "figures that differ, an empty cell, a blank investment that is not nothing",
			catalog: catalog + strings.NewReplacer(
				"{2026: 5, 2027: 7, 2028: 0}}", "{2026: 5, 2028: 0}}",
				"total: {2026: 116, 2027: 29, 2028: 1043}", "total: {2026: 116, 2027: 30, 2028: 1043}",
				"total_investment: 553", "total_investment: null",
			).Replace(inStep),
			want: `1 "bbb" "Beta-udvalget" amount 2027: absent -> 7 at assertions.table1.rows.1.amounts.2027
1 "" "" amount 2027: 30 -> 29 at assertions.table1.total.2027
2 "aaa" "Alfa (Tabel 2)" total investment 0: absent -> 553 at assertions.table2.rows.0.total_investment
`,
		},
		{
			name: "the intro: approved figures rounded as stated, in the years stated; delivered is the target and the others",
			catalog: catalog + `intro:
  unit: mio. kr.
  approved: {2026: 0.2, 2028: 2}
  target: {year: 2026, amount: 2}
  other_contributions:
    - {label: Andet, amount: 0.25}
  delivered: {year: 2026, amount: 2.2}
` + inStep,
			want: `0 "" "" approved 2026: 0.2 -> 0.1 at intro.approved.2026
0 "" "" approved 2028: 2 -> 1 at intro.approved.2028
0 "" "" delivered 2026: 2.2 -> 2.25 at intro.delivered.amount
`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := maps.Clone(table2Ledger)
			fsys["catalog.yaml"] = &fstest.MapFile{Data: []byte(c.catalog)}
			l, ds, err := ledger.Load(fsys, "proposals")
			if err != nil || ds.HasErrors() {
				t.Fatalf("Load: %v %v", err, ds)
			}
			if got := impliedText(l.Implied()); got != c.want {
				t.Errorf("Implied:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}
