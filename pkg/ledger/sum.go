package ledger

import (
	"math"

	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// sum is an exact running total of decimals: the very decimal (value and exponent) that adding
// them one by one to the zero Decimal with decimal.Add gives, without decimal.Add's big.Int per
// addition. While every addend's coefficient and the total's fit an int64 at the smallest
// exponent seen, the total is kept as one; past that it goes on in decimal, from the same value.
// A total that is one of its addends, coefficient and exponent alike (a single row's, or one
// beside zeros), is that addend, so that it allocates nothing. The zero value is the zero total.
type sum struct {
	coef  int64 // the total is coef × 10^exp while !inDec
	exp   int32
	inDec bool // the total is dec
	n     int  // addends so far
	// same is an addend that is the total while isSame.
	same   decimal.Decimal
	isSame bool
	dec    decimal.Decimal
}

// pow10 are the powers of ten an int64 holds.
var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
	1e15, 1e16, 1e17, 1e18}

// scaled returns c × 10^k, or false where it does not fit an int64.
func scaled(c int64, k int32) (int64, bool) {
	if k == 0 || c == 0 {
		return c, true
	}
	if k < 0 || int(k) >= len(pow10) {
		return 0, false
	}
	p := pow10[k]
	if c > math.MaxInt64/p || c < math.MinInt64/p {
		return 0, false
	}
	return c * p, true
}

// coefficient returns d's coefficient where it fits an int64 (at most 18 digits do, always).
func coefficient(d decimal.Decimal) (int64, bool) {
	if d.NumDigits() > 18 {
		return 0, false
	}
	return d.CoefficientInt64(), true
}

// addCoefficients returns a×10^ea + b×10^eb as decimal.Add gives it, c×10^e at the smaller
// exponent, or false where a scaled coefficient or the sum does not fit an int64.
func addCoefficients(a int64, ea int32, b int64, eb int32) (c int64, e int32, ok bool) {
	okA, okB := true, true
	if eb < ea {
		a, okA = scaled(a, ea-eb)
		e = eb
	} else {
		b, okB = scaled(b, eb-ea)
		e = ea
	}
	c = a + b
	// The sum overflows where both are of one sign and it is of the other.
	return c, e, okA && okB && ((a >= 0) != (b >= 0) || (c >= 0) == (a >= 0))
}

// add adds d to the total.
func (s *sum) add(d decimal.Decimal) {
	s.n++
	if !s.inDec {
		if c, ok := coefficient(d); ok {
			if t, e, ok := addCoefficients(s.coef, s.exp, c, d.Exponent()); ok {
				switch {
				case t == c && e == d.Exponent():
					s.same, s.isSame = d, true
				case t != s.coef || e != s.exp:
					s.isSame = false
				}
				s.coef, s.exp = t, e
				return
			}
		}
		s.dec, s.inDec = decimal.New(s.coef, s.exp), true
	}
	s.dec = s.dec.Add(d)
}

// plus returns a.Add(b), the same decimal, without a big.Int where it can: an addend of zero
// coefficient that does not lower the exponent gives the other addend itself, and coefficients
// that fit an int64 are added as such.
func plus(a, b decimal.Decimal) decimal.Decimal {
	ca, okA := coefficient(a)
	cb, okB := coefficient(b)
	if okA && okB {
		switch ea, eb := a.Exponent(), b.Exponent(); {
		case cb == 0 && eb >= ea:
			return a
		case ca == 0 && ea >= eb:
			return b
		default:
			if c, e, ok := addCoefficients(ca, ea, cb, eb); ok {
				return decimal.New(c, e)
			}
		}
	}
	return a.Add(b)
}

// addCell adds the cell of year in a, if a has one: an empty cell adds nothing (adding its
// zero would change neither the value nor how it prints).
func (s *sum) addCell(a proposal.Amounts, year int) {
	if v, ok := a.Get(year); ok {
		s.add(v)
	}
}

// positive reports whether the total is above zero.
func (s *sum) positive() bool {
	if s.inDec {
		return s.dec.IsPositive()
	}
	return s.coef > 0
}

// decimal returns the total.
func (s *sum) decimal() decimal.Decimal {
	switch {
	case s.inDec:
		return s.dec
	case s.n == 0:
		return decimal.Decimal{}
	case s.isSame:
		return s.same // what decimal.Add gives is a copy of it
	}
	return decimal.New(s.coef, s.exp)
}

// sums are running totals per year column.
type sums []sum

// sumsOf returns n zero totals, in buf where it has room (a caller's array, which then stays
// on its stack).
func sumsOf(buf []sum, n int) sums {
	if n <= len(buf) {
		clear(buf[:n])
		return buf[:n]
	}
	return make(sums, n)
}

// addRow adds a row's cells into the totals, per year of years.
func (ss sums) addRow(a proposal.Amounts, years []int) {
	for i, y := range years {
		ss[i].addCell(a, y)
	}
}

// figures returns the totals.
func (ss sums) figures() Figures {
	f := make(Figures, len(ss))
	for i := range ss {
		f[i] = ss[i].decimal()
	}
	return f
}
