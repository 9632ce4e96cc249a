package fit

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/lstm"
)

// quick returns settings small enough for tests to train in about a second.
func quick(h int) config.Settings {
	s := config.DefaultSettings()
	s.Horizon = h
	s.Epochs = 60
	s.Hidden = 16
	return s
}

// TestTrainDiverges: when the loss becomes non-finite (here: targets so
// large that their squares overflow), the steps are skipped, training stops
// with a diagnosis that says what to change, and nothing non-finite reaches
// the kept weights.
func TestTrainDiverges(t *testing.T) {
	const n, W = 40, 6
	d := &Dataset{W: W, I: 1, O: 2, N: n, X: make([]float64, n*W), Y: make([]float64, n*2)}
	for i := range d.X {
		d.X[i] = math.Sin(float64(i))
	}
	for i := range d.Y {
		d.Y[i] = 1e160
	}
	set := quick(2)
	set.Clip = config.ClipNone
	set.Loss = config.LossMSE // squares of 1e160 overflow; Huber's linear tail would not
	_, err := trainNet(context.Background(), d, set, 1, 0, nil, time.Now())
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "enable clipping") {
		t.Fatalf("err %v; want ErrDiverged with a diagnosis suggesting clipping", err)
	}
	if !Diverged(nil, config.StopNone, err) {
		t.Error("Diverged(nil, StopNone, err) = false for a run that diverged in its first epoch")
	}

	// Diverging after a good epoch keeps that epoch's weights.
	for i := range d.Y {
		d.Y[i] = 0.5
	}
	obs := &divergeLater{d: d, after: 2 * ((n + set.Batch - 1) / set.Batch)}
	f, err := trainNet(context.Background(), d, set, 1, 0, obs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if f.Stop != config.StopDiverged || f.BestEpoch < 1 {
		t.Fatalf("stop %q best epoch %d; want diverged after a good epoch", f.Stop, f.BestEpoch)
	}
	for _, w := range f.Net.Weights() {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			t.Fatal("kept weights are not finite")
		}
	}
	if !strings.Contains(f.Diagnosis, "last good weights") {
		t.Errorf("diagnosis %q", f.Diagnosis)
	}
	if !Diverged(f.History, f.Stop, nil) {
		t.Error("Diverged = false for a run that stopped as diverged")
	}
}

// TestDivergedRise: the experiments' reading of a run that went on after
// its training loss rose DivergeRise-fold.
func TestDivergedRise(t *testing.T) {
	h := func(losses ...float64) []EpochEvent {
		var hist []EpochEvent
		for _, l := range losses {
			hist = append(hist, EpochEvent{TrainLoss: l})
		}
		return hist
	}
	for _, c := range []struct {
		r    []EpochEvent
		want bool
	}{
		{h(1, 0.5, 0.4), false},
		{h(1, 0.1, 0.9), false}, // 9× its lowest
		{h(1, 0.1, 1.01), true}, // above 10×
		{h(1, 0.1, math.Inf(1)), true},
		{nil, false},
	} {
		if got := Diverged(c.r, config.StopCompleted, nil); got != c.want {
			t.Errorf("Diverged(%v) = %v; want %v", c.r, got, c.want)
		}
	}
}

// divergeLater poisons the targets after a number of steps.
type divergeLater struct {
	d     *Dataset
	after int
	steps int
}

func (o *divergeLater) Step(StepEvent) {
	o.steps++
	if o.steps == o.after {
		for i := range o.d.Y {
			o.d.Y[i] = 1e160
		}
	}
}
func (o *divergeLater) Epoch(EpochEvent) {}

// TestNetConfigPrecision: the precision setting reaches the network, and
// float64 stays lstm's default (an empty name), so float64 model files
// read and write as before the setting existed.
func TestNetConfigPrecision(t *testing.T) {
	set := config.DefaultSettings()
	if got := NetConfig(set, 1, 12, 1).Precision; got != "" {
		t.Errorf("float64: lstm precision %q; want \"\"", got)
	}
	set.Precision = config.PrecisionFloat32
	cfg := NetConfig(set, 1, 12, 1)
	if cfg.Precision != lstm.PrecisionFloat32 {
		t.Errorf("float32: lstm precision %q; want %q", cfg.Precision, lstm.PrecisionFloat32)
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("float32 network: %v", err)
	}
}

// TestTrainFloat32: a run with precision float32 trains a float32 network
// and reaches the float64 run's validation loss: 20 epochs on a noisy
// sine, the losses of every epoch within 1e-4 relative of each other
// (lstm's bound for one step against PyTorch in float32, TestTorch32Parity;
// observed here 2e-7, the float32 rounding of the products not growing
// over the run's 60 steps), and not bit for bit the same run.
func TestTrainFloat32(t *testing.T) {
	const n, W = 120, 12
	d := &Dataset{W: W, I: 1, O: 3, N: n, X: make([]float64, n*W), Y: make([]float64, n*3)}
	for i := range n {
		for j := range W {
			d.X[i*W+j] = math.Sin(float64(i+j)*0.3) + 0.1*math.Cos(float64(7*i+j))
		}
		for j := range 3 {
			d.Y[i*3+j] = math.Sin(float64(i+W+j) * 0.3)
		}
	}
	run := func(p config.Precision) *Fitted {
		set := quick(3)
		set.Epochs, set.Patience, set.Precision = 20, 0, p
		f, err := trainNet(context.Background(), d, set, 1, 0, nil, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	f64, f32 := run(config.PrecisionFloat64), run(config.PrecisionFloat32)
	if got := f32.Net.Config().Precision; got != lstm.PrecisionFloat32 {
		t.Fatalf("float32 run trained a %q network", got)
	}
	if len(f32.History) != len(f64.History) {
		t.Fatalf("%d epochs in float32, %d in float64", len(f32.History), len(f64.History))
	}
	same, worst := true, 0.0
	for i, e := range f32.History {
		v64 := f64.History[i].ValLoss
		worst = max(worst, math.Abs(e.ValLoss-v64)/v64)
		if math.Abs(e.ValLoss-v64) > 1e-4*v64 {
			t.Errorf("epoch %d: validation loss %.6g in float32, %.6g in float64", i+1, e.ValLoss, v64)
		}
		same = same && e.ValLoss == v64
	}
	t.Logf("validation losses: largest relative difference %.2g over %d epochs", worst, len(f32.History))
	if first, last := f32.History[0].ValLoss, f32.History[len(f32.History)-1].ValLoss; !(last < first/2) {
		t.Errorf("float32 validation loss %.4g → %.4g; want it at least halved", first, last)
	}
	if same {
		t.Error("float32 and float64 runs have identical losses: the precision did not reach the network")
	}
}
