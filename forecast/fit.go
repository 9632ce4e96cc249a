package forecast

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/forecaster-dev/forecaster/lstm"
)

// dataset is a set of training and validation windows, already transformed
// and scaled: X is (N, W, I) row-major, Y is (N, O).
type dataset struct {
	X, Y   []float64
	N      int
	VX, VY []float64
	VN     int
	W, I   int // window length, inputs per step
	O      int // outputs per window
}

// netConfig maps the settings onto the network's configuration.
func netConfig(set Settings, inputs, outputs int, seed uint64) lstm.Config {
	return lstm.Config{
		InputSize:     inputs,
		HiddenSize:    set.Hidden,
		Layers:        set.Layers,
		OutputSize:    outputs,
		Dropout:       set.Dropout,
		LayerNorm:     set.LayerNorm,
		InputInit:     lstm.Init(set.Init),
		RecurrentInit: lstm.Init(set.RecurrentInit),
		ForgetBias:    set.ForgetBias,
		Loss:          lstm.Loss(set.Loss),
		HuberDelta:    1,
		L1:            set.L1,
		L2:            set.L2,
		Seed:          seed,
	}
}

// fitted is the outcome of training one network.
type fitted struct {
	net       *lstm.Model // the best weights (by validation loss)
	history   []EpochEvent
	stop      string
	diagnosis string
	bestEpoch int
}

// plateauWait is how many epochs without improvement the reduce-on-plateau
// schedule waits before halving the learning rate; the floor is lr/100.
const plateauWait = 5

// maxStepsPerEpoch bounds an epoch's optimiser steps, so that validation,
// early stopping and the schedule act at the same pace on long series.
const maxStepsPerEpoch = 50

// divergeSkips is how many non-finite steps in one epoch end training.
const divergeSkips = 3

// trainNet trains one network on d. It returns within one step of ctx being
// cancelled, keeping the best weights seen; ErrCanceled when no epoch had
// completed. obs may be nil.
func trainNet(ctx context.Context, d *dataset, set Settings, seed uint64, member int, obs Observer, start time.Time) (*fitted, error) {
	cfg := netConfig(set, d.I, d.O, seed)
	net, err := lstm.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	batch := min(set.Batch, d.N)
	opt := lstm.OptimConfig{Kind: set.Optimizer, LR: set.LR}
	if set.Optimizer == "sgd" {
		opt.Momentum = 0.9
	}
	if set.Optimizer == "adamw" {
		opt.WeightDecay = 0.01
	}
	tr, err := lstm.NewTrainer(net, batch, d.W, opt, lstm.ClipConfig{Mode: set.Clip, Max: set.ClipMax})
	if err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	best := net.Clone()
	out := &fitted{net: best, stop: StopCompleted}

	rng := rand.New(rand.NewPCG(seed, 0x5eed^uint64(member)))
	perm := make([]int, d.N)
	for i := range perm {
		perm[i] = i
	}
	rowX, rowY := d.W*d.I, d.O
	xb := make([]float64, batch*rowX)
	yb := make([]float64, batch*rowY)
	// An epoch is one pass over the windows, or maxStepsPerEpoch batches
	// for long series (the permutation then carries over between epochs,
	// so every window is still visited in turn).
	steps := min((d.N+batch-1)/batch, maxStepsPerEpoch)
	pos := d.N // position in the current permutation; d.N forces a shuffle

	bestVal := math.Inf(1)
	sinceBest := 0
	sincePlateau := 0
	lr := set.LR
	totalSteps := 0
	var recent []float64 // pre-clip gradient norms of the latest steps, for the diagnosis

	for epoch := 1; epoch <= set.Epochs; epoch++ {
		switch set.Schedule {
		case "cosine":
			lr = set.LR * 0.5 * (1 + math.Cos(math.Pi*float64(epoch-1)/float64(set.Epochs)))
			tr.SetLR(lr)
		}
		ev := EpochEvent{Member: member, Epoch: epoch, Epochs: set.Epochs, LR: lr}
		var lossSum float64
		var applied int
		var gradSum float64
		var hSum, cSum [][]float64
		for s := 0; s < steps; s++ {
			if err := ctx.Err(); err != nil {
				return out.cancelled()
			}
			if pos >= d.N {
				rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
				pos = 0
			}
			b := min(batch, d.N-pos)
			for r := 0; r < b; r++ {
				i := perm[pos+r]
				copy(xb[r*rowX:(r+1)*rowX], d.X[i*rowX:(i+1)*rowX])
				copy(yb[r*rowY:(r+1)*rowY], d.Y[i*rowY:(i+1)*rowY])
			}
			pos += b
			totalSteps++
			st, err := tr.Step(xb[:b*rowX], yb[:b*rowY], b)
			recent = append(recent, st.GradNorm)
			if len(recent) > 8 {
				recent = recent[1:]
			}
			if err != nil {
				ev.Skipped++
			} else {
				applied++
				lossSum += st.Loss
				gradSum += st.GradNorm
				ev.MaxGradNorm = math.Max(ev.MaxGradNorm, st.GradNorm)
				ev.MaxClipped = math.Max(ev.MaxClipped, st.ClippedNorm)
				if st.Clipped {
					ev.Clipped++
				}
				tel := tr.Stats()
				hSum = addProfile(hSum, tel.HGradByTime)
				cSum = addProfile(cSum, tel.CGradByTime)
				for _, sat := range tel.Saturation {
					ev.SatForget += sat.Forget / float64(len(tel.Saturation))
					ev.SatInput += sat.Input / float64(len(tel.Saturation))
					ev.SatOutput += sat.Output / float64(len(tel.Saturation))
				}
			}
			if obs != nil {
				obs.Step(StepEvent{Member: member, Epoch: epoch, Step: s + 1, StepsPerEpoch: steps,
					Loss: st.Loss, GradNorm: st.GradNorm, ClippedNorm: st.ClippedNorm,
					Clipped: st.Clipped, Skipped: st.Skipped, LR: lr})
			}
			if ev.Skipped >= divergeSkips {
				out.stop = StopDiverged
				out.diagnosis = divergenceDiagnosis(set, recent)
				break
			}
		}
		ev.Steps = totalSteps
		if applied > 0 {
			n := float64(applied)
			ev.TrainLoss = lossSum / n
			ev.MeanGrad = gradSum / n
			ev.SatForget, ev.SatInput, ev.SatOutput = ev.SatForget/n, ev.SatInput/n, ev.SatOutput/n
			ev.HGradByTime = scaleProfile(hSum, 1/n)
			ev.CGradByTime = scaleProfile(cSum, 1/n)
		} else {
			ev.TrainLoss = math.NaN()
		}
		if out.stop == StopDiverged {
			ev.ValLoss = math.NaN()
			ev.Seconds = time.Since(start).Seconds()
			ev.Warnings = append(ev.Warnings, out.diagnosis)
			out.history = append(out.history, ev)
			if obs != nil {
				obs.Epoch(ev)
			}
			break
		}
		ev.ValLoss = ev.TrainLoss
		if d.VN > 0 {
			ev.ValLoss = net.EvalLoss(d.VX, d.VY, d.VN, d.W)
		}
		if math.IsNaN(ev.ValLoss) || math.IsInf(ev.ValLoss, 0) || ev.TrainLoss > 1e6*math.Max(bestVal, 1e-12) && bestVal < math.Inf(1) {
			out.stop = StopDiverged
			out.diagnosis = divergenceDiagnosis(set, recent)
			ev.Warnings = append(ev.Warnings, out.diagnosis)
		} else if ev.ValLoss < bestVal*(1-1e-4) || bestVal == math.Inf(1) {
			bestVal = ev.ValLoss
			best.CopyFrom(net)
			out.bestEpoch = epoch
			ev.Best = true
			sinceBest, sincePlateau = 0, 0
		} else {
			sinceBest++
			sincePlateau++
		}
		ev.Warnings = append(ev.Warnings, gradientWarnings(ev)...)
		ev.Seconds = time.Since(start).Seconds()
		out.history = append(out.history, ev)
		if obs != nil {
			obs.Epoch(ev)
		}
		if out.stop == StopDiverged {
			break
		}
		if set.Patience > 0 && sinceBest >= set.Patience {
			out.stop = StopEarly
			break
		}
		if set.Schedule == "plateau" && sincePlateau >= plateauWait && lr > set.LR/100 {
			lr = math.Max(lr/2, set.LR/100)
			tr.SetLR(lr)
			sincePlateau = 0
		}
	}
	if out.bestEpoch == 0 {
		if out.stop == StopDiverged {
			return nil, fmt.Errorf("forecast: training diverged in the first epoch: %s", out.diagnosis)
		}
	}
	return out, nil
}

// cancelled ends a run stopped by its context.
func (f *fitted) cancelled() (*fitted, error) {
	if f.bestEpoch == 0 {
		return nil, ErrCanceled
	}
	f.stop = StopCanceled
	return f, nil
}

// divergenceDiagnosis says what happened to the gradient norm before the
// loss became non-finite, and what to change.
func divergenceDiagnosis(set Settings, recent []float64) string {
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
	case set.Clip == "none":
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
		if last > 0 && first/last < 1e-4 {
			w = append(w, fmt.Sprintf("vanishing gradient in layer %d: ‖∂L/∂h‖ at the first time step is %.1e of the last", l+1, first/last))
		}
		if last > 0 && first/last > 1e4 {
			w = append(w, fmt.Sprintf("exploding gradient through time in layer %d: ‖∂L/∂h‖ grows %.1e× back to the first step", l+1, first/last))
		}
	}
	if ev.SatForget > 0.5 || ev.SatInput > 0.5 || ev.SatOutput > 0.5 {
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
