package diagnose

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// TestDescribeJSONContract: the JSON of Describe on each sample has the
// keys of issue 13's `forecaster diagnose -json` and R's numbers.
func TestDescribeJSONContract(t *testing.T) {
	for _, name := range seriesFixtures {
		t.Run(name, func(t *testing.T) {
			f := loadFixture(t, name)
			s := loadSample(t, f.File, f.Column)
			s.Values = slices.Clone(f.X) // R's series (tsdata's gap filling agrees to 1e-12, TestSeriesMatchesR)
			keep := slices.Clone(s.Values)
			d, err := Describe(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			unchanged(t, "Describe", keep, s.Values)
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				ACF      []float64 `json:"acf"`
				PACF     []float64 `json:"pacf"`
				LjungBox *struct {
					Lags *int     `json:"lags"`
					Q    *float64 `json:"q"`
					P    *float64 `json:"p"`
				} `json:"ljung_box"`
				STL *struct {
					Period    int       `json:"period"`
					Trend     []float64 `json:"trend"`
					Seasonal  []float64 `json:"seasonal"`
					Remainder []float64 `json:"remainder"`
				} `json:"stl"`
				STLReason string `json:"stl_reason"`
			}
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			compareSlices(t, "json acf", got.ACF, f.ACF, relCorr, absCorr)
			compareSlices(t, "json pacf", got.PACF, f.PACF, relCorr, absCorr)
			lb := got.LjungBox
			if lb == nil || lb.Lags == nil || lb.Q == nil || lb.P == nil {
				t.Fatalf("ljung_box lacks lags, q or p: %s", b[:min(len(b), 300)])
			}
			if *lb.Lags != f.LjungBox.Lags || !relClose(*lb.Q, f.LjungBox.Q, relCorr, 0) || !relClose(*lb.P, f.LjungBox.P, relCorr, absCorr) {
				t.Errorf("ljung_box = {%d %g %g}; want {%d %g %g}", *lb.Lags, *lb.Q, *lb.P, f.LjungBox.Lags, f.LjungBox.Q, f.LjungBox.P)
			}
			switch {
			case f.STL == nil && (got.STL != nil || got.STLReason == ""):
				t.Errorf("stl = %v, stl_reason %q; want null with a reason", got.STL != nil, got.STLReason)
			case f.STL != nil && got.STL == nil:
				t.Errorf("stl = null (%s); R decomposes this series", got.STLReason)
			case f.STL != nil:
				if got.STL.Period != f.Period {
					t.Errorf("stl.period = %d; want %d", got.STL.Period, f.Period)
				}
				tol := stlScale * sd(f.X)
				compareSlices(t, "json trend", got.STL.Trend, f.STL.Trend, 0, tol)
				compareSlices(t, "json seasonal", got.STL.Seasonal, f.STL.Seasonal, 0, tol)
				compareSlices(t, "json remainder", got.STL.Remainder, f.STL.Remainder, 0, tol)
			}
			if txt := d.Text(); !strings.Contains(txt, "Ljung–Box") || strings.Contains(txt, "NaN") {
				t.Errorf("Text() = %q", txt)
			}
		})
	}
}

// TestDescribeOptions: -season and -lags override the calendar.
func TestDescribeOptions(t *testing.T) {
	f := loadFixture(t, "air_passengers")
	s := monthly(f.X)
	d, err := Describe(s, Options{Season: 1, Lags: 5, LjungBoxLag: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.ACF) != 5 || len(d.PACF) != 5 || d.LjungBox.Lags != 7 || d.STL != nil || !strings.Contains(d.STLReason, "no seasonal period") {
		t.Errorf("Describe(season 1, lags 5, LB 7) = %d ACF, %d PACF, LB lag %d, STL %v (%q)", len(d.ACF), len(d.PACF), d.LjungBox.Lags, d.STL != nil, d.STLReason)
	}
	compareSlices(t, "acf at 5 lags", d.ACF, f.ACF[:5], relCorr, absCorr)
	d, err = Describe(s, Options{Season: 6})
	if err != nil || d.STL == nil || d.STL.Period != 6 || d.LjungBox.Lags != 12 {
		t.Errorf("Describe(season 6): %v; want STL with period 6 and Ljung–Box at lag 12", err)
	}
}

// TestSeasonCandidates: daily shop sales leave the season open between a
// week and a year; R's strengths for both (fixture), and the weekly one is
// the stronger.
func TestSeasonCandidates(t *testing.T) {
	f := loadFixture(t, "shop_sales")
	s := loadSample(t, f.File, f.Column)
	periods := CandidatePeriods(s.Freq)
	if want := []Period{{7, "week"}, {365, "year"}}; !slices.Equal(periods, want) {
		t.Fatalf("CandidatePeriods(daily) = %v; want %v", periods, want)
	}
	cands, err := SeasonCandidates(f.X, periods)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cands {
		w := f.Candidates[i]
		if c.Steps != w.Period || c.Reason != "" || !relClose(c.StrengthSeasonal, w.StrengthSeasonal, 0, 1e-9) || !relClose(c.StrengthTrend, w.StrengthTrend, 0, 1e-9) {
			t.Errorf("candidate %d = %+v; want period %d, F_S %.10g, F_T %.10g", i, c, w.Period, w.StrengthSeasonal, w.StrengthTrend)
		}
	}
	if cands[0].StrengthSeasonal <= cands[1].StrengthSeasonal {
		t.Errorf("weekly strength %.3f ≤ yearly %.3f; the shop's week is its strongest season", cands[0].StrengthSeasonal, cands[1].StrengthSeasonal)
	}
	// two years of days: too short for a yearly STL (731 values), with the reason
	cands, err = SeasonCandidates(f.X[:730], periods)
	if err != nil {
		t.Fatal(err)
	}
	if cands[0].Reason != "" || cands[1].Reason == "" || cands[1].Err == nil || cands[1].StrengthSeasonal != 0 {
		t.Errorf("730 days: candidates %+v; want the week measured and the year refused with a reason", cands)
	}
	d, err := Describe(s, Options{})
	if err != nil || len(d.Candidates) != 2 {
		t.Errorf("Describe(daily): %v, %d candidates; want 2", err, len(d.Candidates))
	}
}

func TestCandidatePeriods(t *testing.T) {
	for _, tc := range []struct {
		f    calendar.Freq
		want []int
	}{
		{calendar.Freq{Unit: calendar.FreqHour, K: 1}, []int{24, 168}},
		{calendar.Freq{Unit: calendar.FreqHour, K: 2}, []int{12, 84}},
		{calendar.Freq{Unit: calendar.FreqHour, K: 5}, nil},
		{calendar.Freq{Unit: calendar.FreqDay, K: 1}, []int{7, 365}},
		{calendar.Freq{Unit: calendar.FreqMinute, K: 15}, []int{4, 96, 672}},
		{calendar.Freq{Unit: calendar.FreqWeek, K: 1}, []int{52}},
		{calendar.Freq{Unit: calendar.FreqMonth, K: 1}, []int{12}},
		{calendar.Freq{Unit: calendar.FreqQuarter, K: 1}, []int{4}},
		{calendar.Freq{Unit: calendar.FreqYear, K: 1}, nil},
		{calendar.Freq{}, nil},
	} {
		var got []int
		for _, p := range CandidatePeriods(tc.f) {
			got = append(got, p.Steps)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("CandidatePeriods(%v) = %v; want %v", tc.f, got, tc.want)
		}
	}
}

// TestVerdictOnClassicMethods checks residuals the project's own methods
// leave on AirPassengers: one-step seasonal-naive forecasts from
// classic.SeasonalNaive reproduce R's snaive residuals, and the naive
// method's residuals keep the season (lag 12).
func TestVerdictOnClassicMethods(t *testing.T) {
	var cases []residualFixture
	readJSON(t, "residuals", &cases)
	x := loadFixture(t, "air_passengers").X
	oneStep := func(f func(hist []float64) float64, from int) []float64 {
		var r []float64
		for i := from; i < len(x); i++ {
			r = append(r, x[i]-f(x[:i]))
		}
		return r
	}
	naive := oneStep(func(h []float64) float64 { return classic.Naive(h, 1)[0] }, 1)
	snaive := oneStep(func(h []float64) float64 { return classic.SeasonalNaive(h, 1, 12)[0] }, 12)
	for _, tc := range []struct {
		method  string
		res     []float64
		finding Finding
		lag     int
	}{
		{"naive", naive, SeasonalAutocorrelation, 12},
		{"seasonal naive", snaive, Autocorrelation, 1},
	} {
		i := slices.IndexFunc(cases, func(c residualFixture) bool { return c.Method == tc.method })
		compareSlices(t, tc.method+" residuals", tc.res, cases[i].Residuals, 0, 0)
		c, err := CheckResiduals(tc.res, ResidualOptions{Period: 12})
		if err != nil {
			t.Fatal(err)
		}
		if c.Finding != tc.finding || c.Lag != tc.lag || !strings.Contains(c.Verdict, fmt.Sprintf("at lag %d:", tc.lag)) {
			t.Errorf("%s: %v at lag %d, %q; want %v at lag %d", tc.method, c.Finding, c.Lag, c.Verdict, tc.finding, tc.lag)
		}
	}
}
