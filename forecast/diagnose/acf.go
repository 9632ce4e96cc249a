package diagnose

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// z975 is the 97.5 % point of the standard normal, qnorm(0.975): the "1.96"
// of the 95 % bands, as R's plot.acf computes it.
var z975 = mathext.NormalQuantile(0.975)

// Band returns the half-width of the 95 % band of a correlogram of n
// values, 1.96/√n: under white noise each autocorrelation falls inside
// ±Band(n) with probability 0.95.
func Band(n int) float64 {
	if n < 1 {
		return math.NaN()
	}
	return z975 / math.Sqrt(float64(n))
}

// DefaultLags returns the number of lags a correlogram of n values with
// seasonal period m shows: max(⌊10·log10 n⌋, 2m), at most n−1 (the
// default of R's forecast::Acf, what FPP plots).
func DefaultLags(n, m int) int {
	if n < 2 {
		return 0
	}
	k := int(math.Floor(10*math.Log10(float64(n)) + 1e-9)) // exact at powers of ten
	if m > 1 {
		k = max(k, 2*m)
	}
	return min(k, n-1)
}

// check returns an error when x holds a non-finite value, fewer than
// minLen values, or (when noConstant) only one distinct value.
func check(x []float64, minLen int, what string, noConstant bool) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &NonFiniteError{Index: i, Value: v}
		}
	}
	if len(x) < minLen {
		return &ShortError{What: what, N: len(x), Need: minLen}
	}
	if noConstant && isConstant(x) {
		return &ConstantError{Value: x[0]}
	}
	return nil
}

func isConstant(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}

func checkLag(n, lag int) error {
	if lag < 1 {
		return badArgument("lag %d: the lag must be at least 1", lag)
	}
	if lag > n-1 {
		return &LagError{Asked: lag, Max: n - 1, N: n}
	}
	return nil
}

// mean returns the mean of x, correctly rounded but for rare ties: the sum
// is accumulated with Neumaier's compensation and the quotient corrected
// with a fused multiply-add. R accumulates its means in long double
// (colMeans, mean); this gives the same double in practice, which keeps the
// ill-conditioned PACF of a near-unit-root series within 1e-14 of R's.
func mean(x []float64) float64 {
	var hi, lo float64
	for _, v := range x {
		t := hi + v
		if math.Abs(hi) >= math.Abs(v) {
			lo += (hi - t) + v
		} else {
			lo += (v - t) + hi
		}
		hi = t
	}
	n := float64(len(x))
	q := hi / n
	r := -math.FMA(q, n, -hi) + lo // hi + lo − q·n
	return q + r/n
}

// variance returns the sample variance of x (denominator n−1).
func variance(x []float64) float64 {
	m := mean(x)
	s := 0.0
	for _, v := range x {
		d := v - m
		s += d * d
	}
	return s / float64(len(x)-1)
}

// acf returns the autocorrelations of x at lags 0…maxLag. x has at least
// two values, is finite and not constant; maxLag ≤ len(x)−1.
//
// As R's C_acf: x is centred, the autocovariance at lag k is
// Σ_{t=1}^{n−k} x_t·x_{t+k} / n (the biased estimator, which keeps the
// sequence positive definite), and r_k = c_k/(√c_0·√c_0), clipped to [−1, 1].
func acf(x []float64, maxLag int) []float64 {
	return acfCentred(centre(x), maxLag)
}

// centre returns x minus its mean (a new slice).
func centre(x []float64) []float64 {
	m := mean(x)
	xc := make([]float64, len(x))
	for i, v := range x {
		xc[i] = v - m
	}
	return xc
}

// acfCentred is acf for a centred xc.
func acfCentred(xc []float64, maxLag int) []float64 {
	n := len(xc)
	r := make([]float64, maxLag+1)
	for k := 0; k <= maxLag; k++ {
		s := 0.0
		for i := 0; i < n-k; i++ {
			s += xc[i+k] * xc[i]
		}
		r[k] = s / float64(n)
	}
	se := math.Sqrt(r[0])
	for k := range r {
		r[k] = math.Max(-1, math.Min(1, r[k]/(se*se)))
	}
	return r
}

// ACF returns the sample autocorrelations of x at lags 1…maxLag, equal to
// R's stats::acf(x, lag.max = maxLag)$acf[-1]. It refuses a maxLag beyond
// len(x)−1 (*LagError, naming the largest allowed), a non-finite value, and
// a constant series (*ConstantError: there is no variance to correlate).
// x is not modified.
func ACF(x []float64, maxLag int) ([]float64, error) {
	if err := check(x, 2, "an autocorrelation", true); err != nil {
		return nil, err
	}
	if err := checkLag(len(x), maxLag); err != nil {
		return nil, err
	}
	return acf(x, maxLag)[1:], nil
}

// PACF returns the sample partial autocorrelations of x at lags 1…maxLag,
// equal to R's stats::pacf: the Durbin–Levinson recursion on the
// autocorrelations of ACF, so φ_kk is the last coefficient of the AR(k)
// Yule–Walker fit. Errors as ACF; x is not modified.
func PACF(x []float64, maxLag int) ([]float64, error) {
	if err := check(x, 2, "a partial autocorrelation", true); err != nil {
		return nil, err
	}
	if err := checkLag(len(x), maxLag); err != nil {
		return nil, err
	}
	// R's pacf centres x (scale) and acf centres it again; the second pass
	// moves the values by ~1e-14, which the recursion can amplify.
	return durbinLevinson(acfCentred(centre(centre(x)), maxLag)), nil
}

// durbinLevinson returns φ_11…φ_KK from r_0…r_K (R's uni_pacf): with
// φ_k = (φ_k1…φ_kk), φ_kk = (r_k − Σ_j φ_{k−1,j} r_{k−j}) /
// (1 − Σ_j φ_{k−1,j} r_j) and φ_kj = φ_{k−1,j} − φ_kk φ_{k−1,k−j}.
func durbinLevinson(r []float64) []float64 {
	K := len(r) - 1
	p := make([]float64, K)
	w := make([]float64, K) // φ_{k,1…k}
	v := make([]float64, K)
	w[0], p[0] = r[1], r[1]
	for l := 1; l < K; l++ {
		a, b := r[l+1], 1.0
		for i := 0; i < l; i++ {
			a -= w[i] * r[l-i]
			b -= w[i] * r[i+1]
		}
		c := a / b
		p[l] = c
		if l+1 == K {
			break
		}
		w[l] = c
		for i := 0; i < l; i++ {
			v[l-i-1] = w[i]
		}
		for i := 0; i < l; i++ {
			w[i] -= c * v[i]
		}
	}
	return p
}
