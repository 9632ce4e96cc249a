package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// stol bounds |got-want| / magnitude for Sgemm, where want is the naive
// float64 product of the same float32 operands. Sgemm rounds each element
// at most k+3 times in float32 (k fused or separate multiply-adds over p,
// the products by alpha and beta, the final add), each off by at most
// u = 2⁻²⁴ ≈ 6.0e-8 relative to the magnitude Σ|a||b|·|alpha| + |beta·c|
// (Higham, Accuracy and Stability of Numerical Algorithms, §3.1:
// |error| ≤ γ_n·magnitude, γ_n = n·u/(1-n·u)); the float64 reference adds
// its own γ_{k+3} with u = 2⁻⁵³.
func stol(k int) float64 {
	n := float64(k + 3)
	g := func(u float64) float64 { return n * u / (1 - n*u) }
	return g(0x1p-24) + g(0x1p-53)
}

// withSKernel runs f with k as Sgemm's kernel, restoring it afterwards.
func withSKernel(k *skernel, f func()) {
	old := activeSKernel
	defer func() { activeSKernel = old }()
	activeSKernel = k
	f()
}

// testSKernels returns every float32 kernel this CPU runs, each also with
// tiny cache blocks so that small shapes cross block boundaries.
func testSKernels() []*skernel {
	var ks []*skernel
	for _, k := range skernels() {
		small := *k
		small.name += "/small-blocks"
		small.mc, small.kc, small.nc = 2*k.mr, 5, 2*k.nr
		ks = append(ks, k, &small)
	}
	return ks
}

func to32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

func to64(x []float32) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

// TestSgemm checks Sgemm against the naive float64 product of the same
// float32 operands on the shapes of TestDgemm (odd sizes around the tiles,
// every transpose, beta 0 with NaN in C, padded strides with NaN padding in
// A and B and a sentinel in C's).
func TestSgemm(t *testing.T) {
	shapes := testShapes()
	// Shapes around the 8×32 tile and the direct (unpacked) B path.
	shapes = append(shapes,
		shape{false, false, 64, 96, 40, 1, 0, 0},
		shape{false, false, 65, 95, 40, 1, 1, 1},
		shape{false, true, 32, 1024, 256, 1, 1, 0},
		shape{true, false, 512, 128, 1000, 1, 1, 2},
	)
	for _, kern := range testSKernels() {
		for _, par := range []bool{false, true} {
			if raceEnabled && (!par || strings.HasSuffix(kern.name, "small-blocks")) {
				continue // the race detector has only the shared products to check
			}
			t.Run(fmt.Sprintf("%s/parallel=%t", kern.name, par), func(t *testing.T) {
				rnd := rand.New(rand.NewPCG(1, 1))
				withKernel(activeKernel, par, func() {
					withSKernel(kern, func() {
						for _, s := range shapes {
							if testing.Short() && s.m*s.n*s.k > 1e6 || raceEnabled && s.m*s.n*s.k > 3e5 {
								continue
							}
							checkSShape(t, rnd, s)
						}
					})
				})
			})
		}
	}
}

func checkSShape(t *testing.T, rnd *rand.Rand, s shape) {
	t.Helper()
	a64, lda, b64, ldb, c64, ldc := operands(rnd, s)
	a, b, c := to32(a64), to32(b64), to32(c64)
	a0, b0 := slices.Clone(a), slices.Clone(b)
	// The reference works on exactly the float32 values Sgemm sees.
	a64, b64, c64 = to64(a), to64(b), to64(c)
	want := slices.Clone(c64)
	naive(s.transA, s.transB, s.m, s.n, s.k, s.alpha, a64, lda, b64, ldb, s.beta, want, ldc)

	got := slices.Clone(c)
	Sgemm(s.transA, s.transB, s.m, s.n, s.k, float32(s.alpha), a, lda, b, ldb, float32(s.beta), got, ldc)

	if !same(to64(a), to64(a0)) || !same(to64(b), to64(b0)) {
		t.Fatalf("%v: Sgemm modified A or B", s)
	}
	tol := stol(s.k)
	bad := 0
	for i := 0; i < s.m; i++ {
		for j := 0; j < s.n; j++ {
			idx := i*ldc + j
			scale := magnitude(s.transA, s.transB, i, j, s.k, s.alpha, a64, lda, b64, ldb, s.beta, c64[idx])
			if d := math.Abs(float64(got[idx]) - want[idx]); !(d <= tol*scale) {
				if bad++; bad <= 5 {
					t.Errorf("%v: C[%d,%d] = %v; want %v, |diff| %.3g > %.3g", s, i, j, got[idx], want[idx], d, tol*scale)
				}
			}
		}
		for j := s.n; j < ldc && i*ldc+j < len(got); j++ {
			if got[i*ldc+j] != sentinel {
				t.Fatalf("%v: C[%d,%d] outside the matrix changed to %v", s, i, j, got[i*ldc+j])
			}
		}
	}
}

// TestSgemmEdgeSameBits checks that an element gets the same bits whether
// its tile is a full one or an edge one: the rows and columns of a product
// computed alone equal those of a larger product holding them.
func TestSgemmEdgeSameBits(t *testing.T) {
	for _, kern := range skernels() {
		for _, s := range []shape{
			{false, false, 40, 70, 300, 0.7, 1.3, 0},
			{false, true, 40, 70, 33, 1, 0, 0},
			{true, false, 130, 40, 600, -1, 1, 0},
		} {
			rnd := rand.New(rand.NewPCG(2, 2))
			a64, lda, b64, ldb, c64, ldc := operands(rnd, s)
			a, b, c := to32(a64), to32(b64), to32(c64)
			if s.beta == 0 {
				clear(c)
			}
			withSKernel(kern, func() {
				whole := slices.Clone(c)
				Sgemm(s.transA, s.transB, s.m, s.n, s.k, float32(s.alpha), a, lda, b, ldb, float32(s.beta), whole, ldc)
				// The first m-3 rows and n-5 columns: every tile of the
				// smaller product that was full becomes an edge or moves.
				m, n := s.m-3, s.n-5
				part := slices.Clone(c)
				Sgemm(s.transA, s.transB, m, n, s.k, float32(s.alpha), a, lda, b, ldb, float32(s.beta), part, ldc)
				for i := 0; i < m; i++ {
					for j := 0; j < n; j++ {
						if x, y := whole[i*ldc+j], part[i*ldc+j]; math.Float32bits(x) != math.Float32bits(y) {
							t.Fatalf("%s %v: C[%d,%d] is %v in the whole product, %v in its %d×%d part", kern.name, s, i, j, x, y, m, n)
						}
					}
				}
			})
		}
	}
}

func TestSgemmAllocs(t *testing.T) {
	for _, s := range []shape{
		{false, true, 32, 256, 64, 1, 0, 0},
		{true, false, 256, 64, 1536, 1, 1, 0},
		{false, false, 1000, 64, 300, 1, 0.5, 0},
	} {
		rnd := rand.New(rand.NewPCG(1, 1))
		a64, lda, b64, ldb, _, ldc := operands(rnd, s)
		a, b, c := to32(a64), to32(b64), make([]float32, s.m*ldc)
		f := func() { Sgemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, b, ldb, float32(s.beta), c, ldc) }
		f()
		if n := testing.AllocsPerRun(20, f); n != 0 {
			t.Errorf("%v: %v allocations per call; want 0", s, n)
		}
	}
}

// TestSgemmSplitSameBits checks that sharing a product between goroutines
// changes no bit of the result, as TestDgemmSplitSameBits does for Dgemm.
func TestSgemmSplitSameBits(t *testing.T) {
	for _, kern := range skernels() {
		for _, s := range []shape{
			{false, true, 256, 40, 300, 0.7, 1, 0},
			{false, false, 32, 1000, 64, 1, 0, 0},
			{true, false, 300, 130, 700, -0.5, 0.5, 1},
			{false, false, 129, 257, 65, 2, 0, 2},
		} {
			rnd := rand.New(rand.NewPCG(1, 1))
			a64, lda, b64, ldb, c64, ldc := operands(rnd, s)
			a, b, c := to32(a64), to32(b64), to32(c64)
			if s.beta == 0 {
				clear(c)
			}
			var got [2][]float32
			for i, par := range []bool{false, true} {
				withKernel(activeKernel, par, func() {
					withSKernel(kern, func() {
						got[i] = slices.Clone(c)
						Sgemm(s.transA, s.transB, s.m, s.n, s.k, float32(s.alpha), a, lda, b, ldb, float32(s.beta), got[i], ldc)
					})
				})
			}
			for i := range got[0] {
				if math.Float32bits(got[0][i]) != math.Float32bits(got[1][i]) {
					t.Fatalf("%s %v: element %d is %v computed alone, %v shared", kern.name, s, i, got[0][i], got[1][i])
				}
			}
		}
	}
}

// BenchmarkSgemm measures Sgemm on the LSTM shapes of BenchmarkDgemm with
// every float32 kernel this CPU runs, the default one first, and beside it
// Dgemm (float64, the default kernel), both shared with the helper
// goroutine as by default.
func BenchmarkSgemm(b *testing.B) {
	ks := skernels()
	slices.Reverse(ks)
	for _, s := range benchShapes {
		rnd := rand.New(rand.NewPCG(1, 1))
		a, lda, bb, ldb, c, ldc := operands(rnd, shape{s.transA, s.transB, s.m, s.n, s.k, 1, 1, 0})
		a32, b32, c32 := to32(a), to32(bb), to32(c)
		flops := 2 * float64(s.m) * float64(s.n) * float64(s.k)
		for _, k := range ks {
			b.Run(fmt.Sprintf("%s/float32-%s", s.name, k.name), func(b *testing.B) {
				withSKernel(k, func() {
					for range b.N {
						Sgemm(s.transA, s.transB, s.m, s.n, s.k, 1, a32, lda, b32, ldb, 1, c32, ldc)
					}
				})
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
		b.Run(fmt.Sprintf("%s/float64-%s", s.name, activeKernel.name), func(b *testing.B) {
			for range b.N {
				Dgemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, bb, ldb, 1, c, ldc)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
