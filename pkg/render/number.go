// Package render formats the ledger's reports as a terminal table, markdown, CSV, JSON or one
// HTML page. It only formats: every figure comes computed in a ledger.Report (or a diff.Report),
// and it adds none of its own. The JSON shapes, the machine contract, are all in wire.go.
package render

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Lang chooses the labels and the number format of tables: Danish (1.791,5) or English (1,791.5).
type Lang string

// Languages.
const (
	Danish  Lang = "da"
	English Lang = "en"
)

// Number formats d with thousands grouping and the decimal mark of the language, keeping every
// decimal it has: exact figures are never rounded for display.
func (l Lang) Number(d decimal.Decimal) string { return l.digits(d.String()) }

// Rounded formats d rounded half away from zero to places decimals, all of them written (44,0):
// for display only, where the header says so.
func (l Lang) Rounded(d decimal.Decimal, places int32) string {
	return l.digits(d.Round(places).StringFixed(places))
}

// digits groups thousands and sets the decimal mark in s, a decimal as strconv writes it.
func (l Lang) digits(s string) string {
	group, mark := ".", ","
	if l == English {
		group, mark = ",", "."
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString(mark)
		b.WriteString(frac)
	}
	return b.String()
}

// word returns the label in the language.
func (l Lang) word(da, en string) string {
	if l == English {
		return en
	}
	return da
}
