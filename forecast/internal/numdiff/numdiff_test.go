package numdiff

import (
	"math"
	"testing"
)

func TestScaled(t *testing.T) {
	for _, c := range []struct {
		a, b []float64
		want float64
	}{
		{[]float64{1, -2, 0}, []float64{1, -2, 0}, 0},
		{[]float64{1.5, -2, 0}, []float64{1, -4, 0}, 0.5}, // |−2−(−4)| = 2 over 4
		{[]float64{1e-9, 2}, []float64{0, 2}, 5e-10},      // near zero: scaled by the largest
		{[]float64{1}, []float64{1, 2}, math.Inf(1)},
	} {
		if got := Scaled(c.a, c.b); got != c.want {
			t.Errorf("Scaled(%v, %v) = %v; want %v", c.a, c.b, got, c.want)
		}
	}
}
