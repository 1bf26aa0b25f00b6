package proposal

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestAmountSpelling holds every amount to its one spelling, -?(0|[1-9][0-9]*)(\.[0-9]+)?, at
// both doors: NewAmount (the typed model) and Parse (the file, with its position). A refused
// spelling is named in the message; an accepted one reads as the exact decimal it spells.
func TestAmountSpelling(t *testing.T) {
	const hint = `write digits with an optional minus and "." before decimals, e.g. -1183 or 0.5`
	tests := []struct {
		text string
		want string // the decimal it reads as; "" when refused
		err  string // NewAmount's error; Parse says it with the hint at 1:4
	}{
		{text: "1300.", err: `"1300." is not an exact decimal number`},
		{text: "-1300.", err: `"-1300." is not an exact decimal number`},
		{text: "03", err: `"03" is not an exact decimal number`},
		{text: "-03", err: `"-03" is not an exact decimal number`},
		{text: "00", err: `"00" is not an exact decimal number`},
		{text: "007", err: `"007" is not an exact decimal number`},
		{text: "03.5", err: `"03.5" is not an exact decimal number`},
		{text: "+1", err: `"+1" is not an exact decimal number`},
		{text: "1e3", err: `"1e3" is not an exact decimal number`},
		{text: ".5", err: `".5" is not an exact decimal number`},
		{text: "-.5", err: `"-.5" is not an exact decimal number`},
		{text: "1_000", err: `"1_000" is not an exact decimal number`},
		{text: "0", want: "0"},
		{text: "-0", want: "0"},
		{text: "-0.5", want: "-0.5"},
		{text: "0.50", want: "0.5"},
		{text: "0.59", want: "0.59"},
		{text: "1300", want: "1300"},
		{text: "-1183.25", want: "-1183.25"},
		{text: "9876543210.0123456789", want: "9876543210.0123456789"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			a, err := NewAmount(tt.text)
			switch {
			case tt.err != "" && (err == nil || err.Error() != tt.err):
				t.Errorf("NewAmount(%s): %v, want the error %s", tt.text, err, tt.err)
			case tt.err == "" && err != nil:
				t.Errorf("NewAmount(%s): %v", tt.text, err)
			case tt.err == "" && a.String() != tt.want:
				t.Errorf("NewAmount(%s) = %s, want %s", tt.text, a, tt.want)
			}

			doc, ds := Parse("f.yaml", []byte("a: "+tt.text+"\n"))
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			want := []string(nil)
			if tt.err != "" {
				want = []string{"f.yaml:1:4: error: " + tt.err + ": " + hint + " [bad-amount]"}
			}
			if !slices.Equal(got, want) {
				t.Errorf("Parse(a: %s) says\n%s\nwant\n%s", tt.text, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if tt.err == "" {
				// The document keeps the file's text; the model reads the decimal.
				if v := doc.Value().(map[string]any)["a"]; v != json.Number(tt.text) {
					t.Errorf("Parse(a: %s) holds %#v, want the file's text", tt.text, v)
				}
			}
		})
	}
}

// TestAmountBounds: 30 digits before the point and 10 after are the most an amount may have.
func TestAmountBounds(t *testing.T) {
	tests := []struct{ text, err string }{
		{text: strings.Repeat("9", 30)},
		{text: "-" + strings.Repeat("9", 30) + "." + strings.Repeat("9", 10)},
		{text: "0." + strings.Repeat("1", 10)},
		{text: "1" + strings.Repeat("0", 30),
			err: `"1000000000000000000000000000000" has 31 digits before the decimal point, more than the 30 an amount may have`},
		{text: "0." + strings.Repeat("1", 11),
			err: `"0.11111111111" has 11 decimals, more than the 10 an amount may have`},
	}
	for _, tt := range tests {
		a, err := NewAmount(tt.text)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("NewAmount(%s): %v", tt.text, err)
		case tt.err == "" && a.String() != strings.TrimPrefix(tt.text, "+"):
			t.Errorf("NewAmount(%s) = %s", tt.text, a)
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("NewAmount(%s): %v, want the error %s", tt.text, err, tt.err)
		}
		_, ds := Parse("f.yaml", []byte("a: "+tt.text+"\n"))
		var got, want []string
		for _, d := range ds {
			got = append(got, d.String())
		}
		if tt.err != "" {
			want = []string{"f.yaml:1:4: error: " + tt.err + " [bad-amount]"}
		}
		if !slices.Equal(got, want) {
			t.Errorf("Parse(a: %s) says %q, want %q", tt.text, got, want)
		}
	}
}

// TestCanonicalNumber: budget fmt's spelling drops trailing decimal zeros and the minus of zero,
// and leaves as written what is not an exact number or could be a Danish thousands separator.
func TestCanonicalNumber(t *testing.T) {
	tests := []struct {
		text, want string
		ok         bool
	}{
		{"12.50", "12.5", true},
		{"-0", "0", true},
		{"-0.0", "0", true},
		{"0.59", "0.59", true},
		{"-1183", "-1183", true},
		{"1.500", "1.500", false}, // 1500 or one and a half: only a person can say
		{"-2.750", "-2.750", false},
		{"1300.", "1300.", false},
		{"03", "03", false},
		{"1e3", "1e3", false},
		{"1" + strings.Repeat("0", 30), "1" + strings.Repeat("0", 30), false},
	}
	for _, tt := range tests {
		if got, ok := CanonicalNumber(tt.text); got != tt.want || ok != tt.ok {
			t.Errorf("CanonicalNumber(%s) = %s, %v; want %s, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

// TestAmountsRow reads a row of cells keyed by year as a file writes it (any order, an empty
// cell left to the schema) and writes it as JSON in ascending year order.
func TestAmountsRow(t *testing.T) {
	var row struct {
		A Amounts `yaml:"a"`
	}
	if err := yaml.Unmarshal([]byte("a:\n  2027: 2\n  2026: ~\n  2025: 1.50\n"), &row); err != nil {
		t.Fatal(err)
	}
	if got := row.A.Years(); !slices.Equal(got, []int{2025, 2026, 2027}) {
		t.Errorf("Years() = %v, want [2025 2026 2027]", got)
	}
	if v, ok := row.A.Get(2026); !ok || !v.IsZero() {
		t.Errorf("Get(2026) = %s, %v; want the empty cell as 0, true", v, ok)
	}
	if _, ok := row.A.Get(2028); ok {
		t.Error("Get(2028) finds a cell the row has not")
	}
	b, err := json.Marshal(row.A)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"2025":"1.5","2026":"0","2027":"2"}`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}

	err = yaml.Unmarshal([]byte("a:\n  2026: 1\n  2027: 03\n"), &row)
	if want := `line 3: "03" is not an exact decimal number`; err == nil || err.Error() != want {
		t.Errorf("a cell of 03: %v, want %s", err, want)
	}
}
