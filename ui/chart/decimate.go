package chart

import (
	"math"

	"gonum.org/v1/plot/plotter"

	"github.com/forecaster-dev/forecaster/forecast/monitor"
)

// MinMax decimates the points (x ascending) to at most 2×buckets points:
// the x range is cut into buckets of equal width and each keeps its minimum
// and maximum, in the order they occur, so the drawn line covers exactly the
// pixels the full series would. Non-finite points are skipped. Series with
// no more than 2×buckets points are returned unchanged (as XYs).
func MinMax(x, y []float64, buckets int) plotter.XYs {
	n := min(len(x), len(y))
	if buckets < 1 {
		buckets = 1
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if n <= 2*buckets {
		out := make(plotter.XYs, 0, n)
		for i := 0; i < n; i++ {
			if finite(x[i]) && finite(y[i]) {
				out = append(out, plotter.XY{X: x[i], Y: y[i]})
			}
		}
		return out
	}
	x0, x1 := x[0], x[n-1]
	width := (x1 - x0) / float64(buckets)
	if !(width > 0) {
		width = 1
	}
	out := make(plotter.XYs, 0, 2*buckets+2)
	cur := -1
	var lo, hi plotter.XY
	var have bool
	emit := func() {
		if !have {
			return
		}
		if lo.X <= hi.X {
			out = append(out, lo)
			if hi != lo {
				out = append(out, hi)
			}
		} else {
			out = append(out, hi, lo)
		}
	}
	for i := 0; i < n; i++ {
		if !finite(x[i]) || !finite(y[i]) {
			continue
		}
		b := int((x[i] - x0) / width)
		if b >= buckets {
			b = buckets - 1
		}
		if b != cur {
			emit()
			cur, have = b, true
			lo = plotter.XY{X: x[i], Y: y[i]}
			hi = lo
			continue
		}
		if y[i] < lo.Y {
			lo = plotter.XY{X: x[i], Y: y[i]}
		}
		if y[i] > hi.Y {
			hi = plotter.XY{X: x[i], Y: y[i]}
		}
	}
	emit()
	return out
}

// Envelope reduces a decimated curve to at most n buckets and returns the
// mean line and the min/max band around it.
func Envelope(b []monitor.Bucket, n int) (mean, lo, hi plotter.XYs) {
	b = regroup(b, n)
	mean = make(plotter.XYs, 0, len(b))
	lo = make(plotter.XYs, 0, len(b))
	hi = make(plotter.XYs, 0, len(b))
	for _, k := range b {
		if k.N == 0 {
			continue
		}
		x := (k.X0 + k.X1) / 2
		mean = append(mean, plotter.XY{X: x, Y: k.Mean})
		lo = append(lo, plotter.XY{X: x, Y: k.Min})
		hi = append(hi, plotter.XY{X: x, Y: k.Max})
	}
	return mean, lo, hi
}

// regroup merges adjacent buckets until at most n remain.
func regroup(b []monitor.Bucket, n int) []monitor.Bucket {
	if n < 1 || len(b) <= n {
		return b
	}
	per := (len(b) + n - 1) / n
	out := make([]monitor.Bucket, 0, n)
	for i := 0; i < len(b); i += per {
		j := min(i+per, len(b))
		m := b[i]
		for _, k := range b[i+1 : j] {
			if k.N == 0 {
				m.X1 = k.X1
				continue
			}
			if m.N == 0 {
				x0 := m.X0
				m = k
				m.X0 = x0
				continue
			}
			tot := m.N + k.N
			m.Mean = (m.Mean*float64(m.N) + k.Mean*float64(k.N)) / float64(tot)
			m.N = tot
			m.Min = math.Min(m.Min, k.Min)
			m.Max = math.Max(m.Max, k.Max)
			m.Last = k.Last
			m.X1 = k.X1
		}
		out = append(out, m)
	}
	return out
}

// Smooth returns an exponential moving average of the y values, with a
// window of about span points (bias-corrected at the start, as TensorBoard
// does).
func Smooth(xy plotter.XYs, span float64) plotter.XYs {
	if span < 1 {
		span = 1
	}
	a := 2 / (span + 1)
	out := make(plotter.XYs, len(xy))
	var m, w float64
	for i, p := range xy {
		m = (1-a)*m + a*p.Y
		w = (1-a)*w + a
		out[i] = plotter.XY{X: p.X, Y: m / w}
	}
	return out
}
