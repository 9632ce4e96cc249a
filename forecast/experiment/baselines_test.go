package experiment

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/sampledata"
)

// TestBaselines: an experiment reports the holdout MASE of the methods its
// cells are judged against. Seasonal naive's is checked against the
// formula worked by hand here: the mean absolute error of repeating the
// year before the holdout, over the mean absolute seasonal difference of
// the points before it (Hyndman & Koehler 2006); to 1e-12, rounding only.
func TestBaselines(t *testing.T) {
	b, err := sampledata.Bytes("air_passengers")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := tsdata.ReadCSV(bytes.NewReader(b), "air_passengers.csv", tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := tab.Series(tsdata.SeriesSpec{DateCol: "month", ValueCol: "passengers"})
	if err != nil {
		t.Fatal(err)
	}
	base := config.DefaultSettings()
	base.Epochs, base.Patience = 3, 0
	spec := Spec{Base: base, Axes: []Axis{{Name: "clip", Values: []string{"none", "norm"}}}, Seeds: 1, Workers: 1}
	res, err := Run(context.Background(), s, spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{forecast.MethodNaive, forecast.MethodSeasonalNaive, forecast.MethodDrift, forecast.MethodETS, forecast.MethodRecommended} {
		if v, ok := res.Baselines[m]; !ok || !(v > 0) {
			t.Errorf("Baselines[%s] = %v, %v; want a positive MASE", m, v, ok)
		}
	}
	v, h, m := s.Values, 12, 12
	n := len(v)
	var mae, scale float64
	for i := n - h; i < n; i++ {
		mae += math.Abs(v[i] - v[i-m])
	}
	mae /= float64(h)
	for i := m; i < n-h; i++ {
		scale += math.Abs(v[i] - v[i-m])
	}
	scale /= float64(n - h - m)
	if got, want := res.Baselines[forecast.MethodSeasonalNaive], mae/scale; math.Abs(got-want) > 1e-12 {
		t.Errorf("seasonal naive MASE %v; by hand %v", got, want)
	}
}
