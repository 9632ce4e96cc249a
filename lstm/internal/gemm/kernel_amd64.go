//go:build amd64 && !purego

package gemm

import "golang.org/x/sys/cpu"

// avx2Kernel computes 6×8 tiles with AVX2 and FMA instructions.
var avx2Kernel = &kernel{
	name: "avx2-6x8",
	mr:   6, nr: 8,
	mc: 144, kc: 256, nc: 2048,
	fn: kernelAVX2,
}

// avx512Kernel computes 8×16 tiles with AVX-512F instructions.
var avx512Kernel = &kernel{
	name: "avx512-8x16",
	mr:   8, nr: 16,
	mc: 128, kc: 256, nc: 2048,
	fn: kernelAVX512,
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
	if cpu.X86.HasAVX512F {
		ks = append(ks, avx512Kernel)
	}
	return ks
}

func kernelAVX2(kc int, a, b, c []float64, ldc int, alpha float64) {
	_ = a[6*kc-1]
	_ = b[8*kc-1]
	_ = c[5*ldc+7]
	dgemm6x8(kc, &a[0], 1, 6, &b[0], 8, &c[0], ldc, alpha)
}

// dgemm6x8 adds alpha*A*B to the 6×8 tile at c, with row stride ldc, where
// A is 6×kc with element (r, p) at a[r*ars+p*aks] and B is kc×8 with element
// (p, j) at b[p*bks+j]. Strides are in elements. kc must be at least 1.
//
//go:noescape
func dgemm6x8(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha float64)

func kernelAVX512(kc int, a, b, c []float64, ldc int, alpha float64) {
	_ = a[8*kc-1]
	_ = b[16*kc-1]
	_ = c[7*ldc+15]
	dgemm8x16(kc, &a[0], 1, 8, &b[0], 16, &c[0], ldc, alpha)
}

// dgemm8x16 is dgemm6x8 for an 8×16 tile, using AVX-512F.
//
//go:noescape
func dgemm8x16(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha float64)
