package ledger

import (
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/shopspring/decimal"
)

// Unit is a unit the catalog prints amounts in, a power of ten of kroner. Converting between
// units shifts the decimal point, so it is exact; only a renderer rounds, for display.
type Unit struct {
	Name string // as the document prints it: "kr.", "1.000 kr.", "mio. kr."
	Flag string // as --unit takes it: "kr", "tkr", "mio"
	exp  int32
}

// The units of the catalog. Stored figures are in Thousands.
var (
	Kroner    = Unit{Name: "kr.", Flag: "kr", exp: 0}
	Thousands = Unit{Name: "1.000 kr.", Flag: "tkr", exp: 3}
	Millions  = Unit{Name: "mio. kr.", Flag: "mio", exp: 6}
)

var units = []Unit{Thousands, Kroner, Millions}

// ParseUnit accepts a unit as --unit spells it: tkr, kr or mio.
func ParseUnit(flag string) (Unit, error) {
	for _, u := range units {
		if u.Flag == flag {
			return u, nil
		}
	}
	return Unit{}, msg.Errorf("unknown unit %q: want tkr (1.000 kr., as stored), kr or mio", flag)
}

// UnitNamed finds a unit by its printed name, e.g. "1.000 kr.".
func UnitNamed(name string) (Unit, bool) {
	for _, u := range units {
		if u.Name == name {
			return u, true
		}
	}
	return Unit{}, false
}

// Convert returns d, an amount in unit from, in unit to.
func Convert(d decimal.Decimal, from, to Unit) decimal.Decimal { return d.Shift(from.exp - to.exp) }

// converter converts amounts printed in unit name into to; it fails for a unit it does not know.
type converter struct{ from, to Unit }

func newConverter(name string, to Unit) (converter, error) {
	from, ok := UnitNamed(name)
	if !ok {
		return converter{}, msg.Errorf("cannot convert amounts in %q to %s: budget knows kr., 1.000 kr. and mio. kr.", name, to.Name)
	}
	return converter{from, to}, nil
}

func (c converter) d(d decimal.Decimal) decimal.Decimal { return Convert(d, c.from, c.to) }

func (c converter) ptr(d *decimal.Decimal) *decimal.Decimal {
	if d == nil {
		return nil
	}
	v := c.d(*d)
	return &v
}

func (c converter) figures(f Figures) Figures {
	if f == nil {
		return nil
	}
	out := make(Figures, len(f))
	for i, d := range f {
		out[i] = c.d(d)
	}
	return out
}

func (c converter) cells(cs Cells) Cells {
	if cs == nil {
		return nil
	}
	out := make(Cells, len(cs))
	for i, x := range cs {
		out[i] = Cell{Value: c.d(x.Value), Printed: x.Printed}
	}
	return out
}
