package proposal

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// isExactNumber reports whether s is the only spelling of an amount the files accept: an
// optional minus, digits without leading zeros, and optional decimals: -?(0|[1-9][0-9]*)(\.[0-9]+)?
// Everything else (1e3, 0x10, .5, 1_000, +5) is refused rather than guessed at. It is written
// out by hand because every amount of every file goes through it.
func isExactNumber(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == 0 || (s[0] == '0' && i > 1) {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' || i+1 == len(s) {
		return false
	}
	for _, b := range []byte(s[i+1:]) {
		if b < '0' || b > '9' {
			return false
		}
	}
	return true
}

// MaxIntegerDigits and MaxDecimals bound an amount: at most 30 digits before the decimal point
// (a thousand times the world's yearly product in øre) and 10 after it. Real budgets need a
// dozen; the bound keeps every sum, conversion and comparison of amounts cheap, where a number of
// a million digits would cost minutes in decimal arithmetic.
const (
	MaxIntegerDigits = 30
	MaxDecimals      = 10
)

// tooLong returns why the number s, spelled as isExactNumber says, has more digits than an
// amount may, or "" when it has not.
func tooLong(s string) msg.Text {
	s = strings.TrimPrefix(s, "-")
	whole, decimals, _ := strings.Cut(s, ".")
	switch {
	case len(whole) > MaxIntegerDigits:
		return msg.Newf("%d digits before the decimal point, more than the %d an amount may have", len(whole), MaxIntegerDigits)
	case len(decimals) > MaxDecimals:
		return msg.Newf("%d decimals, more than the %d an amount may have", len(decimals), MaxDecimals)
	}
	return msg.Text{}
}

// CanonicalNumber returns the one spelling budget fmt writes for the number s: no trailing
// decimal zeros and no "-0". It returns false, and s should stay as written, where s is not an
// exact number or where it could be a Danish thousands separator (1.500), which only a person
// can settle.
func CanonicalNumber(s string) (string, bool) {
	if !isExactNumber(s) || tooLong(s).Format != "" || thousandsLike().MatchString(s) {
		return s, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return s, false
	}
	return d.String(), true
}

// Amount is an exact decimal read from a YAML scalar's text, never through float64.
type Amount struct{ decimal.Decimal }

// NewAmount parses s, which must be spelled as isExactNumber says, within MaxIntegerDigits and
// MaxDecimals.
func NewAmount(s string) (Amount, error) {
	if !isExactNumber(s) {
		return Amount{}, msg.Errorf("%s is not an exact decimal number", diag.Quote(s))
	}
	if why := tooLong(s); why.Format != "" {
		return Amount{}, msg.Errorf("%s has %s", diag.Quote(s), why)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Amount{}, err
	}
	return Amount{d}, nil
}

// UnmarshalYAML reads the scalar's text exactly.
func (a *Amount) UnmarshalYAML(n *yaml.Node) error {
	v, err := NewAmount(n.Value)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalJSON writes the amount as a decimal string, so that no reader rounds it.
func (a Amount) MarshalJSON() ([]byte, error) { return json.Marshal(a.String()) }

// YearAmount is one cell of a table row.
type YearAmount struct {
	Year  int
	Value Amount
}

// Amounts is a row's cells keyed by year, in file order. The zero value is an empty row.
type Amounts []YearAmount

// Get returns the amount of year and whether the row has a cell for it.
func (a Amounts) Get(year int) (decimal.Decimal, bool) {
	for _, c := range a {
		if c.Year == year {
			return c.Value.Decimal, true
		}
	}
	return decimal.Zero, false
}

// Value returns the amount of year, zero when the cell is empty.
func (a Amounts) Value(year int) decimal.Decimal {
	v, _ := a.Get(year)
	return v
}

// Years returns the years that have a cell, ascending.
func (a Amounts) Years() []int {
	ys := make([]int, 0, len(a))
	for _, c := range a {
		ys = append(ys, c.Year)
	}
	slices.Sort(ys)
	return ys
}

// UnmarshalYAML reads a mapping of year to amount.
func (a *Amounts) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return msg.Errorf("line %d: expected a mapping of year to amount", n.Line)
	}
	out := make(Amounts, 0, len(n.Content)/2)
	err := eachYear(n, func(year int, c *yaml.Node) error {
		// The cell is read here rather than through Decode, which costs a decoder per cell; a
		// null cell stays zero as Decode leaves it (the schema reports it).
		var v Amount
		if c.ShortTag() != "!!null" {
			var err error
			if v, err = NewAmount(c.Value); err != nil {
				return msg.Errorf("line %d: %w", c.Line, err)
			}
		}
		out = append(out, YearAmount{Year: year, Value: v})
		return nil
	})
	if err != nil {
		return err
	}
	*a = out
	return nil
}

// eachYear calls each with every year key of the mapping n, in file order, and its value; a
// key that is not a whole number is an error. The mappings keyed by year (amounts, realised
// figures) are read so.
func eachYear(n *yaml.Node, each func(year int, v *yaml.Node) error) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		year, err := strconv.Atoi(n.Content[i].Value)
		if err != nil {
			return msg.Errorf("line %d: year %s is not a whole number", n.Content[i].Line, diag.Quote(n.Content[i].Value))
		}
		if err := each(year, n.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// MarshalJSON writes {"2026": "639", ...} in ascending year order.
func (a Amounts) MarshalJSON() ([]byte, error) {
	sorted := slices.Clone(a)
	slices.SortFunc(sorted, func(x, y YearAmount) int { return x.Year - y.Year })
	buf := []byte{'{'}
	for i, c := range sorted {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '"')
		buf = strconv.AppendInt(buf, int64(c.Year), 10)
		buf = append(buf, `":"`...)
		buf = append(buf, c.Value.String()...)
		buf = append(buf, '"')
	}
	return append(buf, '}'), nil
}
