package classic

import (
	"errors"
	"math"
	"slices"
	"testing"
)

// thetaTol: agreement with R's forecast::thetaf on the fixtures
// (scripts/r_fixtures_classic.R), 1e-6 relative as issue 11 sets for point
// forecasts, also for the interval half-widths, α and the drift.
const thetaTol = 1e-6

func TestThetaMatchesR(t *testing.T) {
	var worstMean, worstWidth float64
	defer func() {
		t.Logf("largest relative differences from R: forecasts %.2g, half-widths %.2g", worstMean, worstWidth)
	}()
	for _, c := range rCases(t) {
		y := slices.Clone(c.Y)
		fit, err := Theta(y, c.M)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		if !slices.Equal(y, c.Y) {
			t.Fatalf("%s: Theta modified its input", c.Name)
		}
		r := c.Theta
		if fit.Seasonal != r.Seasonal {
			t.Errorf("%s: seasonal = %v; R %v", c.Name, fit.Seasonal, r.Seasonal)
			continue
		}
		if relDiff(fit.Alpha, r.Alpha) > thetaTol || relDiff(fit.Drift, r.Drift) > thetaTol || relDiff(fit.Sigma2, r.Sigma2) > thetaTol {
			t.Errorf("%s: α %.10g drift %.10g σ² %.10g; R %.10g %.10g %.10g", c.Name, fit.Alpha, fit.Drift, fit.Sigma2, r.Alpha, r.Drift, r.Sigma2)
		}
		mean, width := intervalDiff(fit.Forecast(c.H), r.rForecast)
		worstMean, worstWidth = math.Max(worstMean, mean), math.Max(worstWidth, width)
		if mean > thetaTol || width > thetaTol {
			t.Errorf("%s: forecasts differ from R's by %.2g, half-widths by %.2g (relative)", c.Name, mean, width)
		}
		// thetaf's fitted values (SES on the adjusted series, reseasonalised)
		if d := maxRelDiff(fit.Fitted, r.Fitted); d > thetaTol {
			t.Errorf("%s: fitted values differ from R's by %.2g (relative)", c.Name, d)
		}
	}
}

func TestThetaBadData(t *testing.T) {
	if _, err := Theta([]float64{1, 2, 3}, 1); !errors.Is(err, ErrTooShort) {
		t.Errorf("3 points: %v; want ErrTooShort", err)
	}
	if _, err := Theta([]float64{1, 2, 3, 4, 5, 6, math.NaN(), 8}, 1); !errors.Is(err, ErrNotFinite) {
		t.Errorf("NaN: %v; want ErrNotFinite", err)
	}
}
