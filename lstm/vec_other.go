//go:build !amd64 || purego

package lstm

// useAVX512 is false: the portable loops of vec.go run alone.
var useAVX512 = false

func vsigmoidAVX512(n int, x, b, w *float64, s float64) { panic("lstm: no AVX-512") }

func vtanhAVX512(n int, x, b, w *float64, s float64) { panic("lstm: no AVX-512") }

func vcellAVX512(n int, i, f, gv, o, cp, cn, tc, h *float64) { panic("lstm: no AVX-512") }

func vbwdAVX512(n int, i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao *float64) (hs2, cs2 float64) {
	panic("lstm: no AVX-512")
}

func vaddAVX512(n int, dst, src *float64) { panic("lstm: no AVX-512") }
