package classic

import "gonum.org/v1/gonum/mat"

// leastSquares solves min ‖X·b − y‖ by QR decomposition, as lm does; ok
// is false when X has fewer rows than columns or is rank deficient.
func leastSquares(x [][]float64, y []float64) (b []float64, ok bool) {
	n := len(x)
	if n == 0 || n < len(x[0]) {
		return nil, false
	}
	k := len(x[0])
	a := mat.NewDense(n, k, nil)
	for i, row := range x {
		a.SetRow(i, row)
	}
	var qr mat.QR
	qr.Factorize(a)
	var r mat.Dense
	qr.RTo(&r)
	for i := 0; i < k; i++ {
		if d := r.At(i, i); d == 0 || d != d {
			return nil, false
		}
	}
	var sol mat.Dense
	if err := qr.SolveTo(&sol, false, mat.NewDense(n, 1, append([]float64(nil), y...))); err != nil {
		return nil, false
	}
	return mat.Col(nil, 0, &sol), true
}
