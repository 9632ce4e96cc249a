package monitor

import (
	"math"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
)

func TestCurveBounded(t *testing.T) {
	var c Curve
	c.Cap = 256
	n := 1_000_000
	for i := 0; i < n; i++ {
		y := math.Sin(float64(i) / 1000)
		if i == 777_777 {
			y = 1e6
		}
		if i == 3 {
			y = math.NaN()
		}
		c.Add(float64(i), y)
	}
	b := c.Buckets()
	if len(b) > 257 || len(b) < 64 {
		t.Errorf("%d buckets; want 64..257", len(b))
	}
	peak, cnt := 0.0, 0
	for i, k := range b {
		peak = math.Max(peak, k.Max)
		cnt += k.N
		if i > 0 && k.X0 <= b[i-1].X1 {
			t.Fatalf("buckets overlap at %d", i)
		}
	}
	if peak != 1e6 {
		t.Errorf("spike lost: max %g", peak)
	}
	if cnt != n-1 || c.Len() != n {
		t.Errorf("counted %d finite of %d; want %d of %d", cnt, c.Len(), n-1, n)
	}
}

func TestHistoryBounded(t *testing.T) {
	h := NewHistory()
	o := h
	for e := 1; e <= 10000; e++ {
		for s := 1; s <= 20; s++ {
			o.Step(fit.StepEvent{Epoch: e, Step: s, Loss: 1, GradNorm: 1, ClippedNorm: 1})
		}
		o.Epoch(fit.EpochEvent{Epoch: e, TrainLoss: 1, ValLoss: 1, HGradByTime: [][]float64{make([]float64, 48)}})
	}
	if n := len(h.GradNorm.Buckets()); n > 2048 {
		t.Errorf("grad-norm curve %d buckets", n)
	}
	if n := len(h.TrainLoss.Buckets()); n > 1024 {
		t.Errorf("loss curve %d buckets", n)
	}
	heat := h.Heat(0)
	if n := len(heat.Cols); n > 240 || n < 100 {
		t.Errorf("heat map %d columns; want 100..240", n)
	}
	if heat.Epochs[len(heat.Epochs)-1] != 10000 {
		t.Errorf("last heat column is epoch %g; want 10000", heat.Epochs[len(heat.Epochs)-1])
	}
}

// TestHistoryLayers: a three-layer run of 5,000 epochs keeps a heat map per
// layer within one shared bound of columns, per-layer and per-gate norm
// histograms within their bound that count every step in the bin of its
// norm, and the share of clipped steps per epoch.
func TestHistoryLayers(t *testing.T) {
	h := NewHistory()
	const epochs, steps, layers, window = 5000, 10, 3, 32
	for e := 1; e <= epochs; e++ {
		for s := 1; s <= steps; s++ {
			ln := []float64{1e-3, 0.5, 20}
			gn := [][4]float64{{1e-4, 2e-4, 3e-4, 4e-4}, {0.1, 0.2, 0.3, 0.4}, {5, 6, 7, 8}}
			h.Step(fit.StepEvent{Epoch: e, Step: s, Loss: 1, GradNorm: 1, ClippedNorm: 1, Clipped: s <= 3, LayerNorms: ln, GateNorms: gn})
		}
		prof := make([][]float64, layers)
		for l := range prof {
			prof[l] = make([]float64, window)
			for i := range prof[l] {
				prof[l][i] = math.Pow(10, float64(l/2)*float64(i-window+1)/8) // layers 1, 2 flat, layer 3 vanishing
			}
		}
		h.Epoch(fit.EpochEvent{Epoch: e, Steps: e * steps, Clipped: 3, TrainLoss: 1, ValLoss: 1, HGradByTime: prof})
	}
	if h.Layers() != layers {
		t.Fatalf("%d layers; want %d", h.Layers(), layers)
	}
	cols := 0
	for l := range layers {
		g := h.Heat(l)
		cols += len(g.Cols)
		if len(g.Cols) == 0 || len(g.Cols[0]) != window || g.Epochs[len(g.Epochs)-1] != epochs {
			t.Errorf("layer %d heat map: %d columns of %d rows, last epoch %v", l, len(g.Cols), len(g.Cols[0]), g.Epochs[len(g.Epochs)-1])
		}
	}
	if cols > HeatColumns {
		t.Errorf("heat maps hold %d columns in all; want at most %d", cols, HeatColumns)
	}
	for l := range layers {
		nh := &h.LayerNorms[l]
		if len(nh.Cols) > 120 || len(nh.Cols) < 60 || nh.Steps() != epochs*steps {
			t.Errorf("layer %d norm histogram: %d columns, %d steps; want 60..120 columns and %d steps", l, len(nh.Cols), nh.Steps(), epochs*steps)
		}
		want := NormBin([]float64{1e-3, 0.5, 20}[l])
		if nh.Cols[0][want] == 0 {
			t.Errorf("layer %d: the first column has nothing in bin %d (norm %g)", l, want, []float64{1e-3, 0.5, 20}[l])
		}
		for g := range 4 {
			if s := h.GateNorms[l][g].Steps(); s != epochs*steps {
				t.Errorf("layer %d gate %d: %d steps binned; want %d", l, g, s, epochs*steps)
			}
		}
	}
	if b := h.ClipRate.Buckets(); len(b) == 0 || b[len(b)-1].Last != 0.3 {
		t.Errorf("clip rate %v; want 0.3 per epoch", b)
	}
	if r := h.Through[2]; r.VanishEpochs != epochs || r.VanishFirst != 1 {
		t.Errorf("layer 3 vanishing record %+v; want every epoch", r)
	}
	f := Diagnose(h, nil, config.DefaultSettings())
	var got []int
	for _, x := range f {
		if x.Title == "Vanishing gradient" {
			got = append(got, x.Layer)
		}
	}
	if len(got) != 1 || got[0] != 3 {
		t.Errorf("vanishing findings for layers %v; want [3]: %+v", got, f)
	}
	// A copy is independent of the history that goes on.
	c := h.Copy()
	h.Step(fit.StepEvent{LayerNorms: []float64{1, 1, 1}, GateNorms: make([][4]float64, 3)})
	h.Epoch(fit.EpochEvent{Epoch: epochs + 1, HGradByTime: [][]float64{make([]float64, window), make([]float64, window), make([]float64, window)}})
	if c.LayerNorms[0].Steps() != epochs*steps || c.Heat(0).Epochs[len(c.Heat(0).Epochs)-1] != epochs {
		t.Error("the copy changed with the history")
	}
}

func TestNormBin(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want int
	}{{0, 0}, {1e-12, 0}, {1e-8, 0}, {1, 32}, {1.7, 32}, {1.8, 33}, {9.9e3, NormBins - 1}, {1e9, NormBins - 1}} {
		if got := NormBin(c.v); got != c.want {
			t.Errorf("NormBin(%g) = %d; want %d", c.v, got, c.want)
		}
		if c.v >= 1e-8 && c.v < 1e4 {
			lo, hi := NormBinEdges(c.want)
			if l := math.Log10(c.v); l < lo-1e-12 || l >= hi+1e-12 {
				t.Errorf("%g (log %g) outside bin %d's edges [%g, %g)", c.v, l, c.want, lo, hi)
			}
		}
	}
}

func TestDiagnose(t *testing.T) {
	// a run whose gradient reaching the oldest step is 1e-5 of the newest
	h := NewHistory()
	prof := make([]float64, 24)
	for t := range prof {
		prof[t] = math.Pow(10, -5+5*float64(t)/23)
	}
	h.Step(fit.StepEvent{Epoch: 1, Step: 1, Loss: 1, GradNorm: 0.5, ClippedNorm: 0.5})
	h.Epoch(fit.EpochEvent{Epoch: 1, TrainLoss: 1, ValLoss: 1, HGradByTime: [][]float64{prof}})
	f := Diagnose(h, &forecast.Result{StopReason: config.StopCompleted, BestEpoch: 1}, config.DefaultSettings())
	var vanishing bool
	for _, x := range f {
		if x.Title == "Vanishing gradient" && x.Level == Warn {
			vanishing = true
		}
	}
	if !vanishing {
		t.Errorf("Diagnose did not flag the fake 1e-5 profile as vanishing: %+v", f)
	}
	if f[0].Layer != 1 || !strings.Contains(f[0].Detail, "Layer 1") || !strings.Contains(f[0].Detail, "epoch 1") {
		t.Errorf("the vanishing finding does not say where it was seen: %+v", f[0])
	}
	div := &forecast.Result{StopReason: config.StopDiverged, Diagnosis: "gradient norm rose 10⁴× in 3 steps: enable clipping", BestEpoch: 4}
	f = Diagnose(NewHistory(), div, config.DefaultSettings())
	if len(f) == 0 || f[0].Level != Bad || !strings.Contains(f[0].Detail, "enable clipping") {
		t.Errorf("diverged run: %+v", f)
	}
}

func TestFraction1(t *testing.T) {
	for _, c := range []struct {
		r    float64
		want string
	}{{1e-3, "1/1,000"}, {1.0 / 1234, "1/1,200"}, {3e-5, "1/33,000"}, {1e-12, "1e-12"}, {0.04, "1/25"}} {
		if got := fraction1(c.r); got != c.want {
			t.Errorf("fraction1(%g) = %q; want %q", c.r, got, c.want)
		}
	}
}

// TestBestEpochIsTheKeptOne: the history's best epoch is the one the
// training loop kept (Best, first network), not a later epoch whose loss
// is lower by less than the loop's tolerance, nor another ensemble
// member's (the Training tab showed "best (epoch 50)" beside "weights of
// epoch 41 restored").
func TestBestEpochIsTheKeptOne(t *testing.T) {
	h := NewHistory()
	h.Step(fit.StepEvent{Epoch: 1, Step: 1, Loss: 1, GradNorm: 1, ClippedNorm: 1})
	h.Epoch(fit.EpochEvent{Epoch: 41, TrainLoss: 1, ValLoss: 0.1402, Best: true})
	h.Epoch(fit.EpochEvent{Epoch: 50, TrainLoss: 1, ValLoss: 0.14019999}) // within the tolerance: not kept
	h.Epoch(fit.EpochEvent{Member: 1, Epoch: 3, TrainLoss: 1, ValLoss: 0.01, Best: true})
	if h.BestEpoch != 41 || h.BestVal != 0.1402 {
		t.Errorf("best epoch %d (%v); want 41 (0.1402), the one kept", h.BestEpoch, h.BestVal)
	}
}

// TestGapIsNotHealthy: a run with finite, well-behaved gradients whose
// validation loss sits flat at twice its training loss is not called
// healthy (issue 16 saw a green "Healthy" beside such curves); one whose
// validation loss rose well above its best is called overfitting; a run
// with the validation loss near the training loss stays healthy.
func TestGapIsNotHealthy(t *testing.T) {
	run := func(train, val func(e int) float64) []Finding {
		h := NewHistory()
		best := math.Inf(1)
		for e := 1; e <= 20; e++ {
			h.Step(fit.StepEvent{Epoch: e, Step: 1, Loss: train(e), GradNorm: 0.5, ClippedNorm: 0.5})
			v := val(e)
			h.Epoch(fit.EpochEvent{Epoch: e, TrainLoss: train(e), ValLoss: v, Best: v < best})
			best = math.Min(best, v)
		}
		set := config.DefaultSettings()
		set.Clip = config.ClipNone
		return Diagnose(h, &forecast.Result{StopReason: config.StopCompleted, BestEpoch: 1}, set)
	}
	falling := func(e int) float64 { return 0.1 + 0.4/float64(e) }
	titles := func(fs []Finding) string {
		var s []string
		for _, f := range fs {
			s = append(s, f.Title)
		}
		return strings.Join(s, ", ")
	}
	// Flat at 2.4× the final training loss of 0.12: 0.29 throughout.
	f := run(falling, func(int) float64 { return 0.29 })
	if has(f, "Healthy") || !has(f, "Validation far above training") || f[0].Level != Warn {
		t.Errorf("flat validation at 2.4× training: %s; want a warning, not Healthy", titles(f))
	} else if !strings.Contains(f[0].Detail, "2.4×") {
		t.Errorf("the finding does not give the ratio: %s", f[0].Detail)
	}
	// Best 0.15 at epoch 5, then rising to 0.35 (2.9× the training loss).
	f = run(falling, func(e int) float64 { return 0.15 + 0.2*math.Max(0, float64(e-5))/15 })
	if has(f, "Healthy") || !has(f, "Overfitting") {
		t.Errorf("rising validation: %s; want Overfitting", titles(f))
	}
	// Still improving in the latest epochs, though at 2.5× the training
	// loss: too soon to warn.
	f = run(falling, func(e int) float64 { return 2.5 * falling(e) })
	if has(f, "Validation far above training") || has(f, "Overfitting") {
		t.Errorf("validation still improving: %s; want no gap finding yet", titles(f))
	}
	// Validation 1.3× training: healthy.
	f = run(falling, func(e int) float64 { return 1.3 * falling(e) })
	if !has(f, "Healthy") {
		t.Errorf("validation near training: %s; want Healthy", titles(f))
	}
}
