package diagnose

import (
	"fmt"
	"math"
)

// Decomposition is a series split by STL into trend + seasonal + remainder,
// with the strengths of trend and season of FPP3 §4.3.
type Decomposition struct {
	Period    int       `json:"period"`
	Trend     []float64 `json:"trend"`
	Seasonal  []float64 `json:"seasonal"`
	Remainder []float64 `json:"remainder"`
	// StrengthTrend is F_T = max(0, 1 − Var(R)/Var(T+R)) and
	// StrengthSeasonal F_S = max(0, 1 − Var(R)/Var(S+R)): 0 for none, near 1
	// for a component that dominates the remainder.
	StrengthTrend    float64 `json:"strength_trend"`
	StrengthSeasonal float64 `json:"strength_seasonal"`
	// The loess spans used (R's stl()$win): trend and low-pass windows.
	TrendWindow   int `json:"-"`
	LowPassWindow int `json:"-"`
}

// STLMinLength returns the fewest values STL accepts for a seasonal period:
// more than two full seasons, 2·period + 1 (R's stl refuses n ≤ 2·period).
func STLMinLength(period int) int { return 2*period + 1 }

// STL decomposes x with seasonal period `period` as R's
// stats::stl(ts(x, frequency = period), s.window = "periodic") with every
// other argument at R's default: seasonal loess of degree 0 over a window
// of 10n+1 (so each cycle-subseries is smoothed to nearly its mean),
// trend window nextodd(⌈1.5·period/(1 − 1.5/(10n+1))⌉), low-pass window
// nextodd(period), degree 1 for both, jumps ⌈window/10⌉, two inner
// iterations, no robustness iterations; the seasonal component is then
// averaged over each position in the cycle, and remainder = x − seasonal −
// trend. It refuses a period below 2 (ErrNoSeason), a series of at most two
// seasons (*ShortError), non-finite values and a constant series. x is not
// modified.
func STL(x []float64, period int) (*Decomposition, error) {
	if period < 2 {
		return nil, fmt.Errorf("%w: period %d; STL needs a season of at least 2 steps", ErrNoSeason, period)
	}
	if err := check(x, STLMinLength(period), fmt.Sprintf("an STL decomposition with period %d (more than two seasons)", period), true); err != nil {
		return nil, err
	}
	n := len(x)
	sWindow := 10*n + 1
	tWindow := nextOdd(math.Ceil(1.5 * float64(period) / (1 - 1.5/float64(sWindow))))
	lWindow := nextOdd(float64(period))
	p := stlParams{
		np: period, ns: sWindow, nt: tWindow, nl: lWindow,
		isdeg: 0, itdeg: 1, ildeg: 1,
		nsjump: ceilDiv10(sWindow), ntjump: ceilDiv10(tWindow), nljump: ceilDiv10(lWindow),
		ni: 2,
	}
	season, trend := stl(x, p)

	// s.window = "periodic": the seasonal value of each cycle position is
	// the mean over its cycles.
	for j := 0; j < period; j++ {
		var sub []float64
		for i := j; i < n; i += period {
			sub = append(sub, season[i])
		}
		m := mean(sub)
		for i := j; i < n; i += period {
			season[i] = m
		}
	}
	rem := make([]float64, n)
	for i := range x {
		rem[i] = x[i] - season[i] - trend[i]
	}
	d := &Decomposition{Period: period, Trend: trend, Seasonal: season, Remainder: rem,
		TrendWindow: tWindow, LowPassWindow: lWindow}
	d.StrengthTrend = strength(rem, trend)
	d.StrengthSeasonal = strength(rem, season)
	return d, nil
}

// strength returns max(0, 1 − Var(r)/Var(c+r)); 0 when c+r does not vary.
func strength(r, c []float64) float64 {
	cr := make([]float64, len(r))
	for i := range r {
		cr[i] = c[i] + r[i]
	}
	vcr := variance(cr)
	if vcr <= 0 {
		return 0
	}
	return math.Max(0, 1-variance(r)/vcr)
}

// nextOdd rounds x and makes it odd by adding one (R's stl's nextodd).
func nextOdd(x float64) int {
	k := int(math.RoundToEven(x))
	if k%2 == 0 {
		k++
	}
	return k
}

func ceilDiv10(w int) int { return (w + 9) / 10 }

// stlParams are the arguments of the Fortran routine stl (R's
// src/library/stats/src/stl.f, from netlib's stl by Cleveland, Cleveland,
// McRae and Terpenning, 1990): period, the spans of the seasonal, trend and
// low-pass smoothers, their local degrees and jumps, and the number of
// inner iterations. Robustness iterations are not implemented (R's
// default, robust = FALSE).
type stlParams struct {
	np, ns, nt, nl         int
	isdeg, itdeg, ildeg    int
	nsjump, ntjump, nljump int
	ni                     int
}

// stl runs the inner loop of STL and returns the (not yet periodic)
// seasonal component and the trend. The comments name the Fortran
// routines; indices into the series are 1-based in the loess code as in
// the original, and every slice access subtracts one.
func stl(y []float64, p stlParams) (season, trend []float64) {
	n := len(y)
	// the three spans at least 3 and odd, the period at least 2
	fix := func(s int) int {
		s = max(3, s)
		if s%2 == 0 {
			s++
		}
		return s
	}
	ns, nt, nl := fix(p.ns), fix(p.nt), fix(p.nl)
	np := max(2, p.np)

	season = make([]float64, n)
	trend = make([]float64, n)
	var w [5][]float64 // work(n+2*np, 5)
	for k := range w {
		w[k] = make([]float64, n+2*np)
	}
	// stlstp
	for iter := 0; iter < p.ni; iter++ {
		for i := 0; i < n; i++ {
			w[0][i] = y[i] - trend[i]
		}
		stlss(w[0], n, np, ns, p.isdeg, p.nsjump, w[1], w[2], w[3], w[4], season)
		stlfts(w[1], n+2*np, np, w[2], w[0])
		stless(w[2], n, nl, p.ildeg, p.nljump, w[0], w[4])
		for i := 0; i < n; i++ {
			season[i] = w[1][np+i] - w[0][i]
		}
		for i := 0; i < n; i++ {
			w[0][i] = y[i] - season[i]
		}
		stless(w[0], n, nt, p.itdeg, p.ntjump, trend, w[2])
	}
	return season, trend
}

// stless smooths y[0:n] by loess of span length and degree deg, fitting
// at every njump-th point and interpolating linearly between them, into
// ys; res is scratch of length n.
func stless(y []float64, n, length, deg, njump int, ys, res []float64) {
	if n < 2 {
		ys[0] = y[0]
		return
	}
	est := func(i, nleft, nright int) {
		if v, ok := stlest(y, n, length, deg, float64(i), nleft, nright, res); ok {
			ys[i-1] = v
		} else {
			ys[i-1] = y[i-1]
		}
	}
	newnj := min(njump, n-1)
	var nleft, nright int
	switch {
	case length >= n:
		nleft, nright = 1, n
		for i := 1; i <= n; i += newnj {
			est(i, nleft, nright)
		}
	case newnj == 1:
		nsh := (length + 1) / 2
		nleft, nright = 1, length
		for i := 1; i <= n; i++ {
			if i > nsh && nright != n {
				nleft++
				nright++
			}
			est(i, nleft, nright)
		}
	default:
		nsh := (length + 1) / 2
		for i := 1; i <= n; i += newnj {
			switch {
			case i < nsh:
				nleft, nright = 1, length
			case i >= n-nsh+1:
				nleft, nright = n-length+1, n
			default:
				nleft, nright = i-nsh+1, length+i-nsh
			}
			est(i, nleft, nright)
		}
	}
	if newnj == 1 {
		return
	}
	for i := 1; i <= n-newnj; i += newnj {
		delta := (ys[i+newnj-1] - ys[i-1]) / float64(newnj)
		for j := i + 1; j <= i+newnj-1; j++ {
			ys[j-1] = ys[i-1] + delta*float64(j-i)
		}
	}
	k := ((n-1)/newnj)*newnj + 1
	if k != n {
		est(n, nleft, nright) // the window of the last fitted point, as stl.f
		if k != n-1 {
			delta := (ys[n-1] - ys[k-1]) / float64(n-k)
			for j := k + 1; j <= n-1; j++ {
				ys[j-1] = ys[k-1] + delta*float64(j-k)
			}
		}
	}
}

// stlest returns the loess fit at xs (1-based position, possibly outside
// 1…n) from y[nleft…nright] with tricube weights over the half-width
// max(xs−nleft, nright−xs) (widened by (length−n)/2 when the span exceeds
// the series), locally constant (deg 0) or linear (deg 1). w is scratch;
// ok is false when every weight is zero.
func stlest(y []float64, n, length, deg int, xs float64, nleft, nright int, w []float64) (ys float64, ok bool) {
	rng := float64(n) - 1
	h := math.Max(xs-float64(nleft), float64(nright)-xs)
	if length > n {
		h += float64((length - n) / 2) // integer division, as in stl.f
	}
	h9, h1 := 0.999*h, 0.001*h
	a := 0.0
	for j := nleft; j <= nright; j++ {
		r := math.Abs(float64(j) - xs)
		if r <= h9 {
			if r <= h1 {
				w[j-1] = 1
			} else {
				q := r / h
				q = 1 - q*q*q
				w[j-1] = q * q * q
			}
			a += w[j-1]
		} else {
			w[j-1] = 0
		}
	}
	if a <= 0 {
		return 0, false
	}
	for j := nleft; j <= nright; j++ {
		w[j-1] /= a
	}
	if h > 0 && deg > 0 {
		a = 0
		for j := nleft; j <= nright; j++ {
			a += w[j-1] * float64(j)
		}
		b := xs - a
		c := 0.0
		for j := nleft; j <= nright; j++ {
			d := float64(j) - a
			c += w[j-1] * d * d
		}
		if math.Sqrt(c) > 0.001*rng {
			b /= c
			for j := nleft; j <= nright; j++ {
				w[j-1] *= b*(float64(j)-a) + 1
			}
		}
	}
	for j := nleft; j <= nright; j++ {
		ys += w[j-1] * y[j-1]
	}
	return ys, true
}

// stlss smooths each cycle-subseries of y (positions j, j+np, j+2np …) by
// loess and extends it by one cycle at each end, writing the n+2np values
// into season. work1…work4 are scratch.
func stlss(y []float64, n, np, ns, isdeg, nsjump int, season, work1, work2, work3, work4 []float64) {
	_ = work3 // robustness weights of the subseries: unused without robustness iterations
	for j := 1; j <= np; j++ {
		k := (n-j)/np + 1
		for i := 1; i <= k; i++ {
			work1[i-1] = y[(i-1)*np+j-1]
		}
		stless(work1, k, ns, isdeg, nsjump, work2[1:], work4)
		nright := min(ns, k)
		if v, ok := stlest(work1, k, ns, isdeg, 0, 1, nright, work4); ok {
			work2[0] = v
		} else {
			work2[0] = work2[1]
		}
		nleft := max(1, k-ns+1)
		if v, ok := stlest(work1, k, ns, isdeg, float64(k+1), nleft, k, work4); ok {
			work2[k+1] = v
		} else {
			work2[k+1] = work2[k]
		}
		for m := 1; m <= k+2; m++ {
			season[(m-1)*np+j-1] = work2[m-1]
		}
	}
}

// stlfts is the low-pass filter: moving averages of lengths np, np and 3
// over x[0:n], leaving n−2np values in trend; work is scratch.
func stlfts(x []float64, n, np int, trend, work []float64) {
	stlma(x, n, np, trend)
	stlma(trend, n-np+1, np, work)
	stlma(work, n-2*np+2, 3, trend)
}

// stlma writes the n−length+1 running means of length `length` of x[0:n]
// into ave, updating the sum as the window moves, as stl.f does.
func stlma(x []float64, n, length int, ave []float64) {
	newn := n - length + 1
	flen := float64(length)
	v := 0.0
	for i := 0; i < length; i++ {
		v += x[i]
	}
	ave[0] = v / flen
	k, m := length, 0
	for j := 1; j < newn; j++ {
		v = v - x[m] + x[k]
		ave[j] = v / flen
		k++
		m++
	}
}

// STLWindow is stats::stl(x, s.window = sWindow) without robustness
// iterations (inner = 2, outer = 0): a seasonal smoother of degree 0 and
// span sWindow, trend and low-pass smoothers of degree 1 with R's default
// spans and jumps. It returns the seasonal and trend components; x needs
// more than 2·period points. auto.arima's seasonal-strength test
// (forecast/classic/arima) runs it with s.window 11, as forecast's mstl does.
func STLWindow(x []float64, period, sWindow int) (seasonal, trend []float64) {
	tWindow := nextOdd(math.Ceil(1.5 * float64(period) / (1 - 1.5/float64(sWindow))))
	lWindow := nextOdd(float64(period))
	jump := func(w int) int { return int(math.Ceil(float64(w) / 10)) }
	return stl(x, stlParams{np: period, ns: sWindow, nt: tWindow, nl: lWindow,
		isdeg: 0, itdeg: 1, ildeg: 1, nsjump: jump(sWindow), ntjump: jump(tWindow), nljump: jump(lWindow), ni: 2})
}
