package chart

import (
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

func legendPlot(xy plotter.XYs) *plot.Plot {
	p := plot.New()
	p.Add(line(xy, Light().Color(0), 1))
	return p
}

func TestPlaceLegend(t *testing.T) {
	// A falling curve (a loss) fills the top left and the bottom right.
	fall := plotter.XYs{}
	for i := 0; i <= 100; i++ {
		fall = append(fall, plotter.XY{X: float64(i), Y: 100 - float64(i)})
	}
	p := legendPlot(fall)
	placeLegend(p, 2, []plotter.XYs{fall}, nil, nil)
	if !p.Legend.Top || p.Legend.Left {
		t.Errorf("falling curve: legend top %v left %v; want the top right", p.Legend.Top, p.Legend.Left)
	}
	if p.Y.Max != 100 {
		t.Errorf("falling curve: y max %v; want 100 (no headroom needed)", p.Y.Max)
	}
	// A best-epoch line near the right edge rules out both right corners;
	// the curve fills the top left: bottom left.
	p = legendPlot(fall)
	placeLegend(p, 2, []plotter.XYs{fall}, nil, []float64{95})
	if p.Legend.Top || !p.Legend.Left {
		t.Errorf("falling curve, line at x=95: legend top %v left %v; want the bottom left", p.Legend.Top, p.Legend.Left)
	}

	// A rising curve fills the bottom left and the top right; a threshold
	// across the top rules out the top left too: bottom right.
	rise := plotter.XYs{}
	for i := 0; i <= 100; i++ {
		rise = append(rise, plotter.XY{X: float64(i), Y: float64(i)})
	}
	p = legendPlot(rise)
	placeLegend(p, 2, []plotter.XYs{rise}, []float64{97}, nil)
	if p.Legend.Top || p.Legend.Left {
		t.Errorf("threshold on top: legend top %v left %v; want the bottom right", p.Legend.Top, p.Legend.Left)
	}

	// Noise over the whole area: no free corner, so the axis grows by the
	// legend's height (2 rows: 0.2 of it) and the legend goes top left.
	var noise plotter.XYs
	for i := 0; i <= 100; i++ {
		noise = append(noise, plotter.XY{X: float64(i), Y: float64((i * 37) % 101)})
	}
	p = legendPlot(noise)
	placeLegend(p, 2, []plotter.XYs{noise}, nil, nil)
	if want := 100 / (1 - 0.2); !p.Legend.Top || !p.Legend.Left || p.Y.Max < want-1e-9 || p.Y.Max > want+1e-9 {
		t.Errorf("noise: legend top %v left %v, y max %v; want top left and %v", p.Legend.Top, p.Legend.Left, p.Y.Max, want)
	}
}

// TestLegendFitsNarrowChart: in the Compare tab's charts, a third of the
// window wide, a long label (a renamed run, the recommended forecast's
// "Recommended (ETS+ARIMA+Theta mean, run 1)") is shortened with "…" so
// the legend ends inside the chart, at the GUI scales 1 and 2; short
// labels are kept whole.
func TestLegendFitsNarrowChart(t *testing.T) {
	long := "Recommended (ETS+ARIMA+Theta mean, run 1) with a name a person typed"
	hist := TS{X: []float64{1, 2, 3, 4}, Y: []float64{1, 2, 3, 2}}
	runs := []RunForecast{{Label: "Run 1", X: []float64{5, 6}, Mean: []float64{2, 3}}, {Label: long, X: []float64{5, 6}, Mean: []float64{3, 2}}}
	curves := []RunCurve{{Label: long, Curve: []monitor.Bucket{{X0: 1, X1: 1, N: 1, Mean: 1, Min: 1, Max: 1}, {X0: 2, X1: 2, N: 1, Mean: 0.5, Min: 0.5, Max: 0.5}}}}
	for _, scale := range []float32{1, 2} {
		s := Dark()
		s.Scale = scale
		px := int(300 * scale)
		for name, p := range map[string]*plot.Plot{
			"forecasts": CompareForecasts(s, hist, 0, runs, px),
			"loss":      Compare(s, "Validation loss", "epoch", "loss", curves, true, px),
		} {
			wpt := s.widthPt(px)
			c := draw.New(vgimg.NewWith(vgimg.UseWH(wpt, wpt*0.8), vgimg.UseDPI(DPI(scale))))
			if r := p.Legend.Rectangle(c); r.Size().X > 0.85*wpt {
				t.Errorf("scale %v, %s: the legend is %v wide in a chart of %v", scale, name, r.Size().X, wpt)
			}
		}
	}
	s := Dark()
	p := CompareForecasts(s, hist, 0, runs[:1], 300)
	if got := fitLegend(s, p, "Run 1", 300, 0.8); got != "Run 1" {
		t.Errorf("a short label became %q", got)
	}
	if got := fitLegend(s, p, long, 300, 0.8); !strings.HasSuffix(got, "…") || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("the long label became %q; want its start and …", got)
	}
}
