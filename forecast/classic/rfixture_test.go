package classic

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// The fixtures in testdata/r are written by scripts/r_fixtures_classic.R
// (make fixtures-r) with R 4.2.2 and forecast 8.20: for each bundled sample
// column, whole ("full") and without its last h values ("train"), what
// forecast::ets, thetaf and auto.arima select, estimate and forecast.

// rnum is a number R wrote; null (R's Inf, NA) reads as +Inf.
type rnum float64

func (r *rnum) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = rnum(math.Inf(1))
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*r = rnum(f)
	return nil
}

type rForecast struct {
	Mean    []float64 `json:"mean"`
	Lower80 []float64 `json:"lower80"`
	Upper80 []float64 `json:"upper80"`
	Lower95 []float64 `json:"lower95"`
	Upper95 []float64 `json:"upper95"`
}

type rETS struct {
	rForecast
	Method     string             `json:"method"`
	Error      string             `json:"error"`
	Par        map[string]float64 `json:"par"`
	InitState  []float64          `json:"initstate"`
	LogLik     rnum               `json:"loglik"`
	AIC        rnum               `json:"aic"`
	AICc       rnum               `json:"aicc"`
	BIC        rnum               `json:"bic"`
	Sigma2     rnum               `json:"sigma2"`
	MSE        rnum               `json:"mse"`
	R820       *rForecast         `json:"r820"`
	Candidates []rETS             `json:"candidates"`
	// the selected model only: its innovations, one-step fits, length(par)
	// and checkresiduals' Ljung–Box test
	Residuals []float64 `json:"residuals"`
	Fitted    []float64 `json:"fitted"`
	NPar      int       `json:"npar"`
	Check     *rCheck   `json:"check"`
}

// rCheck is forecast::checkresiduals' Ljung–Box test of a fitted model:
// Q*, the lag, the model's degrees of freedom and the p-value.
type rCheck struct {
	Q     float64 `json:"q"`
	Lags  int     `json:"lags"`
	FitDF int     `json:"fitdf"`
	P     float64 `json:"p"`
}

type rTheta struct {
	rForecast
	Alpha     float64   `json:"alpha"`
	Drift     float64   `json:"drift"`
	Sigma2    float64   `json:"sigma2"`
	Seasonal  bool      `json:"seasonal"`
	Residuals []float64 `json:"residuals"`
	Fitted    []float64 `json:"fitted"`
}

type rCase struct {
	Name    string    `json:"name"`
	File    string    `json:"file"`
	Column  string    `json:"column"`
	Variant string    `json:"variant"`
	M       int       `json:"m"`
	H       int       `json:"h"`
	Y       []float64 `json:"y"`
	ETS     rETS      `json:"ets"`
	Theta   rTheta    `json:"theta"`
}

// rCases reads every fixture, sorted by name; with -short or -race only the
// whole-series cases of fewer than 400 points (the seasonal and yearly
// samples; not the daily ones, nor the tree rings).
func rCases(t testing.TB) []rCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "r", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/r (make fixtures-r): %v", err)
	}
	sort.Strings(files)
	var out []rCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c rCase
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if (testing.Short() || raceEnabled) && (c.Variant != "full" || len(c.Y) >= 400) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// relDiff is |a−b| / max(|a|, |b|, 1e-300).
func relDiff(a, b float64) float64 {
	d := math.Abs(a - b)
	if d == 0 {
		return 0
	}
	return d / math.Max(math.Max(math.Abs(a), math.Abs(b)), 1e-300)
}

// maxRelDiff is the largest relDiff over two equally long slices (+Inf when
// their lengths differ).
func maxRelDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	out := 0.0
	for i := range a {
		out = math.Max(out, relDiff(a[i], b[i]))
	}
	return out
}

// intervalDiff compares a Forecast's mean and its 80 % and 95 % interval
// half-widths with R's: the largest relative differences. (Half-widths,
// not bounds: a lower bound near zero has no useful relative error.)
func intervalDiff(f Forecast, r rForecast) (mean, width float64) {
	mean = maxRelDiff(f.Mean, r.Mean)
	for _, lv := range []struct {
		level        float64
		lower, upper []float64
	}{{0.8, r.Lower80, r.Upper80}, {0.95, r.Lower95, r.Upper95}} {
		lo, up := f.Interval(lv.level)
		if len(lo) != len(lv.lower) {
			return mean, math.Inf(1)
		}
		for i := range lo {
			width = math.Max(width, relDiff((up[i]-lo[i])/2, (lv.upper[i]-lv.lower[i])/2))
		}
	}
	return mean, width
}

func fmtG(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }
