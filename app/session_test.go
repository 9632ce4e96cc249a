package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// fakeTrain returns a TrainFunc that runs set.Epochs epochs of `steps`
// steps, sleeping `per` per step, and honours ctx like forecast.Train: a
// cancel before the first epoch is fit.ErrCanceled, after it a result
// with StopCanceled.
func fakeTrain(steps int, per time.Duration, calls *atomic.Int32) TrainFunc {
	return func(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*Result, error) {
		if calls != nil {
			calls.Add(1)
		}
		var hist []fit.EpochEvent
		stop := config.StopCompleted
	loop:
		for e := 1; e <= set.Epochs; e++ {
			for st := 1; st <= steps; st++ {
				if ctx.Err() != nil {
					if e == 1 {
						return nil, fit.ErrCanceled
					}
					stop = config.StopCanceled
					break loop
				}
				time.Sleep(per)
				obs.Step(fit.StepEvent{Epoch: e, Step: st, StepsPerEpoch: steps, Loss: 1 / float64(e), GradNorm: 2, ClippedNorm: 1, Clipped: true, LR: set.LR})
			}
			ev := fit.EpochEvent{Epoch: e, Epochs: set.Epochs, TrainLoss: 1 / float64(e), ValLoss: 1.1 / float64(e), Best: true,
				HGradByTime: [][]float64{{1e-5, 1e-3, 1e-1, 1}}}
			obs.Epoch(ev)
			hist = append(hist, ev)
		}
		h := set.Horizon
		fc := forecast.Forecast{Times: s.FutureTimes(h), Mean: make([]float64, h), Lower80: make([]float64, h), Upper80: make([]float64, h), Lower95: make([]float64, h), Upper95: make([]float64, h)}
		for i := range fc.Mean {
			v := s.Values[len(s.Values)-1]
			fc.Mean[i], fc.Lower80[i], fc.Upper80[i], fc.Lower95[i], fc.Upper95[i] = v, v-1, v+1, v-2, v+2
		}
		return &Result{Settings: set, Series: s.Name, StopReason: stop, Forecast: fc, History: hist, BestEpoch: len(hist),
			Metrics: map[string]classic.Metrics{forecast.MethodLSTM: {MAE: 1}, forecast.MethodNaive: {MAE: 2}}}, nil
	}
}

func newTestSession(t *testing.T, tr TrainFunc, epochs int) *Session {
	t.Helper()
	s := NewSession(tr)
	if _, err := s.LoadSample("air_passengers"); err != nil {
		t.Fatalf("LoadSample: %v", err)
	}
	set := s.Settings()
	set.Epochs = epochs
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	return s
}

// wait waits for the running job; up to three minutes, because a run under
// -race on a loaded 2-core machine (AutoETS and ARIMA fitted beside the
// network) took over 20 s.
func wait(t *testing.T, s *Session) *Run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	r, err := s.Wait(ctx)
	if err != nil {
		t.Fatalf("Wait: %v", err)
	}
	return r
}

// waitFor polls cond until it holds or a deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestTrainToCompletion(t *testing.T) {
	s := newTestSession(t, fakeTrain(5, 0, nil), 7)
	id, err := s.Start()
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	r := wait(t, s)
	if r.ID != id || r.State != Done || r.Result == nil {
		t.Fatalf("run = id %d state %v result %v; want id %d, done, a result", r.ID, r.State, r.Result != nil, id)
	}
	if r.History.Epochs != 7 || r.History.Steps != 35 {
		t.Errorf("history: %d epochs %d steps; want 7, 35", r.History.Epochs, r.History.Steps)
	}
	p := s.Progress()
	if p.State != Done || p.Fraction != 1 || p.RunID != id {
		t.Errorf("Progress = %+v; want done, fraction 1, run %d", p, id)
	}
	if got := len(s.Runs()); got != 1 {
		t.Errorf("%d runs; want 1", got)
	}
}

func TestSecondStartWhileRunning(t *testing.T) {
	var calls atomic.Int32
	s := newTestSession(t, fakeTrain(10, time.Millisecond, &calls), 50)
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Start(); !errors.Is(err, ErrBusy) {
		t.Errorf("second Start = %v; want ErrBusy", err)
	}
	s.Stop()
	wait(t, s)
	if calls.Load() != 1 {
		t.Errorf("train called %d times; want 1", calls.Load())
	}
	// After the first job ended, a new Start works.
	if _, err := s.Start(); err != nil {
		t.Errorf("Start after stop: %v", err)
	}
	s.Stop()
	wait(t, s)
}

func TestStopDuringTraining(t *testing.T) {
	s := newTestSession(t, fakeTrain(10, time.Millisecond, nil), 1000)
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "epoch 3", func() bool { return s.Progress().Epoch >= 3 })
	start := time.Now()
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	r := wait(t, s)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stop took %v", d)
	}
	if r.State != Done || r.Result == nil || r.Result.StopReason != config.StopCanceled {
		t.Fatalf("after Stop: state %v result %v; want done with stop reason cancelled", r.State, r.Result)
	}
	if s.State() != Done {
		t.Errorf("State = %v; want done", s.State())
	}
	if err := s.Stop(); !errors.Is(err, ErrNotRunning) {
		t.Errorf("Stop when idle = %v; want ErrNotRunning", err)
	}
}

func TestStopBeforeFirstEpoch(t *testing.T) {
	s := newTestSession(t, fakeTrain(1000, time.Millisecond, nil), 10)
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "first step", func() bool { return s.Progress().Step >= 1 })
	s.Stop()
	wait(t, s)
	if st := s.State(); st != Idle {
		t.Errorf("State = %v; want idle", st)
	}
	if n := len(s.Runs()); n != 0 {
		t.Errorf("%d runs kept; want 0 (nothing was learnt)", n)
	}
}

func TestPauseResume(t *testing.T) {
	s := newTestSession(t, fakeTrain(5, time.Millisecond, nil), 20)
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "epoch 2", func() bool { return s.Progress().Epoch >= 2 })
	if err := s.Pause(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // the step in flight completes
	p1 := s.Progress()
	time.Sleep(60 * time.Millisecond)
	p2 := s.Progress()
	if p1.State != Paused || p2.Epoch != p1.Epoch || p2.Step != p1.Step {
		t.Errorf("while paused: %v e%d s%d → e%d s%d; want paused, no progress", p1.State, p1.Epoch, p1.Step, p2.Epoch, p2.Step)
	}
	if p2.Elapsed > p1.Elapsed+5*time.Millisecond {
		t.Errorf("elapsed grew while paused: %v → %v", p1.Elapsed, p2.Elapsed)
	}
	if err := s.Resume(); err != nil {
		t.Fatal(err)
	}
	r := wait(t, s)
	if r.State != Done || r.History.Epochs != 20 {
		t.Errorf("after resume: %v, %d epochs; want done, 20", r.State, r.History.Epochs)
	}
}

func TestStopWhilePaused(t *testing.T) {
	s := newTestSession(t, fakeTrain(5, time.Millisecond, nil), 100)
	s.Start()
	waitFor(t, "epoch 2", func() bool { return s.Progress().Epoch >= 2 })
	s.Pause()
	s.Stop()
	r := wait(t, s)
	if r.State != Done || r.Result.StopReason != config.StopCanceled {
		t.Errorf("stop while paused: %v %q; want done, cancelled", r.State, r.Result.StopReason)
	}
}

func TestLoadDataMidRun(t *testing.T) {
	s := newTestSession(t, fakeTrain(10, time.Millisecond, nil), 1000)
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "epoch 2", func() bool { return s.Progress().Epoch >= 2 })
	d, err := s.LoadSample("sunspots")
	if err != nil {
		t.Fatalf("LoadSample mid-run: %v", err)
	}
	if d.Series.Name != "sunspots" {
		t.Errorf("series %q; want sunspots", d.Series.Name)
	}
	if st := s.State(); st.Active() {
		t.Fatalf("State = %v after loading new data; want the run stopped", st)
	}
	runs := s.Runs()
	if len(runs) != 1 || runs[0].Series != "passengers" || runs[0].Result == nil || runs[0].Result.StopReason != config.StopCanceled {
		t.Errorf("the interrupted run should be kept with its best result: %+v", runs)
	}
	// And training the new data works.
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	s.Stop()
	wait(t, s)
}

func TestSelectColumnsMidRun(t *testing.T) {
	s := NewSession(fakeTrain(10, time.Millisecond, nil))
	if _, err := s.LoadSample("seatbelts"); err != nil {
		t.Fatal(err)
	}
	s.Start()
	waitFor(t, "epoch 1", func() bool { return s.Progress().Epoch >= 1 })
	d, err := s.SelectColumns(tsdata.SeriesSpec{DateCol: "month", ValueCol: "rear", Covariates: []string{"kms", "rear"}})
	if err != nil {
		t.Fatal(err)
	}
	if s.State().Active() {
		t.Error("run still active after SelectColumns")
	}
	if d.Series.Name != "rear" || len(d.Series.CovNames) != 1 {
		t.Errorf("series %q covariates %v; want rear with [kms]", d.Series.Name, d.Series.CovNames)
	}
}

func TestSlowReaderNeverBlocksTraining(t *testing.T) {
	// Nobody reads Updates: training must still finish.
	s := newTestSession(t, fakeTrain(200, 0, nil), 50)
	s.Start()
	done := make(chan struct{})
	go func() { wait(t, s); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("training blocked with an unread Updates channel")
	}
	if len(s.Updates()) > 1 {
		t.Error("Updates holds more than one pending signal")
	}
}

func TestExactlyOneResultPerJob(t *testing.T) {
	s := newTestSession(t, fakeTrain(3, 0, nil), 3)
	for i := 0; i < 5; i++ {
		if _, err := s.Start(); err != nil {
			t.Fatal(err)
		}
		wait(t, s)
	}
	runs := s.Runs()
	if len(runs) != 5 {
		t.Fatalf("%d runs; want 5", len(runs))
	}
	for i, r := range runs {
		if r.ID != i+1 || r.State != Done || r.Result == nil {
			t.Errorf("run %d: id %d state %v", i, r.ID, r.State)
		}
	}
}

func TestFailedRun(t *testing.T) {
	boom := errors.New("boom")
	s := newTestSession(t, func(ctx context.Context, _ *tsdata.Series, _ config.Settings, _ fit.Observer) (*Result, error) {
		return nil, boom
	}, 5)
	s.Start()
	r := wait(t, s)
	if r.State != Failed || !errors.Is(r.Err, boom) || !errors.Is(s.Progress().Err, boom) {
		t.Errorf("failed run: %v %v", r.State, r.Err)
	}
	// A panicking trainer is a failure too, not a crash.
	s2 := newTestSession(t, func(context.Context, *tsdata.Series, config.Settings, fit.Observer) (*Result, error) {
		panic("oops")
	}, 5)
	s2.Start()
	r = wait(t, s2)
	if r.State != Failed || !strings.Contains(r.Err.Error(), "oops") {
		t.Errorf("panicking trainer: %v %v", r.State, r.Err)
	}
}

func TestSettingsValidation(t *testing.T) {
	s := NewSession(fakeTrain(1, 0, nil))
	before := s.Settings()
	bad := before
	bad.Hidden = 0
	bad.LR = -1
	err := s.SetSettings(bad)
	var se config.SettingsError
	if !errors.As(err, &se) || se.Field("hidden") == nil || se.Field("lr") == nil {
		t.Fatalf("SetSettings(bad) = %v; want a SettingsError naming hidden and lr", err)
	}
	if s.Settings() != before {
		t.Error("invalid settings were stored")
	}
	if _, err := s.Start(); !errors.Is(err, ErrNoData) {
		t.Errorf("Start without data = %v; want ErrNoData", err)
	}
}

func TestBadFileKeepsData(t *testing.T) {
	s := newTestSession(t, fakeTrain(1, 0, nil), 1)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("a,b\nx,y\nz,w\n"), 0o644)
	if _, err := s.LoadFile(bad); err == nil {
		t.Fatal("LoadFile(text only) = nil error")
	}
	if _, err := s.LoadFile(filepath.Join(dir, "missing.csv")); err == nil {
		t.Fatal("LoadFile(missing) = nil error")
	}
	if d := s.Data(); d == nil || d.Series.Name != "passengers" {
		t.Errorf("data after failed loads: %+v; want the airline series kept", d)
	}
}

func TestExports(t *testing.T) {
	s := newTestSession(t, fakeTrain(2, 0, nil), 3)
	dir := t.TempDir()
	if err := s.ExportForecast(filepath.Join(dir, "f.csv"), 0, ""); !errors.Is(err, ErrNoResult) {
		t.Errorf("export before training = %v; want ErrNoResult", err)
	}
	s.Start()
	wait(t, s)
	fp := filepath.Join(dir, "f.csv")
	if err := s.ExportForecast(fp, 0, ""); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(fp)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "date,forecast,lower80,upper80,lower95,upper95" || len(lines) != 13 || !strings.HasPrefix(lines[1], "1961-01-01,") {
		t.Errorf("forecast CSV:\n%s", b)
	}
	hp := filepath.Join(dir, "h.csv")
	if err := s.ExportHistory(hp, 0); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(hp)
	if n := strings.Count(string(b), "\n"); n != 4 {
		t.Errorf("history CSV has %d lines; want 4:\n%s", n, b)
	}
	if err := s.ExportForecast(filepath.Join(dir, "nodir", "f.csv"), 0, ""); err == nil {
		t.Error("export into a missing directory = nil error")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestSettingsFollowTheData: the horizon, season and window follow the
// loaded data unless the user set them for it — the sunspots sample's
// horizon (11) no longer carries over to the next file (an hourly log gets
// 48), and a horizon the user chose for a file comes back with that file.
func TestSettingsFollowTheData(t *testing.T) {
	s := NewSession(nil)
	if _, err := s.LoadSample("sunspots"); err != nil {
		t.Fatal(err)
	}
	if h := s.Settings().Horizon; h != 11 {
		t.Fatalf("sunspots sample: horizon %d; want the catalogue's 11", h)
	}
	dir := t.TempDir()
	hourly := filepath.Join(dir, "sensor.csv")
	var b strings.Builder
	b.WriteString("time,temp\n")
	for i := range 400 {
		fmt.Fprintf(&b, "2026-01-%02d %02d:00,%d\n", 1+i/24, i%24, 20+i%24)
	}
	if err := os.WriteFile(hourly, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadFile(hourly); err != nil {
		t.Fatal(err)
	}
	if set := s.Settings(); set.Horizon != 48 || set.Season != 0 || set.Window != 0 {
		t.Errorf("hourly file after sunspots: horizon %d season %d window %d; want 48, 0 (from the calendar), 0 (derived)", set.Horizon, set.Season, set.Window)
	}
	// the user sets 24 for this file; sunspots and back keeps both choices
	set := s.Settings()
	set.Horizon = 24
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadSample("sunspots"); err != nil {
		t.Fatal(err)
	}
	if h := s.Settings().Horizon; h != 11 {
		t.Errorf("back to sunspots: horizon %d; want 11", h)
	}
	if _, err := s.LoadFile(hourly); err != nil {
		t.Fatal(err)
	}
	if h := s.Settings().Horizon; h != 24 {
		t.Errorf("back to the hourly file: horizon %d; want the 24 set for it", h)
	}
	// settings that do not depend on the data carry over
	set = s.Settings()
	set.Hidden = 17
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadSample("sunspots"); err != nil {
		t.Fatal(err)
	}
	if s.Settings().Hidden != 17 {
		t.Errorf("hidden units did not carry over: %d", s.Settings().Hidden)
	}
}
