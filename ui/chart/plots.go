package chart

import (
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
)

// TS is a series ready to plot: X is Unix seconds when Time is true, row
// numbers otherwise.
type TS struct {
	Name string
	X, Y []float64
	Time bool
	// Filled are the indices of points the reader filled in (dates missing
	// from the file, empty cells); the preview marks them.
	Filled []int
}

// FromTimes converts times (or, when nil, row numbers 0..n-1) to plot x
// values.
func FromTimes(times []time.Time, n int) ([]float64, bool) {
	x := make([]float64, n)
	if len(times) >= n && n > 0 {
		for i := range x {
			x[i] = float64(times[i].Unix())
		}
		return x, true
	}
	for i := range x {
		x[i] = float64(i)
	}
	return x, false
}

// setXAxis labels p's x axis: calendar ticks no finer than the spacing of
// x when isTime, else label.
func setXAxis(p *plot.Plot, isTime bool, label string, x []float64) {
	if isTime {
		p.X.Tick.Marker = timeTicks{Step: dataStep(x)}
		p.X.Label.Text = ""
	} else {
		p.X.Label.Text = label
	}
}

func line(xy plotter.XYs, c color.Color, width float64, dashes ...vg.Length) *fastLine {
	l, err := plotter.NewLine(xy)
	if err != nil {
		// Only non-finite values make NewLine fail; MinMax has removed them.
		l = &plotter.Line{}
	}
	l.Color = c
	l.Width = vg.Points(width)
	l.Dashes = dashes
	return &fastLine{l}
}

// fastLine is a plotter.Line stroked in short pieces. The raster backend
// (freetype) finds a path's cells by linear search, so one long path that
// zigzags over the full height in every pixel column, as a decimated noisy
// series does, takes seconds to fill; pieces of a few dozen points keep it
// to milliseconds. (Dash patterns restart at each piece.)
type fastLine struct{ *plotter.Line }

const linePiece = 16

func (l *fastLine) Plot(c draw.Canvas, plt *plot.Plot) {
	if len(l.XYs) < 2*linePiece {
		l.Line.Plot(c, plt)
		return
	}
	trX, trY := plt.Transforms(&c)
	pts := make([]vg.Point, 0, linePiece+1)
	for start := 0; start < len(l.XYs)-1; start += linePiece {
		end := min(start+linePiece+1, len(l.XYs))
		pts = pts[:0]
		for _, p := range l.XYs[start:end] {
			pts = append(pts, vg.Point{X: trX(p.X), Y: trY(p.Y)})
		}
		c.StrokeLines(l.LineStyle, c.ClipLinesXY(pts)...)
	}
}

// band is the filled area between lo and hi (same x values).
func band(lo, hi plotter.XYs, c color.Color) *plotter.Polygon {
	if len(lo) == 0 || len(hi) == 0 {
		return nil
	}
	pts := make(plotter.XYs, 0, len(lo)+len(hi))
	pts = append(pts, lo...)
	for i := len(hi) - 1; i >= 0; i-- {
		pts = append(pts, hi[i])
	}
	pg, err := plotter.NewPolygon(pts)
	if err != nil {
		return nil
	}
	pg.Color = c
	pg.LineStyle.Width = 0
	return pg
}

func addBand(p *plot.Plot, lo, hi plotter.XYs, c color.Color) *plotter.Polygon {
	if b := band(lo, hi, c); b != nil {
		p.Add(b)
		return b
	}
	return nil
}

// Spans are the chronological split of a series: rows [0, ValStart) train
// the network, [ValStart, TestStart) validate it, [TestStart, n) are the
// holdout. A zero TestStart means the split is unknown.
type Spans struct{ ValStart, TestStart int }

// SeriesPreview plots the series with the validation and test spans shaded.
func SeriesPreview(s Style, ts TS, sp Spans, px int) *plot.Plot {
	p := newPlot(s, ts.Name, s.tr("row"), "")
	setXAxis(p, ts.Time, s.tr("row"), ts.X)
	if len(ts.X) == 0 {
		return Message(s, ts.Name, s.tr("No data"))
	}
	xy := MinMax(ts.X, ts.Y, max(px/2, 16))
	ylo, yhi := yRange(xy)
	n := len(ts.X)
	rows := 0
	if sp.TestStart > 0 && sp.TestStart < n && sp.ValStart < sp.TestStart {
		shade := func(i0, i1 int, c color.Color, name string) {
			x0 := ts.X[max(i0, 0)]
			if i0 > 0 {
				x0 = (ts.X[i0-1] + ts.X[i0]) / 2
			}
			x1 := ts.X[min(i1, n-1)]
			r := rect(x0, x1, ylo, yhi, alpha(c, 0.13))
			if r != nil {
				p.Add(r)
				p.Legend.Add(name, r)
				rows++
			}
		}
		if sp.ValStart > 0 {
			shade(sp.ValStart, sp.TestStart-1, s.Color(1), s.tr("validation"))
		}
		shade(sp.TestStart, n-1, s.Color(3), s.tr("test (holdout)"))
	}
	l := line(xy, s.Color(0), 1)
	p.Add(l)
	if len(ts.Filled) > 0 {
		var pts plotter.XYs
		for _, i := range ts.Filled {
			if i >= 0 && i < n {
				pts = append(pts, plotter.XY{X: ts.X[i], Y: ts.Y[i]})
			}
		}
		if sc, err := plotter.NewScatter(pts); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: s.Color(4), Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
			p.Add(sc)
			p.Legend.Add(s.tr("filled in (%d)", len(pts)), sc)
			rows++
		}
	}
	p.Y.Min, p.Y.Max = ylo, yhi
	placeLegend(p, rows, []plotter.XYs{xy}, nil, nil)
	return p
}

func rect(x0, x1, y0, y1 float64, c color.Color) *plotter.Polygon {
	pg, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	if err != nil {
		return nil
	}
	pg.Color = c
	pg.LineStyle.Width = 0
	return pg
}

// yRange returns a padded y range of the points.
func yRange(xys ...plotter.XYs) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, xy := range xys {
		for _, p := range xy {
			if math.IsNaN(p.Y) || math.IsInf(p.Y, 0) {
				continue
			}
			lo, hi = math.Min(lo, p.Y), math.Max(hi, p.Y)
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 1
	}
	pad := (hi - lo) * 0.05
	if pad == 0 {
		pad = math.Max(math.Abs(hi)*0.05, 1)
	}
	return lo - pad, hi + pad
}

// notFinite is what the loss and gradient-norm charts say when no value
// of a run is finite.
const notFinite = "Nothing to draw: every value is infinite or not a number, so the training diverged. Lower the learning rate or turn clipping on."

// Loss plots the training and validation loss per epoch on a log scale:
// the raw values faint, a smoothed line bold, the best epoch marked.
func Loss(s Style, h *monitor.History, px int) *plot.Plot {
	title := s.tr("Loss")
	if h == nil {
		return Message(s, title, s.tr("Press Train to see the loss fall"))
	}
	if h.TrainLoss.Len() == 0 {
		return Message(s, title, s.tr("The loss appears when the first epoch ends"))
	}
	p := newPlot(s, title, s.tr("epoch"), s.tr("loss (log)"))
	setLogY(p)
	p.X.Tick.Marker = IntTicks{}
	n := max(px/2, 16)
	var drawn []plotter.XYs
	rows := 0
	add := func(c *monitor.Curve, col color.Color, name string) {
		mean, _, _ := Envelope(c.Buckets(), n)
		for i := range mean {
			mean[i].Y = positive(mean[i].Y)
		}
		if len(mean) == 0 {
			return
		}
		raw := line(mean, alpha(col, 0.35), 0.8)
		p.Add(raw)
		sm := line(smoothLog(mean, math.Max(3, float64(len(mean))/25)), col, 1.8)
		p.Add(sm)
		p.Legend.Add(name, sm)
		drawn = append(drawn, mean)
		rows++
	}
	add(&h.TrainLoss, s.Color(0), s.tr("train"))
	add(&h.ValLoss, s.Color(1), s.tr("validation"))
	if len(drawn) == 0 {
		return Message(s, title, s.tr(notFinite))
	}
	var best []float64
	if h.BestEpoch > 0 {
		addVLine(p, float64(h.BestEpoch), s.Color(2), s.tr("best epoch"))
		best, rows = append(best, float64(h.BestEpoch)), rows+1
	}
	placeLegend(p, rows, drawn, nil, best)
	return p
}

// smoothLog smooths in log space (the right average for a log chart).
func smoothLog(xy plotter.XYs, span float64) plotter.XYs {
	l := make(plotter.XYs, len(xy))
	for i, p := range xy {
		l[i] = plotter.XY{X: p.X, Y: math.Log(positive(p.Y))}
	}
	sm := Smooth(l, span)
	for i := range sm {
		sm[i].Y = math.Exp(sm[i].Y)
	}
	return sm
}

// addVLine adds a dashed vertical line at x across the plot's y range.
func addVLine(p *plot.Plot, x float64, c color.Color, name string) {
	l := &vline{X: x, Color: c}
	p.Add(l)
	if name != "" {
		p.Legend.Add(name, l)
	}
}

// vline is a vertical dashed line spanning the data area.
type vline struct {
	X     float64
	Color color.Color
}

func (v *vline) Plot(c draw.Canvas, plt *plot.Plot) {
	x := plt.X.Norm(v.X)
	if x < 0 || x > 1 {
		return
	}
	px := c.Min.X + vg.Length(x)*(c.Max.X-c.Min.X)
	c.StrokeLine2(draw.LineStyle{Color: v.Color, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}, px, c.Min.Y, px, c.Max.Y)
}

func (v *vline) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(draw.LineStyle{Color: v.Color, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}, c.Min.X, y, c.Max.X, y)
}

// hline is a horizontal dashed line across the data area.
type hline struct {
	Y     float64
	Color color.Color
}

func (h *hline) Plot(c draw.Canvas, plt *plot.Plot) {
	y := plt.Y.Norm(h.Y)
	if y < 0 || y > 1 {
		return
	}
	py := c.Min.Y + vg.Length(y)*(c.Max.Y-c.Min.Y)
	c.StrokeLine2(draw.LineStyle{Color: h.Color, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}, c.Min.X, py, c.Max.X, py)
}

func (h *hline) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(draw.LineStyle{Color: h.Color, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}, c.Min.X, y, c.Max.X, y)
}

// DataRange makes the threshold line part of the y range.
func (h *hline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Inf(1), math.Inf(-1), h.Y, h.Y
}

// GradNorm plots the global gradient norm per step before clipping (its
// min–max band and mean) and after clipping, with the clipping threshold.
func GradNorm(s Style, h *monitor.History, clip config.ClipMode, clipMax float64, px int) *plot.Plot {
	title := s.tr("Gradient norm")
	if h == nil || h.GradNorm.Len() == 0 {
		return Message(s, title, s.tr("The gradient norm of every step appears here"))
	}
	p := newPlot(s, title, s.tr("step"), "|g| (log)")
	setLogY(p)
	p.X.Tick.Marker = IntTicks{}
	n := max(px/2, 16)
	mean, lo, hi := Envelope(h.GradNorm.Buckets(), n)
	if len(mean) == 0 {
		return Message(s, title, s.tr(notFinite))
	}
	for _, xy := range []plotter.XYs{mean, lo, hi} {
		for i := range xy {
			xy[i].Y = positive(xy[i].Y)
		}
	}
	drawn, rows := []plotter.XYs{lo, hi, mean}, 1
	var thresholds []float64
	if b := addBand(p, lo, hi, alpha(s.Color(3), 0.18)); b != nil {
		p.Legend.Add(s.tr("before clipping (min–max)"), b)
		rows++
	}
	pre := line(mean, s.Color(3), 1.2)
	p.Add(pre)
	p.Legend.Add(s.tr("before clipping (mean)"), pre)
	defer func() { placeLegend(p, rows, drawn, thresholds, nil) }()
	if clip != config.ClipNone {
		cm, _, _ := Envelope(h.Clipped.Buckets(), n)
		for i := range cm {
			cm[i].Y = positive(cm[i].Y)
		}
		post := line(cm, s.Color(0), 1.5)
		p.Add(post)
		p.Legend.Add(s.tr("after clipping"), post)
		drawn, rows = append(drawn, cm), rows+1
		if clip == config.ClipNorm && clipMax > 0 {
			t := &hline{Y: clipMax, Color: s.Color(2)}
			p.Add(t)
			p.Legend.Add(s.tr("threshold %g", clipMax), t)
			thresholds, rows = append(thresholds, clipMax), rows+1
		}
	}
	return p
}

// heatGrid adapts monitor.HeatGrid to plotter.GridXYZ.
type heatGrid struct {
	g    monitor.HeatGrid
	rows int
}

func (h heatGrid) Dims() (c, r int) { return len(h.g.Cols), h.rows }
func (h heatGrid) Z(c, r int) float64 {
	col := h.g.Cols[c]
	if r < len(col) {
		return col[r]
	}
	return math.NaN()
}
func (h heatGrid) X(c int) float64 { return h.g.Epochs[c] }
func (h heatGrid) Y(r int) float64 { return float64(r) }

// Heat plots the gradient-by-time heat map: time step within the window
// (t = 0 oldest) against epoch, colour log10 ‖∂L/∂h_t‖. Vanishing gradients
// show as a dark band at small t.
func Heat(s Style, g monitor.HeatGrid) *plot.Plot {
	title := s.tr("Gradient through time: log10 |∂L/∂h_t|")
	if len(g.Cols) == 0 {
		return Message(s, title, s.tr("Shows how far back in the window the gradient reaches"))
	}
	rows := 0
	for _, c := range g.Cols {
		rows = max(rows, len(c))
	}
	p := newPlot(s, title, s.tr("epoch"), s.tr("time step t (0 = oldest)"))
	p.X.Tick.Marker = IntTicks{}
	p.Y.Tick.Marker = IntTicks{}
	grid := heatGrid{g: g, rows: rows}
	if len(g.Cols) == 1 {
		// A heat map needs two columns to have a width; repeat the first.
		g2 := g.Copy()
		g2.Cols = append(g2.Cols, g2.Cols[0])
		g2.Epochs = append(g2.Epochs, g2.Epochs[0]+1)
		grid.g = g2
	}
	pal := moreland.ExtendedBlackBody()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range grid.g.Cols {
		for _, v := range c {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		return Message(s, title, s.tr("No finite gradient yet"))
	}
	if !(hi > lo) {
		hi = lo + 1
	}
	pal.SetMin(lo)
	pal.SetMax(hi)
	p.Add(newFastHeat(grid, pal.Palette(128), lo, hi))
	p.Title.Text = title + "  (" + s.tr("dark %.1f … bright %.1f", lo, hi) + ")"
	return p
}

// ForecastData is everything the forecast chart shows.
type ForecastData struct {
	History      TS        // the whole observed series
	HoldoutStart int       // index in History of the first held-out point; -1 for none
	HoldoutPred  []float64 // the LSTM's prediction of the holdout
	HoldoutLo95  []float64
	HoldoutHi95  []float64
	// Baselines are other methods' predictions of the holdout, drawn thin
	// and dashed (name → values), and BaselineFuture their forecasts past
	// the end (at FutureX), both in the order of BaselineOrder.
	Baselines      map[string][]float64
	BaselineFuture map[string][]float64
	BaselineOrder  []string
	FutureX        []float64 // same units as History.X
	Mean           []float64
	Lo80, Hi80     []float64
	Lo95, Hi95     []float64
	// RecentFrom, when > 0, shows only the last RecentFrom points of the
	// history (plus the forecast).
	RecentFrom int
	Title      string
}

// Forecast plots the history, the holdout prediction against the actuals
// and the future forecast with 80% and 95% bands.
func Forecast(s Style, d ForecastData, px int) *plot.Plot {
	title := d.Title
	if title == "" {
		title = s.tr("Forecast")
	}
	if len(d.History.X) == 0 {
		return Message(s, title, s.tr("Train a model to see its forecast"))
	}
	p := newPlot(s, title, s.tr("row"), "")
	rows := 0
	legend := func(name string, th ...plot.Thumbnailer) {
		p.Legend.Add(name, th...)
		rows++
	}
	setXAxis(p, d.History.Time, s.tr("row"), d.History.X)
	hx, hy := d.History.X, d.History.Y
	if d.RecentFrom > 0 && d.RecentFrom < len(hx) {
		hx, hy = hx[len(hx)-d.RecentFrom:], hy[len(hy)-d.RecentFrom:]
	}
	hist := MinMax(hx, hy, max(px/2, 16))
	hl := line(hist, s.Foreground, 1)
	p.Add(hl)
	legend(s.tr("actual"), hl)

	mk := func(x []float64, y []float64) plotter.XYs {
		out := make(plotter.XYs, 0, len(y))
		for i := range y {
			if i < len(x) && !math.IsNaN(y[i]) && !math.IsInf(y[i], 0) {
				out = append(out, plotter.XY{X: x[i], Y: y[i]})
			}
		}
		return out
	}
	var lines []plotter.XYs
	// The baselines have a legend of their own, top right: with the
	// forecast's five rows, one legend would cover the chart.
	second := plot.NewLegend()
	second.TextStyle, second.Padding, second.ThumbnailWidth = p.Legend.TextStyle, p.Legend.Padding, p.Legend.ThumbnailWidth
	named := map[string]bool{}
	nameBaseline := func(name string, th plot.Thumbnailer) {
		if !named[name] {
			second.Add(name, th)
			named[name] = true
		}
	}
	if d.HoldoutStart >= 0 && d.HoldoutStart < len(d.History.X) && len(d.HoldoutPred) > 0 {
		hxs := d.History.X[d.HoldoutStart:]
		if len(d.HoldoutLo95) == len(d.HoldoutPred) && len(d.HoldoutHi95) == len(d.HoldoutPred) {
			addBand(p, mk(hxs, d.HoldoutLo95), mk(hxs, d.HoldoutHi95), alpha(s.Color(1), 0.15))
		}
		hp := mk(hxs, d.HoldoutPred)
		l := line(hp, s.Color(1), 1.6, vg.Points(4), vg.Points(2))
		p.Add(l)
		legend(s.tr("holdout prediction"), l)
		lines = append(lines, hp)
		for i, name := range d.BaselineOrder {
			b := mk(hxs, d.Baselines[name])
			if len(b) == 0 {
				continue
			}
			bl := line(b, alpha(s.Color(i+2), 0.9), 1, vg.Points(2), vg.Points(2))
			p.Add(bl)
			lines = append(lines, b)
			nameBaseline(name, bl)
		}
		p.Add(&vline{X: d.History.X[d.HoldoutStart], Color: alpha(s.Muted, 0.7)})
	}
	if len(d.Mean) > 0 {
		// Join the forecast to the last observation.
		lastX, lastY := d.History.X[len(d.History.X)-1], d.History.Y[len(d.History.Y)-1]
		fx := append([]float64{lastX}, d.FutureX...)
		j := func(v []float64) []float64 { return append([]float64{lastY}, v...) }
		if len(d.Lo95) == len(d.Mean) {
			if b := addBand(p, mk(fx, j(d.Lo95)), mk(fx, j(d.Hi95)), alpha(s.Color(0), 0.2)); b != nil {
				legend(s.tr("%d%% interval", 95), b)
			}
		}
		if len(d.Lo80) == len(d.Mean) {
			if b := addBand(p, mk(fx, j(d.Lo80)), mk(fx, j(d.Hi80)), alpha(s.Color(0), 0.35)); b != nil {
				legend(s.tr("%d%% interval", 80), b)
			}
		}
		fm := mk(fx, j(d.Mean))
		l := line(fm, s.Color(0), 2)
		p.Add(l)
		legend(s.tr("forecast"), l)
		lines = append(lines, fm, mk(fx, j(d.Lo95)), mk(fx, j(d.Hi95)))
		for i, name := range d.BaselineOrder {
			b := mk(fx, j(d.BaselineFuture[name]))
			if len(b) < 2 {
				continue
			}
			bl := line(b, alpha(s.Color(i+2), 0.9), 1, vg.Points(2), vg.Points(2))
			p.Add(bl)
			lines = append(lines, b)
			nameBaseline(name, bl)
		}
	}
	lo, hi := yRange(append(lines, hist)...)
	p.Y.Min, p.Y.Max = lo, hi
	if len(named) == 0 {
		placeLegend(p, rows, append(lines, hist), nil, nil)
	} else {
		placeLegends(p, rows, &second, len(named), append(lines, hist))
		p.Add(legendPlotter{&second})
	}
	return p
}

// RunCurve is one run's curve in a comparison chart.
type RunCurve struct {
	Label string
	Curve []monitor.Bucket
}

// Compare overlays one curve per run (mean per bucket), log scale when
// logY.
func Compare(s Style, title, xlabel, ylabel string, runs []RunCurve, logY bool, px int) *plot.Plot {
	if len(runs) == 0 {
		return Message(s, title, s.tr("Train two or more runs to compare them"))
	}
	p := newPlot(s, title, xlabel, ylabel)
	if logY {
		setLogY(p)
	}
	n := max(px/2, 16)
	drawn := 0
	for i, r := range runs {
		mean, _, _ := Envelope(r.Curve, n)
		if logY {
			for k := range mean {
				mean[k].Y = positive(mean[k].Y)
			}
			mean = smoothLog(mean, math.Max(2, float64(len(mean))/40))
		}
		if len(mean) == 0 {
			continue
		}
		l := line(mean, s.Color(i), 1.6)
		p.Add(l)
		p.Legend.Add(fitLegend(s, p, r.Label, px, 0.8), l)
		drawn++
	}
	if drawn == 0 {
		return Message(s, title, s.tr("No finite values to compare: every run's are infinite or not numbers (diverged)"))
	}
	p.Legend.Left = false
	return p
}

// RunForecast is one run's forecast in the comparison chart.
type RunForecast struct {
	Label string
	X     []float64
	Mean  []float64
}

// CompareForecasts overlays the forecasts of several runs on the recent
// history.
func CompareForecasts(s Style, hist TS, recent int, runs []RunForecast, px int) *plot.Plot {
	title := s.tr("Forecasts")
	if len(runs) == 0 || len(hist.X) == 0 {
		return Message(s, title, s.tr("Forecasts of this session's runs appear here"))
	}
	p := newPlot(s, title, s.tr("row"), "")
	setXAxis(p, hist.Time, s.tr("row"), hist.X)
	hx, hy := hist.X, hist.Y
	if recent > 0 && recent < len(hx) {
		hx, hy = hx[len(hx)-recent:], hy[len(hy)-recent:]
	}
	h := MinMax(hx, hy, max(px/2, 16))
	hl := line(h, s.Foreground, 1)
	p.Add(hl)
	p.Legend.Add(s.tr("actual"), hl)
	for i, r := range runs {
		xy := make(plotter.XYs, 0, len(r.Mean)+1)
		xy = append(xy, plotter.XY{X: hist.X[len(hist.X)-1], Y: hist.Y[len(hist.Y)-1]})
		for k := range r.Mean {
			if k < len(r.X) {
				xy = append(xy, plotter.XY{X: r.X[k], Y: r.Mean[k]})
			}
		}
		l := line(xy, s.Color(i), 1.6)
		p.Add(l)
		p.Legend.Add(fitLegend(s, p, r.Label, px, 0.8), l)
	}
	return p
}
