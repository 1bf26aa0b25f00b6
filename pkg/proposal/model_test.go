package proposal

import (
	"slices"
	"strings"
	"testing"
)

// TestSumsCovered: a total sums the rows of its area, every row ("all"), or the rows it names.
func TestSumsCovered(t *testing.T) {
	rows := []Line{{Label: "A", Area: "Service"}, {Label: "B", Area: "Administration"}, {Label: "C"}}
	tests := []struct {
		name string
		sums Sums
		want []string
	}{
		{"all", Sums{Area: SumsAll}, []string{"A", "B", "C"}},
		{"an area", Sums{Area: "Service"}, []string{"A"}},
		{"no area: the rows without one", Sums{}, []string{"C"}},
		{"labels", Sums{Labels: []string{"C", "A"}}, []string{"A", "C"}},
		{"labels none of which is a row", Sums{Labels: []string{"Z"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range tt.sums.Covered(rows) {
				got = append(got, r.Label)
				if !tt.sums.Includes(r) {
					t.Errorf("Covered has %s, Includes says no", r.Label)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Covered = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSuggest: "did you mean" offers the allowed name a likely typo is of, and nothing for a
// name that is not close to any.
func TestSuggest(t *testing.T) {
	allowed := []string{"committee", "contribution", "summary", "title", "total_investment"}
	tests := []struct{ got, want string }{
		{"titl", "title"},
		{"titel", ""}, // two edits in five letters: too far
		{"comittee", "committee"},
		{"sumary", "summary"},
		{"total_investmnet", "total_investment"},
		{"xyz", ""},
		{"risk", ""},
		{"contributions", "contribution"},
	}
	for _, tt := range tests {
		if got := suggest(tt.got, allowed); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
}

// TestCatalogStatusAndLanguage: a catalog without status is published and without language
// Danish; the schema takes only the two values of each.
func TestCatalogStatusAndLanguage(t *testing.T) {
	if c := (Catalog{}); c.Draft() || c.Lang() != "da" {
		t.Errorf("an empty catalog: Draft %v, Lang %q; want false, da", c.Draft(), c.Lang())
	}
	if c := (Catalog{Status: "draft", Language: "en"}); !c.Draft() || c.Lang() != "en" {
		t.Errorf("a draft English catalog: Draft %v, Lang %q; want true, en", c.Draft(), c.Lang())
	}
	for _, tt := range []struct{ src, want string }{
		{"status: draft\nlanguage: en\n", ""},
		{"status: printed\n", `f.yaml:1:9: error: status: value must be one of 'draft', 'published' [schema]`},
		{"language: de\n", `f.yaml:1:11: error: language: value must be one of 'da', 'en' [schema]`},
	} {
		doc, ds := Parse("f.yaml", []byte(tt.src))
		if len(ds) != 0 {
			t.Fatal(ds)
		}
		var got []string
		for _, d := range doc.Validate("catalog") {
			if !strings.Contains(d.Message, "missing required field") {
				got = append(got, d.String())
			}
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%q: got\n%s\nwant\n%s", tt.src, strings.Join(got, "\n"), tt.want)
		}
	}
}
