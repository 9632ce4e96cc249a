package diagnose

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// The fixtures in testdata/ are written by scripts/r_fixtures_diagnose.R
// (R 4.2.2, forecast 8.20, Debian r-base-core) from the files in
// sampledata/data; `make fixtures-diagnose` regenerates them.

type lbFixture struct {
	Lags  int     `json:"lags"`
	FitDF int     `json:"fitdf"`
	Q     float64 `json:"q"`
	P     float64 `json:"p"`
}

type stlFixture struct {
	Period           int       `json:"period"`
	TWindow          int       `json:"t_window"`
	LWindow          int       `json:"l_window"`
	StrengthTrend    float64   `json:"strength_trend"`
	StrengthSeasonal float64   `json:"strength_seasonal"`
	Trend            []float64 `json:"trend"`
	Seasonal         []float64 `json:"seasonal"`
	Remainder        []float64 `json:"remainder"`
}

// seriesFixture is one sample: the series as R read it and R's numbers.
type seriesFixture struct {
	File       string       `json:"file"`
	Column     string       `json:"column"`
	Period     int          `json:"period"`
	X          []float64    `json:"x"`
	Lags       int          `json:"lags"`
	ACF        []float64    `json:"acf"`
	PACF       []float64    `json:"pacf"`
	Band       float64      `json:"band"`
	LjungBox   lbFixture    `json:"ljung_box"`
	STL        *stlFixture  `json:"stl"`
	Candidates []stlFixture `json:"candidates"`
}

// residualFixture is the residuals of one fitted model and R's checks.
type residualFixture struct {
	Method         string    `json:"method"`
	Period         int       `json:"period"`
	FitDF          int       `json:"fitdf"`
	Residuals      []float64 `json:"residuals"`
	Lags           int       `json:"lags"`
	ACF            []float64 `json:"acf"`
	LjungBox       lbFixture `json:"ljung_box"`
	CheckResiduals struct {
		Q  float64 `json:"q"`
		P  float64 `json:"p"`
		DF int     `json:"df"`
	} `json:"checkresiduals"`
	Mean          float64   `json:"mean"`
	SD            float64   `json:"sd"`
	FDBins        int       `json:"fd_bins"`
	QQTheoretical []float64 `json:"qq_theoretical"`
	QQSample      []float64 `json:"qq_sample"`
}

var seriesFixtures = []string{"air_passengers", "co2_weekly", "shop_sales", "new_haven_temp"}

func readJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func loadFixture(t testing.TB, name string) *seriesFixture {
	t.Helper()
	var f seriesFixture
	readJSON(t, name, &f)
	return &f
}

// loadSample reads a sample the way the app does (tsdata, default
// missing-value policy).
func loadSample(t testing.TB, file, column string) *tsdata.Series {
	t.Helper()
	tab, err := tsdata.ReadFile(filepath.Join("..", "..", "sampledata", "data", file), tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := tab.Series(tsdata.SeriesSpec{ValueCol: column})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// relClose reports whether got is within rel·|want| + abs of want.
func relClose(got, want, rel, abs float64) bool {
	return math.Abs(got-want) <= rel*math.Abs(want)+abs
}

// compareSlices fails t at the first element outside rel·|want| + abs and
// logs the largest difference (as llm.c's check_tensor does).
func compareSlices(t *testing.T, what string, got, want []float64, rel, abs float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values; want %d", what, len(got), len(want))
	}
	worst, at := 0.0, -1
	for i := range got {
		if d := math.Abs(got[i] - want[i]); d > worst || at < 0 {
			worst, at = d, i
		}
	}
	if at >= 0 && !relClose(got[at], want[at], rel, abs) {
		t.Errorf("%s[%d] = %.17g; want %.17g (diff %.3g)", what, at, got[at], want[at], worst)
		return
	}
	for i := range got {
		if !relClose(got[i], want[i], rel, abs) {
			t.Errorf("%s[%d] = %.17g; want %.17g", what, i, got[i], want[i])
			return
		}
	}
	t.Logf("%s: %d values, largest difference %.3g", what, len(got), worst)
}

// sd is the sample standard deviation: the series' scale in the STL
// tolerance.
func sd(x []float64) float64 { return math.Sqrt(variance(x)) }

// unchanged fails t when x differs from its copy taken before the call.
func unchanged(t *testing.T, what string, before, after []float64) {
	t.Helper()
	if !slices.Equal(before, after) {
		t.Errorf("%s modified its input", what)
	}
}

func allFinite(v ...[]float64) bool {
	for _, s := range v {
		for _, x := range s {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
	}
	return true
}
