package chart

// Backtest charts (issue 13): the rolling-origin windows on the series, and
// a metric per forecast step (MASE, interval coverage).

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BacktestWindow is one origin of a rolling-origin backtest: the forecast
// made from the series cut before index Start, of the points Start…
// Start+len(Pred)−1.
type BacktestWindow struct {
	Start      int
	Pred       []float64 // the LSTM's forecast
	Lo95, Hi95 []float64 // its 95 % interval (optional)
}

// maxWindowLegend is how many origins the legend names.
const maxWindowLegend = 6

// BacktestWindows draws the series from a little before the first origin,
// each origin's forecast window shaded with its forecast and 95 % interval
// over it, and a dashed line at each cut.
func BacktestWindows(s Style, ts TS, wins []BacktestWindow, px int) *plot.Plot {
	title := s.tr("Rolling-origin backtest: each origin's forecast window")
	n := len(ts.X)
	if n == 0 || len(ts.Y) != n {
		return Message(s, title, s.tr("No series"))
	}
	if len(wins) == 0 {
		return Message(s, title, s.tr("Run a backtest to see its windows on the series"))
	}
	first, h := n, 0
	for _, w := range wins {
		first = min(first, w.Start)
		h = max(h, len(w.Pred))
	}
	if first <= 0 || first >= n {
		return Message(s, title, s.tr("The backtest's windows do not fit this series"))
	}
	from := max(0, first-3*h)
	p := newPlot(s, title, s.tr("row"), "")
	setXAxis(p, ts.Time, s.tr("row"), ts.X)
	xy := MinMax(ts.X[from:], ts.Y[from:], max(px/2, 16))
	lo, hi := yRange(xy)
	var lines []plotter.XYs
	lines = append(lines, xy)
	xAt := func(i int) float64 {
		if i < n {
			return ts.X[i]
		}
		step := 1.0
		if n > 1 {
			step = ts.X[n-1] - ts.X[n-2]
		}
		return ts.X[n-1] + float64(i-n+1)*step
	}
	for i, w := range wins {
		if w.Start <= 0 || len(w.Pred) == 0 {
			continue
		}
		end := w.Start + len(w.Pred) - 1
		x0 := (xAt(w.Start-1) + xAt(w.Start)) / 2
		if r := rect(x0, xAt(end), lo, hi, alpha(s.Color(i+1), 0.08)); r != nil {
			p.Add(r)
		}
		p.Add(&vline{X: x0, Color: alpha(s.Muted, 0.8)})
		pred := make(plotter.XYs, 0, len(w.Pred)+1)
		pred = append(pred, plotter.XY{X: xAt(w.Start - 1), Y: ts.Y[w.Start-1]})
		for k, v := range w.Pred {
			pred = append(pred, plotter.XY{X: xAt(w.Start + k), Y: v})
		}
		if len(w.Lo95) == len(w.Pred) && len(w.Hi95) == len(w.Pred) {
			l95, h95 := make(plotter.XYs, len(w.Pred)), make(plotter.XYs, len(w.Pred))
			for k := range w.Pred {
				l95[k] = plotter.XY{X: xAt(w.Start + k), Y: w.Lo95[k]}
				h95[k] = plotter.XY{X: xAt(w.Start + k), Y: w.Hi95[k]}
			}
			addBand(p, l95, h95, alpha(s.Color(i+1), 0.15))
			lines = append(lines, l95, h95)
		}
		l := line(pred, s.Color(i+1), 1.6)
		p.Add(l)
		lines = append(lines, pred)
		switch {
		case i < maxWindowLegend-1:
			p.Legend.Add(s.tr("origin %d", i+1), l)
		case i == maxWindowLegend-1 && len(wins) > maxWindowLegend:
			p.Legend.Add(fmt.Sprintf("… %d origins", len(wins)), l)
		case i == maxWindowLegend-1:
			p.Legend.Add(s.tr("origin %d", i+1), l)
		}
	}
	act := line(xy, s.Foreground, 1)
	p.Add(act)
	p.Legend.Add(s.tr("actual"), act)
	p.Y.Min, p.Y.Max = yRange(lines...)
	p.X.Min = ts.X[from]
	return p
}

// StepCurve is one line of a per-step chart.
type StepCurve struct {
	Label string
	Y     []float64 // value at steps 1…len(Y); NaN for none
	Bold  bool
}

// Reference is a dashed horizontal line of a per-step chart.
type Reference struct {
	Label string
	Y     float64
}

// PerStep plots a metric against the forecast step (1…H), one line with
// markers per curve, and dashed reference lines. With percent the values
// are shares (0–1) drawn as 0–100 %.
func PerStep(s Style, title, ylabel string, curves []StepCurve, refs []Reference, percent bool) *plot.Plot {
	h := 0
	for _, c := range curves {
		h = max(h, len(c.Y))
	}
	if h == 0 {
		return Message(s, title, s.tr("Run a backtest to see how accuracy changes with the step ahead"))
	}
	p := newPlot(s, title, s.tr("step ahead"), ylabel)
	p.X.Tick.Marker = IntTicks{}
	k := 1.0
	if percent {
		k = 100
		p.Y.Tick.Marker = percentTicks{}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, c := range curves {
		var xy plotter.XYs
		for j, v := range c.Y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			xy = append(xy, plotter.XY{X: float64(j + 1), Y: v * k})
			lo, hi = math.Min(lo, v*k), math.Max(hi, v*k)
		}
		if len(xy) == 0 {
			continue
		}
		width := 1.3
		if c.Bold {
			width = 2.2
		}
		l := line(xy, s.Color(i), width)
		p.Add(l)
		if sc, err := plotter.NewScatter(xy); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: s.Color(i), Radius: vg.Points(width + 0.8), Shape: draw.CircleGlyph{}}
			p.Add(sc)
		}
		p.Legend.Add(c.Label, l)
	}
	for i, r := range refs {
		hl := &hline{Y: r.Y * k, Color: alpha(s.Color(len(curves)+i), 0.9)}
		if percent {
			hl.Color = alpha(s.Foreground, 0.35+0.3*float64(i))
		}
		p.Add(hl)
		p.Legend.Add(r.Label, hl)
		lo, hi = math.Min(lo, r.Y*k), math.Max(hi, r.Y*k)
	}
	if math.IsInf(lo, 1) {
		return Message(s, title, s.tr("No finite values"))
	}
	p.Legend.Left = false
	if percent {
		// Coverage sits near the top: the legend goes below it.
		p.Y.Min, p.Y.Max = 0, 105
		p.Legend.Top = false
	} else {
		// Room above the lines for the legend.
		pad := (hi - lo) * 0.08
		if pad == 0 {
			pad = math.Max(math.Abs(hi)*0.1, 0.1)
		}
		rows := float64(len(curves) + len(refs))
		p.Y.Min, p.Y.Max = math.Max(0, lo-pad), hi+pad+(hi-math.Max(0, lo-pad))*0.07*rows
	}
	p.X.Min, p.X.Max = 0.5, float64(h)+0.5
	return p
}
