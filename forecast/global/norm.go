package global

import (
	"math"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
)

// norm maps one series into the network's units and back, the window
// scaler and lag anchor of the per-series pipeline (forecast's prep),
// fitted on the series' own training part. For a window with origin t
// (inputs v[t−W:t], targets v[t:t+H]) and level ℓ = v[t−1]:
//
//	input  x' = sc.Forward(x, ℓ)                                   (x/ℓ − 1)/sc.Scale when ratio
//	target y' = (sc.Forward(y, ℓ) − sc.Forward(a, ℓ)) / spread     a: the anchor for that step
//
// The anchor of step k is the AutoETS forecast from origin t (ES-RNN's
// exponential smoothing: R's ets model fitted on the training part, its
// states filtered up to t) or the value one lag before in the last observed period,
// v[t−lag+k%lag] (lag 1: naive, lag m: seasonal naive), so a network that
// outputs zero forecasts the anchor and training learns the correction. sc.Forward is affine in x for a
// fixed level, so value inverts target exactly. spread is the root mean
// square of the series' training offsets, so every series' targets are of
// unit size and a large series does not outweigh a small one in the loss.
type norm struct {
	sc     forecast.Scaler
	lag    int              // the lag anchor, also ETS's where it has no state yet
	ets    *classic.ETSPath // nil: the lag anchor
	spread float64
}

// fitNorm fits the normaliser on v[:end] (the training part: every
// training target lies in it) for windows of W inputs and H steps, with
// season m. The lag anchor is the seasonal naive when 1 < m ≤ W and it is
// closer than the naive on the training windows, as the pipeline chooses
// it; the ETS anchor (ets, nil when ETS could not be fitted) replaces it
// when it is closer on the last windows — the origins end−H … end, whose
// targets run to the end of the validation part v[:end+H].
func fitNorm(v []float64, end, W, H, m int, ets *classic.ETSPath) (norm, error) {
	sc, err := forecast.FitScaler(config.ScaleWindow, v[:end], W)
	if err != nil {
		return norm{}, err
	}
	n := norm{sc: sc, lag: 1, spread: 1}
	if m > 1 && m <= W {
		var eN, eS float64
		for t := W; t+H <= end; t++ {
			for k := range H {
				eN += math.Abs(v[t+k] - v[t-1])
				eS += math.Abs(v[t+k] - v[t-m+k%m])
			}
		}
		if eS < eN {
			n.lag = m
		}
	}
	if ets != nil {
		var eL, eE float64
		for t := max(W, end-H); t <= end && t+H <= len(v); t++ {
			for k := range H {
				a, ok := ets.At(t, k)
				if !ok {
					a = n.anchor(v, t, k)
				}
				eE += math.Abs(v[t+k] - a)
				eL += math.Abs(v[t+k] - n.anchor(v, t, k))
			}
		}
		if eE < eL {
			n.ets = ets
		}
	}
	var s2 float64
	cnt := 0
	for t := W; t+H <= end; t++ {
		for k := range H {
			o := n.offset(v, t, k)
			s2 += o * o
			cnt++
		}
	}
	if rms := math.Sqrt(s2 / float64(max(cnt, 1))); rms > 1e-12 && !math.IsInf(rms, 0) {
		n.spread = rms
	}
	return n, nil
}

// anchor is the anchor's value for step k after origin t.
func (n *norm) anchor(v []float64, t, k int) float64 {
	if a, ok := n.ets.At(t, k); ok {
		return a
	}
	return v[t-n.lag+k%n.lag]
}

// offset is the target of step k after origin t before division by spread.
func (n *norm) offset(v []float64, t, k int) float64 {
	l := v[t-1]
	return n.sc.Forward(v[t+k], l) - n.sc.Forward(n.anchor(v, t, k), l)
}

// input writes the W scaled inputs before origin t into dst with stride I
// (dst[s·I] for step s; the other columns are the caller's).
func (n *norm) input(dst, v []float64, t, W, I int) {
	l := v[t-1]
	for s := range W {
		dst[s*I] = n.sc.Forward(v[t-W+s], l)
	}
}

// target is the network's target for the value y of step k after origin t
// (only v[:t] is read).
func (n *norm) target(y float64, v []float64, t, k int) float64 {
	l := v[t-1]
	return (n.sc.Forward(y, l) - n.sc.Forward(n.anchor(v, t, k), l)) / n.spread
}

// value is target's inverse: the value a network output u stands for at
// step k after origin t.
func (n *norm) value(u float64, v []float64, t, k int) float64 {
	l := v[t-1]
	return n.sc.Inverse(u*n.spread+n.sc.Forward(n.anchor(v, t, k), l), l)
}
