package fit

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/lstm"
)

// StepEvent is sent to the Observer after every optimiser step.
type StepEvent struct {
	Member        int     // ensemble member, 0-based
	Epoch         int     // 1-based
	Step          int     // 1-based within the epoch
	StepsPerEpoch int     //
	Loss          float64 // data loss + penalty of this mini-batch (scaled units)
	GradNorm      float64 // global L2 norm before clipping
	ClippedNorm   float64 // after clipping
	Clipped       bool
	Skipped       bool // non-finite loss or gradient: nothing was applied
	LR            float64
	// LayerNorms[l] is the pre-clip gradient norm of layer l's parameters
	// and GateNorms[l] that of its input, forget, cell-candidate and output
	// gate rows (i, f, g, o), HeadNorm the head's: lstm.Telemetry of this
	// step, copied, so an observer may keep them. Only observed: training
	// reads none of them.
	LayerNorms []float64
	GateNorms  [][4]float64
	HeadNorm   float64
}

// EpochEvent summarises one epoch.
type EpochEvent struct {
	Member      int
	Epoch       int // 1-based
	Epochs      int // the configured maximum
	TrainLoss   float64
	ValLoss     float64
	Best        bool // validation loss improved: these weights are kept
	LR          float64
	Seconds     float64 // wall time since training started
	Steps       int     // optimiser steps so far, this epoch included
	MaxGradNorm float64 // largest pre-clip norm seen this epoch
	MaxClipped  float64 // largest post-clip norm seen this epoch
	MeanGrad    float64 // mean pre-clip norm this epoch
	Clipped     int     // steps clipped this epoch
	Skipped     int     // steps skipped (non-finite) this epoch
	// HGradByTime[l][t] is ‖∂L/∂h_t‖ of layer l, averaged over the epoch's
	// steps: the picture of gradients vanishing (small at early t) or
	// exploding through time.
	HGradByTime [][]float64
	CGradByTime [][]float64
	// Saturation is the share of forget, input and output gate activations
	// above 0.99 or below 0.01, averaged over the epoch.
	SatForget, SatInput, SatOutput float64
	Warnings                       []string
}

// Observer receives training telemetry. Train calls it synchronously from the
// training goroutine, so an implementation must return quickly; it may block
// only to pause training (and must then watch the context itself).
type Observer interface {
	Step(StepEvent)
	Epoch(EpochEvent)
}

// Dataset is a set of training and validation windows, already transformed
// and scaled: X is (N, W, I) row-major, Y is (N, O). The windows of a long
// series need not be stored: with X, Y, VX and VY nil, Src builds each one
// when a batch or the validation loss needs it (Store stores them all).
type Dataset struct {
	X, Y   []float64
	N      int
	VX, VY []float64
	VN     int
	W, I   int     // window length, inputs per step
	O      int     // outputs per window
	Src    Windows // nil when the windows are stored
}

// Windows builds the windows of a Dataset that does not store them. Row
// writes the inputs, (W, I), and the targets, (O), of training window i
// (0 ≤ i < N) or, with val set, of validation window i (0 ≤ i < VN) into x
// and y: the numbers the stored window would hold. Members trained at once
// call Row at the same time, so it must only read.
type Windows interface {
	Row(x, y []float64, i int, val bool)
}

// Store builds every window of d into X, Y, VX and VY and drops Src.
func (d *Dataset) Store() {
	build := func(n int, val bool) ([]float64, []float64) {
		rowX := d.W * d.I
		x := make([]float64, n*rowX)
		y := make([]float64, n*d.O)
		for k := range n {
			d.Src.Row(x[k*rowX:(k+1)*rowX], y[k*d.O:(k+1)*d.O], k, val)
		}
		return x, y
	}
	d.X, d.Y = build(d.N, false)
	d.VX, d.VY = build(d.VN, true)
	d.Src = nil
}

// evalChunk is the number of rows lstm.Model.EvalLoss (and Predict) run at
// once; valLoss builds windows on demand in chunks of that many, so that
// its sum is EvalLoss's term by term.
const evalChunk = 256

// valLoss is net's loss on the validation windows: net.EvalLoss on the
// stored windows, or, for windows built on demand, the same sum formed the
// same way — each chunk's mean loss (meanLoss) times its rows, over all the
// rows — so the two give the same number to the bit.
func (d *Dataset) valLoss(net *lstm.Model) float64 {
	if d.Src == nil {
		return net.EvalLoss(d.VX, d.VY, d.VN, d.W)
	}
	rowX, rowY := d.W*d.I, d.O
	x, y, yhat := make([]float64, evalChunk*rowX), make([]float64, evalChunk*rowY), make([]float64, evalChunk*rowY)
	cfg := net.Config()
	var sum float64
	for b0 := 0; b0 < d.VN; b0 += evalChunk {
		n := min(d.VN, b0+evalChunk) - b0
		for r := range n {
			d.Src.Row(x[r*rowX:(r+1)*rowX], y[r*rowY:(r+1)*rowY], b0+r, true)
		}
		net.Predict(yhat[:n*rowY], x[:n*rowX], n, d.W)
		sum += meanLoss(cfg, yhat[:n*rowY], y[:n*rowY]) * float64(n)
	}
	return sum / float64(d.VN)
}

// meanLoss is the data loss lstm.Model.EvalLoss takes of one chunk (lstm's
// dataLoss): the mean over the outputs of the squared error (mse), the
// absolute error (mae) or Huber's loss with cfg.HuberDelta, summed in
// output order. TestValLossOnDemand holds the two to the bit.
func meanLoss(cfg lstm.Config, yhat, y []float64) float64 {
	var s float64
	for j, v := range yhat {
		d := v - y[j]
		switch cfg.Loss {
		case lstm.LossMSE:
			s += d * d
		case lstm.LossMAE:
			s += math.Abs(d)
		case lstm.LossHuber:
			if a := math.Abs(d); a < cfg.HuberDelta {
				s += 0.5 * d * d
			} else {
				s += cfg.HuberDelta * (a - 0.5*cfg.HuberDelta)
			}
		default:
			panic("forecast: unknown loss " + string(cfg.Loss))
		}
	}
	return s / float64(len(y))
}

// NetConfig maps the settings onto the network's configuration.
func NetConfig(set config.Settings, inputs, outputs int, seed uint64) lstm.Config {
	return lstm.Config{
		InputSize:     inputs,
		HiddenSize:    set.Hidden,
		Layers:        set.Layers,
		OutputSize:    outputs,
		Dropout:       set.Dropout,
		LayerNorm:     set.LayerNorm,
		InputInit:     lstm.Init(set.Init.String()),
		RecurrentInit: lstm.Init(set.RecurrentInit.String()),
		ForgetBias:    set.ForgetBias,
		Loss:          lstm.Loss(set.Loss.String()),
		HuberDelta:    1,
		L1:            set.L1,
		L2:            set.L2,
		Seed:          seed,
		Precision:     netPrecision(set.Precision),
	}
}

// netPrecision is lstm's name for p; float64 is left empty, lstm's
// default, so model files of float64 networks stay as they were.
func netPrecision(p config.Precision) string {
	if p == config.PrecisionFloat32 {
		return lstm.PrecisionFloat32
	}
	return ""
}

// Fitted is the outcome of training one network.
type Fitted struct {
	Net       *lstm.Model // the best weights (by validation loss)
	History   []EpochEvent
	Stop      config.StopReason
	Diagnosis string // what went wrong and what to change, when it diverged
	BestEpoch int
}

// plateauWait is how many epochs without improvement the reduce-on-plateau
// schedule waits before halving the learning rate; the floor is lr/100.
const plateauWait = 5

// maxStepsPerEpoch bounds an epoch's optimiser steps, so that validation,
// early stopping and the schedule act at the same pace on long series.
const maxStepsPerEpoch = 50

// improveTol is the relative drop of the validation loss that makes an
// epoch the new best.
const improveTol = 1e-4

// trainNet trains one network on d. It returns within one step of ctx being
// cancelled, keeping the best weights seen; ErrCanceled when no epoch had
// completed, ErrDiverged when training diverged before any epoch did. obs
// may be nil.
//
// An epoch is: the schedule sets the learning rate, the batcher hands out
// minibatches, each step is folded into the epoch's accounting, the
// validation loss is measured, and the stopper judges the epoch (new best,
// diverged, early stop).
func trainNet(ctx context.Context, d *Dataset, set config.Settings, seed uint64, member int, obs Observer, start time.Time) (*Fitted, error) {
	cfg := NetConfig(set, d.I, d.O, seed)
	net, err := lstm.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	bat := newBatcher(d, set.Batch, seed, member)
	opt := lstm.OptimConfig{Kind: set.Optimizer.String(), LR: set.LR}
	if set.Optimizer == config.OptimizerSGD {
		opt.Momentum = 0.9
	}
	if set.Optimizer == config.OptimizerAdamW {
		opt.WeightDecay = 0.01
	}
	tr, err := lstm.NewTrainer(net, bat.size, d.W, opt, lstm.ClipConfig{Mode: set.Clip.String(), Max: set.ClipMax})
	if err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	best := net.Clone()
	out := &Fitted{Net: best, Stop: config.StopCompleted}
	sched := schedule{kind: set.Schedule, base: set.LR, lr: set.LR, epochs: set.Epochs}
	stop := stopper{best: math.Inf(1), patience: set.Patience}
	totalSteps := 0
	var recent []float64 // pre-clip gradient norms of the latest steps, for the diagnosis

	for epoch := 1; epoch <= set.Epochs; epoch++ {
		if lr, changed := sched.begin(epoch); changed {
			tr.SetLR(lr)
		}
		acc := epochAccount{ev: EpochEvent{Member: member, Epoch: epoch, Epochs: set.Epochs, LR: sched.lr}}
		for s := 0; s < bat.steps; s++ {
			if err := ctx.Err(); err != nil {
				return out.cancelled()
			}
			x, y, b := bat.next()
			totalSteps++
			st, err := tr.Step(x, y, b)
			recent = append(recent, st.GradNorm)
			if len(recent) > 8 {
				recent = recent[1:]
			}
			if err != nil {
				acc.ev.Skipped++
			} else {
				acc.add(st, tr.Stats())
			}
			if obs != nil {
				tel := tr.Stats()
				obs.Step(StepEvent{Member: member, Epoch: epoch, Step: s + 1, StepsPerEpoch: bat.steps,
					Loss: st.Loss, GradNorm: st.GradNorm, ClippedNorm: st.ClippedNorm,
					Clipped: st.Clipped, Skipped: st.Skipped, LR: sched.lr,
					LayerNorms: slices.Clone(tel.LayerNorms), GateNorms: slices.Clone(tel.GateNorms), HeadNorm: tel.HeadNorm})
			}
			if acc.ev.Skipped >= SkipLimit {
				out.Stop = config.StopDiverged
				out.Diagnosis = divergenceDiagnosis(set, recent)
				break
			}
		}
		ev := acc.finish(totalSteps)
		if out.Stop == config.StopDiverged {
			ev.ValLoss = math.NaN()
			ev.Seconds = time.Since(start).Seconds()
			ev.Warnings = append(ev.Warnings, out.Diagnosis)
			out.record(ev, obs)
			break
		}
		ev.ValLoss = ev.TrainLoss
		if d.VN > 0 {
			ev.ValLoss = d.valLoss(net)
		}
		switch stop.judge(ev.TrainLoss, ev.ValLoss) {
		case epochDiverged:
			out.Stop = config.StopDiverged
			out.Diagnosis = divergenceDiagnosis(set, recent)
			ev.Warnings = append(ev.Warnings, out.Diagnosis)
		case epochBest:
			best.CopyFrom(net)
			out.BestEpoch = epoch
			ev.Best = true
			sched.improved()
		default:
			sched.stalled()
		}
		ev.Warnings = append(ev.Warnings, gradientWarnings(ev)...)
		ev.Seconds = time.Since(start).Seconds()
		out.record(ev, obs)
		if out.Stop == config.StopDiverged {
			break
		}
		if stop.outOfPatience() {
			out.Stop = config.StopEarly
			break
		}
		if lr, changed := sched.end(); changed {
			tr.SetLR(lr)
		}
	}
	if out.BestEpoch == 0 && out.Stop == config.StopDiverged {
		return nil, fmt.Errorf("%w in the first epoch: %s", ErrDiverged, out.Diagnosis)
	}
	return out, nil
}

// record appends an epoch to the history and reports it.
func (f *Fitted) record(ev EpochEvent, obs Observer) {
	f.History = append(f.History, ev)
	if obs != nil {
		obs.Epoch(ev)
	}
}

// batcher hands out minibatches of the training windows in a shuffled
// order. An epoch is one pass over the windows, or maxStepsPerEpoch batches
// for long series; the permutation then carries over between epochs, so
// every window is still visited in turn.
type batcher struct {
	d      *Dataset
	size   int // rows per batch (the last of a pass may be smaller)
	steps  int // batches per epoch
	rng    *rand.Rand
	perm   []int
	pos    int // position in the current permutation; d.N forces a shuffle
	xb, yb []float64
}

func newBatcher(d *Dataset, batch int, seed uint64, member int) *batcher {
	size := min(batch, d.N)
	b := &batcher{d: d, size: size, steps: min((d.N+size-1)/size, maxStepsPerEpoch),
		rng: rand.New(rand.NewPCG(seed, 0x5eed^uint64(member))), perm: make([]int, d.N), pos: d.N,
		xb: make([]float64, size*d.W*d.I), yb: make([]float64, size*d.O)}
	for i := range b.perm {
		b.perm[i] = i
	}
	return b
}

// next returns the inputs, targets and row count of the next batch (views
// of the batcher's buffers, valid until the next call).
func (b *batcher) next() (x, y []float64, n int) {
	d := b.d
	if b.pos >= d.N {
		b.rng.Shuffle(len(b.perm), func(i, j int) { b.perm[i], b.perm[j] = b.perm[j], b.perm[i] })
		b.pos = 0
	}
	n = min(b.size, d.N-b.pos)
	rowX, rowY := d.W*d.I, d.O
	for r := 0; r < n; r++ {
		i := b.perm[b.pos+r]
		if d.Src != nil {
			d.Src.Row(b.xb[r*rowX:(r+1)*rowX], b.yb[r*rowY:(r+1)*rowY], i, false)
			continue
		}
		copy(b.xb[r*rowX:(r+1)*rowX], d.X[i*rowX:(i+1)*rowX])
		copy(b.yb[r*rowY:(r+1)*rowY], d.Y[i*rowY:(i+1)*rowY])
	}
	b.pos += n
	return b.xb[:n*rowX], b.yb[:n*rowY], n
}

// schedule is the learning rate over the epochs: constant; cosine (set at
// the start of each epoch, from base down to 0 over the run); or
// reduce-on-plateau (halved after plateauWait epochs without a new best,
// down to base/100).
type schedule struct {
	kind         config.Schedule
	base, lr     float64
	epochs       int
	sincePlateau int
}

// begin returns the rate for epoch (1-based) and whether it changed.
func (s *schedule) begin(epoch int) (float64, bool) {
	if s.kind != config.ScheduleCosine {
		return s.lr, false
	}
	s.lr = s.base * 0.5 * (1 + math.Cos(math.Pi*float64(epoch-1)/float64(s.epochs)))
	return s.lr, true
}

func (s *schedule) improved() { s.sincePlateau = 0 }
func (s *schedule) stalled()  { s.sincePlateau++ }

// end returns the rate after an epoch and whether it changed.
func (s *schedule) end() (float64, bool) {
	if s.kind == config.SchedulePlateau && s.sincePlateau >= plateauWait && s.lr > s.base/100 {
		s.lr = math.Max(s.lr/2, s.base/100)
		s.sincePlateau = 0
		return s.lr, true
	}
	return s.lr, false
}

// epochAccount folds an epoch's applied steps into its EpochEvent: mean
// loss and gradient norm, the largest norms, clipped steps, gate
// saturation and the gradient-by-time profiles.
type epochAccount struct {
	ev               EpochEvent
	applied          int
	lossSum, gradSum float64
	hSum, cSum       [][]float64
}

func (a *epochAccount) add(st lstm.StepStats, tel *lstm.Telemetry) {
	ev := &a.ev
	a.applied++
	a.lossSum += st.Loss
	a.gradSum += st.GradNorm
	ev.MaxGradNorm = math.Max(ev.MaxGradNorm, st.GradNorm)
	ev.MaxClipped = math.Max(ev.MaxClipped, st.ClippedNorm)
	if st.Clipped {
		ev.Clipped++
	}
	a.hSum = addProfile(a.hSum, tel.HGradByTime)
	a.cSum = addProfile(a.cSum, tel.CGradByTime)
	for _, sat := range tel.Saturation {
		ev.SatForget += sat.Forget / float64(len(tel.Saturation))
		ev.SatInput += sat.Input / float64(len(tel.Saturation))
		ev.SatOutput += sat.Output / float64(len(tel.Saturation))
	}
}

// finish returns the epoch's event with the means taken (TrainLoss NaN when
// no step was applied); totalSteps counts the run's steps so far.
func (a *epochAccount) finish(totalSteps int) EpochEvent {
	ev := a.ev
	ev.Steps = totalSteps
	if a.applied == 0 {
		ev.TrainLoss = math.NaN()
		return ev
	}
	n := float64(a.applied)
	ev.TrainLoss = a.lossSum / n
	ev.MeanGrad = a.gradSum / n
	ev.SatForget, ev.SatInput, ev.SatOutput = ev.SatForget/n, ev.SatInput/n, ev.SatOutput/n
	ev.HGradByTime = scaleProfile(a.hSum, 1/n)
	ev.CGradByTime = scaleProfile(a.cSum, 1/n)
	return ev
}

// epochVerdict is the stopper's judgement of one epoch.
type epochVerdict int

const (
	epochNoBetter epochVerdict = iota
	epochBest                  // a new best validation loss: keep these weights
	epochDiverged              // non-finite, or the loss exploded: stop
)

// stopper keeps the best validation loss and judges each epoch by it.
type stopper struct {
	best      float64 // lowest validation loss so far (+Inf before the first)
	sinceBest int
	patience  int // epochs without a new best before an early stop; 0 = never
}

// judge classifies an epoch: diverged when the validation loss is not
// finite or the training loss exceeds ExplodeFactor times the best
// validation loss; a new best when the validation loss falls by more than
// improveTol relative (or is the first).
func (s *stopper) judge(trainLoss, valLoss float64) epochVerdict {
	switch {
	case math.IsNaN(valLoss) || math.IsInf(valLoss, 0) || trainLoss > ExplodeFactor*math.Max(s.best, 1e-12) && s.best < math.Inf(1):
		return epochDiverged
	case valLoss < s.best*(1-improveTol) || s.best == math.Inf(1):
		s.best = valLoss
		s.sinceBest = 0
		return epochBest
	}
	s.sinceBest++
	return epochNoBetter
}

// outOfPatience reports whether patience has run out.
func (s *stopper) outOfPatience() bool { return s.patience > 0 && s.sinceBest >= s.patience }

// cancelled ends a run stopped by its context.
func (f *Fitted) cancelled() (*Fitted, error) {
	if f.BestEpoch == 0 {
		return nil, ErrCanceled
	}
	f.Stop = config.StopCanceled
	return f, nil
}

// divergenceDiagnosis says what happened to the gradient norm before the
// loss became non-finite, and what to change.
func divergenceDiagnosis(set config.Settings, recent []float64) string {
	first, last := math.NaN(), math.NaN()
	n := 0
	for _, g := range recent {
		if math.IsNaN(g) || math.IsInf(g, 0) {
			continue
		}
		if math.IsNaN(first) {
			first = g
		}
		last = g
		n++
	}
	var what string
	switch {
	case n >= 2 && first > 0 && last/first >= 10:
		what = fmt.Sprintf("gradient norm rose %.0f× in %d steps, then the loss became non-finite", last/first, n-1)
	default:
		what = "the loss or gradient became non-finite"
	}
	var fix string
	switch {
	case set.Clip == config.ClipNone:
		fix = fmt.Sprintf("enable clipping (clip norm, threshold 1) or lower the learning rate below %g", set.LR)
	case set.LR >= 0.01:
		fix = fmt.Sprintf("lower the learning rate below %g (try %g)", set.LR, set.LR/10)
	default:
		fix = "lower the clipping threshold or the learning rate, or enable layer normalisation"
	}
	return what + ": " + fix + "; the last good weights were kept"
}

// gradientWarnings flags the pictures the article says to watch for.
func gradientWarnings(ev EpochEvent) []string {
	var w []string
	for l, prof := range ev.HGradByTime {
		if len(prof) < 2 {
			continue
		}
		first, last := prof[0], prof[len(prof)-1]
		if last > 0 && first/last < VanishingRatio {
			w = append(w, fmt.Sprintf("vanishing gradient in layer %d: ‖∂L/∂h‖ at the first time step is %.1e of the last", l+1, first/last))
		}
		if last > 0 && first/last > ExplodingRatio {
			w = append(w, fmt.Sprintf("exploding gradient through time in layer %d: ‖∂L/∂h‖ grows %.1e× back to the first step", l+1, first/last))
		}
	}
	if ev.SatForget > SaturationShare || ev.SatInput > SaturationShare || ev.SatOutput > SaturationShare {
		w = append(w, fmt.Sprintf("saturated gates (forget %.0f%%, input %.0f%%, output %.0f%%): gradients through them vanish; lower the learning rate or enable layer normalisation",
			100*ev.SatForget, 100*ev.SatInput, 100*ev.SatOutput))
	}
	return w
}

// addProfile adds p into sum (allocating sum on first use).
func addProfile(sum, p [][]float64) [][]float64 {
	if sum == nil {
		sum = make([][]float64, len(p))
		for l := range p {
			sum[l] = make([]float64, len(p[l]))
		}
	}
	for l := range p {
		for t, v := range p[l] {
			sum[l][t] += v
		}
	}
	return sum
}

func scaleProfile(p [][]float64, k float64) [][]float64 {
	for l := range p {
		for t := range p[l] {
			p[l][t] *= k
		}
	}
	return p
}

// Members trains Settings.Ensemble networks with seeds Seed, Seed+1, …
// and returns them in seed order. Watched (obs not nil: a window's charts,
// a command's progress), they train one after another, so that the
// observer sees each network's epochs in turn — a history of the first,
// then the second, as its charts and progress count them. Unwatched, up to
// runtime.GOMAXPROCS(0) train at a time. The results do not depend on
// which.
func Members(ctx context.Context, d *Dataset, set config.Settings, obs Observer, start time.Time) ([]*Fitted, error) {
	n := set.Ensemble
	fits := make([]*Fitted, n)
	errs := make([]error, n)
	var sobs Observer
	if obs != nil {
		sobs = &lockedObserver{obs: obs}
	}
	if n == 1 || obs != nil {
		// (cancelled, the members after it return at once, ErrCanceled)
		for i := range n {
			fits[i], errs[i] = trainNet(ctx, d, set, set.Seed+uint64(i), i, sobs, start)
		}
	} else {
		var wg sync.WaitGroup
		sem := make(chan struct{}, runtime.GOMAXPROCS(0))
		for i := range n {
			wg.Add(1)
			go func() { // ends when member i has trained
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				fits[i], errs[i] = trainNet(ctx, d, set, set.Seed+uint64(i), i, sobs, start)
			}()
		}
		wg.Wait()
	}
	var kept []*Fitted
	var firstErr error
	for i := range n {
		if errs[i] != nil {
			if firstErr == nil {
				firstErr = errs[i]
			}
			continue
		}
		kept = append(kept, fits[i])
	}
	if len(kept) == 0 {
		return nil, firstErr
	}
	return kept, nil
}

type lockedObserver struct {
	mu  sync.Mutex
	obs Observer
}

func (o *lockedObserver) Step(e StepEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.obs.Step(e)
}

func (o *lockedObserver) Epoch(e EpochEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.obs.Epoch(e)
}

// Check refuses data that would poison training: a window, stored or
// built on demand, with a value that is not finite.
func (d *Dataset) Check() error {
	finite := func(a []float64) bool {
		for _, x := range a {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
		return true
	}
	ok := true
	if d.Src == nil {
		for _, a := range [][]float64{d.X, d.Y, d.VX, d.VY} {
			ok = ok && finite(a)
		}
	} else {
		x, y := make([]float64, d.W*d.I), make([]float64, d.O)
		for i := 0; i < d.N+d.VN && ok; i++ {
			if i < d.N {
				d.Src.Row(x, y, i, false)
			} else {
				d.Src.Row(x, y, i-d.N, true)
			}
			ok = finite(x) && finite(y)
		}
	}
	if !ok {
		return fmt.Errorf("forecast: the scaled windows are not finite (a window's level is 0 or the values overflow); choose the zscore scaler or rescale the column")
	}
	return nil
}
