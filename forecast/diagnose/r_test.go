package diagnose

import (
	"slices"
	"testing"
)

// Tolerances against R (issue 13, "Fidelity"):
//   - ACF, PACF, Ljung–Box Q: 1e-9 relative; plus 1e-15 absolute, the
//     rounding of a correlation of order 1 that happens to be near 0.
//   - Ljung–Box p: 1e-9 relative plus 1e-15 absolute: R computes
//     1 − pchisq(Q, df), which loses everything below ~1e-16 (it prints 0
//     for the raw samples), while P here is the upper tail itself.
//   - STL trend, seasonal, remainder: 1e-6 of the series' scale (its
//     standard deviation); the strengths, ratios of variances, 1e-9.
//   - The series itself: tsdata fills gaps with a·(1−w) + b·w, R's approx
//     with a + (b−a)·w, so the filled values agree to rounding, 1e-12
//     relative.
const (
	relCorr  = 1e-9
	absCorr  = 1e-15
	stlScale = 1e-6
)

// TestSeriesMatchesR reads each sample as the app does, checks that it is
// the series R used, and compares ACF, PACF, Ljung–Box and STL with R.
func TestSeriesMatchesR(t *testing.T) {
	for _, name := range seriesFixtures {
		t.Run(name, func(t *testing.T) {
			f := loadFixture(t, name)
			s := loadSample(t, f.File, f.Column)
			compareSlices(t, "series read by tsdata", s.Values, f.X, 1e-12, 0)
			if got := s.Freq.SeasonalPeriod(); got != f.Period {
				t.Fatalf("SeasonalPeriod() = %d; fixture uses %d", got, f.Period)
			}
			x := f.X
			keep := slices.Clone(x)

			if got := DefaultLags(len(x), f.Period); got != f.Lags {
				t.Errorf("DefaultLags(%d, %d) = %d; forecast::Acf uses %d", len(x), f.Period, got, f.Lags)
			}
			a, err := ACF(x, f.Lags)
			if err != nil {
				t.Fatal(err)
			}
			compareSlices(t, "acf", a, f.ACF, relCorr, absCorr)
			p, err := PACF(x, f.Lags)
			if err != nil {
				t.Fatal(err)
			}
			compareSlices(t, "pacf", p, f.PACF, relCorr, absCorr)
			if got := Band(len(x)); !relClose(got, f.Band, 1e-15, 0) {
				t.Errorf("Band(%d) = %.17g; want %.17g", len(x), got, f.Band)
			}

			if got := LjungBoxLag(len(x), f.Period); got != f.LjungBox.Lags {
				t.Errorf("LjungBoxLag(%d, %d) = %d; want %d", len(x), f.Period, got, f.LjungBox.Lags)
			}
			lb, err := LjungBox(x, f.LjungBox.Lags, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !relClose(lb.Q, f.LjungBox.Q, relCorr, 0) || !relClose(lb.P, f.LjungBox.P, relCorr, absCorr) {
				t.Errorf("LjungBox(x, %d, 0) = Q %.17g, p %.3g; want Q %.17g, p %.3g", f.LjungBox.Lags, lb.Q, lb.P, f.LjungBox.Q, f.LjungBox.P)
			}
			t.Logf("Ljung–Box Q %.10g (R %.10g), p %.3g (R %.3g)", lb.Q, f.LjungBox.Q, lb.P, f.LjungBox.P)

			if f.STL == nil {
				if _, err := STL(x, f.Period); err == nil {
					t.Errorf("STL(x, %d) gave a decomposition; R's stl refuses this series", f.Period)
				}
			} else {
				compareSTL(t, x, f.STL)
			}
			for _, c := range f.Candidates {
				compareSTL(t, x, &c)
			}
			unchanged(t, "ACF, PACF, LjungBox or STL", keep, x)
		})
	}
}

func compareSTL(t *testing.T, x []float64, want *stlFixture) {
	t.Helper()
	d, err := STL(x, want.Period)
	if err != nil {
		t.Fatalf("STL(x, %d): %v", want.Period, err)
	}
	if d.TrendWindow != want.TWindow || d.LowPassWindow != want.LWindow {
		t.Errorf("STL(x, %d) windows t %d, l %d; R's stl uses %d, %d", want.Period, d.TrendWindow, d.LowPassWindow, want.TWindow, want.LWindow)
	}
	tol := stlScale * sd(x)
	compareSlices(t, "stl trend", d.Trend, want.Trend, 0, tol)
	compareSlices(t, "stl seasonal", d.Seasonal, want.Seasonal, 0, tol)
	compareSlices(t, "stl remainder", d.Remainder, want.Remainder, 0, tol)
	if !relClose(d.StrengthTrend, want.StrengthTrend, 0, 1e-9) || !relClose(d.StrengthSeasonal, want.StrengthSeasonal, 0, 1e-9) {
		t.Errorf("STL(x, %d) strengths F_T %.12g, F_S %.12g; want %.12g, %.12g", want.Period,
			d.StrengthTrend, d.StrengthSeasonal, want.StrengthTrend, want.StrengthSeasonal)
	}
}

// TestResidualsMatchR checks CheckResiduals on residuals of fitted models
// (naive, seasonal naive, the airline ARIMA on log passengers with fitdf 2,
// an AR(1) on a yearly series with fitdf 1) against R's Box.test,
// forecast::checkresiduals (its lag rule, Q and p), qqnorm, nclass.FD, mean
// and sd. Tolerances as TestSeriesMatchesR; Q–Q points 1e-12 relative
// (gonum's and R's normal quantile are both Wichura's AS 241).
func TestResidualsMatchR(t *testing.T) {
	var cases []residualFixture
	readJSON(t, "residuals", &cases)
	for _, f := range cases {
		t.Run(f.Method, func(t *testing.T) {
			res := f.Residuals
			keep := slices.Clone(res)
			n := len(res)
			if got := ResidualLag(n, f.Period, f.FitDF); got != f.LjungBox.Lags {
				t.Errorf("ResidualLag(%d, %d, %d) = %d; checkresiduals used %d", n, f.Period, f.FitDF, got, f.LjungBox.Lags)
			}
			c, err := CheckResiduals(res, ResidualOptions{Period: f.Period, FitDF: f.FitDF})
			if err != nil {
				t.Fatal(err)
			}
			unchanged(t, "CheckResiduals", keep, res)
			lb := c.LjungBox
			if lb.Lags != f.LjungBox.Lags || lb.FitDF != f.FitDF || lb.DF() != f.CheckResiduals.DF {
				t.Errorf("Ljung–Box lag %d, fitdf %d, df %d; want %d, %d, %d", lb.Lags, lb.FitDF, lb.DF(), f.LjungBox.Lags, f.FitDF, f.CheckResiduals.DF)
			}
			if !relClose(lb.Q, f.LjungBox.Q, relCorr, 0) || !relClose(lb.P, f.LjungBox.P, relCorr, absCorr) {
				t.Errorf("Ljung–Box Q %.17g, p %.17g; want %.17g, %.17g", lb.Q, lb.P, f.LjungBox.Q, f.LjungBox.P)
			}
			if len(c.ACF) != f.Lags {
				t.Errorf("%d ACF lags; want %d", len(c.ACF), f.Lags)
			}
			compareSlices(t, "residual acf", c.ACF, f.ACF, relCorr, absCorr)
			if !relClose(c.Mean, f.Mean, 1e-12, 1e-15) || !relClose(c.SD, f.SD, 1e-12, 0) {
				t.Errorf("mean %.17g, sd %.17g; want %.17g, %.17g", c.Mean, c.SD, f.Mean, f.SD)
			}
			if got := len(c.Histogram.Counts); got != f.FDBins {
				t.Errorf("%d histogram bins; nclass.FD gives %d", got, f.FDBins)
			}
			total := 0
			for _, k := range c.Histogram.Counts {
				total += k
			}
			if total != n || len(c.Histogram.Edges) != len(c.Histogram.Counts)+1 {
				t.Errorf("histogram holds %d of %d values, %d edges for %d bins", total, n, len(c.Histogram.Edges), len(c.Histogram.Counts))
			}
			compareSlices(t, "qq theoretical", c.QQ.Theoretical, f.QQTheoretical, 1e-12, 0)
			compareSlices(t, "qq sample", c.QQ.Sample, f.QQSample, 0, 0)
			t.Logf("verdict: %s", c.Verdict)
		})
	}
}

// TestHistogramBinsMatchR compares the number of histogram bins with R's
// nclass.FD on a daily index's changes and on 0/1 columns whose IQR is 0
// (nclass.FD's widening-quantile fallback). Exact: a count.
func TestHistogramBinsMatchR(t *testing.T) {
	var cases []struct {
		File   string    `json:"file"`
		Column string    `json:"column"`
		X      []float64 `json:"x"`
		Bins   int       `json:"bins"`
	}
	readJSON(t, "nclass_fd", &cases)
	for _, c := range cases {
		s := slices.Clone(c.X)
		slices.Sort(s)
		if got := fdBins(s); got != c.Bins {
			t.Errorf("%s %s: fdBins = %d; nclass.FD = %d", c.File, c.Column, got, c.Bins)
		}
		h := histogramFD(c.X)
		total := 0
		for _, k := range h.Counts {
			total += k
		}
		if len(h.Counts) != c.Bins || total != len(c.X) || h.Edges[0] != s[0] || h.Edges[len(h.Edges)-1] != s[len(s)-1] {
			t.Errorf("%s %s: %d bins holding %d of %d values, edges %g…%g", c.File, c.Column, len(h.Counts), total, len(c.X), h.Edges[0], h.Edges[len(h.Edges)-1])
		}
	}
}
