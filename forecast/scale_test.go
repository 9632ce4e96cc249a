package forecast

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func TestScalersHandComputed(t *testing.T) {
	train := []float64{2, 4, 4, 4, 5, 5, 7, 9} // mean 5, population std 2, min 2, max 9
	z, _ := FitScaler(config.ScaleZScore, train, 0)
	if z.Center != 5 || z.Scale != 2 || z.Forward(9, 0) != 2 || z.Inverse(-1, 0) != 3 {
		t.Errorf("zscore = %+v, Forward(9) %v", z, z.Forward(9, 0))
	}
	mm, _ := FitScaler(config.ScaleMinMax, train, 0)
	if mm.Forward(2, 0) != 0 || mm.Forward(9, 0) != 1 || mm.Inverse(0.5, 0) != 5.5 {
		t.Errorf("minmax = %+v", mm)
	}
	// window, ratio mode (all > 0): lags 1 over [1, 2, 4]: 1/2−1 = −0.5, 2/4−1 = −0.5 → Scale 0.5
	w, _ := FitScaler(config.ScaleWindow, []float64{1, 2, 4}, 1)
	if !w.Ratio || w.Scale != 0.5 {
		t.Errorf("window = %+v; want ratio, scale 0.5", w)
	}
	level := w.Level([]float64{3, 8})
	if level != 8 || w.Forward(12, level) != 1 || w.Inverse(1, level) != 12 {
		t.Errorf("window Forward(12, 8) = %v; want (12/8−1)/0.5 = 1", w.Forward(12, level))
	}
	// additive mode when a value ≤ 0: lags 1 over [−1, 1, 3]: −2, −2 → Scale 2
	wa, _ := FitScaler(config.ScaleWindow, []float64{-1, 1, 3}, 1)
	if wa.Ratio || wa.Scale != 2 || wa.Forward(7, 3) != 2 || wa.Inverse(2, 3) != 7 {
		t.Errorf("additive window = %+v", wa)
	}
}

func TestScalersExtremes(t *testing.T) {
	inputs := map[string][]float64{
		"constant":  {3, 3, 3, 3},
		"zeros":     {0, 0, 0},
		"huge":      {1e300, -1e300, 5e299, 1.7e308},
		"huge span": {-1.7e308, 1.7e308},
		"tiny":      {1e-300, 2e-300, 3e-300},
	}
	for name, train := range inputs {
		for _, kind := range []config.ScalerKind{config.ScaleZScore, config.ScaleMinMax, config.ScaleWindow, config.ScaleNone} {
			s, err := FitScaler(kind, train, 2)
			if err != nil {
				t.Fatalf("%s %v: %v", name, kind, err)
			}
			if !(s.Scale > 0) || !finite(s.Scale) || !finite(s.Center) {
				t.Errorf("%s %v: scaler %+v", name, kind, s)
			}
			level := s.Level(train)
			for _, x := range train {
				u := s.Forward(x, level)
				back := s.Inverse(u, level)
				if !finite(u) || !finite(back) {
					t.Errorf("%s %v: Forward(%g) = %g, Inverse = %g", name, kind, x, u, back)
				}
				// exact up to the rounding of the largest training values
				if maxAbs := math.Max(math.Abs(train[0]), math.Abs(train[len(train)-1])); name != "huge span" && math.Abs(back-x) > 1e-12*math.Max(maxAbs, 1.7e308*btoi(name == "huge")) {
					t.Errorf("%s %v: round trip %g → %g", name, kind, x, back)
				}
			}
		}
	}
	if _, err := FitScaler(config.ScaleZScore, []float64{1, math.NaN()}, 0); err == nil {
		t.Error("NaN training value: no error")
	}
}

func TestPlan(t *testing.T) {
	set := config.DefaultSettings()
	set.Window, set.Season = 24, 12
	// 144 points, W=24, H=12, 20 %: End = 132; 97 windows before the holdout,
	// round(0.2·97) = 19 for validation: origins 102…120, training 24…90.
	p, err := NewPlan(144, set, true)
	if err != nil {
		t.Fatal(err)
	}
	if p.End != 132 || p.FirstVal != 102 || p.TrainLast != 90 || p.O != 12 || p.Overlap() {
		t.Errorf("NewPlan(144) = %+v", p)
	}
	if p.TrainEnd() > p.FirstVal {
		t.Errorf("training targets reach %d, past the first validation target %d", p.TrainEnd(), p.FirstVal)
	}
	if v, h := p.Spans(); v != 102 || h != 132 {
		t.Errorf("Spans = %d, %d; want 102, 132", v, h)
	}
	// without a holdout every point is for training and validation
	if q, _ := NewPlan(144, set, false); q.End != 144 || q.Holdout {
		t.Errorf("no holdout: %+v", q)
	}
	// a seasonal difference shifts every index by its lag; recursive has one output
	set.Transform, set.Strategy = config.TransformSeasonalDiff, config.StrategyRecursive
	q, err := NewPlan(144, set, true)
	if err != nil {
		t.Fatal(err)
	}
	if q.Lag != 12 || q.O != 1 || q.End != 120 {
		t.Errorf("seasonal_diff recursive: %+v", q)
	}
	if v, h := q.Spans(); h != 132 || v != 12+q.FirstVal {
		t.Errorf("Spans = %d, %d; want %d, 132", v, h, 12+q.FirstVal)
	}
	// a short series validates on the latest training windows, and says so
	set = config.DefaultSettings()
	set.Window = 10
	short, err := NewPlan(10+12+8+12+2, set, true)
	if err != nil {
		t.Fatal(err)
	}
	if !short.Overlap() || short.TrainLast != short.End-short.O {
		t.Errorf("short: %+v", short)
	}
	if _, err := NewPlan(40, set, true); !errors.Is(err, tsdata.ErrTooShort) {
		t.Errorf("too short for 8 windows: %v", err)
	}
}

func TestWindowLength(t *testing.T) {
	if w := defaultWindow(12, 12); w != 24 {
		t.Errorf("defaultWindow(12,12) = %d; want 24", w)
	}
	if w := defaultWindow(1440, 10); w != 256 {
		t.Errorf("defaultWindow(1440,10) = %d; want 256", w)
	}
	if w, err := fitWindow(60, 0, 1, 10); err != nil || w != 20 {
		t.Errorf("fitWindow(60,1,10) = %d, %v; want 20", w, err)
	}
	// 50 points: 50 − 36 − 7 = 7 < H = 12: no window fits
	if w, err := fitWindow(50, 0, 12, 12); err == nil {
		t.Errorf("fitWindow(50,12,12) = %d; want an error", w)
	}
}

func btoi(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func TestParseScaler(t *testing.T) {
	for _, s := range []string{"none", "zscore", "minmax", "window"} {
		if k, err := config.ParseScaler(s); err != nil || k.String() != s {
			t.Errorf("ParseScaler(%q) = %v, %v", s, k, err)
		}
	}
	if _, err := config.ParseScaler("robust"); err == nil {
		t.Error("ParseScaler(robust): no error")
	}
	if _, err := FitScaler(config.ScaleZScore, nil, 0); err == nil {
		t.Error("FitScaler(nil): no error")
	}
	// window scaler, ratio mode, with a level ≤ 0 never seen in training: still finite and invertible
	w, _ := FitScaler(config.ScaleWindow, []float64{1, 2, 3, 4}, 2)
	u := w.Forward(5, -2)
	if !finite(u) || !approxEqual(w.Inverse(u, -2), 5, 1e-12) {
		t.Errorf("level -2: Forward %v Inverse %v", u, w.Inverse(u, -2))
	}
}

// TestScalerJSONKindNumber: a Scaler keeps its kind as the number model
// files have always held, and refuses a number that is no kind.
func TestScalerJSONKindNumber(t *testing.T) {
	b, err := json.Marshal(Scaler{Kind: config.ScaleWindow, Center: 2, Scale: 0.5, Ratio: true})
	if err != nil || string(b) != `{"kind":3,"center":2,"scale":0.5,"ratio":true}` {
		t.Errorf("json.Marshal(Scaler) = %s, %v", b, err)
	}
	var s Scaler
	if err := json.Unmarshal(b, &s); err != nil || s != (Scaler{Kind: config.ScaleWindow, Center: 2, Scale: 0.5, Ratio: true}) {
		t.Errorf("json.Unmarshal = %+v, %v", s, err)
	}
	for _, bad := range []string{`{"kind":4,"center":0,"scale":1}`, `{"kind":-1,"center":0,"scale":1}`, `{"kind":"window"}`} {
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("json.Unmarshal(%s): no error", bad)
		}
	}
}

// TestTooShortSaysWhatFixesIt: the error for a series too short for the
// horizon names a fix that works. The numbers follow rowsFor by hand:
// W + 3H + 7 rows, with the shortest window W = max(H, 2).
func TestTooShortSaysWhatFixesIt(t *testing.T) {
	for _, c := range []struct {
		n, lag, h int
		want      string
	}{
		// 50 rows: H = 10 needs 10+30+7 = 47 ≤ 50, H = 11 needs 51.
		{50, 0, 12, "horizon 12 needs at least 55; shorten the horizon to 10 or less, or use a series of at least 55 rows"},
		// 12 rows: H = 1 needs 2+3+7 = 12, so it fits.
		{12, 0, 12, "series has 12 rows; horizon 12 needs at least 55; only horizon 1 fits; set it, or use a series of at least 55 rows"},
		// 11 rows: nothing fits; shortening cannot help.
		{11, 0, 12, "no horizon fits: even horizon 1 needs 12 rows"},
		// 12 rows differenced: 11 left, so nothing fits, and the lag is said.
		{11, 1, 12, "series has 12 rows; horizon 12 needs at least 56; no horizon fits: even horizon 1 needs 13 rows"},
	} {
		_, err := fitWindow(c.n, c.lag, 12, c.h)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("fitWindow(%d, %d, 12, %d) = %v; want it to contain %q", c.n, c.lag, c.h, err, c.want)
		}
		if err != nil && c.n < 12 && strings.Contains(err.Error(), "shorten") {
			t.Errorf("fitWindow(%d, …): %v; says to shorten the horizon, which cannot help", c.n, err)
		}
	}
	for n, want := range map[int]int{11: 0, 12: 1, 14: 1, 15: 2, 50: 10, 51: 11} {
		if got := maxHorizon(n); got != want {
			t.Errorf("maxHorizon(%d) = %d; want %d", n, got, want)
		}
	}
}
