package view

import (
	"image"
	"image/color"
	"math"
)

// Sparkline draws hist, then fc (its forecast, may be nil) after it, as a
// w×h line on a transparent image, both on one vertical scale: hist in
// line, fc in fcColor. Non-finite values are skipped. It allocates only
// the image.
func Sparkline(hist, fc []float64, w, h int, line, fcColor color.Color) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	n := len(hist) + len(fc)
	if n < 2 || w < 2 || h < 2 {
		return img
	}
	at := func(i int) float64 {
		if i < len(hist) {
			return hist[i]
		}
		return fc[i-len(hist)]
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range n {
		if v := at(i); !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return img
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	px := func(i int) (float64, float64) {
		x := float64(i) / float64(n-1) * float64(w-1)
		y := (1 - (at(i)-lo)/(hi-lo)) * float64(h-1)
		return x, y
	}
	for i := 1; i < n; i++ {
		a, b := at(i-1), at(i)
		if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
			continue
		}
		c := line
		if i >= len(hist) && fcColor != nil {
			c = fcColor
		}
		x0, y0 := px(i - 1)
		x1, y1 := px(i)
		steps := int(math.Max(math.Abs(x1-x0), math.Abs(y1-y0))) + 1
		for s := 0; s <= steps; s++ {
			t := float64(s) / float64(steps)
			img.Set(int(math.Round(x0+t*(x1-x0))), int(math.Round(y0+t*(y1-y0))), c)
		}
	}
	return img
}
