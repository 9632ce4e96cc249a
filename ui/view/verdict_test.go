package view

import (
	"math"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
)

func TestVerdict(t *testing.T) {
	mase := func(v float64) classic.Metrics { return classic.Metrics{MAE: 10 * v, MASE: v} }
	for _, c := range []struct {
		name string
		m    map[string]classic.Metrics
		want string
		out  Outcome
	}{
		{"seasonal naive wins: (0.87-0.71)/0.87 = 18 %",
			map[string]classic.Metrics{forecast.MethodLSTM: mase(0.87), forecast.MethodSeasonalNaive: mase(0.71), forecast.MethodNaive: mase(1.2)},
			"Seasonal naive beat the LSTM by 18% MASE on the holdout (MASE 0.710 against 0.870).", LSTMLost},
		{"two baselines better",
			map[string]classic.Metrics{forecast.MethodLSTM: mase(1.67), forecast.MethodSeasonalNaive: mase(0.71), forecast.MethodETS: mase(0.9), forecast.MethodDrift: mase(2)},
			"Seasonal naive beat the LSTM by 57% MASE on the holdout (MASE 0.71 against 1.67); 2 of the 3 baselines did better than the LSTM.", LSTMLost},
		{"LSTM wins: (0.8-0.6)/0.8 = 25 %; the recommended forecast is no baseline",
			map[string]classic.Metrics{forecast.MethodLSTM: mase(0.6), forecast.MethodETS: mase(0.8), forecast.MethodRecommended: mase(0.5)},
			"The LSTM beat the best baseline, ETS (Holt-Winters), by 25% MASE on the holdout (MASE 0.600 against 0.800).", LSTMWon},
		{"tie below half a percent",
			map[string]classic.Metrics{forecast.MethodLSTM: mase(0.801), forecast.MethodNaive: mase(0.8)},
			"The LSTM and naive tied on the holdout (MASE 0.801 and 0.800).", Tie},
		{"MASE missing: MAE decides",
			map[string]classic.Metrics{forecast.MethodLSTM: {MAE: 5, MASE: math.NaN()}, forecast.MethodDrift: {MAE: 4, MASE: math.NaN()}},
			"Drift beat the LSTM by 20% MAE on the holdout (MAE 4.00 against 5.00).", LSTMLost},
		{"a method this window has no label for",
			map[string]classic.Metrics{forecast.MethodLSTM: mase(1), "theta": mase(0.5)},
			"Theta beat the LSTM by 50% MASE on the holdout (MASE 0.50 against 1.00).", LSTMLost},
		{"no LSTM score", map[string]classic.Metrics{forecast.MethodNaive: mase(1)}, "", NoVerdict},
		{"LSTM alone", map[string]classic.Metrics{forecast.MethodLSTM: mase(1)}, "", NoVerdict},
	} {
		got, out, _ := Verdict(c.m)
		if got != c.want || out != c.out {
			t.Errorf("%s: Verdict = %q, %d; want %q, %d", c.name, got, out, c.want, c.out)
		}
	}
	if got, out, _ := Verdict(nil); out != NoVerdict || !strings.HasPrefix(got, "No holdout") {
		t.Errorf("Verdict(nil) = %q, %d; want the no-holdout sentence", got, out)
	}
}

func TestCoverageLow(t *testing.T) {
	for _, c := range []struct {
		share   float64
		n       int
		nominal float64
		want    bool
	}{
		{4.0 / 12, 12, 0.8, true},    // P(X≤4 | 12, 0.8) = 0.0006
		{6.0 / 12, 12, 0.95, true},   // P(X≤6 | 12, 0.95) < 1e-5
		{7.0 / 12, 12, 0.8, false},   // P(X≤7 | 12, 0.8) = 0.073
		{6.0 / 12, 12, 0.8, true},    // P(X≤6 | 12, 0.8) = 0.019
		{0.78, 10000, 0.8, false},    // significant but only 2 points below
		{10.0 / 12, 12, 0.95, false}, // P(X≤10 | 12, 0.95) = 0.118
		{math.NaN(), 12, 0.8, false},
		{0, 0, 0.8, false},
	} {
		if got := CoverageLow(c.share, c.n, c.nominal); got != c.want {
			t.Errorf("CoverageLow(%.3f, %d, %.2f) = %v; want %v", c.share, c.n, c.nominal, got, c.want)
		}
	}
	// The tail against a hand computation: P(X≤1 | 3, 0.5) = (1+3)/8.
	if got := binomCDF(1, 3, 0.5); math.Abs(got-0.5) > 1e-12 {
		t.Errorf("binomCDF(1, 3, 0.5) = %v; want 0.5", got)
	}
}
