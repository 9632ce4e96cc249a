package lstm

import (
	"math"
	"testing"
)

// TestFastMath compares the activations with the math package over
// [−40, 40] on a fine grid and at the special values.
func TestFastMath(t *testing.T) {
	var we, ws, wt float64
	for i := -4000000; i <= 4000000; i++ {
		x := float64(i)*1e-5 + 3.1e-7
		rel := func(got, want float64) float64 {
			if got == want {
				return 0
			}
			return math.Abs(got-want) / math.Abs(want)
		}
		we = math.Max(we, rel(expFast(x), math.Exp(x)))
		ws = math.Max(ws, rel(sigmoid(x), 1/(1+math.Exp(-x))))
		wt = math.Max(wt, rel(tanh(x), math.Tanh(x)))
	}
	t.Logf("max relative error: exp %.3g, sigmoid %.3g, tanh %.3g", we, ws, wt)
	if we > 1e-15 || ws > 1e-15 || wt > 1e-15 {
		t.Errorf("max relative error exp %.3g, sigmoid %.3g, tanh %.3g; want ≤ 1e-15", we, ws, wt)
	}
	for _, x := range []float64{-1000, -709, -708, 0, 708.9, 709, 1000, math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64, 5e-324} {
		if got, want := expFast(x), math.Exp(x); math.Abs(got-want) > 1e-15*want {
			t.Errorf("expFast(%v) = %v; want %v", x, got, want)
		}
		if got, want := tanh(x), math.Tanh(x); got != want && math.Abs(got-want) > 1e-15 {
			t.Errorf("tanh(%v) = %v; want %v", x, got, want)
		}
		if s := sigmoid(x); !(s >= 0 && s <= 1) {
			t.Errorf("sigmoid(%v) = %v outside [0, 1]", x, s)
		}
	}
	if !math.IsNaN(expFast(math.NaN())) || !math.IsNaN(tanh(math.NaN())) || !math.IsNaN(sigmoid(math.NaN())) {
		t.Error("NaN not propagated")
	}
}
