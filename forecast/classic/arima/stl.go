package arima

import "math"

// stl is the seasonal-trend decomposition by loess of Cleveland, Cleveland,
// McRae & Terpenning (1990) as R's stats::stl(x, s.window) runs it without
// robustness iterations (R's Fortran stl, inner = 2, outer = 0): seasonal
// smoother of degree 0 and span sWindow, trend and low-pass smoothers of
// degree 1 with R's default spans and jumps. It needs len(x) > 2·period.
func stl(x []float64, period, sWindow int) (seasonal, trend []float64) {
	nextodd := func(v float64) int {
		k := int(math.Round(v))
		if k%2 == 0 {
			k++
		}
		return k
	}
	tWindow := nextodd(math.Ceil(1.5 * float64(period) / (1 - 1.5/float64(sWindow))))
	lWindow := nextodd(float64(period))
	jump := func(w int) int { return int(math.Ceil(float64(w) / 10)) }
	n := len(x)
	odd3 := func(v int) int {
		v = max(3, v)
		if v%2 == 0 {
			v++
		}
		return v
	}
	ns, nt, nl := odd3(sWindow), odd3(tWindow), odd3(lWindow)
	np := max(2, period)
	seasonal, trend = make([]float64, n), make([]float64, n)
	w := make([][]float64, 5)
	for i := range w {
		w[i] = make([]float64, n+2*np)
	}
	rw := make([]float64, n)
	for inner := 0; inner < 2; inner++ {
		for i := 0; i < n; i++ {
			w[0][i] = x[i] - trend[i]
		}
		stlss(w[0][:n], np, ns, 0, jump(sWindow), w[1], w[2], w[3], w[4], seasonal)
		stlfts(w[1], n+2*np, np, w[2], w[0])
		stless(w[2][:n], nl, 1, jump(lWindow), false, nil, w[0][:n], w[4])
		for i := 0; i < n; i++ {
			seasonal[i] = w[1][np+i] - w[0][i]
		}
		for i := 0; i < n; i++ {
			w[0][i] = x[i] - seasonal[i]
		}
		stless(w[0][:n], nt, 1, jump(tWindow), false, rw, trend, w[2])
	}
	return seasonal, trend
}

// stless smooths y by loess of span length and degree ideg at every
// njump-th point, interpolating linearly between them, into ys; res is
// scratch for the weights.
func stless(y []float64, length, ideg, njump int, userw bool, rw, ys, res []float64) {
	n := len(y)
	if n < 2 {
		ys[0] = y[0]
		return
	}
	// 1-based positions as in the Fortran; est wraps stlest.
	est := func(xs float64, nleft, nright int) (float64, bool) {
		return stlest(y, n, length, ideg, xs, nleft, nright, res, userw, rw)
	}
	newnj := min(njump, n-1)
	var nleft, nright int
	if length >= n {
		nleft, nright = 1, n
		for i := 1; i <= n; i += newnj {
			if v, ok := est(float64(i), nleft, nright); ok {
				ys[i-1] = v
			} else {
				ys[i-1] = y[i-1]
			}
		}
	} else if newnj == 1 {
		nsh := (length + 1) / 2
		nleft, nright = 1, length
		for i := 1; i <= n; i++ {
			if i > nsh && nright != n {
				nleft++
				nright++
			}
			if v, ok := est(float64(i), nleft, nright); ok {
				ys[i-1] = v
			} else {
				ys[i-1] = y[i-1]
			}
		}
	} else {
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
			if v, ok := est(float64(i), nleft, nright); ok {
				ys[i-1] = v
			} else {
				ys[i-1] = y[i-1]
			}
		}
	}
	if newnj != 1 {
		for i := 1; i <= n-newnj; i += newnj {
			delta := (ys[i+newnj-1] - ys[i-1]) / float64(newnj)
			for j := i + 1; j <= i+newnj-1; j++ {
				ys[j-1] = ys[i-1] + delta*float64(j-i)
			}
		}
		k := ((n-1)/newnj)*newnj + 1
		if k != n {
			if v, ok := est(float64(n), nleft, nright); ok {
				ys[n-1] = v
			} else {
				ys[n-1] = y[n-1]
			}
			if k != n-1 {
				delta := (ys[n-1] - ys[k-1]) / float64(n-k)
				for j := k + 1; j <= n-1; j++ {
					ys[j-1] = ys[k-1] + delta*float64(j-k)
				}
			}
		}
	}
}

// stlest is the loess estimate at xs from y[nleft..nright] (1-based) with
// tricube weights (times rw when userw), locally linear when ideg > 0.
func stlest(y []float64, n, length, ideg int, xs float64, nleft, nright int, w []float64, userw bool, rw []float64) (float64, bool) {
	rng := float64(n) - 1
	h := math.Max(xs-float64(nleft), float64(nright)-xs)
	if length > n {
		h += float64((length - n) / 2)
	}
	h9, h1 := 0.999*h, 0.001*h
	a := 0.0
	for j := nleft; j <= nright; j++ {
		r := math.Abs(float64(j) - xs)
		if r <= h9 {
			if r <= h1 {
				w[j-1] = 1
			} else {
				u := r / h
				u = 1 - u*u*u
				w[j-1] = u * u * u
			}
			if userw {
				w[j-1] *= rw[j-1]
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
	if h > 0 && ideg > 0 {
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
	ys := 0.0
	for j := nleft; j <= nright; j++ {
		ys += w[j-1] * y[j-1]
	}
	return ys, true
}

// stlfts is the low-pass filter: moving averages of lengths np, np and 3.
func stlfts(x []float64, n, np int, trend, work []float64) {
	stlma(x, n, np, trend)
	stlma(trend, n-np+1, np, work)
	stlma(work, n-2*np+2, 3, trend)
}

// stlma is the moving average of length len over x[0:n].
func stlma(x []float64, n, length int, ave []float64) {
	newn := n - length + 1
	flen := float64(length)
	v := 0.0
	for i := 0; i < length; i++ {
		v += x[i]
	}
	ave[0] = v / flen
	if newn > 1 {
		k, m := length, 0
		for j := 1; j < newn; j++ {
			v = v - x[m] + x[k]
			k++
			m++
			ave[j] = v / flen
		}
	}
}

// stlss smooths each cycle-subseries of y (period np) by loess, extended
// one period at both ends, into season (length n + 2np).
func stlss(y []float64, np, ns, isdeg, nsjump int, season, work1, work2, work3, work4 []float64) {
	n := len(y)
	for j := 1; j <= np; j++ {
		k := (n-j)/np + 1
		for i := 1; i <= k; i++ {
			work1[i-1] = y[(i-1)*np+j-1]
		}
		stless(work1[:k], ns, isdeg, nsjump, false, work3, work2[1:k+1], work4)
		nright := min(ns, k)
		if v, ok := stlest(work1, k, ns, isdeg, 0, 1, nright, work4, false, work3); ok {
			work2[0] = v
		} else {
			work2[0] = work2[1]
		}
		nleft := max(1, k-ns+1)
		if v, ok := stlest(work1, k, ns, isdeg, float64(k+1), nleft, k, work4, false, work3); ok {
			work2[k+1] = v
		} else {
			work2[k+1] = work2[k]
		}
		for m := 1; m <= k+2; m++ {
			season[(m-1)*np+j-1] = work2[m-1]
		}
	}
}
