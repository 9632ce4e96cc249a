package lstm

import (
	"math"
	"testing"
)

func TestForgetBiasOnce(t *testing.T) {
	for _, init := range []Init{InitPyTorch, InitXavierUniform, InitOrthogonal} {
		cfg := DefaultConfig(3, 6, 2)
		cfg.Layers, cfg.ForgetBias, cfg.InputInit = 2, 1.5, init
		m, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		H := 6
		for k := 0; k < 2; k++ {
			bi, bh := m.layers[k].bih.W, m.layers[k].bhh.W
			for j := H; j < 2*H; j++ {
				if bi[j]+bh[j] != 1.5 || bh[j] != 0 {
					t.Errorf("%s layer %d: forget bias ih %v + hh %v; want 1.5 + 0", init, k, bi[j], bh[j])
				}
			}
			for _, j := range []int{0, 2 * H, 3 * H} {
				if init != InitPyTorch && (bi[j] != 0 || bh[j] != 0) {
					t.Errorf("%s: non-forget bias %v, %v; want 0", init, bi[j], bh[j])
				}
				if init == InitPyTorch && (math.Abs(bi[j]) > 1/math.Sqrt(6) || bi[j] == 0) {
					t.Errorf("pytorch bias %v outside U(±1/√H)", bi[j])
				}
			}
		}
	}
}

func TestInitialisers(t *testing.T) {
	const I, H, O = 16, 64, 8
	fanIn, fanOut := float64(I), float64(4*H) // weight_ih_l0
	tests := []struct {
		init      Init
		bound     float64 // max |w| (0: none)
		std       float64 // expected standard deviation
		hhStdWant float64
	}{
		{InitPyTorch, 1 / math.Sqrt(H), 1 / math.Sqrt(3*H), 1 / math.Sqrt(3*H)},
		{InitXavierUniform, math.Sqrt(6 / (fanIn + fanOut)), math.Sqrt(2 / (fanIn + fanOut)), math.Sqrt(2.0 / (H + 4*H))},
		{InitXavierNormal, 0, math.Sqrt(2 / (fanIn + fanOut)), math.Sqrt(2.0 / (H + 4*H))},
		{InitHeUniform, math.Sqrt(6 / fanIn), math.Sqrt(2 / fanIn), math.Sqrt(2.0 / H)},
		{InitHeNormal, 0, math.Sqrt(2 / fanIn), math.Sqrt(2.0 / H)},
		{InitOrthogonal, 0, 1 / math.Sqrt(H), 1 / math.Sqrt(H)},
	}
	for _, tc := range tests {
		cfg := DefaultConfig(I, H, O)
		cfg.InputInit, cfg.RecurrentInit = tc.init, tc.init
		m, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		w := m.layers[0].wih.W
		var mx float64
		for _, v := range w {
			mx = math.Max(mx, math.Abs(v))
		}
		if tc.bound > 0 && (mx > tc.bound || mx < 0.95*tc.bound) {
			t.Errorf("%s: max |weight_ih| = %v; want just under %v", tc.init, mx, tc.bound)
		}
		for _, c := range []struct {
			name string
			w    []float64
			want float64
		}{{"weight_ih", w, tc.std}, {"weight_hh", m.layers[0].whh.W, tc.hhStdWant}} {
			s := math.Sqrt(sumSq(c.w) / float64(len(c.w)))
			if math.Abs(s-c.want) > 0.1*c.want {
				t.Errorf("%s %s: rms %v; want %v ±10%%", tc.init, c.name, s, c.want)
			}
		}
	}
}

func TestOrthogonalBlocks(t *testing.T) {
	const I, H = 3, 5
	cfg := DefaultConfig(I, H, 2)
	cfg.InputInit, cfg.RecurrentInit = InitOrthogonal, InitOrthogonal
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// every gate block Wg (H×H, or H×I with orthonormal columns) has WgᵀWg = I
	for _, p := range []*Param{m.layers[0].whh, m.layers[0].wih} {
		c := p.Cols
		for g := 0; g < 4; g++ {
			blk := p.W[g*H*c : (g+1)*H*c]
			for a := 0; a < c; a++ {
				for b := 0; b < c; b++ {
					var s float64
					for r := 0; r < H; r++ {
						s += blk[r*c+a] * blk[r*c+b]
					}
					want := 0.0
					if a == b {
						want = 1
					}
					if math.Abs(s-want) > 1e-12 {
						t.Fatalf("%s gate %d: (WᵀW)[%d,%d] = %v; want %v", p.Name, g, a, b, s, want)
					}
				}
			}
		}
	}
}

func TestConfigValidate(t *testing.T) {
	good := DefaultConfig(1, 4, 1)
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []func(*Config){
		func(c *Config) { c.InputSize = 0 },
		func(c *Config) { c.HiddenSize = 1025 },
		func(c *Config) { c.Layers = 5 },
		func(c *Config) { c.OutputSize = 0 },
		func(c *Config) { c.Dropout = 1 },
		func(c *Config) { c.Dropout = math.NaN() },
		func(c *Config) { c.InputInit = "zeros" },
		func(c *Config) { c.Loss = "huber"; c.HuberDelta = 0 },
		func(c *Config) { c.L1 = -1 },
		func(c *Config) { c.L2 = math.Inf(1) },
		func(c *Config) { c.ForgetBias = math.NaN() },
	} {
		c := good
		bad(&c)
		if _, err := New(c); err == nil {
			t.Errorf("New(%+v) succeeded; want an error", c)
		}
	}
	if _, err := NewTrainer(mustNew(t, good), 1, 1, OptimConfig{Kind: "adagrad", LR: 1}, ClipConfig{}); err == nil {
		t.Error("unknown optimiser accepted")
	}
	if _, err := NewTrainer(mustNew(t, good), 1, 1, OptimConfig{Kind: "sgd", LR: 1}, ClipConfig{Mode: "norm"}); err == nil {
		t.Error("clip norm without max accepted")
	}
}

func mustNew(t *testing.T, c Config) *Model {
	t.Helper()
	m, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
