package global

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
)

// TestRunAutoETS: every series gets classic.AutoETS's forecasts as
// auto_ets — the model fitted on the points before the validation window
// for the validation forecast, fitted again before the holdout for the
// holdout's, the same numbers as calling it directly — and Theta and the
// blend with the LSTM as candidates; where the anchor is ETS it is that
// AutoETS model by name. Series 4 of the panel is one whose model is
// damped with multiplicative error and season (ETS(M,Ad,M)), and it is
// its anchor. The panel is small, so the test stays quick under -race.
func TestRunAutoETS(t *testing.T) {
	panel := synthPanel(6, 7)
	opt := smallOptions()
	opt.Net.Epochs = 2
	res, err := Run(context.Background(), panel, opt)
	if err != nil {
		t.Fatal(err)
	}
	const h, m = 12, 12
	for j, r := range res.Series {
		v := panel[j].Values
		end := len(v) - h
		fit, err := classic.AutoETS(v[:end-h], m)
		if err != nil {
			t.Fatal(err)
		}
		refit, err := classic.AutoETS(v[:end], m)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.Holdout[forecast.MethodAutoETS], refit.Forecast(h).Mean; !slices.Equal(got, want) {
			t.Errorf("%s: auto_ets holdout forecast %v; want AutoETS(v[:%d]) %v", r.ID, got, end, want)
		}
		if got, want := r.Validation[forecast.MethodAutoETS], classic.MAE(v[end-h:end], fit.Forecast(h).Mean); got != want {
			t.Errorf("%s: auto_ets validation error %v; want %v (%s)", r.ID, got, want, fit.Method())
		}
		for _, name := range []string{forecast.MethodTheta, MethodBlend, MethodBlend3, MethodGlobal} {
			if _, ok := r.Forecasts[name]; !ok {
				t.Errorf("%s: no %s forecast", r.ID, name)
			}
		}
		// the blends are the means of their parts, on every step (1e-12
		// relative: three additions and a division in float64)
		for name, parts := range map[string][]string{MethodBlend: {MethodGlobal, forecast.MethodAutoETS},
			MethodBlend3: {MethodGlobal, forecast.MethodAutoETS, forecast.MethodTheta}} {
			for k, got := range r.Forecasts[name].Mean {
				var want float64
				for _, p := range parts {
					want += r.Forecasts[p].Mean[k] / float64(len(parts))
				}
				if math.Abs(got-want) > 1e-12*math.Abs(want) {
					t.Errorf("%s: %s step %d %v; want the mean of %v, %v", r.ID, name, k, got, parts, want)
				}
			}
			if got, want := r.Holdout[name][0], r.Holdout[parts[0]][0]; got == want {
				t.Errorf("%s: %s's holdout forecast is %s's", r.ID, name, parts[0])
			}
		}
		if strings.HasPrefix(r.Anchor, "ETS(") && r.Anchor != fit.Method() {
			t.Errorf("%s: anchor %s; want the AutoETS model %s", r.ID, r.Anchor, fit.Method())
		}
		if j == 4 && (fit.Method() != "ETS(M,Ad,M)" || r.Anchor != fit.Method()) {
			t.Errorf("%s: AutoETS model %s, anchor %s; want ETS(M,Ad,M) for both", r.ID, fit.Method(), r.Anchor)
		}
	}
}

// TestFitAutoETSNarrow: narrowed, the search returns the full search's
// model when that has multiplicative error (the same fit), the best
// multiplicative-error model when it has not (its AICc no lower than the
// full search's), and the full search's model for a series with a value
// ≤ 0.
func TestFitAutoETSNarrow(t *testing.T) {
	panel := synthPanel(7, 7)
	const m = 12
	for _, j := range []int{4, 6} { // ETS(M,Ad,M) and ETS(A,A,A) by the full search
		y := panel[j].Values[:80]
		full, err := classic.AutoETS(y, m)
		if err != nil {
			t.Fatal(err)
		}
		narrow, err := fitAutoETS(y, m, true)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case narrow.Spec.Error != classic.ETSMultiplicative:
			t.Errorf("series %d: narrowed search chose %s; want multiplicative error", j, narrow.Method())
		case full.Spec.Error == classic.ETSMultiplicative && (narrow.Method() != full.Method() || narrow.AICc != full.AICc):
			t.Errorf("series %d: narrowed %s (AICc %v); want the full search's %s (AICc %v)", j, narrow.Method(), narrow.AICc, full.Method(), full.AICc)
		case narrow.AICc < full.AICc:
			t.Errorf("series %d: narrowed %s has AICc %v below the full search's %s %v", j, narrow.Method(), narrow.AICc, full.Method(), full.AICc)
		}
	}
	y := slices.Clone(panel[0].Values[:80])
	for i := range y {
		y[i] -= panel[0].Values[40]
	}
	full, _ := classic.AutoETS(y, m)
	narrow, _ := fitAutoETS(y, m, true)
	if narrow.Method() != full.Method() || narrow.AICc != full.AICc {
		t.Errorf("series with values ≤ 0: narrowed %s (AICc %v); want the full search's %s (%v)", narrow.Method(), narrow.AICc, full.Method(), full.AICc)
	}
}
