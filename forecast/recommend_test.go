package forecast

import (
	"context"
	"math"
	"strings"
	"testing"
)

// TestRecommendChoice: the lowest validation error wins; a blend must beat
// each of its parts; the holdout never takes part (it is not an input).
func TestRecommendChoice(t *testing.T) {
	actual := [][]float64{{10, 10}, {20, 20}}
	mk := func(preds map[string][][]float64) *validation {
		return &validation{origins: []int{50, 60}, actual: actual, preds: preds}
	}
	// ETS exact: chosen alone
	c := mk(map[string][][]float64{
		MethodLSTM:  {{11, 11}, {21, 21}},
		MethodETS:   {{10, 10}, {20, 20}},
		MethodNaive: {{15, 15}, {25, 25}},
	}).recommend()
	if c.name() != MethodETS || c.mae != 0 {
		t.Errorf("exact ETS: chose %s (%v)", c.name(), c.mae)
	}
	// LSTM 1 above, ETS 1 below: their mean is exact and beats both
	c = mk(map[string][][]float64{
		MethodLSTM:  {{11, 11}, {21, 21}},
		MethodETS:   {{9, 9}, {19, 19}},
		MethodNaive: {{15, 15}, {25, 25}},
	}).recommend()
	if c.name() != "lstm+ets" || c.mae != 0 {
		t.Errorf("opposite errors: chose %s (%v); want lstm+ets", c.name(), c.mae)
	}
	// the scores hold every method's error (hand-computed: |11−10|, |21−20| → 1) and the chosen blend's
	sc := mk(map[string][][]float64{
		MethodLSTM:  {{11, 11}, {21, 21}},
		MethodETS:   {{9, 9}, {19, 19}},
		MethodNaive: {{15, 15}, {25, 25}},
	}).scores(c)
	if len(sc) != 4 || sc[MethodLSTM] != 1 || sc[MethodETS] != 1 || sc[MethodNaive] != 5 || sc["lstm+ets"] != 0 {
		t.Errorf("scores with the blend = %v; want lstm 1, ets 1, naive 5, lstm+ets 0", sc)
	}
	// both 1 above: the blend is no better than either part, so a single wins (the first in Methods order on a tie)
	c = mk(map[string][][]float64{
		MethodLSTM: {{11, 11}, {21, 21}},
		MethodETS:  {{11, 11}, {21, 21}},
	}).recommend()
	if c.name() != MethodLSTM {
		t.Errorf("tie: chose %s; want lstm", c.name())
	}
	// thinning keeps the last origin and spaces the rest evenly
	v := &validation{preds: map[string][][]float64{MethodLSTM: nil}}
	for o := range 25 {
		v.origins = append(v.origins, 100+o)
		v.actual = append(v.actual, []float64{float64(o)})
		v.preds[MethodLSTM] = append(v.preds[MethodLSTM], []float64{float64(o)})
	}
	v.thin(10)
	if len(v.origins) != 10 || v.origins[9] != 124 || v.origins[0] != 100 || v.preds[MethodLSTM][9][0] != 24 {
		t.Errorf("thin: %v", v.origins)
	}
}

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
	if len(parts) == 1 {
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
