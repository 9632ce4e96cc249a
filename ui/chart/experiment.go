package chart

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/forecaster-dev/forecaster/forecast/experiment"
)

// finiteXYs keeps the points with finite, positive (when logY) values.
func finiteXYs(y []float64, logY bool) plotter.XYs {
	xy := make(plotter.XYs, 0, len(y))
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) || (logY && v <= 0) {
			continue
		}
		xy = append(xy, plotter.XY{X: float64(i + 1), Y: v})
	}
	return xy
}

// ExperimentCurves draws each cell's median validation loss per epoch with
// its interquartile band across seeds (log scale), and the target loss.
func ExperimentCurves(s Style, res *experiment.Result) *plot.Plot {
	p := newPlot(s, s.tr("Validation loss: median and quartiles across seeds"), s.tr("epoch"), s.tr("validation loss"))
	setLogY(p)
	drawn := 0
	for i, c := range res.Cells {
		col := s.Color(i)
		mid := finiteXYs(c.ValMedian, true)
		if len(mid) == 0 {
			continue
		}
		lo, hi := finiteXYs(c.ValLo, true), finiteXYs(c.ValHi, true)
		if len(lo) == len(hi) && len(lo) > 1 {
			addBand(p, lo, hi, alpha(col, 0.18))
		}
		l := line(mid, col, 1.6)
		p.Add(l)
		p.Legend.Add(c.Name, l)
		drawn++
	}
	if res.Target > 0 && !math.IsInf(res.Target, 0) {
		p.Add(&hline{Y: res.Target, Color: s.Muted})
	}
	if drawn == 0 {
		return Message(s, p.Title.Text, s.tr("Nothing to draw: no cell has a finite, positive value"))
	}
	p.Legend.Left = false
	return p
}

// ExperimentProfiles draws each cell's median gradient-by-time profile,
// ‖∂L/∂h_t‖ of the first layer against the time step (log scale): a curve
// falling steeply to the left is gradient vanishing back through time.
func ExperimentProfiles(s Style, res *experiment.Result) *plot.Plot {
	p := newPlot(s, s.tr("Gradient through time: |dL/dh_t| of layer 1 (median)"), s.tr("time step t in the window"), "|dL/dh_t|")
	setLogY(p)
	drawn := 0
	for i, c := range res.Cells {
		xy := finiteXYs(c.Profile, true)
		if len(xy) == 0 {
			continue
		}
		l := line(xy, s.Color(i), 1.6)
		p.Add(l)
		p.Legend.Add(c.Name, l)
		drawn++
	}
	if drawn == 0 {
		return Message(s, p.Title.Text, s.tr("Nothing to draw: no cell has a finite, positive value"))
	}
	p.Legend.Left = false
	return p
}

// ExperimentMASE draws each cell's holdout MASE runs as points with the
// median as a bar mark: the spread across seeds at a glance.
func ExperimentMASE(s Style, res *experiment.Result) *plot.Plot {
	p := newPlot(s, s.tr("Holdout MASE per run (dots) and median (bar)"), "", "MASE")
	names := make([]string, len(res.Cells))
	for i, c := range res.Cells {
		names[i] = c.Name
		var pts plotter.XYs
		for _, r := range res.Runs {
			if r.Cell == i && !math.IsNaN(r.MASE) && !math.IsInf(r.MASE, 0) {
				pts = append(pts, plotter.XY{X: float64(i), Y: r.MASE})
			}
		}
		if len(pts) > 0 {
			sc, err := plotter.NewScatter(pts)
			if err == nil {
				sc.Color = s.Color(i)
				sc.Radius = 2.5
				p.Add(sc)
			}
		}
		if !math.IsNaN(c.MASE) {
			p.Add(line(plotter.XYs{{X: float64(i) - 0.3, Y: c.MASE}, {X: float64(i) + 0.3, Y: c.MASE}}, s.Color(i), 3))
		}
	}
	p.NominalX(names...)
	p.X.Tick.Label.Rotation = 0.35
	p.X.Tick.Label.XAlign = -0.9
	return p
}
