package chart

// Diagnostic charts (issue 13): the STL decomposition panels, a
// correlogram (ACF or PACF) with its 95 % band, residuals over time, their
// histogram with the normal curve, and a normal Q–Q plot. They take plain
// slices, such as the fields of forecast/diagnose's Decomposition and
// ResidualCheck, and draw nothing from NaN or ±Inf: invalid input gives a
// Message plot.

import (
	"image"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Decomp is an additive decomposition to draw, data = trend + seasonal +
// remainder, all of one length, over X (Unix seconds when Time, else row
// numbers; see FromTimes).
type Decomp struct {
	X                                []float64
	Time                             bool
	Data, Trend, Seasonal, Remainder []float64
	Period                           int
	StrengthTrend, StrengthSeasonal  float64 // FPP3 §4.3, shown in the titles
}

// DecompositionPanels returns four plots with one x range, to be stacked
// top to bottom (RenderPanels): the data, the trend, the seasonal
// component and the remainder, the last drawn as bars from zero. Each
// series is decimated to px/2 buckets. Mismatched lengths or non-finite
// values give a single Message plot.
func DecompositionPanels(s Style, d Decomp, px int) []*plot.Plot {
	n := len(d.X)
	if n == 0 || len(d.Data) != n || len(d.Trend) != n || len(d.Seasonal) != n || len(d.Remainder) != n {
		return []*plot.Plot{Message(s, s.tr("Decomposition"), s.tr("No decomposition: the series is too short or has no season"))}
	}
	if !finiteAll(d.X, d.Data, d.Trend, d.Seasonal, d.Remainder) {
		return []*plot.Plot{Message(s, s.tr("Decomposition"), s.tr("The decomposition has values that are not numbers"))}
	}
	buckets := max(px/2, 16)
	panels := []struct {
		title string
		y     []float64
		c     color.Color
		bars  bool
	}{
		{s.tr("Data (STL, period %d)", d.Period), d.Data, s.Color(0), false},
		{s.tr("Trend (strength %.2f)", d.StrengthTrend), d.Trend, s.Color(1), false},
		{s.tr("Seasonal (strength %.2f)", d.StrengthSeasonal), d.Seasonal, s.Color(2), false},
		{s.tr("Remainder"), d.Remainder, s.Muted, true},
	}
	out := make([]*plot.Plot, len(panels))
	for i, pn := range panels {
		p := newPlot(s, pn.title, "", "")
		p.Title.TextStyle.Font.Size = s.FontSize + 1
		setXAxis(p, d.Time, s.tr("row"), d.X)
		xy := MinMax(d.X, pn.y, buckets)
		if pn.bars {
			p.Add(&stems{XYs: xy, Color: pn.c, Width: 1})
		} else {
			p.Add(line(xy, pn.c, 1.2))
		}
		p.Y.Min, p.Y.Max = yRange(xy)
		p.X.Min, p.X.Max = d.X[0], d.X[n-1]
		out[i] = p
	}
	return out
}

// RenderPanels draws plots stacked top to bottom in one w×h image (1 = 96
// DPI scale), their data areas aligned.
func RenderPanels(ps []*plot.Plot, w, h int, scale float32) image.Image {
	w, h = max(w, 16), max(h, 16*len(ps))
	dpi := DPI(scale)
	wpt := vg.Length(float64(w) * 72 / float64(dpi))
	hpt := vg.Length(float64(h) * 72 / float64(dpi))
	bg := color.Color(color.White)
	if len(ps) > 0 && ps[0].BackgroundColor != nil {
		bg = ps[0].BackgroundColor
	}
	c := vgimg.NewWith(vgimg.UseWH(wpt, hpt), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(bg))
	drawPanels(draw.New(c), ps)
	return c.Image()
}

// Correlogram plots autocorrelations r at lags 1…len(r) as stems, with the
// 95 % band ±band dashed (give 0 for none). title names it ("ACF",
// "PACF", "ACF of residuals").
func Correlogram(s Style, title string, r []float64, band float64) *plot.Plot {
	if len(r) == 0 {
		return Message(s, title, s.tr("No autocorrelations: the series is too short or constant"))
	}
	if !finiteAll(r, []float64{band}) {
		return Message(s, title, s.tr("The autocorrelations are not numbers"))
	}
	p := newPlot(s, title, s.tr("lag"), "")
	p.X.Tick.Marker = IntTicks{}
	xy := make(plotter.XYs, len(r))
	for k, v := range r {
		xy[k] = plotter.XY{X: float64(k + 1), Y: v}
	}
	p.Add(&stems{XYs: xy, Color: s.Color(0), Width: 2})
	if band > 0 {
		p.Add(&hline{Y: band, Color: s.Color(3)}, &hline{Y: -band, Color: s.Color(3)})
	}
	lo, hi := yRange(xy, plotter.XYs{{Y: band}, {Y: -band}, {Y: 0}})
	p.Y.Min, p.Y.Max = math.Max(lo, -1.05), math.Min(hi, 1.05)
	p.X.Min, p.X.Max = 0.5, float64(len(r))+0.5
	return p
}

// ResidualsOverTime plots the residuals of a method against time with a
// zero line.
func ResidualsOverTime(s Style, ts TS, px int) *plot.Plot {
	title := ts.Name
	if title == "" {
		title = s.tr("Residuals")
	}
	if len(ts.X) == 0 || len(ts.Y) != len(ts.X) {
		return Message(s, title, s.tr("No residuals"))
	}
	p := newPlot(s, title, s.tr("row"), "")
	setXAxis(p, ts.Time, s.tr("row"), ts.X)
	xy := MinMax(ts.X, ts.Y, max(px/2, 16))
	if len(xy) == 0 {
		return Message(s, title, s.tr("The residuals are not numbers"))
	}
	p.Add(&hline{Y: 0, Color: s.Muted}, line(xy, s.Color(0), 1))
	p.Y.Min, p.Y.Max = yRange(xy, plotter.XYs{{Y: 0}})
	return p
}

// ResidualHistogram draws a histogram given by its bin edges (len(counts)+1,
// ascending) with the normal density N(mean, sd²) scaled to the counts (n ×
// bin width × density). Constant residuals (one bin of zero width) are
// drawn as a single bar.
func ResidualHistogram(s Style, edges []float64, counts []int, mean, sd float64) *plot.Plot {
	title := s.tr("Histogram of residuals")
	if len(counts) == 0 || len(edges) != len(counts)+1 || !finiteAll(edges, []float64{mean, sd}) || !slices.IsSorted(edges) {
		return Message(s, title, s.tr("No histogram"))
	}
	p := newPlot(s, title, s.tr("residual"), s.tr("count"))
	n, top := 0, 0
	for _, c := range counts {
		n += c
		top = max(top, c)
	}
	lo, hi := edges[0], edges[len(edges)-1]
	if hi == lo { // constant residuals
		half := math.Max(math.Abs(lo)*0.05, 0.5)
		edges = []float64{lo - half, lo + half}
		lo, hi = edges[0], edges[1]
	}
	fill := alpha(s.Color(0), 0.55)
	for i, c := range counts {
		if c == 0 {
			continue
		}
		if r := rect(edges[i], edges[i+1], 0, float64(c), fill); r != nil {
			r.LineStyle = draw.LineStyle{Color: s.Background, Width: vg.Points(0.5)}
			p.Add(r)
		}
	}
	yMax := float64(top)
	if sd > 0 && len(counts) > 1 {
		width := (hi - lo) / float64(len(counts))
		scale := float64(n) * width / (sd * math.Sqrt(2*math.Pi))
		f := plotter.NewFunction(func(x float64) float64 {
			z := (x - mean) / sd
			return scale * math.Exp(-z*z/2)
		})
		f.XMin, f.XMax = math.Min(lo, mean-3*sd), math.Max(hi, mean+3*sd)
		f.Samples = 200
		f.Color = s.Color(3)
		f.Width = vg.Points(1.5)
		p.Add(f)
		p.Legend.Add(s.tr("normal (mean %.3g, sd %.3g)", mean, sd), f)
		yMax = math.Max(yMax, scale)
		lo, hi = f.XMin, f.XMax
	}
	p.X.Min, p.X.Max = lo, hi
	p.Y.Min, p.Y.Max = 0, yMax*1.08
	return p
}

// QQPlot draws the normal Q–Q plot of sorted sample quantiles against
// theoretical ones (diagnose's QQ), with the line through the first and
// third quartiles (R's qqline). At most 2·px points are drawn.
func QQPlot(s Style, theoretical, sample []float64, px int) *plot.Plot {
	title := s.tr("Normal Q–Q plot")
	n := len(sample)
	if n < 2 || len(theoretical) != n || !finiteAll(theoretical, sample) || !slices.IsSorted(sample) || !slices.IsSorted(theoretical) {
		return Message(s, title, s.tr("No Q–Q plot"))
	}
	p := newPlot(s, title, s.tr("theoretical quantile"), s.tr("sample quantile"))
	xy := MinMax(theoretical, sample, max(px, 16))
	sc, err := plotter.NewScatter(xy)
	if err != nil {
		return Message(s, title, s.tr("No Q–Q plot"))
	}
	sc.GlyphStyle.Color = s.Color(0)
	sc.GlyphStyle.Radius = vg.Points(1.6)
	sc.GlyphStyle.Shape = draw.CircleGlyph{}
	p.Add(sc)
	q1, q3 := quartile(sample, 0.25), quartile(sample, 0.75)
	z1, z3 := mathext.NormalQuantile(0.25), mathext.NormalQuantile(0.75)
	slope := (q3 - q1) / (z3 - z1)
	x0, x1 := theoretical[0], theoretical[n-1]
	ref := plotter.XYs{{X: x0, Y: q1 + slope*(x0-z1)}, {X: x1, Y: q1 + slope*(x1-z1)}}
	p.Add(line(ref, s.Color(3), 1.2, vg.Points(5), vg.Points(3)))
	p.Y.Min, p.Y.Max = yRange(xy)
	return p
}

// quartile is R's quantile(type = 7) of sorted s at probability prob.
func quartile(s []float64, prob float64) float64 {
	h := float64(len(s)-1) * prob
	i := int(h)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (h-float64(i))*(s[i+1]-s[i])
}

func finiteAll(vs ...[]float64) bool {
	for _, v := range vs {
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
	}
	return true
}

// stems draws a vertical line from zero to each point (correlogram bars,
// remainder bars) and a zero line across.
type stems struct {
	XYs   plotter.XYs
	Color color.Color
	Width float64
}

func (st *stems) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	y0 := trY(0)
	ls := draw.LineStyle{Color: st.Color, Width: vg.Points(st.Width)}
	for _, p := range st.XYs {
		x := trX(p.X)
		c.StrokeLines(ls, c.ClipLinesXY([]vg.Point{{X: x, Y: y0}, {X: x, Y: trY(p.Y)}})...)
	}
	c.StrokeLines(draw.LineStyle{Color: st.Color, Width: vg.Points(0.5)}, c.ClipLinesXY([]vg.Point{{X: c.Min.X, Y: y0}, {X: c.Max.X, Y: y0}})...)
}

// DataRange includes zero, where the stems start.
func (st *stems) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = math.Inf(1), math.Inf(-1), 0, 0
	for _, p := range st.XYs {
		xmin, xmax = math.Min(xmin, p.X), math.Max(xmax, p.X)
		ymin, ymax = math.Min(ymin, p.Y), math.Max(ymax, p.Y)
	}
	return
}
