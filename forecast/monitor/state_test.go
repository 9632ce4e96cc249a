package monitor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// feed adds epochs of steps to h: two layers, a profile per epoch, now and
// then a non-finite loss or norm, as a diverging run gives.
func feed(h *History, rng *rand.Rand, from, epochs, steps int) {
	for e := from; e < from+epochs; e++ {
		for s := 1; s <= steps; s++ {
			g := math.Exp(rng.NormFloat64())
			loss := rng.Float64()
			if rng.IntN(50) == 0 {
				loss, g = math.NaN(), math.Inf(1)
			}
			h.Step(fit.StepEvent{Epoch: e, Step: s, StepsPerEpoch: steps, Loss: loss, GradNorm: g, ClippedNorm: math.Min(g, 1), Clipped: g > 1,
				LayerNorms: []float64{g, g / 2}, GateNorms: [][4]float64{{g, g, g, g}, {1, 2, 3, 4}}})
		}
		prof := make([]float64, 8)
		for t := range prof {
			prof[t] = math.Pow(0.5, float64(len(prof)-t)) * rng.Float64()
		}
		h.Epoch(fit.EpochEvent{Epoch: e, Epochs: 1000, TrainLoss: rng.Float64(), ValLoss: rng.Float64(), Best: e%7 == 0, LR: 0.01, Steps: e * steps,
			Clipped: steps / 3, HGradByTime: [][]float64{prof, prof}, Warnings: []string{fmt.Sprintf("warning %d", e%3)}})
	}
}

// text prints a State with every float in its shortest exact form (NaN
// and ±Inf included), so equal texts are equal states bit for bit.
func text(st State) string { return fmt.Sprintf("%+v", st) }

// TestStateRoundTrip: a History rebuilt from its State holds the same
// state, and goes on exactly as the original when more epochs arrive —
// past several halvings of its curves, heat maps and histograms — so the
// private bookkeeping (bucket widths, open columns, members' steps) came
// back too.
func TestStateRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	h := NewHistory()
	feed(h, rng, 1, 700, 9) // 6300 steps: the step curves (2048 buckets) have halved
	g, err := FromState(h.State())
	if err != nil {
		t.Fatal(err)
	}
	if text(g.State()) != text(h.State()) {
		t.Fatal("FromState(h.State()).State() differs from h.State()")
	}
	r1, r2 := rand.New(rand.NewPCG(2, 2)), rand.New(rand.NewPCG(2, 2))
	feed(h, r1, 701, 300, 9)
	feed(g, r2, 701, 300, 9)
	if text(g.State()) != text(h.State()) {
		t.Error("after 300 more epochs the restored history differs from the original")
	}
	if h.StepLoss.Len() != 9000 || len(h.Heats[0].Cols) == 0 {
		t.Fatalf("the test history is too small: %d steps", h.StepLoss.Len())
	}
}

// TestFromStateRefusesDamage: states that disagree with themselves are
// refused with what is wrong.
func TestFromStateRefusesDamage(t *testing.T) {
	h := NewHistory()
	feed(h, rand.New(rand.NewPCG(3, 3)), 1, 20, 4)
	for _, c := range []struct {
		name, want string
		spoil      func(*State)
	}{
		{"three curves", "3 curves", func(s *State) { s.Curves = s.Curves[:3] }},
		{"over the cap", "entries", func(s *State) { s.Curves[0].Cap = 4; s.Curves[0].Buckets = make([]Bucket, 2000) }},
		{"negative count", "negative", func(s *State) { s.Curves[1].NPend = -1 }},
		{"heat epochs", "columns", func(s *State) { s.Heats[0].Epochs = s.Heats[0].Epochs[:1] }},
		{"vanishing records", "vanishing", func(s *State) { s.Through = nil }},
		{"gate layers", "gate histograms", func(s *State) { s.GateNorms = s.GateNorms[:1] }},
		{"bins", "bins", func(s *State) { s.LayerNorms[0].Cols[0] = s.LayerNorms[0].Cols[0][:3] }},
		{"warnings", "warnings", func(s *State) { s.Warnings = make([]string, 51) }},
	} {
		st := h.State()
		c.spoil(&st)
		if _, err := FromState(st); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: FromState = %v; want an error about %q", c.name, err, c.want)
		}
	}
}
