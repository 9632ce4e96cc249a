//go:build amd64 && !purego

package gemm

import "golang.org/x/sys/cpu"

// avx2Kernel computes 6×8 tiles with AVX2 and FMA instructions.
var avx2Kernel = &kernel{
	name: "avx2-6x8",
	mr:   6, nr: 8,
	mc: 144, kc: 256, nc: 2048,
	directM: 64,
	fn:      kernelAVX2,
	fnT:     kernelAVX2T,
	tmr:     4, tnr: 8,
	transpose: transposeAVX2,
	packRows:  packRowsAVX2,
}

// avx512Kernel computes 8×16 tiles with AVX-512F instructions.
var avx512Kernel = &kernel{
	name: "avx512-8x16",
	mr:   8, nr: 16,
	mc: 128, kc: 256, nc: 2048,
	directM: 64,
	fn:      kernelAVX512,
	fnT:     kernelAVX512T,
	tmr:     8, tnr: 16,
	transpose: transposeAVX2,
	packRows:  packRowsAVX2,
}

func init() {
	ks := kernels()
	activeKernel = ks[len(ks)-1]
}

// kernels lists the kernels this CPU can run, slowest first.
func kernels() []*kernel {
	ks := []*kernel{goKernel}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		ks = append(ks, avx2Kernel)
	}
	// The AVX-512 kernel packs with the AVX2 routines.
	if cpu.X86.HasAVX2 && cpu.X86.HasAVX512F {
		ks = append(ks, avx512Kernel)
	}
	return ks
}

func kernelAVX2(kc int, a, b []float64, bks int, c []float64, ldc int, alpha, beta float64) {
	_ = a[6*kc-1]
	_ = b[(kc-1)*bks+7]
	_ = c[5*ldc+7]
	dgemm6x8(kc, &a[0], 1, 6, &b[0], bks, &c[0], ldc, alpha, beta, betaMode(beta))
}

func kernelAVX2T(kc int, a []float64, lda int, b []float64, c []float64, ldc int, alpha, beta float64) {
	_ = a[3*lda+kc-1]
	_ = b[8*kc-1]
	_ = c[7*ldc+3]
	dgemm4x8T(kc, &a[0], lda, 1, &b[0], 8, &c[0], ldc, alpha, beta, betaMode(beta))
}

// betaMode tells the assembly kernels how to treat C: 0 overwrite it
// (beta == 0, C not read), 1 add to it (beta == 1), 2 scale it by beta.
func betaMode(beta float64) int {
	switch beta {
	case 0:
		return 0
	case 1:
		return 1
	}
	return 2
}

// dgemm6x8 sets the 6×8 tile C at c, with row stride ldc, to
// alpha*A*B + beta*C, where A is 6×kc with element (r, p) at
// a[r*ars+p*aks] and B is kc×8 with element (p, j) at b[p*bks+j]. Strides
// are in elements. kc must be at least 1; mode is betaMode(beta).
//
//go:noescape
func dgemm6x8(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha, beta float64, mode int)

func kernelAVX512(kc int, a, b []float64, bks int, c []float64, ldc int, alpha, beta float64) {
	_ = a[8*kc-1]
	_ = b[(kc-1)*bks+15]
	_ = c[7*ldc+15]
	dgemm8x16(kc, &a[0], 1, 8, &b[0], bks, &c[0], ldc, alpha, beta, betaMode(beta))
}

func kernelAVX512T(kc int, a []float64, lda int, b []float64, c []float64, ldc int, alpha, beta float64) {
	_ = a[7*lda+kc-1]
	_ = b[16*kc-1]
	_ = c[15*ldc+7]
	dgemm8x16T(kc, &a[0], lda, 1, &b[0], 16, &c[0], ldc, alpha, beta, betaMode(beta))
}

// dgemm8x16 is dgemm6x8 for an 8×16 tile, using AVX-512F.
//
//go:noescape
func dgemm8x16(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha, beta float64, mode int)

// transposeAVX2 is transposeGo with 4×4 blocks transposed by transpose4.
func transposeAVX2(dst []float64, ldd int, src []float64, lds, rows, cols int) {
	if rows <= 0 || cols <= 0 {
		return
	}
	_ = src[(rows-1)*lds+cols-1]
	_ = dst[(cols-1)*ldd+rows-1]
	r4, c4 := rows/4*4, cols/4*4
	if c4 > 0 {
		for i := 0; i < r4; i += 4 {
			transpose4(&dst[i], ldd, &src[i*lds], lds, c4/4)
		}
	}
	if c4 < cols {
		transposeGo(dst[c4*ldd:], ldd, src[c4:], lds, r4, cols-c4)
	}
	if r4 < rows {
		transposeGo(dst[r4:], ldd, src[r4*lds:], lds, rows-r4, cols)
	}
}

// transpose4 stores the transpose of the 4×(4·nb) matrix at src, with row
// stride lds, in the (4·nb)×4 matrix at dst, with row stride ldd. Strides are
// in elements; nb must be at least 1.
//
//go:noescape
func transpose4(dst *float64, ldd int, src *float64, lds int, nb int)

// packRowsAVX2 is packRowsGo with the full panels copied by packRows4 when
// pw is a multiple of 4.
func packRowsAVX2(dst []float64, pw int, src []float64, lds, kc, w int) {
	full := w / pw
	if pw%4 != 0 || full == 0 || kc == 0 {
		packRowsGo(dst, pw, src, lds, kc, w)
		return
	}
	_ = src[(kc-1)*lds+full*pw-1]
	_ = dst[((full-1)*kc+kc-1)*pw+pw-1]
	packRows4(&dst[0], &src[0], lds, kc, full, pw)
	if full*pw < w {
		packRowsGo(dst[full*kc*pw:], pw, src[full*pw:], lds, kc, w-full*pw)
	}
}

// packRows4 copies the full panels for packRowsAVX2.
//
//go:noescape
func packRows4(dst *float64, src *float64, lds, kc, np, pw int)

// dgemm8x16T computes the product of dgemm8x16 and writes its transpose to
// the 16×8 block at c.
//
//go:noescape
func dgemm8x16T(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha, beta float64, mode int)

// dgemm4x8T computes a 4×8 product with AVX2 and FMA and writes its
// transpose to the 8×4 block at c.
//
//go:noescape
func dgemm4x8T(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha, beta float64, mode int)
