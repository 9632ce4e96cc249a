package forecast

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/classic/arima"
	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// TestClassicalMethodsInRun: a run on AirPassengers scores AutoETS, Theta,
// auto ARIMA and their mean on the holdout, names the selected models, and
// each method's holdout forecast is the model re-estimated on the history
// before the holdout (ETS and ARIMA as selected before the last validation
// origin): checked against fitting the same models directly.
func TestClassicalMethodsInRun(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 5
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{MethodAutoETS, MethodTheta, MethodARIMA, MethodComb} {
		if _, ok := res.Metrics[m]; !ok {
			t.Errorf("no holdout metrics for %s", m)
		}
		if _, ok := res.Validation[m]; !ok {
			t.Errorf("no validation score for %s", m)
		}
	}
	if !strings.HasPrefix(res.Models[MethodAutoETS], "ETS(") || !strings.HasPrefix(res.Models[MethodARIMA], "ARIMA(") {
		t.Fatalf("models %v; want the selected ETS and ARIMA named", res.Models)
	}
	n, h := s.Len(), 12
	hist := s.Values[:n-h]
	sel := selectModels(s.Values[:n-2*h], 12)
	if sel.etsName != res.Models[MethodAutoETS] || sel.arName != res.Models[MethodARIMA] {
		t.Fatalf("selection %s, %s; result names %v", sel.etsName, sel.arName, res.Models)
	}
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
	want := map[string][]float64{MethodAutoETS: e.Forecast(h).Mean, MethodARIMA: a.Forecast(h).Mean, MethodTheta: th.Forecast(h).Mean}
	comb := make([]float64, h)
	for k := range comb {
		comb[k] = (want[MethodAutoETS][k] + want[MethodARIMA][k] + want[MethodTheta][k]) / 3
	}
	want[MethodComb] = comb
	for m, w := range want {
		got := res.Holdout.Pred[m]
		for k := range w {
			// the same computation on the same data: equal to rounding
			if math.Abs(got[k]-w[k]) > 1e-9*math.Abs(w[k]) {
				t.Errorf("%s holdout step %d: %v; fitted directly %v", m, k+1, got[k], w[k])
				break
			}
		}
	}
	t.Logf("models %v; holdout MASE auto_ets %.3f theta %.3f arima %.3f comb %.3f lstm %.3f; recommended %s; selection %.1fs",
		res.Models, res.Metrics[MethodAutoETS].MASE, res.Metrics[MethodTheta].MASE, res.Metrics[MethodARIMA].MASE,
		res.Metrics[MethodComb].MASE, res.Metrics[MethodLSTM].MASE, res.Recommended, sel.seconds)
}

// TestShortSeriesNotRefused: the refused cases get a forecast from
// the classical methods — 54 months with an 18-month horizon (it said
// "series has 54 rows; horizon 18 needs at least 79"), two seasons with a
// two-season horizon (no holdout then) — with one line saying why there is
// no network and strictly nested intervals; a horizon beyond what the data
// support, or fewer than 8 points, get a reason and what to use instead.
func TestShortSeriesNotRefused(t *testing.T) {
	full := airPassengers(t)
	for _, c := range []struct {
		n, h    int
		holdout bool
	}{{54, 18, true}, {24, 24, false}, {30, 12, true}} {
		s := full.Head(c.n)
		set := quick(c.h)
		res, err := Train(context.Background(), s, set, nil)
		if err != nil {
			t.Fatalf("%d points, horizon %d: %v", c.n, c.h, err)
		}
		if res.Model != nil || len(res.History) != 0 || !strings.HasPrefix(res.Diagnosis, "No network: too few windows") || strings.Contains(res.Diagnosis, "\n") {
			t.Errorf("%d points: model %v, %d epochs, diagnosis %q; want no network and one line saying why", c.n, res.Model != nil, len(res.History), res.Diagnosis)
		}
		f := res.Forecast
		if len(f.Mean) != c.h || len(f.Times) != c.h || !f.Times[0].After(s.Times[c.n-1]) {
			t.Fatalf("%d points: forecast of %d steps (times %d); want %d after the data", c.n, len(f.Mean), len(f.Times), c.h)
		}
		for k := range f.Mean {
			if !(f.Lower95[k] < f.Lower80[k] && f.Lower80[k] < f.Mean[k] && f.Mean[k] < f.Upper80[k] && f.Upper80[k] < f.Upper95[k]) {
				t.Errorf("%d points step %d: intervals not strictly nested: %v %v %v %v %v", c.n, k+1, f.Lower95[k], f.Lower80[k], f.Mean[k], f.Upper80[k], f.Upper95[k])
				break
			}
		}
		if _, ok := res.Metrics[MethodRecommended]; ok != c.holdout {
			t.Errorf("%d points, horizon %d: holdout scored %v; want %v", c.n, c.h, ok, c.holdout)
		}
		if c.holdout && (len(res.Holdout.Lower95) != c.h || res.Holdout.Start != c.n-c.h) {
			t.Errorf("%d points: holdout band %d steps from %d", c.n, len(res.Holdout.Lower95), res.Holdout.Start)
		}
		t.Logf("%d points, h %d: recommended %s, models %v; %s", c.n, c.h, res.Recommended, res.Models, res.Diagnosis)
	}
	_, err := Train(context.Background(), full.Head(30), quick(25), nil)
	if err == nil || !strings.Contains(err.Error(), "at most 24") {
		t.Errorf("30 months, horizon 25: %v; want the longest horizon to use (two seasons, 24)", err)
	}
	_, err = Train(context.Background(), full.Head(7), quick(2), nil)
	if err == nil || !strings.Contains(err.Error(), "at least 8") {
		t.Errorf("7 points: %v; want how many points are needed", err)
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
		MethodNaive:         {s1, s1 * math.Sqrt(2), s1 * math.Sqrt(3)},
		MethodSeasonalNaive: {s2, s2, s2 * math.Sqrt(2)},
		MethodDrift:         {math.Sqrt(v + v/5), math.Sqrt(2*v + 4*v/5), math.Sqrt(3*v + 9*v/5)},
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
// selection and forecasts from every goroutine, and wait returns
// ErrCanceled when its context ends first.
func TestSelectionConcurrent(t *testing.T) {
	y := make([]float64, 40)
	for i := range y {
		y[i] = 10 + float64(i%7) + 0.3*float64(i)
	}
	done := make(chan classicalFit, 4)
	for range 4 {
		go func() { // ends after one selection and one forecast
			sel := cache.selection(y, 1)
			done <- cache.forecasts(y, 5, 1, sel)
		}()
	}
	first := <-done
	for range 3 {
		f := <-done
		for k, v := range f.mean[MethodComb] {
			if v != first.mean[MethodComb][k] {
				t.Fatalf("comb step %d: %v and %v from two goroutines", k+1, v, first.mean[MethodComb][k])
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := &pendingSelection{done: make(chan struct{})}
	if _, err := p.wait(ctx); !errors.Is(err, fit.ErrCanceled) {
		t.Errorf("wait after cancel: %v; want ErrCanceled", err)
	}
}

// TestFuturesFallback: a recommended method that fitted every validation
// history but not the whole series (missing from the forecasts past the
// end) gives way to the single method with the lowest validation error
// that has a forecast, and the run names it (a panel series failed with
// "no recommended forecast").
func TestFuturesFallback(t *testing.T) {
	val := &validation{origins: []int{20, 21}, actual: [][]float64{{5, 5}, {6, 6}}, preds: map[string][][]float64{
		MethodARIMA: {{5, 5}, {6, 6}},         // best on validation, missing past the end
		MethodTheta: {{5.5, 5.5}, {6.5, 6.5}}, // second best
		MethodNaive: {{4, 4}, {4, 4}},
	}}
	cf := classicalFit{mean: map[string][]float64{MethodTheta: {7, 7}, MethodNaive: {6, 6}},
		sd: map[string][]float64{MethodTheta: {1, 1}, MethodNaive: {1, 2}}}
	out, name := futures(Forecast{}, choice{parts: []string{MethodARIMA}}, val, 2, cf)
	if name != MethodTheta || out[MethodRecommended].Mean[0] != 7 {
		t.Errorf("fallback %q, forecast %v; want theta's", name, out[MethodRecommended].Mean)
	}
	out, name = futures(Forecast{}, choice{parts: []string{MethodTheta}}, val, 2, cf)
	if name != MethodTheta || out[MethodRecommended].Mean[0] != 7 {
		t.Errorf("theta available: %q", name)
	}
}
