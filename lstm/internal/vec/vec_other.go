//go:build !amd64 || purego

package vec

// width is 0: the Go loops of vec.go run alone.
var width = 0

func Widths() []int { return []int{0} }

const noAsm = "lstm: no vector loops on this platform"

func vsigmoidAsm(n int, x, b, w *float64, s float64) { panic(noAsm) }

func vtanhAsm(n int, x, b, w *float64, s float64) { panic(noAsm) }

func vcellAsm(n int, i, f, gv, o, cp, cn, tc, h *float64) { panic(noAsm) }

func vbwdAsm(n int, i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao *float64) (hs2, cs2 float64) {
	panic(noAsm)
}

func vaddAsm(n int, dst, src *float64) { panic(noAsm) }

func vto32Asm(n int, dst *float32, src *float64) { panic(noAsm) }

func vto64Asm(n int, dst *float64, src *float32) { panic(noAsm) }

func vsigmoid32AVX512(n int, x *float64, z *float32, b, w *float64, s float64) { panic(noAsm) }

func vtanh32AVX512(n int, x *float64, z *float32, b, w *float64, s float64) { panic(noAsm) }

func fused32() bool { return false }
