package classic

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func TestMetricsHandComputed(t *testing.T) {
	actual := []float64{100, 200, 0, 50}
	pred := []float64{110, 180, 10, 50}
	train := []float64{1, 3, 2, 6, 4}
	// errors −10, 20, −10, 0
	// MAE  = (10+20+10+0)/4 = 10
	// RMSE = √((100+400+100+0)/4) = √150 = 12.24744871391589
	// MAPE = 100/3·(10/100 + 20/200 + 0/50) = 6.666…, the zero actual skipped
	// sMAPE = 200/4·(10/210 + 20/380 + 10/10 + 0/100) = 55.01253132832080
	// MASE m=2: scale = (|2−1|+|6−3|+|4−2|)/3 = 2 → 10/2 = 5
	// MASE m=1: scale = (2+1+4+2)/4 = 2.25 → 4.444…; m=5 ≥ len(train) falls back to m=1
	m := Evaluate(actual, pred, train, 2)
	want := Metrics{MAE: 10, RMSE: 12.24744871391589, MAPE: 20.0 / 3, SMAPE: 55.01253132832080, MASE: 5}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"MAE", m.MAE, want.MAE}, {"RMSE", m.RMSE, want.RMSE}, {"MAPE", m.MAPE, want.MAPE}, {"sMAPE", m.SMAPE, want.SMAPE}, {"MASE", m.MASE, want.MASE},
		{"MASE m=1", MASE(actual, pred, train, 1), 10 / 2.25}, {"MASE m=5", MASE(actual, pred, train, 5), 10 / 2.25}} {
		if !approxEqual(c.got, c.want, 1e-12) {
			t.Errorf("%s = %.15g; want %.15g", c.name, c.got, c.want)
		}
	}
	if _, skipped := MAPE(actual, pred); skipped != 1 {
		t.Errorf("MAPE skipped %d zeros; want 1", skipped)
	}
	// coverage: 1 in [0,2]; 2 not in [2.5,3]; 3 in [3,3]; 4 not in [0,3] → 0.5
	if c := Coverage([]float64{1, 2, 3, 4}, []float64{0, 2.5, 3, 0}, []float64{2, 3, 3, 3}); c != 0.5 {
		t.Errorf("Coverage = %v; want 0.5", c)
	}
}

func TestMetricsUndefined(t *testing.T) {
	m := Evaluate([]float64{0, 0}, []float64{0, 0}, []float64{5, 5, 5}, 1)
	if m.MAE != 0 || m.SMAPE != 0 || !math.IsNaN(m.MAPE) || !math.IsNaN(m.MASE) {
		t.Errorf("Evaluate(zeros) = %+v", m)
	}
	b, err := json.Marshal(m)
	if err != nil || string(b) != `{"mae":0,"rmse":0,"mape":null,"smape":0,"mase":null}` {
		t.Errorf("json = %s, %v", b, err)
	}
	var back Metrics
	if err := json.Unmarshal(b, &back); err != nil || !math.IsNaN(back.MAPE) || back.MAE != 0 {
		t.Errorf("unmarshal = %+v, %v", back, err)
	}
	// huge errors stay finite
	if r := RMSE([]float64{1e300, -1e300}, []float64{-1e300, 1e300}); math.IsInf(r, 0) || math.IsNaN(r) || !approxEqual(r, 2e300, 1e-12) {
		t.Errorf("RMSE(±1e300) = %v; want 2e300", r)
	}
	if s := SMAPE([]float64{1.7e308}, []float64{1.7e308}); s != 0 {
		t.Errorf("SMAPE(huge equal) = %v; want 0", s)
	}
}

func TestBaselinesHandComputed(t *testing.T) {
	hist := []float64{1, 2, 3, 10, 20, 30}
	if got := Naive(hist, 2); !equalSlices(got, []float64{30, 30}) {
		t.Errorf("Naive = %v", got)
	}
	if got := SeasonalNaive(hist, 4, 3); !equalSlices(got, []float64{10, 20, 30, 10}) {
		t.Errorf("SeasonalNaive = %v", got)
	}
	if got := SeasonalNaive(hist, 2, 12); !equalSlices(got, []float64{30, 30}) {
		t.Errorf("SeasonalNaive(short) = %v; want naive", got)
	}
	// slope (30−1)/5 = 5.8
	if got := Drift(hist, 2); !equalSlices(got, []float64{35.8, 41.6}) {
		t.Errorf("Drift = %v", got)
	}
	if got := Drift([]float64{-1.7e308, 1.7e308}, 1); math.IsInf(got[0], 0) || math.IsNaN(got[0]) {
		// 1.7e308 + 3.4e308 overflows: the slope at least is finite
		t.Logf("Drift(huge) = %v", got)
	}
}

func TestETSShortAndConstant(t *testing.T) {
	for _, hist := range [][]float64{{5}, {5, 5}, {5, 5, 5, 5, 5, 5, 5, 5}, {1e300, 1.1e300, 1.2e300, 1.1e300, 1e300, 1.3e300, 1.2e300}} {
		e, err := FitETS(hist, 4)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range e.Forecast(5) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("FitETS(%v).Forecast = NaN/Inf (%s)", hist, e)
			}
		}
	}
	if _, err := FitETS(nil, 1); err == nil {
		t.Error("FitETS(nil): no error")
	}
}

func TestETSRealSeries(t *testing.T) {
	// ETS on the holdout of the bundled series, logged as a table. It must beat
	// seasonal naive on AirPassengers (a clear, stable season; weekly CO2 has a
	// 52.18-week year, which seasonal naive handles as well); on the
	// others a structural break (seat-belt law 1983, 2008 recession) or a
	// cycle that is not a season (sunspots) can favour the naive methods.
	cases := []struct {
		file string
		h    int
	}{
		{"air_passengers_monthly.csv", 12}, {"mauna_loa_co2_weekly_with_gaps.csv", 52},
		{"new_haven_temp_yearly.csv", 10}, {"uk_seatbelts_front_rear_monthly.csv", 12},
		{"us_macro_quarterly.csv", 8}, {"sunspots_yearly.csv", 11},
	}
	for _, c := range cases {
		s, _ := loadSeries(t, c.file, tsdata.SeriesSpec{})
		m := s.Freq.SeasonalPeriod()
		n := len(s.Values)
		train, test := s.Values[:n-c.h], s.Values[n-c.h:]
		e, err := FitETS(train, m)
		if err != nil {
			t.Fatal(err)
		}
		me := Evaluate(test, e.Forecast(c.h), train, m)
		sn := Evaluate(test, SeasonalNaive(train, c.h, m), train, m)
		t.Logf("%-40s %-55s sMAPE %6.2f MASE %6.3f | snaive sMAPE %6.2f MASE %6.3f", c.file, e, me.SMAPE, me.MASE, sn.SMAPE, sn.MASE)
		if c.file == "air_passengers_monthly.csv" && me.MASE >= sn.MASE {
			t.Errorf("%s: ETS MASE %.3f does not beat seasonal naive %.3f", c.file, me.MASE, sn.MASE)
		}
		if !finite(me.MASE) || me.MASE > 5 {
			t.Errorf("%s: ETS MASE %.3f", c.file, me.MASE)
		}
	}
}
