package vec

import (
	"fmt"
	"math"
	"testing"
)

// TestFastMath compares the activations with the math package over
// [−40, 40] on a fine grid and at the special values.
func TestFastMath(t *testing.T) {
	var we, ws, wt float64
	for i := -4000000; i <= 4000000; i++ {
		x := float64(i)*1e-5 + 3.1e-7
		rel := func(got, want float64) float64 {
			if got == want {
				return 0
			}
			return math.Abs(got-want) / math.Abs(want)
		}
		we = math.Max(we, rel(expFast(x), math.Exp(x)))
		ws = math.Max(ws, rel(SigmoidOf(x), 1/(1+math.Exp(-x))))
		wt = math.Max(wt, rel(TanhOf(x), math.Tanh(x)))
	}
	t.Logf("max relative error: exp %.3g, SigmoidOf %.3g, TanhOf %.3g", we, ws, wt)
	if we > 1e-15 || ws > 1e-15 || wt > 1e-15 {
		t.Errorf("max relative error exp %.3g, SigmoidOf %.3g, TanhOf %.3g; want ≤ 1e-15", we, ws, wt)
	}
	for _, x := range []float64{-1000, -709, -708, 0, 708.9, 709, 1000, math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64, 5e-324} {
		if got, want := expFast(x), math.Exp(x); math.Abs(got-want) > 1e-15*want {
			t.Errorf("expFast(%v) = %v; want %v", x, got, want)
		}
		if got, want := TanhOf(x), math.Tanh(x); got != want && math.Abs(got-want) > 1e-15 {
			t.Errorf("TanhOf(%v) = %v; want %v", x, got, want)
		}
		if s := SigmoidOf(x); !(s >= 0 && s <= 1) {
			t.Errorf("SigmoidOf(%v) = %v outside [0, 1]", x, s)
		}
	}
	if !math.IsNaN(expFast(math.NaN())) || !math.IsNaN(TanhOf(math.NaN())) || !math.IsNaN(SigmoidOf(math.NaN())) {
		t.Error("NaN not propagated")
	}
}

// TestVecMath checks the vector activations (the AVX-512 loops where the
// CPU has them, and their scalar tails) against the math package on a fine
// grid over [−40, 40] and at the special values, with the bias and the
// fused input term, at lengths that leave tails of every size.
func TestVecMath(t *testing.T) {
	defer func(w int) { width = w }(width)
	for _, w := range Widths() {
		width = w
		t.Run(fmt.Sprintf("width=%d", w), testVecMath)
	}
}

func testVecMath(t *testing.T) {
	rel := func(got, want float64) float64 {
		if got == want || (math.IsNaN(got) && math.IsNaN(want)) {
			return 0
		}
		if want == 0 {
			return math.Abs(got)
		}
		return math.Abs(got-want) / math.Abs(want)
	}
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	const n = 1 << 20
	x := make([]float64, n+7)
	for i := range x {
		x[i] = -40 + 80*float64(i)/float64(len(x)) + 3.1e-7
	}
	special := []float64{0, math.Copysign(0, -1), 1e-300, -1e-300, 0.6249999, 0.625, -0.625, 21.9, 22, -22, 354, 355, -709, 709, 710, -745, 1000, -1000,
		math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
	x = append(x, special...)
	for _, size := range []int{len(x), 8, 13, 5} {
		xs := x[len(x)-size:]
		b := make([]float64, size)
		w := make([]float64, size)
		for i := range b {
			b[i] = 0.25 * float64(i%3-1)
			w[i] = 0.5 * float64(i%5-2)
		}
		const s = 0.75
		pre := func(i int) float64 { return xs[i] + b[i] + w[i]*s }
		gs := append([]float64(nil), xs...)
		Sigmoid(gs, b, w, s)
		gt := append([]float64(nil), xs...)
		Tanh(gt, b, w, s)
		var es, et float64
		for i := range xs {
			es = math.Max(es, rel(gs[i], sig(pre(i))))
			et = math.Max(et, rel(gt[i], math.Tanh(pre(i))))
			if math.IsNaN(pre(i)) != math.IsNaN(gs[i]) || math.IsNaN(pre(i)) != math.IsNaN(gt[i]) {
				t.Errorf("size %d: NaN not propagated at %v: SigmoidOf %v, TanhOf %v", size, pre(i), gs[i], gt[i])
			}
		}
		t.Logf("size %d: max relative error SigmoidOf %.3g, TanhOf %.3g", size, es, et)
		if es > 1e-15 || et > 1e-15 {
			t.Errorf("size %d: max relative error SigmoidOf %.3g, TanhOf %.3g; want ≤ 1e-15", size, es, et)
		}
	}
	// the cell update, against its definition
	m := 1003
	rng := func(i, k int) float64 { return math.Sin(float64(i*7+k*13)) * 3 }
	var in [5][]float64
	for k := range in {
		in[k] = make([]float64, m)
		for i := range in[k] {
			in[k][i] = rng(i, k)
		}
	}
	cn, tc, h := make([]float64, m), make([]float64, m), make([]float64, m)
	Cell(in[0], in[1], in[2], in[3], in[4], cn, tc, h)
	var ec, et, eh float64
	for i := range cn {
		c := in[1][i]*in[4][i] + in[0][i]*in[2][i]
		ec = math.Max(ec, math.Abs(cn[i]-c)/math.Max(math.Abs(c), 1))
		et = math.Max(et, rel(tc[i], math.Tanh(cn[i])))
		eh = math.Max(eh, math.Abs(h[i]-in[3][i]*tc[i]))
	}
	if ec > 1e-15 || et > 1e-15 || eh != 0 {
		t.Errorf("Cell: error c %.3g, TanhOf(c) %.3g (relative), h %.3g; want ≤ 1e-15, 1e-15, 0", ec, et, eh)
	}

	// one backward row, against the scalar formulas (to 1e-14: the loops
	// fuse multiply-adds and sum in 8 lanes, a few ulps from these)
	var gate [4][]float64
	for k := range gate {
		gate[k] = make([]float64, m)
		for i := range gate[k] {
			gate[k][i] = 1 / (1 + math.Exp(-rng(i, k+5)))
		}
	}
	du, dhn, dcn0 := in[0], in[1], in[2]
	dcn := append([]float64(nil), dcn0...)
	var da [4][]float64
	for k := range da {
		da[k] = make([]float64, m)
	}
	hs2, cs2 := Backward(gate[0], gate[1], gate[2], gate[3], in[4], tc, du, dhn, dcn, da[0], da[1], da[2], da[3])
	var wh2, wc2, worst float64
	for j := range m {
		i, f, gv, o := gate[0][j], gate[1][j], gate[2][j], gate[3][j]
		dh := du[j] + dhn[j]
		dc := dcn0[j] + dh*o*(1-tc[j]*tc[j])
		wh2 += dh * dh
		wc2 += dc * dc
		for k, want := range []float64{dc * gv * i * (1 - i), dc * in[4][j] * f * (1 - f), dc * i * (1 - gv*gv), dh * tc[j] * o * (1 - o), dc * f} {
			got := dcn[j]
			if k < 4 {
				got = da[k][j]
			}
			worst = math.Max(worst, math.Abs(got-want)/math.Max(math.Abs(want), 1))
		}
	}
	if worst > 1e-14 || math.Abs(hs2-wh2) > 1e-13*wh2 || math.Abs(cs2-wc2) > 1e-13*wc2 {
		t.Errorf("Backward: worst error %.3g (want ≤ 1e-14), Σdh² %v vs %v, Σdc² %v vs %v", worst, hs2, wh2, cs2, wc2)
	}
	sum := append([]float64(nil), in[0]...)
	Add(sum, in[1])
	for j := range sum {
		if sum[j] != in[0][j]+in[1][j] {
			t.Fatalf("Add: element %d = %v; want %v", j, sum[j], in[0][j]+in[1][j])
		}
	}
}
