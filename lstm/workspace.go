package lstm

import (
	"math"
	"math/rand/v2"
	"runtime"

	"github.com/forecaster-dev/forecaster/lstm/internal/f32"
	"github.com/forecaster-dev/forecaster/lstm/internal/vec"
)

// chunkRows is the number of rows (steps × batch) whose gate gradients
// Backward keeps before adding their weight gradients in one product.
var chunkRows = 512 // a variable so tests can force many chunks

// fuseInput is the largest input size whose projection W_ih x_t is done
// in the element-wise step loop (without layer norm) rather than by one
// product over all steps: for a few input columns the product is all
// memory traffic.
const fuseInput = 4

// lnEps is the variance epsilon of every layer norm (torch.nn.LayerNorm's default).
const lnEps = 1e-5

// Workspace holds every buffer of a forward and backward pass for batches
// of up to MaxB sequences of up to MaxT steps, so that passes allocate
// nothing. Buffers are time-major: the block of step t holds B contiguous
// rows. A Workspace belongs to one Model and one goroutine.
type Workspace struct {
	m          *Model
	maxB, maxT int
	b, t       int  // sizes of the last Forward
	train      bool // last Forward used dropout
	rng        *rand.Rand

	x      []float64 // (T,B,I) time-major copy of the input
	layers []layerWS
	y      []float64 // (B,O) head output

	// backward scratch
	dUp []float64 // (T,B,H) ∂L/∂(outputs of the current layer)
	// Backward keeps the gate gradients of a chunk of ct steps only
	// (ct·B ≤ chunkRows): the weight gradients are accumulated chunk by
	// chunk, while the chunk is still in cache.
	ct     int       // steps per chunk of the current Backward
	dA     []float64 // (ct,B,4H) ∂L/∂(gate pre-activations); then ∂L/∂(W_ih x)
	dRec   []float64 // (ct,B,4H) ∂L/∂(W_hh h), layer norm only
	zh     []float64 // (B,4H) W_hh h_{t−1} before layer norm (Forward scratch)
	dxT    []float64 // (T,B,I) ∂L/∂x, time-major
	dh, dc []float64 // (B,H)
	dhNext []float64 // (B,H)
	dcNext []float64 // (B,H)
	bsum   []float64 // (4H) b_ih + b_hh
	zero   []float64 // (4H) zeros

	parts [2]partial    // sums of the two halves of a split step
	done  chan struct{} // the helper finished its half
	// daSlot is the half of the float32 DA the current chunk's gate
	// gradients go to; flushed is closed when the chunk flushed in the
	// background is done (nil when none is: see pipelined)
	daSlot  int
	flushed chan struct{}

	// countSat makes Forward count saturated gates into sat[layer][i,f,o].
	countSat bool
	sat      [][3]int

	// telemetry of the last Backward: [layer][t], mean over the batch of
	// the L2 norm of ∂L/∂h_t and ∂L/∂c_t.
	hGrad, cGrad [][]float64

	f32 *f32.Buffers // the float32 products (Config.Precision "float32"), else nil
}

type layerWS struct {
	x     []float64 // (T,B,in) the input of the last Forward (a view)
	fused bool      // W_ih x_t is added in the step loop, not by one product
	in    []float64 // (T,B,H) input after dropout (layers k>0 with dropout only)
	mask  []float64 // (T,B,H) dropout mask, 0 or 1/(1−p)
	gates []float64 // (T,B,4H) gate activations i, f, g, o
	hs    []float64 // (T+1,B,H) h_0 … h_T
	cs    []float64 // (T+1,B,H) c_0 … c_T
	tc    []float64 // (T,B,H) vec.TanhOf(c_t), or vec.TanhOf(LN(c_t))
	// layer norm only
	xhx, xhh []float64 // (T,B,4H) normalised W_ih x and W_hh h
	rx, rh   []float64 // (T,B) their 1/σ
	xhc      []float64 // (T,B,H) normalised c
	rc       []float64 // (T,B)
}

// NewWorkspace returns a workspace for m for batches up to maxB and
// windows up to maxT steps. Dropout masks are drawn from a PCG stream
// seeded with m's Config.Seed. The buffers of training (dropout masks,
// everything Backward needs, about half the memory) are allocated by the
// first training Forward or Backward, so inference-only workspaces stay
// small.
func NewWorkspace(m *Model, maxB, maxT int) *Workspace {
	if maxB < 1 || maxT < 1 {
		panic("lstm: workspace sizes must be positive")
	}
	c := m.cfg
	H, I, L := c.HiddenSize, c.InputSize, c.Layers
	n := maxB * maxT
	w := &Workspace{
		m: m, maxB: maxB, maxT: maxT,
		rng:    rand.New(rand.NewPCG(c.Seed, 0x64726f706f7574)),
		x:      make([]float64, n*I),
		layers: make([]layerWS, L),
		y:      make([]float64, maxB*c.OutputSize),
		bsum:   make([]float64, 4*H),
		zero:   make([]float64, 4*H),
		zh:     make([]float64, maxB*4*H),
		done:   make(chan struct{}, 1),
		sat:    make([][3]int, L),
		hGrad:  make([][]float64, L),
		cGrad:  make([][]float64, L),
	}
	for i := range w.parts {
		p := &w.parts[i]
		p.dbsum = make([]float64, 4*H)
		p.row = make([]float64, 4*H)
		if c.LayerNorm {
			p.lnhg, p.lnhb = make([]float64, 4*H), make([]float64, 4*H)
			p.lncg, p.lncb = make([]float64, H), make([]float64, H)
		}
	}
	for k := range w.layers {
		l := &w.layers[k]
		l.gates = make([]float64, n*4*H)
		l.hs = make([]float64, (n+maxB)*H)
		l.cs = make([]float64, (n+maxB)*H)
		l.tc = make([]float64, n*H)
		if c.LayerNorm {
			l.xhx = make([]float64, n*4*H)
			l.xhh = make([]float64, n*4*H)
			l.rx = make([]float64, n)
			l.rh = make([]float64, n)
			l.xhc = make([]float64, n*H)
			l.rc = make([]float64, n)
		}
		w.hGrad[k] = make([]float64, maxT)
		w.cGrad[k] = make([]float64, maxT)
	}
	if c.float32() {
		w.f32 = newF32(m, maxB, maxT)
	}
	return w
}

// ensureTraining allocates the buffers only training needs: dropout
// masks and everything Backward uses. Inference workspaces never do.
func (w *Workspace) ensureTraining() {
	if w.dUp != nil {
		return
	}
	c := w.m.cfg
	H, I := c.HiddenSize, c.InputSize
	n := w.maxB * w.maxT
	w.dUp = make([]float64, n*H)
	w.dxT = make([]float64, n*I)
	w.dh = make([]float64, w.maxB*H)
	w.dc = make([]float64, w.maxB*H)
	w.dhNext = make([]float64, w.maxB*H)
	w.dcNext = make([]float64, w.maxB*H)
	for i := range w.parts {
		w.parts[i].hsum = make([]float64, w.maxT)
		w.parts[i].csum = make([]float64, w.maxT)
	}
	rows := min(n, max(chunkRows, w.maxB))
	w.dA = make([]float64, rows*4*H)
	if c.LayerNorm {
		w.dRec = make([]float64, rows*4*H)
	}
	if w.f32 != nil {
		w.f32.EnsureTraining(I, H, w.maxB, w.maxT, rows, c.Dropout > 0)
	}
	for k := range w.layers {
		l := &w.layers[k]
		if k > 0 && c.Dropout > 0 {
			l.in = make([]float64, n*H)
			l.mask = make([]float64, n*H)
		}
	}
}

// Model returns the model the workspace belongs to.
func (w *Workspace) Model() *Model { return w.m }

// SeedDropout restarts the dropout stream.
func (w *Workspace) SeedDropout(seed uint64) {
	w.rng = rand.New(rand.NewPCG(seed, 0x64726f706f7574))
}

// lnForward normalises z (length n) into xh, returns 1/σ and writes
// gain·xh + bias to out, or adds it when add is set.
func lnForward(out, xh, z, gain, bias []float64, add bool) float64 {
	n := len(z)
	var mean float64
	for _, v := range z {
		mean += v
	}
	mean /= float64(n)
	var vr float64
	for _, v := range z {
		d := v - mean
		vr += d * d
	}
	vr /= float64(n)
	r := 1 / math.Sqrt(vr+lnEps)
	xh = xh[:n]
	out = out[:n]
	gain = gain[:n]
	bias = bias[:n]
	if add {
		for j, v := range z {
			x := (v - mean) * r
			xh[j] = x
			out[j] += gain[j]*x + bias[j]
		}
	} else {
		for j, v := range z {
			x := (v - mean) * r
			xh[j] = x
			out[j] = gain[j]*x + bias[j]
		}
	}
	return r
}

// lnBackward turns dout (length n, ∂L/∂(gain·xh+bias)) into ∂L/∂z in dz
// (which may alias dout) and adds the gain and bias gradients.
func lnBackward(dz, dout, xh []float64, r float64, gain, dgain, dbias []float64) {
	n := len(dout)
	xh, gain, dgain, dbias, dz = xh[:n], gain[:n], dgain[:n], dbias[:n], dz[:n]
	var s1, s2 float64
	for j, d := range dout {
		dgain[j] += d * xh[j]
		dbias[j] += d
		dx := d * gain[j]
		s1 += dx
		s2 += dx * xh[j]
	}
	s1 /= float64(n)
	s2 /= float64(n)
	for j, d := range dout {
		dz[j] = r * (d*gain[j] - s1 - xh[j]*s2)
	}
}

// Forward runs the network on x, (B,T,I) row-major, from the initial
// states h0 and c0, (L,B,H) each, or zeros when nil. With train set,
// dropout is applied between layers. Results are read with Outputs,
// FinalState and Head; Backward needs them unchanged. x, h0 and c0 are not
// modified or retained.
func (w *Workspace) Forward(x, h0, c0 []float64, B, T int, train bool) {
	m := w.m
	c := m.cfg
	H, I, L := c.HiddenSize, c.InputSize, c.Layers
	if B < 1 || T < 1 || B > w.maxB || T > w.maxT {
		panic("lstm: batch or window larger than the workspace")
	}
	if len(x) != B*T*I {
		panic("lstm: input length mismatch")
	}
	if (h0 != nil && len(h0) != L*B*H) || (c0 != nil && len(c0) != L*B*H) {
		panic("lstm: initial state length mismatch")
	}
	w.b, w.t, w.train = B, T, train
	if train {
		w.ensureTraining()
	}
	// time-major copy of x
	for b := 0; b < B; b++ {
		for t := 0; t < T; t++ {
			copy(w.x[(t*B+b)*I:(t*B+b+1)*I], x[(b*T+t)*I:(b*T+t+1)*I])
		}
	}
	BH, G := B*H, 4*H
	for k := range w.layers {
		lp := &m.layers[k]
		l := &w.layers[k]
		in := w.layerInput(k, B, T, train)
		n := T * B
		gates := l.gates[:n*G]
		// input projections of all steps in one product; the biases are
		// added in the step loop
		bsum := w.bsum[:G]
		for j := range bsum {
			bsum[j] = lp.bih.W[j] + lp.bhh.W[j]
		}
		l.fused = !c.LayerNorm && lp.in <= fuseInput
		if c.LayerNorm {
			// W_ih x into xhx, normalised in place
			mm(false, true, n, G, lp.in, 1, in, lp.in, lp.wih.W, lp.in, 0, l.xhx[:n*G], G)
			for r := 0; r < n; r++ {
				xh := l.xhx[r*G : (r+1)*G]
				l.rx[r] = lnForward(gates[r*G:(r+1)*G], xh, xh, lp.lnxg.W, lp.lnxb.W, false)
			}
		} else if !l.fused && w.f32 == nil {
			mm(false, true, n, G, lp.in, 1, in, lp.in, lp.wih.W, lp.in, 0, gates, G)
		}
		l.x = in
		w.resetParts()
		if h0 != nil {
			copy(l.hs[:BH], h0[k*BH:(k+1)*BH])
		} else {
			clear(l.hs[:BH])
		}
		if c0 != nil {
			copy(l.cs[:BH], c0[k*BH:(k+1)*BH])
		} else {
			clear(l.cs[:BH])
		}
		if w.f32 != nil {
			w.forward32(k)
		}
		w.run(true, k, 0, T, false)
		w.sat[k] = w.parts[0].sat
		for j, v := range w.parts[1].sat {
			w.sat[k][j] += v
		}
	}
	// head on the last hidden state of the top layer
	O := c.OutputSize
	hT := w.layers[L-1].hs[T*BH : (T+1)*BH]
	y := w.y[:B*O]
	for b := 0; b < B; b++ {
		copy(y[b*O:(b+1)*O], m.headB.W)
	}
	mm(false, true, B, O, H, 1, hT, H, m.headW.W, H, 1, y, O)
}

// layerInput returns the (T·B, in) input of layer k, applying (and
// drawing) the dropout mask for k > 0 when training.
func (w *Workspace) layerInput(k, B, T int, train bool) []float64 {
	H := w.m.cfg.HiddenSize
	if k == 0 {
		return w.x[:T*B*w.m.cfg.InputSize]
	}
	prev := w.layers[k-1].hs[B*H : (T+1)*B*H]
	p := w.m.cfg.Dropout
	if !train || p == 0 {
		return prev
	}
	l := &w.layers[k]
	scale := 1 / (1 - p)
	in, mask := l.in[:len(prev)], l.mask[:len(prev)]
	for j, v := range prev {
		s := scale
		if w.rng.Float64() < p {
			s = 0
		}
		mask[j] = s
		in[j] = v * s
	}
	return in
}

// Head returns the (B,O) output of the dense head of the last Forward.
// The slice is owned by w and overwritten by the next Forward.
func (w *Workspace) Head() []float64 { return w.y[:w.b*w.m.cfg.OutputSize] }

// Outputs copies the top layer's hidden states of every step of the last
// Forward into dst, (B,T,H) like nn.LSTM's output with batch_first, and
// returns it. A nil dst is allocated.
func (w *Workspace) Outputs(dst []float64) []float64 {
	B, T, H := w.b, w.t, w.m.cfg.HiddenSize
	if dst == nil {
		dst = make([]float64, B*T*H)
	}
	if len(dst) != B*T*H {
		panic("lstm: output length mismatch")
	}
	hs := w.layers[len(w.layers)-1].hs
	for t := 0; t < T; t++ {
		for b := 0; b < B; b++ {
			copy(dst[(b*T+t)*H:(b*T+t+1)*H], hs[((t+1)*B+b)*H:((t+1)*B+b+1)*H])
		}
	}
	return dst
}

// FinalState copies the final states h_T and c_T of every layer of the
// last Forward into h and c, (L,B,H) each like nn.LSTM's (h_n, c_n). A nil
// destination is skipped.
func (w *Workspace) FinalState(h, c []float64) {
	B, T, H := w.b, w.t, w.m.cfg.HiddenSize
	BH := B * H
	for k := range w.layers {
		l := &w.layers[k]
		if h != nil {
			copy(h[k*BH:(k+1)*BH], l.hs[T*BH:(T+1)*BH])
		}
		if c != nil {
			copy(c[k*BH:(k+1)*BH], l.cs[T*BH:(T+1)*BH])
		}
	}
}

// Backward back-propagates through time from the last Forward and ADDS
// the gradient of every parameter to its Param.G (call Model.ZeroGrad
// first for a fresh gradient). The incoming gradients, each optional (nil
// means zero), are dy (B,O) for the head output, dOut (B,T,H) for the top
// layer's outputs, and dhN, dcN (L,B,H) for the final states. When non-nil,
// dx (B,T,I), dh0 and dc0 (L,B,H) receive the gradients of the input and
// the initial states (they are overwritten, not accumulated). The weights
// and the incoming gradients are not modified.
func (w *Workspace) Backward(dx, dh0, dc0, dy, dOut, dhN, dcN []float64) {
	m := w.m
	c := m.cfg
	B, T := w.b, w.t
	H, I, L, O := c.HiddenSize, c.InputSize, c.Layers, c.OutputSize
	BH, n := B*H, B*T
	if B == 0 {
		panic("lstm: Backward before Forward")
	}
	w.ensureTraining()
	if (dx != nil && len(dx) != B*T*I) || (dy != nil && len(dy) != B*O) || (dOut != nil && len(dOut) != B*T*H) ||
		(dh0 != nil && len(dh0) != L*BH) || (dc0 != nil && len(dc0) != L*BH) ||
		(dhN != nil && len(dhN) != L*BH) || (dcN != nil && len(dcN) != L*BH) {
		panic("lstm: gradient length mismatch")
	}
	ct := min(T, max(1, chunkRows/B))
	w.ct = ct
	top := &w.layers[L-1]
	dUp := w.dUp[:n*H]
	// gradient reaching the top layer's outputs
	if dOut != nil {
		for t := 0; t < T; t++ {
			for b := 0; b < B; b++ {
				copy(dUp[(t*B+b)*H:(t*B+b+1)*H], dOut[(b*T+t)*H:(b*T+t+1)*H])
			}
		}
	} else {
		clear(dUp)
	}
	if dy != nil {
		hT := top.hs[T*BH : (T+1)*BH]
		mm(true, false, O, H, B, 1, dy, O, hT, H, 1, m.headW.G, H)
		for b := 0; b < B; b++ {
			for j, v := range dy[b*O : (b+1)*O] {
				m.headB.G[j] += v
			}
		}
		mm(false, false, B, H, O, 1, dy, O, m.headW.W, H, 1, dUp[(T-1)*BH:T*BH], H)
	}
	for k := L - 1; k >= 0; k-- {
		lp := &m.layers[k]

		dhNext, dcNext := w.dhNext[:BH], w.dcNext[:BH]
		if dhN != nil {
			copy(dhNext, dhN[k*BH:(k+1)*BH])
		} else {
			clear(dhNext)
		}
		if dcN != nil {
			copy(dcNext, dcN[k*BH:(k+1)*BH])
		} else {
			clear(dcNext)
		}
		hGrad, cGrad := w.hGrad[k][:T], w.cGrad[k][:T]
		w.resetParts()
		// chunks of ct steps, the last one first: their gate gradients,
		// then their weight gradients
		pipe := w.pipelined(dx)
		for t0 := (T - 1) / ct * ct; t0 >= 0; t0 -= ct {
			t1 := min(t0+ct, T)
			// pipelined: both halves here, while the other core flushes
			// the chunk before
			w.run(false, k, t0, t1, pipe)
			for t := t0; t < t1; t++ {
				hGrad[t] = (w.parts[0].hsum[t] + w.parts[1].hsum[t]) / float64(B)
				cGrad[t] = (w.parts[0].csum[t] + w.parts[1].csum[t]) / float64(B)
			}
			if pipe {
				w.flushBehind(k, t0, t1)
			} else {
				w.flushChunk(k, t0, t1, dx, w.chunkDA(), false)
			}
		}
		w.waitFlushed()
		if dh0 != nil {
			copy(dh0[k*BH:(k+1)*BH], dhNext)
		}
		if dc0 != nil {
			copy(dc0[k*BH:(k+1)*BH], dcNext)
		}
		for j, v := range w.parts[0].dbsum {
			if w.split() {
				v += w.parts[1].dbsum[j]
			}
			lp.bih.G[j] += v
			lp.bhh.G[j] += v
		}
		if c.LayerNorm {
			for i := range w.parts {
				if i == 1 && !w.split() {
					break
				}
				p := &w.parts[i]
				vec.Add(lp.lnhg.G, p.lnhg)
				vec.Add(lp.lnhb.G, p.lnhb)
				vec.Add(lp.lncg.G, p.lncg)
				vec.Add(lp.lncb.G, p.lncb)
			}
		}
	}
	if w.f32 != nil {
		w.grads32()
	}
}

// pipelined reports whether Backward flushes each chunk's weight gradients
// in the background while it computes the next chunk's gate gradients: a
// float32 batch large enough to split (split) on more than one core,
// without layer norm or an input gradient (dx), whose flushes read the
// float64 chunk buffers the next chunk writes. The other core then does
// the flushes' products, and this one the recurrence, which alone depends
// from chunk to chunk; split into halves of rows instead, both cores met
// at every chunk and the products of a few rows kept them under-used
// (the backward pass of B=64, T=96, H=128, L=2 ran 1.3 times faster on two
// cores than on one). The results are the same bits: the same halves of
// rows, their sums added in the same order, and the flushes one at a time
// in chunk order.
func (w *Workspace) pipelined(dx []float64) bool {
	return pipelineBackward && w.f32 != nil && dx == nil && !w.m.cfg.LayerNorm && w.split() && runtime.GOMAXPROCS(0) > 1
}

// pipelineBackward enables pipelined; a variable so tests can compare.
var pipelineBackward = true

// chunkDA is the half of the float32 DA of the current chunk (nil in
// float64).
func (w *Workspace) chunkDA() []float32 {
	if w.f32 == nil {
		return nil
	}
	half := len(w.f32.DA) / 2
	return w.f32.DA[w.daSlot*half : (w.daSlot+1)*half]
}

// flushBehind waits for the chunk flushing in the background, starts the
// flush of steps t0..t1−1 of layer k (whose gate gradients are in the
// current half of DA) in its place, and moves the next chunk to the other
// half.
func (w *Workspace) flushBehind(k, t0, t1 int) {
	w.waitFlushed()
	da, done := w.chunkDA(), make(chan struct{})
	w.flushed = done
	go func() { // ends when the chunk is flushed; waitFlushed waits for it
		w.flushChunk(k, t0, t1, nil, da, false)
		close(done)
	}()
	w.daSlot ^= 1
}

// waitFlushed waits for the chunk flushing in the background, if any.
func (w *Workspace) waitFlushed() {
	if w.flushed != nil {
		<-w.flushed
		w.flushed = nil
	}
}

// flushChunk adds the weight gradients of steps t0..t1−1 of layer k, whose
// gate gradients are in w.dA (and w.dRec; in float32, da), and writes the
// gradient of the layer's input at those steps: into dUp for the layer
// below, or into dx. Its float32 products run on the calling goroutine
// alone when serial.
func (w *Workspace) flushChunk(k, t0, t1 int, dx []float64, da []float32, serial bool) {
	c := w.m.cfg
	lp := &w.m.layers[k]
	l := &w.layers[k]
	B, T, H, G := w.b, w.t, c.HiddenSize, 4*c.HiddenSize
	r0, nr := t0*B, (t1-t0)*B
	dA := w.dA[:nr*G]
	dRec := dA
	if c.LayerNorm {
		dRec = w.dRec[:nr*G]
		for i := 0; i < nr; i++ {
			r := r0 + i
			d := dA[i*G : (i+1)*G]
			lnBackward(d, d, l.xhx[r*G:(r+1)*G], l.rx[r], lp.lnxg.W, lp.lnxg.G, lp.lnxb.G)
		}
	}
	if w.f32 != nil {
		w.flush32(k, r0, nr, da, serial)
	} else {
		// h_{t−1} of step t is row t of hs
		mm(true, false, G, H, nr, 1, dRec, G, l.hs[r0*H:(r0+nr)*H], H, 1, lp.whh.G, H)
		in := w.inputOf(k)[r0*lp.in : (r0+nr)*lp.in]
		mm(true, false, G, lp.in, nr, 1, dA, G, in, lp.in, 1, lp.wih.G, lp.in)
	}
	switch {
	case k > 0:
		dUp := w.dUp[r0*H : (r0+nr)*H]
		if w.f32 == nil {
			mm(false, false, nr, H, G, 1, dA, G, lp.wih.W, H, 0, dUp, H)
		}
		if w.train && c.Dropout > 0 {
			for j, s := range l.mask[r0*H : (r0+nr)*H] {
				dUp[j] *= s
			}
		}
	case dx != nil:
		I := c.InputSize
		dxT := w.dxT[r0*I : (r0+nr)*I]
		mm(false, false, nr, I, G, 1, dA, G, lp.wih.W, I, 0, dxT, I)
		for t := t0; t < t1; t++ {
			for b := 0; b < B; b++ {
				src := dxT[((t-t0)*B+b)*I : ((t-t0)*B+b+1)*I]
				copy(dx[(b*T+t)*I:(b*T+t+1)*I], src)
			}
		}
	}
}

// inputOf returns the input layer k saw in the last Forward.
func (w *Workspace) inputOf(k int) []float64 {
	B, T := w.b, w.t
	if k == 0 {
		return w.x[:T*B*w.m.cfg.InputSize]
	}
	H := w.m.cfg.HiddenSize
	if w.train && w.m.cfg.Dropout > 0 {
		return w.layers[k].in[:T*B*H]
	}
	return w.layers[k-1].hs[B*H : (T+1)*B*H]
}

// GradByTime returns, for layer k, the batch mean of ‖∂L/∂h_t‖ and
// ‖∂L/∂c_t‖ for t = 0…T−1 from the last Backward. The slices are owned by w.
func (w *Workspace) GradByTime(k int) (h, c []float64) {
	return w.hGrad[k][:w.t], w.cGrad[k][:w.t]
}
