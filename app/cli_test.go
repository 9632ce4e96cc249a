package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/backtest"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

const airPassengersFile = "../forecast/testdata/air_passengers_monthly.csv"

// smallSettings train the airline series in milliseconds.
func smallSettings(s *Session) config.Settings {
	set := s.Settings()
	set.Horizon, set.Hidden, set.Epochs = 12, 4, 6
	return set
}

// TestTrainWholeIsTrainFull: a session's Train with TrainWhole gives, bit
// for bit, what forecast.TrainFull gives, reports progress as it goes and
// keeps the run; the command line relies on it.
func TestTrainWholeIsTrainFull(t *testing.T) {
	s := NewSession(TrainWhole)
	d, err := s.LoadFile(airPassengersFile)
	if err != nil {
		t.Fatal(err)
	}
	set := smallSettings(s)
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	var seen []Progress
	r, err := s.Train(context.Background(), func(p Progress) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	want, err := forecast.TrainFull(context.Background(), d.Series, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.State != Done || !reflect.DeepEqual(r.Result.Forecast, want.Forecast) || r.Result.BestEpoch != want.BestEpoch || len(r.Result.Metrics) != 0 {
		t.Errorf("Train: state %v, best epoch %d, %d holdout metrics; want Done, TrainFull's forecast and best epoch %d, none",
			r.State, r.Result.BestEpoch, len(r.Result.Metrics), want.BestEpoch)
	}
	if len(seen) == 0 {
		t.Fatal("no progress")
	}
	if last := seen[len(seen)-1]; last.State != Done || last.Epoch != set.Epochs {
		t.Errorf("progress: %d updates, last %+v; want the finished run last", len(seen), last)
	}
	if runs, results := s.Counts(); runs != 1 || results != 1 {
		t.Errorf("Counts = %d, %d; want the run kept", runs, results)
	}
	if _, err := s.Train(context.Background(), nil); err != nil {
		t.Errorf("a second Train after the first ended: %v", err)
	}
}

// TestTrainCancelled: a cancel keeps the best weights (StopCanceled) once
// an epoch has finished, and is ErrStopped before.
func TestTrainCancelled(t *testing.T) {
	s := newTestSession(t, fakeTrain(5, time.Millisecond, nil), 1000)
	ctx, cancel := context.WithCancel(context.Background())
	r, err := s.Train(ctx, func(p Progress) {
		if p.Epoch >= 3 {
			cancel()
		}
	})
	if err != nil || r.Result.StopReason != config.StopCanceled || r.Result.BestEpoch < 2 {
		t.Fatalf("cancel at epoch 3: %v, %+v", err, r)
	}
	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if r, err := s.Train(done, nil); !errors.Is(err, ErrStopped) || r != nil {
		t.Errorf("cancelled before the first epoch: %v, %v; want ErrStopped", r, err)
	}
	if runs, _ := s.Counts(); runs != 1 {
		t.Errorf("%d runs; the stopped-before-anything run should be forgotten", runs)
	}
	if _, err := NewSession(nil).Train(context.Background(), nil); !errors.Is(err, ErrNoData) {
		t.Errorf("Train without data: %v; want ErrNoData", err)
	}
}

// TestLoadFileWith: the columns and missing-value policy are the caller's;
// an empty value column is the first numeric one, recorded by name.
func TestLoadFileWith(t *testing.T) {
	p := filepath.Join(t.TempDir(), "two.csv")
	src := "date,sales,temp\n2020-01-01,1,10\n2020-01-02,,11\n2020-01-03,3,12\n2020-01-04,4,13\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s := NewSession(nil)
	d, err := s.LoadFileWith(p, tsdata.SeriesSpec{Missing: tsdata.MissingForwardFill})
	if err != nil {
		t.Fatal(err)
	}
	if d.Spec.ValueCol != "sales" || d.Series.Values[1] != 1 || d.Report.Missing.Policy != "ffill" {
		t.Errorf("value column %q, values %v, policy %q; want sales forward-filled", d.Spec.ValueCol, d.Series.Values, d.Report.Missing.Policy)
	}
	if d, err = s.LoadFileWith(p, tsdata.SeriesSpec{ValueCol: "TEMP", Covariates: []string{"sales"}}); err != nil {
		t.Fatal(err)
	}
	if d.Spec.ValueCol != "temp" || d.Series.Values[0] != 10 || len(d.Series.Covariates) != 1 {
		t.Errorf("value column %q, values %v; want temp with sales as covariate", d.Spec.ValueCol, d.Series.Values)
	}
	text := filepath.Join(t.TempDir(), "text.csv")
	if err := os.WriteFile(text, []byte("name,city\nann,rome\nbob,oslo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadFileWith(text, tsdata.SeriesSpec{}); !errors.Is(err, tsdata.ErrNoNumericColumn) || !strings.Contains(err.Error(), "columns: name, city") {
		t.Errorf("no numeric column: %v; want tsdata's error listing the columns", err)
	}
	if s.Data().Spec.ValueCol != "temp" {
		t.Error("a failed load replaced the loaded data")
	}
}

// TestOpenModelUseModel: a model opened from a file forecasts the loaded
// series as the run that saved it did, and WriteForecast writes that
// forecast as ExportForecast does.
func TestOpenModelUseModel(t *testing.T) {
	dir := t.TempDir()
	s := NewSession(TrainWhole)
	if _, err := s.LoadFile(airPassengersFile); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSettings(smallSettings(s)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Train(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	mp, fp := filepath.Join(dir, "m.json"), filepath.Join(dir, "f.csv")
	if err := s.SaveModel(mp, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.ExportForecast(fp, 0, ""); err != nil {
		t.Fatal(err)
	}
	m, err := OpenModel(context.Background(), mp)
	if err != nil {
		t.Fatal(err)
	}
	p := NewSession(nil)
	if _, err := p.UseModel(context.Background(), m, mp, nil); !errors.Is(err, ErrNoData) {
		t.Errorf("UseModel without data: %v; want ErrNoData", err)
	}
	if _, err := p.LoadFile(airPassengersFile); err != nil {
		t.Fatal(err)
	}
	if _, err := p.UseModel(context.Background(), m, mp, nil); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.WriteForecast(&buf, 0, ""); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(fp)
	if buf.String() != string(want) || len(want) == 0 {
		t.Errorf("forecast of the opened model:\n%s\nwant the saving run's:\n%s", buf.String(), want)
	}
	if _, src := p.LoadedModel(); src != mp {
		t.Errorf("loaded model source %q; want %q", src, mp)
	}
	if _, err := OpenModel(context.Background(), fp); err == nil {
		t.Error("OpenModel(a CSV file) = nil error")
	}
}

// TestBacktest: the session's backtest is backtest.Run on its
// series and settings, the step defaulting to the horizon.
func TestBacktest(t *testing.T) {
	s := NewSession(nil)
	d, err := s.LoadFile(airPassengersFile)
	if err != nil {
		t.Fatal(err)
	}
	set := smallSettings(s)
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	b, err := s.Backtest(context.Background(), 2, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := backtest.Run(context.Background(), d.Series, set, 2, set.Horizon, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b.Origins, []int{132, 144}) || !reflect.DeepEqual(b.Mean, want.Mean) || b.Coverage80 != want.Coverage80 {
		t.Errorf("Backtest: origins %v, mean %v; want %v, %v", b.Origins, b.Mean, want.Origins, want.Mean)
	}
	for _, bad := range [][2]int{{0, 0}, {MaxOrigins + 1, 0}, {2, -1}} {
		if _, err := s.Backtest(context.Background(), bad[0], bad[1], nil); err == nil {
			t.Errorf("Backtest(%d origins, step %d) = nil error", bad[0], bad[1])
		}
	}
	if _, err := NewSession(nil).Backtest(context.Background(), 1, 0, nil); !errors.Is(err, ErrNoData) {
		t.Errorf("backtest without data: %v; want ErrNoData", err)
	}
}

// TestRunExperiment: every finished run reaches the caller's progress (the
// session's own status is coalesced), the result is returned, the job slot
// is taken while it runs, and a cancel is ErrStopped.
func TestRunExperiment(t *testing.T) {
	s := newTestSession(t, fakeTrain(5, time.Millisecond, nil), 3)
	s.SetExperimentFunc(fakeExperiment(time.Millisecond))
	spec := experiment.Spec{Base: s.Settings(), Axes: []experiment.Axis{{Name: "clip", Values: []string{"none", "norm"}}}, Seeds: 3}
	var mu sync.Mutex
	var dones []int
	res, err := s.RunExperiment(context.Background(), spec, func(done, total int, _ experiment.RunOutcome) {
		mu.Lock()
		dones = append(dones, done)
		mu.Unlock()
		if _, err := s.Start(); !errors.Is(err, ErrBusy) {
			t.Errorf("Start during RunExperiment = %v; want ErrBusy", err)
		}
	})
	if err != nil || res == nil || len(res.Cells) != 2 {
		t.Fatalf("RunExperiment: %v, %v", res, err)
	}
	if !reflect.DeepEqual(dones, []int{1, 2, 3, 4, 5, 6}) {
		t.Errorf("progress saw runs %v; want every one of 6", dones)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := s.RunExperiment(ctx, spec, func(int, int, experiment.RunOutcome) { cancel() }); !errors.Is(err, ErrStopped) {
		t.Errorf("cancelled experiment: %v; want ErrStopped", err)
	}
	if s.Busy() {
		t.Error("the job slot is still taken")
	}
}
