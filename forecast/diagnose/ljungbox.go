package diagnose

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// LjungBoxTest is the Ljung–Box portmanteau test of "no autocorrelation up
// to lag Lags": Q = T(T+2) Σ_{k=1}^{Lags} r_k²/(T−k), referred to χ² with
// Lags − FitDF degrees of freedom.
type LjungBoxTest struct {
	Lags  int     `json:"lags"`            // the last lag tested
	FitDF int     `json:"fitdf,omitempty"` // degrees of freedom the fitted model used
	Q     float64 `json:"q"`               // the statistic
	P     float64 `json:"p"`               // P(χ²_{Lags−FitDF} > Q)
}

// DF returns the degrees of freedom of the χ² reference, Lags − FitDF.
func (t LjungBoxTest) DF() int { return t.Lags - t.FitDF }

// LjungBoxLag returns the lag FPP recommends for a series (or residuals)
// of n values with seasonal period m: min(2m, T/5) rounded, 10 instead of
// 2m without a season (m ≤ 1), and at least 1 and at most n−1.
func LjungBoxLag(n, m int) int {
	l := 10
	if m > 1 {
		l = 2 * m
	}
	l = min(l, int(math.Round(float64(n)/5)))
	return max(1, min(l, n-1))
}

// LjungBox tests x for autocorrelation up to lag lags, as R's
// stats::Box.test(x, lag = lags, type = "Ljung-Box", fitdf = fitdf). For the
// residuals of a fitted model, fitdf is the number of parameters the fit
// estimated (an ARIMA(p,d,q)(P,D,Q): p+q+P+Q); for a raw series it is 0.
// It refuses lags beyond len(x)−1 (*LagError), lags ≤ fitdf (no degrees of
// freedom left), non-finite values and a constant x. x is not modified.
//
// P is the χ² upper tail computed directly (the regularised incomplete
// gamma function), not 1 − CDF as R does, so it stays accurate below
// 1e-16 where R prints 0.
func LjungBox(x []float64, lags, fitdf int) (LjungBoxTest, error) {
	if err := check(x, 2, "a Ljung–Box test", true); err != nil {
		return LjungBoxTest{}, err
	}
	if err := checkLag(len(x), lags); err != nil {
		return LjungBoxTest{}, err
	}
	if fitdf < 0 || fitdf >= lags {
		return LjungBoxTest{}, badArgument("fitdf %d with lag %d: the test needs 0 ≤ fitdf < lag", fitdf, lags)
	}
	return ljungBox(acf(x, lags), len(x), lags, fitdf), nil
}

// ljungBox computes the test from the autocorrelations r_0…r_K, K ≥ lags.
func ljungBox(r []float64, n, lags, fitdf int) LjungBoxTest {
	s := 0.0
	for k := 1; k <= lags; k++ {
		s += r[k] * r[k] / float64(n-k)
	}
	q := float64(n) * float64(n+2) * s
	df := float64(lags - fitdf)
	return LjungBoxTest{Lags: lags, FitDF: fitdf, Q: q, P: distuv.ChiSquared{K: df}.Survival(q)}
}
