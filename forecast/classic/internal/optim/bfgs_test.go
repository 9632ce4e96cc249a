package optim

import (
	"math"
	"slices"
	"testing"
)

// R 4.2.2 (same fr as the Nelder-Mead test):
//
//	r <- optim(c(-1.2, 1), fr, method = "BFGS", hessian = TRUE)
//	r <- optim(c(-1.2, 1), fr, method = "BFGS", control = list(parscale = c(2, 0.5)))
//	optimHess(r$par, fr, control = list(parscale = c(2, 0.5)))
//
// printed with %.17g. Same steps, same numbers: 1e-12 relative covers libm.
func TestBFGSMatchesR(t *testing.T) {
	for _, tc := range []struct {
		scale []float64
		x     []float64
		f     float64
		evals int
		hess  []float64
	}{
		{nil, []float64{0.99980443323139745, 0.99960838062348123}, 3.8273827561079511e-08, 118,
			[]float64{801.68813340155748, -399.92177329254457, -399.92177329254457, 199.99999999998923}},
		{[]float64{2, 0.5}, []float64{0.99918946797823327, 0.99837951499901156}, 6.5696276546328176e-07, 95,
			[]float64{800.70570550272896, -399.67578719126459, -399.67578719126459, 199.99999999997817}},
	} {
		x0 := []float64{-1.2, 1}
		s := &Scaled{F: rosenbrock, ParScale: tc.scale}
		res, err := BFGS(s, x0, -1)
		if err != nil {
			t.Fatal(err)
		}
		for i := range tc.x {
			if math.Abs(res.X[i]-tc.x[i]) > 1e-12 {
				t.Errorf("parscale %v: x[%d] = %.17g; R %.17g", tc.scale, i, res.X[i], tc.x[i])
			}
		}
		if math.Abs(res.F-tc.f) > 1e-12*tc.f || res.Evals != tc.evals || res.Fail != 0 {
			t.Errorf("parscale %v: f = %.17g after %d evaluations (fail %d); R %.17g after %d", tc.scale, res.F, res.Evals, res.Fail, tc.f, tc.evals)
		}
		h, err := Hessian(s, res.X)
		if err != nil {
			t.Fatal(err)
		}
		for k, want := range tc.hess {
			// R's hessian is column-major and symmetric
			if got := h[k/2][k%2]; math.Abs(got-want) > 1e-9*math.Abs(want) {
				t.Errorf("parscale %v: hessian[%d][%d] = %.17g; R %.17g", tc.scale, k/2, k%2, got, want)
			}
		}
		if !slices.Equal(x0, []float64{-1.2, 1}) {
			t.Error("BFGS modified par0")
		}
	}
}

func TestBFGSNotFinite(t *testing.T) {
	s := &Scaled{F: func(x []float64) float64 { return math.NaN() }}
	if _, err := BFGS(s, []float64{1}, -1); err != ErrNotFinite {
		t.Errorf("NaN objective: %v; want ErrNotFinite", err)
	}
}
