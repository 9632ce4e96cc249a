package fit

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/lstm"
)

// sineWindows is a Windows of a noisy sine z with a covariate: window i
// (training) or N+i (validation) has the inputs z and the covariate at the
// W steps before its origin and the targets z at the O steps from it.
type sineWindows struct {
	z, c    []float64
	W, O, N int
}

func newSineWindows(n, W, O, N int) *sineWindows {
	rng := rand.New(rand.NewPCG(1, 1))
	s := &sineWindows{z: make([]float64, n), c: make([]float64, n), W: W, O: O, N: N}
	for i := range n {
		s.c[i] = float64(i % 7 / 5)
		s.z[i] = math.Sin(2*math.Pi*float64(i)/24) + 0.3*s.c[i] + 0.1*rng.NormFloat64()
	}
	return s
}

func (s *sineWindows) Row(x, y []float64, i int, val bool) {
	t := s.W + i
	if val {
		t += s.N
	}
	for k := range s.W {
		x[2*k], x[2*k+1] = s.z[t-s.W+k], s.c[t-s.W+k]
	}
	copy(y, s.z[t:t+s.O])
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// A Dataset that builds its windows on demand trains exactly as the same
// windows stored: every batch, the validation loss under each loss (593
// validation windows: two full chunks of evalChunk and a partial one), the
// weights and the history, to the bit.
func TestValLossOnDemand(t *testing.T) {
	const W, O, N, VN = 24, 12, 2000, 593
	src := newSineWindows(W+N+VN+O, W, O, N)
	demand := &Dataset{W: W, I: 2, O: O, N: N, VN: VN, Src: src}
	stored := *demand
	stored.Store()
	if stored.Src != nil || len(stored.X) != N*W*2 || len(stored.VY) != VN*O {
		t.Fatalf("Store: src %v, %d and %d floats", stored.Src, len(stored.X), len(stored.VY))
	}
	set := quick(O)
	set.Epochs = 3
	b1, b2 := newBatcher(&stored, set.Batch, 7, 1), newBatcher(demand, set.Batch, 7, 1)
	for step := range 3*N/set.Batch + 5 {
		x1, y1, n1 := b1.next()
		x2, y2, n2 := b2.next()
		if n1 != n2 || !sameBits(x1, x2) || !sameBits(y1, y2) {
			t.Fatalf("batch %d differs", step)
		}
	}
	for _, loss := range []config.Loss{config.LossHuber, config.LossMSE, config.LossMAE} {
		set := set
		set.Loss = loss
		net, err := lstm.New(NetConfig(set, 2, O, 3))
		if err != nil {
			t.Fatal(err)
		}
		if a, b := stored.valLoss(net), demand.valLoss(net); math.Float64bits(a) != math.Float64bits(b) {
			t.Errorf("%v loss: validation loss %v on demand; %v stored", loss, b, a)
		}
	}
	f1, err1 := trainNet(context.Background(), &stored, set, 5, 0, nil, time.Now())
	f2, err2 := trainNet(context.Background(), demand, set, 5, 0, nil, time.Now())
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !sameBits(f1.Net.Weights(), f2.Net.Weights()) || len(f1.History) != len(f2.History) {
		t.Fatal("training on demand gave other weights")
	}
	for e := range f1.History {
		h1, h2 := f1.History[e], f2.History[e]
		if math.Float64bits(h1.TrainLoss) != math.Float64bits(h2.TrainLoss) || math.Float64bits(h1.ValLoss) != math.Float64bits(h2.ValLoss) {
			t.Fatalf("epoch %d losses %v/%v on demand; %v/%v stored", e+1, h2.TrainLoss, h2.ValLoss, h1.TrainLoss, h1.ValLoss)
		}
	}
}

// Check refuses a window that is not finite, stored or on demand.
func TestCheckOnDemand(t *testing.T) {
	const W, O, N, VN = 6, 2, 50, 20
	src := newSineWindows(W+N+VN+O, W, O, N)
	demand := &Dataset{W: W, I: 2, O: O, N: N, VN: VN, Src: src}
	if err := demand.Check(); err != nil {
		t.Fatal(err)
	}
	src.z[len(src.z)-3] = math.Inf(1) // a validation target
	stored := *demand
	stored.Store()
	if e1, e2 := stored.Check(), demand.Check(); e1 == nil || e2 == nil || e1.Error() != e2.Error() {
		t.Errorf("Check: stored %v, on demand %v; want the same error", e1, e2)
	}
}
