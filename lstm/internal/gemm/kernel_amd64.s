//go:build amd64 && !purego

#include "textflag.h"

// func dgemm6x8(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha, beta float64, mode int)
//
// Register use:
//	Y0..Y11	accumulators, row r of the tile in Y(2r) (columns 0..3) and Y(2r+1) (columns 4..7)
//	Y12, Y13	one row of B
//	Y14, Y15	broadcast elements of A
//	SI, R9	A rows 0 and 3 at the current p; R10 the row stride of A in bytes
//	R12	A's k stride in bytes; DX	B at the current p; R13	B's k stride in bytes
//	DI	C; R14	C's row stride in bytes; CX	loop counter
TEXT ·dgemm6x8(SB), NOSPLIT, $0-88
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ars+16(FP), R10
	SHLQ $3, R10
	MOVQ aks+24(FP), R12
	SHLQ $3, R12
	MOVQ b+32(FP), DX
	MOVQ bks+40(FP), R13
	SHLQ $3, R13
	MOVQ c+48(FP), DI
	MOVQ ldc+56(FP), R14
	SHLQ $3, R14
	LEAQ (SI)(R10*2), R9
	ADDQ R10, R9

	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11

loop:
	VMOVUPD      (DX), Y12
	VMOVUPD      32(DX), Y13
	VBROADCASTSD (SI), Y14
	VFMADD231PD  Y12, Y14, Y0
	VFMADD231PD  Y13, Y14, Y1
	VBROADCASTSD (SI)(R10*1), Y15
	VFMADD231PD  Y12, Y15, Y2
	VFMADD231PD  Y13, Y15, Y3
	VBROADCASTSD (SI)(R10*2), Y14
	VFMADD231PD  Y12, Y14, Y4
	VFMADD231PD  Y13, Y14, Y5
	VBROADCASTSD (R9), Y15
	VFMADD231PD  Y12, Y15, Y6
	VFMADD231PD  Y13, Y15, Y7
	VBROADCASTSD (R9)(R10*1), Y14
	VFMADD231PD  Y12, Y14, Y8
	VFMADD231PD  Y13, Y14, Y9
	VBROADCASTSD (R9)(R10*2), Y15
	VFMADD231PD  Y12, Y15, Y10
	VFMADD231PD  Y13, Y15, Y11
	ADDQ         R12, SI
	ADDQ         R12, R9
	ADDQ         R13, DX
	DECQ         CX
	JNZ          loop

	// Write C = alpha*accumulators + beta*C one row at a time, without
	// reading C in mode 0 and without multiplying by beta in mode 1.
	VBROADCASTSD alpha+64(FP), Y14
	VBROADCASTSD beta+72(FP), Y15
	MOVQ         mode+80(FP), AX
	CMPQ         AX, $1
	JEQ          acc8
	JGT          scaled8

#define SETROW(lo, hi) \
	VMULPD  lo, Y14, Y12 \
	VMULPD  hi, Y14, Y13 \
	VMOVUPD Y12, (DI) \
	VMOVUPD Y13, 32(DI) \
	ADDQ    R14, DI

	SETROW(Y0, Y1)
	SETROW(Y2, Y3)
	SETROW(Y4, Y5)
	SETROW(Y6, Y7)
	SETROW(Y8, Y9)
	SETROW(Y10, Y11)
	JMP done8

acc8:
#define ACCROW(lo, hi) \
	VMOVUPD     (DI), Y12 \
	VMOVUPD     32(DI), Y13 \
	VFMADD231PD lo, Y14, Y12 \
	VFMADD231PD hi, Y14, Y13 \
	VMOVUPD     Y12, (DI) \
	VMOVUPD     Y13, 32(DI) \
	ADDQ        R14, DI

	ACCROW(Y0, Y1)
	ACCROW(Y2, Y3)
	ACCROW(Y4, Y5)
	ACCROW(Y6, Y7)
	ACCROW(Y8, Y9)
	ACCROW(Y10, Y11)
	JMP done8

scaled8:
#define SCALEROW(lo, hi) \
	VMULPD      (DI), Y15, Y12 \
	VMULPD      32(DI), Y15, Y13 \
	VFMADD231PD lo, Y14, Y12 \
	VFMADD231PD hi, Y14, Y13 \
	VMOVUPD     Y12, (DI) \
	VMOVUPD     Y13, 32(DI) \
	ADDQ        R14, DI

	SCALEROW(Y0, Y1)
	SCALEROW(Y2, Y3)
	SCALEROW(Y4, Y5)
	SCALEROW(Y6, Y7)
	SCALEROW(Y8, Y9)
	SCALEROW(Y10, Y11)

done8:
	VZEROUPPER
	RET

// func dgemm8x16(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha, beta float64, mode int)
//
// The AVX-512 counterpart of dgemm6x8 for an 8×16 tile.
//
// Register use:
//	Z0..Z15	accumulators, row r of the tile in Z(2r) (columns 0..7) and Z(2r+1) (columns 8..15)
//	Z16, Z17	one row of B
//	Z18..Z21	broadcast elements of A
//	SI, R9, R11	A rows 0, 3 and 6 at the current p; R10 the row stride of A in bytes
//	R12	A's k stride in bytes; DX	B at the current p; R13	B's k stride in bytes
//	DI	C; R14	C's row stride in bytes; CX	loop counter
TEXT ·dgemm8x16(SB), NOSPLIT, $0-88
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ars+16(FP), R10
	SHLQ $3, R10
	MOVQ aks+24(FP), R12
	SHLQ $3, R12
	MOVQ b+32(FP), DX
	MOVQ bks+40(FP), R13
	SHLQ $3, R13
	MOVQ c+48(FP), DI
	MOVQ ldc+56(FP), R14
	SHLQ $3, R14
	LEAQ (SI)(R10*2), R9
	ADDQ R10, R9
	LEAQ (R9)(R10*2), R11
	ADDQ R10, R11

	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15

loop16:
	VMOVUPD      (DX), Z16
	VMOVUPD      64(DX), Z17
	VBROADCASTSD (SI), Z18
	VBROADCASTSD (SI)(R10*1), Z19
	VBROADCASTSD (SI)(R10*2), Z20
	VBROADCASTSD (R9), Z21
	VFMADD231PD  Z16, Z18, Z0
	VFMADD231PD  Z17, Z18, Z1
	VFMADD231PD  Z16, Z19, Z2
	VFMADD231PD  Z17, Z19, Z3
	VFMADD231PD  Z16, Z20, Z4
	VFMADD231PD  Z17, Z20, Z5
	VFMADD231PD  Z16, Z21, Z6
	VFMADD231PD  Z17, Z21, Z7
	VBROADCASTSD (R9)(R10*1), Z18
	VBROADCASTSD (R9)(R10*2), Z19
	VBROADCASTSD (R11), Z20
	VBROADCASTSD (R11)(R10*1), Z21
	VFMADD231PD  Z16, Z18, Z8
	VFMADD231PD  Z17, Z18, Z9
	VFMADD231PD  Z16, Z19, Z10
	VFMADD231PD  Z17, Z19, Z11
	VFMADD231PD  Z16, Z20, Z12
	VFMADD231PD  Z17, Z20, Z13
	VFMADD231PD  Z16, Z21, Z14
	VFMADD231PD  Z17, Z21, Z15
	ADDQ         R12, SI
	ADDQ         R12, R9
	ADDQ         R12, R11
	ADDQ         R13, DX
	DECQ         CX
	JNZ          loop16

	VBROADCASTSD alpha+64(FP), Z18
	VBROADCASTSD beta+72(FP), Z19
	MOVQ         mode+80(FP), AX
	CMPQ         AX, $1
	JEQ          acc16
	JGT          scaled16

#define SETROW16(lo, hi) \
	VMULPD  lo, Z18, Z16 \
	VMULPD  hi, Z18, Z17 \
	VMOVUPD Z16, (DI) \
	VMOVUPD Z17, 64(DI) \
	ADDQ    R14, DI

	SETROW16(Z0, Z1)
	SETROW16(Z2, Z3)
	SETROW16(Z4, Z5)
	SETROW16(Z6, Z7)
	SETROW16(Z8, Z9)
	SETROW16(Z10, Z11)
	SETROW16(Z12, Z13)
	SETROW16(Z14, Z15)
	JMP done16

acc16:
#define ACCROW16(lo, hi) \
	VMOVUPD     (DI), Z16 \
	VMOVUPD     64(DI), Z17 \
	VFMADD231PD lo, Z18, Z16 \
	VFMADD231PD hi, Z18, Z17 \
	VMOVUPD     Z16, (DI) \
	VMOVUPD     Z17, 64(DI) \
	ADDQ        R14, DI

	ACCROW16(Z0, Z1)
	ACCROW16(Z2, Z3)
	ACCROW16(Z4, Z5)
	ACCROW16(Z6, Z7)
	ACCROW16(Z8, Z9)
	ACCROW16(Z10, Z11)
	ACCROW16(Z12, Z13)
	ACCROW16(Z14, Z15)
	JMP done16

scaled16:
#define SCALEROW16(lo, hi) \
	VMULPD      (DI), Z19, Z16 \
	VMULPD      64(DI), Z19, Z17 \
	VFMADD231PD lo, Z18, Z16 \
	VFMADD231PD hi, Z18, Z17 \
	VMOVUPD     Z16, (DI) \
	VMOVUPD     Z17, 64(DI) \
	ADDQ        R14, DI

	SCALEROW16(Z0, Z1)
	SCALEROW16(Z2, Z3)
	SCALEROW16(Z4, Z5)
	SCALEROW16(Z6, Z7)
	SCALEROW16(Z8, Z9)
	SCALEROW16(Z10, Z11)
	SCALEROW16(Z12, Z13)
	SCALEROW16(Z14, Z15)

done16:
	VZEROUPPER
	RET

// func transpose4(dst *float64, ldd int, src *float64, lds int, nb int)
//
// Each 4×4 block is read as two-element halves of rows 0..3, paired into
// Y0 = [r0[0] r0[1] r2[0] r2[1]] and Y1 = [r1[0] r1[1] r3[0] r3[1]];
// VUNPCKLPD and VUNPCKHPD then give columns 0 and 1, and likewise Y2, Y3
// give columns 2 and 3.
TEXT ·transpose4(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ ldd+8(FP), R8
	SHLQ $3, R8
	MOVQ src+16(FP), SI
	MOVQ lds+24(FP), R9
	SHLQ $3, R9
	MOVQ nb+32(FP), CX
	LEAQ (SI)(R9*2), R10
	LEAQ (R8)(R8*2), R11

tloop:
	VMOVUPD     (SI), X0
	VINSERTF128 $1, (R10), Y0, Y0
	VMOVUPD     (SI)(R9*1), X1
	VINSERTF128 $1, (R10)(R9*1), Y1, Y1
	VMOVUPD     16(SI), X2
	VINSERTF128 $1, 16(R10), Y2, Y2
	VMOVUPD     16(SI)(R9*1), X3
	VINSERTF128 $1, 16(R10)(R9*1), Y3, Y3
	VUNPCKLPD   Y1, Y0, Y4
	VUNPCKHPD   Y1, Y0, Y5
	VUNPCKLPD   Y3, Y2, Y6
	VUNPCKHPD   Y3, Y2, Y7
	VMOVUPD     Y4, (DI)
	VMOVUPD     Y5, (DI)(R8*1)
	VMOVUPD     Y6, (DI)(R8*2)
	VMOVUPD     Y7, (DI)(R11*1)
	ADDQ        $32, SI
	ADDQ        $32, R10
	LEAQ        (DI)(R8*4), DI
	DECQ        CX
	JNZ         tloop

	VZEROUPPER
	RET

// func packRows4(dst *float64, src *float64, lds, kc, np, pw int)
//
// For q < np and p < kc, copies the pw elements at src[p*lds+q*pw:] to
// dst[q*kc*pw+p*pw:], four at a time; pw must be a positive multiple of 4.
// It fills one panel after the other, writing dst sequentially.
TEXT ·packRows4(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ lds+16(FP), R8
	SHLQ $3, R8
	MOVQ np+32(FP), R9
	MOVQ pw+40(FP), DX
	SHLQ $3, DX        // bytes per panel row

ppanel:
	MOVQ SI, R11       // src at row 0 of this panel
	MOVQ kc+24(FP), CX

prow:
	XORQ AX, AX

pchunk:
	VMOVUPD (R11)(AX*1), Y0
	VMOVUPD Y0, (DI)(AX*1)
	ADDQ    $32, AX
	CMPQ    AX, DX
	JLT     pchunk

	ADDQ R8, R11
	ADDQ DX, DI
	DECQ CX
	JNZ  prow

	ADDQ DX, SI
	DECQ R9
	JNZ  ppanel

	VZEROUPPER
	RET

// func dgemm8x16T(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha, beta float64, mode int)
//
// dgemm8x16T computes the same 8×16 product P = A*B as dgemm8x16 but writes
// its transpose: it sets the 16×8 block C at c, row stride ldc, to
// alpha*Pᵀ + beta*C. The main loop is dgemm8x16's.
TEXT ·dgemm8x16T(SB), NOSPLIT, $0-88
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ars+16(FP), R10
	SHLQ $3, R10
	MOVQ aks+24(FP), R12
	SHLQ $3, R12
	MOVQ b+32(FP), DX
	MOVQ bks+40(FP), R13
	SHLQ $3, R13
	MOVQ c+48(FP), DI
	MOVQ ldc+56(FP), R14
	SHLQ $3, R14
	LEAQ (SI)(R10*2), R9
	ADDQ R10, R9
	LEAQ (R9)(R10*2), R11
	ADDQ R10, R11

	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15

loop16T:
	VMOVUPD      (DX), Z16
	VMOVUPD      64(DX), Z17
	VBROADCASTSD (SI), Z18
	VBROADCASTSD (SI)(R10*1), Z19
	VBROADCASTSD (SI)(R10*2), Z20
	VBROADCASTSD (R9), Z21
	VFMADD231PD  Z16, Z18, Z0
	VFMADD231PD  Z17, Z18, Z1
	VFMADD231PD  Z16, Z19, Z2
	VFMADD231PD  Z17, Z19, Z3
	VFMADD231PD  Z16, Z20, Z4
	VFMADD231PD  Z17, Z20, Z5
	VFMADD231PD  Z16, Z21, Z6
	VFMADD231PD  Z17, Z21, Z7
	VBROADCASTSD (R9)(R10*1), Z18
	VBROADCASTSD (R9)(R10*2), Z19
	VBROADCASTSD (R11), Z20
	VBROADCASTSD (R11)(R10*1), Z21
	VFMADD231PD  Z16, Z18, Z8
	VFMADD231PD  Z17, Z18, Z9
	VFMADD231PD  Z16, Z19, Z10
	VFMADD231PD  Z17, Z19, Z11
	VFMADD231PD  Z16, Z20, Z12
	VFMADD231PD  Z17, Z20, Z13
	VFMADD231PD  Z16, Z21, Z14
	VFMADD231PD  Z17, Z21, Z15
	ADDQ         R12, SI
	ADDQ         R12, R9
	ADDQ         R12, R11
	ADDQ         R13, DX
	DECQ         CX
	JNZ          loop16T

	// Transpose the tile: rows 0..7 of P in the even accumulators become
	// columns, written as rows 0..7 of the 16×8 block of C; the odd
	// accumulators give rows 8..15. Each 8×8 transpose interleaves pairs
	// (VUNPCKLPD/VUNPCKHPD), then 128-bit lanes twice (VSHUFF64X2).
	MOVQ        mode+80(FP), AX
	VUNPCKLPD   Z2, Z0, Z16
	VUNPCKHPD   Z2, Z0, Z17
	VUNPCKLPD   Z6, Z4, Z18
	VUNPCKHPD   Z6, Z4, Z19
	VUNPCKLPD   Z10, Z8, Z20
	VUNPCKHPD   Z10, Z8, Z21
	VUNPCKLPD   Z14, Z12, Z22
	VUNPCKHPD   Z14, Z12, Z23
	VSHUFF64X2  $0x88, Z18, Z16, Z24
	VSHUFF64X2  $0x88, Z19, Z17, Z25
	VSHUFF64X2  $0xDD, Z18, Z16, Z26
	VSHUFF64X2  $0xDD, Z19, Z17, Z27
	VSHUFF64X2  $0x88, Z22, Z20, Z28
	VSHUFF64X2  $0x88, Z23, Z21, Z29
	VSHUFF64X2  $0xDD, Z22, Z20, Z30
	VSHUFF64X2  $0xDD, Z23, Z21, Z31
	VSHUFF64X2  $0x88, Z28, Z24, Z16
	VSHUFF64X2  $0x88, Z29, Z25, Z17
	VSHUFF64X2  $0x88, Z30, Z26, Z18
	VSHUFF64X2  $0x88, Z31, Z27, Z19
	VSHUFF64X2  $0xDD, Z28, Z24, Z20
	VSHUFF64X2  $0xDD, Z29, Z25, Z21
	VSHUFF64X2  $0xDD, Z30, Z26, Z22
	VSHUFF64X2  $0xDD, Z31, Z27, Z23
	VBROADCASTSD alpha+64(FP), Z30
	VBROADCASTSD beta+72(FP), Z31
	CMPQ        AX, $1
	JEQ         accT0
	JGT         scaledT0
	VMULPD      Z16, Z30, Z16
	VMOVUPD     Z16, (DI)
	ADDQ        R14, DI
	VMULPD      Z17, Z30, Z17
	VMOVUPD     Z17, (DI)
	ADDQ        R14, DI
	VMULPD      Z18, Z30, Z18
	VMOVUPD     Z18, (DI)
	ADDQ        R14, DI
	VMULPD      Z19, Z30, Z19
	VMOVUPD     Z19, (DI)
	ADDQ        R14, DI
	VMULPD      Z20, Z30, Z20
	VMOVUPD     Z20, (DI)
	ADDQ        R14, DI
	VMULPD      Z21, Z30, Z21
	VMOVUPD     Z21, (DI)
	ADDQ        R14, DI
	VMULPD      Z22, Z30, Z22
	VMOVUPD     Z22, (DI)
	ADDQ        R14, DI
	VMULPD      Z23, Z30, Z23
	VMOVUPD     Z23, (DI)
	ADDQ        R14, DI
	JMP         doneT0

accT0:
	VFMADD213PD (DI), Z30, Z16
	VMOVUPD     Z16, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z17
	VMOVUPD     Z17, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z18
	VMOVUPD     Z18, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z19
	VMOVUPD     Z19, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z20
	VMOVUPD     Z20, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z21
	VMOVUPD     Z21, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z22
	VMOVUPD     Z22, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z23
	VMOVUPD     Z23, (DI)
	ADDQ        R14, DI
	JMP         doneT0

scaledT0:
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z16, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z17, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z18, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z19, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z20, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z21, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z22, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z23, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI

doneT0:
	VUNPCKLPD   Z3, Z1, Z16
	VUNPCKHPD   Z3, Z1, Z17
	VUNPCKLPD   Z7, Z5, Z18
	VUNPCKHPD   Z7, Z5, Z19
	VUNPCKLPD   Z11, Z9, Z20
	VUNPCKHPD   Z11, Z9, Z21
	VUNPCKLPD   Z15, Z13, Z22
	VUNPCKHPD   Z15, Z13, Z23
	VSHUFF64X2  $0x88, Z18, Z16, Z24
	VSHUFF64X2  $0x88, Z19, Z17, Z25
	VSHUFF64X2  $0xDD, Z18, Z16, Z26
	VSHUFF64X2  $0xDD, Z19, Z17, Z27
	VSHUFF64X2  $0x88, Z22, Z20, Z28
	VSHUFF64X2  $0x88, Z23, Z21, Z29
	VSHUFF64X2  $0xDD, Z22, Z20, Z30
	VSHUFF64X2  $0xDD, Z23, Z21, Z31
	VSHUFF64X2  $0x88, Z28, Z24, Z16
	VSHUFF64X2  $0x88, Z29, Z25, Z17
	VSHUFF64X2  $0x88, Z30, Z26, Z18
	VSHUFF64X2  $0x88, Z31, Z27, Z19
	VSHUFF64X2  $0xDD, Z28, Z24, Z20
	VSHUFF64X2  $0xDD, Z29, Z25, Z21
	VSHUFF64X2  $0xDD, Z30, Z26, Z22
	VSHUFF64X2  $0xDD, Z31, Z27, Z23
	VBROADCASTSD alpha+64(FP), Z30
	VBROADCASTSD beta+72(FP), Z31
	CMPQ        AX, $1
	JEQ         accT1
	JGT         scaledT1
	VMULPD      Z16, Z30, Z16
	VMOVUPD     Z16, (DI)
	ADDQ        R14, DI
	VMULPD      Z17, Z30, Z17
	VMOVUPD     Z17, (DI)
	ADDQ        R14, DI
	VMULPD      Z18, Z30, Z18
	VMOVUPD     Z18, (DI)
	ADDQ        R14, DI
	VMULPD      Z19, Z30, Z19
	VMOVUPD     Z19, (DI)
	ADDQ        R14, DI
	VMULPD      Z20, Z30, Z20
	VMOVUPD     Z20, (DI)
	ADDQ        R14, DI
	VMULPD      Z21, Z30, Z21
	VMOVUPD     Z21, (DI)
	ADDQ        R14, DI
	VMULPD      Z22, Z30, Z22
	VMOVUPD     Z22, (DI)
	ADDQ        R14, DI
	VMULPD      Z23, Z30, Z23
	VMOVUPD     Z23, (DI)
	ADDQ        R14, DI
	JMP         doneT1

accT1:
	VFMADD213PD (DI), Z30, Z16
	VMOVUPD     Z16, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z17
	VMOVUPD     Z17, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z18
	VMOVUPD     Z18, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z19
	VMOVUPD     Z19, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z20
	VMOVUPD     Z20, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z21
	VMOVUPD     Z21, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z22
	VMOVUPD     Z22, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Z30, Z23
	VMOVUPD     Z23, (DI)
	ADDQ        R14, DI
	JMP         doneT1

scaledT1:
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z16, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z17, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z18, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z19, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z20, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z21, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z22, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Z31, Z24
	VFMADD231PD Z23, Z30, Z24
	VMOVUPD     Z24, (DI)
	ADDQ        R14, DI

doneT1:
	VZEROUPPER
	RET

// func dgemm4x8T(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int, alpha, beta float64, mode int)
//
// dgemm4x8T computes the 4×8 product P = A*B, A 4×kc with element (r, p) at
// a[r*ars+p*aks] and B kc×8 with element (p, j) at b[p*bks+j], and sets the
// 8×4 block C at c, row stride ldc, to alpha*Pᵀ + beta*C, with AVX2 and FMA.
//
// Register use:
//	Y0..Y7	accumulators, row r of P in Y(2r) (columns 0..3) and Y(2r+1) (columns 4..7)
//	Y8, Y9	one row of B; Y10, Y11	broadcast elements of A
//	SI, R9	A rows 0 and 3 at the current p; R10 the row stride of A in bytes
//	R12	A's k stride in bytes; DX	B at the current p; R13	B's k stride in bytes
//	DI	C; R14	C's row stride in bytes; CX	loop counter
TEXT ·dgemm4x8T(SB), NOSPLIT, $0-88
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ars+16(FP), R10
	SHLQ $3, R10
	MOVQ aks+24(FP), R12
	SHLQ $3, R12
	MOVQ b+32(FP), DX
	MOVQ bks+40(FP), R13
	SHLQ $3, R13
	MOVQ c+48(FP), DI
	MOVQ ldc+56(FP), R14
	SHLQ $3, R14
	LEAQ (SI)(R10*2), R9
	ADDQ R10, R9

	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7

loop4x8T:
	VMOVUPD      (DX), Y8
	VMOVUPD      32(DX), Y9
	VBROADCASTSD (SI), Y10
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y9, Y10, Y1
	VBROADCASTSD (SI)(R10*1), Y11
	VFMADD231PD  Y8, Y11, Y2
	VFMADD231PD  Y9, Y11, Y3
	VBROADCASTSD (SI)(R10*2), Y10
	VFMADD231PD  Y8, Y10, Y4
	VFMADD231PD  Y9, Y10, Y5
	VBROADCASTSD (R9), Y11
	VFMADD231PD  Y8, Y11, Y6
	VFMADD231PD  Y9, Y11, Y7
	ADDQ         R12, SI
	ADDQ         R12, R9
	ADDQ         R13, DX
	DECQ         CX
	JNZ          loop4x8T

	// Transpose P a 4×4 block at a time (columns 0..3 of P, then 4..7),
	// each giving 4 rows of C: pairs interleaved by VUNPCKLPD/VUNPCKHPD,
	// then 128-bit halves by VPERM2F128.
	VBROADCASTSD alpha+64(FP), Y14
	VBROADCASTSD beta+72(FP), Y15
	MOVQ         mode+80(FP), AX
	VUNPCKLPD   Y2, Y0, Y8
	VUNPCKHPD   Y2, Y0, Y9
	VUNPCKLPD   Y6, Y4, Y10
	VUNPCKHPD   Y6, Y4, Y11
	VPERM2F128  $0x20, Y10, Y8, Y12
	VPERM2F128  $0x31, Y10, Y8, Y13
	VPERM2F128  $0x20, Y11, Y9, Y8
	VPERM2F128  $0x31, Y11, Y9, Y10
	CMPQ        AX, $1
	JEQ         acc4T0
	JGT         scaled4T0
	VMULPD      Y12, Y14, Y12
	VMOVUPD     Y12, (DI)
	ADDQ        R14, DI
	VMULPD      Y8, Y14, Y8
	VMOVUPD     Y8, (DI)
	ADDQ        R14, DI
	VMULPD      Y13, Y14, Y13
	VMOVUPD     Y13, (DI)
	ADDQ        R14, DI
	VMULPD      Y10, Y14, Y10
	VMOVUPD     Y10, (DI)
	ADDQ        R14, DI
	JMP         done4T0

acc4T0:
	VFMADD213PD (DI), Y14, Y12
	VMOVUPD     Y12, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Y14, Y8
	VMOVUPD     Y8, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Y14, Y13
	VMOVUPD     Y13, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Y14, Y10
	VMOVUPD     Y10, (DI)
	ADDQ        R14, DI
	JMP         done4T0

scaled4T0:
	VMULPD      (DI), Y15, Y9
	VFMADD231PD Y12, Y14, Y9
	VMOVUPD     Y9, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Y15, Y9
	VFMADD231PD Y8, Y14, Y9
	VMOVUPD     Y9, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Y15, Y9
	VFMADD231PD Y13, Y14, Y9
	VMOVUPD     Y9, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Y15, Y9
	VFMADD231PD Y10, Y14, Y9
	VMOVUPD     Y9, (DI)
	ADDQ        R14, DI

done4T0:
	VUNPCKLPD   Y3, Y1, Y8
	VUNPCKHPD   Y3, Y1, Y9
	VUNPCKLPD   Y7, Y5, Y10
	VUNPCKHPD   Y7, Y5, Y11
	VPERM2F128  $0x20, Y10, Y8, Y12
	VPERM2F128  $0x31, Y10, Y8, Y13
	VPERM2F128  $0x20, Y11, Y9, Y8
	VPERM2F128  $0x31, Y11, Y9, Y10
	CMPQ        AX, $1
	JEQ         acc4T1
	JGT         scaled4T1
	VMULPD      Y12, Y14, Y12
	VMOVUPD     Y12, (DI)
	ADDQ        R14, DI
	VMULPD      Y8, Y14, Y8
	VMOVUPD     Y8, (DI)
	ADDQ        R14, DI
	VMULPD      Y13, Y14, Y13
	VMOVUPD     Y13, (DI)
	ADDQ        R14, DI
	VMULPD      Y10, Y14, Y10
	VMOVUPD     Y10, (DI)
	ADDQ        R14, DI
	JMP         done4T1

acc4T1:
	VFMADD213PD (DI), Y14, Y12
	VMOVUPD     Y12, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Y14, Y8
	VMOVUPD     Y8, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Y14, Y13
	VMOVUPD     Y13, (DI)
	ADDQ        R14, DI
	VFMADD213PD (DI), Y14, Y10
	VMOVUPD     Y10, (DI)
	ADDQ        R14, DI
	JMP         done4T1

scaled4T1:
	VMULPD      (DI), Y15, Y9
	VFMADD231PD Y12, Y14, Y9
	VMOVUPD     Y9, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Y15, Y9
	VFMADD231PD Y8, Y14, Y9
	VMOVUPD     Y9, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Y15, Y9
	VFMADD231PD Y13, Y14, Y9
	VMOVUPD     Y9, (DI)
	ADDQ        R14, DI
	VMULPD      (DI), Y15, Y9
	VFMADD231PD Y10, Y14, Y9
	VMOVUPD     Y9, (DI)
	ADDQ        R14, DI

done4T1:
	VZEROUPPER
	RET
