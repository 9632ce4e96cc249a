package global

import (
	"math"
	"math/rand/v2"
	"testing"

	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// TestValWindows: hand-computed counts. With K validation windows a series
// of n points keeps n − (K+1)·H − W + 1 training windows.
func TestValWindows(t *testing.T) {
	for _, c := range []struct {
		name     string
		n, W, H  int
		want     int
		trainAtK int // training windows left at want (-1: not checked)
	}{
		{"Chicago station, daily, H 14", 5684, 14, 14, 8, 5684 - 9*14 - 14 + 1},
		{"monthly, 10 years", 108, 24, 12, 1, -1},
		{"UK seatbelts", 180, 24, 12, 1, -1},
		{"US macro, quarterly", 195, 8, 8, 1, -1},
		// n = 999 + 3H + W: exactly 1000 training windows with two
		{"two, at the edge", 1049, 20, 10, 2, 1000},
		{"one short of two", 1048, 20, 10, 1, -1},
		{"shorter than one window", 10, 20, 10, 1, -1},
	} {
		got := valWindows(c.n, c.W, c.H)
		if got != c.want {
			t.Errorf("%s: %d validation windows; want %d", c.name, got, c.want)
		}
		s := &member{end: c.n, nval: got}
		if tr := s.trainOrigins(c.W, c.H); c.trainAtK >= 0 && tr != c.trainAtK {
			t.Errorf("%s: %d training windows; want %d", c.name, tr, c.trainAtK)
		}
	}
}

// longDaily is a positive daily series of n points with a weekly pattern,
// a slow trend and noise (seeded).
func longDaily(n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 3))
	v := make([]float64, n)
	week := []float64{1, 1.05, 1.1, 1.08, 1.2, 0.6, 0.4}
	for t := range v {
		v[t] = 1000 * (1 + 0.0002*float64(t)) * week[t%7] * (1 + 0.05*r.NormFloat64())
	}
	return v
}

// TestSeveralValidationWindows: a long series is judged on K windows of H
// points ending at the holdout. Each method's validation error is the mean
// of its absolute errors over the K windows (checked by hand for the
// naive and seasonal naive); AutoETS's later windows are the forecasts of
// its model fitted before the first, its states carried on (its path from
// the first origin is its own forecast, 1e-7 relative: the path's
// recursion and ETSModel.Forecast's sums of the damped trend round
// differently, measured 9e-9 here); the network's
// validation rows are the K windows' targets and no training target
// reaches into them; the intervals are calibrated on every window.
func TestSeveralValidationWindows(t *testing.T) {
	const H, W, m = 14, 14, 7
	v := longDaily(1400, 1)
	s := &member{v: v, end: len(v) - H}
	s.nval = valWindows(s.end, W, H)
	if s.nval < 3 {
		t.Fatalf("%d validation windows for %d points; the test wants several", s.nval, s.end)
	}
	o := s.origins(H)
	for i, want := 0, s.end-s.nval*H; i < s.nval; i, want = i+1, want+H {
		if o.val[i] != want {
			t.Fatalf("validation origin %d = %d; want %d", i, o.val[i], want)
		}
	}
	p, path := classical(v, o, H, m, true, false)
	if path == nil {
		t.Fatal("AutoETS could not be fitted")
	}
	var eN, eS float64
	for _, t0 := range o.val {
		for k := range H {
			eN += math.Abs(v[t0+k] - v[t0-1])
			eS += math.Abs(v[t0+k] - v[t0-m+k%m])
		}
	}
	eN /= float64(H * s.nval)
	eS /= float64(H * s.nval)
	if got := s.valMAE(p[forecast.MethodNaive].val, H); math.Abs(got-eN) > 1e-9*eN {
		t.Errorf("naive validation error %g; want %g", got, eN)
	}
	if got := s.valMAE(p[forecast.MethodSeasonalNaive].val, H); math.Abs(got-eS) > 1e-9*eS {
		t.Errorf("seasonal naive validation error %g; want %g", got, eS)
	}
	ets := p[forecast.MethodAutoETS]
	if len(ets.val) != s.nval {
		t.Fatalf("AutoETS has %d validation forecasts; want %d", len(ets.val), s.nval)
	}
	for i, f := range ets.val {
		for k := range H {
			a, ok := path.At(o.val[i], k)
			if !ok || math.Abs(a-f[k]) > 1e-7*math.Abs(a) {
				t.Fatalf("AutoETS window %d step %d: %g; its path says %g (%v)", i, k, f[k], a, ok)
			}
		}
	}

	var err error
	if s.nrm, err = fitNorm(v, s.firstVal(H), W, H, m, path); err != nil {
		t.Fatal(err)
	}
	pw := newPanelWindows([]*member{s}, W, H, 1)
	d := pw.dataset()
	if d.VN != s.nval {
		t.Fatalf("%d validation rows; want %d", d.VN, s.nval)
	}
	if last := W + d.N - 1; last+H > s.firstVal(H) {
		t.Errorf("the last training window (origin %d) has targets up to %d, inside the validation part from %d", last, last+H-1, s.firstVal(H))
	}
	x, y := make([]float64, W), make([]float64, H)
	for i := range s.nval {
		pw.Row(x, y, i, true)
		t0 := o.val[i]
		for k := range H {
			if want := s.nrm.target(v[t0+k], v, t0, k); y[k] != want {
				t.Fatalf("validation row %d step %d: target %g; want %g (origin %d)", i, k, y[k], want, t0)
			}
		}
	}

	// Intervals: calibrated on the residuals of every window, so a
	// residual of the last window alone moves them.
	cls := []map[string]preds{{forecast.MethodNaive: p[forecast.MethodNaive]}}
	out := []SeriesResult{s.result(seriesOf(v), cls[0], H, m, true)}
	calibrate(out, []*member{s}, cls, H, m, true)
	f := out[0].Forecasts[forecast.MethodNaive]
	width := f.Upper95[0] - f.Lower95[0]
	bad := p[forecast.MethodNaive]
	bad.val = append([][]float64(nil), bad.val...)
	bad.val[0] = append([]float64(nil), bad.val[0]...)
	bad.val[0][0] += 50 * eN // one far-off forecast in the first window
	cls2 := []map[string]preds{{forecast.MethodNaive: bad}}
	out2 := []SeriesResult{s.result(seriesOf(v), cls2[0], H, m, true)}
	calibrate(out2, []*member{s}, cls2, H, m, true)
	f2 := out2[0].Forecasts[forecast.MethodNaive]
	if w2 := f2.Upper95[0] - f2.Lower95[0]; !(w2 > width) {
		t.Errorf("the first window's residuals did not reach the intervals: 95 %% width %g before, %g after", width, w2)
	}
}

// seriesOf is v as a daily series from 2001-01-01.
func seriesOf(v []float64) *tsdata.Series {
	ts := make([]time.Time, len(v))
	for i := range ts {
		ts[i] = time.Date(2001, 1, 1+i, 0, 0, 0, 0, time.UTC)
	}
	return &tsdata.Series{Name: "daily", Times: ts, Values: v, Freq: calendar.Freq{Unit: calendar.FreqDay, K: 1}}
}
