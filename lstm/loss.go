package lstm

import "math"

// dataLoss returns the mean loss of yhat against y and, when dy is not
// nil, writes ∂loss/∂yhat into it.
func dataLoss(kind Loss, delta float64, dy, yhat, y []float64) float64 {
	if len(yhat) != len(y) || (dy != nil && len(dy) != len(y)) {
		panic("lstm: loss length mismatch")
	}
	n := float64(len(y))
	var s float64
	switch kind {
	case LossMSE:
		for j, v := range yhat {
			d := v - y[j]
			s += d * d
			if dy != nil {
				dy[j] = 2 * d / n
			}
		}
	case LossMAE:
		for j, v := range yhat {
			d := v - y[j]
			s += math.Abs(d)
			if dy != nil {
				dy[j] = sign(d) / n
			}
		}
	case LossHuber:
		for j, v := range yhat {
			d := v - y[j]
			a := math.Abs(d)
			if a < delta {
				s += 0.5 * d * d
				if dy != nil {
					dy[j] = d / n
				}
			} else {
				s += delta * (a - 0.5*delta)
				if dy != nil {
					dy[j] = delta * sign(d) / n
				}
			}
		}
	default:
		panic("lstm: unknown loss " + string(kind))
	}
	return s / n
}

// sign is torch.sign: −1, 0 or 1.
func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// Penalty returns L1·Σ|w| + (L2/2)·Σw² over the weight matrices.
func (m *Model) Penalty() float64 { return m.penalty(false) }

// penalty returns the penalty and, with grad set, adds its gradient
// L1·sign(w) + L2·w to the weight matrices' gradients.
func (m *Model) penalty(grad bool) float64 {
	l1, l2 := m.cfg.L1, m.cfg.L2
	if l1 == 0 && l2 == 0 {
		return 0
	}
	var s1, s2 float64
	for _, p := range m.params {
		if !p.Penalized {
			continue
		}
		g := p.G[:len(p.W)]
		for j, w := range p.W {
			s1 += math.Abs(w)
			s2 += w * w
			if grad {
				g[j] += l1*sign(w) + l2*w
			}
		}
	}
	return l1*s1 + 0.5*l2*s2
}

// predictChunk bounds the rows Predict and EvalLoss run at once, and so
// the memory of their workspace (about 7·T·H floats per row).
const predictChunk = 256

// Predict writes the (B,O) forecasts for x, (B,T,I), into dst, without
// dropout. It runs at most 256 rows at a time in a workspace inside m,
// so it allocates only when a call needs more rows or steps than every
// earlier one.
func (m *Model) Predict(dst, x []float64, B, T int) {
	O, I := m.cfg.OutputSize, m.cfg.InputSize
	if B < 1 || T < 1 || len(dst) != B*O || len(x) != B*T*I {
		panic("lstm: prediction length mismatch")
	}
	w := m.workspace(min(B, predictChunk), T)
	for b0 := 0; b0 < B; b0 += predictChunk {
		b1 := min(B, b0+predictChunk)
		w.Forward(x[b0*T*I:b1*T*I], nil, nil, b1-b0, T, false)
		copy(dst[b0*O:b1*O], w.Head())
	}
}

// EvalLoss returns the data loss (no penalty, no dropout) of the forecasts
// for x, (B,T,I), against y, (B,O). Like Predict it runs at most 256 rows
// at a time.
func (m *Model) EvalLoss(x, y []float64, B, T int) float64 {
	O, I := m.cfg.OutputSize, m.cfg.InputSize
	if B < 1 || T < 1 || len(y) != B*O || len(x) != B*T*I {
		panic("lstm: evaluation length mismatch")
	}
	w := m.workspace(min(B, predictChunk), T)
	var sum float64
	for b0 := 0; b0 < B; b0 += predictChunk {
		b1 := min(B, b0+predictChunk)
		w.Forward(x[b0*T*I:b1*T*I], nil, nil, b1-b0, T, false)
		sum += dataLoss(m.cfg.Loss, m.cfg.HuberDelta, nil, w.Head(), y[b0*O:b1*O]) * float64(b1-b0)
	}
	return sum / float64(B)
}

func (m *Model) workspace(B, T int) *Workspace {
	if m.ws == nil || m.ws.maxB < B || m.ws.maxT < T {
		mb, mt := B, T
		if m.ws != nil {
			mb, mt = max(mb, m.ws.maxB), max(mt, m.ws.maxT)
		}
		m.ws = NewWorkspace(m, mb, mt)
	}
	return m.ws
}
