package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// fakeExperiment reports `per`-spaced runs and returns a small result.
func fakeExperiment(per time.Duration) ExperimentFunc {
	return func(ctx context.Context, s *tsdata.Series, spec experiment.Spec, progress experiment.Progress) (*experiment.Result, error) {
		cells, err := spec.Cells()
		if err != nil {
			return nil, err
		}
		total := len(cells) * spec.Seeds
		res := &experiment.Result{Series: s.Name, Spec: spec, Best: map[string]int{"mase": 0}}
		for i := 0; i < total; i++ {
			select {
			case <-ctx.Done():
				return nil, fit.ErrCanceled
			case <-time.After(per):
			}
			o := experiment.RunOutcome{Cell: i / spec.Seeds, Seed: uint64(i % spec.Seeds), MASE: 1, Val: []float64{1, 0.5}}
			res.Runs = append(res.Runs, o)
			progress(i+1, total, o)
		}
		for i, c := range cells {
			res.Cells = append(res.Cells, experiment.CellSummary{Cell: c, Name: c.Name(spec.Axes), Runs: spec.Seeds, MASE: 1 + float64(i), ValMedian: []float64{1, 0.5}})
		}
		return res, nil
	}
}

func TestExperiment(t *testing.T) {
	s := newTestSession(t, fakeTrain(5, time.Millisecond, nil), 100)
	s.SetExperimentFunc(fakeExperiment(2 * time.Millisecond))
	axes := []experiment.Axis{{Name: "init", Values: []string{"pytorch", "xavier_uniform"}}, {Name: "clip", Values: []string{"none", "norm"}}}
	if err := s.StartExperiment(axes, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Start(); !errors.Is(err, ErrBusy) {
		t.Errorf("Start during an experiment = %v; want ErrBusy", err)
	}
	if err := s.StartExperiment(axes, 3); !errors.Is(err, ErrBusy) {
		t.Errorf("second StartExperiment = %v; want ErrBusy", err)
	}
	st, err := s.waitExperiment(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.State != Done || st.Done != 12 || st.Total != 12 || st.Result == nil || len(st.Result.Cells) != 4 {
		t.Fatalf("experiment: %+v", st)
	}
	// Training is possible again, and blocks experiments while it runs.
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if err := s.StartExperiment(axes, 1); !errors.Is(err, ErrBusy) {
		t.Errorf("StartExperiment during training = %v; want ErrBusy", err)
	}
	s.Stop()
	wait(t, s)
}

func TestExperimentStopAndBadGrid(t *testing.T) {
	s := newTestSession(t, fakeTrain(1, 0, nil), 1)
	s.SetExperimentFunc(fakeExperiment(5 * time.Millisecond))
	if err := s.StartExperiment([]experiment.Axis{{Name: "nope", Values: []string{"1"}}}, 1); err == nil {
		t.Error("unknown setting accepted")
	}
	if err := s.StartExperiment([]experiment.Axis{{Name: "hidden", Values: []string{"0"}}}, 1); err == nil {
		t.Error("hidden = 0 accepted")
	}
	if err := s.StartExperiment([]experiment.Axis{{Name: "lr", Values: []string{"0.01", "0.001"}}}, 50); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if err := s.StopExperiment(); err != nil {
		t.Fatal(err)
	}
	st, _ := s.waitExperiment(context.Background())
	if st.State != Idle || st.Result != nil {
		t.Errorf("stopped experiment: %+v; want idle without result", st)
	}
	// Loading new data stops a running experiment first.
	s.StartExperiment([]experiment.Axis{{Name: "lr", Values: []string{"0.01", "0.001"}}}, 50)
	if _, err := s.LoadSample("sunspots"); err != nil {
		t.Fatal(err)
	}
	if s.Busy() {
		t.Error("experiment still running after loading new data")
	}
}
