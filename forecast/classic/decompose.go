package classic

import "math"

// decomposition is a classical decomposition by moving averages, as R's
// stats::decompose: trend is the centred moving average of order m (a 2×m
// average when m is even; NaN for the first and last m/2 points), and
// seasonal repeats the mean detrended value of each position in the cycle,
// normalised to sum to 0 (additive) or to average 1 (multiplicative).
// Positions count from the first observation.
type decomposition struct {
	trend    []float64
	seasonal []float64
	figure   []float64 // seasonal[i] = figure[i % m]
}

// classicalDecompose needs len(x) ≥ 2m and m ≥ 2; ok is false otherwise.
func classicalDecompose(x []float64, m int, multiplicative bool) (d decomposition, ok bool) {
	n := len(x)
	if m < 2 || n < 2*m {
		return d, false
	}
	var filter []float64
	if m%2 == 0 {
		filter = make([]float64, m+1)
		for i := range filter {
			filter[i] = 1 / float64(m)
		}
		filter[0], filter[m] = 0.5/float64(m), 0.5/float64(m)
	} else {
		filter = make([]float64, m)
		for i := range filter {
			filter[i] = 1 / float64(m)
		}
	}
	d.trend = convolve2(x, filter)
	detr := make([]float64, n)
	for i := range x {
		if multiplicative {
			detr[i] = x[i] / d.trend[i]
		} else {
			detr[i] = x[i] - d.trend[i]
		}
	}
	d.figure = make([]float64, m)
	vals := make([]float64, 0, n/m+1)
	for i := 0; i < m; i++ {
		vals = vals[:0]
		for t := i; t < n; t += m {
			if !math.IsNaN(detr[t]) {
				vals = append(vals, detr[t])
			}
		}
		d.figure[i] = meanR(vals)
	}
	fm := meanR(d.figure)
	for i := range d.figure {
		if multiplicative {
			d.figure[i] /= fm
		} else {
			d.figure[i] -= fm
		}
	}
	d.seasonal = make([]float64, n)
	for i := range d.seasonal {
		d.seasonal[i] = d.figure[i%m]
	}
	return d, true
}

// convolve2 is R's filter(x, f, sides = 2) for a filter of odd length:
// out[i] = Σ_j f[j]·x[i+o−j], o = len(f)/2, NaN where the window leaves x.
func convolve2(x, f []float64) []float64 {
	n, nf := len(x), len(f)
	o := nf / 2
	out := make([]float64, n)
	for i := range out {
		if i+o-(nf-1) < 0 || i+o >= n {
			out[i] = math.NaN()
			continue
		}
		z := 0.0
		for j := 0; j < nf; j++ {
			z += f[j] * x[i+o-j]
		}
		out[i] = z
	}
	return out
}

// meanR is the mean with R's second pass (mean.default): the mean of the
// deviations from the first estimate is added back. NaN for no values.
func meanR(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	n := float64(len(x))
	s := 0.0
	for _, v := range x {
		s += v
	}
	s /= n
	if !math.IsInf(s, 0) && !math.IsNaN(s) {
		t := 0.0
		for _, v := range x {
			t += v - s
		}
		s += t / n
	}
	return s
}

// lineFit is the least-squares line y ≈ a + b·t through the points (t[i], y[i]),
// as lsfit(t, y) gives it.
func lineFit(t, y []float64) (a, b float64) {
	mt, my := meanR(t), meanR(y)
	var sxy, sxx float64
	for i := range t {
		sxy += (t[i] - mt) * (y[i] - my)
		sxx += (t[i] - mt) * (t[i] - mt)
	}
	b = sxy / sxx
	return my - b*mt, b
}

// isConstant reports whether x is constant as forecast's is.constant
// decides it: all.equal(x, rep(x[1])), mean absolute difference at most
// √ε ≈ 1.49e-8 relative to the mean absolute value.
func isConstant(x []float64) bool {
	tol := math.Sqrt(0x1p-52)
	if len(x) == 0 {
		return true
	}
	var diff, abs float64
	for _, v := range x {
		diff += math.Abs(v - x[0])
		abs += math.Abs(v)
	}
	diff /= float64(len(x))
	abs /= float64(len(x))
	if abs > tol {
		diff /= abs
	}
	return diff <= tol
}
