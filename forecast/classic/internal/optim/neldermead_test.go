package optim

import (
	"math"
	"slices"
	"testing"
)

// rosenbrock is R's fr, operation for operation: 100 * (x2 − x1²)² + (1 − x1)².
func rosenbrock(x []float64) float64 {
	a, b := x[1]-x[0]*x[0], 1-x[0]
	return 100*(a*a) + b*b
}

// R 4.2.2, the example of ?optim:
//
//	fr <- function(x) 100 * (x[2] - x[1]^2)^2 + (1 - x[1])^2
//	optim(c(-1.2, 1), fr)   # Nelder-Mead, default control
//
// par 1.0002601387256695 1.000505999303765, value 8.8252410967227472e-08,
// 195 function evaluations. The same steps give the same point; 1e-12 allows
// for libm differences in nothing but the last bits.
func TestNelderMeadMatchesR(t *testing.T) {
	x0 := []float64{-1.2, 1}
	s := DefaultNelderMead()
	s.MaxEval = 500 // R's optim default maxit for Nelder-Mead
	res, ok := NelderMead(rosenbrock, x0, s)
	if !ok {
		t.Fatal("not finite at the start")
	}
	want := []float64{1.0002601387256695, 1.000505999303765}
	for i := range want {
		if math.Abs(res.X[i]-want[i]) > 1e-12 {
			t.Errorf("x[%d] = %.17g; R %.17g", i, res.X[i], want[i])
		}
	}
	if math.Abs(res.F-8.8252410967227472e-08) > 1e-18 || res.Evals != 195 {
		t.Errorf("f = %.17g after %d evaluations; R 8.8252410967227472e-08 after 195", res.F, res.Evals)
	}
	if !slices.Equal(x0, []float64{-1.2, 1}) {
		t.Error("NelderMead modified x0")
	}
}

func TestNelderMeadNotFiniteStart(t *testing.T) {
	if _, ok := NelderMead(func([]float64) float64 { return math.Inf(1) }, []float64{1}, DefaultNelderMead()); ok {
		t.Error("ok = true for an infinite starting value")
	}
}
