package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/backtest"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// fakeBacktest trains `epochs` epochs of 2 steps per origin, `per` apart,
// through the observer, and returns origins results with holdouts.
func fakeBacktest(per time.Duration) BacktestFunc {
	return func(ctx context.Context, s *tsdata.Series, set config.Settings, origins, step int, obs fit.Observer) (*backtest.Result, error) {
		b := &backtest.Result{}
		for o := range origins {
			for e := 1; e <= set.Epochs; e++ {
				for st := 1; st <= 2; st++ {
					if ctx.Err() != nil {
						return nil, fit.ErrCanceled
					}
					time.Sleep(per)
					obs.Step(fit.StepEvent{Epoch: e, Step: st, StepsPerEpoch: 2})
				}
			}
			n := s.Len() - (origins-1-o)*step
			b.Origins = append(b.Origins, n)
			b.Results = append(b.Results, &forecast.Result{Settings: set, Holdout: forecast.Holdout{Start: n - set.Horizon}})
		}
		return b, nil
	}
}

// TestBacktestJob: a backtest takes the session's one job slot (training
// and experiments are refused meanwhile, and it is refused while they
// run), reports which origin it trains, keeps its result and the series it
// ran on, and stops on request keeping the previous result.
func TestBacktestJob(t *testing.T) {
	s := newTestSession(t, fakeTrain(2, time.Millisecond, nil), 3)
	s.setBacktestFunc(fakeBacktest(2 * time.Millisecond))
	if err := s.StartBacktest(3, 12); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Start(); !errors.Is(err, ErrBusy) {
		t.Errorf("Start during a backtest = %v; want ErrBusy", err)
	}
	if err := s.StartBacktest(3, 12); !errors.Is(err, ErrBusy) {
		t.Errorf("second StartBacktest = %v; want ErrBusy", err)
	}
	if !s.Busy() {
		t.Error("Busy is false during a backtest")
	}
	waitFor(t, "origin 2", func() bool { return s.BacktestJob().Origin >= 2 })
	st, err := s.waitBacktest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.State != Done || st.Result == nil || len(st.Result.Results) != 3 || st.Origin != 3 || st.Fraction != 1 || st.Series != s.Data().Series {
		t.Fatalf("finished backtest: %+v", st)
	}
	if _, err := s.Start(); err != nil {
		t.Errorf("Start after the backtest: %v", err)
	}
	if err := s.StartBacktest(2, 6); !errors.Is(err, ErrBusy) {
		t.Errorf("StartBacktest during training = %v; want ErrBusy", err)
	}
	wait(t, s)

	first := st.Result
	if err := s.StartBacktest(3, 12); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the second backtest to start", func() bool { return s.BacktestJob().Origin >= 1 })
	if err := s.StopBacktest(); err != nil {
		t.Fatal(err)
	}
	st, _ = s.waitBacktest(context.Background())
	if st.State != Idle || st.Result != first {
		t.Errorf("stopped backtest: state %v, result kept %v", st.State, st.Result == first)
	}
	if err := s.StopBacktest(); !errors.Is(err, ErrNotRunning) {
		t.Errorf("StopBacktest when idle = %v", err)
	}
}

// TestBacktestRefusesBadArguments: too many or no origins, a zero step,
// and an earliest origin that leaves too short a series are refused before
// anything runs.
func TestBacktestRefusesBadArguments(t *testing.T) {
	s := newTestSession(t, fakeTrain(2, 0, nil), 3)
	s.setBacktestFunc(fakeBacktest(0))
	for _, c := range []struct{ origins, step int }{{0, 12}, {MaxOrigins + 1, 1}, {3, -1}} {
		if err := s.StartBacktest(c.origins, c.step); err == nil {
			t.Errorf("StartBacktest(%d, %d) accepted", c.origins, c.step)
		}
	}
	err := s.StartBacktest(10, 12) // cuts 108 of 144 points
	if err == nil || !strings.Contains(err.Error(), "earliest origin") {
		t.Errorf("StartBacktest(10, 12) = %v; want the earliest origin refused", err)
	}
	if s.Busy() {
		t.Error("a refused backtest took the job slot")
	}
	empty := NewSession(nil)
	if err := empty.StartBacktest(2, 1); !errors.Is(err, ErrNoData) {
		t.Errorf("StartBacktest without data = %v; want ErrNoData", err)
	}
}

// TestRealBacktestAndResidualChecks runs backtest.Run through the
// session on AirPassengers (two origins) and checks every method of the
// last origin's run with CheckResiduals: the same checks as calling
// forecast/diagnose directly, the naive method's seasonal verdict included.
func TestRealBacktestAndResidualChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("trains real networks")
	}
	s := NewSession(nil)
	if _, err := s.LoadSample("air_passengers"); err != nil {
		t.Fatal(err)
	}
	set := s.Settings()
	set.Epochs, set.Hidden, set.Patience = 5, 8, 0
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	if err := s.StartBacktest(2, 12); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	st, err := s.waitBacktest(ctx)
	if err != nil || st.State != Done {
		t.Fatalf("backtest: %v %v", st.State, st.Err)
	}
	if got := st.Result.Origins; len(got) != 2 || got[0] != 132 || got[1] != 144 {
		t.Errorf("origins %v; want [132 144]", got)
	}
	sc := st.Result.ByStep(st.Series)
	if len(sc.MASE[forecast.MethodLSTM]) != 12 {
		t.Errorf("per-step MASE has %d steps; want 12", len(sc.MASE[forecast.MethodLSTM]))
	}
	res := st.Result.Results[1]
	checks := CheckResiduals(res)
	fitted := []string{forecast.MethodLSTM, forecast.MethodNaive, forecast.MethodSeasonalNaive, forecast.MethodDrift, forecast.MethodETS,
		forecast.MethodAutoETS, forecast.MethodTheta, forecast.MethodARIMA}
	if len(checks) != len(fitted) {
		t.Fatalf("%d methods checked; want the %d fitted ones", len(checks), len(fitted))
	}
	for i, c := range checks {
		if c.Method != fitted[i] || c.Err != nil {
			t.Fatalf("check %d: %s, %v", i, c.Method, c.Err)
		}
		want, _ := diagnose.CheckResiduals(res.Residuals[c.Method].Values, diagnose.ResidualOptions{Period: 12, FitDF: res.Residuals[c.Method].FitDF})
		if c.Check.LjungBox != want.LjungBox || c.Check.Verdict != want.Verdict {
			t.Errorf("%s: %+v %q; diagnose gives %+v %q", c.Method, c.Check.LjungBox, c.Check.Verdict, want.LjungBox, want.Verdict)
		}
	}
	if c := checks[1]; c.Method != forecast.MethodNaive || c.Check.Finding != diagnose.SeasonalAutocorrelation || c.Check.Lag != 12 {
		t.Errorf("naive: %v at lag %d; want seasonal autocorrelation at 12", c.Check.Finding, c.Check.Lag)
	}
}

// TestDescribeSeries: the daily shop sales leave the season open (a week
// or a year) and get both candidates measured; AirPassengers is described
// with its monthly season.
func TestDescribeSeries(t *testing.T) {
	s := NewSession(nil)
	d, err := s.LoadSample("shop_sales")
	if err != nil {
		t.Fatal(err)
	}
	desc, err := DescribeSeries(d.Series, diagnose.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if desc.Season != 7 || len(desc.Candidates) != 2 || desc.Candidates[0].Steps != 7 || desc.Candidates[1].Steps != 365 {
		t.Errorf("shop sales: season %d, candidates %+v; want 7 with candidates 7 and 365", desc.Season, desc.Candidates)
	}
	if desc.STL == nil || desc.STL.Period != 7 {
		t.Errorf("shop sales STL %+v; want period 7", desc.STL)
	}
	d, err = s.LoadSample("air_passengers")
	if err != nil {
		t.Fatal(err)
	}
	desc, err = DescribeSeries(d.Series, diagnose.Options{})
	if err != nil || desc.STL == nil || desc.STL.Period != 12 || len(desc.Candidates) != 0 {
		t.Errorf("air passengers: %+v, %v", desc, err)
	}
}
