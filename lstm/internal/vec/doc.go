// Package vec holds the element-wise work of an LSTM step as loops over
// slices: the gate activations (Sigmoid, Tanh), the cell update (Cell),
// the backward row (Backward) and Add, with the scalar SigmoidOf and TanhOf
// they fall back on. On amd64 CPUs with AVX-512 or AVX2 and FMA the bulk of
// each slice goes through the assembly of vec_amd64.s; elsewhere, or under
// -tags purego, Go loops run alone. Every level agrees with the math
// package to 1e-15 relative (TestVecMath, TestFastMath).
package vec
