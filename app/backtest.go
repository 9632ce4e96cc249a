package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/backtest"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// MaxOrigins is the most forecast origins Backtest takes.
const MaxOrigins = 100

// Backtest runs backtest.Run on the loaded series with the current
// settings: origins rolling origins, step points apart (0: the horizon),
// the last holding out the series' final points. It runs in the caller's
// goroutine and does not take the job slot; obs, which may be nil, sees
// every origin's training in turn.
func (s *Session) Backtest(ctx context.Context, origins, step int, obs fit.Observer) (*backtest.Result, error) {
	s.mu.Lock()
	series, set := s.series, s.settings
	s.mu.Unlock()
	if series == nil {
		return nil, ErrNoData
	}
	if origins < 1 || origins > MaxOrigins || step < 0 {
		return nil, fmt.Errorf("app: a backtest needs 1 to %d origins and a step ≥ 0 (got %d and %d)", MaxOrigins, origins, step)
	}
	if step == 0 {
		step = set.Horizon
	}
	return backtest.Run(ctx, series, set, origins, step, obs)
}

// BacktestFunc runs a rolling-origin backtest; backtest.Run is the
// real one. It must return soon after ctx is cancelled and call obs from
// its own goroutine only.
type BacktestFunc func(ctx context.Context, s *tsdata.Series, set config.Settings, origins, step int, obs fit.Observer) (*backtest.Result, error)

// BacktestStatus is a snapshot of the backtest StartBacktest runs.
type BacktestStatus struct {
	Seq     uint64
	State   State // Idle before the first (or after a stop); Running; Done; Failed
	Origin  int   // the origin being trained, 1-based (0 before the first step)
	Origins int
	Step    int // points between origins
	Epoch   int // the current origin's epoch, and the configured maximum
	Epochs  int
	// Fraction is the share of the configured work done (early stopping
	// may end an origin sooner).
	Fraction float64
	Elapsed  time.Duration
	Err      error
	// Result is the last finished backtest (kept while a new one runs),
	// Series the series it ran on and Settings its settings.
	Result   *backtest.Result
	Series   *tsdata.Series
	Settings config.Settings
}

type btJob struct {
	cancel context.CancelFunc
	done   chan struct{}
	start  time.Time
}

// setBacktestFunc replaces the backtest runner (tests inject fakes).
func (s *Session) setBacktestFunc(f BacktestFunc) {
	s.mu.Lock()
	s.runBT = f
	s.mu.Unlock()
}

// StartBacktest is Backtest in the background, for the window: it takes
// the session's single job slot (ErrBusy while a training run, an
// experiment or another backtest runs, and they are refused while it runs),
// checks that the earliest origin leaves a series long enough to train on
// before starting, and reports its progress and outcome in BacktestJob. The
// goroutine exits when the backtest returns; its outcome is recorded once.
func (s *Session) StartBacktest(origins, step int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.busyLocked() {
		return ErrBusy
	}
	if s.series == nil {
		return ErrNoData
	}
	set := s.settings
	if origins < 1 || origins > MaxOrigins || step < 0 {
		return fmt.Errorf("app: a backtest needs 1 to %d origins and a step ≥ 0 (got %d and %d)", MaxOrigins, origins, step)
	}
	if step == 0 {
		step = set.Horizon
	}
	if err := set.Validate(); err != nil {
		return err
	}
	// The earliest origin must leave a series long enough to train on.
	if _, err := forecast.Resolve(s.series.Head(s.series.Len()-(origins-1)*step), set); err != nil {
		return fmt.Errorf("app: the earliest origin (%d origins, %d apart) leaves too short a series: %w", origins, step, err)
	}
	run := s.runBT
	if run == nil {
		run = backtest.Run
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := &btJob{cancel: cancel, done: make(chan struct{}), start: time.Now()}
	s.bt = j
	series := s.series
	s.btStatus = BacktestStatus{Seq: s.btStatus.Seq + 1, State: Running, Origins: origins, Step: step, Epochs: set.Epochs,
		Result: s.btStatus.Result, Series: s.btStatus.Series, Settings: s.btStatus.Settings}
	go func() {
		defer close(j.done)
		defer cancel()
		obs := &btObserver{s: s, j: j, members: max(set.Ensemble, 1)}
		res, err := safeBacktest(ctx, run, series, set, origins, step, obs)
		s.mu.Lock()
		st := &s.btStatus
		st.Elapsed = time.Since(j.start)
		switch {
		case err == nil && res != nil:
			st.State, st.Result, st.Series, st.Settings, st.Err, st.Fraction = Done, res, series, set, nil, 1
		case errors.Is(err, fit.ErrCanceled) || ctx.Err() != nil:
			st.State, st.Err = Idle, nil
		default:
			if err == nil {
				err = errors.New("app: the backtest returned no result")
			}
			st.State, st.Err = Failed, err
		}
		st.Seq++
		s.bt = nil
		s.mu.Unlock()
		s.signal()
	}()
	s.signal()
	return nil
}

func safeBacktest(ctx context.Context, run BacktestFunc, series *tsdata.Series, set config.Settings, origins, step int, obs fit.Observer) (res *backtest.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("app: the backtest crashed: %v", r)
		}
	}()
	return run(ctx, series, set, origins, step, obs)
}

// btObserver follows a backtest's training runs: each origin's run starts
// with member 0's first step of epoch 1, which moves the origin on.
type btObserver struct {
	s       *Session
	j       *btJob
	members int
	mu      sync.Mutex // RunBacktest serialises its calls; this guards against a runner that does not
}

func (o *btObserver) Step(e fit.StepEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	s := o.s
	s.mu.Lock()
	if s.bt == o.j {
		st := &s.btStatus
		if e.Member == 0 && e.Epoch == 1 && e.Step == 1 {
			st.Origin = min(st.Origin+1, st.Origins)
		}
		st.Epoch = e.Epoch
		if e.Member == 0 {
			done := float64(st.Origin-1) + (float64(e.Epoch-1)+float64(e.Step)/float64(max(e.StepsPerEpoch, 1)))/float64(max(st.Epochs, 1))
			st.Fraction = min(max(done/float64(max(st.Origins, 1)), 0), 1)
		}
		st.Elapsed = time.Since(o.j.start)
		st.Seq++
	}
	s.mu.Unlock()
	s.signal()
}

func (o *btObserver) Epoch(fit.EpochEvent) {}

// StopBacktest cancels the running backtest without waiting; nothing of it
// is kept.
func (s *Session) StopBacktest() error {
	s.mu.Lock()
	j := s.bt
	s.mu.Unlock()
	if j == nil {
		return ErrNotRunning
	}
	j.cancel()
	return nil
}

// BacktestJob returns the status of the backtest StartBacktest runs.
func (s *Session) BacktestJob() BacktestStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.btStatus
	if s.bt != nil {
		st.Elapsed = time.Since(s.bt.start)
	}
	return st
}

// waitBacktest waits for the running backtest, if any, to end.
func (s *Session) waitBacktest(ctx context.Context) (BacktestStatus, error) {
	s.mu.Lock()
	j := s.bt
	s.mu.Unlock()
	if j != nil {
		select {
		case <-j.done:
		case <-ctx.Done():
			return s.BacktestJob(), ctx.Err()
		}
	}
	return s.BacktestJob(), nil
}
