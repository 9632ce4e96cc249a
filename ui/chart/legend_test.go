package chart

import (
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
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
