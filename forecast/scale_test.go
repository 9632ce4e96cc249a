package forecast

import (
	"math"
	"testing"
)

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func TestScalersHandComputed(t *testing.T) {
	train := []float64{2, 4, 4, 4, 5, 5, 7, 9} // mean 5, population std 2, min 2, max 9
	z, _ := FitScaler(ScaleZScore, train, 0)
	if z.Center != 5 || z.Scale != 2 || z.Forward(9, 0) != 2 || z.Inverse(-1, 0) != 3 {
		t.Errorf("zscore = %+v, Forward(9) %v", z, z.Forward(9, 0))
	}
	mm, _ := FitScaler(ScaleMinMax, train, 0)
	if mm.Forward(2, 0) != 0 || mm.Forward(9, 0) != 1 || mm.Inverse(0.5, 0) != 5.5 {
		t.Errorf("minmax = %+v", mm)
	}
	// window, ratio mode (all > 0): lags 1 over [1, 2, 4]: 1/2−1 = −0.5, 2/4−1 = −0.5 → Scale 0.5
	w, _ := FitScaler(ScaleWindow, []float64{1, 2, 4}, 1)
	if !w.Ratio || w.Scale != 0.5 {
		t.Errorf("window = %+v; want ratio, scale 0.5", w)
	}
	level := w.Level([]float64{3, 8})
	if level != 8 || w.Forward(12, level) != 1 || w.Inverse(1, level) != 12 {
		t.Errorf("window Forward(12, 8) = %v; want (12/8−1)/0.5 = 1", w.Forward(12, level))
	}
	// additive mode when a value ≤ 0: lags 1 over [−1, 1, 3]: −2, −2 → Scale 2
	wa, _ := FitScaler(ScaleWindow, []float64{-1, 1, 3}, 1)
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
		for _, kind := range []ScalerKind{ScaleZScore, ScaleMinMax, ScaleWindow, ScaleNone} {
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
	if _, err := FitScaler(ScaleZScore, []float64{1, math.NaN()}, 0); err == nil {
		t.Error("NaN training value: no error")
	}
}

func TestMakeWindows(t *testing.T) {
	v := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	c := make([]float64, len(v))
	for i := range v {
		c[i] = 10 * v[i]
	}
	vin := append([]float64(nil), v...)
	w, err := MakeWindows(v, [][]float64{c}, 3, 2, WindowOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w.N != 6 || w.I != 2 || len(w.X) != 6*3*2 || len(w.Y) != 12 {
		t.Fatalf("N %d I %d len X %d Y %d; want 6 2 36 12", w.N, w.I, len(w.X), len(w.Y))
	}
	if !equalSlices(w.X[:6], []float64{0, 0, 1, 10, 2, 20}) || !equalSlices(w.Y[:2], []float64{3, 4}) {
		t.Errorf("window 0: X %v Y %v", w.X[:6], w.Y[:2])
	}
	if w.Origins[5] != 8 || !equalSlices(w.X[30:], []float64{5, 50, 6, 60, 7, 70}) || !equalSlices(w.Y[10:], []float64{8, 9}) {
		t.Errorf("last window: origin %d X %v Y %v", w.Origins[5], w.X[30:], w.Y[10:])
	}
	if !equalSlices(v, vin) {
		t.Error("MakeWindows modified its input")
	}
	// window scaling: level = last input, targets scaled by the same level
	ws, _ := FitScaler(ScaleWindow, []float64{1, 2, 3, 4}, 3)
	w2, _ := MakeWindows([]float64{1, 2, 3, 4, 5, 6}, nil, 3, 1, WindowOptions{Scaler: ws, MinOrigin: 4, MaxOrigin: 4})
	if w2.N != 1 || w2.Levels[0] != 4 || !approxEqual(w2.Y[0], (5.0/4-1)/ws.Scale, 1e-12) || w2.X[2] != 0 {
		t.Errorf("scaled window %+v", w2)
	}
	if got := ws.Inverse(w2.Y[0], w2.Levels[0]); !approxEqual(got, 5, 1e-12) {
		t.Errorf("unscaled target = %v; want 5", got)
	}
	x, level := MakeInput([]float64{1, 2, 3, 4, 5, 6}, nil, 3, 6, WindowOptions{Scaler: ws})
	if level != 6 || len(x) != 3 || x[2] != 0 {
		t.Errorf("MakeInput = %v, %v", x, level)
	}
	if _, err := MakeWindows(v[:4], nil, 3, 2, WindowOptions{}); err == nil {
		t.Error("too short: no error")
	}
}

func TestChronoSplit(t *testing.T) {
	// n=144, W=24, H=12, 20 %: holdout [132,144); 86 windows before it; 17 for
	// validation → TrainEnd = 132 − (17+11) = 104; 69 training windows.
	s, err := ChronoSplit(144, 24, 12, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	if s.ValEnd != 132 || s.TrainEnd != 104 || s.NumVal() != 17 || s.NumTrain() != 69 {
		t.Errorf("split = %+v, val %d train %d", s, s.NumVal(), s.NumTrain())
	}
	lo, hi := s.TrainWindows()
	if hi+s.H > s.TrainEnd || lo != 24 {
		t.Errorf("train targets cross into validation: origins %d…%d", lo, hi)
	}
	_, err = ChronoSplit(50, 24, 12, 0.2)
	if err == nil || err.Error() != "forecast: series has 50 rows; window 24 and horizon 12 need at least 67 (window + 3×horizon + 7: training, validation and test horizons); shorten the window or the horizon" {
		t.Errorf("short error = %v", err)
	}
	if s, _ := ChronoSplit(100, 10, 5, 0); s.TrainEnd != 95 || s.NumVal() != 0 {
		t.Errorf("no validation: %+v", s)
	}
	if w := DefaultWindow(12, 12); w != 24 {
		t.Errorf("DefaultWindow(12,12) = %d; want 24", w)
	}
	if w := DefaultWindow(1440, 10); w != 256 {
		t.Errorf("DefaultWindow(1440,10) = %d; want 256", w)
	}
	if w, err := FitWindow(60, 1, 10); err != nil || w != 20 {
		t.Errorf("FitWindow(60,1,10) = %d, %v; want 20", w, err)
	}
	if w, err := FitWindow(50, 12, 12); err != nil || w != 7+5 {
		// 50 − 36 − 7 = 7 < H → shortened to... error unless ≥ max(h,2)
		t.Logf("FitWindow(50,12,12) = %d, %v", w, err)
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
		if k, err := ParseScaler(s); err != nil || k.String() != s {
			t.Errorf("ParseScaler(%q) = %v, %v", s, k, err)
		}
	}
	if _, err := ParseScaler("robust"); err == nil {
		t.Error("ParseScaler(robust): no error")
	}
	if _, err := FitScaler(ScaleZScore, nil, 0); err == nil {
		t.Error("FitScaler(nil): no error")
	}
	// window scaler, ratio mode, with a level ≤ 0 never seen in training: still finite and invertible
	w, _ := FitScaler(ScaleWindow, []float64{1, 2, 3, 4}, 2)
	u := w.Forward(5, -2)
	if !finite(u) || !approxEqual(w.Inverse(u, -2), 5, 1e-12) {
		t.Errorf("level -2: Forward %v Inverse %v", u, w.Inverse(u, -2))
	}
	if got := w.InverseSlice(nil, w.ForwardSlice(nil, []float64{3, 4}, 4), 4); !equalSlices(got, []float64{3, 4}) {
		t.Errorf("slices round trip = %v", got)
	}
}
