package lstm

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Param is one named parameter tensor and its gradient. W and G are views
// into the model's flat weight and gradient storage; their lengths never change.
type Param struct {
	Name       string
	Rows, Cols int       // a vector has Cols == 1 and Vector set
	Vector     bool      // 1-D in PyTorch (biases, layer-norm gains)
	Penalized  bool      // weight matrix: the L1/L2 penalties apply
	W, G       []float64 // row-major Rows×Cols
}

// Shape returns the PyTorch shape of p: [Rows] for vectors, [Rows, Cols] otherwise.
func (p *Param) Shape() []int {
	if p.Vector {
		return []int{p.Rows}
	}
	return []int{p.Rows, p.Cols}
}

// layerParams holds the parameters of LSTM layer k.
type layerParams struct {
	in                 int    // input size of the layer: I for k = 0, else H
	wih, whh, bih, bhh *Param // (4H,in), (4H,H), (4H), (4H)
	// Layer norm (nil when off): gains and biases of LN(W_ih x) (4H),
	// LN(W_hh h) (4H) and LN(c) (H).
	lnxg, lnxb, lnhg, lnhb, lncg, lncb *Param
}

// Model is a stacked LSTM with a dense head. Its methods are not safe for
// concurrent use (Predict and EvalLoss reuse an internal workspace); use
// Clone to get an independent copy.
type Model struct {
	cfg    Config
	params []*Param
	w, g   []float64 // flat storage behind every Param.W and Param.G
	layers []layerParams
	headW  *Param // (O,H)
	headB  *Param // (O)
	ws     *Workspace
}

// New returns a network initialised as cfg says.
func New(cfg Config) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m := build(cfg)
	m.initialise()
	return m, nil
}

// paramSpec describes one parameter tensor.
type paramSpec struct {
	name             string
	rows, cols       int
	vector, penalize bool
}

// paramSpecs lists the parameters of a valid cfg in PyTorch order, without
// allocating their storage.
func paramSpecs(cfg Config) []paramSpec {
	H, O := cfg.HiddenSize, cfg.OutputSize
	type spec = paramSpec
	var specs []spec
	for k := 0; k < cfg.Layers; k++ {
		in := H
		if k == 0 {
			in = cfg.InputSize
		}
		specs = append(specs,
			spec{fmt.Sprintf("weight_ih_l%d", k), 4 * H, in, false, true},
			spec{fmt.Sprintf("weight_hh_l%d", k), 4 * H, H, false, true},
			spec{fmt.Sprintf("bias_ih_l%d", k), 4 * H, 1, true, false},
			spec{fmt.Sprintf("bias_hh_l%d", k), 4 * H, 1, true, false},
		)
		if cfg.LayerNorm {
			specs = append(specs,
				spec{fmt.Sprintf("ln_ih_l%d.weight", k), 4 * H, 1, true, false},
				spec{fmt.Sprintf("ln_ih_l%d.bias", k), 4 * H, 1, true, false},
				spec{fmt.Sprintf("ln_hh_l%d.weight", k), 4 * H, 1, true, false},
				spec{fmt.Sprintf("ln_hh_l%d.bias", k), 4 * H, 1, true, false},
				spec{fmt.Sprintf("ln_c_l%d.weight", k), H, 1, true, false},
				spec{fmt.Sprintf("ln_c_l%d.bias", k), H, 1, true, false},
			)
		}
	}
	return append(specs,
		spec{"head.weight", O, H, false, true},
		spec{"head.bias", O, 1, true, false},
	)
}

// build allocates the parameters of a valid cfg, all zero.
func build(cfg Config) *Model {
	H := cfg.HiddenSize
	specs := paramSpecs(cfg)
	n := 0
	for _, s := range specs {
		n += s.rows * s.cols
	}
	m := &Model{cfg: cfg, w: make([]float64, n), g: make([]float64, n)}
	off := 0
	for _, s := range specs {
		sz := s.rows * s.cols
		m.params = append(m.params, &Param{
			Name: s.name, Rows: s.rows, Cols: s.cols, Vector: s.vector, Penalized: s.penalize,
			W: m.w[off : off+sz : off+sz], G: m.g[off : off+sz : off+sz],
		})
		off += sz
	}
	i := 0
	next := func() *Param { p := m.params[i]; i++; return p }
	m.layers = make([]layerParams, cfg.Layers)
	for k := range m.layers {
		l := &m.layers[k]
		l.in = H
		if k == 0 {
			l.in = cfg.InputSize
		}
		l.wih, l.whh, l.bih, l.bhh = next(), next(), next(), next()
		if cfg.LayerNorm {
			l.lnxg, l.lnxb, l.lnhg, l.lnhb, l.lncg, l.lncb = next(), next(), next(), next(), next(), next()
		}
	}
	m.headW, m.headB = next(), next()
	return m
}

// initialise draws the weights from a PCG stream seeded by cfg.Seed, in
// parameter order.
func (m *Model) initialise() {
	cfg := m.cfg
	H := cfg.HiddenSize
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6c73746d696e6974))
	bound := 1 / math.Sqrt(float64(H))
	for k := range m.layers {
		l := &m.layers[k]
		initMatrix(rng, cfg.InputInit, l.wih.W, 4*H, l.in, H, H)
		initMatrix(rng, cfg.RecurrentInit, l.whh.W, 4*H, H, H, H)
		if cfg.InputInit == InitPyTorch {
			uniform(rng, l.bih.W, bound)
			uniform(rng, l.bhh.W, bound)
		}
		for j := H; j < 2*H; j++ {
			l.bih.W[j] = cfg.ForgetBias
			l.bhh.W[j] = 0
		}
		if cfg.LayerNorm {
			for _, p := range []*Param{l.lnxg, l.lnhg, l.lncg} {
				for j := range p.W {
					p.W[j] = 1
				}
			}
		}
	}
	initMatrix(rng, cfg.InputInit, m.headW.W, cfg.OutputSize, H, cfg.OutputSize, H)
	if cfg.InputInit == InitPyTorch {
		uniform(rng, m.headB.W, bound) // nn.Linear: U(−1/√fan_in, 1/√fan_in)
	}
}

func uniform(rng *rand.Rand, w []float64, a float64) {
	for i := range w {
		w[i] = (2*rng.Float64() - 1) * a
	}
}

func normal(rng *rand.Rand, w []float64, std float64) {
	for i := range w {
		w[i] = rng.NormFloat64() * std
	}
}

// initMatrix fills the rows×cols matrix w. For InitOrthogonal the matrix is
// made of row blocks of height block, each (semi-)orthogonal. InitPyTorch
// draws from U(−1/√hidden, 1/√hidden): nn.LSTM's rule, and nn.Linear's
// U(−1/√fan_in, 1/√fan_in) for the head, whose fan_in is the hidden size.
func initMatrix(rng *rand.Rand, kind Init, w []float64, rows, cols, block, hidden int) {
	fanIn, fanOut := float64(cols), float64(rows)
	switch kind {
	case InitPyTorch:
		uniform(rng, w, 1/math.Sqrt(float64(hidden)))
	case InitXavierUniform:
		uniform(rng, w, math.Sqrt(6/(fanIn+fanOut)))
	case InitXavierNormal:
		normal(rng, w, math.Sqrt(2/(fanIn+fanOut)))
	case InitHeUniform:
		uniform(rng, w, math.Sqrt(6/fanIn))
	case InitHeNormal:
		normal(rng, w, math.Sqrt(2/fanIn))
	case InitOrthogonal:
		for r0 := 0; r0 < rows; r0 += block {
			orthogonal(rng, w[r0*cols:(r0+block)*cols], block, cols)
		}
	default:
		panic("lstm: unknown initialiser " + string(kind))
	}
}

// orthogonal fills the r×c matrix w with a (semi-)orthogonal matrix: the Q
// of the QR decomposition of a standard normal matrix, with the signs fixed
// so that R has a positive diagonal (as torch.nn.init.orthogonal_).
func orthogonal(rng *rand.Rand, w []float64, r, c int) {
	tall, short := r, c
	if r < c {
		tall, short = c, r
	}
	a := make([]float64, tall*short)
	normal(rng, a, 1)
	var qr mat.QR
	qr.Factorize(mat.NewDense(tall, short, a))
	var q, rr mat.Dense
	qr.QTo(&q)
	qr.RTo(&rr)
	for i := 0; i < tall; i++ {
		for j := 0; j < short; j++ {
			v := q.At(i, j)
			if rr.At(j, j) < 0 {
				v = -v
			}
			if r >= c {
				w[i*c+j] = v
			} else {
				w[j*c+i] = v
			}
		}
	}
}

// Config returns the configuration of m.
func (m *Model) Config() Config { return m.cfg }

// Params returns the parameters in PyTorch order: per layer weight_ih,
// weight_hh, bias_ih, bias_hh (then the layer-norm parameters), then
// head.weight and head.bias. The slice and the Params are owned by m.
func (m *Model) Params() []*Param { return m.params }

// NumParams returns the number of scalar parameters.
func (m *Model) NumParams() int { return len(m.w) }

// Weights returns the flat storage behind every Param.W, in Params order.
func (m *Model) Weights() []float64 { return m.w }

// Grads returns the flat storage behind every Param.G, in Params order.
func (m *Model) Grads() []float64 { return m.g }

// ZeroGrad sets every gradient to zero.
func (m *Model) ZeroGrad() { clear(m.g) }

// Param returns the parameter with the given PyTorch name, or nil.
func (m *Model) Param(name string) *Param {
	for _, p := range m.params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Clone returns an independent copy of m (weights and gradients).
func (m *Model) Clone() *Model {
	c := build(m.cfg)
	copy(c.w, m.w)
	copy(c.g, m.g)
	return c
}

// CopyFrom copies the weights of src into m, which must have the same
// configuration shape (it panics otherwise). Gradients are not copied.
func (m *Model) CopyFrom(src *Model) {
	if len(m.w) != len(src.w) || m.cfg.InputSize != src.cfg.InputSize || m.cfg.HiddenSize != src.cfg.HiddenSize ||
		m.cfg.Layers != src.cfg.Layers || m.cfg.OutputSize != src.cfg.OutputSize || m.cfg.LayerNorm != src.cfg.LayerNorm {
		panic("lstm: CopyFrom between models of different shape")
	}
	copy(m.w, src.w)
}
