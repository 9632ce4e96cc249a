package classic

import (
	"fmt"
	"math"
	"slices"
)

// ThetaModel is the standard Theta method of Assimakopoulos & Nikolopoulos
// (2000) as R's forecast::thetaf computes it (Hyndman & Billah 2003: simple
// exponential smoothing with drift). When the series is seasonal by the
// 90 % autocorrelation test it is first divided by the seasonal indices of
// a classical multiplicative decomposition, and the forecasts multiplied by
// them again.
type ThetaModel struct {
	M        int
	Seasonal bool    // the series was seasonally adjusted
	Alpha    float64 // smoothing parameter of the simple exponential smoothing
	Drift    float64 // half the slope of the least-squares line through the (adjusted) series
	Level    float64 // the smoothed level after the last observation
	Sigma2   float64 // one-step error variance of the smoothing (on the adjusted scale)
	// Fitted are thetaf's fitted values: the smoothing's one-step
	// predictions of the (adjusted) series, reseasonalised. The drift is
	// not in them, as in R; y minus them are thetaf's residuals.
	Fitted   []float64
	n        int
	seasonal []float64 // the m seasonal indices following the last observation, in order
}

// Method names the model: "Theta" or "Theta (seasonally adjusted, m=12)".
func (t *ThetaModel) Method() string {
	if t.Seasonal {
		return fmt.Sprintf("Theta (seasonally adjusted, m=%d)", t.M)
	}
	return "Theta"
}

// Theta fits the Theta method to y with seasonal period m (m ≤ 1 for
// none). The seasonal test needs more than 2m points: |r_m| >
// 1.645·√((1 + 2Σ_{k<m} r_k²)/n), r the autocorrelations of y. The
// smoothing is estimated as forecast::ses estimates it (ETS(A,N,N) by least
// one-step squared error), so y needs at least 7 points; NaN or infinite
// values give an error.
func Theta(y []float64, m int) (*ThetaModel, error) {
	if err := checkETSData(y); err != nil {
		return nil, err
	}
	n := len(y)
	if n <= 6 {
		return nil, fmt.Errorf("%w: theta needs at least 7 points, have %d", ErrTooShort, n)
	}
	out := &ThetaModel{M: max(m, 1), n: n}
	x := y
	var season []float64 // the decomposition's seasonal index of every point
	if m > 1 && n > 2*m && !isConstant(y) && seasonalACF(y, m) {
		d, ok := classicalDecompose(y, m, true)
		usable := ok
		for _, s := range d.seasonal {
			usable = usable && math.Abs(s) >= 1e-4
		}
		if usable {
			out.Seasonal = true
			x = make([]float64, n)
			for i := range y {
				x[i] = y[i] / d.seasonal[i]
			}
			out.seasonal = append([]float64(nil), d.seasonal[n-m:]...)
			season = d.seasonal
		}
	}
	ses, err := fitETS(x, 1, ETSSpec{Error: ETSAdditive}, critMSE)
	if err != nil {
		return nil, err
	}
	out.Alpha = math.Max(1e-10, ses.Alpha)
	out.Level = ses.final[0]
	out.Sigma2 = ses.Sigma2
	out.Fitted = slices.Clone(ses.Fitted)
	for i := range season {
		out.Fitted[i] *= season[i]
	}
	t := make([]float64, n)
	for i := range t {
		t[i] = float64(i)
	}
	_, b := lineFit(t, x)
	out.Drift = b / 2
	return out, nil
}

// seasonalACF is thetaf's test: the autocorrelation of x at lag m exceeds
// 1.645 (qnorm(0.95)) standard errors, Bartlett's formula.
func seasonalACF(x []float64, m int) bool {
	n := len(x)
	mean := meanR(x)
	c0 := 0.0
	for _, v := range x {
		c0 += (v - mean) * (v - mean)
	}
	r := func(k int) float64 {
		s := 0.0
		for i := 0; i+k < n; i++ {
			s += (x[i] - mean) * (x[i+k] - mean)
		}
		return s / c0
	}
	sum := 0.0
	for k := 1; k < m; k++ {
		sum += r(k) * r(k)
	}
	stat := math.Sqrt((1 + 2*sum) / float64(n))
	return math.Abs(r(m))/stat > normalQuantile(0.95)
}

// Forecast returns the h-step forecasts ŷ_{n+k} = ℓ_n + b/2·(k−1 +
// (1−(1−α)^n)/α), reseasonalised, with the standard deviations thetaf gives
// its intervals: σ·√(1 + (k−1)α²) (on the adjusted scale, as in R).
func (t *ThetaModel) Forecast(h int) Forecast {
	if h <= 0 {
		return Forecast{}
	}
	f := Forecast{Mean: make([]float64, h), SD: make([]float64, h)}
	a := t.Alpha
	shift := (1 - math.Pow(1-a, float64(t.n))) / a
	for k := 0; k < h; k++ {
		f.Mean[k] = t.Level + t.Drift*(float64(k)+shift)
		if t.Seasonal {
			f.Mean[k] *= t.seasonal[k%t.M]
		}
		f.SD[k] = math.Sqrt(t.Sigma2) * math.Sqrt(float64(k)*a*a+1)
	}
	return f
}
