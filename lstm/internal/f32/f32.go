package f32

import "github.com/forecaster-dev/forecaster/lstm/internal/gemm"

// Buffers are the float32 operands and results of the products of one
// lstm workspace: time-major like it, the block of step t holding B rows.
type Buffers struct {
	Layers []Layer
	X      []float32 // (T,B,I) the input
	Gates  []float32 // (T,B,4H) pre-activations of the layer being run
	Step   []float32 // (B,4H) those of one step, when the input is fused
	// training only (EnsureTraining)
	DA  []float32 // (2,ct,B,4H) two chunks' gate gradients: one chunk's weight gradients are flushed while the next chunk's are computed (lstm's pipelined Backward)
	Dh  []float32 // (B,H) W_hhᵀ dA_t
	DUp []float32 // (ct,B,H) a chunk's gradient for the layer below
}

// Layer holds one layer's float32 weights, gradients and states.
type Layer struct {
	Wih, Whh []float32 // (4H,in), (4H,H), rounded at every Forward
	// and transposed, (in,4H) and (H,4H): the forward products read them
	// as plain matrices, which gemm reads in place for a few rows of A
	// instead of packing all of W_hh at every step
	WihT, WhhT []float32
	GWih, GWhh []float32 // their gradients from the last Backward (training only)
	Hs         []float32 // (T+1,B,H) h_0 … h_T
	In         []float32 // (T,B,H) input after dropout (layers k > 0 with dropout, training only)
}

// New returns the buffers of an L-layer network of input size I and
// hidden size H, for batches of up to maxB sequences of up to maxT steps.
func New(I, H, L, maxB, maxT int) *Buffers {
	n := maxB * maxT
	f := &Buffers{
		Layers: make([]Layer, L),
		X:      make([]float32, n*I),
		Gates:  make([]float32, n*4*H),
		Step:   make([]float32, maxB*4*H),
	}
	for k := range f.Layers {
		in := H
		if k == 0 {
			in = I
		}
		l := &f.Layers[k]
		l.Wih, l.WihT = make([]float32, 4*H*in), make([]float32, 4*H*in)
		l.Whh, l.WhhT = make([]float32, 4*H*H), make([]float32, 4*H*H)
		l.Hs = make([]float32, (n+maxB)*H)
	}
	return f
}

// EnsureTraining allocates, once, what only backward passes use; rows is
// the size of a chunk of gate gradients (DA holds two) and dropout whether layers above
// the first see their input through dropout.
func (f *Buffers) EnsureTraining(I, H, maxB, maxT, rows int, dropout bool) {
	if f.DA != nil {
		return
	}
	f.DA = make([]float32, 2*rows*4*H)
	f.Dh = make([]float32, maxB*H)
	f.DUp = make([]float32, rows*H)
	for k := range f.Layers {
		l := &f.Layers[k]
		l.GWih = make([]float32, len(l.Wih))
		l.GWhh = make([]float32, len(l.Whh))
		if k > 0 && dropout {
			l.In = make([]float32, maxB*maxT*H)
		}
	}
}

// Mul is gemm.Sgemm with alpha 1 (c = op(a)·op(b) + beta·c), on the
// calling goroutine alone when serial (the other half of a batch runs at
// the same time).
func Mul(serial, tA, tB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if serial {
		gemm.SgemmSerial(tA, tB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
		return
	}
	gemm.Sgemm(tA, tB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
}

// Transpose sets dst (c×r) to the transpose of src (r×c), in blocks of
// 8×8 held in registers: each block reads 8 rows of src and writes 8 rows
// of dst, 32 bytes each. (Tiles of 32×32 wrote 32 rows of dst per tile,
// which for r = 1024 lie 4 KiB apart, all in one set of the L1 cache: the
// W_hh of H = 256 took 1.7 ms, now 0.15 ms: BenchmarkTranspose.) Edges narrower than a block
// are copied element by element.
func Transpose(dst, src []float32, r, c int) {
	const bk = 8
	dst, src = dst[:r*c], src[:r*c]
	r8, c8 := r/bk*bk, c/bk*bk
	for i0 := 0; i0 < r8; i0 += bk {
		for j0 := 0; j0 < c8; j0 += bk {
			var blk [bk][bk]float32
			for a := range bk {
				blk[a] = *(*[bk]float32)(src[(i0+a)*c+j0:])
			}
			for b := range bk {
				d := (*[bk]float32)(dst[(j0+b)*r+i0:])
				for a := range bk {
					d[a] = blk[a][b]
				}
			}
		}
	}
	for i := 0; i < r; i++ { // the edges: columns from c8, and rows from r8
		j0 := c8
		if i >= r8 {
			j0 = 0
		}
		row := src[i*c : i*c+c]
		for j := j0; j < c; j++ {
			dst[j*r+i] = row[j]
		}
	}
}

// AddTo adds src, widened, to dst and clears src.
func AddTo(dst []float64, src []float32) {
	dst = dst[:len(src)]
	for j, v := range src {
		dst[j] += float64(v)
	}
	clear(src)
}
