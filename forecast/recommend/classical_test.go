package recommend

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/classic/arima"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// airPassengers is the bundled monthly AirPassengers series.
func airPassengers(t *testing.T) *tsdata.Series {
	t.Helper()
	tab, err := tsdata.ReadFile(filepath.Join("..", "testdata", "air_passengers_monthly.csv"), tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := tab.Series(tsdata.SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestForecastsRefit: the classical forecasts after a history are the
// models the selection chose (on an earlier history) re-estimated on it,
// Theta fitted on it and Comb their mean: checked against fitting the
// same models directly on AirPassengers.
func TestForecastsRefit(t *testing.T) {
	s := airPassengers(t)
	n, h := s.Len(), 12
	hist := s.Values[:n-h]
	sel := selectModels(s.Values[:n-2*h], 12)
	e, err := classic.FitETSModel(hist, 12, *sel.ets)
	if err != nil {
		t.Fatal(err)
	}
	a, err := arima.Fit(hist, *sel.arima, sel.constant)
	if err != nil {
		t.Fatal(err)
	}
	th, err := classic.Theta(hist, 12)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{AutoETS: e.Forecast(h).Mean, ARIMA: a.Forecast(h).Mean, Theta: th.Forecast(h).Mean}
	comb := make([]float64, h)
	for k := range comb {
		comb[k] = (want[AutoETS][k] + want[ARIMA][k] + want[Theta][k]) / 3
	}
	want[Comb] = comb
	got := Forecasts(hist, h, 12, sel)
	for m, w := range want {
		for k := range w {
			// the same computation on the same data: equal to rounding
			if math.Abs(got.Mean[m][k]-w[k]) > 1e-9*math.Abs(w[k]) {
				t.Errorf("%s step %d: %v; fitted directly %v", m, k+1, got.Mean[m][k], w[k])
				break
			}
		}
	}
	if sel.Models()[AutoETS] != sel.etsName || sel.Models()[ARIMA] != sel.arName || sel.Models()[Comb] != "mean of auto_ets, arima, theta" {
		t.Errorf("models %v; selection %s, %s", sel.Models(), sel.etsName, sel.arName)
	}
}

// TestLagwalkSD: the naive, seasonal-naive and drift forecast standard
// deviations, computed by hand on y = 1, 2, 4, 7, 8, 10: differences 1, 2,
// 3, 1, 2 (mean square 19/5, mean 9/5, variance (Σ(d − 9/5)²)/4 = 2.8/4);
// lag-2 differences 3, 5, 4, 3 (mean square 59/4). R's forecast 8.20
// gives the same ((upper80 − mean)/qnorm(0.9) of rwf(y, 3, drift = TRUE),
// naive(y, 3), snaive(ts(y, frequency = 2), 3)): 0.9165151 1.4 1.83303,
// 1.949359 2.75681 3.376389, 3.840573 3.840573 5.43139.
func TestLagwalkSD(t *testing.T) {
	y := []float64{1, 2, 4, 7, 8, 10}
	sd := lagwalkSD(y, 3, 2)
	s1 := math.Sqrt(19.0 / 5)
	s2 := math.Sqrt(59.0 / 4)
	v := 2.8 / 4
	want := map[string][]float64{
		Naive:         {s1, s1 * math.Sqrt(2), s1 * math.Sqrt(3)},
		SeasonalNaive: {s2, s2, s2 * math.Sqrt(2)},
		Drift:         {math.Sqrt(v + v/5), math.Sqrt(2*v + 4*v/5), math.Sqrt(3*v + 9*v/5)},
	}
	for m, w := range want {
		for k := range w {
			if math.Abs(sd[m][k]-w[k]) > 1e-12*w[k] { // hand-computed: rounding only
				t.Errorf("%s step %d: sd %v; by hand %v", m, k+1, sd[m][k], w[k])
			}
		}
	}
}

// TestWidenToModel: with 10 validation residuals the 80 % widths (a
// conformal quantile needs 4) stay, the 95 % widths (it needs 19) rise to
// the model's z·sd where that is wider, and 95 % stays strictly wider.
func TestWidenToModel(t *testing.T) {
	q80 := []float64{1, 1, 1}
	q95 := []float64{1.5, 1.5, 1.5}
	widenToModel(q80, q95, []float64{0.5, 1, 2}, 10)
	z95 := 1.959963984540054
	want95 := []float64{1.5, 1.5 * 1, 2 * z95}
	want95[1] = math.Max(1.5, z95)
	for k := range q95 {
		if q80[k] != 1 || math.Abs(q95[k]-want95[k]) > 1e-12 {
			t.Errorf("step %d: widths %v, %v; want 1, %v", k+1, q80[k], q95[k], want95[k])
		}
	}
	// no residuals at all: the model's widths
	q80, q95 = []float64{math.NaN()}, []float64{math.NaN()}
	widenToModel(q80, q95, []float64{1}, 0)
	if math.Abs(q80[0]-1.2815515655446004) > 1e-12 || math.Abs(q95[0]-z95) > 1e-12 {
		t.Errorf("no residuals: %v, %v; want z80, z95", q80, q95)
	}
}

// TestSelectionConcurrent: the selection cache and the background search
// serve concurrent runs (go test -race): the same history gives the same
// selection (one search, shared) and forecasts from every goroutine, and wait returns
// ErrCanceled when its context ends first.
func TestSelectionConcurrent(t *testing.T) {
	y := make([]float64, 40)
	for i := range y {
		y[i] = 10 + float64(i%7) + 0.3*float64(i)
	}
	done := make(chan Fit, 4)
	sels := make(chan *Selection, 4)
	for range 4 {
		go func() { // ends after one selection and one forecast
			sel := cache.selection(y, 1)
			sels <- sel
			done <- cache.forecasts(y, 5, 1, sel)
		}()
	}
	one := <-sels
	for range 3 {
		if s := <-sels; s != one {
			t.Error("concurrent requests for one history got two selections; want one search shared")
		}
	}
	first := <-done
	for range 3 {
		f := <-done
		for k, v := range f.Mean[Comb] {
			if v != first.Mean[Comb][k] {
				t.Fatalf("comb step %d: %v and %v from two goroutines", k+1, v, first.Mean[Comb][k])
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := &Pending{done: make(chan struct{})}
	if _, err := p.Wait(ctx); !errors.Is(err, fit.ErrCanceled) {
		t.Errorf("wait after cancel: %v; want ErrCanceled", err)
	}
}
