package render

import (
	"bytes"
	"testing"

	"github.com/shopspring/decimal"
)

// hostileGrid is synthetic: every text of it, the header's included, holds what its medium
// would read as markup, and its numbers need rounding to the grid's one decimal.
func hostileGrid() *grid {
	d := func(s string) cell { return num(decimal.RequireFromString(s)) }
	return &grid{
		caption: "mio. kr. | *2026*",
		places:  1,
		header:  []string{"Post | <b>", "2026"},
		numeric: []bool{false, true},
		rows: []gridRow{
			{style: groupRow, cells: []cell{txt("=1+2 #12"), d("44.02")}},
			{style: plainRow, cells: []cell{txt("a_b_"), d("-1234.55")}},
			{style: totalRow, cells: []cell{txt("I alt"), d("0")}},
		},
		notes: []string{"[link](http://x)"},
	}
}

// TestGridMarkdown: each text of a markdown grid, header, caption and notes included, is one
// escaped line; numbers are rounded to the grid's places, every decimal written.
func TestGridMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := hostileGrid().write(&b, Markdown, Danish); err != nil {
		t.Fatal(err)
	}
	want := "_mio. kr. \\| \\*2026\\*_\n\n" +
		"| Post \\| &lt;b&gt; | 2026 |\n| --- | ---: |\n" +
		"| **=1+2 \\#&#8203;12** | **44,0** |\n" +
		"| a\\_b\\_ | -1.234,6 |\n" +
		"| **I alt** | **0,0** |\n" +
		"\n\\[link\\](http:&#8203;//x)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestGridCSV: CSV writes the exact numbers, and text that a spreadsheet would run as a formula
// marked as text.
func TestGridCSV(t *testing.T) {
	var b bytes.Buffer
	if err := hostileGrid().write(&b, CSV, Danish); err != nil {
		t.Fatal(err)
	}
	want := "Post | <b>,2026\n'=1+2 #12,44.02\na_b_,-1234.55\nI alt,0\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
