package render

import (
	"regexp"
	"sync"
)

// unitWords are the catalog's units in English, by their Danish text: "1.000 kr." is thousands
// of kroner, which English writes DKK 1,000.
var unitWords = map[string]string{
	"kr.":       "DKK",
	"1.000 kr.": "DKK 1,000",
	"mio. kr.":  "DKK million",
}

// priceLevelPattern is a price level as the catalog writes it: "2026 p/l", the price and wage
// level of 2026. It is compiled at its first use, not at every start-up.
var priceLevelPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4}) p/l$`) })

// UnitName is the unit in the language: as the catalog writes it in Danish ("1.000 kr."), and
// in English "DKK 1,000", "DKK million" or "DKK". A unit it does not know is shown as written.
// JSON and CSV carry the catalog's text as data; this is for the text people read.
func UnitName(unit string, l Lang) string {
	if en, ok := unitWords[unit]; ok && l == English {
		return en
	}
	return unit
}

// PriceLevelName is the price level in the language: "2026 p/l" in Danish, "2026 prices" in
// English; one it does not know is shown as written.
func PriceLevelName(priceLevel string, l Lang) string {
	if m := priceLevelPattern().FindStringSubmatch(priceLevel); m != nil && l == English {
		return m[1] + " prices"
	}
	return priceLevel
}

// caption is the unit line of a table: "1.000 kr. 2026 p/l", "DKK 1,000, 2026 prices".
func caption(unit, priceLevel string, l Lang) string {
	u, p := UnitName(unit, l), PriceLevelName(priceLevel, l)
	switch {
	case u == "":
		return p
	case l == English && p != "":
		return u + ", " + p
	case l == English:
		return u
	}
	return u + " " + p
}
