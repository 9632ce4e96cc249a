package lstm

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkTrainStep times one full training step (forward, BPTT
// backward, clip to global norm 1, Adam) at the sizes of issue 3, input 1,
// output 12, in each Config.Precision (sub-benchmarks config/precision).
// `make bench-torch` (scripts/benchcmp) runs it beside PyTorch 1.13 on the
// same configurations; the README has the measured ratios. The fifth is
// the global model's step (forecast/global's defaults for monthly series:
// 256 windows of 24 months, 32 units).
func BenchmarkTrainStep(b *testing.B) {
	for _, bc := range []struct {
		name       string
		B, T, H, L int
	}{
		{"B=32,T=48,H=64,L=2", 32, 48, 64, 2},
		{"B=32,T=48,H=32,L=1", 32, 48, 32, 1},
		{"B=64,T=96,H=128,L=2", 64, 96, 128, 2},
		{"B=32,T=192,H=256,L=1", 32, 192, 256, 1},
		{"B=256,T=24,H=32,L=1", 256, 24, 32, 1},
	} {
		for _, prec := range []string{PrecisionFloat64, PrecisionFloat32} {
			b.Run(bc.name+"/"+prec, func(b *testing.B) {
				cfg := DefaultConfig(1, bc.H, 12)
				cfg.Layers, cfg.Precision = bc.L, prec
				m, err := New(cfg)
				if err != nil {
					b.Fatal(err)
				}
				tr, err := NewTrainer(m, bc.B, bc.T, OptimConfig{Kind: "adam", LR: 1e-3}, ClipConfig{Mode: "norm", Max: 1})
				if err != nil {
					b.Fatal(err)
				}
				rng := rand.New(rand.NewPCG(1, 1))
				x, y := randSlice(rng, bc.B*bc.T, 1), randSlice(rng, bc.B*12, 1)
				tr.Step(x, y, bc.B)
				b.ResetTimer()
				cpu := processCPU()
				for b.Loop() {
					if _, err := tr.Step(x, y, bc.B); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
				// CPU time of the process (all threads) per step: on a shared,
				// busy machine a steadier measure of the work than wall time.
				if d := processCPU() - cpu; d > 0 {
					b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), "cpu-ms/op")
				}
			})
		}
	}
}

// BenchmarkPredict times inference on a batch of 32 windows of 48 steps.
func BenchmarkPredict(b *testing.B) {
	cfg := DefaultConfig(1, 64, 12)
	cfg.Layers = 2
	m, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	x := randSlice(rng, 32*48, 1)
	dst := make([]float64, 32*12)
	for b.Loop() {
		m.Predict(dst, x, 32, 48)
	}
}
