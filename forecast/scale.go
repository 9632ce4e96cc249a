package forecast

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/forecaster-dev/forecaster/forecast/config"
)

// Scaler maps values to the network's scale and back. It is fitted on the
// training part only and is JSON-serialisable for model files.
//
// Global scalers (zscore, minmax) compute u = (x − Center) / Scale.
//
// The window scaler divides out each window's own level, the last input
// value ℓ of the window, so a trending series looks the same wherever it is:
//
//	Ratio (every training value > 0):  u = (x/ℓ − 1) / Scale
//	otherwise (additive):              u = (x − ℓ) / Scale
//
// Inputs and targets of a window share its ℓ; the forecast is mapped back
// with the same ℓ. Scale is the root mean square of x[t−j]/x[t] − 1 (or
// x[t−j] − x[t]) over the training part for lags j = 1…W, so scaled inputs
// are of order one. If ℓ ≤ 0 in ratio mode (a level the training data never
// had), u = (x − ℓ) / (Scale·Center) with Center the mean training value.
//
// A constant training series gives Scale 1 (never a division by zero);
// values near ±1e300 are scaled without overflow; Inverse clamps to
// ±math.MaxFloat64, so results are finite for finite inputs.
type Scaler struct {
	Kind   config.ScalerKind `json:"kind"`
	Center float64           `json:"center"`
	Scale  float64           `json:"scale"`
	Ratio  bool              `json:"ratio,omitempty"`
}

// scalerJSON is a Scaler as model files hold it: the kind by its number
// (3 for window), as files have held it since the first version.
type scalerJSON struct {
	Kind   int     `json:"kind"`
	Center float64 `json:"center"`
	Scale  float64 `json:"scale"`
	Ratio  bool    `json:"ratio,omitempty"`
}

// MarshalJSON writes the scaler with its kind as a number.
func (s Scaler) MarshalJSON() ([]byte, error) {
	return json.Marshal(scalerJSON{Kind: int(s.Kind), Center: s.Center, Scale: s.Scale, Ratio: s.Ratio})
}

// UnmarshalJSON reads a scaler written by MarshalJSON; a kind out of range
// is an error.
func (s *Scaler) UnmarshalJSON(b []byte) error {
	var f scalerJSON
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	k := config.ScalerKind(f.Kind)
	if !k.Valid() {
		return fmt.Errorf("forecast: scaler kind %d is not one of 0 to %d", f.Kind, config.ScaleWindow)
	}
	*s = Scaler{Kind: k, Center: f.Center, Scale: f.Scale, Ratio: f.Ratio}
	return nil
}

// FitScaler fits a scaler of the given kind to the training values.
// window is the lookback W (used by ScaleWindow only).
func FitScaler(kind config.ScalerKind, train []float64, window int) (Scaler, error) {
	s := Scaler{Kind: kind, Scale: 1}
	if kind == config.ScaleNone {
		return s, nil
	}
	if len(train) == 0 {
		return s, fmt.Errorf("forecast: cannot fit the %s scaler on no values", kind)
	}
	maxAbs := 0.0
	for _, v := range train {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return s, fmt.Errorf("forecast: cannot fit the %s scaler: training values include %v", kind, v)
		}
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	switch kind {
	case config.ScaleZScore:
		// two-pass mean and std on values divided by maxAbs: no overflow
		m := 0.0
		for _, v := range train {
			m += v / maxAbs
		}
		m /= float64(len(train))
		ss := 0.0
		for _, v := range train {
			d := v/maxAbs - m
			ss += d * d
		}
		s.Center = m * maxAbs
		s.Scale = math.Sqrt(ss/float64(len(train))) * maxAbs
	case config.ScaleMinMax:
		lo, hi := train[0], train[0]
		for _, v := range train {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		s.Center = lo
		s.Scale = hi - lo
		if math.IsInf(s.Scale, 0) {
			s.Scale = math.MaxFloat64
		}
	case config.ScaleWindow:
		s.Ratio = true
		mean := 0.0
		for _, v := range train {
			if !(v > 0) {
				s.Ratio = false
			}
			mean += v / maxAbs
		}
		s.Center = mean / float64(len(train)) * maxAbs
		if window < 1 {
			window = 1
		}
		// RMS of the deviations from the level over lags 1…window
		// (subsampled to at most ~200k terms).
		stride := max(1, len(train)*window/200000)
		ss, n := 0.0, 0
		for t := window; t < len(train); t += stride {
			for j := 1; j <= window; j++ {
				var d float64
				if s.Ratio {
					d = train[t-j]/train[t] - 1
				} else {
					d = (train[t-j] - train[t]) / maxAbs
				}
				ss += d * d
				n++
			}
		}
		if n > 0 {
			s.Scale = math.Sqrt(ss / float64(n))
		}
		if !s.Ratio {
			if n == 0 || s.Scale == 0 {
				s.Scale = 1 // too short or constant: deviations in units of the largest value
			}
			s.Scale *= maxAbs
		}
	}
	if !(s.Scale > 0) || math.IsInf(s.Scale, 0) || s.Scale < 1e-300 {
		s.Scale = 1
	}
	return s, nil
}

// Level returns the level a window ending with these inputs is scaled by:
// the last input value for the window scaler, 0 for the others.
func (s Scaler) Level(inputs []float64) float64 {
	if s.Kind != config.ScaleWindow || len(inputs) == 0 {
		return 0
	}
	return inputs[len(inputs)-1]
}

// Forward scales x (level is ignored by global scalers).
func (s Scaler) Forward(x, level float64) float64 {
	switch s.Kind {
	case config.ScaleZScore, config.ScaleMinMax:
		return safeAffine(x, s.Center, s.Scale)
	case config.ScaleWindow:
		if s.Ratio && level > 0 {
			return (x/level - 1) / s.Scale
		}
		sc := s.Scale
		if s.Ratio {
			sc *= math.Max(math.Abs(s.Center), 1e-300)
		}
		return safeAffine(x, level, sc)
	}
	return x
}

// Inverse maps a scaled value back (level as given to Forward).
func (s Scaler) Inverse(u, level float64) float64 {
	switch s.Kind {
	case config.ScaleZScore, config.ScaleMinMax:
		return clampFinite(u*s.Scale + s.Center)
	case config.ScaleWindow:
		if s.Ratio && level > 0 {
			return clampFinite((u*s.Scale + 1) * level)
		}
		sc := s.Scale
		if s.Ratio {
			sc *= math.Max(math.Abs(s.Center), 1e-300)
		}
		return clampFinite(u*sc + level)
	}
	return u
}

// safeAffine returns (x − c) / s without intermediate overflow.
func safeAffine(x, c, s float64) float64 {
	d := x - c
	if math.IsInf(d, 0) {
		return clampFinite((x/2 - c/2) / (s / 2))
	}
	return clampFinite(d / s)
}
