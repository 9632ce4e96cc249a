package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// naive is the reference: the textbook triple loop, summing over k in order
// with separate multiply and add, and ignoring C when beta == 0.
func naive(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for p := 0; p < k; p++ {
				var x, y float64
				if transA {
					x = a[p*lda+i]
				} else {
					x = a[i*lda+p]
				}
				if transB {
					y = b[j*ldb+p]
				} else {
					y = b[p*ldb+j]
				}
				s += x * y
			}
			if beta == 0 {
				c[i*ldc+j] = alpha * s
			} else {
				c[i*ldc+j] = alpha*s + beta*c[i*ldc+j]
			}
		}
	}
}

// magnitude returns |alpha|·Σ_p |op(A)[i,p]·op(B)[p,j]| + |beta·C[i,j]|, the
// scale against which the rounding error of element (i, j) is measured.
func magnitude(transA, transB bool, i, j, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta, c float64) float64 {
	var s float64
	for p := 0; p < k; p++ {
		var x, y float64
		if transA {
			x = a[p*lda+i]
		} else {
			x = a[i*lda+p]
		}
		if transB {
			y = b[j*ldb+p]
		} else {
			y = b[p*ldb+j]
		}
		s += math.Abs(x * y)
	}
	s *= math.Abs(alpha)
	if beta != 0 {
		s += math.Abs(beta * c)
	}
	return s
}

// tol bounds |got-want| / magnitude. Both sums are exact up to the rounding
// of at most k+2 floating-point operations per element, each off by at most
// u = 2⁻⁵³ ≈ 1.1e-16 relative to the magnitude (Higham, Accuracy and
// Stability of Numerical Algorithms, §3.1: |error| ≤ γ_k·Σ|a||b|, γ_k ≈ k·u).
// The kernels differ from the reference in summation order and in fusing
// multiply and add, so each side may err by γ_k; with k ≤ 2100 in these
// tests, 2·γ_k < 5e-13.
const tol = 1e-12

type shape struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	pad            int // extra elements per row of A, B and C beyond the tight stride
}

func (s shape) String() string {
	return fmt.Sprintf("tA=%t,tB=%t,m=%d,n=%d,k=%d,alpha=%g,beta=%g,pad=%d", s.transA, s.transB, s.m, s.n, s.k, s.alpha, s.beta, s.pad)
}

// operands returns random A, B and C for s with their strides. The padding
// of A and B is NaN, so reading it would show in the result; the padding of
// C is a sentinel checked by checkPadding. When beta == 0, C is all NaN.
func operands(rnd *rand.Rand, s shape) (a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	ar, ac := s.m, s.k
	if s.transA {
		ar, ac = s.k, s.m
	}
	br, bc := s.k, s.n
	if s.transB {
		br, bc = s.n, s.k
	}
	fill := func(rows, cols, pad int, padValue float64, value func() float64) ([]float64, int) {
		ld := max(1, cols) + pad
		x := make([]float64, rows*ld)
		for i := range x {
			if i%ld < cols {
				x[i] = value()
			} else {
				x[i] = padValue
			}
		}
		return x, ld
	}
	uniform := func() float64 { return 2*rnd.Float64() - 1 }
	a, lda = fill(ar, ac, s.pad, math.NaN(), uniform)
	b, ldb = fill(br, bc, s.pad, math.NaN(), uniform)
	if s.beta == 0 {
		c, ldc = fill(s.m, s.n, s.pad, sentinel, func() float64 { return math.NaN() })
	} else {
		c, ldc = fill(s.m, s.n, s.pad, sentinel, uniform)
	}
	return a, lda, b, ldb, c, ldc
}

const sentinel = -12345.5

// testShapes is a table of shapes: odd sizes around the tile sizes 4, 6, 8,
// every combination of transposes, beta 0 (with NaN in C), 1 and other
// values, and tight and loose strides.
func testShapes() []shape {
	var shapes []shape
	sizes := []int{1, 3, 7, 17, 33, 65, 129}
	i := 0
	for _, m := range sizes {
		for _, n := range sizes {
			for _, k := range sizes {
				for _, tr := range [][2]bool{{false, false}, {false, true}, {true, false}, {true, true}} {
					ab := [][2]float64{{1, 0}, {1, 1}, {-0.7, 0.3}, {2.5, -1}}[i%4]
					shapes = append(shapes, shape{tr[0], tr[1], m, n, k, ab[0], ab[1], []int{0, 3}[i/4%2]})
					i++
				}
			}
		}
	}
	// Sizes spanning several cache blocks (mc, kc and nc of the real
	// kernels), and empty and degenerate products.
	shapes = append(shapes,
		shape{false, false, 300, 40, 600, 1, 0, 1},
		shape{true, true, 300, 40, 600, -1, 0.5, 0},
		shape{false, true, 13, 2100, 70, 0.5, 1, 2},
		shape{true, false, 37, 2100, 260, 1, 0, 0},
		// Products computed transposed (runTransposed): op(B)
		// transposed, m a multiple of 16 and at most 64, n of 8.
		shape{false, true, 32, 256, 64, 1, 0, 0},
		shape{false, true, 64, 40, 7, -0.5, 1, 3},
		shape{false, true, 16, 8, 300, 2, 0.25, 1},
		shape{false, true, 48, 136, 33, 1, 1, 0},
		shape{false, true, 32, 1024, 1, 1, 0, 2},
		shape{false, true, 24, 12, 70, 1, 0.5, 1}, // AVX2's 4×8 only
		shape{false, true, 8, 4, 3, -1, 0, 0},
		shape{false, false, 5, 6, 0, 1, 0, 0},
		shape{false, false, 5, 6, 0, 1, 2, 1},
		shape{false, false, 5, 6, 7, 0, 0, 1},
		shape{true, false, 5, 6, 7, 0, 3, 1},
		shape{false, false, 0, 6, 7, 1, 0, 0},
		shape{false, false, 5, 0, 7, 1, 0, 0},
	)
	return shapes
}

// withKernel runs f with k as the active kernel and parallel splitting set
// as given, restoring both afterwards.
func withKernel(k *kernel, par bool, f func()) {
	oldK, oldP, oldW := activeKernel, parallel, parallelMinWork
	defer func() { activeKernel, parallel, parallelMinWork = oldK, oldP, oldW }()
	activeKernel, parallel = k, par
	if par {
		parallelMinWork = 1 // split everything that can be split
	}
	f()
}

// testKernels returns every kernel this CPU runs, each also with tiny cache
// blocks so that small shapes cross block boundaries.
func testKernels() []*kernel {
	var ks []*kernel
	for _, k := range kernels() {
		small := *k
		small.name += "/small-blocks"
		small.mc, small.kc, small.nc = 2*k.mr, 5, 2*k.nr
		ks = append(ks, k, &small)
	}
	return ks
}

func TestDgemm(t *testing.T) {
	shapes := testShapes()
	for _, kern := range testKernels() {
		for _, par := range []bool{false, true} {
			if raceEnabled && (!par || strings.HasSuffix(kern.name, "small-blocks")) {
				continue // the race detector has only the shared products to check
			}
			t.Run(fmt.Sprintf("%s/parallel=%t", kern.name, par), func(t *testing.T) {
				rnd := rand.New(rand.NewPCG(1, 1))
				withKernel(kern, par, func() {
					for _, s := range shapes {
						if testing.Short() && s.m*s.n*s.k > 1e6 || raceEnabled && s.m*s.n*s.k > 3e5 {
							continue
						}
						checkShape(t, rnd, s)
					}
				})
			})
		}
	}
}

func checkShape(t *testing.T, rnd *rand.Rand, s shape) {
	t.Helper()
	a, lda, b, ldb, c, ldc := operands(rnd, s)
	a0 := append([]float64(nil), a...)
	b0 := append([]float64(nil), b...)
	c0 := append([]float64(nil), c...)

	want := append([]float64(nil), c...)
	naive(s.transA, s.transB, s.m, s.n, s.k, s.alpha, a, lda, b, ldb, s.beta, want, ldc)

	tA, tB := blas.NoTrans, blas.NoTrans
	if s.transA {
		tA = blas.Trans
	}
	if s.transB {
		tB = blas.Trans
	}
	gonum := append([]float64(nil), c...)
	blas64.Implementation().Dgemm(tA, tB, s.m, s.n, s.k, s.alpha, a, lda, b, ldb, s.beta, gonum, ldc)

	got := append([]float64(nil), c...)
	Dgemm(s.transA, s.transB, s.m, s.n, s.k, s.alpha, a, lda, b, ldb, s.beta, got, ldc)

	if !same(a, a0) || !same(b, b0) {
		t.Fatalf("%v: Dgemm modified A or B", s)
	}
	bad := 0
	for i := 0; i < s.m; i++ {
		for j := 0; j < s.n; j++ {
			idx := i*ldc + j
			scale := magnitude(s.transA, s.transB, i, j, s.k, s.alpha, a, lda, b, ldb, s.beta, c0[idx])
			for _, ref := range []struct {
				name string
				v    float64
			}{{"naive", want[idx]}, {"gonum", gonum[idx]}} {
				if d := math.Abs(got[idx] - ref.v); !(d <= tol*scale) {
					if bad++; bad <= 5 {
						t.Errorf("%v: C[%d,%d] = %v; want %v (%s), |diff| %.3g > %.3g", s, i, j, got[idx], ref.v, ref.name, d, tol*scale)
					}
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

// same reports whether x and y are identical, treating NaN as equal to NaN.
func same(x, y []float64) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] && !(math.IsNaN(x[i]) && math.IsNaN(y[i])) {
			return false
		}
	}
	return true
}

func TestDgemmPanics(t *testing.T) {
	s := make([]float64, 100)
	big := make([]float64, 1000)
	for _, test := range []struct {
		name           string
		transA, transB bool
		m, n, k        int
		a              []float64
		lda            int
		b              []float64
		ldb            int
		c              []float64
		ldc            int
		want           string
	}{
		{"m<0", false, false, -1, 2, 2, s, 2, s, 2, s, 2, "gemm: m < 0"},
		{"n<0", false, false, 2, -1, 2, s, 2, s, 2, s, 2, "gemm: n < 0"},
		{"k<0", false, false, 2, 2, -1, s, 2, s, 2, s, 2, "gemm: k < 0"},
		{"lda", false, false, 2, 3, 4, s, 3, s, 3, s, 3, "gemm: bad leading dimension of A"},
		{"ldaT", true, false, 5, 3, 4, s, 4, s, 3, s, 3, "gemm: bad leading dimension of A"},
		{"ldb", false, false, 2, 3, 4, s, 4, s, 2, s, 3, "gemm: bad leading dimension of B"},
		{"ldbT", false, true, 2, 3, 4, s, 4, s, 3, s, 3, "gemm: bad leading dimension of B"},
		{"ldc", false, false, 2, 3, 4, s, 4, s, 3, s, 2, "gemm: bad leading dimension of C"},
		{"shortA", false, false, 21, 3, 5, s, 5, s, 3, s, 3, "gemm: insufficient length of a"},
		{"shortAT", true, false, 3, 3, 40, s, 3, s, 3, s, 3, "gemm: insufficient length of a"},
		{"shortB", false, false, 3, 3, 40, big, 40, s, 3, s, 3, "gemm: insufficient length of b"},
		{"shortBT", false, true, 3, 40, 3, s, 3, s, 3, s, 40, "gemm: insufficient length of b"},
		{"shortC", false, false, 30, 4, 2, s, 2, s, 4, s, 4, "gemm: insufficient length of c"},
	} {
		t.Run(test.name, func(t *testing.T) {
			a, b, c := test.a, test.b, test.c
			defer func() {
				if r := recover(); r != test.want {
					t.Errorf("Dgemm panicked with %v; want %q", r, test.want)
				}
			}()
			Dgemm(test.transA, test.transB, test.m, test.n, test.k, 1, a, test.lda, b, test.ldb, 0, c, test.ldc)
		})
		t.Run("Sgemm/"+test.name, func(t *testing.T) {
			a, b, c := make([]float32, len(test.a)), make([]float32, len(test.b)), make([]float32, len(test.c))
			defer func() {
				if r := recover(); r != test.want {
					t.Errorf("Sgemm panicked with %v; want %q", r, test.want)
				}
			}()
			Sgemm(test.transA, test.transB, test.m, test.n, test.k, 1, a, test.lda, b, test.ldb, 0, c, test.ldc)
		})
	}
}

func TestDgemmAllocs(t *testing.T) {
	for _, s := range []shape{
		{false, true, 32, 256, 64, 1, 0, 0},      // small, serial
		{true, false, 256, 64, 1536, 1, 1, 0},    // large, split in two
		{false, false, 1000, 64, 300, 1, 0.5, 0}, // several cache blocks, split
	} {
		rnd := rand.New(rand.NewPCG(1, 1))
		a, lda, b, ldb, c, ldc := operands(rnd, s)
		clear(c)
		f := func() { Dgemm(s.transA, s.transB, s.m, s.n, s.k, s.alpha, a, lda, b, ldb, s.beta, c, ldc) }
		f()
		if n := testing.AllocsPerRun(20, f); n != 0 {
			t.Errorf("%v: %v allocations per call; want 0", s, n)
		}
	}
}

// benchShapes are the products of an LSTM training step at the benchmark
// configurations of the lstm package (B batch, T steps, H hidden), named
// after their role, plus two square products for orientation.
var benchShapes = []struct {
	name           string
	transA, transB bool
	m, n, k        int
}{
	// Recurrent gate pre-activations per step: h (B×H) · W_hhᵀ (H×4H).
	{"rec/B=32,H=32", false, true, 32, 128, 32},
	{"rec/B=32,H=64", false, true, 32, 256, 64},
	{"rec/B=64,H=128", false, true, 64, 512, 128},
	{"rec/B=32,H=256", false, true, 32, 1024, 256},
	// Gradient into h per step: dgates (B×4H) · W_hh (4H×H).
	{"dh/B=32,H=64", false, false, 32, 64, 256},
	{"dh/B=64,H=128", false, false, 64, 128, 512},
	{"dh/B=32,H=256", false, false, 32, 256, 1024},
	// Input projection of all steps of layer 2: x (BT×H) · W_ihᵀ (H×4H).
	{"xproj/B=32,T=48,H=64", false, true, 1536, 256, 64},
	{"xproj/B=64,T=96,H=128", false, true, 6144, 512, 128},
	// Weight gradient over all steps: dgatesᵀ (4H×BT) · h (BT×H).
	{"dW/B=32,T=48,H=64", true, false, 256, 64, 1536},
	{"dW/B=64,T=96,H=128", true, false, 512, 128, 6144},
	{"dW/B=32,T=192,H=256", true, false, 1024, 256, 6144},
	// The same over one chunk of Backward (chunkRows = 512 rows), as the
	// float32 path computes it.
	{"dWchunk/B=64,H=128", true, false, 512, 128, 512},
	{"dWchunk/B=32,H=256", true, false, 1024, 256, 512},
	{"square/n=256", false, false, 256, 256, 256},
	{"square/n=1024", false, false, 1024, 1024, 1024},
}

func benchmarkDgemm(b *testing.B, dgemm func(transA, transB bool, m, n, k int, a []float64, lda int, bb []float64, ldb int, c []float64, ldc int)) {
	for _, s := range benchShapes {
		b.Run(s.name, func(b *testing.B) {
			rnd := rand.New(rand.NewPCG(1, 1))
			a, lda, bb, ldb, c, ldc := operands(rnd, shape{s.transA, s.transB, s.m, s.n, s.k, 1, 1, 0})
			b.ResetTimer()
			for range b.N {
				dgemm(s.transA, s.transB, s.m, s.n, s.k, a, lda, bb, ldb, c, ldc)
			}
			b.ReportMetric(2*float64(s.m)*float64(s.n)*float64(s.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkDgemm measures Dgemm on LSTM shapes with every kernel this CPU
// runs, the default (fastest) one first; compare with BenchmarkGonumDgemm,
// which runs the same shapes through gonum.
func BenchmarkDgemm(b *testing.B) {
	ks := kernels()
	slices.Reverse(ks)
	minWork := parallelMinWork
	for _, k := range ks {
		b.Run(k.name, func(b *testing.B) {
			withKernel(k, true, func() {
				parallelMinWork = minWork // the default, not the tests' 1
				benchmarkDgemm(b, func(transA, transB bool, m, n, k int, a []float64, lda int, bb []float64, ldb int, c []float64, ldc int) {
					Dgemm(transA, transB, m, n, k, 1, a, lda, bb, ldb, 1, c, ldc)
				})
			})
		})
	}
}

func BenchmarkGonumDgemm(b *testing.B) {
	impl := blas64.Implementation()
	benchmarkDgemm(b, func(transA, transB bool, m, n, k int, a []float64, lda int, bb []float64, ldb int, c []float64, ldc int) {
		tA, tB := blas.NoTrans, blas.NoTrans
		if transA {
			tA = blas.Trans
		}
		if transB {
			tB = blas.Trans
		}
		impl.Dgemm(tA, tB, m, n, k, 1, a, lda, bb, ldb, 1, c, ldc)
	})
}

// TestDgemmSplitSameBits checks that sharing a product between goroutines
// changes no bit of the result: training must be reproducible.
func TestDgemmSplitSameBits(t *testing.T) {
	for _, kern := range kernels() {
		for _, s := range []shape{
			// Pieces of 64 rows take the transposed path, whose tiles
			// cover the last 8 columns, an edge tile when not shared.
			{false, true, 256, 40, 300, 0.7, 1, 0},
			{false, true, 256, 40, 30, -1.3, 0.3, 1},
			{false, true, 32, 1000, 64, 1, 0, 0},
			{true, false, 300, 130, 700, -0.5, 0.5, 1},
			{false, false, 129, 257, 65, 2, 0, 2},
		} {
			rnd := rand.New(rand.NewPCG(1, 1))
			a, lda, b, ldb, c, ldc := operands(rnd, s)
			if s.beta == 0 {
				clear(c)
			}
			var got [2][]float64
			for i, par := range []bool{false, true} {
				withKernel(kern, par, func() {
					got[i] = append([]float64(nil), c...)
					Dgemm(s.transA, s.transB, s.m, s.n, s.k, s.alpha, a, lda, b, ldb, s.beta, got[i], ldc)
				})
			}
			for i := range got[0] {
				if math.Float64bits(got[0][i]) != math.Float64bits(got[1][i]) {
					t.Errorf("%s %v: C[%d] = %v serial, %v shared", kern.name, s, i, got[0][i], got[1][i])
					break
				}
			}
		}
	}
}

// TestDgemmSerialHalvesSameBits checks what package lstm relies on when it
// runs the two halves of a batch on two goroutines: the rows of C that
// DgemmSerial computes from a band of rows of op(A) are bit-identical to
// the same rows of the whole product by Dgemm.
func TestDgemmSerialHalvesSameBits(t *testing.T) {
	for _, kern := range kernels() {
		for _, s := range []shape{
			// h·W_hhᵀ (forward) and dA·W_hh (backward) of lstm's benchmarks
			{false, true, 64, 512, 128, 1, 1, 0},
			{false, true, 32, 1024, 256, 1, 0, 0},
			{false, false, 32, 256, 1024, 1, 0, 0},
			{false, false, 64, 128, 512, 1, 0, 0},
			// odd halves, which miss the transposed path
			{false, true, 9, 64, 16, 1, 1, 0},
			{false, false, 9, 16, 64, 1, 0, 0},
		} {
			rnd := rand.New(rand.NewPCG(2, 2))
			a, lda, b, ldb, c, ldc := operands(rnd, s)
			want := append([]float64(nil), c...)
			got := append([]float64(nil), c...)
			withKernel(kern, true, func() {
				Dgemm(s.transA, s.transB, s.m, s.n, s.k, s.alpha, a, lda, b, ldb, s.beta, want, ldc)
				h := s.m / 2
				DgemmSerial(s.transA, s.transB, h, s.n, s.k, s.alpha, a, lda, b, ldb, s.beta, got, ldc)
				DgemmSerial(s.transA, s.transB, s.m-h, s.n, s.k, s.alpha, a[h*lda:], lda, b, ldb, s.beta, got[h*ldc:], ldc)
			})
			for i := range want {
				if math.Float64bits(want[i]) != math.Float64bits(got[i]) {
					t.Errorf("%s %v: C[%d] = %v whole, %v in halves", kern.name, s, i, want[i], got[i])
					break
				}
			}
		}
	}
}
