package lstm

import (
	"github.com/forecaster-dev/forecaster/lstm/internal/gemm"
	"github.com/forecaster-dev/forecaster/lstm/internal/vec"
)

// ws32 holds the float32 operands and results of the matrix products of a
// Workspace whose model has Config.Precision "float32" (see the package
// documentation, "Precision"). The element-wise work keeps its float64
// buffers in Workspace; the rows a product reads are rounded into these
// buffers and the rows it writes are widened back.
type ws32 struct {
	layers []layer32
	x      []float32 // (T,B,I) the input, time-major
	gates  []float32 // (T,B,4H) pre-activations of the layer being run
	step   []float32 // (B,4H) those of one step, when the input is fused
	// training only
	dA  []float32 // (ct,B,4H) the chunk's gate gradients
	dh  []float32 // (B,H) W_hhᵀ dA_t
	dUp []float32 // (ct,B,H) gradient for the layer below
}

type layer32 struct {
	wih, whh []float32 // the layer's weights, rounded at every Forward
	// and transposed, (in,4H) and (H,4H): the forward products read them
	// as plain matrices, which gemm reads in place for a few rows of A
	// instead of packing all of W_hh at every step
	wihT, whhT []float32
	gwih, gwhh []float32 // their gradients from the last Backward
	hs         []float32 // (T+1,B,H) h_0 … h_T, rounded
	in         []float32 // (T,B,H) input after dropout (k > 0 with dropout)
}

func newWS32(m *Model, maxB, maxT int) *ws32 {
	c := m.cfg
	H, I := c.HiddenSize, c.InputSize
	n := maxB * maxT
	f := &ws32{
		layers: make([]layer32, c.Layers),
		x:      make([]float32, n*I),
		gates:  make([]float32, n*4*H),
		step:   make([]float32, maxB*4*H),
	}
	for k := range f.layers {
		lp := &m.layers[k]
		l := &f.layers[k]
		l.wih = make([]float32, len(lp.wih.W))
		l.whh = make([]float32, len(lp.whh.W))
		l.wihT = make([]float32, len(lp.wih.W))
		l.whhT = make([]float32, len(lp.whh.W))
		l.hs = make([]float32, (n+maxB)*H)
	}
	return f
}

// ensureTraining allocates what only Backward uses; rows is the size of a
// chunk of gate gradients, as Workspace.dA.
func (f *ws32) ensureTraining(m *Model, maxB, maxT, rows int) {
	if f.dA != nil {
		return
	}
	c := m.cfg
	H := c.HiddenSize
	f.dA = make([]float32, rows*4*H)
	f.dh = make([]float32, maxB*H)
	f.dUp = make([]float32, rows*H)
	for k := range f.layers {
		lp := &m.layers[k]
		l := &f.layers[k]
		l.gwih = make([]float32, len(lp.wih.W))
		l.gwhh = make([]float32, len(lp.whh.W))
		if k > 0 && c.Dropout > 0 {
			l.in = make([]float32, maxB*maxT*H)
		}
	}
}

// input32 returns the rounded input of layer k in the last Forward,
// (T·B, in) time-major.
func (w *Workspace) input32(k int) []float32 {
	f := w.f32
	B, T, H := w.b, w.t, w.m.cfg.HiddenSize
	switch {
	case k == 0:
		return f.x[:T*B*w.m.cfg.InputSize]
	case w.train && w.m.cfg.Dropout > 0:
		return f.layers[k].in[:T*B*H]
	}
	return f.layers[k-1].hs[B*H : (T+1)*B*H]
}

// forward32 prepares layer k's run in float32: it rounds the weights and
// the layer's input and initial state, and puts the input projections of
// all steps (unless fused) into f.gates.
func (w *Workspace) forward32(k int) {
	f := w.f32
	lp := &w.m.layers[k]
	l, l32 := &w.layers[k], &f.layers[k]
	B, T, H := w.b, w.t, w.m.cfg.HiddenSize
	n, G := T*B, 4*H
	vec.To32(l32.wih, lp.wih.W)
	vec.To32(l32.whh, lp.whh.W)
	transpose32(l32.wihT, l32.wih, G, lp.in)
	transpose32(l32.whhT, l32.whh, G, H)
	switch {
	case k == 0:
		vec.To32(f.x[:n*lp.in], w.x[:n*lp.in])
	case w.train && w.m.cfg.Dropout > 0:
		vec.To32(l32.in[:n*H], l.in[:n*H])
	}
	vec.To32(l32.hs[:B*H], l.hs[:B*H])
	if !l.fused {
		gemm.Sgemm(false, false, n, G, lp.in, 1, w.input32(k), lp.in, l32.wihT, G, 0, f.gates[:n*G], G)
	}
}

// recur32 adds W_hh h_{t−1} to the pre-activations of rows b0..b1−1 at
// step t in float32. fwdRows widens them into the layer's gates as it
// reads them (pre32), except for a fused input of several columns, whose
// loop adds to the float64 gates: they are widened here.
func (w *Workspace) recur32(k, t, b0, b1 int, serial bool) {
	f := w.f32
	l, l32 := &w.layers[k], &w.f32.layers[k]
	B, H := w.b, w.m.cfg.HiddenSize
	G, BH, nb := 4*H, B*H, b1-b0
	hp := l32.hs[t*BH+b0*H : t*BH+b1*H]
	var beta float32 = 1
	g32 := f.gates[t*B*G+b0*G : t*B*G+b1*G]
	if l.fused {
		beta, g32 = 0, f.step[b0*G:b1*G] // fwdRows adds W_ih x_t
	}
	prod32(serial, false, false, nb, G, H, hp, H, l32.whhT, G, beta, g32, G)
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
		return f.gates[r*G : (r+1)*G]
	case w.m.layers[k].in == 1:
		return f.step[b*G : (b+1)*G]
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
	da := f.dA[(t-t0c)*B*G+b0*G : (t-t0c)*B*G+b1*G]
	vec.To32(da, dAt[b0*G:b1*G])
	dh := f.dh[b0*H : b1*H]
	prod32(serial, false, false, nb, H, G, da, G, f.layers[k].whh, H, 0, dh, H)
	vec.To64(w.dhNext[b0*H:b1*H], dh)
}

// flush32 is flushChunk's products in float32: the weight gradients of the
// chunk's nr rows from r0 and, for k > 0, the gradient of the layer's input
// widened into dUp.
func (w *Workspace) flush32(k, r0, nr int) {
	f := w.f32
	lp := &w.m.layers[k]
	l32 := &f.layers[k]
	H, G := w.m.cfg.HiddenSize, 4*w.m.cfg.HiddenSize
	dA := f.dA[:nr*G]
	gemm.Sgemm(true, false, G, H, nr, 1, dA, G, l32.hs[r0*H:(r0+nr)*H], H, 1, l32.gwhh, H)
	in := w.input32(k)[r0*lp.in : (r0+nr)*lp.in]
	gemm.Sgemm(true, false, G, lp.in, nr, 1, dA, G, in, lp.in, 1, l32.gwih, lp.in)
	if k > 0 {
		dUp := f.dUp[:nr*H]
		gemm.Sgemm(false, false, nr, H, G, 1, dA, G, l32.wih, H, 0, dUp, H)
		vec.To64(w.dUp[r0*H:(r0+nr)*H], dUp)
	}
}

// grads32 adds the float32 weight gradients of the last Backward to the
// model's and clears them.
func (w *Workspace) grads32() {
	for k := range w.f32.layers {
		lp := &w.m.layers[k]
		l32 := &w.f32.layers[k]
		for j, v := range l32.gwih {
			lp.wih.G[j] += float64(v)
		}
		for j, v := range l32.gwhh {
			lp.whh.G[j] += float64(v)
		}
		clear(l32.gwih)
		clear(l32.gwhh)
	}
}

// prod32 is mm for float32 operands: on the calling goroutine alone when
// serial (the other half of the batch runs at the same time).
func prod32(serial, tA, tB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if serial {
		gemm.SgemmSerial(tA, tB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
		return
	}
	gemm.Sgemm(tA, tB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
}

// transpose32 sets dst (c×r) to the transpose of src (r×c), in tiles of
// 32×32 so that both sides stay in cache.
func transpose32(dst, src []float32, r, c int) {
	const tile = 32
	for i0 := 0; i0 < r; i0 += tile {
		i1 := min(i0+tile, r)
		for j0 := 0; j0 < c; j0 += tile {
			j1 := min(j0+tile, c)
			for i := i0; i < i1; i++ {
				row := src[i*c : i*c+c]
				for j := j0; j < j1; j++ {
					dst[j*r+i] = row[j]
				}
			}
		}
	}
}
