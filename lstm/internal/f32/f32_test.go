package f32

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestTranspose checks Transpose against the definition on shapes that
// are and are not multiples of its 32×32 tiles.
func TestTranspose(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, s := range [][2]int{{1, 1}, {3, 5}, {32, 32}, {64, 33}, {512, 128}, {4, 1}, {13, 16}, {16, 13}, {1024, 256}} {
		r, c := s[0], s[1]
		src := make([]float32, r*c)
		for i := range src {
			src[i] = rnd.Float32()
		}
		dst := make([]float32, r*c)
		Transpose(dst, src, r, c)
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				if dst[j*r+i] != src[i*c+j] {
					t.Fatalf("%d×%d: dst[%d,%d] = %v, want src[%d,%d] = %v", r, c, j, i, dst[j*r+i], i, j, src[i*c+j])
				}
			}
		}
	}
}

// TestAddTo checks that AddTo adds exactly (float32 to float64 is exact)
// and clears its source.
func TestAddTo(t *testing.T) {
	dst := []float64{1, 2, 0.1}
	src := []float32{0.5, -2, 0x1p-30}
	AddTo(dst, src)
	want := []float64{1.5, 0, 0.1 + 0x1p-30}
	for i := range want {
		if dst[i] != want[i] || src[i] != 0 {
			t.Fatalf("dst %v src %v, want %v and zeros", dst, src, want)
		}
	}
}

// BenchmarkTranspose times the transpose of W_hh at H = 128 and 256
// (4H×H), done once per forward pass in float32.
func BenchmarkTranspose(b *testing.B) {
	for _, h := range []int{128, 256} {
		src := make([]float32, 4*h*h)
		dst := make([]float32, 4*h*h)
		b.Run(fmt.Sprintf("H=%d", h), func(b *testing.B) {
			for b.Loop() {
				Transpose(dst, src, 4*h, h)
			}
		})
	}
}
