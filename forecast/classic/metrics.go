package classic

import (
	"encoding/json"
	"math"
)

// Metrics scores a point forecast against actual values. NaN means
// undefined (e.g. MAPE when every actual value is zero, MASE when the
// training series is constant); it is written as null in JSON.
type Metrics struct {
	MAE   float64 `json:"mae"`
	RMSE  float64 `json:"rmse"`
	MAPE  float64 `json:"mape"`  // percent, over non-zero actual values
	SMAPE float64 `json:"smape"` // percent, 0–200 (M4 definition)
	MASE  float64 `json:"mase"`
}

// MarshalJSON writes non-finite values as null.
func (m Metrics) MarshalJSON() ([]byte, error) {
	f := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	return json.Marshal(struct {
		MAE   *float64 `json:"mae"`
		RMSE  *float64 `json:"rmse"`
		MAPE  *float64 `json:"mape"`
		SMAPE *float64 `json:"smape"`
		MASE  *float64 `json:"mase"`
	}{f(m.MAE), f(m.RMSE), f(m.MAPE), f(m.SMAPE), f(m.MASE)})
}

// UnmarshalJSON reads null as NaN.
func (m *Metrics) UnmarshalJSON(b []byte) error {
	var v struct {
		MAE, RMSE, MAPE, SMAPE, MASE *float64
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	g := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	*m = Metrics{g(v.MAE), g(v.RMSE), g(v.MAPE), g(v.SMAPE), g(v.MASE)}
	return nil
}

func checkLen(a, b []float64) {
	if len(a) != len(b) {
		panic("classic: slice length mismatch")
	}
}

// MAE is the mean absolute error. It panics if the lengths differ.
func MAE(actual, pred []float64) float64 {
	checkLen(actual, pred)
	if len(actual) == 0 {
		return math.NaN()
	}
	s := 0.0
	for i := range actual {
		s += math.Abs(actual[i] - pred[i])
	}
	return s / float64(len(actual))
}

// RMSE is the root mean squared error, computed with scaling so that errors
// near 1e200 do not overflow.
func RMSE(actual, pred []float64) float64 {
	checkLen(actual, pred)
	if len(actual) == 0 {
		return math.NaN()
	}
	scale := 0.0
	for i := range actual {
		scale = math.Max(scale, math.Abs(actual[i]-pred[i]))
	}
	if scale == 0 || math.IsInf(scale, 0) || math.IsNaN(scale) {
		return scale
	}
	s := 0.0
	for i := range actual {
		e := (actual[i] - pred[i]) / scale
		s += e * e
	}
	return scale * math.Sqrt(s/float64(len(actual)))
}

// MAPE is the mean absolute percentage error 100/n Σ|y−ŷ|/|y| over the
// points whose actual value is not zero; skipped counts the zeros. It is
// NaN when every actual value is zero.
func MAPE(actual, pred []float64) (mape float64, skipped int) {
	checkLen(actual, pred)
	s, n := 0.0, 0
	for i := range actual {
		if actual[i] == 0 {
			skipped++
			continue
		}
		s += math.Abs((actual[i] - pred[i]) / actual[i])
		n++
	}
	if n == 0 {
		return math.NaN(), skipped
	}
	return 100 * s / float64(n), skipped
}

// SMAPE is the symmetric MAPE of the M4 competition,
// 200/h Σ |y−ŷ| / (|y|+|ŷ|), in percent (0–200). Terms where both y and ŷ
// are zero count as zero.
func SMAPE(actual, pred []float64) float64 {
	checkLen(actual, pred)
	if len(actual) == 0 {
		return math.NaN()
	}
	s := 0.0
	for i := range actual {
		d := math.Abs(actual[i]) + math.Abs(pred[i])
		if d == 0 {
			continue
		}
		if math.IsInf(d, 1) { // both huge: scale first
			a, p := actual[i]/2, pred[i]/2
			s += math.Abs(a-p) / (math.Abs(a) + math.Abs(p))
			continue
		}
		s += math.Abs(actual[i]-pred[i]) / d
	}
	return 200 * s / float64(len(actual))
}

// MASEScale is the in-sample MAE of the seasonal naive forecast of period m
// on the training series: mean |y[t] − y[t−m]|. When the series is too short
// for m (len ≤ m) it falls back to m = 1. It returns NaN when fewer than two
// points are given.
func MASEScale(train []float64, m int) float64 {
	if m < 1 || len(train) <= m {
		m = 1
	}
	if len(train) <= m {
		return math.NaN()
	}
	s := 0.0
	for t := m; t < len(train); t++ {
		s += math.Abs(train[t] - train[t-m])
	}
	return s / float64(len(train)-m)
}

// MASE is the mean absolute scaled error: MAE / MASEScale(train, m). It is
// NaN when the scale is zero (constant training series) or undefined.
func MASE(actual, pred, train []float64, m int) float64 {
	sc := MASEScale(train, m)
	if sc == 0 || math.IsNaN(sc) || math.IsInf(sc, 0) {
		return math.NaN()
	}
	return MAE(actual, pred) / sc
}

// Evaluate computes every metric of pred against actual; train (the history
// before the forecast origin) and m give the MASE scale.
func Evaluate(actual, pred, train []float64, m int) Metrics {
	mape, _ := MAPE(actual, pred)
	return Metrics{
		MAE:   MAE(actual, pred),
		RMSE:  RMSE(actual, pred),
		MAPE:  mape,
		SMAPE: SMAPE(actual, pred),
		MASE:  MASE(actual, pred, train, m),
	}
}

// Coverage is the share (0–1) of actual values inside [lower, upper]
// (bounds included). It panics if the lengths differ.
func Coverage(actual, lower, upper []float64) float64 {
	checkLen(actual, lower)
	checkLen(actual, upper)
	if len(actual) == 0 {
		return math.NaN()
	}
	in := 0
	for i, y := range actual {
		if y >= lower[i] && y <= upper[i] {
			in++
		}
	}
	return float64(in) / float64(len(actual))
}

// MeanMetrics averages metrics, ignoring NaN entries per field.
func MeanMetrics(ms []Metrics) Metrics {
	avg := func(get func(Metrics) float64) float64 {
		s, n := 0.0, 0
		for _, m := range ms {
			if v := get(m); !math.IsNaN(v) {
				s += v
				n++
			}
		}
		if n == 0 {
			return math.NaN()
		}
		return s / float64(n)
	}
	return Metrics{
		MAE:   avg(func(m Metrics) float64 { return m.MAE }),
		RMSE:  avg(func(m Metrics) float64 { return m.RMSE }),
		MAPE:  avg(func(m Metrics) float64 { return m.MAPE }),
		SMAPE: avg(func(m Metrics) float64 { return m.SMAPE }),
		MASE:  avg(func(m Metrics) float64 { return m.MASE }),
	}
}
