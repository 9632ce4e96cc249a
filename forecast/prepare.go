package forecast

import (
	"fmt"
	"math"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
)

// prep turns a series into network inputs and network outputs back into
// values: the Transform, then a Scaler (see scale.go). Everything in it is
// fitted on the training part only, and it is saved in the model file, so a
// loaded model prepares new data exactly as in training.
//
// With the window scaler each window is scaled by its own level, its last
// input value (as ES-RNN and N-BEATS do), so a trending series is seen in
// the same range at every point of the trend. Its targets are offsets from
// an anchor: the naive, the seasonal-naive or the exponential-smoothing
// (ETS) forecast from the window's origin (see anchor.go):
//
//	input  x' = In.Forward(x, ℓ)
//	target y' = (In.Forward(y, ℓ) − In.Forward(a, ℓ)) / Spread    (a: the anchor for that step)
//
// so a network that outputs zero forecasts the anchor, and training learns
// the correction — as ES-RNN lets exponential smoothing carry level and
// season and the network the rest. The ETS anchor's parameters are fitted
// on the training part and kept fixed; its forecast from origin t comes from
// the filter run over the series up to t. Spread is the root mean square of the
// training targets' offsets, so the targets are of unit size. In.Forward is
// affine in x for a fixed level, so y = In.Inverse(y'·Spread + In.Forward(a, ℓ), ℓ)
// exactly. The global scalers (zscore, minmax) have no level and no anchor.
type prep struct {
	Transform config.TransformKind `json:"transform"`
	Period    int                  `json:"period"` // the seasonal difference's lag
	In        Scaler               `json:"scaler"`
	Anchor    int                  `json:"anchor"` // window scaler: lag of the anchor (1 = naive, m = seasonal naive); with ETS, the fallback
	// ETS is the exponential-smoothing anchor (window scaler), nil for a lag
	// anchor. Its forecast replaces the lag anchor at every origin where the
	// filter has a state that depends on the history before the origin only.
	ETS    *etsAnchor `json:"ets,omitempty"`
	Spread float64    `json:"spread"` // window scaler: RMS of the training targets' offsets
	// Covariates are z-scored with the training part's mean and sd.
	Cov []Scaler `json:"covariates"`
	// AnchorIn (window scaler, direct strategy) is the number of the
	// anchor's steps from the window's origin that are inputs, scaled as
	// the window's values, after the covariates at every step: the network
	// sees the forecast it corrects. 0 in model files from before.
	AnchorIn int `json:"anchor_inputs,omitempty"`
}

// tr is the prep's transform.
func (p *prep) tr() Transform {
	return Transform{Kind: p.Transform, Period: p.Period}
}

// lag is how many leading values the transform consumes.
func (p *prep) lag() int { return p.tr().Lag() }

// transform returns the transformed values z; z[i] belongs to v[i+lag].
func (p *prep) transform(v []float64) ([]float64, error) {
	z, _, err := p.tr().Apply(v)
	return z, err
}

// invert turns transformed predictions z (for the steps right after hist)
// back into values, given the actual history before them.
func (p *prep) invert(dst, z, hist []float64) {
	inv, err := p.tr().InverterAt(hist, len(hist))
	if err != nil {
		panic("forecast: invert: " + err.Error()) // callers pass at least lag values
	}
	copy(dst, inv.Invert(z))
}

// fit fits the scaler of the given kind on the training part of the
// transformed values and the covariates on their training rows [0, end).
func (p *prep) fit(kind config.ScalerKind, ztrain []float64, window int, cov [][]float64, end int) error {
	var err error
	if p.In, err = FitScaler(kind, ztrain, window); err != nil {
		return err
	}
	p.Cov = make([]Scaler, len(cov))
	for j, c := range cov {
		if p.Cov[j], err = FitScaler(config.ScaleZScore, c[:end], 0); err != nil {
			return fmt.Errorf("forecast: extra input %d: %w", j+1, err)
		}
	}
	return nil
}

func (p *prep) windowed() bool { return p.In.Kind == config.ScaleWindow }

// etsPath runs the ETS anchor's filter over z for forecasts of up to h
// steps; nil without an ETS anchor. The path serves every origin t ≤ len(z)
// of z and of its prefixes.
func (p *prep) etsPath(z []float64, h int) *classic.ETSPath {
	if p.ETS == nil || !p.windowed() {
		return nil
	}
	return newETSPath(p.ETS, z, h)
}

// anchor is the anchor's value for step k after origin t: the ETS forecast
// from ep (the prep's etsPath of z or of a series z is a prefix of) where it
// has one, else the value one anchor period before, from the last observed
// period.
func (p *prep) anchor(z []float64, ep *classic.ETSPath, t, k int) float64 {
	if v, ok := ep.At(t, k); ok {
		return v
	}
	return lagAnchor(z, p.Anchor, t, k)
}

// target maps the target z[t+k] into network units.
func (p *prep) target(z []float64, ep *classic.ETSPath, t, k int) float64 {
	if !p.windowed() {
		return p.In.Forward(z[t+k], 0)
	}
	return p.offset(z, ep, t, k) / p.Spread
}

// offset is the window scaler's target before division by Spread.
func (p *prep) offset(z []float64, ep *classic.ETSPath, t, k int) float64 {
	level := z[t-1]
	return p.In.Forward(z[t+k], level) - p.In.Forward(p.anchor(z, ep, t, k), level)
}

// fitSpread sets Spread from the training targets' offsets (origins t and
// steps k that yield gives).
func (p *prep) fitSpread(z []float64, ep *classic.ETSPath, targets func(yield func(t, k int))) {
	var s2 float64
	n := 0
	targets(func(t, k int) {
		o := p.offset(z, ep, t, k)
		s2 += o * o
		n++
	})
	p.Spread = 1
	if rms := math.Sqrt(s2 / float64(max(n, 1))); rms > 1e-12 && !math.IsInf(rms, 0) {
		p.Spread = rms
	}
}

// untarget is target's inverse: the network output u for step k after
// origin t, where z[:t] (and, recursively, z[t:t+k]) are known.
func (p *prep) untarget(u float64, z []float64, ep *classic.ETSPath, t, k int) float64 {
	if !p.windowed() {
		return p.In.Inverse(u, 0)
	}
	level := z[t-1]
	return p.In.Inverse(u*p.Spread+p.In.Forward(p.anchor(z, ep, t, k), level), level)
}

// inputs is the number of features per time step.
func (p *prep) inputs() int { return 1 + len(p.Cov) + p.AnchorIn }

// window writes the network input for the W transformed values z[t-W:t]
// (and covariates at the same steps, indexed in the original series with
// offset lag), then the anchor's first AnchorIn steps from origin t (ep:
// the ETS anchor's path, or nil), into dst, (W, I) row-major.
func (p *prep) window(dst []float64, z []float64, ep *classic.ETSPath, cov [][]float64, t, W int) {
	I := p.inputs()
	level := z[t-1]
	d := p.lag()
	for s := 0; s < W; s++ {
		i := t - W + s
		dst[s*I] = p.In.Forward(z[i], level)
		for j, c := range p.Cov {
			dst[s*I+1+j] = c.Forward(cov[j][i+d], 0)
		}
	}
	if a := p.AnchorIn; a > 0 {
		for k := range a {
			dst[I-a+k] = p.In.Forward(p.anchor(z, ep, t, k), level)
		}
		for s := 1; s < W; s++ {
			copy(dst[s*I+I-a:(s+1)*I], dst[I-a:I])
		}
	}
}
