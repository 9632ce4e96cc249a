//go:build amd64 && !purego

package vec

import "golang.org/x/sys/cpu"

// width is how many values the assembly loops of vec_amd64.s take at a
// time: 8 with AVX-512, 4 with AVX2 and FMA, 0 (Go loops only) without.
// Tests lower it to cover every level the CPU has.
var width = func() int {
	switch {
	case cpu.X86.HasAVX512F:
		return 8
	case cpu.X86.HasAVX2 && cpu.X86.HasFMA:
		return 4
	}
	return 0
}()

// Widths lists the levels this CPU can run, for tests.
func Widths() []int {
	ws := []int{0}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		ws = append(ws, 4)
	}
	if cpu.X86.HasAVX512F {
		ws = append(ws, 8)
	}
	return ws
}

// The loops of vec_amd64.s; n is a multiple of width. See vec.go.

func vsigmoidAsm(n int, x, b, w *float64, s float64) {
	if width == 8 {
		vsigmoidAVX512(n, x, b, w, s)
	} else {
		vsigmoidAVX2(n, x, b, w, s)
	}
}

func vtanhAsm(n int, x, b, w *float64, s float64) {
	if width == 8 {
		vtanhAVX512(n, x, b, w, s)
	} else {
		vtanhAVX2(n, x, b, w, s)
	}
}

func vcellAsm(n int, i, f, gv, o, cp, cn, tc, h *float64) {
	if width == 8 {
		vcellAVX512(n, i, f, gv, o, cp, cn, tc, h)
	} else {
		vcellAVX2(n, i, f, gv, o, cp, cn, tc, h)
	}
}

func vbwdAsm(n int, i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao *float64) (hs2, cs2 float64) {
	if width == 8 {
		return vbwdAVX512(n, i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao)
	}
	return vbwdAVX2(n, i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao)
}

func vto32Asm(n int, dst *float32, src *float64) {
	if width == 8 {
		vto32AVX512(n, dst, src)
	} else {
		vto32AVX2(n, dst, src)
	}
}

func vto64Asm(n int, dst *float64, src *float32) {
	if width == 8 {
		vto64AVX512(n, dst, src)
	} else {
		vto64AVX2(n, dst, src)
	}
}

func vaddAsm(n int, dst, src *float64) {
	if width == 8 {
		vaddAVX512(n, dst, src)
	} else {
		vaddAVX2(n, dst, src)
	}
}

//go:noescape
func vsigmoidAVX512(n int, x, b, w *float64, s float64)

//go:noescape
func vtanhAVX512(n int, x, b, w *float64, s float64)

//go:noescape
func vcellAVX512(n int, i, f, gv, o, cp, cn, tc, h *float64)

//go:noescape
func vbwdAVX512(n int, i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao *float64) (hs2, cs2 float64)

//go:noescape
func vaddAVX512(n int, dst, src *float64)

//go:noescape
func vsigmoidAVX2(n int, x, b, w *float64, s float64)

//go:noescape
func vtanhAVX2(n int, x, b, w *float64, s float64)

//go:noescape
func vcellAVX2(n int, i, f, gv, o, cp, cn, tc, h *float64)

//go:noescape
func vbwdAVX2(n int, i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao *float64) (hs2, cs2 float64)

//go:noescape
func vaddAVX2(n int, dst, src *float64)

//go:noescape
func vto32AVX512(n int, dst *float32, src *float64)

//go:noescape
func vto64AVX512(n int, dst *float64, src *float32)

//go:noescape
func vto32AVX2(n int, dst *float32, src *float64)

//go:noescape
func vto64AVX2(n int, dst *float64, src *float32)

//go:noescape
func vsigmoid32AVX512(n int, x *float64, z *float32, b, w *float64, s float64)

//go:noescape
func vtanh32AVX512(n int, x *float64, z *float32, b, w *float64, s float64)

// fused32 reports whether Sigmoid32 and Tanh32 run one assembly loop
// (AVX-512) rather than To64 followed by Sigmoid or Tanh.
func fused32() bool { return width == 8 }
