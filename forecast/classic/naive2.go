package classic

import "math"

// Naive2 is the M4 competition's benchmark forecast (Makridakis et al.
// 2020, the organisers' "Benchmarks and Evaluation.R"): the naive forecast
// of the seasonally adjusted series, seasonalised again. The series is
// adjusted when m > 1, it has at least 3m points and its autocorrelation at
// lag m passes the 90 % test (|r_m| > 1.645·√((1 + 2Σ_{k<m} r_k²)/n), as
// thetaf's); the adjustment divides by a classical multiplicative
// decomposition's seasonal indices (stats::decompose), and the forecast is
// the last adjusted value times the indices of the steps ahead. Otherwise
// it is Naive.
func Naive2(hist []float64, h, m int) []float64 {
	n := len(hist)
	if m <= 1 || n < 3*m || isConstant(hist) || !seasonalACF(hist, m) {
		return Naive(hist, h)
	}
	d, ok := classicalDecompose(hist, m, true)
	if !ok {
		return Naive(hist, h)
	}
	last := hist[n-1] / d.seasonal[n-1]
	out := make([]float64, h)
	for k := range out {
		out[k] = last * d.figure[(n+k)%m]
	}
	return out
}

// OWA is the M4 competition's overall weighted average of a forecast's
// sMAPE and MASE relative to Naive2's on the same points:
// (sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2)/2; below 1 beats Naive2. It is
// NaN when either Naive2 error is zero or undefined.
func OWA(smape, mase, smapeNaive2, maseNaive2 float64) float64 {
	if !(smapeNaive2 > 0) || !(maseNaive2 > 0) || math.IsInf(smapeNaive2, 0) || math.IsInf(maseNaive2, 0) {
		return math.NaN()
	}
	return (smape/smapeNaive2 + mase/maseNaive2) / 2
}
