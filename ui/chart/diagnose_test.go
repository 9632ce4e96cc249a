package chart

import (
	"image"
	"math"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func airPassengers(t *testing.T) *tsdata.Series {
	t.Helper()
	tab, err := tsdata.ReadFile(filepath.Join("..", "..", "sampledata", "data", "air_passengers_monthly.csv"), tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := tab.Series(tsdata.SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// inked counts the pixels that differ from the top-left (background) pixel.
func inked(img image.Image) int {
	b := img.Bounds()
	r0, g0, b0, _ := img.At(b.Min.X, b.Min.Y).RGBA()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bb != b0 {
				n++
			}
		}
	}
	return n
}

func isMessage(p *plot.Plot) bool {
	return p.X.Min == 0 && p.X.Max == 1 && p.Y.Min == 0 && p.Y.Max == 1
}

// TestRenderDiagnostics draws the diagnostic charts of AirPassengers (STL
// panels, ACF and PACF of the series, the naive method's residual checks)
// in both styles and checks that each image has its size and is drawn on.
func TestRenderDiagnostics(t *testing.T) {
	s := airPassengers(t)
	d, err := diagnose.Describe(s, diagnose.Options{})
	if err != nil {
		t.Fatal(err)
	}
	x, isTime := FromTimes(s.Times, s.Len())
	res := make([]float64, s.Len()-1)
	for i := 1; i < s.Len(); i++ {
		res[i-1] = s.Values[i] - s.Values[i-1]
	}
	c, err := diagnose.CheckResiduals(res, diagnose.ResidualOptions{Period: 12})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []struct {
		name string
		s    Style
	}{{"light", Light()}, {"dark", Dark()}} {
		panels := DecompositionPanels(st.s, Decomp{X: x, Time: isTime, Data: s.Values, Trend: d.STL.Trend,
			Seasonal: d.STL.Seasonal, Remainder: d.STL.Remainder, Period: d.STL.Period,
			StrengthTrend: d.STL.StrengthTrend, StrengthSeasonal: d.STL.StrengthSeasonal}, 800)
		if len(panels) != 4 {
			t.Fatalf("DecompositionPanels: %d plots; want 4", len(panels))
		}
		img := RenderPanels(panels, 800, 600, 1)
		if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 600 || inked(img) < 800*600/50 {
			t.Errorf("%s decomposition: image %v with %d inked pixels", st.name, b, inked(img))
		}
		save(t, st.name+"-stl", img)
		plots := map[string]*plot.Plot{
			"acf":        Correlogram(st.s, "ACF", d.ACF, d.Band),
			"pacf":       Correlogram(st.s, "PACF", d.PACF, d.Band),
			"res-acf":    Correlogram(st.s, "ACF of residuals", c.ACF, c.Band),
			"res-time":   ResidualsOverTime(st.s, TS{Name: "Residuals of naive", X: x[1:], Y: res, Time: isTime}, 800),
			"res-hist":   ResidualHistogram(st.s, c.Histogram.Edges, c.Histogram.Counts, c.Mean, c.SD),
			"res-qq":     QQPlot(st.s, c.QQ.Theoretical, c.QQ.Sample, 400),
			"const-hist": ResidualHistogram(st.s, []float64{2, 2}, []int{30}, 2, 0),
		}
		for name, p := range plots {
			if isMessage(p) {
				t.Errorf("%s: a message plot for valid data", name)
			}
			img := Render(p, 500, 300, 1)
			if b := img.Bounds(); b.Dx() != 500 || b.Dy() != 300 || inked(img) < 500*300/100 {
				t.Errorf("%s %s: image %v with %d inked pixels", st.name, name, b, inked(img))
			}
			save(t, st.name+"-"+name, img)
		}
	}
}

// TestDiagnosticChartsRefuseBadData: empty, mismatched or non-finite input
// gives a message plot, never a panic.
func TestDiagnosticChartsRefuseBadData(t *testing.T) {
	s := Light()
	nan := math.NaN()
	plots := map[string]*plot.Plot{
		"correlogram empty": Correlogram(s, "ACF", nil, 0.1),
		"correlogram NaN":   Correlogram(s, "ACF", []float64{0.5, nan}, 0.1),
		"residuals empty":   ResidualsOverTime(s, TS{}, 400),
		"residuals NaN":     ResidualsOverTime(s, TS{X: []float64{0, 1}, Y: []float64{nan, nan}}, 400),
		"histogram edges":   ResidualHistogram(s, []float64{0, 1}, []int{1, 2}, 0, 1),
		"histogram NaN sd":  ResidualHistogram(s, []float64{0, 1, 2}, []int{1, 2}, 0, nan),
		"qq mismatched":     QQPlot(s, []float64{-1, 0, 1}, []float64{1, 2}, 400),
		"qq unsorted":       QQPlot(s, []float64{-1, 0, 1}, []float64{3, 2, 1}, 400),
	}
	for name, p := range plots {
		if !isMessage(p) {
			t.Errorf("%s: a data plot; want a message", name)
		}
		Render(p, 200, 100, 1)
	}
	for name, d := range map[string]Decomp{
		"empty":      {},
		"mismatched": {X: []float64{0, 1, 2}, Data: []float64{1, 2, 3}, Trend: []float64{1, 2}, Seasonal: []float64{0, 0, 0}, Remainder: []float64{0, 0, 0}},
		"NaN":        {X: []float64{0, 1}, Data: []float64{1, nan}, Trend: []float64{1, 1}, Seasonal: []float64{0, 0}, Remainder: []float64{0, 0}},
	} {
		ps := DecompositionPanels(s, d, 400)
		if len(ps) != 1 || !isMessage(ps[0]) {
			t.Errorf("DecompositionPanels(%s): %d plots; want one message", name, len(ps))
		}
		RenderPanels(ps, 200, 100, 1)
	}
}
