package forecast

import (
	"cmp"
	"context"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
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
		c, ok := res.Coverage[m]
		if !ok {
			t.Errorf("no holdout coverage for %s", m)
		}
		// the holdout band the window draws under m's holdout line: nested,
		// around m's own prediction, and the one its coverage was counted in
		b, p := res.HoldoutBand(m), res.Holdout.Pred[m]
		if len(b.Lower95) != len(p) || len(p) != len(res.Holdout.Actual) {
			t.Errorf("%s: holdout band of %d steps for %d predictions", m, len(b.Lower95), len(p))
			continue
		}
		in80, in95 := 0, 0
		for k, a := range res.Holdout.Actual {
			if !(b.Lower95[k] < b.Lower80[k] && b.Lower80[k] <= p[k] && p[k] <= b.Upper80[k] && b.Upper80[k] < b.Upper95[k]) {
				t.Errorf("%s holdout step %d: band not nested around %v: %v %v %v %v", m, k+1, p[k], b.Lower95[k], b.Lower80[k], b.Upper80[k], b.Upper95[k])
				break
			}
			in80 += b2i(b.Lower80[k] <= a && a <= b.Upper80[k])
			in95 += b2i(b.Lower95[k] <= a && a <= b.Upper95[k])
		}
		n := float64(len(p))
		if float64(in80)/n != c.P80 || float64(in95)/n != c.P95 {
			t.Errorf("%s: %d and %d of %v actuals inside its holdout band; coverage says %v", m, in80, in95, n, c)
		}
	}
	if rb := res.HoldoutBand(MethodRecommended); res.Recommended != MethodLSTM && slices.Equal(rb.Lower80, res.Holdout.Lower80) {
		t.Errorf("the recommended forecast (%s) has the LSTM's holdout band", res.Recommended)
	}
	t.Logf("recommended %s; validation MAE %v; holdout MASE recommended %.3f lstm %.3f ets %.3f", res.Recommended, res.Validation,
		res.Metrics[MethodRecommended].MASE, res.Metrics[MethodLSTM].MASE, res.Metrics[MethodETS].MASE)
}

// TestRecommendedRuleByLength: a series whose network has at least
// minPairWindows training windows is recommended the mean of the two
// methods with the lowest validation errors; a shorter one (airline
// passengers with a holdout: 67 windows) the single method or blend of
// lowest error, a blend only where its error is below each part's. US
// real GDP (203 quarters, H 8, the defaults) is a series where the two
// rules differ: its LSTM alone has the lowest validation error, below
// the mean of it and AutoETS (docs/defaults.md, seed 1's last origin).
func TestRecommendedRuleByLength(t *testing.T) {
	singles := func(res *Result) []string { // the methods by validation error, lowest first
		var out []string
		for _, m := range Methods {
			if e, ok := res.Validation[m]; ok && !math.IsNaN(e) && m != MethodRecommended {
				out = append(out, m)
			}
		}
		slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(res.Validation[a], res.Validation[b]) })
		return out
	}
	tab, err := tsdata.ReadFile(filepath.Join("..", "sampledata", "data", "us_macro_quarterly.csv"), tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	gdp, _, err := tab.Series(tsdata.SeriesSpec{DateCol: "quarter", ValueCol: "realgdp"})
	if err != nil {
		t.Fatal(err)
	}
	set := config.DefaultSettings()
	set.Horizon = 8
	long, err := Train(context.Background(), gdp, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := singles(long)
	want := s[0] + "+" + s[1]
	if long.Recommended != want || long.FellBackFrom != "" {
		t.Errorf("US real GDP: recommended %q (fell back from %q); want the two lowest, %q (validation %v)", long.Recommended, long.FellBackFrom, want, long.Validation)
	}
	if e := long.Validation[want]; !(e > long.Validation[s[0]]) {
		t.Errorf("US real GDP: the mean %s (%v) is not above %s alone (%v): the rules would agree", want, e, s[0], long.Validation[s[0]])
	}

	short, err := Train(context.Background(), airPassengers(t), quick(12), nil)
	if err != nil {
		t.Fatal(err)
	}
	choice := short.Recommended
	if short.FellBackFrom != "" {
		choice = short.FellBackFrom
	}
	if parts := strings.Split(choice, "+"); len(parts) == 1 {
		if s := singles(short); choice != s[0] {
			t.Errorf("short series: recommended %q; the lowest validation error is %q's (%v)", choice, s[0], short.Validation)
		}
	} else {
		for _, p := range parts {
			if !(short.Validation[choice] < short.Validation[p]) {
				t.Errorf("short series: blend %q (error %v) does not beat its part %s (%v)", choice, short.Validation[choice], p, short.Validation[p])
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
