package lstm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// lossAt runs a full forward pass and returns data loss + penalty.
func lossAt(m *Model, w *Workspace, x, y []float64, B, T int) float64 {
	w.Forward(x, nil, nil, B, T, false)
	return dataLoss(m.cfg.Loss, m.cfg.HuberDelta, nil, w.Head(), y) + m.Penalty()
}

func randSlice(rng *rand.Rand, n int, scale float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = (2*rng.Float64() - 1) * scale
	}
	return s
}

// TestGradientFD compares the analytic gradient of every parameter with a
// central finite difference (gonum diff/fd). Reference: fd.Central with
// step 1e-5 has truncation error O(h²·f⁽³⁾) ≈ 1e-10 here and rounding error
// O(ε/h) ≈ 1e-11, far below the 1e-6 relative tolerance.
func TestGradientFD(t *testing.T) {
	tests := []struct {
		I, H, L, O, B, T int
		ln               bool
		l1, l2           float64
		loss             Loss
		init             Init
	}{
		{I: 1, H: 3, L: 1, O: 2, B: 2, T: 4, loss: LossMSE, init: InitPyTorch},
		{I: 3, H: 4, L: 2, O: 3, B: 3, T: 5, loss: LossMSE, init: InitXavierUniform},
		{I: 2, H: 3, L: 3, O: 1, B: 2, T: 3, loss: LossMSE, init: InitOrthogonal},
		{I: 2, H: 3, L: 1, O: 2, B: 2, T: 4, loss: LossHuber, init: InitHeNormal},
		{I: 1, H: 4, L: 1, O: 2, B: 3, T: 4, ln: true, loss: LossMSE, init: InitPyTorch},
		{I: 3, H: 3, L: 2, O: 2, B: 2, T: 3, ln: true, l1: 0.01, l2: 0.1, loss: LossMSE, init: InitXavierNormal},
		{I: 2, H: 2, L: 3, O: 3, B: 2, T: 3, ln: true, loss: LossHuber, init: InitHeUniform},
		{I: 2, H: 5, L: 2, O: 2, B: 2, T: 6, l1: 0.02, l2: 0.05, loss: LossMSE, init: InitPyTorch},
		{I: 1, H: 3, L: 1, O: 2, B: 2, T: 3, l1: 0.01, loss: LossMAE, init: InitPyTorch},
		// sizes whose rows go through the vector loops (vec.go), with tails
		{I: 1, H: 9, L: 2, O: 2, B: 3, T: 4, loss: LossMSE, init: InitXavierUniform},
		{I: 2, H: 8, L: 1, O: 2, B: 2, T: 3, ln: true, loss: LossHuber, init: InitPyTorch},
	}
	defer func(s, c int) { splitCells, chunkRows = s, c }(splitCells, chunkRows)
	for i, tc := range tests {
		// odd cases split every step in two halves of rows; every third
		// case adds weight gradients step by step (chunks of one step)
		splitCells, chunkRows = 1<<30, 512
		if i%2 == 1 {
			splitCells = 1
		}
		if i%3 == 0 {
			chunkRows = 1
		}
		name := fmt.Sprintf("I=%d,H=%d,L=%d,LN=%v,l1=%v,l2=%v,%s,split=%v,chunk=%d", tc.I, tc.H, tc.L, tc.ln, tc.l1, tc.l2, tc.loss, i%2 == 1, chunkRows)
		t.Run(name, func(t *testing.T) {
			cfg := DefaultConfig(tc.I, tc.H, tc.O)
			cfg.Layers, cfg.LayerNorm, cfg.L1, cfg.L2, cfg.Loss = tc.L, tc.ln, tc.l1, tc.l2, tc.loss
			cfg.InputInit, cfg.RecurrentInit = tc.init, InitOrthogonal
			cfg.HuberDelta = 0.3
			cfg.Dropout = 0.5 // must have no effect on an evaluation pass
			cfg.Seed = 7
			m, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(3, 4))
			// make layer-norm parameters and biases non-trivial
			for _, p := range m.Params() {
				if !p.Penalized {
					for j := range p.W {
						p.W[j] += 0.3 * (2*rng.Float64() - 1)
					}
				}
			}
			x := randSlice(rng, tc.B*tc.T*tc.I, 1.5)
			y := randSlice(rng, tc.B*tc.O, 1)
			w := NewWorkspace(m, tc.B, tc.T)

			m.ZeroGrad()
			w.Forward(x, nil, nil, tc.B, tc.T, false)
			dy := make([]float64, tc.B*tc.O)
			dataLoss(cfg.Loss, cfg.HuberDelta, dy, w.Head(), y)
			w.Backward(nil, nil, nil, dy, nil, nil, nil)
			m.penalty(true)
			got := append([]float64(nil), m.Grads()...)

			w0 := append([]float64(nil), m.Weights()...)
			num := fd.Gradient(nil, func(p []float64) float64 {
				copy(m.Weights(), p)
				return lossAt(m, w, x, y, tc.B, tc.T)
			}, w0, &fd.Settings{Formula: fd.Central, Step: 1e-5})
			copy(m.Weights(), w0)
			checkGrads(t, m, got, num, 1e-6)
		})
	}
}

// checkGrads compares per parameter: elementwise |a−n| ≤ tol·max(|n|, 1e-3)
// and ‖a−n‖ ≤ tol·‖n‖ for the tensor, and reports the largest difference.
func checkGrads(t *testing.T, m *Model, got, want []float64, tol float64) {
	t.Helper()
	off := 0
	for _, p := range m.Params() {
		n := len(p.W)
		a, b := got[off:off+n], want[off:off+n]
		off += n
		var dd, nn, worst float64
		for j := range a {
			d := math.Abs(a[j] - b[j])
			dd += d * d
			nn += b[j] * b[j]
			if r := d / math.Max(math.Abs(b[j]), 1e-3); r > worst {
				worst = r
			}
		}
		if worst > tol || math.Sqrt(dd) > tol*math.Sqrt(nn) || math.IsNaN(worst) {
			t.Errorf("%s: gradient relative error %.3g (tensor %.3g) > %g", p.Name, worst, math.Sqrt(dd/nn), tol)
		}
	}
}
