package classic

import "fmt"

// Forecast is a model's point forecast with the standard deviation of its
// forecast error per step, from which Interval gives normal prediction
// intervals. Both slices have one value per step ahead.
type Forecast struct {
	Mean []float64
	SD   []float64
}

// Interval returns Mean ∓ z·SD with z the standard normal quantile at
// (1+level)/2: the model-based interval at level (e.g. 0.8 or 0.95) as R's
// forecast package gives it. It panics unless 0 < level < 1.
func (f Forecast) Interval(level float64) (lower, upper []float64) {
	if !(level > 0 && level < 1) {
		panic(fmt.Sprintf("classic: interval level %v not in (0, 1)", level))
	}
	z := normalQuantile((1 + level) / 2)
	lower, upper = make([]float64, len(f.Mean)), make([]float64, len(f.Mean))
	for i, mu := range f.Mean {
		lower[i], upper[i] = mu-z*f.SD[i], mu+z*f.SD[i]
	}
	return lower, upper
}
