//go:build amd64 && !purego

#include "textflag.h"

// func sgemm8x32(kc int, a *float32, ars, aks int, b *float32, bks int, c *float32, ldc int, alpha, beta float32, mode int)
//
// dgemm8x16 for float32: an 8×32 tile, 16 values per ZMM register, so
// twice the columns with the same registers and instruction count.
//
// Register use:
//	Z0..Z15	accumulators, row r of the tile in Z(2r) (columns 0..15) and Z(2r+1) (columns 16..31)
//	Z16, Z17	one row of B
//	Z18..Z21	broadcast elements of A
//	SI, R9, R11	A rows 0, 3 and 6 at the current p; R10 the row stride of A in bytes
//	R12	A's k stride in bytes; DX	B at the current p; R13	B's k stride in bytes
//	DI	C; R14	C's row stride in bytes; CX	loop counter
TEXT ·sgemm8x32(SB), NOSPLIT, $0-80
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ars+16(FP), R10
	SHLQ $2, R10
	MOVQ aks+24(FP), R12
	SHLQ $2, R12
	MOVQ b+32(FP), DX
	MOVQ bks+40(FP), R13
	SHLQ $2, R13
	MOVQ c+48(FP), DI
	MOVQ ldc+56(FP), R14
	SHLQ $2, R14
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

sloop32:
	VMOVUPS      (DX), Z16
	VMOVUPS      64(DX), Z17
	VBROADCASTSS (SI), Z18
	VBROADCASTSS (SI)(R10*1), Z19
	VBROADCASTSS (SI)(R10*2), Z20
	VBROADCASTSS (R9), Z21
	VFMADD231PS  Z16, Z18, Z0
	VFMADD231PS  Z17, Z18, Z1
	VFMADD231PS  Z16, Z19, Z2
	VFMADD231PS  Z17, Z19, Z3
	VFMADD231PS  Z16, Z20, Z4
	VFMADD231PS  Z17, Z20, Z5
	VFMADD231PS  Z16, Z21, Z6
	VFMADD231PS  Z17, Z21, Z7
	VBROADCASTSS (R9)(R10*1), Z18
	VBROADCASTSS (R9)(R10*2), Z19
	VBROADCASTSS (R11), Z20
	VBROADCASTSS (R11)(R10*1), Z21
	VFMADD231PS  Z16, Z18, Z8
	VFMADD231PS  Z17, Z18, Z9
	VFMADD231PS  Z16, Z19, Z10
	VFMADD231PS  Z17, Z19, Z11
	VFMADD231PS  Z16, Z20, Z12
	VFMADD231PS  Z17, Z20, Z13
	VFMADD231PS  Z16, Z21, Z14
	VFMADD231PS  Z17, Z21, Z15
	ADDQ         R12, SI
	ADDQ         R12, R9
	ADDQ         R12, R11
	ADDQ         R13, DX
	DECQ         CX
	JNZ          sloop32

	VBROADCASTSS alpha+64(FP), Z18
	VBROADCASTSS beta+68(FP), Z19
	MOVQ         mode+72(FP), AX
	CMPQ         AX, $1
	JEQ          sacc32
	JGT          sscaled32

#define SSETROW32(lo, hi) \
	VMULPS  lo, Z18, Z16 \
	VMULPS  hi, Z18, Z17 \
	VMOVUPS Z16, (DI) \
	VMOVUPS Z17, 64(DI) \
	ADDQ    R14, DI

	SSETROW32(Z0, Z1)
	SSETROW32(Z2, Z3)
	SSETROW32(Z4, Z5)
	SSETROW32(Z6, Z7)
	SSETROW32(Z8, Z9)
	SSETROW32(Z10, Z11)
	SSETROW32(Z12, Z13)
	SSETROW32(Z14, Z15)
	JMP sdone32

sacc32:
#define SACCROW32(lo, hi) \
	VMOVUPS     (DI), Z16 \
	VMOVUPS     64(DI), Z17 \
	VFMADD231PS lo, Z18, Z16 \
	VFMADD231PS hi, Z18, Z17 \
	VMOVUPS     Z16, (DI) \
	VMOVUPS     Z17, 64(DI) \
	ADDQ        R14, DI

	SACCROW32(Z0, Z1)
	SACCROW32(Z2, Z3)
	SACCROW32(Z4, Z5)
	SACCROW32(Z6, Z7)
	SACCROW32(Z8, Z9)
	SACCROW32(Z10, Z11)
	SACCROW32(Z12, Z13)
	SACCROW32(Z14, Z15)
	JMP sdone32

sscaled32:
#define SSCALEROW32(lo, hi) \
	VMULPS      (DI), Z19, Z16 \
	VMULPS      64(DI), Z19, Z17 \
	VFMADD231PS lo, Z18, Z16 \
	VFMADD231PS hi, Z18, Z17 \
	VMOVUPS     Z16, (DI) \
	VMOVUPS     Z17, 64(DI) \
	ADDQ        R14, DI

	SSCALEROW32(Z0, Z1)
	SSCALEROW32(Z2, Z3)
	SSCALEROW32(Z4, Z5)
	SSCALEROW32(Z6, Z7)
	SSCALEROW32(Z8, Z9)
	SSCALEROW32(Z10, Z11)
	SSCALEROW32(Z12, Z13)
	SSCALEROW32(Z14, Z15)

sdone32:
	VZEROUPPER
	RET
