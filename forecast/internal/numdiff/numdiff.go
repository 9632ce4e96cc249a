// Package numdiff measures how far numbers of ours are from a reference's
// (R's, PyTorch's) for the tests that compare them.
package numdiff

import "math"

// Scaled is the largest |a[i]−b[i]| over the largest |b[i]|, +Inf when the
// lengths differ: for residuals and other values that cross zero, where a
// relative difference of a value near zero means nothing.
func Scaled(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	d, scale := 0.0, 0.0
	for i := range a {
		d, scale = math.Max(d, math.Abs(a[i]-b[i])), math.Max(scale, math.Abs(b[i]))
	}
	if d == 0 {
		return 0
	}
	return d / scale
}
