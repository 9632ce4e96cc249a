package optim

import (
	"errors"
	"math"
)

// ErrNotFinite is returned when the objective is not finite at the
// starting point, or a finite-difference derivative is not finite (R's
// optim stops with an error in both cases).
var ErrNotFinite = errors.New("optim: objective or its finite difference not finite")

// Scaled is an objective as R's optim() sees it with control$parscale:
// the search runs over p = par/parscale, and derivatives are central
// differences with step NDeps (R's ndeps, 1e-3) in p.
type Scaled struct {
	F        func(par []float64) float64
	ParScale []float64 // nil: all 1
	NDeps    float64   // 0: 1e-3
	buf      []float64
}

func (s *Scaled) scale(i int) float64 {
	if s.ParScale == nil {
		return 1
	}
	return s.ParScale[i]
}

func (s *Scaled) ndeps() float64 {
	if s.NDeps == 0 {
		return 1e-3
	}
	return s.NDeps
}

// value is R's fminfn: F(p·parscale).
func (s *Scaled) value(p []float64) float64 {
	s.buf = s.buf[:0]
	for i, v := range p {
		s.buf = append(s.buf, v*s.scale(i))
	}
	return s.F(s.buf)
}

// grad is R's fmingr without bounds: df[i] = (F(p+ε·e_i) − F(p−ε·e_i))/2ε.
func (s *Scaled) grad(p, df []float64) error {
	x := make([]float64, len(p))
	for i, v := range p {
		x[i] = v * s.scale(i)
	}
	eps := s.ndeps()
	for i := range p {
		x[i] = (p[i] + eps) * s.scale(i)
		v1 := s.F(x)
		x[i] = (p[i] - eps) * s.scale(i)
		v2 := s.F(x)
		df[i] = (v1 - v2) / (2 * eps)
		if math.IsNaN(df[i]) || math.IsInf(df[i], 0) {
			return ErrNotFinite
		}
		x[i] = p[i] * s.scale(i)
	}
	return nil
}

// BFGS settings of R's optim (method "BFGS"): at most MaxIter iterations,
// stop when the value changes by less than RelTol·(|f|+RelTol).
const (
	bfgsMaxIter = 100
	stepredn    = 0.2
	acctol      = 0.0001
	reltest     = 10.0
)

// BFGS minimises s.F from par0 (not modified) as R's optim(par0, fn,
// method = "BFGS", control = list(parscale = s.ParScale)) does: Nash's
// variable-metric method (vmmin) with R's line search, restarts and
// defaults (maxit 100, reltol √ε, abstol −Inf). maxit < 0 means the
// default; maxit = 0 evaluates F at par0 only. The result's X is on the
// scale of par0; Fail is 1 when the iteration limit was reached.
func BFGS(s *Scaled, par0 []float64, maxit int) (Result, error) {
	if maxit < 0 {
		maxit = bfgsMaxIter
	}
	reltol := math.Sqrt(0x1p-52)
	abstol := math.Inf(-1)
	n := len(par0)
	b := make([]float64, n)
	for i, v := range par0 {
		b[i] = v / s.scale(i)
	}
	out := func(fmin float64, fail int, evals int) Result {
		x := make([]float64, n)
		for i := range b {
			x[i] = b[i] * s.scale(i)
		}
		return Result{X: x, F: fmin, Fail: fail, Evals: evals}
	}
	if maxit == 0 {
		return out(s.value(b), 0, 1), nil
	}
	g := make([]float64, n)
	t := make([]float64, n)
	x := make([]float64, n)
	c := make([]float64, n)
	bm := make([][]float64, n) // lower triangle of the inverse Hessian estimate
	for i := range bm {
		bm[i] = make([]float64, i+1)
	}
	f := s.value(b)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Result{}, ErrNotFinite
	}
	fmin := f
	funcount, gradcount := 1, 1
	if err := s.grad(b, g); err != nil {
		return Result{}, err
	}
	iter := 1
	ilast := gradcount
	count := 0
	for {
		if ilast == gradcount {
			for i := 0; i < n; i++ {
				for j := 0; j < i; j++ {
					bm[i][j] = 0
				}
				bm[i][i] = 1
			}
		}
		for i := 0; i < n; i++ {
			x[i] = b[i]
			c[i] = g[i]
		}
		gradproj := 0.0
		for i := 0; i < n; i++ {
			sum := 0.0
			for j := 0; j <= i; j++ {
				sum -= bm[i][j] * g[j]
			}
			for j := i + 1; j < n; j++ {
				sum -= bm[j][i] * g[j]
			}
			t[i] = sum
			gradproj += sum * g[i]
		}
		if gradproj < 0 { // downhill
			steplength := 1.0
			accpoint := false
			for {
				count = 0
				for i := 0; i < n; i++ {
					b[i] = x[i] + steplength*t[i]
					if reltest+x[i] == reltest+b[i] {
						count++
					}
				}
				if count < n {
					f = s.value(b)
					funcount++
					accpoint = !math.IsNaN(f) && !math.IsInf(f, 0) && f <= fmin+gradproj*steplength*acctol
					if !accpoint {
						steplength *= stepredn
					}
				}
				if count == n || accpoint {
					break
				}
			}
			enough := f > abstol && math.Abs(f-fmin) > reltol*(math.Abs(fmin)+reltol)
			if !enough {
				count = n
				fmin = f
			}
			if count < n { // making progress
				fmin = f
				if err := s.grad(b, g); err != nil {
					return Result{}, err
				}
				gradcount++
				iter++
				d1 := 0.0
				for i := 0; i < n; i++ {
					t[i] = steplength * t[i]
					c[i] = g[i] - c[i]
					d1 += t[i] * c[i]
				}
				if d1 > 0 {
					d2 := 0.0
					for i := 0; i < n; i++ {
						sum := 0.0
						for j := 0; j <= i; j++ {
							sum += bm[i][j] * c[j]
						}
						for j := i + 1; j < n; j++ {
							sum += bm[j][i] * c[j]
						}
						x[i] = sum
						d2 += sum * c[i]
					}
					d2 = 1.0 + d2/d1
					for i := 0; i < n; i++ {
						for j := 0; j <= i; j++ {
							bm[i][j] += (d2*t[i]*t[j] - x[i]*t[j] - t[i]*x[j]) / d1
						}
					}
				} else {
					ilast = gradcount
				}
			} else if ilast < gradcount { // no progress: restart
				count = 0
				ilast = gradcount
			}
		} else { // uphill: reset unless just reset
			count = 0
			if ilast == gradcount {
				count = n
			} else {
				ilast = gradcount
			}
		}
		if iter >= maxit {
			break
		}
		if gradcount-ilast > 2*n {
			ilast = gradcount // periodic restart
		}
		if count == n && ilast == gradcount {
			break
		}
	}
	fail := 0
	if iter >= maxit {
		fail = 1
	}
	return out(fmin, fail, funcount), nil
}

// Hessian is R's optimhess at par (not modified): central differences of
// the finite-difference gradient, step ndeps/parscale in the scaled
// parameters, then symmetrised. H[i][j] is ∂²F/∂par_i∂par_j.
func Hessian(s *Scaled, par []float64) ([][]float64, error) {
	n := len(par)
	dpar := make([]float64, n)
	for i, v := range par {
		dpar[i] = v / s.scale(i)
	}
	df1, df2 := make([]float64, n), make([]float64, n)
	h := make([][]float64, n)
	for i := range h {
		h[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		eps := s.ndeps() / s.scale(i)
		dpar[i] += eps
		if err := s.grad(dpar, df1); err != nil {
			return nil, err
		}
		dpar[i] -= 2 * eps
		if err := s.grad(dpar, df2); err != nil {
			return nil, err
		}
		for j := 0; j < n; j++ {
			h[i][j] = (df1[j] - df2[j]) / (2 * eps * s.scale(i) * s.scale(j))
		}
		dpar[i] += eps
	}
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			v := 0.5 * (h[i][j] + h[j][i])
			h[i][j], h[j][i] = v, v
		}
	}
	return h, nil
}
