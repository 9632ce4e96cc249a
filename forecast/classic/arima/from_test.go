package arima

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestForecastFromR: a model fitted by Auto on all but the last 2h values,
// applied with its coefficients fixed to all but the last h and to the
// whole series, forecasts as R's forecast(Arima(y, model = fit), h) does
// (scripts/r_fixtures_arima_from.R, R 4.2.2, forecast 8.20) where Auto
// selects R's model: 1e-6 relative, the tolerance of this package's
// forecasts against R (TestAutoMatchesR; the estimates agree to about
// that, the filter itself is exact). Applied to the fitted points it is
// the fit's own forecast (1e-12 relative).
func TestForecastFromR(t *testing.T) {
	if raceEnabled {
		t.Skip("no concurrency here, and Auto's searches take minutes under the race detector")
	}
	b, err := os.ReadFile(filepath.Join("..", "testdata", "r_arima_from.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name   string      `json:"name"`
		M      int         `json:"m"`
		FitN   int         `json:"fit_n"`
		Method string      `json:"method"`
		Y      []float64   `json:"y"`
		From   []int       `json:"from"`
		Mean   [][]float64 `json:"mean"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	agreed := 0
	for _, c := range cases {
		if testing.Short() && c.FitN >= 150 {
			continue
		}
		hh := len(c.Mean[0])
		m, _, err := Auto(c.Y[:c.FitN], c.M)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		own, err := m.ForecastFrom(c.Y[:c.FitN], hh)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if d := maxRelDiff(own.Mean, m.Forecast(hh).Mean); d > 1e-12 {
			t.Errorf("%s: from the fitted points %.2g from the fit's own forecast", c.Name, d)
		}
		if m.Method() != c.Method {
			t.Logf("%s: Auto selected %s, R %s; not compared", c.Name, m.Method(), c.Method)
			continue
		}
		agreed++
		for i, n := range c.From {
			f, err := m.ForecastFrom(c.Y[:n], hh)
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			if d := maxRelDiff(f.Mean, c.Mean[i]); d > 1e-6 {
				t.Errorf("%s from %d points: %.2g relative from R\n got %v\nwant %v", c.Name, n, d, f.Mean, c.Mean[i])
			}
		}
	}
	if agreed == 0 {
		t.Error("Auto selected R's model on no case")
	}
}
