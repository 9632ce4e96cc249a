package classic

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
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

// IntervalWidths returns interval half-widths per horizon step for each
// level (ascending, in (0, 1)), from calibration residuals as
// ConformalQuantiles takes them, honest when residuals are few:
//
//   - with at least calibrationSize(level) residuals for a step (4 for 80 %,
//     19 for 95 %) the split-conformal quantile;
//   - with fewer, a model-based width: the residuals' root mean square times
//     the Student t quantile with n−1 degrees of freedom (at least 1) and
//     √(1 + 1/n), the normal prediction interval with an estimated scale,
//     which widens as n shrinks instead of collapsing onto the largest
//     residual;
//   - a higher level is always strictly wider than a lower one at the same
//     step: where the quantiles tie (a small calibration set), the wider
//     level is the narrower one scaled by the ratio of the normal quantiles
//     (1.96/1.28 from 80 % to 95 %). Zero residuals give zero widths (a
//     constant series).
//
// Steps without residuals get NaN.
func IntervalWidths(residuals [][]float64, levels ...float64) [][]float64 {
	q := ConformalQuantiles(residuals, levels...)
	for k, r := range residuals {
		n := 0
		big := 0.0
		for _, v := range r {
			if !math.IsNaN(v) {
				big = math.Max(big, math.Abs(v))
				n++
			}
		}
		if n == 0 {
			continue
		}
		// root mean square, scaled by the largest residual so that residuals
		// near 1e300 do not overflow
		var ss float64
		for _, v := range r {
			if !math.IsNaN(v) && big > 0 {
				ss += (v / big) * (v / big)
			}
		}
		rms := big * math.Sqrt(ss/float64(n))
		for l, level := range levels {
			if n >= calibrationSize(level) {
				continue
			}
			t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(max(n-1, 1))}
			q[l][k] = t.Quantile((1+level)/2) * rms * math.Sqrt(1+1/float64(n))
		}
		for l := 1; l < len(levels); l++ {
			if lo := q[l-1][k]; lo > 0 && !(q[l][k] > lo) {
				q[l][k] = lo * normalQuantile((1+levels[l])/2) / normalQuantile((1+levels[l-1])/2)
			}
		}
	}
	return q
}

func normalQuantile(p float64) float64 { return distuv.UnitNormal.Quantile(p) }

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

// NonDecreasing makes interval half-widths q non-decreasing with the
// horizon (each the largest so far), which also smooths the noise of a
// small calibration set.
func NonDecreasing(q []float64) {
	for k := 1; k < len(q); k++ {
		q[k] = math.Max(q[k], q[k-1])
	}
}
