package forecast

import (
	"fmt"
	"math"
)

// prep turns a series into network inputs and network outputs back into
// values: the transform, then the scaler. Everything in it is fitted on the
// training part only, and it is saved in the model file, so a loaded model
// prepares new data exactly as in training.
//
// The window scaler divides each window by its own level, the last input
// value (as ES-RNN and N-BEATS do), so a trending series is seen in the
// same range at every point of the trend and the forecast extrapolates:
//
//	ratio form, when every training value is positive:  x' = (x/level − 1)/Spread
//	difference form, otherwise:                         x' = (x − level)/Spread
//
// Spread is the standard deviation of the scaled training targets, so the
// network's targets are of unit size. zscore and minmax are global:
// x' = (x − Center)/Spread.
type prep struct {
	Transform string  `json:"transform"`
	Period    int     `json:"period"` // the seasonal difference's lag
	Scaler    string  `json:"scaler"`
	Ratio     bool    `json:"ratio"`
	Anchor    int     `json:"anchor"` // window scaler: lag of the seasonal-naive anchor (1 = naive)
	Center    float64 `json:"center"`
	Spread    float64 `json:"spread"`
	// Covariates are always z-scored with the training part's mean and sd.
	CovCenter []float64 `json:"cov_center"`
	CovSpread []float64 `json:"cov_spread"`
}

// tr is the prep's transform.
func (p *prep) tr() Transform {
	k, _ := ParseTransform(p.Transform)
	return Transform{Kind: k, Period: p.Period}
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

// fitScale fits the scaler on the training part of the transformed values.
// For the window scaler, targets yields every training target (z, origin
// t, step k) so that Spread is the spread of the anchored targets.
func (p *prep) fitScale(ztrain []float64, targets func(yield func(z []float64, t, k int))) error {
	switch p.Scaler {
	case "zscore":
		mean, sd := meanSD(ztrain)
		p.Center, p.Spread = mean, sd
	case "minmax":
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, x := range ztrain {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		p.Center, p.Spread = lo, hi-lo
	case "window":
		p.Ratio = true
		for _, x := range ztrain {
			if !(x > 0) {
				p.Ratio = false
				break
			}
		}
		var s, s2 float64
		var n int
		targets(func(z []float64, t, k int) {
			u := p.targetUnit(z, t, k)
			s += u
			s2 += u * u
			n++
		})
		if n > 0 {
			// Root mean square rather than sd: the anchor is the model's
			// zero, and the targets' offset from it is what it must learn.
			p.Spread = math.Sqrt(s2 / float64(n))
		}
	}
	if !(p.Spread > 1e-12*math.Max(1, math.Abs(p.Center))) || math.IsInf(p.Spread, 0) {
		if math.IsInf(p.Spread, 0) || math.IsInf(p.Center, 0) {
			return fmt.Errorf("forecast: the values span more than a float64 can scale; rescale the column (e.g. divide by 1e6)")
		}
		// A constant series: any unit will do; keep the values finite.
		p.Spread = math.Max(math.Abs(p.Center), 1)
		if p.Scaler == "window" {
			p.Spread = 1
		}
	}
	return nil
}

// anchor is the seasonal-naive value for step k after origin t: the value
// one anchor period before, from the last observed season. The window
// scaler's targets are offsets from it, so a network that outputs zero
// forecasts the seasonal naive (the naive when Anchor is 1), and training
// learns what improves on it — as ES-RNN lets exponential smoothing carry
// level and season and the network the rest.
func (p *prep) anchor(z []float64, t, k int) float64 {
	a := p.Anchor
	return z[t-a+k%a]
}

// targetUnit is the window scaler's target before division by Spread.
func (p *prep) targetUnit(z []float64, t, k int) float64 {
	level := z[t-1]
	return p.unit(z[t+k], level) - p.unit(p.anchor(z, t, k), level)
}

// target maps the target z[t+k] into network units.
func (p *prep) target(z []float64, t, k int) float64 {
	if p.Scaler == "window" {
		return p.targetUnit(z, t, k) / p.Spread
	}
	return p.scale(z[t+k], 0)
}

// untarget is target's inverse: the network output u for step k after
// origin t, where z[:t] (and, recursively, z[t:t+k]) are known.
func (p *prep) untarget(u float64, z []float64, t, k int) float64 {
	if p.Scaler != "window" {
		return p.unscale(u, 0)
	}
	level := z[t-1]
	v := u*p.Spread + p.unit(p.anchor(z, t, k), level)
	if p.Ratio {
		return (v + 1) * level
	}
	return v + level
}

// unit is the window scaler before division by Spread.
func (p *prep) unit(x, level float64) float64 {
	if p.Ratio {
		return x/level - 1
	}
	return x - level
}

// scale maps a transformed value into network units, given its window's level.
func (p *prep) scale(x, level float64) float64 {
	if p.Scaler == "window" {
		return p.unit(x, level) / p.Spread
	}
	return (x - p.Center) / p.Spread
}

// unscale is scale's inverse for the global scalers.
func (p *prep) unscale(u, _ float64) float64 {
	return u*p.Spread + p.Center
}

// fitCovariates z-scores each covariate on the training rows [0, end).
func (p *prep) fitCovariates(cov [][]float64, end int) {
	p.CovCenter = make([]float64, len(cov))
	p.CovSpread = make([]float64, len(cov))
	for j, c := range cov {
		mean, sd := meanSD(c[:end])
		if !(sd > 0) || math.IsInf(sd, 0) {
			sd = 1
		}
		p.CovCenter[j], p.CovSpread[j] = mean, sd
	}
}

// inputs is the number of features per time step.
func (p *prep) inputs() int { return 1 + len(p.CovCenter) }

// window writes the network input for the W transformed values z[t-W:t]
// (and covariates at the same steps, indexed in the original series with
// offset lag) into dst, (W, I) row-major, and returns the window's level.
func (p *prep) window(dst []float64, z []float64, cov [][]float64, t, W int) float64 {
	I := p.inputs()
	level := z[t-1]
	d := p.lag()
	for s := 0; s < W; s++ {
		i := t - W + s
		dst[s*I] = p.scale(z[i], level)
		for j := range p.CovCenter {
			dst[s*I+1+j] = (cov[j][i+d] - p.CovCenter[j]) / p.CovSpread[j]
		}
	}
	return level
}

func meanSD(x []float64) (mean, sd float64) {
	if len(x) == 0 {
		return 0, 1
	}
	// Scale first so values near ±1e300 do not overflow the squares.
	var big float64
	for _, v := range x {
		big = math.Max(big, math.Abs(v))
	}
	if big == 0 || math.IsInf(big, 0) {
		return 0, big
	}
	var s float64
	for _, v := range x {
		s += v / big
	}
	m := s / float64(len(x))
	var s2 float64
	for _, v := range x {
		d := v/big - m
		s2 += d * d
	}
	return m * big, math.Sqrt(s2/float64(len(x))) * big
}
