//go:build amd64 && !purego

#include "textflag.h"

// AVX-512 element-wise activations of the LSTM step loops (see vec.go).
// Every loop handles 8 float64 per iteration; n is a multiple of 8.
//
// exp(x): x clamped to [−708, 709] (NaN passes through, see below),
// k = round(x·log2 e), r = x − k·ln2 (ln2 split in two, fdlibm's, so k·ln2hi
// is exact), e^r by its degree-13 Taylor polynomial (|r| ≤ ln2/2: truncation
// error below 5e-18), then e^x = e^r·2^k by VSCALEFPD.
//
// x86 MAXPD/MINPD return their second source operand when either is NaN;
// Go's operand order is reversed, so "VMAXPD Zx, Zc, Zx" returns x when x
// is NaN: a NaN pre-activation stays NaN through every activation, so the
// trainer sees a non-finite loss.

DATA expLo<>+0(SB)/8, $-708.0
GLOBL expLo<>(SB), RODATA|NOPTR, $8
DATA expHi<>+0(SB)/8, $709.0
GLOBL expHi<>(SB), RODATA|NOPTR, $8
DATA log2e<>+0(SB)/8, $1.44269504088896338700e+00
GLOBL log2e<>(SB), RODATA|NOPTR, $8
DATA ln2hi<>+0(SB)/8, $6.93147180369123816490e-01
GLOBL ln2hi<>(SB), RODATA|NOPTR, $8
DATA ln2lo<>+0(SB)/8, $1.90821492927058770002e-10
GLOBL ln2lo<>(SB), RODATA|NOPTR, $8
DATA one<>+0(SB)/8, $1.0
GLOBL one<>(SB), RODATA|NOPTR, $8
DATA two<>+0(SB)/8, $2.0
GLOBL two<>(SB), RODATA|NOPTR, $8
DATA absMask<>+0(SB)/8, $0x7fffffffffffffff
GLOBL absMask<>(SB), RODATA|NOPTR, $8
DATA tanhSmall<>+0(SB)/8, $0.625
GLOBL tanhSmall<>(SB), RODATA|NOPTR, $8

// 1/k! for k = 13 … 2
DATA expC<>+0(SB)/8, $1.6059043836821614599e-10
DATA expC<>+8(SB)/8, $2.0876756987868098979e-09
DATA expC<>+16(SB)/8, $2.5052108385441718775e-08
DATA expC<>+24(SB)/8, $2.7557319223985890653e-07
DATA expC<>+32(SB)/8, $2.7557319223985890653e-06
DATA expC<>+40(SB)/8, $2.4801587301587301587e-05
DATA expC<>+48(SB)/8, $1.9841269841269841270e-04
DATA expC<>+56(SB)/8, $1.3888888888888888889e-03
DATA expC<>+64(SB)/8, $8.3333333333333333333e-03
DATA expC<>+72(SB)/8, $4.1666666666666666667e-02
DATA expC<>+80(SB)/8, $1.6666666666666666667e-01
DATA expC<>+88(SB)/8, $0.5
GLOBL expC<>(SB), RODATA|NOPTR, $96

// math.Tanh's rational approximation for |x| < 0.625 (Cephes)
DATA tanhP<>+0(SB)/8, $-9.64399179425052238628e-01
DATA tanhP<>+8(SB)/8, $-9.92877231001918586564e+01
DATA tanhP<>+16(SB)/8, $-1.61468768441708447952e+03
DATA tanhP<>+24(SB)/8, $1.12811678491632931402e+02
DATA tanhP<>+32(SB)/8, $2.23548839060100448583e+03
DATA tanhP<>+40(SB)/8, $4.84406305325125486048e+03
GLOBL tanhP<>(SB), RODATA|NOPTR, $48

// Constants kept in registers: Z16 −708, Z17 709, Z18 log2 e, Z19 ln2hi,
// Z20 ln2lo, Z21 1, Z22 2, Z23 the abs mask, Z24 0.625.
#define LOADCONST \
	VBROADCASTSD expLo<>(SB), Z16 \
	VBROADCASTSD expHi<>(SB), Z17 \
	VBROADCASTSD log2e<>(SB), Z18 \
	VBROADCASTSD ln2hi<>(SB), Z19 \
	VBROADCASTSD ln2lo<>(SB), Z20 \
	VBROADCASTSD one<>(SB), Z21 \
	VBROADCASTSD two<>(SB), Z22 \
	VBROADCASTSD absMask<>(SB), Z23 \
	VBROADCASTSD tanhSmall<>(SB), Z24

// EXP sets x to e^x; k and p are scratch.
#define EXP(x, k, p) \
	VMAXPD x, Z16, x \
	VMINPD x, Z17, x \
	VMULPD Z18, x, k \
	VRNDSCALEPD $0, k, k \
	VFNMADD231PD Z19, k, x \
	VFNMADD231PD Z20, k, x \
	VBROADCASTSD expC<>+0(SB), p \
	VFMADD213PD.BCST expC<>+8(SB), x, p \
	VFMADD213PD.BCST expC<>+16(SB), x, p \
	VFMADD213PD.BCST expC<>+24(SB), x, p \
	VFMADD213PD.BCST expC<>+32(SB), x, p \
	VFMADD213PD.BCST expC<>+40(SB), x, p \
	VFMADD213PD.BCST expC<>+48(SB), x, p \
	VFMADD213PD.BCST expC<>+56(SB), x, p \
	VFMADD213PD.BCST expC<>+64(SB), x, p \
	VFMADD213PD.BCST expC<>+72(SB), x, p \
	VFMADD213PD.BCST expC<>+80(SB), x, p \
	VFMADD213PD.BCST expC<>+88(SB), x, p \
	VFMADD213PD Z21, x, p \
	VFMADD213PD Z21, x, p \
	VSCALEFPD k, p, x

// SIGMOID sets x to 1/(1+e^−x); k, p are scratch.
#define SIGMOID(x, k, p) \
	VPXORQ k, k, k \
	VSUBPD x, k, x \
	EXP(x, k, p) \
	VADDPD Z21, x, x \
	VDIVPD x, Z21, x

// TANH sets x to tanh(x): the rational form below 0.625 in magnitude, else
// sign(x)·(1 − 2/(e^2|x| + 1)); a, s, k, p are scratch.
#define TANH(x, a, s, k, p) \
	VPANDQ Z23, x, a \
	VCMPPD $1, Z24, a, K1 \
	VMULPD x, x, s \
	VBROADCASTSD tanhP<>+0(SB), p \
	VFMADD213PD.BCST tanhP<>+8(SB), s, p \
	VFMADD213PD.BCST tanhP<>+16(SB), s, p \
	VADDPD.BCST tanhP<>+24(SB), s, k \
	VFMADD213PD.BCST tanhP<>+32(SB), s, k \
	VFMADD213PD.BCST tanhP<>+40(SB), s, k \
	VDIVPD k, p, p \
	VMULPD s, p, p \
	VMULPD x, p, p \
	VADDPD x, p, s \
	VPXORQ a, x, x \
	VADDPD a, a, a \
	EXP(a, k, p) \
	VADDPD Z21, a, a \
	VDIVPD a, Z22, a \
	VSUBPD a, Z21, a \
	VPORQ x, a, x \
	VBLENDMPD s, x, K1, x

// PRE loads the pre-activation x[j] + b[j] + w[j]·s into Z0 (AX: offset;
// DI x, SI b, DX w; Z15 s broadcast).
#define PRE \
	VMOVUPD (DI)(AX*1), Z0 \
	VADDPD (SI)(AX*1), Z0, Z0 \
	VFMADD231PD (DX)(AX*1), Z15, Z0

// func vsigmoidAVX512(n int, x, b, w *float64, s float64)
TEXT ·vsigmoidAVX512(SB), NOSPLIT, $0-40
	MOVQ n+0(FP), CX
	MOVQ x+8(FP), DI
	MOVQ b+16(FP), SI
	MOVQ w+24(FP), DX
	VBROADCASTSD s+32(FP), Z15
	LOADCONST
	SHLQ $3, CX
	XORQ AX, AX
	JMP sigcond
sigloop:
	PRE
	SIGMOID(Z0, Z1, Z2)
	VMOVUPD Z0, (DI)(AX*1)
	ADDQ $64, AX
sigcond:
	CMPQ AX, CX
	JLT sigloop
	VZEROUPPER
	RET

// func vtanhAVX512(n int, x, b, w *float64, s float64)
TEXT ·vtanhAVX512(SB), NOSPLIT, $0-40
	MOVQ n+0(FP), CX
	MOVQ x+8(FP), DI
	MOVQ b+16(FP), SI
	MOVQ w+24(FP), DX
	VBROADCASTSD s+32(FP), Z15
	LOADCONST
	SHLQ $3, CX
	XORQ AX, AX
	JMP tanhcond
tanhloop:
	PRE
	TANH(Z0, Z1, Z2, Z3, Z4)
	VMOVUPD Z0, (DI)(AX*1)
	ADDQ $64, AX
tanhcond:
	CMPQ AX, CX
	JLT tanhloop
	VZEROUPPER
	RET

// func vcellAVX512(n int, i, f, gv, o, cp, cn, tc, h *float64)
//
// c = f·cp + i·gv; cn = c; tc = tanh(c); h = o·tc.
TEXT ·vcellAVX512(SB), NOSPLIT, $0-72
	MOVQ n+0(FP), CX
	MOVQ i+8(FP), R8
	MOVQ f+16(FP), R9
	MOVQ gv+24(FP), R10
	MOVQ o+32(FP), R11
	MOVQ cp+40(FP), R12
	MOVQ cn+48(FP), R13
	MOVQ tc+56(FP), SI
	MOVQ h+64(FP), DI
	LOADCONST
	SHLQ $3, CX
	XORQ AX, AX
	JMP cellcond
cellloop:
	VMOVUPD (R8)(AX*1), Z0
	VMULPD (R10)(AX*1), Z0, Z0
	VMOVUPD (R9)(AX*1), Z1
	VFMADD231PD (R12)(AX*1), Z1, Z0
	VMOVUPD Z0, (R13)(AX*1)
	TANH(Z0, Z1, Z2, Z3, Z4)
	VMOVUPD Z0, (SI)(AX*1)
	VMULPD (R11)(AX*1), Z0, Z0
	VMOVUPD Z0, (DI)(AX*1)
	ADDQ $64, AX
cellcond:
	CMPQ AX, CX
	JLT cellloop
	VZEROUPPER
	RET

// func vbwdAVX512(n int, i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao *float64) (hs2, cs2 float64)
//
// One row of the backward step (see bwdRows): with dh = du + dhn and
// dc = dcn + dh·o·(1 − tc²),
//
//	dai = dc·gv·i·(1 − i)   daf = dc·cp·f·(1 − f)
//	dag = dc·i·(1 − gv²)    dao = dh·tc·o·(1 − o)
//	dcn = dc·f
//
// returning Σ dh² and Σ dc². The pointers are advanced past the end and
// indexed by AX running from −8n to 0.
TEXT ·vbwdAVX512(SB), NOSPLIT, $0-128
	MOVQ n+0(FP), AX
	SHLQ $3, AX
	MOVQ i+8(FP), R8
	ADDQ AX, R8
	MOVQ f+16(FP), R9
	ADDQ AX, R9
	MOVQ gv+24(FP), R10
	ADDQ AX, R10
	MOVQ o+32(FP), R11
	ADDQ AX, R11
	MOVQ cp+40(FP), DI
	ADDQ AX, DI
	MOVQ tc+48(FP), SI
	ADDQ AX, SI
	MOVQ du+56(FP), BX
	ADDQ AX, BX
	MOVQ dhn+64(FP), CX
	ADDQ AX, CX
	MOVQ dcn+72(FP), DX
	ADDQ AX, DX
	MOVQ dai+80(FP), R12
	ADDQ AX, R12
	MOVQ daf+88(FP), R13
	ADDQ AX, R13
	MOVQ dag+96(FP), R14
	ADDQ AX, R14
	MOVQ dao+104(FP), R15
	ADDQ AX, R15
	NEGQ AX
	VBROADCASTSD one<>(SB), Z21
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
bwdloop:
	VMOVUPD (BX)(AX*1), Z0
	VADDPD (CX)(AX*1), Z0, Z0
	VFMADD231PD Z0, Z0, Z10
	VMOVUPD (SI)(AX*1), Z1
	VMOVUPD (R11)(AX*1), Z2
	VMOVAPD Z21, Z3
	VFNMADD231PD Z1, Z1, Z3
	VMULPD Z2, Z0, Z4
	VMULPD Z3, Z4, Z4
	VADDPD (DX)(AX*1), Z4, Z4
	VFMADD231PD Z4, Z4, Z11
	VMOVUPD (R8)(AX*1), Z5
	VMOVUPD (R9)(AX*1), Z6
	VMOVUPD (R10)(AX*1), Z7
	VSUBPD Z5, Z21, Z8
	VMULPD Z7, Z4, Z9
	VMULPD Z5, Z9, Z9
	VMULPD Z8, Z9, Z9
	VMOVUPD Z9, (R12)(AX*1)
	VSUBPD Z6, Z21, Z8
	VMULPD (DI)(AX*1), Z4, Z9
	VMULPD Z6, Z9, Z9
	VMULPD Z8, Z9, Z9
	VMOVUPD Z9, (R13)(AX*1)
	VMOVAPD Z21, Z8
	VFNMADD231PD Z7, Z7, Z8
	VMULPD Z5, Z4, Z9
	VMULPD Z8, Z9, Z9
	VMOVUPD Z9, (R14)(AX*1)
	VSUBPD Z2, Z21, Z8
	VMULPD Z1, Z0, Z9
	VMULPD Z2, Z9, Z9
	VMULPD Z8, Z9, Z9
	VMOVUPD Z9, (R15)(AX*1)
	VMULPD Z6, Z4, Z9
	VMOVUPD Z9, (DX)(AX*1)
	ADDQ $64, AX
	JNZ bwdloop
	// horizontal sums
	VEXTRACTF64X4 $1, Z10, Y12
	VADDPD Y12, Y10, Y10
	VEXTRACTF128 $1, Y10, X12
	VADDPD X12, X10, X10
	VPERMILPD $1, X10, X12
	VADDSD X12, X10, X10
	MOVSD X10, hs2+112(FP)
	VEXTRACTF64X4 $1, Z11, Y12
	VADDPD Y12, Y11, Y11
	VEXTRACTF128 $1, Y11, X12
	VADDPD X12, X11, X11
	VPERMILPD $1, X11, X12
	VADDSD X12, X11, X11
	MOVSD X11, cs2+120(FP)
	VZEROUPPER
	RET

// func vaddAVX512(n int, dst, src *float64)
//
// dst += src.
TEXT ·vaddAVX512(SB), NOSPLIT, $0-24
	MOVQ n+0(FP), AX
	SHLQ $3, AX
	MOVQ dst+8(FP), DI
	ADDQ AX, DI
	MOVQ src+16(FP), SI
	ADDQ AX, SI
	NEGQ AX
addloop:
	VMOVUPD (DI)(AX*1), Z0
	VADDPD (SI)(AX*1), Z0, Z0
	VMOVUPD Z0, (DI)(AX*1)
	ADDQ $64, AX
	JNZ addloop
	VZEROUPPER
	RET
