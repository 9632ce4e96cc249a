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

// PRE32 is PRE with x[j] read from the float32 pre-activations z (R8, BX
// the offset into them).
#define PRE32 \
	VCVTPS2PD (R8)(BX*1), Z0 \
	VADDPD (SI)(AX*1), Z0, Z0 \
	VFMADD231PD (DX)(AX*1), Z15, Z0

// func vsigmoid32AVX512(n int, x *float64, z *float32, b, w *float64, s float64)
TEXT ·vsigmoid32AVX512(SB), NOSPLIT, $0-48
	MOVQ n+0(FP), CX
	MOVQ x+8(FP), DI
	MOVQ z+16(FP), R8
	MOVQ b+24(FP), SI
	MOVQ w+32(FP), DX
	VBROADCASTSD s+40(FP), Z15
	LOADCONST
	SHLQ $3, CX
	XORQ AX, AX
	XORQ BX, BX
	JMP sig32cond
sig32loop:
	PRE32
	SIGMOID(Z0, Z1, Z2)
	VMOVUPD Z0, (DI)(AX*1)
	ADDQ $64, AX
	ADDQ $32, BX
sig32cond:
	CMPQ AX, CX
	JLT sig32loop
	VZEROUPPER
	RET

// func vtanh32AVX512(n int, x *float64, z *float32, b, w *float64, s float64)
TEXT ·vtanh32AVX512(SB), NOSPLIT, $0-48
	MOVQ n+0(FP), CX
	MOVQ x+8(FP), DI
	MOVQ z+16(FP), R8
	MOVQ b+24(FP), SI
	MOVQ w+32(FP), DX
	VBROADCASTSD s+40(FP), Z15
	LOADCONST
	SHLQ $3, CX
	XORQ AX, AX
	XORQ BX, BX
	JMP tanh32cond
tanh32loop:
	PRE32
	TANH(Z0, Z1, Z2, Z3, Z4)
	VMOVUPD Z0, (DI)(AX*1)
	ADDQ $64, AX
	ADDQ $32, BX
tanh32cond:
	CMPQ AX, CX
	JLT tanh32loop
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

// The AVX2/FMA loops: 4 values per iteration, the same algorithms. AVX2
// has no VSCALEFPD: 2^k is built from its bits (k + 1023 + 1.5·2^52 holds
// k + 1023 in its low bits; shifted left by 52 they are the exponent of
// 2^k) and multiplied in, exact because the clamp keeps k in [−1021, 1023].
// (Adding k·2^52 to the bits of e^r instead would turn a NaN into a number.)
//
// Constants kept in registers: Y8 −708, Y9 709, Y10 log2 e, Y11 ln2hi,
// Y12 ln2lo, Y13 1, Y14 1.5·2^52 + 1023, Y15 the abs mask.

DATA shifter<>+0(SB)/8, $6755399441056767.0
GLOBL shifter<>(SB), RODATA|NOPTR, $8

#define LOADCONST2 \
	VBROADCASTSD expLo<>(SB), Y8 \
	VBROADCASTSD expHi<>(SB), Y9 \
	VBROADCASTSD log2e<>(SB), Y10 \
	VBROADCASTSD ln2hi<>(SB), Y11 \
	VBROADCASTSD ln2lo<>(SB), Y12 \
	VBROADCASTSD one<>(SB), Y13 \
	VBROADCASTSD shifter<>(SB), Y14 \
	VBROADCASTSD absMask<>(SB), Y15

// HORNER2 sets p = p·x + c for the constant at c; t is scratch.
#define HORNER2(c, x, p, t) \
	VBROADCASTSD c, t \
	VFMADD213PD t, x, p

// EXP2 sets x to e^x; k, p, t are scratch.
#define EXP2(x, k, p, t) \
	VMAXPD x, Y8, x \
	VMINPD x, Y9, x \
	VMULPD Y10, x, k \
	VROUNDPD $0, k, k \
	VFNMADD231PD Y11, k, x \
	VFNMADD231PD Y12, k, x \
	VBROADCASTSD expC<>+0(SB), p \
	HORNER2(expC<>+8(SB), x, p, t) \
	HORNER2(expC<>+16(SB), x, p, t) \
	HORNER2(expC<>+24(SB), x, p, t) \
	HORNER2(expC<>+32(SB), x, p, t) \
	HORNER2(expC<>+40(SB), x, p, t) \
	HORNER2(expC<>+48(SB), x, p, t) \
	HORNER2(expC<>+56(SB), x, p, t) \
	HORNER2(expC<>+64(SB), x, p, t) \
	HORNER2(expC<>+72(SB), x, p, t) \
	HORNER2(expC<>+80(SB), x, p, t) \
	HORNER2(expC<>+88(SB), x, p, t) \
	VFMADD213PD Y13, x, p \
	VFMADD213PD Y13, x, p \
	VADDPD Y14, k, k \
	VPSLLQ $52, k, k \
	VMULPD k, p, x

#define SIGMOID2(x, k, p, t) \
	VXORPD k, k, k \
	VSUBPD x, k, x \
	EXP2(x, k, p, t) \
	VADDPD Y13, x, x \
	VDIVPD x, Y13, x

// TANH2 is TANH with a mask register m instead of K1.
#define TANH2(x, a, s, k, p, t, m) \
	VANDPD Y15, x, a \
	VBROADCASTSD tanhSmall<>(SB), m \
	VCMPPD $1, m, a, m \
	VMULPD x, x, s \
	VBROADCASTSD tanhP<>+0(SB), p \
	HORNER2(tanhP<>+8(SB), s, p, t) \
	HORNER2(tanhP<>+16(SB), s, p, t) \
	VBROADCASTSD tanhP<>+24(SB), t \
	VADDPD t, s, k \
	HORNER2(tanhP<>+32(SB), s, k, t) \
	HORNER2(tanhP<>+40(SB), s, k, t) \
	VDIVPD k, p, p \
	VMULPD s, p, p \
	VMULPD x, p, p \
	VADDPD x, p, s \
	VXORPD a, x, x \
	VADDPD a, a, a \
	EXP2(a, k, p, t) \
	VADDPD Y13, a, a \
	VBROADCASTSD two<>(SB), t \
	VDIVPD a, t, a \
	VSUBPD a, Y13, a \
	VORPD x, a, x \
	VBLENDVPD m, s, x, x

// PRE2 loads x[j] + b[j] + w[j]·s into Y0 (Y7: s broadcast).
#define PRE2 \
	VMOVUPD (DI)(AX*1), Y0 \
	VADDPD (SI)(AX*1), Y0, Y0 \
	VFMADD231PD (DX)(AX*1), Y7, Y0

// func vsigmoidAVX2(n int, x, b, w *float64, s float64)
TEXT ·vsigmoidAVX2(SB), NOSPLIT, $0-40
	MOVQ n+0(FP), CX
	MOVQ x+8(FP), DI
	MOVQ b+16(FP), SI
	MOVQ w+24(FP), DX
	VBROADCASTSD s+32(FP), Y7
	LOADCONST2
	SHLQ $3, CX
	XORQ AX, AX
	JMP sig2cond
sig2loop:
	PRE2
	SIGMOID2(Y0, Y1, Y2, Y3)
	VMOVUPD Y0, (DI)(AX*1)
	ADDQ $32, AX
sig2cond:
	CMPQ AX, CX
	JLT sig2loop
	VZEROUPPER
	RET

// func vtanhAVX2(n int, x, b, w *float64, s float64)
TEXT ·vtanhAVX2(SB), NOSPLIT, $0-40
	MOVQ n+0(FP), CX
	MOVQ x+8(FP), DI
	MOVQ b+16(FP), SI
	MOVQ w+24(FP), DX
	VBROADCASTSD s+32(FP), Y7
	LOADCONST2
	SHLQ $3, CX
	XORQ AX, AX
	JMP tanh2cond
tanh2loop:
	PRE2
	TANH2(Y0, Y1, Y2, Y3, Y4, Y5, Y6)
	VMOVUPD Y0, (DI)(AX*1)
	ADDQ $32, AX
tanh2cond:
	CMPQ AX, CX
	JLT tanh2loop
	VZEROUPPER
	RET

// func vcellAVX2(n int, i, f, gv, o, cp, cn, tc, h *float64)
TEXT ·vcellAVX2(SB), NOSPLIT, $0-72
	MOVQ n+0(FP), CX
	MOVQ i+8(FP), R8
	MOVQ f+16(FP), R9
	MOVQ gv+24(FP), R10
	MOVQ o+32(FP), R11
	MOVQ cp+40(FP), R12
	MOVQ cn+48(FP), R13
	MOVQ tc+56(FP), SI
	MOVQ h+64(FP), DI
	LOADCONST2
	SHLQ $3, CX
	XORQ AX, AX
	JMP cell2cond
cell2loop:
	VMOVUPD (R8)(AX*1), Y0
	VMULPD (R10)(AX*1), Y0, Y0
	VMOVUPD (R9)(AX*1), Y1
	VFMADD231PD (R12)(AX*1), Y1, Y0
	VMOVUPD Y0, (R13)(AX*1)
	TANH2(Y0, Y1, Y2, Y3, Y4, Y5, Y6)
	VMOVUPD Y0, (SI)(AX*1)
	VMULPD (R11)(AX*1), Y0, Y0
	VMOVUPD Y0, (DI)(AX*1)
	ADDQ $32, AX
cell2cond:
	CMPQ AX, CX
	JLT cell2loop
	VZEROUPPER
	RET

// func vbwdAVX2(n int, i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao *float64) (hs2, cs2 float64)
TEXT ·vbwdAVX2(SB), NOSPLIT, $0-128
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
	VBROADCASTSD one<>(SB), Y13
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
bwd2loop:
	VMOVUPD (BX)(AX*1), Y0
	VADDPD (CX)(AX*1), Y0, Y0
	VFMADD231PD Y0, Y0, Y10
	VMOVUPD (SI)(AX*1), Y1
	VMOVUPD (R11)(AX*1), Y2
	VMOVAPD Y13, Y3
	VFNMADD231PD Y1, Y1, Y3
	VMULPD Y2, Y0, Y4
	VMULPD Y3, Y4, Y4
	VADDPD (DX)(AX*1), Y4, Y4
	VFMADD231PD Y4, Y4, Y11
	VMOVUPD (R8)(AX*1), Y5
	VMOVUPD (R9)(AX*1), Y6
	VMOVUPD (R10)(AX*1), Y7
	VSUBPD Y5, Y13, Y8
	VMULPD Y7, Y4, Y9
	VMULPD Y5, Y9, Y9
	VMULPD Y8, Y9, Y9
	VMOVUPD Y9, (R12)(AX*1)
	VSUBPD Y6, Y13, Y8
	VMULPD (DI)(AX*1), Y4, Y9
	VMULPD Y6, Y9, Y9
	VMULPD Y8, Y9, Y9
	VMOVUPD Y9, (R13)(AX*1)
	VMOVAPD Y13, Y8
	VFNMADD231PD Y7, Y7, Y8
	VMULPD Y5, Y4, Y9
	VMULPD Y8, Y9, Y9
	VMOVUPD Y9, (R14)(AX*1)
	VSUBPD Y2, Y13, Y8
	VMULPD Y1, Y0, Y9
	VMULPD Y2, Y9, Y9
	VMULPD Y8, Y9, Y9
	VMOVUPD Y9, (R15)(AX*1)
	VMULPD Y6, Y4, Y9
	VMOVUPD Y9, (DX)(AX*1)
	ADDQ $32, AX
	JNZ bwd2loop
	VEXTRACTF128 $1, Y10, X12
	VADDPD X12, X10, X10
	VPERMILPD $1, X10, X12
	VADDSD X12, X10, X10
	MOVSD X10, hs2+112(FP)
	VEXTRACTF128 $1, Y11, X12
	VADDPD X12, X11, X11
	VPERMILPD $1, X11, X12
	VADDSD X12, X11, X11
	MOVSD X11, cs2+120(FP)
	VZEROUPPER
	RET

// func vaddAVX2(n int, dst, src *float64)
TEXT ·vaddAVX2(SB), NOSPLIT, $0-24
	MOVQ n+0(FP), AX
	SHLQ $3, AX
	MOVQ dst+8(FP), DI
	ADDQ AX, DI
	MOVQ src+16(FP), SI
	ADDQ AX, SI
	NEGQ AX
add2loop:
	VMOVUPD (DI)(AX*1), Y0
	VADDPD (SI)(AX*1), Y0, Y0
	VMOVUPD Y0, (DI)(AX*1)
	ADDQ $32, AX
	JNZ add2loop
	VZEROUPPER
	RET

// Conversions between float64 and float32 for Config.Precision "float32":
// n values (a multiple of 8, or of 4 for AVX2) per call, rounding to
// nearest even (MXCSR's default) from float64, exactly to float64.

// func vto32AVX512(n int, dst *float32, src *float64)
TEXT ·vto32AVX512(SB), NOSPLIT, $0-24
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI
to32loop512:
	VMOVUPD (SI), Z0
	VCVTPD2PS Z0, Y1
	VMOVUPS Y1, (DI)
	ADDQ $64, SI
	ADDQ $32, DI
	SUBQ $8, CX
	JNZ to32loop512
	VZEROUPPER
	RET

// func vto64AVX512(n int, dst *float64, src *float32)
TEXT ·vto64AVX512(SB), NOSPLIT, $0-24
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI
to64loop512:
	VMOVUPS (SI), Y0
	VCVTPS2PD Y0, Z1
	VMOVUPD Z1, (DI)
	ADDQ $32, SI
	ADDQ $64, DI
	SUBQ $8, CX
	JNZ to64loop512
	VZEROUPPER
	RET

// func vto32AVX2(n int, dst *float32, src *float64)
TEXT ·vto32AVX2(SB), NOSPLIT, $0-24
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI
to32loop2:
	VMOVUPD (SI), Y0
	VCVTPD2PSY Y0, X1
	VMOVUPS X1, (DI)
	ADDQ $32, SI
	ADDQ $16, DI
	SUBQ $4, CX
	JNZ to32loop2
	VZEROUPPER
	RET

// func vto64AVX2(n int, dst *float64, src *float32)
TEXT ·vto64AVX2(SB), NOSPLIT, $0-24
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI
to64loop2:
	VMOVUPS (SI), X0
	VCVTPS2PD X0, Y1
	VMOVUPD Y1, (DI)
	ADDQ $16, SI
	ADDQ $32, DI
	SUBQ $4, CX
	JNZ to64loop2
	VZEROUPPER
	RET
