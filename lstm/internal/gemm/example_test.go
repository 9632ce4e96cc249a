package gemm_test

import (
	"fmt"

	"github.com/forecaster-dev/forecaster/lstm/internal/gemm"
)

// Gate pre-activations of one LSTM step, z = h·Wᵀ + z, for a batch of two
// with hidden size 3 and a weight matrix W of four gate rows.
func ExampleDgemm() {
	h := []float64{ // 2×3, one row per sequence
		1, 2, 3,
		4, 5, 6,
	}
	w := []float64{ // 4×3, one row per gate unit
		1, 0, 0,
		0, 1, 0,
		0, 0, 1,
		1, 1, 1,
	}
	z := []float64{ // 2×4, the input projection added to
		0.5, 0.5, 0.5, 0.5,
		-1, -1, -1, -1,
	}
	gemm.Dgemm(false, true, 2, 4, 3, 1, h, 3, w, 3, 1, z, 4)
	fmt.Println(z[:4])
	fmt.Println(z[4:])
	// Output:
	// [1.5 2.5 3.5 6.5]
	// [3 4 5 14]
}
