package forecast

import (
	"context"
	"math"
	"strings"
	"testing"
)

// TestTrainRecommended: a run names its recommended forecast, scores it on
// the holdout as the mean of its parts, and gives every method a forecast
// with strictly nested intervals.
func TestTrainRecommended(t *testing.T) {
	s := airPassengers(t)
	res, err := Train(context.Background(), s, quick(12), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Recommended == "" || len(res.Validation) < 5 {
		t.Fatalf("recommended %q, validation scores %v", res.Recommended, res.Validation)
	}
	parts := strings.Split(res.Recommended, "+")
	got := res.Holdout.Pred[MethodRecommended]
	for k := range got {
		var want float64
		for _, p := range parts {
			want += res.Holdout.Pred[p][k] / float64(len(parts))
		}
		if math.Abs(got[k]-want) > 1e-9*math.Abs(want) {
			t.Fatalf("recommended holdout step %d = %v; want the mean of %v, %v", k, got[k], parts, want)
		}
	}
	if len(parts) > 1 {
		if _, ok := res.Validation[res.Recommended]; !ok {
			t.Errorf("recommended blend %s has no validation score: %v", res.Recommended, res.Validation)
		}
	}
	if res.FellBackFrom != "" {
		if res.Recommended != MethodSeasonalNaive || !(res.Validation[res.FellBackFrom] >= 0.9*res.Validation[MethodSeasonalNaive]) {
			t.Errorf("recommended %s in place of %s; validation %v", res.Recommended, res.FellBackFrom, res.Validation)
		}
	} else if len(parts) == 1 {
		for m, e := range res.Validation {
			if e < res.Validation[parts[0]] {
				t.Errorf("recommended %s (validation MAE %v) but %s scored %v", parts[0], res.Validation[parts[0]], m, e)
			}
		}
	}
	if _, ok := res.Metrics[MethodRecommended]; !ok {
		t.Error("no holdout metrics for the recommended forecast")
	}
	for _, m := range Methods {
		f, ok := res.Forecasts[m]
		if !ok {
			t.Errorf("no %s forecast", m)
			continue
		}
		for k := range f.Mean {
			if !(f.Lower95[k] < f.Lower80[k] && f.Lower80[k] <= f.Mean[k] && f.Mean[k] <= f.Upper80[k] && f.Upper80[k] < f.Upper95[k]) {
				t.Errorf("%s step %d: intervals not strictly nested: %v %v %v %v %v", m, k+1, f.Lower95[k], f.Lower80[k], f.Mean[k], f.Upper80[k], f.Upper95[k])
				break
			}
		}
		if _, ok := res.Coverage[m]; !ok {
			t.Errorf("no holdout coverage for %s", m)
		}
	}
	t.Logf("recommended %s; validation MAE %v; holdout MASE recommended %.3f lstm %.3f ets %.3f", res.Recommended, res.Validation,
		res.Metrics[MethodRecommended].MASE, res.Metrics[MethodLSTM].MASE, res.Metrics[MethodETS].MASE)
}
