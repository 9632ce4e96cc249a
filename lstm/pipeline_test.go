package lstm

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPipelinedBackwardSameBits: the float32 Backward that flushes each
// chunk's weight gradients in the background while it computes the next
// chunk's (pipelined) gives the same bits as the one that does them in
// turn: the weight gradients, the gradient norms by time, over many
// chunks, two and three layers, one and three input features, with and
// without dropout. Run under -race it also checks the two goroutines
// share nothing they both write.
func TestPipelinedBackwardSameBits(t *testing.T) {
	defer func(s, c int, p bool) { splitCells, chunkRows, pipelineBackward = s, c, p }(splitCells, chunkRows, pipelineBackward)
	splitCells, chunkRows = 1, 8 // split every batch; chunks of two steps at B = 4
	for _, tc := range []struct {
		I, H, L int
		dropout float64
	}{{1, 8, 2, 0}, {3, 5, 3, 0}, {1, 6, 2, 0.3}} {
		t.Run(fmt.Sprintf("I=%d,H=%d,L=%d,dropout=%g", tc.I, tc.H, tc.L, tc.dropout), func(t *testing.T) {
			grads := func(pipe bool) ([]float64, []float64) {
				pipelineBackward = pipe
				cfg := DefaultConfig(tc.I, tc.H, 3)
				cfg.Layers, cfg.Dropout, cfg.Precision = tc.L, tc.dropout, PrecisionFloat32
				m, err := New(cfg)
				if err != nil {
					t.Fatal(err)
				}
				const B, T = 4, 11
				rng := rand.New(rand.NewPCG(3, 4))
				x, y := randSlice(rng, B*T*tc.I, 1), randSlice(rng, B*3, 1)
				w := NewWorkspace(m, B, T)
				w.SeedDropout(5)
				m.ZeroGrad()
				w.Forward(x, nil, nil, B, T, true)
				if w.pipelined(nil) != pipe {
					t.Fatalf("pipelined = %v; want %v (GOMAXPROCS > 1 is needed)", !pipe, pipe)
				}
				dy := make([]float64, B*3)
				dataLoss(cfg.Loss, 0, dy, w.Head(), y)
				w.Backward(nil, nil, nil, dy, nil, nil, nil)
				h, _ := w.GradByTime(0)
				return slices.Clone(m.Grads()), slices.Clone(h)
			}
			g0, h0 := grads(false)
			g1, h1 := grads(true)
			if !slices.Equal(g0, g1) || !slices.Equal(h0, h1) {
				t.Errorf("pipelined gradients differ from the sequential ones")
			}
			if slices.Max(g0) == 0 && slices.Min(g0) == 0 {
				t.Error("all gradients are zero")
			}
		})
	}
}
