package classic

import (
	"math"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// TestETSPath: the path's forecast from every origin equals the forecast
// of the same model filtered over that prefix from scratch (the reference:
// Trace on z[:t]/Scale, then Forecast, which scales back; to 1e-12
// relative: the same operations, so rounding only),
// for the four model shapes, and it refuses origins before the first
// causal state and past the series.
func TestETSPath(t *testing.T) {
	s, _ := loadSeries(t, "air_passengers_monthly.csv", tsdata.SeriesSpec{})
	z := s.Values
	fitted, err := FitETS(z[:100], 12)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]ETS{
		"fitted":   *fitted,
		"additive": {Season: SeasonAdditive, Trend: true, M: 12, Alpha: 0.4, Beta: 0.05, Gamma: 0.3, Phi: 1, Scale: 600},
		"damped":   {Season: SeasonNone, Trend: true, Damped: true, M: 1, Alpha: 0.6, Beta: 0.2, Phi: 0.9, Scale: 600},
		"simple":   {Season: SeasonNone, M: 1, Alpha: 0.3, Phi: 1, Scale: 1},
	}
	const h = 7
	for name, model := range cases {
		e := model
		p := NewETSPath(&e, z, h)
		first := map[string]int{"fitted": 24, "additive": 24, "damped": 2, "simple": 1}[name]
		if _, ok := p.At(first-1, 0); ok {
			t.Errorf("%s: origin %d, before the first causal state, has a forecast", name, first-1)
		}
		if _, ok := p.At(len(z)+1, 0); ok {
			t.Errorf("%s: an origin past the series has a forecast", name)
		}
		for _, tt := range []int{max(first, 3), 30, 61, 117, len(z)} {
			ref := model
			x := make([]float64, tt)
			for i := range x {
				x[i] = z[i] / ref.Scale
			}
			ref.Trace(x)
			want := ref.Forecast(h)
			for k := range h {
				got, ok := p.At(tt, k)
				if !ok || math.Abs(got-want[k]) > 1e-12*math.Abs(want[k]) {
					t.Errorf("%s: origin %d step %d: path %v (ok %v); filtered from scratch %v", name, tt, k, got, ok, want[k])
				}
			}
		}
	}
	if NewETSPath(&ETS{Season: SeasonAdditive, M: 12, Phi: 1, Scale: 1}, z[:23], h) != nil {
		t.Error("a path over 23 points of a seasonal model (two seasons needed) was made")
	}
	var none *ETSPath
	if _, ok := none.At(30, 0); ok {
		t.Error("a nil path has a forecast")
	}
}

// TestETSModelPath: for models of R's ets family the path's forecast from
// every origin equals ETSModel.Forecast's mean from the states the model's
// filter reaches over that prefix in one pass (to 1e-10 relative: the same
// recursions, the forecast formulas written twice), within the first season
// (beyond it Forecast adds a variance correction for multiplicative
// season); its name is the model's.
func TestETSModelPath(t *testing.T) {
	s, _ := loadSeries(t, "air_passengers_monthly.csv", tsdata.SeriesSpec{})
	z := s.Values
	const h = 11
	for _, spec := range []ETSSpec{
		{Error: ETSAdditive},
		{Error: ETSAdditive, Trend: ETSAdditive, Damped: true},
		{Error: ETSAdditive, Trend: ETSAdditive, Season: ETSAdditive},
		{Error: ETSMultiplicative, Trend: ETSAdditive, Damped: true, Season: ETSMultiplicative},
		{Error: ETSMultiplicative, Season: ETSMultiplicative},
	} {
		e, err := FitETSModel(z[:100], 12, spec)
		if err != nil {
			t.Fatalf("%v: %v", spec, err)
		}
		p := NewETSModelPath(e, z, h)
		if p.String() != spec.String() {
			t.Errorf("path named %q; want %q", p.String(), spec.String())
		}
		m, first := 1, 1
		switch {
		case spec.Season != ETSNone:
			m, first = 12, 24
		case spec.Trend != ETSNone:
			first = 2
		}
		if _, ok := p.At(first-1, 0); ok {
			t.Errorf("%v: origin %d, before the first causal state, has a forecast", spec, first-1)
		}
		for _, tt := range []int{max(first, 3), 30, 61, 100, 117, len(z)} {
			ref := *e
			ref.final = append([]float64(nil), e.Init...)
			res := make([]float64, tt)
			etsFilter(z[:tt], ref.final, m, spec, e.Alpha, e.Beta, e.Gamma, e.Phi, res, nil, ref.final)
			want := ref.Forecast(h).Mean
			for k := range h {
				got, ok := p.At(tt, k)
				if !ok || math.Abs(got-want[k]) > 1e-10*math.Abs(want[k]) {
					t.Errorf("%v: origin %d step %d: path %v (ok %v); model's forecast %v", spec, tt, k, got, ok, want[k])
				}
			}
		}
	}
	e, _ := FitETSModel(z[:100], 12, ETSSpec{Error: ETSAdditive, Trend: ETSAdditive, Season: ETSAdditive})
	if NewETSModelPath(e, z[:23], h) != nil {
		t.Error("a path over 23 points of a seasonal model (two seasons needed) was made")
	}
}
