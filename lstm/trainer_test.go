package lstm

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// sineBatch returns B windows of a noisy sine: x (B,T,1), y (B,O).
func sineBatch(rng *rand.Rand, B, T, O int) (x, y []float64) {
	x = make([]float64, B*T)
	y = make([]float64, B*O)
	for b := 0; b < B; b++ {
		p := rng.Float64() * 2 * math.Pi
		for t := 0; t < T; t++ {
			x[b*T+t] = math.Sin(p + 0.3*float64(t))
		}
		for o := 0; o < O; o++ {
			y[b*O+o] = math.Sin(p + 0.3*float64(T+o))
		}
	}
	return x, y
}

func trainRun(t *testing.T, cfg Config, steps int) *Model {
	t.Helper()
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTrainer(m, 8, 12, OptimConfig{Kind: "adam", LR: 0.01}, ClipConfig{Mode: "norm", Max: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 5))
	for s := 0; s < steps; s++ {
		x, y := sineBatch(rng, 8, 12, cfg.OutputSize)
		if _, err := tr.Step(x, y, 8); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestReproducible(t *testing.T) {
	// split steps: the helper goroutine may or may not take a half
	defer func(s int) { splitCells = s }(splitCells)
	splitCells = 1
	cfg := DefaultConfig(1, 6, 3)
	cfg.Layers, cfg.Dropout, cfg.LayerNorm, cfg.L1, cfg.L2 = 2, 0.3, true, 1e-4, 1e-3
	cfg.Seed = 42
	a := trainRun(t, cfg, 10)
	b := trainRun(t, cfg, 10)
	for i, w := range a.Weights() {
		if math.Float64bits(w) != math.Float64bits(b.Weights()[i]) {
			t.Fatalf("weight %d differs between runs with the same seed: %v vs %v", i, w, b.Weights()[i])
		}
	}
	cfg.Seed = 43
	c := trainRun(t, cfg, 10)
	same := true
	for i, w := range a.Weights() {
		if w != c.Weights()[i] {
			same = false
		}
	}
	if same {
		t.Error("different seeds gave identical weights")
	}
}

func TestTrainingLearnsSine(t *testing.T) {
	for _, kind := range []string{"sgd", "adam", "adamw", "rmsprop"} {
		cfg := DefaultConfig(1, 8, 2)
		m, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		opt := OptimConfig{Kind: kind, LR: 0.01, Momentum: 0.9}
		if kind == "sgd" {
			opt.LR = 0.1
		}
		tr, err := NewTrainer(m, 16, 10, opt, ClipConfig{Mode: "norm", Max: 1})
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		xv, yv := sineBatch(rng, 64, 10, 2)
		before := m.EvalLoss(xv, yv, 64, 10)
		for s := 0; s < 300; s++ {
			x, y := sineBatch(rng, 16, 10, 2)
			if _, err := tr.Step(x, y, 16); err != nil {
				t.Fatal(err)
			}
		}
		after := m.EvalLoss(xv, yv, 64, 10)
		if !(after < before/5) {
			t.Errorf("%s: validation loss %v → %v; want a fivefold drop", kind, before, after)
		}
	}
}

func TestStepAllocs(t *testing.T) {
	defer func(s int) { splitCells = s }(splitCells)
	for _, c := range []struct {
		ln    bool
		split bool // with the helper goroutine
		prec  string
	}{{false, false, ""}, {true, false, ""}, {false, true, ""}, {true, true, ""},
		{false, false, PrecisionFloat32}, {false, true, PrecisionFloat32}} {
		ln := c.ln
		splitCells = 1 << 30
		if c.split {
			splitCells = 1
		}
		cfg := DefaultConfig(2, 8, 3)
		cfg.Layers, cfg.Dropout, cfg.LayerNorm, cfg.L1, cfg.L2, cfg.Precision = 2, 0.2, ln, 1e-4, 1e-4, c.prec
		m, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		// sizes small enough that gonum's Dgemm stays serial
		tr, err := NewTrainer(m, 4, 6, OptimConfig{Kind: "adam", LR: 1e-3}, ClipConfig{Mode: "norm", Max: 1})
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(1, 1))
		x, y := randSlice(rng, 4*6*2, 1), randSlice(rng, 4*3, 1)
		allocs := testing.AllocsPerRun(20, func() {
			if _, err := tr.Step(x, y, 4); err != nil {
				t.Fatal(err)
			}
			tr.Step(x[:3*6*2], y[:3*3], 3) // a smaller batch too
		})
		if allocs != 0 {
			t.Errorf("LayerNorm=%v precision %q: Step allocates %v times per run; want 0", ln, c.prec, allocs)
		}
		dst := make([]float64, 4*3)
		m.Predict(dst, x, 4, 6)
		if a := testing.AllocsPerRun(10, func() { m.Predict(dst, x, 4, 6) }); a != 0 {
			t.Errorf("Predict allocates %v times; want 0", a)
		}
	}
}

func TestNonFiniteStepSkipped(t *testing.T) {
	m, err := New(DefaultConfig(1, 4, 2))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTrainer(m, 2, 5, OptimConfig{Kind: "adam", LR: 0.1}, ClipConfig{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	x, y := randSlice(rng, 10, 1), randSlice(rng, 4, 1)
	if _, err := tr.Step(x, y, 2); err != nil {
		t.Fatal(err)
	}
	w := append([]float64(nil), m.Weights()...)
	opt := *tr.opt
	m1 := append([]float64(nil), tr.opt.m...)
	for _, bad := range []float64{math.NaN(), math.Inf(1)} {
		y[1] = bad
		st, err := tr.Step(x, y, 2)
		if !errors.Is(err, ErrNonFinite) || !st.Skipped {
			t.Errorf("Step with target %v = %+v, %v; want skipped, ErrNonFinite", bad, st, err)
		}
		x[3] = bad // through the input too
		if _, err := tr.Step(x, y[:4], 2); !errors.Is(err, ErrNonFinite) {
			t.Errorf("Step with input %v: err = %v; want ErrNonFinite", bad, err)
		}
		x[3] = 0.5
	}
	for i := range w {
		if w[i] != m.Weights()[i] {
			t.Fatal("a skipped step changed the weights")
		}
	}
	if tr.opt.step != opt.step || tr.Stats().Step != 1 {
		t.Errorf("a skipped step advanced the optimiser: step %d, want %d", tr.opt.step, opt.step)
	}
	for i := range m1 {
		if m1[i] != tr.opt.m[i] {
			t.Fatal("a skipped step changed the optimiser state")
		}
	}
	y[1] = 0
	if _, err := tr.Step(x, y, 2); err != nil {
		t.Errorf("finite step after skipped ones: %v", err)
	}
}

func TestTelemetry(t *testing.T) {
	cfg := DefaultConfig(1, 5, 2)
	cfg.Layers, cfg.LayerNorm = 2, true
	cfg.Seed = 3
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	const B, T = 3, 7
	tr, err := NewTrainer(m, B, T, OptimConfig{Kind: "sgd", LR: 0.01}, ClipConfig{Mode: "norm", Max: 1e-3})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2, 2))
	x, y := randSlice(rng, B*T, 1), randSlice(rng, B*2, 5)
	st, err := tr.Step(x, y, B)
	if err != nil {
		t.Fatal(err)
	}
	tel := tr.Stats()
	sq := tel.HeadNorm * tel.HeadNorm
	for k := range tel.LayerNorms {
		sq += tel.LayerNorms[k] * tel.LayerNorms[k]
		var gs float64
		for _, g := range tel.GateNorms[k] {
			gs += g * g
		}
		if gs > tel.LayerNorms[k]*tel.LayerNorms[k]*(1+1e-12) || gs == 0 {
			t.Errorf("layer %d: gate norms² %v exceed layer norm² %v", k, gs, tel.LayerNorms[k]*tel.LayerNorms[k])
		}
		if len(tel.HGradByTime[k]) != T || len(tel.CGradByTime[k]) != T {
			t.Fatalf("layer %d: by-time profile lengths %d, %d; want %d", k, len(tel.HGradByTime[k]), len(tel.CGradByTime[k]), T)
		}
		for tt := 0; tt < T; tt++ {
			if !(tel.HGradByTime[k][tt] > 0) || !(tel.CGradByTime[k][tt] > 0) {
				t.Errorf("layer %d t=%d: profile %v, %v; want positive", k, tt, tel.HGradByTime[k][tt], tel.CGradByTime[k][tt])
			}
		}
		s := tel.Saturation[k]
		for _, v := range []float64{s.Input, s.Forget, s.Output} {
			if v < 0 || v > 1 {
				t.Errorf("saturation %v outside [0,1]", v)
			}
		}
	}
	if math.Abs(math.Sqrt(sq)-st.GradNorm) > 1e-12*st.GradNorm {
		t.Errorf("GradNorm %v; want √(Σ layer² + head²) = %v", st.GradNorm, math.Sqrt(sq))
	}
	if !st.Clipped || math.Abs(st.ClippedNorm-1e-3) > 1e-6 {
		t.Errorf("clipped = %v, norm after = %v; want true, ≈1e-3", st.Clipped, st.ClippedNorm)
	}
	if math.Abs(math.Sqrt(sumSq(m.Grads()))-st.ClippedNorm) > 1e-12 {
		t.Errorf("gradient norm after clipping %v; ClippedNorm %v", math.Sqrt(sumSq(m.Grads())), st.ClippedNorm)
	}
	// the top layer gets ∂L/∂h only at the last step from the head, so its
	// profile at T−1 must be the norm of dy·W_head per row
	if tel.HGradByTime[1][T-1] == 0 {
		t.Error("no gradient at the last step")
	}
	// saturation: force forget gates open
	for _, p := range []*Param{m.layers[0].bih} {
		for j := 5; j < 10; j++ {
			p.W[j] = 50
		}
	}
	tr.Step(x, y, B)
	if s := tr.Stats().Saturation[0].Forget; s != 1 {
		t.Errorf("forget saturation with bias 50 = %v; want 1", s)
	}
}

// TestGradientFDDropout checks the gradient with dropout on, the masks
// held fixed by restarting the dropout stream before every pass.
func TestGradientFDDropout(t *testing.T) {
	defer func(s, c int) { splitCells, chunkRows = s, c }(splitCells, chunkRows)
	splitCells, chunkRows = 1, 4
	for _, ln := range []bool{false, true} {
		cfg := DefaultConfig(2, 4, 2)
		cfg.Layers, cfg.Dropout, cfg.LayerNorm = 3, 0.4, ln
		m, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		const B, T = 3, 4
		rng := rand.New(rand.NewPCG(9, 9))
		x, y := randSlice(rng, B*T*2, 1), randSlice(rng, B*2, 1)
		w := NewWorkspace(m, B, T)
		loss := func() float64 {
			w.SeedDropout(11)
			w.Forward(x, nil, nil, B, T, true)
			return dataLoss(cfg.Loss, 0, nil, w.Head(), y)
		}
		m.ZeroGrad()
		loss()
		dy := make([]float64, B*2)
		dataLoss(cfg.Loss, 0, dy, w.Head(), y)
		w.Backward(nil, nil, nil, dy, nil, nil, nil)
		got := append([]float64(nil), m.Grads()...)
		w0 := append([]float64(nil), m.Weights()...)
		// Step 1e-6: with layer norm, dropped inputs leave rows of small
		// variance whose large curvature makes the O(h²) truncation error of
		// a 1e-5 step reach 3e-5 for layer 0 (it shrinks 100× per 10× step).
		num := fd.Gradient(nil, func(p []float64) float64 {
			copy(m.Weights(), p)
			return loss()
		}, w0, &fd.Settings{Formula: fd.Central, Step: 1e-6})
		copy(m.Weights(), w0)
		checkGrads(t, m, got, num, 1e-6)
		var zeros int
		for _, v := range w.layers[1].mask[:B*T*4] {
			if v == 0 {
				zeros++
			}
		}
		if zeros == 0 {
			t.Error("dropout dropped nothing")
		}
	}
}

func TestClone(t *testing.T) {
	m := trainRun(t, DefaultConfig(1, 3, 2), 2)
	c := m.Clone()
	c.Weights()[0] += 1
	if m.Weights()[0] == c.Weights()[0] {
		t.Fatal("Clone shares weights")
	}
	m.CopyFrom(c)
	if m.Weights()[0] != c.Weights()[0] {
		t.Fatal("CopyFrom did not copy")
	}
}

// TestSplitMatchesSerial checks that splitting steps into two halves of
// rows changes nothing but the summation order of the bias gradients.
func TestSplitMatchesSerial(t *testing.T) {
	defer func(s int) { splitCells = s }(splitCells)
	for _, ln := range []bool{false, true} {
		cfg := DefaultConfig(2, 16, 3)
		cfg.Layers, cfg.LayerNorm = 2, ln
		var grads [2][]float64
		var hg [2][]float64
		for i, sc := range []int{1 << 30, 1} {
			splitCells = sc
			m := mustNew(t, cfg)
			const B, T = 9, 7
			rng := rand.New(rand.NewPCG(4, 4))
			x, y := randSlice(rng, B*T*2, 1), randSlice(rng, B*3, 1)
			tr, err := NewTrainer(m, B, T, OptimConfig{Kind: "sgd", LR: 0.1}, ClipConfig{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tr.Step(x, y, B); err != nil {
				t.Fatal(err)
			}
			grads[i] = append([]float64(nil), m.Grads()...)
			hg[i] = append([]float64(nil), tr.Stats().HGradByTime[0]...)
		}
		if r, at := maxRel(grads[1], grads[0]); r > 1e-12 {
			t.Errorf("LayerNorm=%v: split gradient differs by %v at %d", ln, r, at)
		}
		if r, _ := maxRel(hg[1], hg[0]); r > 1e-12 {
			t.Errorf("LayerNorm=%v: split profile differs by %v", ln, r)
		}
	}
}

func TestPenaltyReportedApart(t *testing.T) {
	cfg := DefaultConfig(2, 3, 2)
	cfg.L1, cfg.L2 = 0.01, 0.1
	m := mustNew(t, cfg)
	var want float64
	for _, p := range m.Params() {
		if p.Penalized {
			for _, w := range p.W {
				want += 0.01*math.Abs(w) + 0.5*0.1*w*w // article §3.2: λ1Σ|w| + (λ2/2)Σw²
			}
		}
	}
	tr, err := NewTrainer(m, 2, 4, OptimConfig{Kind: "sgd", LR: 0.1}, ClipConfig{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	x, y := randSlice(rng, 2*4*2, 1), randSlice(rng, 2*2, 1)
	x0, y0 := append([]float64(nil), x...), append([]float64(nil), y...)
	st, err := tr.Step(x, y, 2)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(st.Penalty-want) > 1e-14 || st.Loss != st.DataLoss+st.Penalty {
		t.Errorf("penalty %v, loss %v, data %v; want penalty %v and loss = data + penalty", st.Penalty, st.Loss, st.DataLoss, want)
	}
	for i := range x {
		if x[i] != x0[i] {
			t.Fatal("Step modified x")
		}
	}
	for i := range y {
		if y[i] != y0[i] {
			t.Fatal("Step modified y")
		}
	}
}

func TestSetLR(t *testing.T) {
	m := mustNew(t, DefaultConfig(1, 3, 1))
	tr, err := NewTrainer(m, 2, 3, OptimConfig{Kind: "sgd", LR: 0.5}, ClipConfig{})
	if err != nil {
		t.Fatal(err)
	}
	x, y := []float64{1, 2, 3, 4, 5, 6}, []float64{1, -1}
	for _, lr := range []float64{0.01, 0.5} {
		tr.SetLR(lr)
		w0 := append([]float64(nil), m.Weights()...)
		if _, err := tr.Step(x, y, 2); err != nil {
			t.Fatal(err)
		}
		// plain SGD: w ← w − lr·g, exactly
		for i, g := range m.Grads() {
			if want := w0[i] - lr*g; m.Weights()[i] != want {
				t.Fatalf("lr %v: weight %d = %v; want %v", lr, i, m.Weights()[i], want)
			}
		}
		if tr.LR() != lr {
			t.Errorf("LR() = %v; want %v", tr.LR(), lr)
		}
	}
}

// TestPredictChunks checks that batches larger than a chunk give the same
// forecasts and loss as row-by-row evaluation.
func TestPredictChunks(t *testing.T) {
	m := mustNew(t, DefaultConfig(2, 4, 3))
	const B, T = predictChunk*2 + 7, 5
	rng := rand.New(rand.NewPCG(8, 8))
	x, y := randSlice(rng, B*T*2, 1), randSlice(rng, B*3, 1)
	all := make([]float64, B*3)
	m.Predict(all, x, B, T)
	one := make([]float64, 3)
	var loss float64
	for b := 0; b < B; b++ {
		m.Predict(one, x[b*T*2:(b+1)*T*2], 1, T)
		for o := range one {
			if math.Abs(one[o]-all[b*3+o]) > 1e-12 {
				t.Fatalf("row %d output %d: %v in a batch, %v alone", b, o, all[b*3+o], one[o])
			}
			d := one[o] - y[b*3+o]
			loss += d * d
		}
	}
	loss /= B * 3
	if got := m.EvalLoss(x, y, B, T); math.Abs(got-loss) > 1e-12*loss {
		t.Errorf("EvalLoss = %v; want %v", got, loss)
	}
}

// TestProfileShowsVanishing checks that the gradient-by-time profile shows
// what the article describes: with a closed forget gate (bias −4) the
// gradient reaching early steps through the cell state vanishes, with an
// open one (bias +4) it survives.
func TestProfileShowsVanishing(t *testing.T) {
	const B, T = 4, 30
	ratio := func(fb float64) float64 {
		cfg := DefaultConfig(1, 8, 1)
		cfg.ForgetBias = fb
		m := mustNew(t, cfg)
		tr, err := NewTrainer(m, B, T, OptimConfig{Kind: "sgd", LR: 1e-9}, ClipConfig{})
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(6, 6))
		if _, err := tr.Step(randSlice(rng, B*T, 1), randSlice(rng, B, 1), B); err != nil {
			t.Fatal(err)
		}
		c := tr.Stats().CGradByTime[0]
		return c[0] / c[T-1]
	}
	closed, open := ratio(-4), ratio(4)
	t.Logf("ratio %.3g closed, %.3g open", closed, open)
	if !(closed < 1e-10 && open > 1e-3) {
		t.Errorf("‖∂L/∂c_0‖/‖∂L/∂c_T−1‖ = %.3g with forget bias −4, %.3g with +4; want vanishing then surviving", closed, open)
	}
}
