package chart

// Training charts beyond the loss and the global norm (issue 13): the
// histogram over time of one layer's or gate's per-step gradient norms,
// the clipped share and the learning rate per epoch, and the heat map of
// any layer.

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
)

// normGrid adapts a NormHist (rows lo…hi-1 of its bins) to plotter.GridXYZ:
// Z is the share of the column's steps in the bin, NaN for none.
type normGrid struct {
	x      []float64
	cols   [][]int32
	totals []float64
	lo, hi int
}

func (g normGrid) Dims() (c, r int) { return len(g.cols), g.hi - g.lo }
func (g normGrid) Z(c, r int) float64 {
	v := g.cols[c][g.lo+r]
	if v == 0 || g.totals[c] == 0 {
		return math.NaN()
	}
	return float64(v) / g.totals[c]
}
func (g normGrid) X(c int) float64 { return g.x[c] }
func (g normGrid) Y(r int) float64 { return float64(r) }

// normTicks labels the rows of a normGrid (row r is bin lo+r) at bin
// edges: the decades when at least two are in view, else every edge (at
// most about six labelled).
type normTicks struct{ lo int }

func (t normTicks) Ticks(lo, hi float64) []plot.Tick {
	type edge struct {
		at, exp float64
	}
	var all, decades []edge
	for r := math.Ceil(lo + 0.5); r-0.5 <= hi+1e-9; r++ {
		exp, _ := monitor.NormBinEdges(t.lo + int(r))
		e := edge{at: r - 0.5, exp: exp} // the row's lower edge is half a row below its centre
		all = append(all, e)
		if exp == math.Trunc(exp) {
			decades = append(decades, e)
		}
	}
	label := func(e edge) string { return formatPow(math.Pow(10, e.exp)) }
	var out []plot.Tick
	if len(decades) >= 2 {
		stride := int(math.Ceil(float64(len(decades)) / 6))
		for i, e := range decades {
			l := ""
			if i%stride == 0 {
				l = label(e)
			}
			out = append(out, plot.Tick{Value: e.at, Label: l})
		}
		return out
	}
	stride := max(1, int(math.Ceil(float64(len(all))/6)))
	for i, e := range all {
		l := ""
		if i%stride == 0 {
			l = strconv.FormatFloat(math.Pow(10, e.exp), 'g', 2, 64)
		}
		out = append(out, plot.Tick{Value: e.at, Label: l})
	}
	return out
}

// NormHistogram draws a histogram over the epochs of per-step gradient
// norms (monitor.NormHist): x the epoch, y the norm on a log scale, colour
// the share of the column's steps in each bin (empty bins are blank), the
// epoch being trained as the last column. title names the parameter group
// ("Layer 1", "Layer 1 · forget gate").
func NormHistogram(s Style, title string, h monitor.NormHist) *plot.Plot {
	title = s.tr("Gradient norms per step: %s", title)
	cols := append([][]int32(nil), h.Cols...)
	x := append([]float64(nil), h.Epochs...)
	if h.Open != nil {
		next := 1.0
		if len(x) > 0 {
			next = x[len(x)-1] + 1
		}
		cols = append(cols, h.Open)
		x = append(x, next)
	}
	if len(cols) == 0 {
		msg := s.tr("The distribution of the step norms appears as training runs")
		if h.NonFinite > 0 {
			msg = s.tr("All %d step norms were NaN or infinite", h.NonFinite)
		}
		return Message(s, title, msg)
	}
	totals := make([]float64, len(cols))
	lo, hi := monitor.NormBins, 0
	for j, c := range cols {
		for b, v := range c {
			if v > 0 {
				totals[j] += float64(v)
				lo, hi = min(lo, b), max(hi, b+1)
			}
		}
	}
	if hi <= lo {
		return Message(s, title, s.tr("No finite step norm yet"))
	}
	lo, hi = max(lo-1, 0), min(hi+1, monitor.NormBins)
	if len(cols) == 1 {
		// A heat map needs two columns to have a width; repeat the first.
		cols = append(cols, cols[0])
		x = append(x, x[0]+1)
		totals = append(totals, totals[0])
	}
	g := normGrid{x: x, cols: cols, totals: totals, lo: lo, hi: hi}
	top := 0.0
	for c := range cols {
		for r := 0; r < hi-lo; r++ {
			if z := g.Z(c, r); !math.IsNaN(z) {
				top = math.Max(top, z)
			}
		}
	}
	p := newPlot(s, title, s.tr("epoch"), "|g| (log)")
	p.X.Tick.Marker = IntTicks{}
	p.Y.Tick.Marker = normTicks{lo: lo}
	p.Add(newFastHeat(g, ramp(s, s.Color(0), 128), 0, top))
	p.Y.Min, p.Y.Max = -0.5, float64(hi-lo)-0.5
	if h.NonFinite > 0 {
		p.Title.Text += s.tr(" (%d non-finite left out)", h.NonFinite)
	}
	return p
}

// ClipAndLR returns two panels to stack (RenderPanels): the share of each
// epoch's steps that clipping changed, and the learning rate per epoch (log
// scale). clip is the run's clipping mode: without clipping the first
// panel says that nothing is clipped.
func ClipAndLR(s Style, h *monitor.History, clip config.ClipMode, clipMax float64, px int) []*plot.Plot {
	if h == nil || h.Epochs == 0 {
		return []*plot.Plot{Message(s, s.tr("Clip rate and learning rate"), s.tr("The share of clipped steps and the learning rate per epoch appear here"))}
	}
	n := max(px/2, 16)
	var top *plot.Plot
	if clip == config.ClipNone {
		top = Message(s, s.tr("Clip rate"), s.tr("Clipping is off: no step is clipped"))
	} else {
		title := s.tr("Clip rate: share of each epoch's steps clipped (%s at %g)", clip, clipMax)
		top = newPlot(s, title, "", s.tr("clipped"))
		top.X.Tick.Marker = IntTicks{}
		mean, lo, hi := Envelope(h.ClipRate.Buckets(), n)
		for _, xy := range []plotter.XYs{mean, lo, hi} {
			for i := range xy {
				xy[i].Y *= 100
			}
		}
		addBand(top, lo, hi, alpha(s.Color(3), 0.18))
		top.Add(line(mean, s.Color(3), 1.5))
		top.Y.Min, top.Y.Max = 0, 100
		top.Y.Tick.Marker = percentTicks{}
		if len(mean) > 0 {
			top.X.Min, top.X.Max = mean[0].X, math.Max(mean[len(mean)-1].X, mean[0].X+1)
		}
	}
	bottom := newPlot(s, s.tr("Learning rate"), s.tr("epoch"), s.tr("lr (log)"))
	bottom.X.Tick.Marker = IntTicks{}
	mean, _, _ := Envelope(h.LR.Buckets(), n)
	for i := range mean {
		mean[i].Y = positive(mean[i].Y)
	}
	if len(mean) > 0 {
		setLogY(bottom)
		bottom.Add(line(mean, s.Color(0), 1.5))
		lo, hi := mean[0].Y, mean[0].Y
		for _, p := range mean {
			lo, hi = math.Min(lo, p.Y), math.Max(hi, p.Y)
		}
		if hi/lo < 1.5 { // a constant rate: a readable range around it
			lo, hi = lo/2, hi*2
		}
		bottom.Y.Min, bottom.Y.Max = lo, hi
		bottom.X.Min, bottom.X.Max = mean[0].X, math.Max(mean[len(mean)-1].X, mean[0].X+1)
		if top.X.Max > top.X.Min {
			bottom.X.Min, bottom.X.Max = top.X.Min, top.X.Max
		}
	}
	return []*plot.Plot{top, bottom}
}

// ramp is a sequential palette of n colours from a faint tint of c over
// the background to c itself: few steps in a bin are faint, many are
// strong, and empty bins (NaN) stay the background.
func ramp(s Style, c color.Color, n int) palette.Palette {
	cols := make([]color.Color, n)
	r, g, b, _ := c.RGBA()
	br, bg, bb, _ := s.Background.RGBA()
	for i := range cols {
		t := 0.12 + 0.88*float64(i)/float64(n-1)
		mix := func(x, y uint32) uint8 { return uint8((float64(y)*(1-t) + float64(x)*t) / 257) }
		cols[i] = color.NRGBA{mix(r, br), mix(g, bg), mix(b, bb), 0xff}
	}
	return rampPalette(cols)
}

type rampPalette []color.Color

func (p rampPalette) Colors() []color.Color { return p }

// percentTicks labels a 0–100 axis in percent.
type percentTicks struct{}

func (percentTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, v := range []float64{0, 25, 50, 75, 100} {
		if v >= min && v <= max {
			// 25 and 75 unlabelled: the panel is short, and five labels ran
			// into each other there
			lbl := ""
			if int(v)%50 == 0 {
				lbl = fmt.Sprintf("%.0f%%", v)
			}
			out = append(out, plot.Tick{Value: v, Label: lbl})
		}
	}
	return out
}

// LayerHeat is Heat for layer (1-based) of layers, the layer named in a
// shorter title.
func LayerHeat(s Style, g monitor.HeatGrid, layer, layers int) *plot.Plot {
	p := Heat(s, g)
	if _, rng, ok := strings.Cut(p.Title.Text, "  ("); ok {
		p.Title.Text = s.tr("Layer %d: log10 |∂L/∂h_t| (%s", layer, rng)
	} else if layers > 1 {
		p.Title.Text = s.tr("Layer %d · %s", layer, p.Title.Text)
	}
	return p
}
