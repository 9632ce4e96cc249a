package gemm

import (
	"math"
	"sync"
	"sync/atomic"
)

// Dgemm computes
//
//	C = alpha * op(A) * op(B) + beta * C
//
// where op(A) is m×k, op(B) is k×n and C is m×n, all stored row-major with
// row strides lda, ldb and ldc. op(X) is Xᵀ when the corresponding trans flag
// is true and X otherwise. The arguments and their checks follow gonum's
// blas64.Dgemm; Dgemm panics on negative sizes, too small strides or too short
// slices. When beta == 0, C is not read. A large product is shared with a
// helper goroutine (see splitRun).
func Dgemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	dgemm(true, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// DgemmSerial is Dgemm computed on the calling goroutine alone, for callers
// that run products in parallel themselves. Its results are bit-identical
// to Dgemm's.
func DgemmSerial(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	dgemm(false, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func dgemm(share, transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	checkArgs(transA, transB, m, n, k, lda, ldb, ldc)
	if m == 0 || n == 0 {
		return
	}
	checkLens(transA, transB, m, n, k, lda, len(a), ldb, len(b), ldc, len(c))
	if (alpha == 0 || k == 0) && beta == 1 {
		return
	}

	p := problem{
		transA: transA, transB: transB,
		m: m, n: n, k: k,
		alpha: alpha, a: a, lda: lda,
		b: b, ldb: ldb,
		beta: beta, c: c, ldc: ldc,
	}
	if share && alpha != 0 && k != 0 && parallel && int64(m)*int64(n)*int64(k) >= parallelMinWork {
		p.splitRun()
		return
	}
	p.run()
}

// problem holds the arguments of one Dgemm call, or of the part of it one
// goroutine computes.
type problem struct {
	transA, transB bool
	m, n, k        int
	alpha          float64
	a              []float64
	lda            int
	b              []float64
	ldb            int
	beta           float64
	c              []float64
	ldc            int
}

// parallelMinWork is the smallest m*n*k for which Dgemm shares the product
// with the helper goroutine. Below it, waking the helper (several µs)
// costs more than it gains. Chosen from lstm's BenchmarkTrainStep with
// 1<<21 to 1<<24 and no sharing on a 2-core machine shared with other
// jobs (load 5–10): 1<<22 was fastest or level in most runs, but the
// differences were within the noise of such a machine.
var parallelMinWork int64 = 1 << 22

// parallel enables sharing products with the helper goroutine; tests
// switch it off to cover the serial path.
var parallel = true

const (
	minChunk = 32 // fewest rows or columns of C in a piece
	// Every piece packs its own copy of the operand it shares with the
	// other pieces: op(B) for bands of rows, op(A) for bands of columns.
	// When that operand has more than maxShared elements, packing it again
	// costs more than finer balance gains, and a product is cut in two
	// pieces; otherwise in up to eight, so that a caller whose helper is
	// descheduled mid-product (a busy machine) waits for one small piece
	// at most. Measured with lstm's BenchmarkTrainStep on 2 busy cores:
	// eight pieces were level with no sharing, four up to 10% slower.
	maxShared = 1 << 16
)

// splitRun computes p in two to eight pieces, bands of rows or columns
// of C, which the calling goroutine and the helper goroutine claim one at a
// time. If the helper is busy or does not start before the caller has
// claimed every piece, the caller computes them all and returns without
// waiting for it; otherwise it waits for the helper's last piece.
func (p *problem) splitRun() {
	j := jobs.get()
	if !j.plan(p.m, p.n, p.k, activeKernel.mr, activeKernel.nr) {
		jobs.put(j)
		p.run()
		return
	}
	j.p = *p
	j.share()
}

// plan cuts an m×n product over k into pieces of whole tiles of mr×nr,
// bands of rows when m is the larger side, and reports whether there are
// at least two.
func (j *job) plan(m, n, k, mr, nr int) bool {
	var pieces, size int
	switch {
	case m >= n && m >= 2*minChunk:
		pieces = min(maxPieces(k*n), m/minChunk)
		size = (m + pieces - 1) / pieces
		size = (size + mr - 1) / mr * mr
		j.byRows = true
		j.pieces = (m + size - 1) / size
	case n >= 2*minChunk:
		pieces = min(maxPieces(k*m), n/minChunk)
		size = (n + pieces - 1) / pieces
		size = (size + nr - 1) / nr * nr
		j.byRows = false
		j.pieces = (n + size - 1) / size
	default:
		return false
	}
	j.size = size
	return true
}

// share computes the planned job j with the helper goroutine if it is
// free (see splitRun).
func (j *job) share() {
	j.next.Store(0)
	j.state.Store(jobNew)
	j.wg.Add(1)

	helper.Do(startHelper)
	sent := false
	select {
	case helperJobs <- j:
		sent = true
	default: // the helper is busy with another caller's product
	}
	j.work()
	if sent && j.state.CompareAndSwap(jobNew, jobCancelled) {
		// The helper has not started and now never will; it recycles j.
		return
	}
	if !sent {
		j.wg.Done()
	}
	j.wg.Wait()
	j.drop()
	jobs.put(j)
}

// drop drops j's references to the caller's slices.
func (j *job) drop() {
	j.p = problem{}
	j.sp = sproblem{}
	j.f32 = false
}

// maxPieces returns the number of pieces for a product whose shared operand
// has the given number of elements.
func maxPieces(shared int) int {
	if shared > maxShared {
		return 2
	}
	return 8
}

// A job is a product shared between a caller and the helper goroutine.
type job struct {
	p      problem
	sp     sproblem     // the product when f32
	f32    bool         // the product is Sgemm's, sp
	byRows bool         // pieces are bands of size rows (or else columns) of C
	size   int          // rows or columns per piece
	pieces int          // number of pieces
	next   atomic.Int64 // the next piece to claim
	state  atomic.Int32 // jobNew, then jobStarted by the helper or jobCancelled by the caller
	wg     sync.WaitGroup
}

const (
	jobNew = iota
	jobStarted
	jobCancelled
)

// work computes pieces of j until none is left.
func (j *job) work() {
	for {
		i := int(j.next.Add(1)) - 1
		if i >= j.pieces {
			return
		}
		lo := i * j.size
		if j.f32 {
			j.sp.piece(j.byRows, lo, j.size).run()
			continue
		}
		q := j.p
		if j.byRows {
			q.m = min(j.size, j.p.m-lo)
			if q.transA {
				q.a = q.a[lo:]
			} else {
				q.a = q.a[lo*q.lda:]
			}
			q.c = q.c[lo*q.ldc:]
		} else {
			q.n = min(j.size, j.p.n-lo)
			if q.transB {
				q.b = q.b[lo*q.ldb:]
			} else {
				q.b = q.b[lo:]
			}
			q.c = q.c[lo:]
		}
		q.run()
	}
}

var jobs = newFreeList[job](4)

var (
	helper     sync.Once
	helperJobs = make(chan *job)
)

// startHelper starts the helper goroutine. It is started by the first
// product large enough to be shared and runs for the life of the process,
// blocked on helperJobs when idle. Handing it a product through the
// channel does not allocate, unlike a go statement per call.
func startHelper() {
	go func() {
		for j := range helperJobs {
			if !j.state.CompareAndSwap(jobNew, jobStarted) {
				// The caller finished alone and left j to us.
				j.drop()
				j.wg.Done()
				jobs.put(j)
				continue
			}
			j.work()
			j.wg.Done()
		}
	}()
}

// workspace holds the packing buffers of one goroutine.
type workspace struct {
	a, b []float64 // packed blocks of op(A) and op(B)
	tile []float64 // scratch mr×nr tile for the edges of C
}

// workspaces keeps the packing buffers between calls: at most one for each
// goroutine computing at once (the caller and the helper, more when several
// goroutines call Dgemm), each at most mc×kc + kc×nc elements, about 4 MiB.
var workspaces = newFreeList[workspace](4)

// A freeList keeps up to a fixed number of values for reuse. Unlike a
// sync.Pool it never drops them, also not at random as under the race
// detector, so steady-state calls allocate nothing in race-enabled tests
// too; the price is that the values it holds are never freed.
type freeList[T any] struct{ free chan *T }

func newFreeList[T any](n int) freeList[T] { return freeList[T]{make(chan *T, n)} }

// get returns a kept value, or a new one if none is left.
func (f freeList[T]) get() *T {
	select {
	case x := <-f.free:
		return x
	default:
		return new(T)
	}
}

// put keeps x for reuse if there is room, and drops it otherwise.
func (f freeList[T]) put(x *T) {
	select {
	case f.free <- x:
	default:
	}
}

// grow returns s resliced to length n, reallocating only if its capacity is
// too small.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// run computes p on the calling goroutine.
func (p *problem) run() {
	if p.alpha == 0 || p.k == 0 {
		scale(p.m, p.n, p.beta, p.c, p.ldc)
		return
	}
	kern := activeKernel
	if kern.fnT != nil && p.transB && !p.transA && p.m <= kern.directM && p.m%kern.tnr == 0 && p.n%kern.tmr == 0 {
		p.runTransposed(kern)
		return
	}
	mr, nr := kern.mr, kern.nr
	mc, kc, nc := kern.mc, kern.kc, kern.nc
	// With few rows of A, each panel of op(B) is used only a few times and
	// copying it costs more than the kernel loses by reading it in place.
	direct := !p.transB && p.m <= kern.directM

	ws := workspaces.get()
	kcMax := min(kc, p.k)
	ws.a = grow(ws.a, (min(mc, p.m)+mr-1)/mr*mr*kcMax)
	if direct {
		ws.b = grow(ws.b, nr*kcMax)
	} else {
		ws.b = grow(ws.b, (min(nc, p.n)+nr-1)/nr*nr*kcMax)
	}
	ws.tile = grow(ws.tile, mr*nr)

	for jc := 0; jc < p.n; jc += nc {
		ncur := min(nc, p.n-jc)
		for pc := 0; pc < p.k; pc += kc {
			kcur := min(kc, p.k-pc)
			var b []float64
			bStride := 0
			if direct {
				b, bStride = p.b[pc*p.ldb+jc:], p.ldb
				if full := ncur / nr * nr; full < ncur {
					// The last, partial panel is packed with zero padding.
					packB(kern, ws.b, false, p.b, p.ldb, pc, kcur, jc+full, ncur-full)
				}
			} else {
				b = ws.b
				packB(kern, ws.b, p.transB, p.b, p.ldb, pc, kcur, jc, ncur)
			}
			for ic := 0; ic < p.m; ic += mc {
				mcur := min(mc, p.m-ic)
				packA(kern, ws.a, p.transA, p.a, p.lda, ic, mcur, pc, kcur)
				// The first block of k applies beta; later ones add to it.
				beta := 1.0
				if pc == 0 {
					beta = p.beta
				}
				macroKernel(kern, mcur, ncur, kcur, p.alpha, beta, ws.a, b, bStride, ws.b, p.c[ic*p.ldc+jc:], p.ldc, ws.tile)
			}
		}
	}
	workspaces.put(ws)
}

// runTransposed computes p, which has a transposed op(B), an untransposed
// op(A), m a multiple of tnr and n of tmr, as Cᵀ = B·op(A)ᵀ with kern.fnT:
// the tmr rows of B that make tmr columns of C are read in place, and
// op(A)ᵀ is packed in panels of tnr of its columns. With m small, this
// packs m×k elements where the usual way would transpose all n×k of B.
func (p *problem) runTransposed(kern *kernel) {
	mr, nr, kc := kern.tmr, kern.tnr, kern.kc
	ws := workspaces.get()
	ws.b = grow(ws.b, p.m*min(kc, p.k))
	for pc := 0; pc < p.k; pc += kc {
		kcur := min(kc, p.k-pc)
		packCols(kern, ws.b, nr, p.a[pc:], p.lda, kcur, p.m)
		// The first block of k applies beta; later ones add to it.
		beta := 1.0
		if pc == 0 {
			beta = p.beta
		}
		for j := 0; j < p.n; j += mr {
			rows := p.b[j*p.ldb+pc:]
			for i := 0; i < p.m; i += nr {
				kern.fnT(kcur, rows, p.ldb, ws.b[i*kcur:(i+nr)*kcur], p.c[i*p.ldc+j:], p.ldc, p.alpha, beta)
			}
		}
	}
	workspaces.put(ws)
}

// macroKernel sets the mc×nc block C of c to alpha*A*B + beta*C, where A is
// the packed mc×kc block ap of op(A) and B a kc×nc block of op(B); when
// beta == 0, C is not read. B is either packed in b (bStride == 0) or read
// in place from b with row stride bStride, except for a partial last panel,
// which is packed in edge. It goes through C a row of tiles at a time, so
// that one panel of A stays in L1 while the panels of B stream past it and
// C is written row by row.
func macroKernel(kern *kernel, mc, nc, kc int, alpha, beta float64, ap, b []float64, bStride int, edge, c []float64, ldc int, tile []float64) {
	mr, nr := kern.mr, kern.nr
	for ir := 0; ir < mc; ir += mr {
		apan := ap[ir*kc : (ir+mr)*kc]
		rows := min(mr, mc-ir)
		for jr := 0; jr < nc; jr += nr {
			cols := min(nr, nc-jr)
			var bpan []float64
			bks := nr
			switch {
			case bStride == 0:
				bpan = b[jr*kc : (jr+nr)*kc]
			case cols == nr:
				bpan, bks = b[jr:], bStride
			default:
				bpan = edge
			}
			if rows == mr && cols == nr {
				kern.fn(kc, apan, bpan, bks, c[ir*ldc+jr:], ldc, alpha, beta)
				continue
			}
			// An edge tile gets the bare sums and the same rounding as a
			// full one, so that no result depends on where the tiles fall.
			kern.fn(kc, apan, bpan, bks, tile, nr, 1, 0)
			for r := 0; r < rows; r++ {
				finish(c[(ir+r)*ldc+jr:(ir+r)*ldc+jr+cols], tile[r*nr:r*nr+cols], alpha, beta)
			}
		}
	}
}

// finish sets c to alpha*acc + beta*c, rounding as the kernels do: one
// fused multiply-add, after multiplying c by beta when beta is neither 0
// nor 1. When beta == 0, c is not read.
func finish(c, acc []float64, alpha, beta float64) {
	c = c[:len(acc)]
	switch beta {
	case 0:
		for j, v := range acc {
			c[j] = alpha * v
		}
	case 1:
		for j, v := range acc {
			c[j] = math.FMA(alpha, v, c[j])
		}
	default:
		for j, v := range acc {
			c[j] = math.FMA(alpha, v, beta*c[j])
		}
	}
}

// scale sets the m×n matrix c to beta*c; when beta is zero it sets c to
// zero without reading it.
func scale(m, n int, beta float64, c []float64, ldc int) {
	switch beta {
	case 1:
	case 0:
		for i := 0; i < m; i++ {
			clear(c[i*ldc : i*ldc+n])
		}
	default:
		for i := 0; i < m; i++ {
			row := c[i*ldc : i*ldc+n]
			for j := range row {
				row[j] *= beta
			}
		}
	}
}

// packA copies op(A)[i0:i0+mc, p0:p0+kc] into dst as ⌈mc/mr⌉ panels of
// kc×mr values: row p of panel q holds op(A)[i0+q*mr+r, p0+p] for r < mr.
// Rows past mc are zero.
func packA(kern *kernel, dst []float64, transA bool, a []float64, lda, i0, mc, p0, kc int) {
	if transA {
		kern.packRows(dst, kern.mr, a[p0*lda+i0:], lda, kc, mc)
	} else {
		packCols(kern, dst, kern.mr, a[i0*lda+p0:], lda, kc, mc)
	}
}

// packB copies op(B)[p0:p0+kc, j0:j0+nc] into dst as ⌈nc/nr⌉ panels of
// kc×nr values: row p of panel q holds op(B)[p0+p, j0+q*nr+j] for j < nr.
// Columns past nc are zero.
func packB(kern *kernel, dst []float64, transB bool, b []float64, ldb, p0, kc, j0, nc int) {
	if transB {
		packCols(kern, dst, kern.nr, b[j0*ldb+p0:], ldb, kc, nc)
	} else {
		kern.packRows(dst, kern.nr, b[p0*ldb+j0:], ldb, kc, nc)
	}
}

// packRowsGo packs the kc×w matrix src with row stride lds into ⌈w/pw⌉
// panels of kc×pw values in dst, zero padding the last. It reads src row by
// row.
func packRowsGo(dst []float64, pw int, src []float64, lds, kc, w int) {
	full := w / pw
	for p := 0; p < kc; p++ {
		row := src[p*lds : p*lds+w]
		d := dst[p*pw:]
		for q := 0; q < full; q++ {
			copy(d[q*kc*pw:q*kc*pw+pw], row[q*pw:])
		}
		if rest := w - full*pw; rest > 0 {
			e := d[full*kc*pw : full*kc*pw+pw]
			copy(e, row[full*pw:])
			clear(e[rest:])
		}
	}
}

// packCols packs the transpose of the w×kc matrix src with row stride lds,
// a kc×w matrix, into ⌈w/pw⌉ panels of kc×pw values in dst, zero padding
// the last.
func packCols(kern *kernel, dst []float64, pw int, src []float64, lds, kc, w int) {
	for q := 0; q*pw < w; q++ {
		cols := min(pw, w-q*pw)
		d := dst[q*pw*kc : (q+1)*pw*kc]
		kern.transpose(d, pw, src[q*pw*lds:], lds, cols, kc)
		if cols < pw {
			for p := 0; p < kc; p++ {
				clear(d[p*pw+cols : p*pw+pw])
			}
		}
	}
}

// transposeGo stores the transpose of the rows×cols matrix src with row
// stride lds in dst with row stride ldd: dst[j*ldd+i] = src[i*lds+j].
func transposeGo(dst []float64, ldd int, src []float64, lds, rows, cols int) {
	for i := 0; i < rows; i++ {
		for j, v := range src[i*lds : i*lds+cols] {
			dst[j*ldd+i] = v
		}
	}
}
