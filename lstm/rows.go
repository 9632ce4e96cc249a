package lstm

import (
	"math"
	"runtime"
	"sync"

	"github.com/forecaster-dev/forecaster/lstm/internal/vec"
)

// The rows of a batch are independent through time: row b's states at
// step t depend only on row b's states at t−1. For large enough batches a
// layer's run of steps is therefore split into two halves of rows, each
// doing its own recurrent products and element-wise work for every step
// of the run; the second half is offered to a package-wide helper
// goroutine (and done by the caller when the helper is busy). The halves
// meet once per run — a layer's forward pass, or a chunk of steps of its
// backward pass — instead of twice per step. Each half accumulates its own
// partial sums, merged in a fixed order, and the products of a half give
// bit-identical rows to the whole batch's, so the results do not depend on
// which goroutine ran a half, or whether one was run at all.

// splitCells is the smallest B·H for which runs are split in two.
var splitCells = 1024 // a variable so tests can force splitting

// partial holds the sums one half of the rows contributes.
type partial struct {
	hsum, csum []float64 // [t] Σ_b ‖∂L/∂h_t‖, Σ_b ‖∂L/∂c_t‖ (Backward)
	sat        [3]int    // saturated i, f, o gates
	dbsum      []float64 // (4H) ∂L/∂b summed over the half's rows and all steps
	// with layer norm: the gradients of the recurrent (4H) and cell (H)
	// layer norms' gains and biases, summed likewise
	lnhg, lnhb, lncg, lncb []float64
	row                    []float64 // (4H) scratch
}

// A rowJob is the helper's half of a run: steps t0..t1−1 of layer k for
// rows b0..b1−1.
type rowJob struct {
	w      *Workspace
	fwd    bool
	k      int
	t0, t1 int
	b0, b1 int
}

var (
	helperOnce sync.Once
	helperCh   chan rowJob
)

// startRowHelper starts the helper goroutine. It lives as long as the
// process and waits on an unbuffered channel when idle.
func startRowHelper() {
	helperCh = make(chan rowJob)
	go func() {
		for j := range helperCh {
			j.w.runHalf(j.fwd, j.k, j.t0, j.t1, j.b0, j.b1, &j.w.parts[1])
			j.w.done <- struct{}{}
		}
	}()
}

// split reports whether runs of the current batch are split in two.
func (w *Workspace) split() bool {
	return w.b*w.m.cfg.HiddenSize >= splitCells && w.b >= 2
}

func (w *Workspace) resetParts() {
	for i := range w.parts {
		p := &w.parts[i]
		p.sat = [3]int{}
		clear(p.dbsum)
		clear(p.lnhg)
		clear(p.lnhb)
		clear(p.lncg)
		clear(p.lncb)
	}
}

// run computes steps t0..t1−1 of layer k, forward (ascending) or backward
// (descending), for the whole batch; both halves on the calling goroutine
// when alone (the other core is busy: see pipelined).
func (w *Workspace) run(fwd bool, k, t0, t1 int, alone bool) {
	B := w.b
	if !w.split() {
		w.runHalf(fwd, k, t0, t1, 0, B, &w.parts[0])
		if !fwd {
			clear(w.parts[1].hsum[t0:t1])
			clear(w.parts[1].csum[t0:t1])
		}
		return
	}
	h := B / 2
	sent := false
	if !alone && runtime.GOMAXPROCS(0) > 1 {
		helperOnce.Do(startRowHelper)
		select {
		case helperCh <- rowJob{w: w, fwd: fwd, k: k, t0: t0, t1: t1, b0: h, b1: B}:
			sent = true
		default:
		}
	}
	w.runHalf(fwd, k, t0, t1, 0, h, &w.parts[0])
	if sent {
		<-w.done
	} else {
		w.runHalf(fwd, k, t0, t1, h, B, &w.parts[1])
	}
}

// runHalf computes steps t0..t1−1 of layer k for rows b0..b1−1: each
// step's recurrent product and element-wise work.
func (w *Workspace) runHalf(fwd bool, k, t0, t1, b0, b1 int, p *partial) {
	c := w.m.cfg
	lp := &w.m.layers[k]
	l := &w.layers[k]
	B, H := w.b, c.HiddenSize
	G, BH, nb := 4*H, B*H, b1-b0
	prod := mm1 // the other half runs at the same time
	if nb == B {
		prod = mm // the products may use the gemm helper
	}
	if fwd {
		for t := t0; t < t1; t++ {
			hp := l.hs[t*BH+b0*H : t*BH+b1*H]
			if w.f32 != nil {
				w.recur32(k, t, b0, b1, nb != B)
			} else if c.LayerNorm {
				// W_hh h_{t−1}, normalised in fwdRows
				prod(false, true, nb, G, H, 1, hp, H, lp.whh.W, H, 0, w.zh[b0*G:b1*G], G)
			} else {
				beta := 1.0
				if l.fused {
					beta = 0 // fwdRows adds W_ih x_t
				}
				gt := l.gates[t*B*G+b0*G : t*B*G+b1*G]
				prod(false, true, nb, G, H, 1, hp, H, lp.whh.W, H, beta, gt, G)
			}
			w.fwdRows(k, t, b0, b1, p)
		}
		return
	}
	ct := w.ct
	dhNext := w.dhNext[b0*H : b1*H]
	for t := t1 - 1; t >= t0; t-- {
		t0c := t / ct * ct // first step of t's chunk
		dAt := w.dA[(t-t0c)*B*G : (t-t0c+1)*B*G]
		w.bwdRows(k, t, b0, b1, p)
		if c.LayerNorm {
			dr := w.dRec[(t-t0c)*B*G : (t-t0c+1)*B*G]
			for b := b0; b < b1; b++ {
				r := t*B + b
				lnBackward(dr[b*G:(b+1)*G], dAt[b*G:(b+1)*G], l.xhh[r*G:(r+1)*G], l.rh[r], lp.lnhg.W, p.lnhg, p.lnhb)
			}
			prod(false, false, nb, H, G, 1, dr[b0*G:b1*G], G, lp.whh.W, H, 0, dhNext, H)
		} else if w.f32 != nil {
			w.back32(k, t, b0, b1, dAt, nb != B)
		} else {
			prod(false, false, nb, H, G, 1, dAt[b0*G:b1*G], G, lp.whh.W, H, 0, dhNext, H)
		}
	}
}

// fwdRows computes the gates, cell and hidden states of rows b0..b1−1 at step t.
func (w *Workspace) fwdRows(k, t, b0, b1 int, p *partial) {
	c := w.m.cfg
	lp := &w.m.layers[k]
	l := &w.layers[k]
	B, H := w.b, c.HiddenSize
	G, BH := 4*H, B*H
	gt := l.gates[t*B*G : (t+1)*B*G]
	cp := l.cs[t*BH : (t+1)*BH]
	cn := l.cs[(t+1)*BH : (t+2)*BH]
	hn := l.hs[(t+1)*BH : (t+2)*BH]
	tc := l.tc[t*BH : (t+1)*BH]
	bsum := w.bsum[:G]
	for b := b0; b < b1; b++ {
		g := gt[b*G : (b+1)*G]
		if c.LayerNorm {
			r := t*B + b
			zh := w.zh[b*G : (b+1)*G]
			l.rh[r] = lnForward(g, l.xhh[r*G:(r+1)*G], zh, lp.lnhg.W, lp.lnhb.W, true)
		}
		gi, gf, gg, go_ := g[:H], g[H:2*H], g[2*H:3*H], g[3*H:G]
		cpb, cnb := cp[b*H:(b+1)*H], cn[b*H:(b+1)*H]
		hb, tcb := hn[b*H:(b+1)*H], tc[b*H:(b+1)*H]
		// pre-activation g + b + wx·s: the input projection of a single
		// input column is fused in; a few columns are added here
		wx, s := w.zero[:G], 0.0
		if l.fused {
			I := lp.in
			xb := l.x[(t*B+b)*I : (t*B+b+1)*I]
			wih := lp.wih.W[:G*I]
			if I == 1 {
				wx, s = wih, xb[0]
			} else {
				for j := range g {
					s := g[j]
					for i, v := range xb {
						s += wih[j*I+i] * v
					}
					g[j] = s
				}
			}
		}
		if z := w.pre32(k, t, b); z != nil {
			// the float32 product's pre-activations, widened as they are read
			vec.Sigmoid32(g[:2*H], z[:2*H], bsum[:2*H], wx[:2*H], s)
			vec.Tanh32(gg, z[2*H:3*H], bsum[2*H:3*H], wx[2*H:3*H], s)
			vec.Sigmoid32(go_, z[3*H:], bsum[3*H:], wx[3*H:], s)
		} else {
			vec.Sigmoid(g[:2*H], bsum[:2*H], wx[:2*H], s) // i, f
			vec.Tanh(gg, bsum[2*H:3*H], wx[2*H:3*H], s)
			vec.Sigmoid(go_, bsum[3*H:], wx[3*H:], s)
		}
		if !c.LayerNorm {
			vec.Cell(gi, gf, gg, go_, cpb, cnb, tcb, hb)
		} else {
			for j := range H {
				cnb[j] = gf[j]*cpb[j] + gi[j]*gg[j]
			}
		}
		if w.countSat {
			for j := range H {
				if v := gi[j]; v > 0.99 || v < 0.01 {
					p.sat[0]++
				}
				if v := gf[j]; v > 0.99 || v < 0.01 {
					p.sat[1]++
				}
				if v := go_[j]; v > 0.99 || v < 0.01 {
					p.sat[2]++
				}
			}
		}
		if c.LayerNorm {
			r := t*B + b
			l.rc[r] = lnForward(tcb, l.xhc[r*H:(r+1)*H], cnb, lp.lncg.W, lp.lncb.W, false)
			vec.Tanh(tcb, w.zero[:H], w.zero[:H], 0)
			hb, tcb := hb[:H], tcb[:H]
			for j := range H {
				hb[j] = go_[j] * tcb[j]
			}
		}
	}
	if w.f32 != nil {
		vec.To32(w.f32.Layers[k].Hs[(t+1)*BH+b0*H:(t+1)*BH+b1*H], hn[b0*H:b1*H])
	}
}

// bwdRows back-propagates rows b0..b1−1 through step t: from ∂L/∂h_t
// (from above and from t+1) and ∂L/∂c_t (from t+1) to the gate
// pre-activation gradients dA_t and ∂L/∂c_{t−1}.
func (w *Workspace) bwdRows(k, t, b0, b1 int, p *partial) {
	c := w.m.cfg
	lp := &w.m.layers[k]
	l := &w.layers[k]
	B, H := w.b, c.HiddenSize
	G, BH := 4*H, B*H
	gt := l.gates[t*B*G : (t+1)*B*G]
	t0 := t / w.ct * w.ct
	dAt := w.dA[(t-t0)*B*G : (t-t0+1)*B*G]
	cp := l.cs[t*BH : (t+1)*BH]
	tc := l.tc[t*BH : (t+1)*BH]
	du := w.dUp[t*BH : (t+1)*BH]
	dh, dc := w.dh[:BH], w.dc[:BH]
	dhNext, dcNext := w.dhNext[:BH], w.dcNext[:BH]
	dbsum := p.dbsum[:G]
	var hsum, csum float64 // of the half's rows at step t
	for b := b0; b < b1; b++ {
		g := gt[b*G : (b+1)*G]
		da := dAt[b*G : (b+1)*G]
		dhb, dcb := dh[b*H:(b+1)*H], dc[b*H:(b+1)*H]
		dub, dhn, dcn := du[b*H:(b+1)*H], dhNext[b*H:(b+1)*H], dcNext[b*H:(b+1)*H]
		tcb, cpb := tc[b*H:(b+1)*H], cp[b*H:(b+1)*H]
		if !c.LayerNorm {
			hs2, cs2 := vec.Backward(g[:H], g[H:2*H], g[2*H:3*H], g[3*H:G], cpb, tcb, dub, dhn, dcn, da[:H], da[H:2*H], da[2*H:3*H], da[3*H:G])
			hsum += math.Sqrt(hs2)
			csum += math.Sqrt(cs2)
			vec.Add(dbsum, da)
			continue
		}
		// layer norm of the cell state
		var hs2 float64
		for j := range H {
			d := dub[j] + dhn[j]
			dhb[j] = d
			hs2 += d * d
		}
		hsum += math.Sqrt(hs2)
		r := t*B + b
		dn := p.row[:H]
		for j := range H {
			v := tcb[j]
			dn[j] = dhb[j] * g[3*H+j] * (1 - v*v)
		}
		lnBackward(dn, dn, l.xhc[r*H:(r+1)*H], l.rc[r], lp.lncg.W, p.lncg, p.lncb)
		for j := range H {
			dcb[j] = dcn[j] + dn[j]
		}
		var cs2 float64
		for j := range H {
			d := dcb[j]
			cs2 += d * d
			i, f, gv, o := g[j], g[H+j], g[2*H+j], g[3*H+j]
			da[j] = d * gv * i * (1 - i)
			da[H+j] = d * cpb[j] * f * (1 - f)
			da[2*H+j] = d * i * (1 - gv*gv)
			da[3*H+j] = dhb[j] * tcb[j] * o * (1 - o)
			dcn[j] = d * f
		}
		csum += math.Sqrt(cs2)
		for j, v := range da {
			dbsum[j] += v
		}
	}
	p.hsum[t], p.csum[t] = hsum, csum
}
