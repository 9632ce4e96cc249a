package arima

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"testing"
)

// The fixtures in ../testdata/r are written by scripts/r_fixtures_classic.R
// (make fixtures-r) with R 4.2.2 and forecast 8.20; see package classic.

// rnum is a number R wrote; null (R's Inf) reads as +Inf.
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

type rVisit struct {
	Model string `json:"model"`
	IC    rnum   `json:"ic"`
}

type rArima struct {
	Method        string    `json:"method"`
	Arma          []int     `json:"arma"` // p, q, P, Q, m, d, D
	CoefNames     []string  `json:"coef_names"`
	Coef          []float64 `json:"coef"`
	Sigma2        float64   `json:"sigma2"`
	LogLik        float64   `json:"loglik"`
	AIC           rnum      `json:"aic"`
	AICc          rnum      `json:"aicc"`
	BIC           rnum      `json:"bic"`
	Approximation bool      `json:"approximation"`
	SeasStrength  rnum      `json:"seas_strength"`
	KPSS          float64   `json:"kpss_first"`
	NDiffs        int       `json:"ndiffs"`
	NSDiffs       int       `json:"nsdiffs"`
	Trace         []rVisit  `json:"trace"`
	Refits        []rVisit  `json:"refits"`
	Mean          []float64 `json:"mean"`
	Lower80       []float64 `json:"lower80"`
	Upper80       []float64 `json:"upper80"`
	Lower95       []float64 `json:"lower95"`
	Upper95       []float64 `json:"upper95"`
	// residuals(fit) and checkresiduals' Ljung–Box test (df p+q+P+Q)
	Residuals []float64 `json:"residuals"`
	Check     *struct {
		FitDF int `json:"fitdf"`
	} `json:"check"`
}

type rCase struct {
	Name    string    `json:"name"`
	Variant string    `json:"variant"`
	M       int       `json:"m"`
	H       int       `json:"h"`
	Y       []float64 `json:"y"`
	Arima   rArima    `json:"arima"`
}

// rCases reads every fixture, sorted by name; with -short or -race only the
// whole-series cases of fewer than 400 points whose search has at most one
// exact refit.
func rCases(t testing.TB) []rCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "r", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in ../testdata/r (make fixtures-r): %v", err)
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
		if (testing.Short() || raceEnabled) && (c.Variant != "full" || len(c.Y) >= 400 || len(c.Arima.Refits) > 1) {
			continue
		}
		out = append(out, c)
	}
	return out
}

var modelRE = regexp.MustCompile(`^ARIMA\((\d+),(\d+),(\d+)\)(?:\((\d+),(\d+),(\d+)\)\[(\d+)\])?\s*(with drift|with non-zero mean|with zero mean)?\s*$`)

// parseModel reads R's "ARIMA(2,1,1)(0,1,1)[12] with drift".
func parseModel(t testing.TB, s string, m int) (Order, bool) {
	t.Helper()
	g := modelRE.FindStringSubmatch(s)
	if g == nil {
		t.Fatalf("cannot parse model %q", s)
	}
	at := func(i int) int {
		if g[i] == "" {
			return 0
		}
		v, _ := strconv.Atoi(g[i])
		return v
	}
	o := Order{P: at(1), D: at(2), Q: at(3), SP: at(4), SD: at(5), SQ: at(6), M: m}
	return o, g[8] == "with drift" || g[8] == "with non-zero mean"
}

func relDiff(a, b float64) float64 {
	d := math.Abs(a - b)
	if d == 0 {
		return 0
	}
	return d / math.Max(math.Max(math.Abs(a), math.Abs(b)), 1e-300)
}

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
