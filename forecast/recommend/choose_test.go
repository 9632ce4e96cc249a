package recommend

import (
	"math"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/classic/arima"
)

// TestRecommendChoice: the lowest validation error wins; a blend must beat
// each of its parts; the holdout never takes part (it is not an input).
func TestRecommendChoice(t *testing.T) {
	actual := [][]float64{{10, 10}, {20, 20}}
	mk := func(preds map[string][][]float64) *Validation {
		return &Validation{Origins: []int{50, 60}, Actual: actual, Preds: preds}
	}
	// ETS exact: chosen alone
	c, _ := mk(map[string][][]float64{
		LSTM:  {{11, 11}, {21, 21}},
		ETS:   {{10, 10}, {20, 20}},
		Naive: {{15, 15}, {25, 25}},
	}).Choose()
	if c.Name() != ETS || c.mae != 0 {
		t.Errorf("exact ETS: chose %s (%v)", c.Name(), c.mae)
	}
	// LSTM 1 above, ETS 1 below: their mean is exact and beats both
	c, _ = mk(map[string][][]float64{
		LSTM:  {{11, 11}, {21, 21}},
		ETS:   {{9, 9}, {19, 19}},
		Naive: {{15, 15}, {25, 25}},
	}).Choose()
	if c.Name() != "lstm+ets" || c.mae != 0 {
		t.Errorf("opposite errors: chose %s (%v); want lstm+ets", c.Name(), c.mae)
	}
	// the scores hold every method's error (hand-computed: |11−10|, |21−20| → 1) and the chosen blend's
	sc := mk(map[string][][]float64{
		LSTM:  {{11, 11}, {21, 21}},
		ETS:   {{9, 9}, {19, 19}},
		Naive: {{15, 15}, {25, 25}},
	}).Scores(c)
	if len(sc) != 4 || sc[LSTM] != 1 || sc[ETS] != 1 || sc[Naive] != 5 || sc["lstm+ets"] != 0 {
		t.Errorf("scores with the blend = %v; want lstm 1, ets 1, naive 5, lstm+ets 0", sc)
	}
	// both 1 above: the blend is no better than either part, so a single wins (the first in Methods order on a tie)
	c, _ = mk(map[string][][]float64{
		LSTM: {{11, 11}, {21, 21}},
		ETS:  {{11, 11}, {21, 21}},
	}).Choose()
	if c.Name() != LSTM {
		t.Errorf("tie: chose %s; want lstm", c.Name())
	}
	// thinning keeps the last origin and spaces the rest evenly
	v := &Validation{Preds: map[string][][]float64{LSTM: nil}}
	for o := range 25 {
		v.Origins = append(v.Origins, 100+o)
		v.Actual = append(v.Actual, []float64{float64(o)})
		v.Preds[LSTM] = append(v.Preds[LSTM], []float64{float64(o)})
	}
	v.Thin(10)
	if len(v.Origins) != 10 || v.Origins[9] != 124 || v.Origins[0] != 100 || v.Preds[LSTM][9][0] != 24 {
		t.Errorf("thin: %v", v.Origins)
	}
}

// TestChooseFallback: the best candidate is recommended only when its
// validation error is FallbackMargin (10 %) below the seasonal naive's
// (the naive's without a season); otherwise that baseline is, and the
// candidate it replaced is named. Errors by hand: ETS 0.95 against the
// seasonal naive's 1 is 5 % below; 0.8 is 20 % below.
func TestChooseFallback(t *testing.T) {
	actual := [][]float64{{10, 10}, {20, 20}}
	mk := func(season int, ets, sn, naive float64) *Validation {
		at := func(d float64) [][]float64 { return [][]float64{{10 + d, 10 + d}, {20 + d, 20 + d}} }
		return &Validation{Season: season, Origins: []int{50, 60}, Actual: actual, Preds: map[string][][]float64{
			ETS: at(ets), SeasonalNaive: at(sn), Naive: at(naive)}}
	}
	for _, c := range []struct {
		season         int
		ets, sn, naive float64
		want, fellBack string
	}{
		{12, 0.95, 1, 3, SeasonalNaive, ETS}, // 5 % better: not enough
		{12, 0.8, 1, 3, ETS, ""},             // 20 % better
		{12, 2, 1, 3, SeasonalNaive, ""},     // the seasonal naive is best itself
		{1, 0.95, 3, 1, Naive, ETS},          // no season: the naive is the baseline
		{1, 0.95, 1, 3, ETS, ""},             // 68 % below the naive's 3
	} {
		rec, over := mk(c.season, c.ets, c.sn, c.naive).Choose()
		if rec.Name() != c.want || over != c.fellBack {
			t.Errorf("season %d, errors ets %v s-naive %v naive %v: %s (fell back from %q); want %s (%q)",
				c.season, c.ets, c.sn, c.naive, rec.Name(), over, c.want, c.fellBack)
		}
	}
}

// TestChoosePair: for a long series (Pair) the recommended forecast is the
// mean of the two methods with the lowest validation errors, the better
// first, even where the better alone is exact; one method alone when only
// one has validation forecasts; the seasonal-naive fallback judges that
// mean. Errors by hand, every forecast a constant d above the actual
// values (so a mean's error is the mean of the two d's).
func TestChoosePair(t *testing.T) {
	actual := [][]float64{{10, 10}, {20, 20}}
	at := func(d float64) [][]float64 { return [][]float64{{10 + d, 10 + d}, {20 + d, 20 + d}} }
	mk := func(season int, preds map[string][][]float64) *Validation {
		return &Validation{Season: season, Pair: true, Origins: []int{50, 60}, Actual: actual, Preds: preds}
	}
	for _, c := range []struct {
		what     string
		season   int
		preds    map[string][][]float64
		want     string
		mae      float64
		fellBack string
	}{
		{"ETS exact, the LSTM 1 above: their mean", 12, map[string][][]float64{LSTM: at(1), ETS: at(0), Naive: at(5)}, "ets+lstm", 0.5, ""},
		{"opposite errors: an exact mean", 12, map[string][][]float64{LSTM: at(1), ETS: at(-1), Naive: at(5)}, "lstm+ets", 0, ""},
		{"a tie keeps Methods' order; a third takes no part", 12, map[string][][]float64{Theta: at(-2), ETS: at(1), LSTM: at(1)}, "lstm+ets", 1, ""},
		{"one method: itself", 12, map[string][][]float64{Theta: at(-2)}, Theta, 2, ""},
		{"0.95 against the seasonal naive's 1.5", 12, map[string][][]float64{ETS: at(0.9), Theta: at(1), SeasonalNaive: at(1.5), Naive: at(3)}, "ets+theta", 0.95, ""},
		{"7 % below the seasonal naive: not enough", 12, map[string][][]float64{ETS: at(0.9), Theta: at(1), SeasonalNaive: at(1.02), Naive: at(3)}, SeasonalNaive, 1.02, "ets+theta"},
		{"the seasonal naive best itself: its mean with ETS is worse", 12, map[string][][]float64{ETS: at(2), Theta: at(3), SeasonalNaive: at(1), Naive: at(4)}, SeasonalNaive, 1, "seasonal_naive+ets"},
		{"no season: the naive is the baseline", 1, map[string][][]float64{ETS: at(0.9), Theta: at(1), SeasonalNaive: at(3), Naive: at(1.02)}, Naive, 1.02, "ets+theta"},
	} {
		rec, over := mk(c.season, c.preds).Choose()
		if rec.Name() != c.want || math.Abs(rec.mae-c.mae) > 1e-12 || over != c.fellBack {
			t.Errorf("%s: %s (%v, fell back from %q); want %s (%v, %q)", c.what, rec.Name(), rec.mae, over, c.want, c.mae, c.fellBack)
		}
		if old, _ := (&Validation{Season: c.season, Origins: []int{50, 60}, Actual: actual, Preds: c.preds}).Choose(); c.what == "ETS exact, the LSTM 1 above: their mean" && old.Name() != ETS {
			t.Errorf("without Pair the exact ETS is chosen alone; got %s", old.Name())
		}
	}
}

// TestDefaultAndChoiceSD: without validation origins the recommended
// forecast is the mean of the combination and the seasonal naive (the
// naive without a season; the first of auto_ets and theta without a
// combination); a short series with origins gets the combination; and a blend's model-based standard deviations are the mean
// of its parts' (hand-computed), none when a part has none.
func TestDefaultAndChoiceSD(t *testing.T) {
	three := &Selection{ets: &classic.ETSSpec{}, arima: &arima.Order{}}
	noARIMA := &Selection{ets: &classic.ETSSpec{}}
	for _, c := range []struct {
		sel  *Selection
		m    int
		want string
	}{
		{three, 12, "comb+seasonal_naive"},
		{three, 1, "comb+naive"},
		{noARIMA, 4, "comb+seasonal_naive"}, // auto_ets and theta
		{&Selection{}, 12, "theta+seasonal_naive"},
		{nil, 0, "theta+naive"},
	} {
		if got := Default(c.sel, c.m).Name(); got != c.want {
			t.Errorf("Default(m=%d): %s; want %s", c.m, got, c.want)
		}
	}
	if got := Short(three, 12, 0).Name(); got != "comb+seasonal_naive" {
		t.Errorf("Short without origins: %s", got)
	}
	if got := Short(three, 12, 3).Name(); got != Comb {
		t.Errorf("Short with origins: %s; want comb", got)
	}
	if got := Short(&Selection{}, 1, 3).Name(); got != Theta {
		t.Errorf("Short without a selection: %s; want theta", got)
	}
	sd := map[string][]float64{Comb: {2, 4, 6}, SeasonalNaive: {1, 1, 3}, Theta: {1, 2}}
	got := Choice{Parts: []string{Comb, SeasonalNaive}}.SD(sd)
	if want := []float64{1.5, 2.5, 4.5}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("blend SD %v; want %v", got, want)
	}
	if got := (Choice{Parts: []string{Comb}}).SD(sd); got[2] != 6 {
		t.Errorf("single SD %v; want comb's own", got)
	}
	for _, parts := range [][]string{{LSTM, Comb}, {Comb, Theta}} {
		if got := (Choice{Parts: parts}).SD(sd); got != nil {
			t.Errorf("%v: SD %v; want none (a part without one, or of another length)", parts, got)
		}
	}
}

// TestWidthsFromFewOrigins: with one validation origin a method with a
// model gets its model's widths (z·sd: 1.2816 and 1.9600 at 80 and 95 %,
// the normal quantiles), not the Student t interval of one residual (12.7
// times it at 95 %, which made a 48-month series' interval span four times
// its level); without a model the t interval stays, the only width there is.
func TestWidthsFromFewOrigins(t *testing.T) {
	val := &Validation{Origins: []int{24}, Actual: [][]float64{{10, 10}}, Preds: map[string][][]float64{Comb: {{12, 13}}}}
	sd := []float64{1, 2}
	q80, q95 := val.Widths(Choice{Parts: []string{Comb}}, 2, sd)
	for k, want := range [][2]float64{{1.2816, 1.9600}, {2.5631, 3.9199}} {
		if math.Abs(q80[k]-want[0]) > 1e-4 || math.Abs(q95[k]-want[1]) > 1e-4 {
			t.Errorf("step %d: widths %.4f / %.4f; want the model's %.4f / %.4f", k+1, q80[k], q95[k], want[0], want[1])
		}
	}
	q80, q95 = val.Widths(Choice{Parts: []string{Comb}}, 2, nil)
	// t(1) quantiles 3.0777 (80 %) and 12.7062 (95 %) times |r| √2, r = 2 and 3
	if math.Abs(q80[0]-3.0777*2*math.Sqrt2) > 1e-3 || math.Abs(q95[1]-12.7062*3*math.Sqrt2) > 1e-3 {
		t.Errorf("without a model: %v / %v; want the t interval of the residuals", q80, q95)
	}
}
