package forecast

import (
	"fmt"
)

// Windows are supervised examples cut from a series: each has W input steps
// and the H values that follow as targets, scaled for the network.
//
// X is (N, W, I) row-major, X[(n*W+t)*I+i]: feature 0 is the target series,
// features 1…I−1 the covariates in order. Y is (N, H) row-major. Window n
// has inputs values[Origins[n]−W : Origins[n]] and targets
// values[Origins[n] : Origins[n]+H]; Levels[n] is the level it was scaled by
// (see Scaler; 0 for global scalers), needed to map predictions back.
type Windows struct {
	N, W, H, I int
	X          []float64 // (N, W, I)
	Y          []float64 // (N, H)
	Levels     []float64 // (N)
	Origins    []int     // (N)
}

// WindowOptions configures MakeWindows.
type WindowOptions struct {
	Scaler     Scaler   // for the target series; zero value = unscaled
	CovScalers []Scaler // one per covariate; nil = unscaled (the window scaler is not meant for covariates)
	// Origins of the windows (index of the first target) run from
	// max(W, MinOrigin) to MaxOrigin (0 = len(values) − H), every Stride (0 = 1).
	MinOrigin, MaxOrigin, Stride int
}

// MakeWindows cuts windows from values (and covariates[j], each as long as
// values). It panics if a covariate's length differs from len(values) or
// W, H < 1 (programmer errors); it returns an error when no window fits.
func MakeWindows(values []float64, covariates [][]float64, W, H int, opt WindowOptions) (*Windows, error) {
	if W < 1 || H < 1 {
		panic("forecast: MakeWindows: W and H must be ≥ 1")
	}
	for _, c := range covariates {
		if len(c) != len(values) {
			panic("forecast: MakeWindows: covariate length mismatch")
		}
	}
	if opt.CovScalers != nil && len(opt.CovScalers) != len(covariates) {
		panic("forecast: MakeWindows: need one covariate scaler per covariate")
	}
	n := len(values)
	lo := max(W, opt.MinOrigin)
	hi := n - H
	if opt.MaxOrigin > 0 && opt.MaxOrigin < hi {
		hi = opt.MaxOrigin
	}
	stride := max(1, opt.Stride)
	if hi < lo {
		return nil, fmt.Errorf("forecast: no window fits: %d values, window %d, horizon %d (need at least %d values)", n, W, H, W+H)
	}
	N := (hi-lo)/stride + 1
	I := 1 + len(covariates)
	w := &Windows{N: N, W: W, H: H, I: I,
		X: make([]float64, N*W*I), Y: make([]float64, N*H), Levels: make([]float64, N), Origins: make([]int, N)}
	for k := 0; k < N; k++ {
		o := lo + k*stride
		w.Origins[k] = o
		w.Levels[k] = WindowInput(w.X[k*W*I:(k+1)*W*I], values, covariates, W, o, opt)
		level := w.Levels[k]
		y := w.Y[k*H : (k+1)*H]
		for j := range y {
			y[j] = opt.Scaler.Forward(values[o+j], level)
		}
	}
	return w, nil
}

// WindowInput fills dst (W*I, allocated when nil is passed through
// MakeInput) with the scaled input window ending just before origin and
// returns its level. Use it to build the input of a forecast from the end
// of the series (origin = len(values)).
func WindowInput(dst []float64, values []float64, covariates [][]float64, W, origin int, opt WindowOptions) float64 {
	I := 1 + len(covariates)
	if len(dst) != W*I || origin < W || origin > len(values) {
		panic("forecast: WindowInput: bad destination length or origin")
	}
	in := values[origin-W : origin]
	level := opt.Scaler.Level(in)
	for t, v := range in {
		dst[t*I] = opt.Scaler.Forward(v, level)
		for j, c := range covariates {
			x := c[origin-W+t]
			if opt.CovScalers != nil {
				x = opt.CovScalers[j].Forward(x, 0)
			}
			dst[t*I+1+j] = x
		}
	}
	return level
}

// MakeInput returns a new scaled input window ending before origin and its level.
func MakeInput(values []float64, covariates [][]float64, W, origin int, opt WindowOptions) ([]float64, float64) {
	dst := make([]float64, W*(1+len(covariates)))
	level := WindowInput(dst, values, covariates, W, origin, opt)
	return dst, level
}
