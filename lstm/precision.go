package lstm

import (
	"github.com/forecaster-dev/forecaster/lstm/internal/f32"
	"github.com/forecaster-dev/forecaster/lstm/internal/vec"
)

// The float32 products of Config.Precision "float32" (see the package
// documentation, "Precision"): Workspace.f32 holds their operands and
// results; the element-wise work keeps its float64 buffers in Workspace.
// The rows a product reads are rounded into f32's buffers, the rows it
// writes widened back.

// newF32 returns the float32 buffers of a workspace of m.
func newF32(m *Model, maxB, maxT int) *f32.Buffers {
	c := m.cfg
	return f32.New(c.InputSize, c.HiddenSize, c.Layers, maxB, maxT)
}

// input32 returns the rounded input of layer k in the last Forward,
// (T·B, in) time-major.
func (w *Workspace) input32(k int) []float32 {
	f := w.f32
	B, T, H := w.b, w.t, w.m.cfg.HiddenSize
	switch {
	case k == 0:
		return f.X[:T*B*w.m.cfg.InputSize]
	case w.train && w.m.cfg.Dropout > 0:
		return f.Layers[k].In[:T*B*H]
	}
	return f.Layers[k-1].Hs[B*H : (T+1)*B*H]
}

// forward32 prepares layer k's run in float32: it rounds the weights and
// the layer's input and initial state, and puts the input projections of
// all steps (unless fused) into f.gates.
func (w *Workspace) forward32(k int) {
	f := w.f32
	lp := &w.m.layers[k]
	l, l32 := &w.layers[k], &f.Layers[k]
	B, T, H := w.b, w.t, w.m.cfg.HiddenSize
	n, G := T*B, 4*H
	vec.To32(l32.Wih, lp.wih.W)
	vec.To32(l32.Whh, lp.whh.W)
	f32.Transpose(l32.WihT, l32.Wih, G, lp.in)
	f32.Transpose(l32.WhhT, l32.Whh, G, H)
	switch {
	case k == 0:
		vec.To32(f.X[:n*lp.in], w.x[:n*lp.in])
	case w.train && w.m.cfg.Dropout > 0:
		vec.To32(l32.In[:n*H], l.in[:n*H])
	}
	vec.To32(l32.Hs[:B*H], l.hs[:B*H])
	if !l.fused {
		f32.Mul(false, false, false, n, G, lp.in, w.input32(k), lp.in, l32.WihT, G, 0, f.Gates[:n*G], G)
	}
}

// recur32 adds W_hh h_{t−1} to the pre-activations of rows b0..b1−1 at
// step t in float32. fwdRows widens them into the layer's gates as it
// reads them (pre32), except for a fused input of several columns, whose
// loop adds to the float64 gates: they are widened here.
func (w *Workspace) recur32(k, t, b0, b1 int, serial bool) {
	f := w.f32
	l, l32 := &w.layers[k], &w.f32.Layers[k]
	B, H := w.b, w.m.cfg.HiddenSize
	G, BH, nb := 4*H, B*H, b1-b0
	hp := l32.Hs[t*BH+b0*H : t*BH+b1*H]
	var beta float32 = 1
	g32 := f.Gates[t*B*G+b0*G : t*B*G+b1*G]
	if l.fused {
		beta, g32 = 0, f.Step[b0*G:b1*G] // fwdRows adds W_ih x_t
	}
	f32.Mul(serial, false, false, nb, G, H, hp, H, l32.WhhT, G, beta, g32, G)
	if l.fused && w.m.layers[k].in > 1 {
		vec.To64(l.gates[t*B*G+b0*G:t*B*G+b1*G], g32)
	}
}

// pre32 returns the float32 pre-activations of row b at step t of layer k
// that recur32 left for fwdRows to widen, or nil when there are none.
func (w *Workspace) pre32(k, t, b int) []float32 {
	f := w.f32
	if f == nil {
		return nil
	}
	l := &w.layers[k]
	G := 4 * w.m.cfg.HiddenSize
	switch {
	case !l.fused:
		r := t*w.b + b
		return f.Gates[r*G : (r+1)*G]
	case w.m.layers[k].in == 1:
		return f.Step[b*G : (b+1)*G]
	}
	return nil
}

// back32 rounds the gate gradients of rows b0..b1−1 at step t (in the
// chunk's dA) and sets their dhNext = dA_t W_hh through a float32 product.
func (w *Workspace) back32(k, t, b0, b1 int, dAt []float64, serial bool) {
	f := w.f32
	B, H := w.b, w.m.cfg.HiddenSize
	G, nb := 4*H, b1-b0
	t0c := t / w.ct * w.ct
	da := w.chunkDA()[(t-t0c)*B*G+b0*G : (t-t0c)*B*G+b1*G]
	vec.To32(da, dAt[b0*G:b1*G])
	dh := f.Dh[b0*H : b1*H]
	f32.Mul(serial, false, false, nb, H, G, da, G, f.Layers[k].Whh, H, 0, dh, H)
	vec.To64(w.dhNext[b0*H:b1*H], dh)
}

// flush32 is flushChunk's products in float32: the weight gradients of the
// chunk's nr rows from r0, whose gate gradients are in da, and, for k > 0,
// the gradient of the layer's input widened into dUp; on the calling
// goroutine alone when serial.
func (w *Workspace) flush32(k, r0, nr int, da []float32, serial bool) {
	f := w.f32
	lp := &w.m.layers[k]
	l32 := &f.Layers[k]
	H, G := w.m.cfg.HiddenSize, 4*w.m.cfg.HiddenSize
	dA := da[:nr*G]
	f32.Mul(serial, true, false, G, H, nr, dA, G, l32.Hs[r0*H:(r0+nr)*H], H, 1, l32.GWhh, H)
	in := w.input32(k)[r0*lp.in : (r0+nr)*lp.in]
	if lp.in == 1 {
		// one input feature: GWih (G×1) is the row xᵀ·dA (1×G), a product
		// the kernel fills; as dAᵀ·x it would pack all of dA for one
		// column and pad that column to the kernel's 32
		f32.Mul(serial, false, false, 1, G, nr, in, nr, dA, G, 1, l32.GWih, G)
	} else {
		f32.Mul(serial, true, false, G, lp.in, nr, dA, G, in, lp.in, 1, l32.GWih, lp.in)
	}
	if k > 0 {
		dUp := f.DUp[:nr*H]
		f32.Mul(serial, false, false, nr, H, G, dA, G, l32.Wih, H, 0, dUp, H)
		vec.To64(w.dUp[r0*H:(r0+nr)*H], dUp)
	}
}

// grads32 adds the float32 weight gradients of the last Backward to the
// model's and clears them.
func (w *Workspace) grads32() {
	for k := range w.f32.Layers {
		lp := &w.m.layers[k]
		l32 := &w.f32.Layers[k]
		f32.AddTo(lp.wih.G, l32.GWih)
		f32.AddTo(lp.whh.G, l32.GWhh)
	}
}
