package gemm

// Sgemm is Dgemm for float32 matrices: it computes
//
//	C = alpha * op(A) * op(B) + beta * C
//
// with the same arguments, checks and invariants (C not read when
// beta == 0, A and B never modified, the same bits from run to run), and
// shares a large product with the helper goroutine as Dgemm does. Products
// are summed in float32 with fused multiply-add; the kernel is chosen at
// init (skernels).
func Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemm(true, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// SgemmSerial is Sgemm computed on the calling goroutine alone. Its
// results are bit-identical to Sgemm's.
func SgemmSerial(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemm(false, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func sgemm(share, transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	checkArgs(transA, transB, m, n, k, lda, ldb, ldc)
	if m == 0 || n == 0 {
		return
	}
	checkLens(transA, transB, m, n, k, lda, len(a), ldb, len(b), ldc, len(c))
	if (alpha == 0 || k == 0) && beta == 1 {
		return
	}
	if alpha == 0 || k == 0 {
		sscale(m, n, beta, c, ldc)
		return
	}
	p := sproblem{
		transA: transA, transB: transB,
		m: m, n: n, k: k,
		alpha: alpha, a: a, lda: lda,
		b: b, ldb: ldb,
		beta: beta, c: c, ldc: ldc,
	}
	if share && parallel && int64(m)*int64(n)*int64(k) >= parallelMinWork {
		j := jobs.get()
		if j.plan(m, n, k, activeSKernel.mr, activeSKernel.nr) {
			j.sp, j.f32 = p, true
			j.share()
			return
		}
		jobs.put(j)
	}
	p.run()
}

// sproblem holds the arguments of one Sgemm call, or of the part of it one
// goroutine computes.
type sproblem struct {
	transA, transB bool
	m, n, k        int
	alpha          float32
	a              []float32
	lda            int
	b              []float32
	ldb            int
	beta           float32
	c              []float32
	ldc            int
}

// run computes p on the calling goroutine; alpha and k are not 0.
func (p sproblem) run() {
	srun(activeSKernel, p.transA, p.transB, p.m, p.n, p.k, p.alpha, p.a, p.lda, p.b, p.ldb, p.beta, p.c, p.ldc)
}

// piece returns the band of p from row (or column) lo of C, at most size
// rows (columns) wide.
func (p sproblem) piece(byRows bool, lo, size int) sproblem {
	if byRows {
		p.m = min(size, p.m-lo)
		if p.transA {
			p.a = p.a[lo:]
		} else {
			p.a = p.a[lo*p.lda:]
		}
		p.c = p.c[lo*p.ldc:]
		return p
	}
	p.n = min(size, p.n-lo)
	if p.transB {
		p.b = p.b[lo*p.ldb:]
	} else {
		p.b = p.b[lo:]
	}
	p.c = p.c[lo:]
	return p
}

// checkArgs panics, for Dgemm and Sgemm, on negative sizes or too small strides.
func checkArgs(transA, transB bool, m, n, k, lda, ldb, ldc int) {
	switch {
	case m < 0:
		panic("gemm: m < 0")
	case n < 0:
		panic("gemm: n < 0")
	case k < 0:
		panic("gemm: k < 0")
	}
	if transA {
		if lda < max(1, m) {
			panic("gemm: bad leading dimension of A")
		}
	} else if lda < max(1, k) {
		panic("gemm: bad leading dimension of A")
	}
	if transB {
		if ldb < max(1, k) {
			panic("gemm: bad leading dimension of B")
		}
	} else if ldb < max(1, n) {
		panic("gemm: bad leading dimension of B")
	}
	if ldc < max(1, n) {
		panic("gemm: bad leading dimension of C")
	}
}

// checkLens panics, for Dgemm and Sgemm, when a slice is too short.
func checkLens(transA, transB bool, m, n, k, lda, la, ldb, lb, ldc, lc int) {
	if transA {
		if la < (k-1)*lda+m {
			panic("gemm: insufficient length of a")
		}
	} else if la < (m-1)*lda+k {
		panic("gemm: insufficient length of a")
	}
	if transB {
		if lb < (n-1)*ldb+k {
			panic("gemm: insufficient length of b")
		}
	} else if lb < (k-1)*ldb+n {
		panic("gemm: insufficient length of b")
	}
	if lc < (m-1)*ldc+n {
		panic("gemm: insufficient length of c")
	}
}

// skernel is a float32 micro-kernel and the block sizes that suit it; the
// fields mean what kernel's do.
type skernel struct {
	name       string
	mr, nr     int
	mc, kc, nc int
	directM    int
	// fn sets the mr×nr tile C of c, with row stride ldc, to
	// alpha*A*B + beta*C, where A is the packed kc×mr panel a and B the
	// kc×nr panel b with row stride bks. When beta == 0, C is not read.
	fn func(kc int, a, b []float32, bks int, c []float32, ldc int, alpha, beta float32)
	// fnA, when not nil, is fn with A's mr rows read in place from a, row
	// stride lda, instead of packed: the same sums in the same order.
	fnA func(kc int, a []float32, lda int, b []float32, bks int, c []float32, ldc int, alpha, beta float32)
	// fnAT, when not nil, is fn with op(A) = Aᵀ read in place: the tile's
	// mr rows are mr adjacent columns of a, its kc steps rows of a with
	// stride lda. The same sums in the same order.
	fnAT func(kc int, a []float32, lda int, b []float32, bks int, c []float32, ldc int, alpha, beta float32)
}

// goSKernel is the portable float32 micro-kernel.
var goSKernel = &skernel{
	name: "go4x4",
	mr:   4, nr: 4,
	mc: 128, kc: 256, nc: 2048,
	directM: 64,
	fn:      skernelGo4x4,
}

// activeSKernel is the kernel Sgemm uses: the fastest one the CPU
// supports, chosen in init. Tests switch it to cover every kernel.
var activeSKernel = goSKernel

// skernelGo4x4 is the pure-Go float32 micro-kernel with mr = nr = 4
// (go4x4's tile, then alpha and beta without fused multiply-adds).
func skernelGo4x4(kc int, a, b []float32, bks int, c []float32, ldc int, alpha, beta float32) {
	for i, acc := range go4x4(kc, a, b, bks) {
		row := c[i*ldc : i*ldc+4]
		for j, v := range acc {
			if beta == 0 {
				row[j] = alpha * v
			} else {
				row[j] = alpha*v + beta*row[j]
			}
		}
	}
}

// sworkspace holds Sgemm's packing buffers of one goroutine.
type sworkspace struct {
	a, b []float32 // packed blocks of op(A) and op(B)
	tile []float32 // scratch mr×nr tile for the edges of C
}

var sworkspaces = newFreeList[sworkspace](4)

// srun computes the product of Sgemm with kernel kern: the blocking of
// problem.run, without the transposed path.
func srun(kern *skernel, transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	mr, nr := kern.mr, kern.nr
	mc, kc, nc := kern.mc, kern.kc, kern.nc
	direct := !transB && m <= kern.directM
	// With few rows, A untransposed is read in place when the kernel can:
	// its rows are already contiguous in k, and packing them cost a pass
	// over A for a product that uses each panel a few times (twice the
	// GFLOP/s on the per-step shapes, BenchmarkSgemm dh/*)
	inplaceA := !transA && m <= kern.directM && kern.fnA != nil
	// Aᵀ is read in place, too: its packed panel is a copy of mr adjacent
	// values from each of kc rows, which the kernel reads as cheaply where
	// they are (1.5–2× the GFLOP/s of the weight gradients' dAᵀ·h,
	// BenchmarkSgemm dW*/B=32 and B=64 on a Xeon), unless A's rows are a
	// multiple of 4 KiB apart: then the kc values of a panel share one L1
	// set and evict each other (B=32,H=256, lda 1024: no faster).
	inplaceAT := transA && kern.fnAT != nil && lda%1024 != 0

	ws := sworkspaces.get()
	kcMax := min(kc, k)
	ws.a = growS(ws.a, (min(mc, m)+mr-1)/mr*mr*kcMax)
	if direct {
		ws.b = growS(ws.b, nr*kcMax)
	} else {
		ws.b = growS(ws.b, (min(nc, n)+nr-1)/nr*nr*kcMax)
	}
	ws.tile = growS(ws.tile, mr*nr)

	for jc := 0; jc < n; jc += nc {
		ncur := min(nc, n-jc)
		for pc := 0; pc < k; pc += kc {
			kcur := min(kc, k-pc)
			var bp []float32
			bStride := 0
			if direct {
				bp, bStride = b[pc*ldb+jc:], ldb
				if full := ncur / nr * nr; full < ncur {
					spackB(ws.b, nr, false, b, ldb, pc, kcur, jc+full, ncur-full)
				}
			} else {
				bp = ws.b
				spackB(ws.b, nr, transB, b, ldb, pc, kcur, jc, ncur)
			}
			for ic := 0; ic < m; ic += mc {
				mcur := min(mc, m-ic)
				var aIn []float32
				if inplaceA || inplaceAT {
					// only the last, partial panel is packed, zero padded
					if transA {
						aIn = a[pc*lda+ic:]
					} else {
						aIn = a[ic*lda+pc:]
					}
					if full := mcur / mr * mr; full < mcur {
						spackA(ws.a, mr, transA, a, lda, ic+full, mcur-full, pc, kcur)
					}
				} else {
					spackA(ws.a, mr, transA, a, lda, ic, mcur, pc, kcur)
				}
				bt := float32(1)
				if pc == 0 {
					bt = beta
				}
				smacroKernel(kern, mcur, ncur, kcur, alpha, bt, ws.a, aIn, lda, inplaceAT, bp, bStride, ws.b, c[ic*ldc+jc:], ldc, ws.tile)
			}
		}
	}
	sworkspaces.put(ws)
}

// smacroKernel is macroKernel for float32. An edge tile is computed by the
// kernel itself on a copy of C's valid part in the scratch tile, so that it
// is rounded exactly as a full tile. With op(B) read in place (bStride > 0,
// few rows of A) it goes through C a column of tiles at a time instead, so
// that each panel of B is read from memory once and stays in L1 while the
// few panels of A pass it; the order changes no result.
//
// With aIn not nil, the full panels of A are read in place from aIn (row
// stride lda; with aT, op(A) = Aᵀ: A's column stride lda) and ap holds
// only the last, partial one.
func smacroKernel(kern *skernel, mc, nc, kc int, alpha, beta float32, ap, aIn []float32, lda int, aT bool, b []float32, bStride int, edge, c []float32, ldc int, tile []float32) {
	mr, nr := kern.mr, kern.nr
	if bStride > 0 {
		for jr := 0; jr < nc; jr += nr {
			for ir := 0; ir < mc; ir += mr {
				stile(kern, ir, jr, mc, nc, kc, alpha, beta, ap, aIn, lda, aT, b, bStride, edge, c, ldc, tile)
			}
		}
		return
	}
	for ir := 0; ir < mc; ir += mr {
		for jr := 0; jr < nc; jr += nr {
			stile(kern, ir, jr, mc, nc, kc, alpha, beta, ap, aIn, lda, aT, b, bStride, edge, c, ldc, tile)
		}
	}
}

// stile computes the tile of smacroKernel's C at row ir and column jr.
func stile(kern *skernel, ir, jr, mc, nc, kc int, alpha, beta float32, ap, aIn []float32, lda int, aT bool, b []float32, bStride int, edge, c []float32, ldc int, tile []float32) {
	mr, nr := kern.mr, kern.nr
	rows := min(mr, mc-ir)
	var apan []float32
	switch {
	case aIn == nil:
		apan = ap[ir*kc : (ir+mr)*kc]
	case rows < mr:
		apan = ap[:mr*kc]
	}
	cols := min(nr, nc-jr)
	var bpan []float32
	bks := nr
	switch {
	case bStride == 0:
		bpan = b[jr*kc : (jr+nr)*kc]
	case cols == nr:
		bpan, bks = b[jr:], bStride
	default:
		bpan = edge
	}
	run := func(c []float32, ldc int) {
		switch {
		case apan != nil:
			kern.fn(kc, apan, bpan, bks, c, ldc, alpha, beta)
		case aT:
			kern.fnAT(kc, aIn[ir:], lda, bpan, bks, c, ldc, alpha, beta)
		default:
			kern.fnA(kc, aIn[ir*lda:], lda, bpan, bks, c, ldc, alpha, beta)
		}
	}
	if rows == mr && cols == nr {
		run(c[ir*ldc+jr:], ldc)
		return
	}
	if beta != 0 {
		clear(tile)
		for r := 0; r < rows; r++ {
			copy(tile[r*nr:r*nr+cols], c[(ir+r)*ldc+jr:])
		}
	}
	run(tile, nr)
	for r := 0; r < rows; r++ {
		copy(c[(ir+r)*ldc+jr:(ir+r)*ldc+jr+cols], tile[r*nr:r*nr+cols])
	}
}

// sscale sets the m×n matrix c to beta*c; when beta is zero it sets c to
// zero without reading it.
func sscale(m, n int, beta float32, c []float32, ldc int) {
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

// spackA is packA for float32.
func spackA(dst []float32, mr int, transA bool, a []float32, lda, i0, mc, p0, kc int) {
	if transA {
		spackRows(dst, mr, a[p0*lda+i0:], lda, kc, mc)
	} else {
		spackCols(dst, mr, a[i0*lda+p0:], lda, kc, mc)
	}
}

// spackB is packB for float32.
func spackB(dst []float32, nr int, transB bool, b []float32, ldb, p0, kc, j0, nc int) {
	if transB {
		spackCols(dst, nr, b[j0*ldb+p0:], ldb, kc, nc)
	} else {
		spackRows(dst, nr, b[p0*ldb+j0:], ldb, kc, nc)
	}
}

// spackRows is packRowsGo for float32.
func spackRows(dst []float32, pw int, src []float32, lds, kc, w int) {
	full := w / pw
	for p := 0; p < kc; p++ {
		row := src[p*lds : p*lds+w]
		d := dst[p*pw:]
		switch pw {
		case 8: // a panel of A: register copies, not a memmove call each
			for q := 0; q < full; q++ {
				v := *(*[8]float32)(row[q*8:])
				*(*[8]float32)(d[q*kc*8:]) = v
			}
		case 32:
			for q := 0; q < full; q++ {
				v := *(*[32]float32)(row[q*32:])
				*(*[32]float32)(d[q*kc*32:]) = v
			}
		default:
			for q := 0; q < full; q++ {
				copy(d[q*kc*pw:q*kc*pw+pw], row[q*pw:])
			}
		}
		if rest := w - full*pw; rest > 0 {
			// element by element: a narrow op(B) (one column, for an
			// input of one feature) has a partial panel in every row,
			// where a memmove and a memclr call each cost more
			e := d[full*kc*pw : full*kc*pw+pw]
			src := row[full*pw : full*pw+rest]
			for j, v := range src {
				e[j] = v
			}
			for j := rest; j < len(e); j++ {
				e[j] = 0
			}
		}
	}
}

// spackCols is packCols for float32: it packs the transpose of the w×kc
// matrix src into ⌈w/pw⌉ panels of kc×pw values, zero padding the last.
func spackCols(dst []float32, pw int, src []float32, lds, kc, w int) {
	for q := 0; q*pw < w; q++ {
		cols := min(pw, w-q*pw)
		d := dst[q*pw*kc : (q+1)*pw*kc]
		if pw == 8 && cols == 8 {
			spackCols8(d, src[q*8*lds:], lds, kc)
			continue
		}
		for i := 0; i < cols; i++ {
			for p, v := range src[(q*pw+i)*lds : (q*pw+i)*lds+kc] {
				d[p*pw+i] = v
			}
		}
		if cols < pw {
			for p := 0; p < kc; p++ {
				clear(d[p*pw+cols : p*pw+pw])
			}
		}
	}
}

// spackCols8 packs the transpose of 8 rows of src (kc values each, row
// stride lds) into d, kc×8: one pass down the rows, writing d in order.
func spackCols8(d, src []float32, lds, kc int) {
	s0 := src[:kc]
	s1, s2, s3 := src[lds:][:kc], src[2*lds:][:kc], src[3*lds:][:kc]
	s4, s5, s6, s7 := src[4*lds:][:kc], src[5*lds:][:kc], src[6*lds:][:kc], src[7*lds:][:kc]
	d = d[:8*kc]
	for p := range s0 {
		e := (*[8]float32)(d[p*8:])
		e[0], e[1], e[2], e[3] = s0[p], s1[p], s2[p], s3[p]
		e[4], e[5], e[6], e[7] = s4[p], s5[p], s6[p], s7[p]
	}
}

// growS is grow for float32.
func growS(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}
