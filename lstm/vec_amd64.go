//go:build amd64 && !purego

package lstm

import "golang.org/x/sys/cpu"

// useAVX512 selects the AVX-512 activation loops of vec_amd64.s.
var useAVX512 = cpu.X86.HasAVX512F

// The loops of vec_amd64.s; n is a multiple of 8. See vec.go.

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
