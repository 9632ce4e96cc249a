package precision

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// The decimals of values as their files wrote them, counted by hand.
func TestDecimals(t *testing.T) {
	for _, c := range []struct {
		name   string
		values []float64
		want   int
	}{
		{"whole numbers", []float64{112, 118, 132}, 0},
		{"prices", []float64{1234.56, 1.5, 20}, 2},
		{"one decimal", []float64{316.1, 317.3}, 1},
		{"small", []float64{0.0042, 0.0125}, 4},
		{"binary noise", []float64{0.1 + 0.2}, 1},
		{"more than eight", []float64{1.0 / 3}, 8},
		{"missing values skipped", []float64{math.NaN(), 2.5, math.Inf(1)}, 1},
		{"empty", nil, 0},
		{"one filled point in 20", append([]float64{100.5 + 1.0/3}, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119), 0},
		{"two filled points in 20", append([]float64{1.0 / 7, 2.0 / 7}, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117), 8},
	} {
		if got := Decimals(c.values); got != c.want {
			t.Errorf("%s: Decimals(%v) = %d; want %d", c.name, c.values, got, c.want)
		}
	}
}

// Real files: the passengers are whole numbers, FTSE closes carry one
// decimal (as written in the CSV).
func TestDecimalsOfFiles(t *testing.T) {
	for _, c := range []struct {
		file, col     string
		dec, exportAt int
	}{
		{"air_passengers_monthly.csv", "", 0, 2},
		{"eu_stock_ftse_smi_cac_daily.csv", "FTSE", 1, 3},
		{"mauna_loa_co2_weekly_with_gaps.csv", "", 1, 3},
	} {
		tab, err := tsdata.ReadFile(filepath.Join("..", "..", "..", "shared", "data", c.file), tsdata.ReadOptions{})
		if err != nil {
			t.Skipf("needs /work/shared/data: %v", err)
		}
		s, _, err := tab.Series(tsdata.SeriesSpec{ValueCol: c.col})
		if err != nil {
			t.Fatal(err)
		}
		if got := Decimals(s.Values); got != c.dec {
			t.Errorf("%s: Decimals = %d; want %d", c.file, got, c.dec)
		}
		if got := Export(s.Values); got != c.exportAt {
			t.Errorf("%s: Export = %d; want %d", c.file, got, c.exportAt)
		}
	}
}

func TestExportDecimalsSmallValues(t *testing.T) {
	// Whole-number data give 2 decimals; values near 0.0012 need 6 for
	// four significant digits (3 - floor(log10 0.0012) = 6).
	if got := Export([]float64{0.0012, 0.0013, 0.0011}); got != 6 {
		t.Errorf("Export(~0.0012) = %d; want 6", got)
	}
}

func TestSig6(t *testing.T) {
	for _, c := range []struct{ v, want float64 }{
		{0.123456789, 0.123457}, {6.25e-4, 6.25e-4}, {123456789, 123457000}, {-2.0 / 3, -0.666667}, {0, 0},
	} {
		if got := Sig6(c.v); got != c.want {
			t.Errorf("Sig6(%v) = %v; want %v", c.v, got, c.want)
		}
	}
}
