package vec

import "math"

// Element-wise activations. math.Exp is a call into assembly with
// special-case handling; the step loops spend most of their time in it.
// expFast is the classic table method: x = (64m + j)·ln2/64 + r with
// |r| ≤ ln2/128, exp(x) = 2^m · 2^(j/64) · p(r), p a degree-5 Taylor
// polynomial (truncation error < 4e-17). Its error is below 1e-15
// relative (TestFastMath), far inside the 1e-9 agreement with PyTorch.

const expTabN = 64

// expTab[j] holds the bits of 2^(j/64).
var expTab = func() (t [expTabN]uint64) {
	for j := range t {
		t[j] = math.Float64bits(math.Exp2(float64(j) / expTabN))
	}
	return t
}()

const (
	invLn2N = expTabN / math.Ln2
	ln2NHi  = 6.93147180369123816490e-01 / expTabN // fdlibm's split of ln2: k·ln2NHi is exact
	ln2NLo  = 1.90821492927058770002e-10 / expTabN
	shifter = 0x1.8p52 // adding it rounds to an integer held in the low mantissa bits
)

// expFast returns e^x.
func expFast(x float64) float64 {
	if !(x > -708 && x < 709) { // over/underflow, ±Inf, NaN
		return math.Exp(x)
	}
	kf := x*invLn2N + shifter
	k := int64(math.Float64bits(kf)) // round(x·64/ln2) in the low bits (two's complement)
	kf -= shifter
	r := x - kf*ln2NHi - kf*ln2NLo
	p := 1 + r*(1+r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120)))))
	j := k & (expTabN - 1)
	m := (k - j) / expTabN
	return p * math.Float64frombits(expTab[j]+uint64(m)<<52)
}

// SigmoidOf returns 1/(1+e^−x).
func SigmoidOf(x float64) float64 { return 1 / (1 + expFast(-x)) }

// TanhOf returns TanhOf(x): math.Tanh's rational approximation near 0 (where
// 1−2/(e^2x+1) would cancel) and beyond ±22 or for NaN, the exponential
// form in between.
func TanhOf(x float64) float64 {
	a := math.Abs(x)
	if a < 0.625 || !(a < 22) {
		return math.Tanh(x)
	}
	t := 1 - 2/(expFast(2*a)+1)
	if x < 0 {
		return -t
	}
	return t
}
