package lstm

import (
	"errors"
	"fmt"
	"math"
)

// ErrNonFinite is returned by Trainer.Step when the loss or a gradient is
// NaN or infinite. Such a step changes neither the weights nor the
// optimiser state.
var ErrNonFinite = errors.New("lstm: non-finite loss or gradient, step skipped")

// ClipConfig selects gradient clipping.
type ClipConfig struct {
	// Mode is "none" (or ""), "norm" (rescale all gradients so that their
	// global L2 norm is at most Max, as torch.nn.utils.clip_grad_norm_) or
	// "value" (clamp every element to [−Max, Max], as clip_grad_value_).
	Mode string  `json:"mode"`
	Max  float64 `json:"max"`
}

// Validate reports whether c is usable.
func (c ClipConfig) Validate() error {
	switch c.Mode {
	case "", "none":
		return nil
	case "norm", "value":
		if !(c.Max > 0) || !finite(c.Max) {
			return fmt.Errorf("lstm: clip max %v must be positive and finite", c.Max)
		}
		return nil
	}
	return fmt.Errorf("lstm: unknown clip mode %q", c.Mode)
}

// StepStats summarises one training step.
type StepStats struct {
	Loss        float64 // DataLoss + Penalty
	DataLoss    float64 // loss of the head output (with dropout)
	Penalty     float64 // L1/L2 penalty
	GradNorm    float64 // global L2 norm of the gradient before clipping
	ClippedNorm float64 // global L2 norm after clipping
	Clipped     bool    // clipping changed the gradient
	Skipped     bool    // non-finite: nothing was applied
}

// Saturation is the share of gate activations above 0.99 or below 0.01.
type Saturation struct {
	Input, Forget, Output float64
}

// Telemetry is the detailed record of the last step. Its slices are
// reused by the next step: copy what you keep.
type Telemetry struct {
	Step        int // steps applied so far
	Stats       StepStats
	LayerNorms  []float64    // [layer] gradient L2 norm of all of the layer's parameters, before clipping
	HeadNorm    float64      // gradient L2 norm of head.weight and head.bias, before clipping
	GateNorms   [][4]float64 // [layer][i,f,g,o] gradient norm of the gate's rows of every 4H-row parameter
	HGradByTime [][]float64  // [layer][t] batch mean of ‖∂L/∂h_t‖
	CGradByTime [][]float64  // [layer][t] batch mean of ‖∂L/∂c_t‖
	Saturation  []Saturation // [layer] over all steps and batch rows
}

// Trainer runs training steps on a model: forward with dropout, backward,
// penalty, clipping and an optimiser update. It owns its workspace and
// optimiser state; it belongs to one goroutine.
type Trainer struct {
	m    *Model
	ws   *Workspace
	opt  *optimizer
	clip ClipConfig
	dy   []float64
	tel  Telemetry
}

// NewTrainer returns a trainer for batches of up to maxBatch sequences of
// up to T steps.
func NewTrainer(m *Model, maxBatch, T int, opt OptimConfig, clip ClipConfig) (*Trainer, error) {
	if maxBatch < 1 || T < 1 {
		return nil, fmt.Errorf("lstm: batch %d and window %d must be positive", maxBatch, T)
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := clip.Validate(); err != nil {
		return nil, err
	}
	L := m.cfg.Layers
	t := &Trainer{
		m:    m,
		ws:   NewWorkspace(m, maxBatch, T),
		opt:  newOptimizer(opt, len(m.w)),
		clip: clip,
		dy:   make([]float64, maxBatch*m.cfg.OutputSize),
		tel: Telemetry{
			LayerNorms:  make([]float64, L),
			GateNorms:   make([][4]float64, L),
			HGradByTime: make([][]float64, L),
			CGradByTime: make([][]float64, L),
			Saturation:  make([]Saturation, L),
		},
	}
	t.ws.countSat = true
	t.ws.ensureTraining()
	return t, nil
}

// Model returns the model being trained.
func (t *Trainer) Model() *Model { return t.m }

// SetLR sets the learning rate of the following steps.
func (t *Trainer) SetLR(lr float64) { t.opt.cfg.LR = lr }

// LR returns the current learning rate.
func (t *Trainer) LR() float64 { return t.opt.cfg.LR }

// Optim returns the optimiser settings, defaults filled in and the
// current learning rate.
func (t *Trainer) Optim() OptimConfig { return t.opt.cfg }

// Clip returns the clipping settings.
func (t *Trainer) Clip() ClipConfig { return t.clip }

// Stats returns the telemetry of the last step.
func (t *Trainer) Stats() *Telemetry { return &t.tel }

// Step trains on one batch: x is (B,T,I) row-major, y is (B,O). It returns
// ErrNonFinite, with Skipped set, when the loss or the gradient is not
// finite; nothing is then applied. It panics when the lengths do not fit.
func (t *Trainer) Step(x, y []float64, B int) (StepStats, error) {
	m := t.m
	c := m.cfg
	if B < 1 || len(x)%(B*c.InputSize) != 0 || len(y) != B*c.OutputSize {
		panic("lstm: Step length mismatch")
	}
	T := len(x) / (B * c.InputSize)
	m.ZeroGrad()
	w := t.ws
	w.Forward(x, nil, nil, B, T, true)
	dy := t.dy[:B*c.OutputSize]
	var st StepStats
	st.DataLoss = dataLoss(c.Loss, c.HuberDelta, dy, w.Head(), y)
	w.Backward(nil, nil, nil, dy, nil, nil, nil)
	st.Penalty = m.penalty(true)
	st.Loss = st.DataLoss + st.Penalty
	st.GradNorm = t.norms()
	for k := range c.Layers {
		t.tel.HGradByTime[k], t.tel.CGradByTime[k] = w.GradByTime(k)
	}
	t.saturation()
	if !finite(st.Loss) || !finite(st.GradNorm) {
		st.Skipped = true
		st.ClippedNorm = st.GradNorm
		t.tel.Stats = st
		return st, ErrNonFinite
	}
	st.ClippedNorm, st.Clipped = clipGrads(m.g, t.clip, st.GradNorm)
	t.opt.update(m.w, m.g)
	t.tel.Step++
	t.tel.Stats = st
	return st, nil
}

// norms fills the per-layer, per-gate and head norms and returns the
// global gradient norm.
func (t *Trainer) norms() float64 {
	m := t.m
	H := m.cfg.HiddenSize
	var total float64
	for k := range m.layers {
		var gates [4]float64
		var layer float64
		for _, p := range t.layerParams(k) {
			if p == nil {
				continue
			}
			if p.Rows == 4*H {
				for gi := 0; gi < 4; gi++ {
					s := sumSq(p.G[gi*H*p.Cols : (gi+1)*H*p.Cols])
					gates[gi] += s
					layer += s
				}
			} else {
				layer += sumSq(p.G)
			}
		}
		for gi := range gates {
			t.tel.GateNorms[k][gi] = math.Sqrt(gates[gi])
		}
		t.tel.LayerNorms[k] = math.Sqrt(layer)
		total += layer
	}
	head := sumSq(m.headW.G) + sumSq(m.headB.G)
	t.tel.HeadNorm = math.Sqrt(head)
	total += head
	return math.Sqrt(total)
}

func (t *Trainer) layerParams(k int) [10]*Param {
	l := &t.m.layers[k]
	return [10]*Param{l.wih, l.whh, l.bih, l.bhh, l.lnxg, l.lnxb, l.lnhg, l.lnhb, l.lncg, l.lncb}
}

func sumSq(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return s
}

// saturation fills the gate saturation shares of the last forward pass
// from the counts Forward kept.
func (t *Trainer) saturation() {
	w := t.ws
	d := float64(w.b * w.t * t.m.cfg.HiddenSize)
	for k, s := range w.sat {
		t.tel.Saturation[k] = Saturation{Input: float64(s[0]) / d, Forget: float64(s[1]) / d, Output: float64(s[2]) / d}
	}
}

// clipGrads clips g in place as c says, given its L2 norm, and returns the
// norm after clipping and whether anything changed.
func clipGrads(g []float64, c ClipConfig, norm float64) (float64, bool) {
	switch c.Mode {
	case "norm":
		// torch.nn.utils.clip_grad_norm_: coef = max/(norm+1e-6), applied when < 1.
		coef := c.Max / (norm + 1e-6)
		if coef < 1 {
			for j := range g {
				g[j] *= coef
			}
			return norm * coef, true
		}
	case "value":
		mx := c.Max
		var s float64
		clipped := false
		for j, v := range g {
			if v > mx {
				v, clipped = mx, true
			} else if v < -mx {
				v, clipped = -mx, true
			}
			g[j] = v
			s += v * v
		}
		return math.Sqrt(s), clipped
	}
	return norm, false
}
