package arima

import (
	"math"

	"github.com/forecaster-dev/forecaster/forecast/diagnose"
)

// kpssStat is the KPSS level-stationarity statistic (Kwiatkowski et al.
// 1992) as urca::ur.kpss(x, type = "mu", use.lag = ⌊3√n/13⌋) computes it,
// the lag ndiffs passes.
func kpssStat(x []float64) float64 {
	n := len(x)
	mean := meanR(x)
	res := make([]float64, n)
	for i, v := range x {
		res[i] = v - mean
	}
	s, num, s2 := 0.0, 0.0, 0.0
	for _, v := range res {
		s += v
		num += s * s
		s2 += v * v
	}
	fn := float64(n)
	num /= fn * fn
	s2 /= fn
	lmax := int(math.Trunc(3 * math.Sqrt(fn) / 13))
	den := s2
	if lmax > 0 {
		acc := 0.0
		for k := 1; k <= lmax; k++ {
			c := 0.0
			for i := k; i < n; i++ {
				c += res[i] * res[i-k]
			}
			acc += (1 - float64(k)/float64(lmax+1)) * c
		}
		den = s2 + 2/fn*acc
	}
	return num / den
}

// kpssPValue interpolates the statistic's p-value linearly in urca's table
// of critical values (10 %, 5 %, 2.5 %, 1 %: 0.347, 0.463, 0.574, 0.739),
// clamped at its ends, as ndiffs does with approx(rule = 2).
func kpssPValue(stat float64) float64 {
	cv := []float64{0.347, 0.463, 0.574, 0.739}
	pv := []float64{0.10, 0.05, 0.025, 0.01}
	if math.IsNaN(stat) {
		return math.NaN()
	}
	if stat <= cv[0] {
		return pv[0]
	}
	if stat >= cv[3] {
		return pv[3]
	}
	for i := 0; i < 3; i++ {
		if stat <= cv[i+1] {
			return pv[i] + (pv[i+1]-pv[i])*(stat-cv[i])/(cv[i+1]-cv[i])
		}
	}
	return pv[3]
}

// ndiffs is forecast::ndiffs(x) with its defaults: difference while the
// KPSS test rejects level stationarity at 5 %, at most twice.
func ndiffs(x []float64) int {
	const maxD = 2
	d := 0
	if isConstant(x) {
		return d
	}
	reject := func(x []float64) (bool, bool) {
		p := kpssPValue(kpssStat(x))
		return p < 0.05, !math.IsNaN(p)
	}
	dodiff, ok := reject(x)
	if !ok {
		return d
	}
	for dodiff && d < maxD {
		d++
		x = diff(x, 1, 1)
		if isConstant(x) {
			return d
		}
		if dodiff, ok = reject(x); !ok {
			return d - 1
		}
	}
	return d
}

// seasonalStrength is forecast's seas.heuristic: max(0, min(1,
// 1 − var(R)/var(R + S))) from an STL decomposition (s.window 11, as mstl
// runs it on a series of one seasonal period).
func seasonalStrength(x []float64, m int) float64 {
	seas, trend := diagnose.STLWindow(x, m, 11)
	rem := make([]float64, len(x))
	rs := make([]float64, len(x))
	for i := range x {
		rem[i] = x[i] - seas[i] - trend[i]
		rs[i] = rem[i] + seas[i]
	}
	return math.Max(0, math.Min(1, 1-variance(rem)/variance(rs)))
}

// nsdiffs is forecast::nsdiffs(x) with its defaults (test "seas", at most
// one seasonal difference): 1 when the seasonal strength exceeds 0.64.
func nsdiffs(x []float64, m int) int {
	if isConstant(x) || m >= len(x) || len(x) <= 2*m {
		return 0
	}
	if seasonalStrength(x, m) > 0.64 {
		return 1
	}
	return 0
}

// variance is the sample variance (denominator n − 1).
func variance(x []float64) float64 {
	m := meanR(x)
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return s / float64(len(x)-1)
}

// meanR is the mean with R's second pass.
func meanR(x []float64) float64 {
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

// isConstant is forecast's is.constant: all.equal(x, rep(x[1])) with
// tolerance √ε relative to the mean absolute value.
func isConstant(x []float64) bool {
	if len(x) == 0 {
		return true
	}
	tol := math.Sqrt(0x1p-52)
	var d, a float64
	for _, v := range x {
		d += math.Abs(v - x[0])
		a += math.Abs(v)
	}
	d /= float64(len(x))
	a /= float64(len(x))
	if a > tol {
		d /= a
	}
	return d <= tol
}
