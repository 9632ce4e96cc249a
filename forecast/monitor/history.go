package monitor

import (
	"math"

	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// Bucket is one aggregated point of a decimated curve: the points
// X0 ≤ x ≤ X1 summarised by their count, mean, minimum, maximum and last
// value. A chart draws Min..Max as a band (or a vertical stroke) and Mean or
// Last as the line, so spikes survive decimation.
type Bucket struct {
	X0, X1         float64
	N              int
	Mean, Min, Max float64
	Last           float64
}

// Curve is a bounded, decimated series of (x, y) points. Appending is
// amortised O(1); memory never exceeds Cap buckets. When the curve is full,
// adjacent buckets are merged pairwise and each new bucket takes twice as
// many points as before, so a curve of a million points keeps the same
// shape (including every spike in Max) at Cap/2..Cap buckets.
//
// Non-finite y values are counted but left out of the statistics.
//
// A Curve is not safe for concurrent use; the app's Session guards its curves
// with its mutex and hands out copies.
type Curve struct {
	Cap     int // maximum buckets kept; 0 means 1024
	buckets []Bucket
	width   int // points per bucket at the current resolution
	pending Bucket
	npend   int // points (finite or not) in pending
	total   int
}

func (c *Curve) capacity() int {
	if c.Cap < 4 {
		return 1024
	}
	return c.Cap
}

// Add appends one point.
func (c *Curve) Add(x, y float64) {
	if c.width == 0 {
		c.width = 1
	}
	c.total++
	p := &c.pending
	if c.npend == 0 {
		*p = Bucket{X0: x, Min: math.Inf(1), Max: math.Inf(-1), Mean: math.NaN(), Last: math.NaN()}
	}
	c.npend++
	p.X1 = x
	if !math.IsNaN(y) && !math.IsInf(y, 0) {
		if p.N == 0 {
			p.Mean = y
		} else {
			p.Mean += (y - p.Mean) / float64(p.N+1)
		}
		p.N++
		p.Min = math.Min(p.Min, y)
		p.Max = math.Max(p.Max, y)
		p.Last = y
	}
	if c.npend >= c.width {
		c.flush()
	}
}

func (c *Curve) flush() {
	c.npend = 0
	c.buckets = append(c.buckets, c.pending)
	c.pending = Bucket{}
	if len(c.buckets) >= c.capacity() {
		c.halve()
	}
}

// halve merges adjacent buckets pairwise and doubles the bucket width.
func (c *Curve) halve() {
	n := len(c.buckets) / 2
	for i := 0; i < n; i++ {
		c.buckets[i] = merge(c.buckets[2*i], c.buckets[2*i+1])
	}
	if len(c.buckets)%2 == 1 {
		c.buckets[n] = c.buckets[len(c.buckets)-1]
		n++
	}
	c.buckets = c.buckets[:n]
	c.width *= 2
}

func merge(a, b Bucket) Bucket {
	m := Bucket{X0: a.X0, X1: b.X1, N: a.N + b.N, Min: math.Min(a.Min, b.Min), Max: math.Max(a.Max, b.Max)}
	switch {
	case a.N == 0:
		m.Mean, m.Last = b.Mean, b.Last
	case b.N == 0:
		m.Mean, m.Last = a.Mean, a.Last
	default:
		m.Mean = (a.Mean*float64(a.N) + b.Mean*float64(b.N)) / float64(m.N)
		m.Last = b.Last
	}
	return m
}

// Len returns the number of points added.
func (c *Curve) Len() int { return c.total }

// Buckets returns a copy of the decimated curve, including the partly filled
// last bucket.
func (c *Curve) Buckets() []Bucket {
	out := make([]Bucket, len(c.buckets), len(c.buckets)+1)
	copy(out, c.buckets)
	if c.npend > 0 {
		out = append(out, c.pending)
	}
	return out
}

// HeatGrid is a bounded time-step × epoch grid of log10 gradient norms:
// column j summarises one or more consecutive epochs, row t is the time step
// within the window (t = 0 is the oldest input). Like Curve it halves its
// resolution when full.
type HeatGrid struct {
	Cap    int         // maximum columns; 0 means 240
	Epochs []float64   // the last epoch in each column
	Cols   [][]float64 // Cols[j][t] = mean log10 ‖∂L/∂h_t‖ over the column's epochs
	counts []int
	width  int
	open   int // epochs in the last column; < width means it is still filling
}

func (g *HeatGrid) capacity() int {
	if g.Cap < 4 {
		return 240
	}
	return g.Cap
}

// Add appends one epoch's profile (‖∂L/∂h_t‖ for t = 0..T-1).
func (g *HeatGrid) Add(epoch int, profile []float64) {
	if len(profile) == 0 {
		return
	}
	if g.width == 0 {
		g.width = 1
	}
	logs := make([]float64, len(profile))
	for t, v := range profile {
		logs[t] = safeLog10(v)
	}
	n := len(g.Cols)
	if n > 0 && g.open < g.width && len(g.Cols[n-1]) == len(logs) {
		c := g.Cols[n-1]
		k := float64(g.counts[n-1])
		for t := range c {
			c[t] = (c[t]*k + logs[t]) / (k + 1)
		}
		g.counts[n-1]++
		g.Epochs[n-1] = float64(epoch)
		g.open++
		return
	}
	if n >= g.capacity() {
		g.halve()
	}
	g.Cols = append(g.Cols, logs)
	g.counts = append(g.counts, 1)
	g.Epochs = append(g.Epochs, float64(epoch))
	g.open = 1
}

func (g *HeatGrid) halve() {
	n := len(g.Cols) / 2
	for i := 0; i < n; i++ {
		a, b := g.Cols[2*i], g.Cols[2*i+1]
		ka, kb := float64(g.counts[2*i]), float64(g.counts[2*i+1])
		if len(a) == len(b) {
			for t := range a {
				a[t] = (a[t]*ka + b[t]*kb) / (ka + kb)
			}
		}
		g.Cols[i] = a
		g.counts[i] = g.counts[2*i] + g.counts[2*i+1]
		g.Epochs[i] = g.Epochs[2*i+1]
	}
	if len(g.Cols)%2 == 1 {
		last := len(g.Cols) - 1
		g.Cols[n], g.counts[n], g.Epochs[n] = g.Cols[last], g.counts[last], g.Epochs[last]
		n++
	}
	g.Cols, g.counts, g.Epochs = g.Cols[:n], g.counts[:n], g.Epochs[:n]
	g.width *= 2
	g.open = g.width // start a fresh column next
}

// Copy returns a deep copy.
func (g *HeatGrid) Copy() HeatGrid {
	out := HeatGrid{Cap: g.Cap, Epochs: append([]float64(nil), g.Epochs...), width: g.width, open: g.open}
	out.counts = append([]int(nil), g.counts...)
	out.Cols = make([][]float64, len(g.Cols))
	for i, c := range g.Cols {
		out.Cols[i] = append([]float64(nil), c...)
	}
	return out
}

// safeLog10 is log10 clamped to ±12; NaN stays NaN (drawn as a gap).
func safeLog10(v float64) float64 {
	if math.IsNaN(v) {
		return math.NaN()
	}
	if v <= 0 {
		return -12
	}
	if math.IsInf(v, 1) {
		return 12
	}
	return math.Max(-12, math.Min(12, math.Log10(v)))
}

// History is the bounded telemetry of one run, enough to draw every training
// chart: per-epoch train and validation loss, per-step gradient norm before
// and after clipping, the learning rate and the share of clipped steps per
// epoch, the gradient-by-time heat map of every layer, and histograms of
// the per-step gradient norms of every layer and gate over the epochs. Its
// size is bounded whatever the number of epochs or steps.
type History struct {
	TrainLoss Curve // x = epoch
	ValLoss   Curve // x = epoch
	StepLoss  Curve // x = global step
	GradNorm  Curve // x = global step, before clipping
	Clipped   Curve // x = global step, after clipping
	LR        Curve // x = epoch
	ClipRate  Curve // x = epoch: share of the epoch's steps that were clipped
	// Heats[l] is layer l's gradient-by-time heat map. Their columns
	// share one bound (HeatColumns in all), so deep networks cost no more.
	Heats []HeatGrid
	// LayerNorms[l] and GateNorms[l][g] are histograms over the epochs of
	// the per-step pre-clip gradient norms of layer l and of its gate g
	// (i, f, g, o), filled from the steps' telemetry.
	LayerNorms []NormHist
	GateNorms  [][4]NormHist
	// Through[l] records when layer l's gradient vanished or exploded
	// through time (the heat map's picture), for the findings.
	Through []ThroughTime

	Epochs    int // epochs seen (all members)
	Steps     int // steps seen
	ClipSteps int // steps that were clipped
	Skipped   int // steps skipped (non-finite)
	LastEpoch fit.EpochEvent
	BestEpoch int
	BestVal   float64
	Warnings  []string // distinct warnings, in order of first appearance, at most 50

	memberSteps map[int]int // each ensemble member's step count at its last epoch
}

// HeatColumns bounds the heat maps' columns, shared by the layers: each
// layer keeps max(HeatColumns/layers, minHeatColumns).
const (
	HeatColumns    = 240
	minHeatColumns = 60
)

// ThroughTime is one layer's record of ‖∂L/∂h‖ at the oldest over the
// newest step of the window, epoch by epoch (fit.VanishingRatio and
// ExplodingRatio are the thresholds).
type ThroughTime struct {
	Last                      float64 // the ratio in the latest epoch (NaN before one)
	Min, Max                  float64 // extremes seen
	MinEpoch, MaxEpoch        int     // the History epochs they were seen at
	VanishFirst, VanishLast   int     // first and last epochs below VanishingRatio (0: never)
	VanishEpochs              int     // epochs below it
	ExplodeFirst, ExplodeLast int     // the same above ExplodingRatio
	ExplodeEpochs             int
}

func (r *ThroughTime) add(epoch int, prof []float64) {
	if len(prof) < 2 || !(prof[len(prof)-1] > 0) {
		return
	}
	x := prof[0] / prof[len(prof)-1]
	if math.IsNaN(x) {
		return
	}
	r.Last = x
	if r.MinEpoch == 0 || x < r.Min {
		r.Min, r.MinEpoch = x, epoch
	}
	if r.MaxEpoch == 0 || x > r.Max {
		r.Max, r.MaxEpoch = x, epoch
	}
	if x < fit.VanishingRatio {
		if r.VanishFirst == 0 {
			r.VanishFirst = epoch
		}
		r.VanishLast = epoch
		r.VanishEpochs++
	}
	if x > fit.ExplodingRatio {
		if r.ExplodeFirst == 0 {
			r.ExplodeFirst = epoch
		}
		r.ExplodeLast = epoch
		r.ExplodeEpochs++
	}
}

// NewHistory returns an empty history with the default bounds.
func NewHistory() *History {
	h := &History{BestVal: math.Inf(1)}
	for _, c := range []*Curve{&h.TrainLoss, &h.ValLoss, &h.LR, &h.ClipRate} {
		c.Cap = 1024
	}
	for _, c := range []*Curve{&h.StepLoss, &h.GradNorm, &h.Clipped} {
		c.Cap = 2048
	}
	return h
}

// Layers returns the number of layers the telemetry has shown so far.
func (h *History) Layers() int { return max(len(h.Heats), len(h.LayerNorms)) }

// Heat returns layer l's heat map (0-based), empty when there is none.
func (h *History) Heat(l int) HeatGrid {
	if l < 0 || l >= len(h.Heats) {
		return HeatGrid{}
	}
	return h.Heats[l]
}

// Step records one optimiser step (History is a fit.Observer; it is
// not safe for concurrent use: its owner serialises calls).
func (h *History) Step(e fit.StepEvent) {
	h.Steps++
	x := float64(h.Steps)
	h.StepLoss.Add(x, e.Loss)
	h.GradNorm.Add(x, e.GradNorm)
	h.Clipped.Add(x, e.ClippedNorm)
	if e.Clipped {
		h.ClipSteps++
	}
	if e.Skipped {
		h.Skipped++
	}
	if len(e.LayerNorms) > len(h.LayerNorms) {
		h.LayerNorms = append(h.LayerNorms, make([]NormHist, len(e.LayerNorms)-len(h.LayerNorms))...)
		h.GateNorms = append(h.GateNorms, make([][4]NormHist, len(e.LayerNorms)-len(h.GateNorms))...)
	}
	for l, v := range e.LayerNorms {
		h.LayerNorms[l].Add(v)
		if l < len(e.GateNorms) {
			for g, w := range e.GateNorms[l] {
				h.GateNorms[l][g].Add(w)
			}
		}
	}
}

// Epoch records one finished epoch.
func (h *History) Epoch(e fit.EpochEvent) {
	h.Epochs++
	x := float64(h.Epochs)
	h.TrainLoss.Add(x, e.TrainLoss)
	h.ValLoss.Add(x, e.ValLoss)
	h.LR.Add(x, e.LR)
	if h.memberSteps == nil {
		h.memberSteps = map[int]int{}
	}
	if steps := e.Steps - h.memberSteps[e.Member]; steps > 0 {
		h.ClipRate.Add(x, float64(e.Clipped)/float64(steps))
	}
	h.memberSteps[e.Member] = e.Steps
	if len(e.HGradByTime) > len(h.Heats) {
		h.Heats = append(h.Heats, make([]HeatGrid, len(e.HGradByTime)-len(h.Heats))...)
		h.Through = append(h.Through, make([]ThroughTime, len(e.HGradByTime)-len(h.Through))...)
		per := max(HeatColumns/len(h.Heats), minHeatColumns)
		for l := range h.Heats {
			h.Heats[l].Cap = per
			for len(h.Heats[l].Cols) >= per {
				h.Heats[l].halve()
			}
		}
	}
	for l, prof := range e.HGradByTime {
		h.Heats[l].Add(h.Epochs, prof)
		h.Through[l].add(h.Epochs, prof)
	}
	for l := range h.LayerNorms {
		h.LayerNorms[l].close(h.Epochs)
		for g := range h.GateNorms[l] {
			h.GateNorms[l][g].close(h.Epochs)
		}
	}
	// The best epoch is the training loop's own (an improvement beyond its
	// tolerance, of the first network of an ensemble): the weights it kept
	// and Result.BestEpoch, never a slightly lower loss it did not keep.
	if e.Best && e.Member == 0 {
		h.BestVal, h.BestEpoch = e.ValLoss, e.Epoch
	}
	// Keep a private copy of the last event: the trainer may reuse its slices.
	last := e
	last.Warnings = append([]string(nil), e.Warnings...)
	last.HGradByTime = copy2(e.HGradByTime)
	last.CGradByTime = copy2(e.CGradByTime)
	h.LastEpoch = last
	for _, w := range e.Warnings {
		h.addWarning(w)
	}
}

func (h *History) addWarning(w string) {
	for _, x := range h.Warnings {
		if x == w {
			return
		}
	}
	if len(h.Warnings) < 50 {
		h.Warnings = append(h.Warnings, w)
	}
}

// Copy returns a deep copy, safe to use while training continues.
func (h *History) Copy() *History {
	c := *h
	for _, p := range []struct{ dst, src *Curve }{
		{&c.TrainLoss, &h.TrainLoss}, {&c.ValLoss, &h.ValLoss}, {&c.StepLoss, &h.StepLoss},
		{&c.GradNorm, &h.GradNorm}, {&c.Clipped, &h.Clipped}, {&c.LR, &h.LR}, {&c.ClipRate, &h.ClipRate},
	} {
		p.dst.buckets = append([]Bucket(nil), p.src.buckets...)
	}
	c.Heats = make([]HeatGrid, len(h.Heats))
	for l := range h.Heats {
		c.Heats[l] = h.Heats[l].Copy()
	}
	c.LayerNorms = make([]NormHist, len(h.LayerNorms))
	c.GateNorms = make([][4]NormHist, len(h.GateNorms))
	for l := range h.LayerNorms {
		c.LayerNorms[l] = h.LayerNorms[l].Copy()
		for g := range h.GateNorms[l] {
			c.GateNorms[l][g] = h.GateNorms[l][g].Copy()
		}
	}
	c.Through = append([]ThroughTime(nil), h.Through...)
	c.Warnings = append([]string(nil), h.Warnings...)
	c.memberSteps = nil // only the owner's copy records
	if h.memberSteps != nil {
		c.memberSteps = make(map[int]int, len(h.memberSteps))
		for k, v := range h.memberSteps {
			c.memberSteps[k] = v
		}
	}
	return &c
}

func copy2(a [][]float64) [][]float64 {
	if a == nil {
		return nil
	}
	out := make([][]float64, len(a))
	for i, r := range a {
		out[i] = append([]float64(nil), r...)
	}
	return out
}
