package monitor

import (
	"errors"
	"fmt"

	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// State is everything a History holds, its private bookkeeping included,
// so that a finished run's telemetry can be saved and restored exactly
// (app/project writes it into project files). FromState checks a State
// read from a file before it becomes a History.
type State struct {
	// Curves are TrainLoss, ValLoss, StepLoss, GradNorm, Clipped, LR and
	// ClipRate, in this order.
	Curves      []CurveState
	Heats       []HeatState
	LayerNorms  []NormState
	GateNorms   [][4]NormState
	Through     []ThroughTime
	Epochs      int
	Steps       int
	ClipSteps   int
	Skipped     int
	LastEpoch   fit.EpochEvent
	BestEpoch   int
	BestVal     float64
	Warnings    []string
	MemberSteps map[int]int
}

// CurveState is a Curve's contents.
type CurveState struct {
	Cap     int
	Buckets []Bucket
	Width   int
	Pending Bucket
	NPend   int
	Total   int
}

// HeatState is a HeatGrid's contents.
type HeatState struct {
	Cap    int
	Epochs []float64
	Cols   [][]float64
	Counts []int
	Width  int
	Open   int
}

// NormState is a NormHist's contents.
type NormState struct {
	Cap       int
	Epochs    []float64
	Cols      [][]int32
	Open      []int32
	NonFinite int
	Width     int
	Filled    int
}

// Bounds of a State that FromState accepts: far above what training
// produces (a layer's heat map has at most HeatColumns columns of one value
// per time step of the window), low enough that a damaged file cannot make
// a reader allocate without limit.
const (
	maxStateCap    = 1 << 16 // a curve's, heat map's or histogram's Cap
	maxStateLayers = 64
	maxStateWindow = 1 << 16 // values in a heat-map column or an epoch's profile
	maxWarnings    = 50
)

// errState is wrapped by every error FromState returns.
var errState = errors.New("monitor: not a valid training history")

func (h *History) curves() []*Curve {
	return []*Curve{&h.TrainLoss, &h.ValLoss, &h.StepLoss, &h.GradNorm, &h.Clipped, &h.LR, &h.ClipRate}
}

// State returns a deep copy of everything h holds.
func (h *History) State() State {
	c := h.Copy()
	st := State{Through: c.Through, Epochs: c.Epochs, Steps: c.Steps, ClipSteps: c.ClipSteps, Skipped: c.Skipped,
		LastEpoch: c.LastEpoch, BestEpoch: c.BestEpoch, BestVal: c.BestVal, Warnings: c.Warnings}
	for _, cv := range c.curves() {
		st.Curves = append(st.Curves, CurveState{Cap: cv.Cap, Buckets: cv.buckets, Width: cv.width, Pending: cv.pending, NPend: cv.npend, Total: cv.total})
	}
	for _, g := range c.Heats {
		st.Heats = append(st.Heats, HeatState{Cap: g.Cap, Epochs: g.Epochs, Cols: g.Cols, Counts: g.counts, Width: g.width, Open: g.open})
	}
	for l := range c.LayerNorms {
		st.LayerNorms = append(st.LayerNorms, normState(c.LayerNorms[l]))
		var gs [4]NormState
		for g := range gs {
			gs[g] = normState(c.GateNorms[l][g])
		}
		st.GateNorms = append(st.GateNorms, gs)
	}
	if h.memberSteps != nil {
		st.MemberSteps = make(map[int]int, len(h.memberSteps))
		for k, v := range h.memberSteps {
			st.MemberSteps[k] = v
		}
	}
	return st
}

func normState(n NormHist) NormState {
	return NormState{Cap: n.Cap, Epochs: n.Epochs, Cols: n.Cols, Open: n.Open, NonFinite: n.NonFinite, Width: n.width, Filled: n.filled}
}

// FromState checks st and returns the History it describes; the History
// takes st's slices. An inconsistent State (a damaged file: lengths that
// disagree, more columns than the cap allows, a negative count) gives an
// error saying what is wrong, never a History that could make a chart
// index out of range.
func FromState(st State) (*History, error) {
	h := &History{Through: st.Through, Epochs: st.Epochs, Steps: st.Steps, ClipSteps: st.ClipSteps, Skipped: st.Skipped,
		LastEpoch: st.LastEpoch, BestEpoch: st.BestEpoch, BestVal: st.BestVal, Warnings: st.Warnings}
	cs := h.curves()
	if len(st.Curves) != len(cs) {
		return nil, fmt.Errorf("%w: %d curves, want %d", errState, len(st.Curves), len(cs))
	}
	for i, c := range st.Curves {
		if err := checkCounts(c.Cap, len(c.Buckets), c.Width, c.NPend, c.Total); err != nil {
			return nil, fmt.Errorf("%w: curve %d: %v", errState, i+1, err)
		}
		*cs[i] = Curve{Cap: c.Cap, buckets: c.Buckets, width: c.Width, pending: c.Pending, npend: c.NPend, total: c.Total}
	}
	if err := checkLayers(st); err != nil {
		return nil, fmt.Errorf("%w: %v", errState, err)
	}
	for _, g := range st.Heats {
		h.Heats = append(h.Heats, HeatGrid{Cap: g.Cap, Epochs: g.Epochs, Cols: g.Cols, counts: g.Counts, width: g.Width, open: g.Open})
	}
	for l, n := range st.LayerNorms {
		h.LayerNorms = append(h.LayerNorms, normHist(n))
		var gs [4]NormHist
		for g := range gs {
			gs[g] = normHist(st.GateNorms[l][g])
		}
		h.GateNorms = append(h.GateNorms, gs)
	}
	if st.MemberSteps != nil {
		h.memberSteps = st.MemberSteps
	}
	return h, nil
}

func normHist(n NormState) NormHist {
	return NormHist{Cap: n.Cap, Epochs: n.Epochs, Cols: n.Cols, Open: n.Open, NonFinite: n.NonFinite, width: n.Width, filled: n.Filled}
}

// checkCounts checks the bookkeeping shared by curves, heat maps and
// histograms: a cap in range, no more entries than it allows, and
// non-negative counts.
func checkCounts(cp, n, width, open, total int) error {
	switch {
	case cp < 0 || cp > maxStateCap:
		return fmt.Errorf("cap %d out of range", cp)
	case n > max(cp, 1024):
		return fmt.Errorf("%d entries, over the cap of %d", n, max(cp, 1024))
	case width < 0 || width > 1<<40 || open < 0 || total < 0:
		return errors.New("negative or absurd count")
	}
	return nil
}

// checkLayers checks the per-layer parts of st.
func checkLayers(st State) error {
	if len(st.Heats) > maxStateLayers || len(st.LayerNorms) > maxStateLayers {
		return fmt.Errorf("%d layers, more than %d", max(len(st.Heats), len(st.LayerNorms)), maxStateLayers)
	}
	if len(st.Through) != len(st.Heats) {
		return fmt.Errorf("%d layers of heat maps but %d of vanishing records", len(st.Heats), len(st.Through))
	}
	if len(st.GateNorms) != len(st.LayerNorms) {
		return fmt.Errorf("%d layers of gate histograms but %d of layer histograms", len(st.GateNorms), len(st.LayerNorms))
	}
	if len(st.Warnings) > maxWarnings {
		return fmt.Errorf("%d warnings, more than %d", len(st.Warnings), maxWarnings)
	}
	for l, g := range st.Heats {
		if err := checkCounts(g.Cap, len(g.Cols), g.Width, g.Open, 0); err != nil {
			return fmt.Errorf("heat map %d: %v", l+1, err)
		}
		if len(g.Epochs) != len(g.Cols) || len(g.Counts) != len(g.Cols) {
			return fmt.Errorf("heat map %d: %d columns, %d epochs and %d counts", l+1, len(g.Cols), len(g.Epochs), len(g.Counts))
		}
		for _, c := range g.Cols {
			if len(c) > maxStateWindow {
				return fmt.Errorf("heat map %d: a column of %d time steps", l+1, len(c))
			}
		}
	}
	for l := range st.LayerNorms {
		for g, n := range append([]NormState{st.LayerNorms[l]}, st.GateNorms[l][:]...) {
			if err := checkNorm(n); err != nil {
				return fmt.Errorf("gradient histogram %d.%d: %v", l+1, g, err)
			}
		}
	}
	for _, p := range [][][]float64{st.LastEpoch.HGradByTime, st.LastEpoch.CGradByTime} {
		if len(p) > maxStateLayers {
			return fmt.Errorf("last epoch: %d layers of profiles", len(p))
		}
		for _, r := range p {
			if len(r) > maxStateWindow {
				return fmt.Errorf("last epoch: a profile of %d time steps", len(r))
			}
		}
	}
	return nil
}

func checkNorm(n NormState) error {
	if err := checkCounts(n.Cap, len(n.Cols), n.Width, n.Filled, n.NonFinite); err != nil {
		return err
	}
	if len(n.Epochs) != len(n.Cols) {
		return fmt.Errorf("%d columns but %d epochs", len(n.Cols), len(n.Epochs))
	}
	if n.Open != nil && len(n.Open) != NormBins {
		return fmt.Errorf("an open column of %d bins, want %d", len(n.Open), NormBins)
	}
	for _, c := range n.Cols {
		if len(c) != NormBins {
			return fmt.Errorf("a column of %d bins, want %d", len(c), NormBins)
		}
	}
	return nil
}
