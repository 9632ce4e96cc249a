package lstm

import "github.com/forecaster-dev/forecaster/lstm/internal/gemm"

// mm computes c = alpha·op(a)·op(b) + beta·c for row-major matrices, where
// op(a) is m×k and op(b) is k×n. Every matrix product of the package goes
// through mm, so the kernel is swapped in one place: package gemm, an
// AVX2/FMA micro-kernel in Go assembly with a pure-Go fallback (see its
// doc), measured against gonum's Dgemm in its benchmarks.
func mm(tA, tB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	gemm.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// mm1 is mm on the calling goroutine alone, for the products of one half
// of the batch while the other half runs on the helper goroutine (see
// rows.go). Its results are bit-identical to mm's.
func mm1(tA, tB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	gemm.DgemmSerial(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}
