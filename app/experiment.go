package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// ExperimentFunc runs a grid experiment; experiment.Run is the real
// one.
type ExperimentFunc func(ctx context.Context, s *tsdata.Series, spec experiment.Spec, progress experiment.Progress) (*experiment.Result, error)

// ExperimentStatus is a snapshot of the session's experiment.
type ExperimentStatus struct {
	Seq     uint64
	State   State // Idle before the first; Running; Done; Failed
	Done    int   // runs finished
	Total   int
	Last    experiment.RunOutcome // the run that finished last
	Elapsed time.Duration
	Err     error
	Result  *experiment.Result // of the last finished experiment (kept while a new one runs)
	Series  string
}

type expJob struct {
	cancel context.CancelFunc
	done   chan struct{}
	start  time.Time
}

// SetExperimentFunc replaces the experiment runner (tests inject fakes).
func (s *Session) SetExperimentFunc(f ExperimentFunc) {
	s.mu.Lock()
	s.runExp = f
	s.mu.Unlock()
}

// StartExperiment trains every cell of the grid (the current settings with
// the axes varied) with seeds seeds each, in the background. It shares the
// session's single job slot with Start: it returns ErrBusy while a training
// run or another experiment is in progress.
func (s *Session) StartExperiment(axes []experiment.Axis, seeds int, fixed ...experiment.Axis) error {
	base, err := experiment.ApplyFixed(s.Settings(), fixed)
	if err != nil {
		return err
	}
	_, err = s.startExperiment(experiment.Spec{Base: base, Axes: axes, Seeds: seeds}, nil)
	return err
}

// startExperiment runs spec on the loaded series in the background, in the
// job slot. extra, when not nil, is called after every finished run, from
// the experiment's goroutine, after the status has been updated.
func (s *Session) startExperiment(spec experiment.Spec, extra experiment.Progress) (*expJob, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.busyLocked() {
		return nil, ErrBusy
	}
	if s.series == nil {
		return nil, ErrNoData
	}
	cells, err := spec.Cells()
	if err != nil {
		return nil, err
	}
	run := s.runExp
	if run == nil {
		run = experiment.Run
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := &expJob{cancel: cancel, done: make(chan struct{}), start: time.Now()}
	s.exp = j
	s.expStatus = ExperimentStatus{Seq: s.expStatus.Seq + 1, State: Running, Total: len(cells) * spec.Seeds, Result: s.expStatus.Result, Series: s.series.Name}
	series := s.series
	go func() {
		// The experiment goroutine: exits when run returns.
		defer close(j.done)
		defer cancel()
		progress := func(done, total int, last experiment.RunOutcome) {
			s.mu.Lock()
			if s.exp == j {
				st := &s.expStatus
				st.Done, st.Total, st.Last = done, total, last
				st.Elapsed = time.Since(j.start)
				st.Seq++
			}
			s.mu.Unlock()
			s.signal()
			if extra != nil {
				extra(done, total, last)
			}
		}
		res, err := safeExperiment(ctx, run, series, spec, progress)
		s.mu.Lock()
		st := &s.expStatus
		st.Elapsed = time.Since(j.start)
		switch {
		case err == nil && res != nil:
			st.State, st.Result, st.Err = Done, res, nil
		case errors.Is(err, fit.ErrCanceled) || ctx.Err() != nil:
			st.State, st.Err = Idle, nil
		default:
			if err == nil {
				err = errors.New("app: the experiment returned no result")
			}
			st.State, st.Err = Failed, err
		}
		st.Seq++
		s.exp = nil
		s.mu.Unlock()
		s.signal()
	}()
	s.signal()
	return j, nil
}

func safeExperiment(ctx context.Context, run ExperimentFunc, series *tsdata.Series, spec experiment.Spec, progress experiment.Progress) (res *experiment.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("app: the experiment crashed: %v", r)
		}
	}()
	return run(ctx, series, spec, progress)
}

// StopExperiment cancels the running experiment without waiting; nothing
// of it is kept.
func (s *Session) StopExperiment() error {
	s.mu.Lock()
	j := s.exp
	s.mu.Unlock()
	if j == nil {
		return ErrNotRunning
	}
	j.cancel()
	return nil
}

// waitExperiment waits for the running experiment, if any, to end (for tests).
func (s *Session) waitExperiment(ctx context.Context) (ExperimentStatus, error) {
	s.mu.Lock()
	j := s.exp
	s.mu.Unlock()
	if j != nil {
		select {
		case <-j.done:
		case <-ctx.Done():
			return ExperimentStatus{}, ctx.Err()
		}
	}
	return s.Experiment(), nil
}

// Experiment returns the experiment's status.
func (s *Session) Experiment() ExperimentStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.expStatus
	if s.exp != nil {
		st.Elapsed = time.Since(s.exp.start)
	}
	return st
}

// Busy reports whether a training run, an experiment or a backtest is in
// progress.
func (s *Session) Busy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.busyLocked()
}
