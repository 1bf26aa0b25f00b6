package format

import (
	"testing"

	"github.com/budget-ledger/budget/pkg/proposal"
)

// TestEdited makes edits in synthetic catalogs: the result is the file with exactly those values
// changed, every comment where it was, in the canonical layout (Source leaves it as it is).
func TestEdited(t *testing.T) {
	catalog := `schema: 1
status: draft # a draft
# the committees
committees:
  - id: aaa
    name: A
assertions:
  table1:
    rows:
      # first
      - committee: bbb
        amounts: {2026: 1, 2027: 2}   # as printed
    total: {2026: 1}
`
	tests := []struct {
		name, in string
		edits    Edits
		want     string
	}{{
		name: "a figure changed keeps its comment; a missing one is added in year order",
		in:   catalog,
		edits: Edits{Set: []Setting{
			{Path: "assertions.table1.rows.0.amounts.2027", Value: "-2.5"},
			{Path: "assertions.table1.total.2027", Value: "3"},
		}},
		want: `schema: 1
status: draft # a draft

# the committees
committees:
  - id: aaa
    name: A

assertions:
  table1:
    rows:
      # first
      - committee: bbb
        amounts: # as printed
          2026: 1
          2027: -2.5
    total:
      2026: 1
      2027: 3
`,
	}, {
		name: "a row inserted before the others, and a table made from nothing",
		in:   catalog,
		edits: Edits{
			Insert: []string{"assertions.table1.rows.0", "assertions.table2.rows.0"},
			Set: []Setting{
				{Path: "assertions.table1.rows.0.committee", Value: "aaa", Text: true},
				{Path: "assertions.table1.rows.0.amounts.2026", Value: "0"},
				{Path: "assertions.table2.rows.0.committee", Value: "aaa", Text: true},
				{Path: "assertions.table2.rows.0.amounts.2026", Value: "0"},
				{Path: "assertions.table2.rows.0.total_investment", Value: "null"},
				{Path: "assertions.table2.total.amounts.2026", Value: "0"},
			},
		},
		want: `schema: 1
status: draft # a draft

# the committees
committees:
  - id: aaa
    name: A

assertions:
  table1:
    rows:
      - committee: aaa
        amounts:
          2026: 0
      # first
      - committee: bbb
        amounts: # as printed
          2026: 1
          2027: 2
    total:
      2026: 1
  table2:
    rows:
      - committee: aaa
        amounts:
          2026: 0
        total_investment: null
    total:
      amounts:
        2026: 0
`,
	}, {
		name:  "a file without the section: it is made",
		in:    "schema: 1\n",
		edits: Edits{Set: []Setting{{Path: "intro.approved.2026", Value: "62.2"}}},
		want:  "schema: 1\n\nintro:\n  approved:\n    2026: 62.2\n",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, ds := Edited("catalog.yaml", "catalog", []byte(tc.in), proposal.DefaultLimits, tc.edits)
			if out == nil {
				t.Fatalf("Edited: %v", ds)
			}
			if string(out) != tc.want {
				t.Errorf("Edited:\n%s\nwant:\n%s", out, tc.want)
			}
			again, ds := Source("catalog.yaml", "catalog", out)
			if string(again) != string(out) {
				t.Errorf("Edited's result is not canonical: %v\n%s", ds, again)
			}
		})
	}
}

// TestEditedRefuses: an edit that runs through a scalar or past a list's end, or a file that
// does not parse, leaves the file alone with a diagnostic.
func TestEditedRefuses(t *testing.T) {
	tests := []struct {
		name, in string
		edits    Edits
		want     string
	}{
		{"through a scalar", "schema: 1\n", Edits{Set: []Setting{{Path: "schema.x", Value: "1"}}},
			`catalog.yaml: error: cannot write schema.x: "x" is a scalar, not a mapping or a list; the file is left as it is [fmt]`},
		{"onto a mapping", "schema: 1\nintro: {unit: x}\n", Edits{Set: []Setting{{Path: "intro", Value: "1"}}},
			"catalog.yaml: error: cannot write intro: it holds a mapping, not a figure; the file is left as it is [fmt]"},
		{"past a list's end", "schema: 1\nrows: []\n", Edits{Insert: []string{"rows.1"}},
			`catalog.yaml: error: cannot write rows.1: "1" is not an index of a list of 0; the file is left as it is [fmt]`},
		{"into a mapping as a list", "schema: 1\nrows: {}\n", Edits{Insert: []string{"rows.0"}},
			"catalog.yaml: error: cannot write rows.0: it is a mapping, not a list; the file is left as it is [fmt]"},
		{"a file that does not parse", "schema: [1\n", Edits{},
			"catalog.yaml:2:1: error: YAML syntax: did not find expected ',' or ']' [yaml-syntax]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, ds := Edited("catalog.yaml", "catalog", []byte(tc.in), proposal.DefaultLimits, tc.edits)
			if out != nil || len(ds) != 1 || ds[0].String() != tc.want {
				t.Errorf("Edited: %q %v, want nil and %s", out, ds, tc.want)
			}
		})
	}
}
