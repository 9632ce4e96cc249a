package precision

import (
	"math"
	"slices"
)

// maxDecimals bounds the decimals Decimals reports: values that need more
// (binary noise such as 0.1+0.2, or measurements below 1e-8) count as
// having maxDecimals.
const maxDecimals = 8

// Decimals is the precision of values as they were written in their file:
// the fewest decimals (0 to 8) that reproduce, up to the rounding of
// parsing (a relative 1e-9), at least 95 % of the finite values — the
// rest may be points the reader filled in (an interpolated gap has as many
// decimals as a float holds). Whole numbers give 0, prices like 1234.56
// give 2. At most the first 10,000 values are looked at.
func Decimals(values []float64) int {
	var need [maxDecimals + 1]int // need[d]: values that need d decimals
	n := 0
	for i, v := range values {
		if i == 10000 {
			break
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		d := 0
		for d < maxDecimals {
			p := math.Pow(10, float64(d))
			if math.Abs(math.Round(v*p)/p-v) <= 1e-9*math.Abs(v) {
				break
			}
			d++
		}
		need[d]++
		n++
	}
	fit := 0
	for d, c := range need {
		fit += c
		if float64(fit) >= 0.95*float64(n) {
			return d
		}
	}
	return maxDecimals
}

// Export is how many decimals an exported forecast of a series
// whose values are history carries: two more than the data's own
// (Decimals), and at least enough for four significant digits of the
// series' typical (median absolute) value, at most 12. The README states
// this precision.
func Export(history []float64) int {
	d := Decimals(history) + 2
	if m := medianAbs(history); m > 0 {
		d = max(d, 3-int(math.Floor(math.Log10(m))))
	}
	return min(d, 12)
}

func medianAbs(values []float64) float64 {
	a := make([]float64, 0, min(len(values), 10000))
	for i, v := range values {
		if i == 10000 {
			break
		}
		if !math.IsNaN(v) && !math.IsInf(v, 0) && v != 0 {
			a = append(a, math.Abs(v))
		}
	}
	if len(a) == 0 {
		return 0
	}
	slices.Sort(a)
	return a[len(a)/2]
}

// Sig6 rounds v to six significant digits (a training history's export).
func Sig6(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, float64(5-int(math.Floor(math.Log10(math.Abs(v))))))
	if r := math.Round(v*p) / p; !math.IsInf(r, 0) && !math.IsNaN(r) {
		return r
	}
	return v
}
