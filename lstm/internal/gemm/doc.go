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
// multiplies one kc×mr panel by one kc×nr panel into an mr×nr tile of C.
// Panels at the matrix edges are zero padded; their tiles are computed into a
// scratch tile and only the valid part is added to C. When op(B) is not
// transposed and m is small (the per-time-step products of an LSTM), op(B)
// is read in place instead of packed: each of its panels is used only m/mr
// times, too few to repay the copy. When op(B) is transposed and m is small
// (h·W_hhᵀ in an LSTM step), the assembly kernels compute Cᵀ = op(B)ᵀ·op(A)ᵀ
// instead, reading B in place and packing only the small op(A); they
// transpose each tile in registers before writing it to C (8×16 tiles with
// AVX-512, 4×8 with AVX2).
//
// The micro-kernel is chosen once, at init, from what the CPU supports:
//
//   - avx512-8x16: AVX-512F, 8×16 tiles in 16 ZMM accumulators;
//   - avx2-6x8: AVX2 and FMA, 6×8 tiles in 12 YMM accumulators;
//   - go4x4: pure Go, 4×4 tiles; used on other architectures, and with the
//     purego build tag.
//
// Large products (m*n*k ≥ parallelMinWork) are cut into two to eight bands of
// rows or columns of C, which the calling goroutine and one long-lived
// helper goroutine claim in turn. The caller never waits for a helper that
// has not started: if the helper is busy or slow to be scheduled, the caller
// computes every band itself.
//
// # float32
//
// Sgemm is the same product for float32 matrices, shared with the same
// helper goroutine in the same pieces (SgemmSerial computes it on the
// calling goroutine alone), with the blocking above: op(B) is read in place
// when m is small and it is not transposed. There is no transposed path, so
// a transposed op(B) is always packed; with m small that copy costs as much
// as the product, and a caller with a small m should keep that operand
// stored transposed. Its kernels:
//
//   - avx512-8x32: AVX-512F, 8×32 tiles in the 16 ZMM accumulators of
//     avx512-8x16 (16 float32 per register), so twice the flops per
//     instruction;
//   - go4x4: pure Go, on every other CPU and with the purego build tag.
//
// Its edge tiles are computed by the kernel itself on a copy of C's valid
// part, so they round exactly as full tiles do.
//
// # Invariants
//
//   - A and B are never modified; only the m×n part of C addressed through
//     ldc is written.
//   - When beta == 0, C is not read: NaN or Inf already in C does not
//     propagate, as in reference BLAS.
//   - Packing buffers are kept between calls (up to four sets, about 4 MiB
//     each at most), so steady-state calls do not allocate.
//   - Results differ from a naive triple loop only by rounding: the kernel
//     uses fused multiply-add and a different summation order over k.
//   - Results are the same bits from run to run: how a product is cut into
//     pieces depends only on its shape, never on timing or on which
//     goroutine computes a piece, and every element is summed over k in
//     the same order with the same final rounding wherever its tile falls.
//
// # Aliasing
//
// C must not overlap A or B.
package gemm
