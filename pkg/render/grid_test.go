package render

import (
	"bytes"
	"strings"
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

// TestTotalOf: a total repeats its one row only where every figure from the column given on is
// the same (blank, "-" and marks included); the table and markdown formats then leave it out,
// and CSV keeps it.
func TestTotalOf(t *testing.T) {
	d := func(s string) cell { return num(decimal.RequireFromString(s)) }
	row := gridRow{style: groupRow, cells: []cell{txt("Alfa"), d("1.50"), txt("-")}}
	tests := []struct {
		name  string
		cells []cell
		want  bool
	}{
		{"same figures, another label", []cell{txt("I alt"), d("1.5"), txt("-")}, true},
		{"another figure", []cell{txt("I alt"), d("1.6"), txt("-")}, false},
		{"a figure for a dash", []cell{txt("I alt"), d("1.5"), d("0")}, false},
		{"another text", []cell{txt("I alt"), d("1.5"), txt("")}, false},
		{"a mark", []cell{txt("I alt"), {num: row.cells[1].num, mark: differs}, txt("-")}, false},
		{"fewer columns", []cell{txt("I alt"), d("1.5")}, false},
	}
	if totalOf(row.cells, []gridRow{row, row}, 1).repeats {
		t.Error("a total of two rows repeats one of them")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total := totalOf(tt.cells, []gridRow{row}, 1)
			if total.style != totalRow || total.repeats != tt.want {
				t.Errorf("totalOf: style %d, repeats %v; want a total row, repeats %v", total.style, total.repeats, tt.want)
			}
			g := &grid{header: []string{"", "2026", "Samlet"}, numeric: []bool{false, true, true}, rows: []gridRow{row, total}}
			for _, f := range []Format{Table, Markdown, CSV} {
				var b bytes.Buffer
				if err := g.write(&b, f, Danish); err != nil {
					t.Fatal(err)
				}
				shown := strings.Contains(b.String(), "I alt")
				if want := f == CSV || !tt.want; shown != want {
					t.Errorf("%s shows I alt: %v, want %v\n%s", f, shown, want, b.String())
				}
			}
		})
	}
}
