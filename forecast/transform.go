package forecast

import (
	"fmt"
	"math"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// Transform is a transform with its parameter (Period for seasonal_diff).
type Transform struct {
	Kind   config.TransformKind `json:"kind"`
	Period int                  `json:"period,omitempty"`
}

// Lag is the number of leading points a transform consumes: the
// transformed series z has len(x) − Lag points and z[i] belongs to x[i+Lag].
func (tr Transform) Lag() int {
	switch tr.Kind {
	case config.TransformDiff:
		return 1
	case config.TransformSeasonalDiff:
		return tr.Period
	}
	return 0
}

// Apply transforms x (x is not modified) and returns the transformed series
// and the Inverter for forecasts continuing after the end of x.
func (tr Transform) Apply(x []float64) ([]float64, *Inverter, error) {
	if tr.Kind == config.TransformSeasonalDiff && tr.Period < 1 {
		return nil, nil, fmt.Errorf("forecast: seasonal_diff needs a seasonal period ≥ 1, got %d", tr.Period)
	}
	lag := tr.Lag()
	if len(x) <= lag {
		return nil, nil, fmt.Errorf("forecast: %s needs more than %d values, got %d", tr.Kind, lag, len(x))
	}
	z := make([]float64, len(x)-lag)
	switch tr.Kind {
	case config.TransformNone:
		copy(z, x)
	case config.TransformLog:
		for i, v := range x {
			if !(v > 0) {
				return nil, nil, &tsdata.InputError{Msg: fmt.Sprintf("log transform needs values > 0; value %d is %g", i+1, v),
					Hint: "choose transform none or diff", Err: tsdata.ErrNonPositive}
			}
			z[i] = math.Log(v)
		}
	case config.TransformDiff, config.TransformSeasonalDiff:
		for i := range z {
			d := x[i+lag] - x[i]
			if math.IsInf(d, 0) || math.IsNaN(d) {
				return nil, nil, fmt.Errorf("forecast: %s: values %g and %g are too large to subtract", tr.Kind, x[i+lag], x[i])
			}
			z[i] = d
		}
	}
	inv, err := tr.InverterAt(x, len(x))
	return z, inv, err
}

// InverterAt returns the Inverter for forecasts made at origin: the first
// forecast is of x[origin]. x[:origin] is the original-scale history.
func (tr Transform) InverterAt(x []float64, origin int) (*Inverter, error) {
	lag := tr.Lag()
	if origin < lag || origin > len(x) {
		return nil, fmt.Errorf("forecast: %s at origin %d needs %d earlier values", tr.Kind, origin, lag)
	}
	return &Inverter{Transform: tr, Tail: append([]float64(nil), x[origin-lag:origin]...)}, nil
}

// Inverter maps forecasts of the transformed series back to the original
// scale. Tail holds the last Lag() original values before the forecast
// origin. It is JSON-serialisable for model files.
type Inverter struct {
	Transform Transform `json:"transform"`
	Tail      []float64 `json:"tail"`
}

// Invert returns fc (forecasts of the transformed series, steps 1…h after
// the origin) on the original scale. fc is not modified. Exact: Invert of
// the transformed continuation of a series gives that continuation back.
// Results that overflow are clamped to ±math.MaxFloat64.
func (inv *Inverter) Invert(fc []float64) []float64 {
	out := make([]float64, len(fc))
	switch inv.Transform.Kind {
	case config.TransformNone:
		copy(out, fc)
	case config.TransformLog:
		for i, v := range fc {
			out[i] = clampFinite(math.Exp(v))
		}
	case config.TransformDiff, config.TransformSeasonalDiff:
		lag := inv.Transform.Lag()
		hist := append(append([]float64(nil), inv.Tail...), make([]float64, len(fc))...)
		for i, v := range fc {
			hist[lag+i] = clampFinite(hist[i] + v)
			out[i] = hist[lag+i]
		}
	}
	return out
}

func clampFinite(v float64) float64 {
	switch {
	case math.IsInf(v, 1):
		return math.MaxFloat64
	case math.IsInf(v, -1):
		return -math.MaxFloat64
	}
	return v
}
