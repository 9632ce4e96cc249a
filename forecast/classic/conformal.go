package classic

import (
	"math"
	"sort"
)

// ConformalQuantiles returns split-conformal interval half-widths per
// horizon step: q[l][k] is the ⌈(n+1)·levels[l]⌉-th smallest absolute
// residual of step k, n = len(residuals[k]) — the finite-sample quantile
// that gives coverage ≥ level for exchangeable residuals. residuals[k]
// holds the calibration residuals (actual − forecast) of step k+1; NaNs are
// ignored. When n is too small for a level (n < calibrationSize(level)) the
// largest residual is used, and the interval may under-cover. Levels must be
// in (0, 1); it panics otherwise.
func ConformalQuantiles(residuals [][]float64, levels ...float64) [][]float64 {
	q := make([][]float64, len(levels))
	for l := range q {
		q[l] = make([]float64, len(residuals))
	}
	abs := make([]float64, 0, 64)
	for k, r := range residuals {
		abs = abs[:0]
		for _, v := range r {
			if !math.IsNaN(v) {
				abs = append(abs, math.Abs(v))
			}
		}
		sort.Float64s(abs)
		n := len(abs)
		for l, level := range levels {
			if !(level > 0 && level < 1) {
				panic("classic: conformal level must be in (0, 1)")
			}
			if n == 0 {
				q[l][k] = math.NaN()
				continue
			}
			idx := int(math.Ceil(float64(n+1)*level)) - 1
			idx = max(0, min(idx, n-1))
			q[l][k] = abs[idx]
		}
	}
	return q
}

// calibrationSize is the fewest calibration residuals for which the
// split-conformal quantile at level is finite: ⌈level/(1−level)⌉
// (4 for 80 %, 19 for 95 %).
func calibrationSize(level float64) int {
	return int(math.Ceil(level/(1-level) - 1e-9))
}

// ConformalInterval returns point ± q per step.
func ConformalInterval(point, q []float64) (lower, upper []float64) {
	checkLen(point, q)
	lower, upper = make([]float64, len(point)), make([]float64, len(point))
	for i := range point {
		lower[i], upper[i] = point[i]-q[i], point[i]+q[i]
	}
	return lower, upper
}
