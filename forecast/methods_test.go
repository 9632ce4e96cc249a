package forecast

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/recommend"
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
	sel, err := recommend.SelectAsync(s.Values[:n-2*h], 12).Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := sel.Models(); got[MethodAutoETS] != res.Models[MethodAutoETS] || got[MethodARIMA] != res.Models[MethodARIMA] {
		t.Fatalf("selection %v; result names %v", got, res.Models)
	}
	want := recommend.Forecasts(hist, h, 12, sel).Mean // recommend's tests check these against fitting the models directly
	for _, m := range []string{MethodAutoETS, MethodARIMA, MethodTheta, MethodComb} {
		w := want[m]
		got := res.Holdout.Pred[m]
		for k := range w {
			// the same computation on the same data: equal to rounding
			if math.Abs(got[k]-w[k]) > 1e-9*math.Abs(w[k]) {
				t.Errorf("%s holdout step %d: %v; fitted directly %v", m, k+1, got[k], w[k])
				break
			}
		}
	}
	t.Logf("models %v; holdout MASE auto_ets %.3f theta %.3f arima %.3f comb %.3f lstm %.3f; recommended %s",
		res.Models, res.Metrics[MethodAutoETS].MASE, res.Metrics[MethodTheta].MASE, res.Metrics[MethodARIMA].MASE,
		res.Metrics[MethodComb].MASE, res.Metrics[MethodLSTM].MASE, res.Recommended)
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
		// No validation origin in any of these: the mean of the combination
		// and the seasonal naive (recommend.Default), past the end as well,
		// with its own intervals (before, the blend had none and its future
		// silently became a single method's).
		if res.Recommended != MethodComb+"+"+MethodSeasonalNaive {
			t.Errorf("%d points, horizon %d: recommended %q; want comb+seasonal_naive", c.n, c.h, res.Recommended)
		} else {
			cb, sn := res.Forecasts[MethodComb].Mean, res.Forecasts[MethodSeasonalNaive].Mean
			for k := range f.Mean {
				if want := (cb[k] + sn[k]) / 2; math.Abs(f.Mean[k]-want) > 1e-9*math.Abs(want) {
					t.Errorf("%d points step %d: forecast %v; want the mean of comb and seasonal naive %v", c.n, k+1, f.Mean[k], want)
					break
				}
			}
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

// TestFuturesFallback: a recommended method that fitted every validation
// history but not the whole series (missing from the forecasts past the
// end) gives way to the single method with the lowest validation error
// that has a forecast, and the run names it (a panel series failed with
// "no recommended forecast").
func TestFuturesFallback(t *testing.T) {
	val := &recommend.Validation{Origins: []int{20, 21}, Actual: [][]float64{{5, 5}, {6, 6}}, Preds: map[string][][]float64{
		MethodARIMA: {{5, 5}, {6, 6}},         // best on validation, missing past the end
		MethodTheta: {{5.5, 5.5}, {6.5, 6.5}}, // second best
		MethodNaive: {{4, 4}, {4, 4}},
	}}
	cf := recommend.Fit{Mean: map[string][]float64{MethodTheta: {7, 7}, MethodNaive: {6, 6}},
		SD: map[string][]float64{MethodTheta: {1, 1}, MethodNaive: {1, 2}}}
	out, name := futures(Forecast{}, recommend.Choice{Parts: []string{MethodARIMA}}, val, 2, cf)
	if name != MethodTheta || out[MethodRecommended].Mean[0] != 7 {
		t.Errorf("fallback %q, forecast %v; want theta's", name, out[MethodRecommended].Mean)
	}
	out, name = futures(Forecast{}, recommend.Choice{Parts: []string{MethodTheta}}, val, 2, cf)
	if name != MethodTheta || out[MethodRecommended].Mean[0] != 7 {
		t.Errorf("theta available: %q", name)
	}
}

// TestShortSeriesForecastFromWholeSeries: a series too short for the
// network but with validation origins (48 months, horizon 12, no holdout:
// one origin) is recommended the combination, not the choice on that one
// window, and its future comes from models selected on the whole series —
// before, from models selected on the 36 months before the last origin
// (two seasons fewer), which the result then named.
func TestShortSeriesForecastFromWholeSeries(t *testing.T) {
	s := airPassengers(t).Head(48)
	res, err := TrainFull(context.Background(), s, quick(12), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Model != nil || res.Recommended != MethodComb || !res.ShortRule {
		t.Fatalf("network %v, recommended %q (short rule %v); want no network and comb by the short-series rule", res.Model != nil, res.Recommended, res.ShortRule)
	}
	sel, err := recommend.SelectAsync(s.Values, 12).Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := recommend.Forecasts(s.Values, 12, 12, sel).Mean[MethodComb]
	got := res.Forecast.Mean
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("step %d: forecast %v; want the combination of models selected on all 48 months %v", k+1, got[k], want[k])
		}
	}
	for _, m := range []string{MethodAutoETS, MethodARIMA} {
		if res.Models[m] != sel.Models()[m] {
			t.Errorf("%s named %q; want the whole series' %q", m, res.Models[m], sel.Models()[m])
		}
	}
	for k := range got {
		f := res.Forecast
		if !(f.Lower95[k] < f.Lower80[k] && f.Lower80[k] < f.Mean[k] && f.Mean[k] < f.Upper80[k] && f.Upper80[k] < f.Upper95[k]) {
			t.Fatalf("step %d: intervals not strictly nested", k+1)
		}
	}
	t.Logf("models %v", res.Models)
}

// TestFewWindowsRecommendsCombination: a series long enough for the
// network but with fewer than minChooseWindows training windows (60
// months, horizon 6) trains it — its forecast is offered and the Training
// tab shows it — but is recommended the combination, not the choice on
// its few validation windows (minChooseWindows).
func TestFewWindowsRecommendsCombination(t *testing.T) {
	s := airPassengers(t).Head(60)
	set := quick(6)
	res, err := TrainFull(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Resolve(s, set)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(s.Len(), rs, false)
	if err != nil {
		t.Fatal(err)
	}
	if w := p.TrainWindows(); w >= minChooseWindows || w == 0 {
		t.Fatalf("%d training windows; the test needs 1 to %d", w, minChooseWindows-1)
	}
	if res.Model == nil || len(res.Forecasts[MethodLSTM].Mean) != 6 {
		t.Fatalf("network %v, LSTM forecast %v; want the network trained and offered", res.Model != nil, res.Forecasts[MethodLSTM].Mean)
	}
	if res.Recommended != MethodComb || !res.ShortRule || res.FellBackFrom != "" {
		t.Errorf("recommended %q (short rule %v, fell back from %q); want comb by the short-series rule", res.Recommended, res.ShortRule, res.FellBackFrom)
	}
	if got, want := res.Forecasts[MethodRecommended].Mean, res.Forecasts[MethodComb].Mean; !slices.Equal(got, want) || len(got) != 6 {
		t.Errorf("recommended forecast %v; want the combination's %v", got, want)
	}
}
