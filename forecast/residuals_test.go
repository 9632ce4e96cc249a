package forecast

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
)

// TestResidualsAirPassengers checks Result.Residuals of a real run on
// AirPassengers against independent computations: the naive methods by
// their definitions, ETS by forecasting one step from every prefix with the
// fitted parameters (ETS.Trace then Forecast), and the LSTM by
// Model.Predict on the series cut at each origin. Every method's residuals
// pass through diagnose.CheckResiduals.
func TestResidualsAirPassengers(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 20
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	hist := s.Values[:res.Holdout.Start]
	n := len(hist)
	// the methods with one-step residuals: all but the recommended choice
	withResiduals := []string{MethodLSTM, MethodNaive, MethodSeasonalNaive, MethodDrift, MethodETS, MethodAutoETS, MethodTheta, MethodARIMA}
	for _, m := range withResiduals {
		if _, ok := res.Residuals[m]; !ok {
			t.Fatalf("no residuals for %s", m)
		}
	}
	if _, ok := res.Residuals[MethodRecommended]; ok || len(res.Residuals) != len(withResiduals) {
		t.Errorf("residuals for %d methods, the recommended choice among them: %v; want the fitted methods only", len(res.Residuals), ok)
	}
	exact := func(name string, want func(t int) float64) {
		r := res.Residuals[name]
		if r.Start+len(r.Values) != n {
			t.Errorf("%s residuals cover %d…%d; want up to %d", name, r.Start, r.Start+len(r.Values)-1, n-1)
		}
		for i, v := range r.Values {
			if w := want(r.Start + i); v != w {
				t.Fatalf("%s residual at %d = %v; want %v", name, r.Start+i, v, w)
			}
		}
	}
	exact(MethodNaive, func(t int) float64 { return hist[t] - hist[t-1] })
	exact(MethodSeasonalNaive, func(t int) float64 { return hist[t] - hist[t-12] })
	b := (hist[n-1] - hist[0]) / float64(n-1)
	exact(MethodDrift, func(t int) float64 { return hist[t] - hist[t-1] - b })
	if r := res.Residuals[MethodSeasonalNaive]; r.Start != 12 || r.FitDF != 0 {
		t.Errorf("seasonal naive starts at %d with fitdf %d; want 12 and 0", r.Start, r.FitDF)
	}
	if r := res.Residuals[MethodDrift]; r.FitDF != 1 {
		t.Errorf("drift fitdf %d; want 1", r.FitDF)
	}

	// ETS: the fitted model, its parameters fixed, forecasting one step
	// from every prefix of at least two seasons (its initial state comes
	// from the first two; before that the fitted values use it in sample).
	e, err := classic.FitETS(hist, 12)
	if err != nil {
		t.Fatal(err)
	}
	er := res.Residuals[MethodETS]
	if er.FitDF != etsParams(e) || er.Start != 13 {
		t.Errorf("ets residuals from %d with fitdf %d; want 13 (m+1) and %d (%s)", er.Start, er.FitDF, etsParams(e), e)
	}
	for i, v := range er.Values {
		tt := er.Start + i
		if tt < 24 {
			continue
		}
		f := &classic.ETS{Season: e.Season, Trend: e.Trend, Damped: e.Damped, M: e.M, Alpha: e.Alpha, Beta: e.Beta, Gamma: e.Gamma, Phi: e.Phi, Scale: e.Scale}
		x := make([]float64, tt)
		for j := range x {
			x[j] = hist[j] / e.Scale
		}
		f.Trace(x)
		if w := hist[tt] - f.Forecast(1)[0]; !approxEqual(v, w, 1e-12) {
			t.Fatalf("ets residual at %d = %v; one-step forecast from the prefix gives %v", tt, v, w)
		}
	}

	// The selecting methods: R's residuals() of the model fitted on the
	// history before the holdout, from its first point (their agreement
	// with R: forecast/recommend's TestResidMatchesR). Theta's are the
	// history minus thetaf's fitted values.
	th, err := classic.Theta(hist, 12)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range res.Residuals[MethodTheta].Values {
		if w := hist[i] - th.Fitted[i]; v != w {
			t.Fatalf("theta residual at %d = %v; y − fitted gives %v", i, v, w)
		}
	}
	for _, m := range []string{MethodAutoETS, MethodTheta, MethodARIMA} {
		r := res.Residuals[m]
		if r.Start != 0 || len(r.Values) != n || r.FitDF < 1 {
			t.Errorf("%s residuals from %d, %d of them, fitdf %d; want from 0, %d, fitdf ≥ 1", m, r.Start, len(r.Values), r.FitDF, n)
		}
	}
	if ae := res.Residuals[MethodAutoETS]; ae.Relative != strings.HasPrefix(res.Models[MethodAutoETS], "ETS(M") {
		t.Errorf("auto_ets %s: relative residuals %v", res.Models[MethodAutoETS], ae.Relative)
	}

	// LSTM: the first step Predict gives on the series cut at each origin.
	lr := res.Residuals[MethodLSTM]
	if lr.Start != res.Settings.Window || lr.Start+len(lr.Values) != n {
		t.Errorf("lstm residuals cover %d…%d; want %d…%d", lr.Start, lr.Start+len(lr.Values)-1, res.Settings.Window, n-1)
	}
	for _, tt := range []int{lr.Start, lr.Start + 7, n - 1} {
		fc, err := res.Model.Predict(s.Head(tt))
		if err != nil {
			t.Fatal(err)
		}
		if v, w := lr.Values[tt-lr.Start], hist[tt]-fc.Mean[0]; v != w {
			t.Errorf("lstm residual at %d = %v; Predict on the first %d points gives %v", tt, v, tt, w)
		}
	}

	for m, r := range res.Residuals {
		c, err := diagnose.CheckResiduals(r.Values, diagnose.ResidualOptions{Period: 12, FitDF: r.FitDF})
		if err != nil {
			t.Errorf("%s: %v", m, err)
			continue
		}
		if c.Verdict == "" || math.IsNaN(c.LjungBox.P) {
			t.Errorf("%s: verdict %q p %v", m, c.Verdict, c.LjungBox.P)
		}
	}
	// The naive method leaves the season: FPP's example.
	c, _ := diagnose.CheckResiduals(res.Residuals[MethodNaive].Values, diagnose.ResidualOptions{Period: 12})
	if c.Finding != diagnose.SeasonalAutocorrelation || c.Lag != 12 {
		t.Errorf("naive residuals: %v at lag %d; want seasonal autocorrelation at lag 12", c.Finding, c.Lag)
	}
}

// TestResidualsWithTransform: with a differencing transform the LSTM's
// residuals start after the transform's lag and still equal Predict's.
func TestResidualsWithTransform(t *testing.T) {
	s := airPassengers(t)
	set := quick(6)
	set.Epochs = 5
	set.Transform = config.TransformDiff
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	lr, ok := res.Residuals[MethodLSTM]
	if !ok {
		t.Fatal("no lstm residuals")
	}
	if lr.Start != res.Settings.Window+1 {
		t.Errorf("lstm residuals start at %d; want window %d + lag 1", lr.Start, res.Settings.Window)
	}
	tt := lr.Start + 3
	fc, err := res.Model.Predict(s.Head(tt))
	if err != nil {
		t.Fatal(err)
	}
	if v, w := lr.Values[3], s.Values[tt]-fc.Mean[0]; v != w {
		t.Errorf("lstm residual at %d = %v; Predict gives %v", tt, v, w)
	}
}
