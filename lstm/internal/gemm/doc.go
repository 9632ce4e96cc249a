// Package gemm is the matrix-multiply kernel behind the lstm package.
//
// # Overview
//
// Dgemm computes C = alpha*op(A)*op(B) + beta*C for row-major float64
// matrices with the argument order and semantics of gonum's blas64.Dgemm
// (blas.Implementation.Dgemm): op(X) is X or Xᵀ, op(A) is m×k, op(B) is k×n,
// C is m×n, and lda, ldb, ldc are the row strides of the stored matrices.
//
// # Algorithm
//
// The product is computed the GotoBLAS/BLIS way: op(B) is copied ("packed")
// in blocks of kc×nc into panels of nr contiguous columns, op(A) in blocks of
// mc×kc into panels of mr contiguous rows, and a register-blocked micro-kernel
// multiplies one mr×kc panel by one kc×nr panel into an mr×nr tile of C.
// Panels at the matrix edges are zero padded; their tiles are computed into a
// scratch tile and only the valid part is added to C.
//
// On amd64 CPUs with AVX2 and FMA the micro-kernel is written in Go assembly
// (6×8 tiles held in 12 YMM registers). Everywhere else — other
// architectures, CPUs without AVX2/FMA, or builds with the purego tag — a
// pure-Go 4×4 micro-kernel is used with the same blocking.
//
// Large products are split in two halves computed concurrently; the calling
// goroutine computes one half and waits for the other before returning.
//
// # Invariants
//
//   - A and B are never modified; only the m×n part of C addressed through
//     ldc is written.
//   - When beta == 0, C is not read: NaN or Inf already in C does not
//     propagate, as in reference BLAS.
//   - Packing buffers come from a sync.Pool, so steady-state calls do not
//     allocate.
//   - Results differ from a naive triple loop only by rounding: the kernel
//     uses fused multiply-add and a different summation order over k.
//
// # Aliasing
//
// C must not overlap A or B.
package gemm
