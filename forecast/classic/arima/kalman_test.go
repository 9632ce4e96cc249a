package arima

import (
	"math"
	"math/rand/v2"
	"testing"
)

// likeRef is ssModel.like as first ported from R's ARIMA_Like
// (src/library/stats/src/arima.c), loop for loop: the reference the
// restructured filter must reproduce bit for bit, since the search follows
// R's optimiser path operation for operation (arimaTol).
func (m *ssModel) likeRef(y []float64, resid []float64) (ssq, sumlog float64, nu int) {
	phi, theta, delta := m.phi, m.theta, m.delta
	p, q, r, d, rd := len(phi), len(theta), m.r, m.d, m.rd
	a, P, Pnew := m.a, m.p, m.pn
	anew := make([]float64, rd)
	M := make([]float64, rd)
	var mm []float64
	if d > 0 {
		mm = make([]float64, rd*rd)
	}
	for l := range y {
		for i := 0; i < r; i++ {
			tmp := 0.0
			if i < r-1 {
				tmp = a[i+1]
			}
			if i < p {
				tmp += phi[i] * a[0]
			}
			anew[i] = tmp
		}
		if d > 0 {
			for i := r + 1; i < rd; i++ {
				anew[i] = a[i-1]
			}
			tmp := a[0]
			for i := 0; i < d; i++ {
				tmp += delta[i] * a[r+i]
			}
			anew[r] = tmp
		}
		if l > 0 {
			if d == 0 {
				for i := 0; i < r; i++ {
					vi := 0.0
					if i == 0 {
						vi = 1.0
					} else if i-1 < q {
						vi = theta[i-1]
					}
					for j := 0; j < r; j++ {
						tmp := 0.0
						if j == 0 {
							tmp = vi
						} else if j-1 < q {
							tmp = vi * theta[j-1]
						}
						if i < p && j < p {
							tmp += phi[i] * phi[j] * P[0]
						}
						if i < r-1 && j < r-1 {
							tmp += P[i+1+r*(j+1)]
						}
						if i < p && j < r-1 {
							tmp += phi[i] * P[j+1]
						}
						if j < p && i < r-1 {
							tmp += phi[j] * P[i+1]
						}
						Pnew[i+r*j] = tmp
					}
				}
			} else {
				for i := 0; i < r; i++ {
					for j := 0; j < rd; j++ {
						tmp := 0.0
						if i < p {
							tmp += phi[i] * P[rd*j]
						}
						if i < r-1 {
							tmp += P[i+1+rd*j]
						}
						mm[i+rd*j] = tmp
					}
				}
				for j := 0; j < rd; j++ {
					tmp := P[rd*j]
					for k := 0; k < d; k++ {
						tmp += delta[k] * P[r+k+rd*j]
					}
					mm[r+rd*j] = tmp
				}
				for i := 1; i < d; i++ {
					for j := 0; j < rd; j++ {
						mm[r+i+rd*j] = P[r+i-1+rd*j]
					}
				}
				for i := 0; i < r; i++ {
					for j := 0; j < rd; j++ {
						tmp := 0.0
						if i < p {
							tmp += phi[i] * mm[j]
						}
						if i < r-1 {
							tmp += mm[rd*(i+1)+j]
						}
						Pnew[j+rd*i] = tmp
					}
				}
				for j := 0; j < rd; j++ {
					tmp := mm[j]
					for k := 0; k < d; k++ {
						tmp += delta[k] * mm[rd*(r+k)+j]
					}
					Pnew[rd*r+j] = tmp
				}
				for i := 1; i < d; i++ {
					for j := 0; j < rd; j++ {
						Pnew[rd*(r+i)+j] = mm[rd*(r+i-1)+j]
					}
				}
				for i := 0; i <= q; i++ {
					vi := 1.0
					if i > 0 {
						vi = theta[i-1]
					}
					for j := 0; j <= q; j++ {
						vj := 1.0
						if j > 0 {
							vj = theta[j-1]
						}
						Pnew[i+rd*j] += vi * vj
					}
				}
			}
		}
		if !math.IsNaN(y[l]) {
			res := y[l] - anew[0]
			for i := 0; i < d; i++ {
				res -= delta[i] * anew[r+i]
			}
			for i := 0; i < rd; i++ {
				tmp := Pnew[i]
				for j := 0; j < d; j++ {
					tmp += Pnew[i+(r+j)*rd] * delta[j]
				}
				M[i] = tmp
			}
			gain := M[0]
			for j := 0; j < d; j++ {
				gain += delta[j] * M[r+j]
			}
			if gain < 1e4 {
				nu++
				ssq += res * res / gain
				sumlog += math.Log(gain)
			}
			if resid != nil {
				resid[l] = res / math.Sqrt(gain)
			}
			for i := 0; i < rd; i++ {
				a[i] = anew[i] + M[i]*res/gain
			}
			for i := 0; i < rd; i++ {
				for j := 0; j < rd; j++ {
					P[i+j*rd] = Pnew[i+j*rd] - M[i]*M[j]/gain
				}
			}
		} else {
			copy(a, anew)
			copy(P, Pnew)
			if resid != nil {
				resid[l] = math.NaN()
			}
		}
	}
	return ssq, sumlog, nu
}

// randomModel returns a model of random orders (seasonal ones among them)
// with stationary, invertible coefficients and a series of n points with
// some missing.
func randomModel(rng *rand.Rand, n int) (phi, theta, delta, y []float64) {
	m := []int{1, 4, 7, 12}[rng.IntN(4)]
	p, q := rng.IntN(4), rng.IntN(4)
	P, Q := rng.IntN(2), rng.IntN(2)
	if m == 1 {
		P, Q = 0, 0
	}
	coef := func(k int) []float64 {
		c := make([]float64, k)
		for i := range c {
			c[i] = (rng.Float64() - 0.5) * 0.8 / float64(k)
		}
		return c
	}
	phi = mulLag(coef(p), coef(P), m)
	theta = mulLag(coef(q), coef(Q), m)
	d, D := rng.IntN(3), rng.IntN(2)
	if m == 1 {
		D = 0
	}
	delta = diffPoly(d, D, m)
	y = make([]float64, n)
	for i := range y {
		y[i] = rng.NormFloat64() + 0.1*float64(i)
		if rng.IntN(20) == 0 {
			y[i] = math.NaN()
		}
	}
	return phi, theta, delta, y
}

// mulLag returns the coefficients of (1 − Σa_i Lⁱ)(1 − Σs_j L^{jm}) as an
// AR polynomial's, zero padded.
func mulLag(a, s []float64, m int) []float64 {
	n := len(a) + len(s)*m
	out := make([]float64, n)
	copy(out, a)
	for j, sv := range s {
		out[(j+1)*m-1] += sv
		for i, av := range a {
			out[(j+1)*m+i] -= av * sv
		}
	}
	return out
}

// diffPoly is the Δ of (1 − L)^d (1 − L^m)^D as makeARIMA takes it.
func diffPoly(d, D, m int) []float64 {
	poly := []float64{1}
	mul := func(lag int) {
		next := make([]float64, len(poly)+lag)
		for i, v := range poly {
			next[i] += v
			next[i+lag] -= v
		}
		poly = next
	}
	for range d {
		mul(1)
	}
	for range D {
		mul(m)
	}
	delta := make([]float64, len(poly)-1)
	for i := range delta {
		delta[i] = -poly[i+1]
	}
	return delta
}

// TestLikeMatchesReference: the filter gives the reference port's sums,
// count, residuals and final state on 300 random models, bit for bit but
// for the sign of an exact zero (== equates −0 and +0; see nonzero).
func TestLikeMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 7))
	for c := range 300 {
		phi, theta, delta, y := randomModel(rng, 30+rng.IntN(120))
		got, want := makeARIMA(phi, theta, delta, 1e6), makeARIMA(phi, theta, delta, 1e6)
		rg, rw := make([]float64, len(y)), make([]float64, len(y))
		s1, l1, n1 := got.like(y, rg)
		s2, l2, n2 := want.likeRef(y, rw)
		if !same(s1, s2) || !same(l1, l2) || n1 != n2 {
			t.Fatalf("case %d (p=%d q=%d d=%d): like = %v, %v, %d; reference %v, %v, %d", c, len(phi), len(theta), len(delta), s1, l1, n1, s2, l2, n2)
		}
		for i := range rg {
			if !same(rg[i], rw[i]) {
				t.Fatalf("case %d: residual %d = %v; reference %v", c, i, rg[i], rw[i])
			}
		}
		for i := range got.p {
			if !same(got.p[i], want.p[i]) {
				t.Fatalf("case %d: P[%d] = %v; reference %v", c, i, got.p[i], want.p[i])
			}
		}
		for i := range got.a {
			if !same(got.a[i], want.a[i]) {
				t.Fatalf("case %d: a[%d] = %v; reference %v", c, i, got.a[i], want.a[i])
			}
		}
	}
}

// same reports whether x and y are the same number: equal, or both NaN.
func same(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }

// BenchmarkLike times one pass of the filter of ARIMA(0,1,1)(0,1,1)[12]
// (the airline model: 27 states) over 132 monthly points.
func BenchmarkLike(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	theta := mulLag([]float64{-0.4}, []float64{-0.6}, 12)
	for i := range theta {
		theta[i] = -theta[i]
	}
	y := make([]float64, 132)
	for i := range y {
		y[i] = rng.NormFloat64()
	}
	m := makeARIMA(nil, theta, diffPoly(1, 1, 12), 1e6)
	for b.Loop() {
		m.update(nil, theta)
		m.like(y, nil)
	}
}

// BenchmarkAuto times the stepwise search on the bundled AirPassengers
// (R's fixture series, m = 12).
func BenchmarkAuto(b *testing.B) {
	for _, c := range rCases(b) {
		if c.Name != "air_passengers_monthly_passengers_full" {
			continue
		}
		for b.Loop() {
			if _, _, err := Auto(c.Y, c.M); err != nil {
				b.Fatal(err)
			}
		}
		return
	}
	b.Fatal("no AirPassengers fixture")
}

// BenchmarkGetQ0 times the stationary covariance of ARIMA(2,0,0)(2,0,0)[12]
// (26 AR coefficients: AS 154 on 351 unknowns), which every likelihood of
// such a model starts from.
func BenchmarkGetQ0(b *testing.B) {
	phi := mulLag([]float64{0.3, 0.2}, []float64{0.3, 0.2}, 12)
	for b.Loop() {
		getQ0(phi, nil)
	}
}
