package forecast

import (
	"errors"
	"math"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func TestTransformRoundTrip(t *testing.T) {
	s, _ := loadSeries(t, "air_passengers_monthly.csv", tsdata.SeriesSpec{})
	x := s.Values
	for _, tr := range []Transform{{Kind: config.TransformNone}, {Kind: config.TransformLog}, {Kind: config.TransformDiff}, {Kind: config.TransformSeasonalDiff, Period: 12}} {
		orig := append([]float64(nil), x...)
		z, _, err := tr.Apply(x)
		if err != nil {
			t.Fatal(err)
		}
		for i := range x {
			if x[i] != orig[i] {
				t.Fatalf("%v modified its input", tr.Kind)
			}
		}
		if len(z) != len(x)-tr.Lag() {
			t.Errorf("%v: len %d; want %d", tr.Kind, len(z), len(x)-tr.Lag())
		}
		// Invert the transformed last 24 points from origin n-24: exact.
		origin := len(x) - 24
		inv, err := tr.InverterAt(x, origin)
		if err != nil {
			t.Fatal(err)
		}
		got := inv.Invert(z[origin-tr.Lag():])
		for i := range got {
			if !approxEqual(got[i], x[origin+i], 1e-12) {
				t.Errorf("%v: Invert step %d = %v; want %v", tr.Kind, i, got[i], x[origin+i])
				break
			}
		}
	}
}

func TestTransformHandComputed(t *testing.T) {
	x := []float64{1, 2, 4, 7, 11}
	z, inv, _ := Transform{Kind: config.TransformDiff}.Apply(x)
	if want := []float64{1, 2, 3, 4}; !equalSlices(z, want) {
		t.Errorf("diff = %v; want %v", z, want)
	}
	// forecast diffs 5, 6 after 11 → 16, 22
	if got := inv.Invert([]float64{5, 6}); !equalSlices(got, []float64{16, 22}) {
		t.Errorf("Invert = %v; want [16 22]", got)
	}
	z, inv, _ = Transform{Kind: config.TransformSeasonalDiff, Period: 2}.Apply(x)
	if want := []float64{3, 5, 7}; !equalSlices(z, want) {
		t.Errorf("seasonal diff = %v; want %v", z, want)
	}
	// tail (7, 11); forecasts 1, 1, 1 → 8, 12, 9
	if got := inv.Invert([]float64{1, 1, 1}); !equalSlices(got, []float64{8, 12, 9}) {
		t.Errorf("Invert = %v; want [8 12 9]", got)
	}
}

func TestTransformErrors(t *testing.T) {
	_, _, err := Transform{Kind: config.TransformLog}.Apply([]float64{1, 0, 3})
	if !errors.Is(err, tsdata.ErrNonPositive) || err.Error() != "forecast: log transform needs values > 0; value 2 is 0; choose transform none or diff" {
		t.Errorf("log error = %v", err)
	}
	if _, _, err := (Transform{Kind: config.TransformDiff}).Apply([]float64{-1e308, 1.7e308}); err == nil {
		t.Error("overflowing diff: no error")
	}
	inv := &Inverter{Transform: Transform{Kind: config.TransformLog}}
	if got := inv.Invert([]float64{1e6}); math.IsInf(got[0], 0) {
		t.Errorf("exp overflow not clamped: %v", got)
	}
	if _, err := config.ParseTransform("boxcox"); err == nil {
		t.Error("ParseTransform(boxcox): no error")
	}
}

func equalSlices(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !approxEqual(a[i], b[i], 1e-12) {
			return false
		}
	}
	return true
}
