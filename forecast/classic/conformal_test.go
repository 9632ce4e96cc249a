package classic

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func TestConformalQuantilesHandComputed(t *testing.T) {
	// |r| sorted = 1…9, n = 9: level 0.8 → ⌈10·0.8⌉ = 8th → 8; 0.5 → 5th → 5;
	// 0.95 → ⌈9.5⌉ = 10 > n → the largest, 9.
	res := [][]float64{{1, -2, 3, -4, 5, -6, 7, -8, 9}, {math.NaN(), 2, -2}}
	q := ConformalQuantiles(res, 0.8, 0.5, 0.95)
	if q[0][0] != 8 || q[1][0] != 5 || q[2][0] != 9 {
		t.Errorf("q = %v; want 8, 5, 9 for step 1", q)
	}
	if q[0][1] != 2 {
		t.Errorf("step 2 (NaN ignored) = %v; want 2", q[0][1])
	}
	if calibrationSize(0.8) != 4 || calibrationSize(0.95) != 19 {
		t.Errorf("calibrationSize = %d, %d; want 4, 19", calibrationSize(0.8), calibrationSize(0.95))
	}
	lo, hi := ConformalInterval([]float64{10, 20}, []float64{1, 2})
	if !equalSlices(lo, []float64{9, 18}) || !equalSlices(hi, []float64{11, 22}) {
		t.Errorf("interval = %v %v", lo, hi)
	}
}

func TestConformalCoverage(t *testing.T) {
	// Gaussian residuals: calibrated on 500, tested on 20000 → ~80 % and ~95 %.
	rng := rand.New(rand.NewPCG(1, 1))
	cal := make([]float64, 500)
	for i := range cal {
		cal[i] = rng.NormFloat64()
	}
	q := ConformalQuantiles([][]float64{cal}, 0.8, 0.95)
	for l, level := range []float64{0.8, 0.95} {
		in := 0
		const n = 20000
		for i := 0; i < n; i++ {
			if math.Abs(rng.NormFloat64()) <= q[l][0] {
				in++
			}
		}
		if cov := float64(in) / n; math.Abs(cov-level) > 0.03 {
			t.Errorf("coverage at %v = %.3f", level, cov)
		}
	}
}

func TestRollingBacktest(t *testing.T) {
	if got := rollingOrigins(20, 2, 3, 2); len(got) != 3 || got[0] != 14 || got[1] != 16 || got[2] != 18 {
		t.Errorf("rollingOrigins(20,2,3,2) = %v; want [14 16 18]", got)
	}
	if got := rollingOrigins(5, 2, 10, 1); len(got) != 2 || got[0] != 2 {
		t.Errorf("rollingOrigins(5,2,10,1) = %v; want [2 3]", got)
	}
	v := make([]float64, 20)
	for i := range v {
		v[i] = float64(i + 1)
	}
	// naive on 1…20: errors 1, 2 at every origin → MAE 1.5; MASE scale (m=1) 1 → 1.5
	res, err := backtest(v, 2, 3, 2, func(hist []float64, h int) ([]float64, error) { return Naive(hist, h), nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.PerOrigin) != 3 || res.Mean.MAE != 1.5 || res.Mean.MASE != 1.5 || res.Actuals[0][0] != 15 {
		t.Errorf("backtest = %+v", res)
	}
	// drift is exact on a line
	res, _ = backtest(v, 3, 4, 1, func(hist []float64, h int) ([]float64, error) { return Drift(hist, h), nil })
	if res.Mean.MAE > 1e-12 {
		t.Errorf("drift on a line: MAE %v", res.Mean.MAE)
	}
	if _, err := backtest(v[:3], 5, 1, 1, nil); err == nil {
		t.Error("too short: no error")
	}
}

func TestBacktestETSAirPassengers(t *testing.T) {
	s, _ := loadSeries(t, "air_passengers_monthly.csv", tsdata.SeriesSpec{})
	ets := func(hist []float64, h int) ([]float64, error) {
		e, err := FitETS(hist, 12)
		if err != nil {
			return nil, err
		}
		return e.Forecast(h), nil
	}
	snaive := func(hist []float64, h int) ([]float64, error) { return SeasonalNaive(hist, h, 12), nil }
	re, err := backtestSeasonal(s.Values, 12, 12, 4, 6, ets)
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := backtestSeasonal(s.Values, 12, 12, 4, 6, snaive)
	t.Logf("4 origins every 6 months: ETS sMAPE %.2f MASE %.3f; seasonal naive sMAPE %.2f MASE %.3f", re.Mean.SMAPE, re.Mean.MASE, rs.Mean.SMAPE, rs.Mean.MASE)
	if re.Mean.MASE >= rs.Mean.MASE {
		t.Errorf("ETS does not beat seasonal naive in the backtest")
	}
}

// TestIntervalWidths: with few residuals the widths are the normal
// prediction interval with an estimated scale (t quantiles from R:
// qt(0.9, 2) = 1.885618, qt(0.975, 2) = 4.302653), and 95 % is strictly
// wider than 80 % at every step.
func TestIntervalWidths(t *testing.T) {
	// 3 residuals {1, −2, 2}: rms √3, √(1 + 1/3): 80 % 1.885618·2 = 3.771236, 95 % 4.302653·2
	q := IntervalWidths([][]float64{{1, -2, 2}}, 0.8, 0.95)
	if !approxEqual(q[0][0], 1.885618*2, 1e-6) || !approxEqual(q[1][0], 4.302653*2, 1e-6) {
		t.Errorf("3 residuals: %v, %v; want 3.771236, 8.605306", q[0][0], q[1][0])
	}
	// 19 equal residuals: the conformal quantiles tie; 95 % = 80 % × 1.959964/1.281552
	same := make([]float64, 19)
	for i := range same {
		same[i] = 2
	}
	q = IntervalWidths([][]float64{same}, 0.8, 0.95)
	if q[0][0] != 2 || !approxEqual(q[1][0], 2*1.959964/1.281552, 1e-6) {
		t.Errorf("tied quantiles: %v, %v", q[0][0], q[1][0])
	}
	// zero residuals (a constant series): zero widths, not NaN
	q = IntervalWidths([][]float64{{0, 0, 0, 0, 0}}, 0.8, 0.95)
	if q[0][0] != 0 || q[1][0] != 0 {
		t.Errorf("zero residuals: %v, %v", q[0][0], q[1][0])
	}
	// many residuals: plain conformal
	rng := rand.New(rand.NewPCG(3, 3))
	var steps [][]float64
	for n := 1; n <= 60; n++ {
		r := make([]float64, n)
		for i := range r {
			r[i] = rng.NormFloat64() * float64(1+i%3)
		}
		steps = append(steps, r)
	}
	q = IntervalWidths(steps, 0.8, 0.95)
	c := ConformalQuantiles(steps, 0.8, 0.95)
	for k := range steps {
		if !(q[1][k] > q[0][k]) {
			t.Errorf("step %d (n=%d): 95%% %v not wider than 80%% %v", k, len(steps[k]), q[1][k], q[0][k])
		}
		if len(steps[k]) >= 19 && c[1][k] > c[0][k] && (q[0][k] != c[0][k] || q[1][k] != c[1][k]) {
			t.Errorf("step %d (n=%d): %v, %v; want the conformal %v, %v", k, len(steps[k]), q[0][k], q[1][k], c[0][k], c[1][k])
		}
	}
}
