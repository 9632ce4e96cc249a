package forecast

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// normObserver keeps the per-layer and per-gate norms of every step.
type normObserver struct {
	layers [][]float64
	gates  [][][4]float64
	heads  []float64
	global []float64
}

func (o *normObserver) Step(e fit.StepEvent) {
	o.layers = append(o.layers, e.LayerNorms)
	o.gates = append(o.gates, e.GateNorms)
	o.heads = append(o.heads, e.HeadNorm)
	o.global = append(o.global, e.GradNorm)
}
func (o *normObserver) Epoch(fit.EpochEvent) {}

// TestStepNormsOnlyObserve: the steps report every layer's and gate's
// gradient norm, whose squares add up to the global norm with the head's,
// and observing them changes nothing: the run with an observer forecasts
// bit for bit as the run without.
func TestStepNormsOnlyObserve(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs, set.Layers = 6, 2
	obs := &normObserver{}
	with, err := Train(context.Background(), s, set, obs)
	if err != nil {
		t.Fatal(err)
	}
	without, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(with.Forecast.Mean, without.Forecast.Mean) || !slices.Equal(with.Holdout.Pred[MethodLSTM], without.Holdout.Pred[MethodLSTM]) {
		t.Errorf("observing changed the forecast: %v vs %v", with.Forecast.Mean, without.Forecast.Mean)
	}
	if len(obs.layers) == 0 {
		t.Fatal("no steps observed")
	}
	for i, ln := range obs.layers {
		if len(ln) != 2 || len(obs.gates[i]) != 2 {
			t.Fatalf("step %d: %d layer norms, %d gate rows; want 2", i, len(ln), len(obs.gates[i]))
		}
		sq := obs.heads[i] * obs.heads[i]
		for l := range ln {
			sq += ln[l] * ln[l]
			var gs float64
			for _, g := range obs.gates[i][l] {
				gs += g * g
			}
			if gs > ln[l]*ln[l]*(1+1e-12) || gs == 0 {
				t.Errorf("step %d layer %d: gate norms² %g above the layer's %g", i, l, gs, ln[l]*ln[l])
			}
		}
		if g := obs.global[i]; math.Abs(math.Sqrt(sq)-g) > 1e-12*g {
			t.Errorf("step %d: layers and head give norm %g; the step's is %g", i, math.Sqrt(sq), g)
		}
	}
	// Events hold copies: the first step's norms were not overwritten.
	if slices.Equal(obs.layers[0], obs.layers[len(obs.layers)-1]) {
		t.Error("the first and last steps report the same layer norms: the slices are shared")
	}
}
