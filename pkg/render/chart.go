package render

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Charts are drawn by gonum/plot into SVG and inlined in the HTML report. Amounts become floats
// only here, to place bars and points; every label is formatted from the exact figures or from
// the axis' own tick values.

// palette holds distinguishable colours for the committees (Okabe-Ito, then a few more).
var palette = []color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xe6, 0x9f, 0x00, 0xff}, // orange
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	{0xd5, 0x5e, 0x00, 0xff}, // vermilion
	{0xf0, 0xe4, 0x42, 0xff}, // yellow
	{0x6b, 0x6b, 0x6b, 0xff}, // grey
	{0x8c, 0x56, 0x4b, 0xff}, // brown
	{0x17, 0xbe, 0xcf, 0xff}, // cyan
	{0x2c, 0x2c, 0x7a, 0xff}, // navy
	{0x9a, 0xcd, 0x32, 0xff}, // yellow green
}

// colorOf returns the i-th committee's colour, as a CSS hex colour too.
func colorOf(i int) (color.RGBA, string) {
	c := palette[i%len(palette)]
	return c, fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}

var (
	axisColor = color.RGBA{0x44, 0x44, 0x44, 0xff}
	gridColor = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	lineColor = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	markColor = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
)

// sans is the charts' typeface: Liberation Sans has Arial's and Helvetica's metrics, so the
// text the page's fonts draw fits the space gonum/plot measured for it.
func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

func newPlot(yLabel string, l Lang) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // no fill: the page shows through
	p.Y.Label.Text = yLabel
	p.Y.Label.TextStyle.Font = sans(10)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Label.Font = sans(10)
		a.Color = axisColor
		a.Tick.Color = axisColor
	}
	p.Y.Tick.Marker = numberTicks{l}
	grid := plotter.NewGrid()
	grid.Vertical.Width = 0
	grid.Horizontal.Color = gridColor
	p.Add(grid)
	return p
}

// numberTicks labels the y axis at round steps in the language's number format. The steps are
// multiples of the step size, so that zero, the line the net effect charts are about, is always
// labelled when it is in range.
type numberTicks struct{ lang Lang }

func (n numberTicks) Ticks(min, max float64) []plot.Tick {
	step := niceStep((max - min) / 5)
	if step <= 0 || math.IsInf(step, 0) || math.IsNaN(step) {
		return plot.DefaultTicks{}.Ticks(min, max)
	}
	var ticks []plot.Tick
	for i := math.Ceil(min / step); i*step <= max; i++ {
		v := i * step
		ticks = append(ticks, plot.Tick{Value: v, Label: n.lang.Number(decimal.NewFromFloat(v).Round(6))})
		if half := v + step/2; half <= max {
			ticks = append(ticks, plot.Tick{Value: half}) // a minor tick between labels
		}
	}
	return ticks
}

// niceStep rounds rough up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(rough float64) float64 {
	if rough <= 0 {
		return 0
	}
	pow := math.Pow(10, math.Floor(math.Log10(rough)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*pow >= rough {
			return m * pow
		}
	}
	return 10 * pow
}

func floats(f ledger.Figures) plotter.Values {
	v := make(plotter.Values, len(f))
	for i, d := range f {
		v[i] = d.InexactFloat64()
	}
	return v
}

// svgOf draws p on an SVG canvas of w×h and returns the <svg> element, without the XML prolog,
// ready to be inlined in HTML.
func svgOf(p *plot.Plot, w, h vg.Length) (string, error) {
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return "", err
	}
	s := b.String()
	i := strings.Index(s, "<svg")
	if i < 0 {
		return "", fmt.Errorf("chart: gonum/plot wrote no <svg> element")
	}
	return s[i:], nil
}

// legendEntry is one committee of the stacked bar chart's legend, which the page draws in HTML
// so that long committee names wrap instead of covering bars.
type legendEntry struct {
	Name  string
	Color string
}

// committeeChart draws Table 1 as stacked bars: a bar a year, a block a committee, the first
// committee at the bottom. Committees whose every figure is zero have no block and no legend
// entry.
func committeeChart(t ledger.Totals, l Lang) (string, []legendEntry, error) {
	p := newPlot(caption(t.Unit, t.PriceLevel, l), l)
	p.NominalX(yearHeader(t.Years)...)
	var below *plotter.BarChart
	var legend []legendEntry
	for i, c := range t.Committees {
		if allZero(c.Amounts) {
			continue
		}
		bars, err := plotter.NewBarChart(floats(c.Amounts), vg.Points(36))
		if err != nil {
			return "", nil, fmt.Errorf("chart of %s: %w", c.Name, err)
		}
		rgba, css := colorOf(i)
		bars.Color = rgba
		bars.LineStyle.Width = 0
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		legend = append(legend, legendEntry{Name: c.Name, Color: css})
	}
	slices.Reverse(legend) // top to bottom, as the blocks are stacked
	// Drawn at about the size the page shows it at, so that its labels keep their size.
	svg, err := svgOf(p, vg.Points(330), vg.Points(240))
	return svg, legend, err
}

// netEffectChart draws an investment proposal's cumulative net effect over the years of its
// Tabel 1, with the zero line and the payback year marked where the curve reaches it. Where it
// reaches zero only after the last column, the curve goes on dashed through the projection
// (ledger.PaybackProjection) to that year.
func netEffectChart(e *ledger.EconomySheet, projection ledger.Projection, l Lang) (string, error) {
	projYears, projected := projection.Years, projection.Cumulative
	p := newPlot(caption(e.Unit, e.PriceLevel, l), l)
	pts := xysOf(e.Years, e.Cumulative)
	// The projection starts from the last column, so that the dashes join the line.
	proj := append(plotter.XYs{pts[len(pts)-1]}, xysOf(projYears, projected)...)
	var ticks []plot.Tick
	for _, y := range append(slices.Clone(e.Years), projYears...) {
		ticks = append(ticks, plot.Tick{Value: float64(y), Label: strconv.Itoa(y)})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = pts[0].X-0.3, proj[len(proj)-1].X+0.3
	zero, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: 0}, {X: p.X.Max, Y: 0}})
	if err != nil {
		return "", err
	}
	zero.Color = axisColor
	zero.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	line, points, err := plotterLinePoints(pts)
	if err != nil {
		return "", err
	}
	line.Color, line.Width = lineColor, vg.Points(2)
	points.Color, points.Radius = lineColor, vg.Points(3)
	points.Shape = draw.CircleGlyph{}
	p.Add(zero, line, points)
	if len(proj) > 1 {
		pline, err := plotter.NewLine(proj)
		if err != nil {
			return "", err
		}
		ppoints, err := plotter.NewScatter(proj[1:])
		if err != nil {
			return "", err
		}
		pline.Color, pline.Width = lineColor, vg.Points(1.5)
		pline.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		ppoints.Color, ppoints.Radius = lineColor, vg.Points(3)
		ppoints.Shape = draw.RingGlyph{}
		p.Add(pline, ppoints)
		if err := markPayback(p, proj[len(proj)-1], projYears[len(projYears)-1], l); err != nil {
			return "", err
		}
	} else if year, _ := paidBackIn(e); year != 0 {
		if err := markPayback(p, pts[slices.Index(e.Years, year)], year, l); err != nil {
			return "", err
		}
	}
	return svgOf(p, vg.Points(420), vg.Points(220))
}

func xysOf(years []int, f ledger.Figures) plotter.XYs {
	v := floats(f)
	pts := make(plotter.XYs, len(years))
	for i, y := range years {
		pts[i] = plotter.XY{X: float64(y), Y: v[i]}
	}
	return pts
}

// markPayback marks the point where the curve reaches zero and names its year beside it.
func markPayback(p *plot.Plot, at plotter.XY, year int, l Lang) error {
	mark, err := plotter.NewScatter(plotter.XYs{at})
	if err != nil {
		return err
	}
	mark.Color, mark.Radius = markColor, vg.Points(5)
	mark.Shape = draw.CircleGlyph{}
	label, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{at},
		Labels: []string{l.word("tilbagebetalt ", "paid back ") + strconv.Itoa(year)}})
	if err != nil {
		return err
	}
	for i := range label.TextStyle {
		label.TextStyle[i].Font = sans(10)
		label.TextStyle[i].Color = markColor
		label.TextStyle[i].XAlign = draw.XLeft
	}
	label.Offset = vg.Point{X: vg.Points(8), Y: vg.Points(4)} // above right, where the falling curve is not
	p.Add(mark, label)
	return nil
}

func plotterLinePoints(pts plotter.XYs) (*plotter.Line, *plotter.Scatter, error) {
	line, err := plotter.NewLine(pts)
	if err != nil {
		return nil, nil, err
	}
	points, err := plotter.NewScatter(pts)
	return line, points, err
}
