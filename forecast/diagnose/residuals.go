package diagnose

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/mathext"
)

// Finding is what a residual check concludes.
type Finding int

const (
	// NoAutocorrelation: the Ljung–Box test does not reject white noise at
	// the 5 % level.
	NoAutocorrelation Finding = iota
	// Autocorrelation: the test rejects, and the strongest autocorrelation
	// outside the band is not at a seasonal lag (or none is outside).
	Autocorrelation
	// SeasonalAutocorrelation: the test rejects and the strongest
	// autocorrelation outside the band is at a multiple of the season.
	SeasonalAutocorrelation
	// ZeroResiduals: every residual is 0; nothing can be tested.
	ZeroResiduals
	// ConstantResiduals: every residual has the same non-zero value.
	ConstantResiduals
)

var findingNames = [...]string{
	NoAutocorrelation:       "no autocorrelation",
	Autocorrelation:         "autocorrelation",
	SeasonalAutocorrelation: "seasonal autocorrelation",
	ZeroResiduals:           "zero residuals",
	ConstantResiduals:       "constant residuals",
}

func (f Finding) String() string {
	if f < 0 || int(f) >= len(findingNames) {
		return "Finding(" + strconv.Itoa(int(f)) + ")"
	}
	return findingNames[f]
}

// MarshalText writes the finding's name, so JSON carries words.
func (f Finding) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Alpha is the level of the Ljung–Box test behind a verdict.
const Alpha = 0.05

// ResidualOptions describes the model whose residuals are checked.
type ResidualOptions struct {
	Period int // seasonal period m of the series; ≤ 1 for none
	FitDF  int // parameters the model estimated (the Ljung–Box fitdf); 0 for naive methods
	// Lags is the number of autocorrelations returned; 0 means
	// DefaultLags(n, Period).
	Lags int
	// LjungBoxLag is the lag of the test; 0 means ResidualLag(n, Period, FitDF).
	LjungBoxLag int
}

// Histogram is a histogram of equal-width bins: bin i holds the values in
// [Edges[i], Edges[i+1]) (the last bin is closed).
type Histogram struct {
	Edges  []float64 `json:"edges"`
	Counts []int     `json:"counts"`
}

// QQ holds the points of a normal Q–Q plot: the sorted sample against the
// standard normal quantiles of R's ppoints.
type QQ struct {
	Theoretical []float64 `json:"theoretical"`
	Sample      []float64 `json:"sample"`
}

// ResidualCheck is everything FPP's checkresiduals shows for one fitted
// method, plus a verdict in words.
type ResidualCheck struct {
	N int `json:"n"`
	// Mean and SD (denominator n−1) are the parameters of the normal curve
	// drawn over the histogram.
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	// ACF holds the autocorrelations at lags 1…len(ACF), Band the
	// half-width of their 95 % band. Both are empty for constant residuals.
	ACF       []float64    `json:"acf"`
	Band      float64      `json:"band"`
	LjungBox  LjungBoxTest `json:"ljung_box"`
	Histogram Histogram    `json:"histogram"`
	QQ        QQ           `json:"qq"`
	Finding   Finding      `json:"finding"`
	// Lag is the lag the verdict names (0 when it names none).
	Lag     int    `json:"lag,omitempty"`
	Verdict string `json:"verdict"`
}

// ResidualLag returns the Ljung–Box lag for n residuals of a model with
// fitdf parameters and seasonal period m, as R's forecast::checkresiduals:
// min(2m, T/5) rounded (10 instead of 2m without a season), raised to
// fitdf + 3 so the test keeps degrees of freedom, at most n−1.
func ResidualLag(n, m, fitdf int) int {
	l := 10
	if m > 1 {
		l = 2 * m
	}
	l = min(l, int(math.Round(float64(n)/5)))
	l = max(l, fitdf+3)
	return max(1, min(l, n-1))
}

// CheckResiduals checks the residuals of a fitted method (the in-sample
// one-step errors, without the values the method could not fit): their
// autocorrelations with the 95 % band, the Ljung–Box test at the
// recommended lag with the model's fitted degrees of freedom, a histogram
// (Freedman–Diaconis bins, as R's nclass.FD, at most 500) with the mean and
// standard deviation of the normal curve, the points of a normal Q–Q plot
// (R's qqnorm), and a one-line verdict. Residuals that are all zero or all
// equal give a verdict saying so, without correlations. Non-finite values,
// fewer than three residuals, a lag beyond n−1 and a lag not above FitDF
// are errors. res is not modified.
func CheckResiduals(res []float64, opt ResidualOptions) (*ResidualCheck, error) {
	if err := check(res, 3, "a residual check", false); err != nil {
		return nil, err
	}
	if opt.FitDF < 0 {
		return nil, badArgument("fitdf %d: the fitted degrees of freedom cannot be negative", opt.FitDF)
	}
	n := len(res)
	c := &ResidualCheck{N: n, Mean: mean(res), SD: math.Sqrt(variance(res)), QQ: qqNorm(res)}
	if isConstant(res) {
		c.SD = 0
		c.Histogram = Histogram{Edges: []float64{res[0], res[0]}, Counts: []int{n}}
		if res[0] == 0 {
			c.Finding = ZeroResiduals
			c.Verdict = "residuals are all zero: the fit is exact, so there is nothing left to test"
		} else {
			c.Finding = ConstantResiduals
			c.Verdict = fmt.Sprintf("residuals are all %g: the method is off by a constant, and nothing else is left to test", res[0])
		}
		return c, nil
	}
	c.Histogram = histogramFD(res)

	lbLag := opt.LjungBoxLag
	if lbLag == 0 {
		lbLag = ResidualLag(n, opt.Period, opt.FitDF)
	}
	if err := checkLag(n, lbLag); err != nil {
		return nil, err
	}
	if opt.FitDF >= lbLag {
		return nil, badArgument("fitdf %d with lag %d: %d residuals are too few to test a model with %d parameters", opt.FitDF, lbLag, n, opt.FitDF)
	}
	lags := opt.Lags
	if lags == 0 {
		lags = DefaultLags(n, opt.Period)
	}
	if err := checkLag(n, lags); err != nil {
		return nil, err
	}
	r := acf(res, max(lags, lbLag))
	c.ACF = slices.Clone(r[1 : lags+1])
	c.Band = Band(n)
	c.LjungBox = ljungBox(r, n, lbLag, opt.FitDF)
	c.Finding, c.Lag, c.Verdict = verdict(r[:lbLag+1], c.Band, c.LjungBox, opt.Period)
	return c, nil
}

// verdict reads the test: white noise when p ≥ Alpha, else the lag (up to
// the test's lag) whose autocorrelation lies furthest outside the band,
// seasonal when it is a multiple of m.
func verdict(r []float64, band float64, lb LjungBoxTest, m int) (Finding, int, string) {
	test := fmt.Sprintf("Ljung–Box p %s at lag %d", formatP(lb.P), lb.Lags)
	if lb.P >= Alpha {
		return NoAutocorrelation, 0, "no autocorrelation left (" + test + ")"
	}
	lag := 0
	for k := 1; k < len(r); k++ {
		if math.Abs(r[k]) > band && (lag == 0 || math.Abs(r[k]) > math.Abs(r[lag])) {
			lag = k
		}
	}
	switch {
	case lag == 0:
		return Autocorrelation, 0, "autocorrelation left, spread over several lags (" + test + ")"
	case m > 1 && lag%m == 0:
		return SeasonalAutocorrelation, lag, fmt.Sprintf("autocorrelation left at lag %d: the model misses part of the season (%s)", lag, test)
	default:
		return Autocorrelation, lag, fmt.Sprintf("autocorrelation left at lag %d: the model misses part of the dependence on past values (%s)", lag, test)
	}
}

// formatP writes "= 0.41", "= 0.0031" or "< 0.0001".
func formatP(p float64) string {
	if p < 1e-4 {
		return "< 0.0001"
	}
	return "= " + strconv.FormatFloat(p, 'g', 2, 64)
}

// qqNorm returns the sorted sample against qnorm(ppoints(n)): the
// probabilities (i − a)/(n + 1 − 2a), a = 3/8 for n ≤ 10 and 1/2 above.
func qqNorm(x []float64) QQ {
	n := len(x)
	a := 0.5
	if n <= 10 {
		a = 3.0 / 8
	}
	q := QQ{Theoretical: make([]float64, n), Sample: slices.Clone(x)}
	slices.Sort(q.Sample)
	for i := range q.Theoretical {
		q.Theoretical[i] = mathext.NormalQuantile((float64(i+1) - a) / (float64(n) + 1 - 2*a))
	}
	return q
}

// maxBins caps the histogram, as forecast's gghistogram does.
const maxBins = 500

// histogramFD bins x (not constant) into equal-width bins from its minimum
// to its maximum, their number as R's nclass.FD (without its rounding of
// x to 5 significant digits), at most maxBins.
func histogramFD(x []float64) Histogram {
	s := slices.Clone(x)
	slices.Sort(s)
	lo, hi := s[0], s[len(s)-1]
	k := min(fdBins(s), maxBins)
	h := Histogram{Edges: make([]float64, k+1), Counts: make([]int, k)}
	width := (hi - lo) / float64(k)
	for i := range h.Edges {
		h.Edges[i] = lo + float64(i)*width
	}
	h.Edges[k] = hi
	for _, v := range x {
		b := int((v - lo) / width)
		h.Counts[max(0, min(b, k-1))]++
	}
	return h
}

// fdBins is R's grDevices::nclass.FD for sorted s: ⌈range/h · n^(1/3)⌉ with
// h = 2·IQR, falling back to wider quantile ranges and then 3.5·sd when the
// IQR is zero.
func fdBins(s []float64) int {
	h := 2 * (quantile7(s, 0.75) - quantile7(s, 0.25))
	if h == 0 {
		for al := 1.0 / 8; h == 0 && al >= 1.0/512; al /= 2 {
			h = (quantile7(s, 1-al) - quantile7(s, al)) / (1 - 2*al)
		}
	}
	if h == 0 {
		h = 3.5 * math.Sqrt(variance(s))
	}
	if h <= 0 {
		return 1
	}
	return max(1, int(math.Ceil((s[len(s)-1]-s[0])/h*math.Pow(float64(len(s)), 1.0/3))))
}

// quantile7 is R's quantile(type = 7) of sorted s at probability p.
func quantile7(s []float64, p float64) float64 {
	index := 1 + float64(len(s)-1)*p
	lo, hi := math.Floor(index), math.Ceil(index)
	q := s[int(lo)-1]
	if index > lo && s[int(hi)-1] != q {
		f := index - lo
		q = (1-f)*q + f*s[int(hi)-1]
	}
	return q
}
