package gemm

// kernel is a micro-kernel and the block sizes that suit it.
type kernel struct {
	name   string
	mr, nr int // tile of C computed by one call of fn
	// mc, kc, nc are the cache blocks: op(A) is packed mc×kc and op(B)
	// kc×nc at a time. A packed kc×mr panel of op(A) is used for a whole
	// row of tiles and should stay in L1; the kc×nc block of op(B) is swept
	// once per panel of op(A) and should stay in L2 or L3. mc is a multiple
	// of mr and nc of nr.
	mc, kc, nc int
	// directM is the largest m for which op(B) is read in place rather
	// than packed, when it is not transposed.
	directM int
	// fn sets the mr×nr tile C of c, with row stride ldc, to
	// alpha*A*B + beta*C, where A is the packed kc×mr panel a (see packA)
	// and B the kc×nr panel b with row stride bks (packed by packB when
	// bks == nr). When beta == 0, C is not read.
	fn func(kc int, a, b []float64, bks int, c []float64, ldc int, alpha, beta float64)
	// fnT, if not nil, sets the tnr×tmr block C of c, with row stride
	// ldc, to alpha*(A*B)ᵀ + beta*C, where A is the tmr×kc matrix a with
	// row stride lda (read in place) and B the packed kc×tnr panel b. It
	// lets Dgemm compute a product with a transposed op(B) and few rows as
	// Cᵀ = op(B)ᵀ·op(A)ᵀ, packing the small op(A) instead of the large
	// op(B).
	fnT      func(kc int, a []float64, lda int, b []float64, c []float64, ldc int, alpha, beta float64)
	tmr, tnr int
	// transpose is transposeGo or a faster equivalent.
	transpose func(dst []float64, ldd int, src []float64, lds, rows, cols int)
	// packRows is packRowsGo or a faster equivalent.
	packRows func(dst []float64, pw int, src []float64, lds, kc, w int)
}

// goKernel is the portable micro-kernel.
var goKernel = &kernel{
	name: "go4x4",
	mr:   4, nr: 4,
	mc: 128, kc: 256, nc: 2048,
	directM:   64,
	fn:        kernelGo4x4,
	transpose: transposeGo,
	packRows:  packRowsGo,
}

// activeKernel is the kernel Dgemm uses: the fastest one the CPU supports,
// chosen in init. Tests switch it to cover every kernel.
var activeKernel = goKernel

// kernelGo4x4 is the pure-Go micro-kernel with mr = nr = 4.
func kernelGo4x4(kc int, a, b []float64, bks int, c []float64, ldc int, alpha, beta float64) {
	acc := go4x4(kc, a, b, bks)
	for i := range acc {
		finish(c[i*ldc:i*ldc+4], acc[i][:], alpha, beta)
	}
}

// go4x4 is the 4×4 tile of the product of a packed 4-row panel of A (kc
// columns) and 4 columns of B read every bks values, for both the float64
// and the float32 pure-Go kernels. Its sums are in named variables, which
// the compiler keeps in registers.
func go4x4[T float32 | float64](kc int, a, b []T, bks int) [4][4]T {
	var (
		c00, c01, c02, c03 T
		c10, c11, c12, c13 T
		c20, c21, c22, c23 T
		c30, c31, c32, c33 T
	)
	a = a[:4*kc]
	b = b[:(kc-1)*bks+4]
	for p := 0; p < kc; p++ {
		ap := a[4*p : 4*p+4 : 4*p+4]
		bp := b[bks*p : bks*p+4 : bks*p+4]
		a0, a1, a2, a3 := ap[0], ap[1], ap[2], ap[3]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		c20 += a2 * b0
		c21 += a2 * b1
		c22 += a2 * b2
		c23 += a2 * b3
		c30 += a3 * b0
		c31 += a3 * b1
		c32 += a3 * b2
		c33 += a3 * b3
	}
	return [4][4]T{
		{c00, c01, c02, c03},
		{c10, c11, c12, c13},
		{c20, c21, c22, c23},
		{c30, c31, c32, c33},
	}
}
