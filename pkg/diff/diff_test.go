package diff

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func value(t *testing.T, s string) any {
	t.Helper()
	d := json.NewDecoder(stringReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCompareValues(t *testing.T) {
	tests := []struct {
		name    string
		a, b    string
		amounts []string // "row year before→after"
		fields  []string // "path: before→after"
	}{{
		name:    "a row inserted above others changes only itself",
		a:       `{"rows": [{"label": "A", "amounts": {"2026": 1}}, {"label": "B", "amounts": {"2026": 2}}]}`,
		b:       `{"rows": [{"label": "New", "amounts": {"2026": 5}}, {"label": "A", "amounts": {"2026": 1}}, {"label": "B", "amounts": {"2026": 2}}]}`,
		amounts: []string{"rows[New] 2026 <nil>→5"},
		fields:  []string{"rows[New].label: →New"},
	}, {
		name:    "numbers compare as decimals: 12.50 is 12.5",
		a:       `{"catalog": {"contribution": {"2026": 12.50, "2027": 3}}}`,
		b:       `{"catalog": {"contribution": {"2026": 12.5, "2027": -3}}}`,
		amounts: []string{"catalog.contribution 2027 3→-3"},
	}, {
		name:    "rows with the same label are told apart by their order",
		a:       `{"rows": [{"label": "X", "amounts": {"2026": 1}}, {"label": "X", "amounts": {"2026": 2}}]}`,
		b:       `{"rows": [{"label": "X", "amounts": {"2026": 1}}, {"label": "X", "amounts": {"2026": 7}}]}`,
		amounts: []string{"rows[X #2] 2026 2→7"},
	}, {
		name:    "text and a year dropped from a row",
		a:       `{"summary": "old", "rows": [{"label": "A", "amounts": {"2026": 1, "2027": 4}}]}`,
		b:       `{"summary": "new", "rows": [{"label": "A", "amounts": {"2026": 1}}]}`,
		amounts: []string{"rows[A] 2027 4→<nil>"},
		fields:  []string{"summary: old→new"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := compareValues(value(t, tt.a), value(t, tt.b))
			var amounts, fields []string
			for _, a := range c.Amounts {
				amounts = append(amounts, a.Row+" "+itoa(a.Year)+" "+str(a.Before)+"→"+str(a.After))
			}
			for _, f := range c.Fields {
				fields = append(fields, f.Path+": "+f.Before+"→"+f.After)
			}
			if !equal(amounts, tt.amounts) || !equal(fields, tt.fields) {
				t.Errorf("amounts %q, fields %q\nwant %q, %q", amounts, fields, tt.amounts, tt.fields)
			}
		})
	}
}
func stringReader(s string) *strings.Reader { return strings.NewReader(s) }

func itoa(i int) string { return strconv.Itoa(i) }

func str(d *decimal.Decimal) string {
	if d == nil {
		return "<nil>"
	}
	return d.String()
}

func equal(a, b []string) bool { return slices.Equal(a, b) }
