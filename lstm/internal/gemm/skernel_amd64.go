//go:build amd64 && !purego

package gemm

import "golang.org/x/sys/cpu"

// avx512SKernel computes 8×32 float32 tiles with AVX-512F instructions.
var avx512SKernel = &skernel{
	name: "avx512-8x32",
	mr:   8, nr: 32,
	mc: 128, kc: 256, nc: 2048,
	directM: 64,
	fn:      skernelAVX512,
	fnA:     skernelAVX512A,
	fnAT:    skernelAVX512AT,
}

func init() {
	ks := skernels()
	activeSKernel = ks[len(ks)-1]
}

// skernels lists the float32 kernels this CPU can run, slowest first.
func skernels() []*skernel {
	ks := []*skernel{goSKernel}
	if cpu.X86.HasAVX512F {
		ks = append(ks, avx512SKernel)
	}
	return ks
}

func skernelAVX512(kc int, a, b []float32, bks int, c []float32, ldc int, alpha, beta float32) {
	_ = a[8*kc-1]
	_ = b[(kc-1)*bks+31]
	_ = c[7*ldc+31]
	sgemm8x32(kc, &a[0], 1, 8, &b[0], bks, &c[0], ldc, alpha, beta, betaMode32(beta))
}

// betaMode32 is betaMode for float32.
func betaMode32(beta float32) int {
	switch beta {
	case 0:
		return 0
	case 1:
		return 1
	}
	return 2
}

// sgemm8x32 is dgemm8x16 for float32 and an 8×32 tile.
//
//go:noescape
func sgemm8x32(kc int, a *float32, ars, aks int, b *float32, bks int, c *float32, ldc int, alpha, beta float32, mode int)

// skernelAVX512A is skernelAVX512 with A's 8 rows read in place, row
// stride lda.
func skernelAVX512A(kc int, a []float32, lda int, b []float32, bks int, c []float32, ldc int, alpha, beta float32) {
	_ = a[7*lda+kc-1]
	_ = b[(kc-1)*bks+31]
	_ = c[7*ldc+31]
	sgemm8x32(kc, &a[0], lda, 1, &b[0], bks, &c[0], ldc, alpha, beta, betaMode32(beta))
}

// skernelAVX512AT is skernelAVX512 with op(A) = Aᵀ read in place: the
// tile's 8 rows are 8 adjacent values of each of kc rows of a, stride lda.
func skernelAVX512AT(kc int, a []float32, lda int, b []float32, bks int, c []float32, ldc int, alpha, beta float32) {
	_ = a[(kc-1)*lda+7]
	_ = b[(kc-1)*bks+31]
	_ = c[7*ldc+31]
	sgemm8x32(kc, &a[0], 1, lda, &b[0], bks, &c[0], ldc, alpha, beta, betaMode32(beta))
}
