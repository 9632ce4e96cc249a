package diagnose

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// monthly wraps values as a monthly series starting in January 2000.
func monthly(x []float64) *tsdata.Series {
	t0 := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	times := make([]time.Time, len(x))
	for i := range times {
		times[i] = t0.AddDate(0, i, 0)
	}
	return &tsdata.Series{Name: "y", Times: times, Values: x, Freq: calendar.Freq{Unit: calendar.FreqMonth, K: 1}}
}

// TestShortSeriesGetsACFButNoSTL: 24 months are two seasons, one value
// short of what STL needs (R's stl refuses n ≤ 2·period).
func TestShortSeriesGetsACFButNoSTL(t *testing.T) {
	air := loadFixture(t, "air_passengers").X
	for _, n := range []int{24, 25} {
		d, err := Describe(monthly(air[:n]), Options{})
		if err != nil {
			t.Fatalf("Describe(%d months): %v", n, err)
		}
		if len(d.ACF) != DefaultLags(n, 12) || len(d.PACF) != len(d.ACF) {
			t.Errorf("Describe(%d months): %d ACF and %d PACF lags; want %d", n, len(d.ACF), len(d.PACF), DefaultLags(n, 12))
		}
		switch {
		case n == 24 && (d.STL != nil || !strings.Contains(d.STLReason, "at least 25 values")):
			t.Errorf("Describe(24 months): STL %v, reason %q; want none, with the 25 values it needs", d.STL != nil, d.STLReason)
		case n == 25 && d.STL == nil:
			t.Errorf("Describe(25 months): no STL (%s); R's stl decomposes 25 > 2·12 values", d.STLReason)
		}
	}
	_, err := STL(air[:24], 12)
	var se *ShortError
	if !errors.As(err, &se) || se.Need != 25 || se.N != 24 || !errors.Is(err, ErrTooShort) {
		t.Errorf("STL(24 values, 12) = %v; want a *ShortError needing 25", err)
	}
}

// TestLagBeyondSeries: lags beyond T−1 are refused, naming the largest.
func TestLagBeyondSeries(t *testing.T) {
	x := loadFixture(t, "new_haven_temp").X // 60 values
	calls := map[string]func(int) error{
		"ACF":      func(k int) error { _, err := ACF(x, k); return err },
		"PACF":     func(k int) error { _, err := PACF(x, k); return err },
		"LjungBox": func(k int) error { _, err := LjungBox(x, k, 0); return err },
		"Describe": func(k int) error {
			_, err := Describe(&tsdata.Series{Values: x, Freq: calendar.Freq{Unit: calendar.FreqYear, K: 1}}, Options{Lags: k})
			return err
		},
		"CheckResiduals": func(k int) error { _, err := CheckResiduals(x, ResidualOptions{Lags: k}); return err },
	}
	for name, call := range calls {
		if err := call(59); err != nil {
			t.Errorf("%s(lag 59 of 60 values): %v", name, err)
		}
		err := call(60)
		var le *LagError
		if !errors.As(err, &le) || le.Max != 59 || le.Asked != 60 || !errors.Is(err, ErrLagTooLarge) {
			t.Errorf("%s(lag 60 of 60 values) = %v; want a *LagError with Max 59", name, err)
		} else if !strings.Contains(err.Error(), "at most lag 59") {
			t.Errorf("%s: error %q does not name the largest lag", name, err)
		}
		if err := call(-1); !errors.Is(err, ErrBadArgument) {
			t.Errorf("%s(lag −1) = %v; want ErrBadArgument", name, err)
		}
	}
}

// TestConstantSeries: correlations of a constant are 0/0; every entry
// point says so instead of returning NaN.
func TestConstantSeries(t *testing.T) {
	x := slices.Repeat([]float64{0.1}, 48)
	checks := map[string]error{}
	_, checks["ACF"] = ACF(x, 5)
	_, checks["PACF"] = PACF(x, 5)
	_, checks["LjungBox"] = LjungBox(x, 5, 0)
	_, checks["STL"] = STL(x, 12)
	_, checks["SeasonCandidates"] = SeasonCandidates(x, []Period{{Steps: 12}})
	_, checks["Describe"] = Describe(monthly(x), Options{})
	for name, err := range checks {
		var ce *ConstantError
		if !errors.As(err, &ce) || ce.Value != 0.1 || !errors.Is(err, ErrConstant) {
			t.Errorf("%s(constant 0.1) = %v; want a *ConstantError", name, err)
		}
	}
}

// TestResidualsZeroOrConstant: an exact fit and a constant offset give a
// finding and a verdict, finite numbers, and valid JSON.
func TestResidualsZeroOrConstant(t *testing.T) {
	for _, tc := range []struct {
		v       float64
		finding Finding
		words   string
	}{
		{0, ZeroResiduals, "all zero"},
		{-2.5, ConstantResiduals, "off by a constant"},
	} {
		res := slices.Repeat([]float64{tc.v}, 30)
		c, err := CheckResiduals(res, ResidualOptions{Period: 12, FitDF: 2})
		if err != nil {
			t.Fatalf("CheckResiduals(all %g): %v", tc.v, err)
		}
		if c.Finding != tc.finding || !strings.Contains(c.Verdict, tc.words) {
			t.Errorf("CheckResiduals(all %g) = %v, %q; want %v saying %q", tc.v, c.Finding, c.Verdict, tc.finding, tc.words)
		}
		if c.Mean != tc.v || c.SD != 0 || !allFinite(c.QQ.Sample, c.QQ.Theoretical, c.Histogram.Edges, c.ACF) {
			t.Errorf("CheckResiduals(all %g): mean %g, sd %g, non-finite values in the result", tc.v, c.Mean, c.SD)
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Errorf("json.Marshal: %v", err)
		}
		if !strings.Contains(string(b), `"finding":"`+tc.finding.String()+`"`) {
			t.Errorf("JSON %s lacks the finding %q", b, tc.finding)
		}
	}
}

func TestNonFiniteValues(t *testing.T) {
	x := slices.Clone(loadFixture(t, "air_passengers").X)
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		x[17] = bad
		errs := map[string]error{}
		_, errs["ACF"] = ACF(x, 5)
		_, errs["PACF"] = PACF(x, 5)
		_, errs["LjungBox"] = LjungBox(x, 5, 0)
		_, errs["STL"] = STL(x, 12)
		_, errs["CheckResiduals"] = CheckResiduals(x, ResidualOptions{})
		_, errs["Describe"] = Describe(monthly(x), Options{})
		for name, err := range errs {
			var ne *NonFiniteError
			if !errors.As(err, &ne) || ne.Index != 17 || !errors.Is(err, ErrNonFinite) {
				t.Errorf("%s(x[17] = %v) = %v; want a *NonFiniteError at 17", name, bad, err)
			}
		}
	}
}

func TestBadArguments(t *testing.T) {
	x := loadFixture(t, "air_passengers").X
	if _, err := LjungBox(x, 5, 5); !errors.Is(err, ErrBadArgument) {
		t.Errorf("LjungBox(lag 5, fitdf 5) = %v; want ErrBadArgument (no degrees of freedom)", err)
	}
	if _, err := LjungBox(x, 5, -1); !errors.Is(err, ErrBadArgument) {
		t.Errorf("LjungBox(fitdf −1) = %v; want ErrBadArgument", err)
	}
	if _, err := CheckResiduals(x[:8], ResidualOptions{FitDF: 7}); !errors.Is(err, ErrBadArgument) {
		t.Errorf("CheckResiduals(8 residuals, fitdf 7) = %v; want ErrBadArgument", err)
	}
	if _, err := CheckResiduals(x[:2], ResidualOptions{}); !errors.Is(err, ErrTooShort) {
		t.Errorf("CheckResiduals(2 residuals) = %v; want ErrTooShort", err)
	}
	if _, err := STL(x, 1); !errors.Is(err, ErrNoSeason) {
		t.Errorf("STL(period 1) = %v; want ErrNoSeason", err)
	}
	if _, err := Describe(monthly(x), Options{Season: -3}); !errors.Is(err, ErrBadArgument) {
		t.Errorf("Describe(season −3) = %v; want ErrBadArgument", err)
	}
	if _, err := Describe(nil, Options{}); !errors.Is(err, ErrBadArgument) {
		t.Errorf("Describe(nil) = %v; want ErrBadArgument", err)
	}
	if _, err := ACF(x[:1], 1); !errors.Is(err, ErrTooShort) {
		t.Errorf("ACF(1 value) = %v; want ErrTooShort", err)
	}
}

// TestDeterministicSeriesStayFinite: a pure sine and a straight line are
// perfectly predictable, the hardest case for Durbin–Levinson; the
// results must stay finite and the correlations within [−1, 1].
func TestDeterministicSeriesStayFinite(t *testing.T) {
	sine, line := make([]float64, 48), make([]float64, 48)
	for i := range sine {
		sine[i] = math.Sin(2 * math.Pi * float64(i) / 12)
		line[i] = float64(i)
	}
	for name, x := range map[string][]float64{"sine": sine, "line": line} {
		a, err := ACF(x, 47)
		if err != nil {
			t.Fatal(err)
		}
		p, err := PACF(x, 20)
		if err != nil {
			t.Fatal(err)
		}
		d, err := STL(x, 12)
		if err != nil {
			t.Fatal(err)
		}
		if !allFinite(a, p, d.Trend, d.Seasonal, d.Remainder) {
			t.Errorf("%s: non-finite ACF, PACF or STL", name)
		}
		for _, v := range a {
			if math.Abs(v) > 1 {
				t.Errorf("%s: |ACF| = %g > 1", name, math.Abs(v))
			}
		}
	}
}
