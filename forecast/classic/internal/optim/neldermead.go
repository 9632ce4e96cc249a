// Package optim holds the two minimisers R's optim() offers that the
// classical methods of package classic are defined by: Nelder-Mead (the
// search forecast::ets runs) and BFGS with finite-difference gradients and
// Hessian (the one stats::arima runs). They follow R's C code (src/appl/optim.c,
// after J.C. Nash, Compact Numerical Methods for Computers, 1990) step for step,
// including its constants, its order of arithmetic and its stopping rules,
// because a fitted model is only the same as R's when the search takes the
// same path: a different but equally valid minimiser stops elsewhere on a
// flat likelihood, and the forecasts differ in the fourth digit.
package optim

import "math"

// NelderMeadSettings are R's nmmin arguments. The zero value is not useful:
// use DefaultNelderMead.
type NelderMeadSettings struct {
	AbsTol  float64 // stop when the best value is ≤ AbsTol
	RelTol  float64 // stop when the simplex's values span ≤ RelTol·(|f0|+RelTol)
	Alpha   float64 // reflection
	Beta    float64 // contraction
	Gamma   float64 // expansion
	MaxEval int     // function evaluations
}

// DefaultNelderMead returns the settings forecast::ets passes to nmmin:
// abstol −Inf, reltol √ε, reflection 1, contraction 0.5, expansion 2,
// at most 2000 evaluations.
func DefaultNelderMead() NelderMeadSettings {
	return NelderMeadSettings{AbsTol: math.Inf(-1), RelTol: math.Sqrt(0x1p-52), Alpha: 1, Beta: 0.5, Gamma: 2, MaxEval: 2000}
}

// Result is where a minimiser stopped.
type Result struct {
	X     []float64
	F     float64
	Evals int
	Fail  int // 0 converged, 1 evaluation or iteration limit, 10 simplex could not shrink
}

// big replaces a non-finite function value inside the search, as in R.
const big = 1.0e+35

// NelderMead minimises f from x0 (not modified) as R's nmmin does. f must be
// finite at x0; ok is false when it is not.
func NelderMead(f func([]float64) float64, x0 []float64, s NelderMeadSettings) (res Result, ok bool) {
	n := len(x0)
	bvec := append([]float64(nil), x0...)
	fv := f(bvec)
	if math.IsNaN(fv) || math.IsInf(fv, 0) {
		return Result{X: bvec, F: fv}, false
	}
	if s.MaxEval <= 0 {
		return Result{X: bvec, F: fv}, true
	}
	funcount := 1
	convtol := s.RelTol * (math.Abs(fv) + s.RelTol)
	n1 := n + 1
	c := n + 2
	// p[i][j]: row i < n is coordinate i of vertex j, row n its value; column
	// c-1 holds the centroid.
	p := make([][]float64, n+1)
	for i := range p {
		p[i] = make([]float64, n+2)
	}
	p[n1-1][0] = fv
	for i := 0; i < n; i++ {
		p[i][0] = bvec[i]
	}
	l := 1
	size := 0.0
	step := 0.0
	for i := 0; i < n; i++ {
		if 0.1*math.Abs(bvec[i]) > step {
			step = 0.1 * math.Abs(bvec[i])
		}
	}
	if step == 0.0 {
		step = 0.1
	}
	for j := 2; j <= n1; j++ {
		for i := 0; i < n; i++ {
			p[i][j-1] = bvec[i]
		}
		trystep := step
		for p[j-2][j-1] == bvec[j-2] {
			p[j-2][j-1] = bvec[j-2] + trystep
			trystep *= 10
		}
		size += trystep
	}
	oldsize := size
	calcvert := true
	fail := 0
	eval := func() float64 {
		v := f(bvec)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			v = big
		}
		funcount++
		return v
	}
	for {
		if calcvert {
			for j := 0; j < n1; j++ {
				if j+1 != l {
					for i := 0; i < n; i++ {
						bvec[i] = p[i][j]
					}
					p[n1-1][j] = eval()
				}
			}
			calcvert = false
		}
		vl := p[n1-1][l-1]
		vh := vl
		h := l
		for j := 1; j <= n1; j++ {
			if j != l {
				v := p[n1-1][j-1]
				if v < vl {
					l = j
					vl = v
				}
				if v > vh {
					h = j
					vh = v
				}
			}
		}
		if vh <= vl+convtol || vl <= s.AbsTol {
			break
		}
		for i := 0; i < n; i++ {
			temp := -p[i][h-1]
			for j := 0; j < n1; j++ {
				temp += p[i][j]
			}
			p[i][c-1] = temp / float64(n)
		}
		for i := 0; i < n; i++ {
			bvec[i] = (1.0+s.Alpha)*p[i][c-1] - s.Alpha*p[i][h-1]
		}
		vr := eval()
		if vr < vl {
			p[n1-1][c-1] = vr
			for i := 0; i < n; i++ {
				v := s.Gamma*bvec[i] + (1-s.Gamma)*p[i][c-1]
				p[i][c-1] = bvec[i]
				bvec[i] = v
			}
			fe := eval()
			if fe < vr {
				for i := 0; i < n; i++ {
					p[i][h-1] = bvec[i]
				}
				p[n1-1][h-1] = fe
			} else {
				for i := 0; i < n; i++ {
					p[i][h-1] = p[i][c-1]
				}
				p[n1-1][h-1] = vr
			}
		} else {
			if vr < vh {
				for i := 0; i < n; i++ {
					p[i][h-1] = bvec[i]
				}
				p[n1-1][h-1] = vr
			}
			for i := 0; i < n; i++ {
				bvec[i] = (1-s.Beta)*p[i][h-1] + s.Beta*p[i][c-1]
			}
			fc := eval()
			if fc < p[n1-1][h-1] {
				for i := 0; i < n; i++ {
					p[i][h-1] = bvec[i]
				}
				p[n1-1][h-1] = fc
			} else if vr >= vh {
				// shrink towards the lowest vertex
				calcvert = true
				size = 0.0
				for j := 0; j < n1; j++ {
					if j+1 != l {
						for i := 0; i < n; i++ {
							p[i][j] = s.Beta*(p[i][j]-p[i][l-1]) + p[i][l-1]
							size += math.Abs(p[i][j] - p[i][l-1])
						}
					}
				}
				if size < oldsize {
					oldsize = size
				} else {
					fail = 10
					break
				}
			}
		}
		if funcount > s.MaxEval {
			break
		}
	}
	x := make([]float64, n)
	for i := 0; i < n; i++ {
		x[i] = p[i][l-1]
	}
	if funcount > s.MaxEval {
		fail = 1
	}
	return Result{X: x, F: p[n1-1][l-1], Evals: funcount, Fail: fail}, true
}
