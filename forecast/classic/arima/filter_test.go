package arima

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestFilterMatchesR applies a model fitted on the first points of a
// bundled sample to a longer and a shorter stretch of it, its
// coefficients fixed, and compares the forecasts from there with
// forecast::Arima(y, model = fit)'s (scripts/r_fixtures_arima_filter.R,
// R 4.2.2, forecast 8.20). The model is the order R's auto.arima chose,
// estimated here by Fit, whose coefficients agree with R's to 1e-5 and
// forecasts to 1e-6 (TestAutoMatchesR); the filter adds no estimate of
// its own, so the same 1e-6 (arimaTol) holds.
func TestFilterMatchesR(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "arima_filter.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name    string    `json:"name"`
		M       int       `json:"m"`
		H       int       `json:"h"`
		Y       []float64 `json:"y"`
		NFit    int       `json:"n_fit"`
		Model   string    `json:"model"`
		Filters []struct {
			N    int       `json:"n"`
			Mean []float64 `json:"mean"`
		} `json:"filters"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 5 {
		t.Fatalf("%d cases; want 5", len(cases))
	}
	for _, c := range cases {
		o, constant := parseModel(t, c.Model, c.M)
		m, err := Fit(c.Y[:c.NFit], o, constant)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		if m.Method() != c.Model {
			t.Errorf("%s: fitted %s; want %s", c.Name, m.Method(), c.Model)
		}
		own := m.Forecast(c.H)
		for _, f := range c.Filters {
			y := slices.Clone(c.Y[:f.N])
			g, err := m.Filter(y)
			if err != nil {
				t.Errorf("%s n=%d: %v", c.Name, f.N, err)
				continue
			}
			if !slices.Equal(y, c.Y[:f.N]) {
				t.Fatalf("%s: Filter modified its input", c.Name)
			}
			got := g.Forecast(c.H)
			if d := maxRelDiff(got.Mean, f.Mean); d > arimaTol {
				t.Errorf("%s %s filtered to n=%d: forecasts differ from R's by %.2g (relative)\n got %v\nwant %v", c.Name, c.Model, f.N, d, got.Mean, f.Mean)
			}
			if f.N == c.NFit && !slices.Equal(got.Mean, own.Mean) {
				t.Errorf("%s: filtered over the points it was fitted on, %v; the fit's own forecast %v", c.Name, got.Mean, own.Mean)
			}
		}
	}
}
