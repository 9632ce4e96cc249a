package classic

import "math"

// Naive repeats the last value: ŷ[T+k] = y[T]. It panics on an empty history.
func Naive(hist []float64, h int) []float64 {
	if len(hist) == 0 {
		panic("classic: empty history")
	}
	out := make([]float64, h)
	for k := range out {
		out[k] = hist[len(hist)-1]
	}
	return out
}

// SeasonalNaive repeats the last season: ŷ[T+k] = y[T+k−m·⌈k/m⌉]. With m ≤ 1
// or fewer than m points it is Naive.
func SeasonalNaive(hist []float64, h, m int) []float64 {
	if m <= 1 || len(hist) < m {
		return Naive(hist, h)
	}
	out := make([]float64, h)
	n := len(hist)
	for k := range out {
		out[k] = hist[n-m+k%m]
	}
	return out
}

// Drift extends the line through the first and last values:
// ŷ[T+k] = y[T] + k·(y[T]−y[1])/(T−1). With one point it is Naive.
func Drift(hist []float64, h int) []float64 {
	n := len(hist)
	if n < 2 {
		return Naive(hist, h)
	}
	slope := (hist[n-1] - hist[0]) / float64(n-1)
	if math.IsInf(slope, 0) { // ±1e308 endpoints: halve before subtracting
		slope = (hist[n-1]/2 - hist[0]/2) / float64(n-1) * 2
	}
	out := make([]float64, h)
	for k := range out {
		out[k] = hist[n-1] + float64(k+1)*slope
	}
	return out
}
