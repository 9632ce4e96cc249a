package classic

import "github.com/forecaster-dev/forecaster/forecast/tsdata"
import "testing"

// R 4.x: HoltWinters(AirPassengers, seasonal = "multiplicative") reports
// alpha = 0.2755925, beta = 0.03269295, gamma = 0.8707292, a = 469.3232, b = 3.0215.
func TestETSAirPassengersMatchesR(t *testing.T) {
	s, _ := loadSeries(t, "air_passengers_monthly.csv", tsdata.SeriesSpec{})
	sp := etsSpec{SeasonMultiplicative, true, false, 12}
	e := sp.params([]float64{0.2755925, 0.03269295, 0.8707292})
	sse := e.run(s.Values, 12, nil)
	t.Logf("SSE at R's parameters: %.2f, level %.4f trend %.4f", sse, e.level, e.trend)
	if !approxEqual(e.level, 469.3232, 1e-4) || !approxEqual(e.trend, 3.0215, 1e-3) {
		t.Errorf("final level, trend = %.4f, %.4f; want R's 469.3232, 3.0215", e.level, e.trend)
	}
	fit, err := FitETS(s.Values, 12)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fitted: %s SSE %.2f AIC %.2f", fit, fit.SSE, fit.AIC)
	if fit.Season != SeasonMultiplicative {
		t.Errorf("FitETS chose %s; want multiplicative season", fit)
	}
	if fit.SSE > sse*1.0001 {
		t.Errorf("FitETS SSE = %.2f; want ≤ %.2f (R's optimum)", fit.SSE, sse)
	}
}

func TestETSAirPassengersHoldout(t *testing.T) {
	s, _ := loadSeries(t, "air_passengers_monthly.csv", tsdata.SeriesSpec{})
	n, h := len(s.Values), 12
	train, test := s.Values[:n-h], s.Values[n-h:]
	e, err := FitETS(train, 12)
	if err != nil {
		t.Fatal(err)
	}
	fc := e.Forecast(h)
	me := Evaluate(test, fc, train, 12)
	sn := Evaluate(test, SeasonalNaive(train, h, 12), train, 12)
	t.Logf("%s: ets sMAPE %.2f%% MASE %.3f; seasonal naive sMAPE %.2f%% MASE %.3f", e, me.SMAPE, me.MASE, sn.SMAPE, sn.MASE)
	if me.SMAPE >= 6 {
		t.Errorf("ETS sMAPE on the 1960 holdout = %.2f%%; want < 6%%", me.SMAPE)
	}
	if me.MAE >= sn.MAE {
		t.Errorf("ETS MAE %.2f does not beat seasonal naive %.2f", me.MAE, sn.MAE)
	}
}
