package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/sampledata"
)

// State is the state of a Session's training job.
type State int

const (
	Idle State = iota
	Running
	Paused
	Done
	Failed
)

func (s State) String() string {
	switch s {
	case Idle:
		return "idle"
	case Running:
		return "running"
	case Paused:
		return "paused"
	case Done:
		return "done"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// Active reports whether a job is running or paused.
func (s State) Active() bool { return s == Running || s == Paused }

// Errors returned by Session methods.
var (
	ErrBusy       = errors.New("app: a training run is already in progress; stop it first")
	ErrNoData     = errors.New("app: no series loaded; open a CSV file or a sample first")
	ErrNotRunning = errors.New("app: no training run in progress")
	ErrNoResult   = errors.New("app: no trained model yet; train one or load a model file first")
)

// TrainFunc trains a model on a series. forecast.Train is the real one; tests
// inject fakes. It must return soon after ctx is cancelled and call obs from
// its own goroutine only.
type TrainFunc func(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*Result, error)

// Run is one training job of this session: what it was given, its bounded
// telemetry, and its outcome.
type Run struct {
	ID       int
	Name     string // what a person called it (RenameRun); "" for none
	Source   string // the file or sample the series came from
	Series   string // the series name (target column)
	Settings config.Settings
	Started  time.Time
	Finished time.Time
	State    State // Running, Paused, Done or Failed
	Err      error // why it failed, when State is Failed
	History  *monitor.History
	Result   *Result // nil unless Done; never modified once set
	// Series data the run was trained on (shared, read-only).
	Data *tsdata.Series
}

// Label is a short name for menus and legends: "Run 2", or "Run 2: no
// clipping" once renamed.
func (r *Run) Label() string {
	if r.Name != "" {
		return fmt.Sprintf("Run %d: %s", r.ID, r.Name)
	}
	return fmt.Sprintf("Run %d", r.ID)
}

// Progress is a snapshot of the current (or last) job.
type Progress struct {
	Seq           uint64 // increases with every update
	State         State
	RunID         int // 0 before the first run
	Member        int // 1-based ensemble member
	Members       int
	Epoch         int // 1-based, within the member
	Epochs        int // configured maximum
	Step          int // 1-based within the epoch
	StepsPerEpoch int
	Loss          float64 // last mini-batch loss
	GradNorm      float64 // last pre-clip gradient norm
	ClippedNorm   float64
	LR            float64
	TrainLoss     float64 // last epoch
	ValLoss       float64
	BestVal       float64
	BestEpoch     int
	Fraction      float64           // 0..1 of the configured work (early stopping may end sooner)
	Elapsed       time.Duration     // time spent training, pauses excluded
	Remaining     time.Duration     // estimate at the current pace; 0 when unknown
	Err           error             // the failure of the last job, if State is Failed
	StopReason    config.StopReason // of the last finished job
}

// Session is the state of one person's work: data, settings, runs.
// Create one with NewSession.
type Session struct {
	train   TrainFunc
	updates chan struct{}

	mu       sync.Mutex
	source   string
	title    string
	sample   *sampledata.Sample
	table    *tsdata.Table
	dayOrder tsdata.DayOrder // how the file was read (SetDayOrder)
	spec     tsdata.SeriesSpec
	series   *tsdata.Series
	report   *tsdata.Report
	settings config.Settings
	pins     map[string]dataPin // data-dependent settings set per source (see dataSettings)
	prog     Progress
	job      *job
	runs     []*Run
	nextID   int
	model    *forecast.Model    // loaded from a file, if any
	modelFc  *forecast.Forecast // its forecast of the current series
	modelSrc string
	proj     projectData // the data's bytes for project files (project.go)
	// panel is the file of many series whose member the session shows
	// (SelectSeries), nil for data of their own.
	panel *Panel
	// panelRun is the last scoring of every series of panelRunOf
	// (SetPanelRun): a project of that file keeps it.
	panelRun   *PanelRun
	panelRunOf *Panel

	runExp    ExperimentFunc // nil = experiment.Run
	exp       *expJob
	expStatus ExperimentStatus

	runBT    BacktestFunc // nil = backtest.Run
	bt       *btJob
	btStatus BacktestStatus
}

// busyLocked reports whether the job slot is taken (a training run, an
// experiment or a backtest); the caller holds s.mu.
func (s *Session) busyLocked() bool { return s.job != nil || s.exp != nil || s.bt != nil }

type job struct {
	run       *Run
	cancel    context.CancelFunc
	done      chan struct{} // closed when the training goroutine has finished
	gate      chan struct{} // non-nil while paused; closed by Resume
	start     time.Time
	pausedAt  time.Time
	pausedFor time.Duration
}

// NewSession returns an empty session with the default settings. A nil train
// means forecast.Train.
func NewSession(train TrainFunc) *Session {
	if train == nil {
		train = defaultTrain
	}
	if train == nil {
		train = func(context.Context, *tsdata.Series, config.Settings, fit.Observer) (*Result, error) {
			return nil, errors.New("app: training is not available in this build")
		}
	}
	return &Session{
		train:    train,
		updates:  make(chan struct{}, 1),
		settings: config.DefaultSettings(),
		prog:     Progress{BestVal: 0},
	}
}

// Updates returns a channel that receives a value (coalesced: at most one
// pending) whenever Progress, the runs or the data change. Read Progress
// after receiving.
func (s *Session) Updates() <-chan struct{} { return s.updates }

func (s *Session) signal() {
	select {
	case s.updates <- struct{}{}:
	default:
	}
}

// bump increments the progress sequence; the caller holds s.mu.
func (s *Session) bump() { s.prog.Seq++ }

// Progress returns a snapshot of the current or last job.
func (s *Session) Progress() Progress {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.prog
	if j := s.job; j != nil && !j.start.IsZero() {
		p.Elapsed = j.activeTime(time.Now())
		if p.Fraction > 0 && p.Fraction < 1 {
			p.Remaining = time.Duration(float64(p.Elapsed) * (1 - p.Fraction) / p.Fraction)
		}
	}
	return p
}

func (j *job) activeTime(now time.Time) time.Duration {
	d := now.Sub(j.start) - j.pausedFor
	if !j.pausedAt.IsZero() {
		d -= now.Sub(j.pausedAt)
	}
	return max(d, 0)
}

// State returns the job state.
func (s *Session) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prog.State
}

// Settings returns the current settings.
func (s *Session) Settings() config.Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings
}

// SetSettings validates and stores the settings for the next run; a running
// job keeps the settings it started with. On error the stored settings are
// unchanged and the error is a config.SettingsError naming every invalid
// field.
func (s *Session) SetSettings(set config.Settings) error {
	if err := forecast.Validate(set); err != nil {
		return err
	}
	s.mu.Lock()
	s.pin(set)
	s.settings = set
	s.mu.Unlock()
	return nil
}

// Start begins training on the loaded series with the current settings and
// returns the new run's ID. It returns ErrBusy when a job is running or
// paused, ErrNoData without a series, or the settings' validation error.
func (s *Session) Start() (int, error) {
	j, err := s.start()
	if err != nil {
		return 0, err
	}
	return j.run.ID, nil
}

// start is Start, returning the new job.
func (s *Session) start() (*job, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.busyLocked() {
		return nil, ErrBusy
	}
	if s.series == nil {
		return nil, ErrNoData
	}
	set := s.settings
	if err := forecast.Validate(set); err != nil {
		return nil, err
	}
	s.nextID++
	run := &Run{
		ID: s.nextID, Source: s.source, Series: s.series.Name, Settings: set,
		Started: time.Now(), State: Running, History: monitor.NewHistory(), Data: s.series,
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := &job{run: run, cancel: cancel, done: make(chan struct{}), start: time.Now()}
	s.job = j
	s.runs = append(s.runs, run)
	s.prog = Progress{State: Running, RunID: run.ID, Members: set.Ensemble, Epochs: set.Epochs, Seq: s.prog.Seq + 1}
	go s.runJob(ctx, j, s.series, set)
	s.signal()
	return j, nil
}

// runJob is the training goroutine of one job. It exits when train returns;
// it then records the outcome exactly once and closes j.done.
func (s *Session) runJob(ctx context.Context, j *job, series *tsdata.Series, set config.Settings) {
	defer close(j.done)
	defer j.cancel()
	obs := &observer{s: s, j: j, ctx: ctx}
	res, err := s.safeTrain(ctx, series, set, obs)

	s.mu.Lock()
	defer s.mu.Unlock()
	run := j.run
	run.Finished = time.Now()
	if !j.pausedAt.IsZero() {
		j.pausedFor += time.Since(j.pausedAt)
		j.pausedAt = time.Time{}
	}
	s.prog.Elapsed = j.activeTime(time.Now())
	s.prog.Remaining = 0
	s.job = nil
	switch {
	case err == nil && res != nil:
		res.History = stripProfiles(res.History)
		run.State, run.Result = Done, res
		s.prog.State, s.prog.StopReason, s.prog.Fraction = Done, res.StopReason, 1
		s.prog.Err = nil
	case errors.Is(err, fit.ErrCanceled) || (err != nil && ctx.Err() != nil && res == nil):
		// Stopped before anything was learnt: forget the run.
		s.removeRun(run)
		s.prog.State, s.prog.StopReason, s.prog.Err = Idle, config.StopCanceled, nil
	default:
		if err == nil {
			err = errors.New("app: training returned no result")
		}
		run.State, run.Err = Failed, err
		s.prog.State, s.prog.Err = Failed, err
	}
	s.bump()
	s.signal()
}

func (s *Session) safeTrain(ctx context.Context, series *tsdata.Series, set config.Settings, obs fit.Observer) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("app: training crashed: %v", r)
		}
	}()
	return s.train(ctx, series, set, obs)
}

func (s *Session) removeRun(r *Run) {
	for i, x := range s.runs {
		if x == r {
			s.runs = append(s.runs[:i], s.runs[i+1:]...)
			return
		}
	}
}

// Pause holds training after its current optimiser step until Resume or Stop.
func (s *Session) Pause() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	j := s.job
	if j == nil {
		return ErrNotRunning
	}
	if j.gate != nil {
		return nil
	}
	j.gate = make(chan struct{})
	j.pausedAt = time.Now()
	j.run.State = Paused
	s.prog.State = Paused
	s.bump()
	s.signal()
	return nil
}

// Resume continues a paused job.
func (s *Session) Resume() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	j := s.job
	if j == nil {
		return ErrNotRunning
	}
	if j.gate == nil {
		return nil
	}
	close(j.gate)
	j.gate = nil
	j.pausedFor += time.Since(j.pausedAt)
	j.pausedAt = time.Time{}
	j.run.State = Running
	s.prog.State = Running
	s.bump()
	s.signal()
	return nil
}

// Stop cancels the running or paused job and returns without waiting; the
// job ends within one optimiser step and keeps its best weights so far.
// Use Wait to wait for it.
func (s *Session) Stop() error {
	s.mu.Lock()
	j := s.job
	s.mu.Unlock()
	if j == nil {
		return ErrNotRunning
	}
	j.cancel()
	return nil
}

// Wait blocks until the current job (if any) has finished or ctx is done,
// and returns the last run.
func (s *Session) Wait(ctx context.Context) (*Run, error) {
	s.mu.Lock()
	j := s.job
	s.mu.Unlock()
	if j != nil {
		select {
		case <-j.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return s.LastRun(), nil
}

// stopAndWait stops the current training job, experiment or backtest, if
// any, and waits for it to end.
func (s *Session) stopAndWait() {
	s.mu.Lock()
	j, e, b := s.job, s.exp, s.bt
	s.mu.Unlock()
	if b != nil {
		b.cancel()
		<-b.done
	}
	if j != nil {
		j.cancel()
		<-j.done
	}
	if e != nil {
		e.cancel()
		<-e.done
	}
}

// Runs returns snapshots of this session's runs, oldest first. Histories are
// copies; results are shared and read-only.
func (s *Session) Runs() []*Run {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Run, len(s.runs))
	for i, r := range s.runs {
		out[i] = r.snapshot()
	}
	return out
}

// Run returns a snapshot of the run with the given ID, or nil.
func (s *Session) Run(id int) *Run {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		if r.ID == id {
			return r.snapshot()
		}
	}
	return nil
}

// LastRun returns a snapshot of the newest run, or nil.
func (s *Session) LastRun() *Run {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.runs) == 0 {
		return nil
	}
	return s.runs[len(s.runs)-1].snapshot()
}

// RemoveRun forgets a finished run (it cannot remove the running one).
func (s *Session) RemoveRun(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		if r.ID == id && !r.State.Active() {
			s.removeRun(r)
			s.bump()
			s.signal()
			return
		}
	}
}

func (r *Run) snapshot() *Run {
	c := *r
	c.History = r.History.Copy()
	return &c
}

// observer receives the training goroutine's events. It never blocks on a
// reader: it folds each event into the session's snapshot under the mutex
// and signals without blocking. While paused it blocks in Step until Resume
// or the job's context is cancelled.
type observer struct {
	s   *Session
	j   *job
	ctx context.Context
}

func (o *observer) Step(e fit.StepEvent) {
	s := o.s
	s.mu.Lock()
	o.j.run.History.Step(e)
	if s.job == o.j {
		p := &s.prog
		p.Member, p.Epoch, p.Step, p.StepsPerEpoch = e.Member+1, e.Epoch, e.Step, e.StepsPerEpoch
		p.Loss, p.GradNorm, p.ClippedNorm, p.LR = e.Loss, e.GradNorm, e.ClippedNorm, e.LR
		p.Fraction = fraction(p)
		s.bump()
	}
	gate := o.j.gate
	s.mu.Unlock()
	s.signal()
	if gate != nil {
		select {
		case <-gate:
		case <-o.ctx.Done():
		}
	}
}

func (o *observer) Epoch(e fit.EpochEvent) {
	s := o.s
	s.mu.Lock()
	h := o.j.run.History
	h.Epoch(e)
	if s.job == o.j {
		p := &s.prog
		p.Member, p.Epoch, p.Epochs = e.Member+1, e.Epoch, e.Epochs
		p.TrainLoss, p.ValLoss = e.TrainLoss, e.ValLoss
		p.BestVal, p.BestEpoch = h.BestVal, h.BestEpoch
		if p.StepsPerEpoch > 0 {
			p.Step = p.StepsPerEpoch
		}
		p.Fraction = fraction(p)
		s.bump()
	}
	s.mu.Unlock()
	s.signal()
}

// fraction estimates the share of the configured work done.
func fraction(p *Progress) float64 {
	members := max(p.Members, 1)
	epochs := max(p.Epochs, 1)
	steps := max(p.StepsPerEpoch, 1)
	done := float64((p.Member-1)*epochs*steps + (p.Epoch-1)*steps + p.Step)
	f := done / float64(members*epochs*steps)
	return min(max(f, 0), 1)
}

// stripProfiles drops the per-time-step gradient profiles from a result's
// epoch history: the run's History keeps them in bounded form, and a long
// run's full profiles (epochs × layers × window) would otherwise stay in
// memory for as long as the session keeps the run.
func stripProfiles(h []fit.EpochEvent) []fit.EpochEvent {
	out := make([]fit.EpochEvent, len(h))
	for i, e := range h {
		e.HGradByTime, e.CGradByTime = nil, nil
		out[i] = e
	}
	return out
}

// Counts returns the number of runs and of runs with a result, cheaply (no
// snapshots).
func (s *Session) Counts() (runs, results int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		if r.Result != nil {
			results++
		}
	}
	return len(s.runs), results
}
