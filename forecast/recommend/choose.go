package recommend

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// The recommended forecast is chosen on the validation origins only — the
// holdout never takes part — by the mean absolute error over the
// validation origins and every step of the horizon (the same points for
// every candidate, so errors compare on one scale), among the methods
//
//	lstm, naive, seasonal_naive, drift, ets, auto_ets, theta, arima, comb
//
// For a long series (Validation.Pair: the network had at least 100
// training windows) it is the mean of the two methods with the lowest
// errors, e.g. lstm+theta. For a shorter one it is the candidate with the
// lowest error among every method alone and two blends:
//
//	the LSTM with the best classical one   e.g. lstm+comb (the mean of the two)
//	the two best classical methods         e.g. auto_ets+arima
//
// a blend only where it beats each of its parts, so the simpler forecast
// wins a tie. Either way, unless the choice's error is FallbackMargin
// below the seasonal naive's, the seasonal naive is recommended instead.
// A series without the network, or whose network has fewer than 25
// training windows (package forecast's minChooseWindows), is not chosen
// for on validation at all: Short.

// Validation holds every method's forecasts from the validation origins.
type Validation struct {
	Season  int                    // the seasonal period (1: none), for Choose's fallback
	Pair    bool                   // always the mean of the two best methods (a long series; see pair)
	Origins []int                  // history lengths (series indices of the first forecast step)
	Actual  [][]float64            // per origin, the h values after it
	Preds   map[string][][]float64 // method → per origin, h values
}

// Choice is the recommended forecast: the methods it averages (one, or two
// for a blend) and its validation error.
type Choice struct {
	Parts []string
	mae   float64
}

// name is the choice as a method label, e.g. "ets" or "lstm+ets".
func (c Choice) Name() string {
	s := c.Parts[0]
	for _, p := range c.Parts[1:] {
		s += "+" + p
	}
	return s
}

// combine averages the parts' predictions (nil when one is missing).
func (c Choice) Combine(preds map[string][]float64) []float64 {
	var out []float64
	for _, p := range c.Parts {
		f, ok := preds[p]
		if !ok {
			return nil
		}
		if out == nil {
			out = make([]float64, len(f))
		}
		for k, v := range f {
			out[k] += v / float64(len(c.Parts))
		}
	}
	return out
}

// SD is the model-based forecast standard deviations of the choice: a
// method's own, or for a blend the mean of its parts' (an upper bound: the
// standard deviation of a mean is at most the mean of the standard
// deviations, reached when the parts' errors move together, as they nearly
// do for forecasts of one series; Fit.comb takes the same bound). Nil when
// a part has none (the LSTM, a method too short for its model), so its
// intervals come from the validation errors alone.
func (c Choice) SD(sd map[string][]float64) []float64 {
	var out []float64
	for _, p := range c.Parts {
		s, ok := sd[p]
		if !ok || s == nil {
			return nil
		}
		if out == nil {
			out = make([]float64, len(s))
		}
		if len(s) != len(out) {
			return nil
		}
		for k, v := range s {
			out[k] += v / float64(len(c.Parts))
		}
	}
	return out
}

// classicalAt forecasts h steps after every origin with each classical
// method, ETS and ARIMA as sel chose them (methods that cannot be fitted at
// some origin are left out). It stops within one origin of ctx ending.
//
// The origins are fitted on one goroutine per core: each is independent of
// the others, and ARIMA's exact-likelihood refits dominate a long seasonal
// series' pipeline (nottem, 228 months: 15 of its 20 s, on one core).
func classicalAt(ctx context.Context, v []float64, origins []int, h, m int, sel *Selection, preds map[string][][]float64) error {
	bases := make([]map[string][]float64, len(origins))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(origins)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(origins) || ctx.Err() != nil {
					return
				}
				bases[i] = cache.forecasts(v[:origins[i]], h, m, sel).Mean
			}
		})
	}
	wg.Wait()
	if slices.ContainsFunc(bases, func(b map[string][]float64) bool { return b == nil }) { // ctx ended first
		return fmt.Errorf("forecast: stopped while validating the classical methods: %w", fit.ErrCanceled)
	}
	fits := map[string][][]float64{}
	failed := map[string]bool{}
	for _, base := range bases {
		for _, name := range classicalMethods {
			f, ok := base[name]
			if !ok {
				failed[name] = true
				continue
			}
			fits[name] = append(fits[name], f)
		}
	}
	for name, f := range fits {
		if !failed[name] {
			preds[name] = f
		}
	}
	return nil
}

// mae is the mean absolute error of preds against actual over every origin
// and step (NaN when there are none).
func mae(preds, actual [][]float64) float64 {
	var s float64
	n := 0
	for i, f := range preds {
		for k, v := range f {
			s += math.Abs(actual[i][k] - v)
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / float64(n)
}

// FallbackMargin is how much lower than the seasonal naive's (the naive's
// without a season) the best candidate's validation error must be for it
// to be recommended; otherwise that baseline is. A few validation origins
// are a noisy judge: on the 14 bundled series (make defaults, 3 seeds;
// margins of 5, 10 and 20 % tried, README's "How good are the defaults?")
// a best candidate only slightly ahead of the seasonal naive on validation
// lost to it on the holdout often enough that this rule beat seasonal
// naive on 13, 12 and 12 series instead of 11 with each seed, at a mean
// OWA of 0.740 against 0.744. On the independent set (docs/evaluation.md)
// it cost 0.006 of OWA (two series).
const FallbackMargin = 0.10

// Choose chooses the recommended forecast from the validation forecasts:
// the candidate (a method, or a blend of two) with the lowest error, or
// the seasonal naive (the naive when val.Season ≤ 1) when that candidate
// is not FallbackMargin better than it. best names the candidate the
// fallback replaced ("" when there was none).
func (val *Validation) Choose() (rec Choice, best string) {
	rec = val.lowest()
	if val.Pair {
		rec = val.pair()
	}
	base := SeasonalNaive
	if val.Season <= 1 {
		base = Naive
	}
	if _, ok := val.Preds[base]; !ok || rec.Name() == base {
		return rec, ""
	}
	eBase := mae(val.Preds[base], val.Actual)
	if !math.IsNaN(eBase) && !(rec.mae < (1-FallbackMargin)*eBase) {
		return Choice{Parts: []string{base}, mae: eBase}, rec.Name()
	}
	return rec, ""
}

// score is the validation error of the mean of the methods parts.
func (val *Validation) score(parts ...string) float64 {
	c := Choice{Parts: parts}
	blend := make([][]float64, len(val.Origins))
	for i := range val.Origins {
		at := map[string][]float64{}
		for _, p := range parts {
			at[p] = val.Preds[p][i]
		}
		blend[i] = c.Combine(at)
	}
	return mae(blend, val.Actual)
}

// singles are the methods with a validation error, each as a Choice, the
// lowest error first (Methods' order on a tie).
func (val *Validation) singles() []Choice {
	var out []Choice
	for _, name := range Methods {
		if _, ok := val.Preds[name]; ok {
			if e := val.score(name); !math.IsNaN(e) {
				out = append(out, Choice{Parts: []string{name}, mae: e})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Choice) int { return cmpFloat(a.mae, b.mae) })
	return out
}

// pair is the mean of the two single methods with the lowest validation
// errors (the better first in its name), or the one method when only one
// has validation forecasts: the rule for a long series (Validation.Pair).
//
// The mean, not the better of the two, even where the better one alone
// had the lower validation error: the validation origins are a noisy
// judge, and the mean of two good forecasts is rarely far worse than the
// better and often better than either (the M4 competition's lesson on
// combinations). On the 14 bundled series (make defaults, 4 origins,
// seeds 1–3; docs/defaults.md) the recommended forecast's mean OWA went
// from 0.721 / 0.727 / 0.719 with lowest for every series to 0.702 /
// 0.705 / 0.714 with this rule from 100 training windows (0.700 / 0.699 /
// 0.713 with it for every series), and seasonal naive was beaten on 14,
// 14 and 12 series instead of 13, 13 and 12. On 16 segments of 60–100
// points of the same series (25 to 57 windows; 3 origins) it was worse
// than lowest (mean MASE 1.059 against 1.052, worse on 9, better on 4),
// hence a rule for long series only.
func (val *Validation) pair() Choice {
	singles := val.singles()
	switch len(singles) {
	case 0:
		return Choice{Parts: []string{LSTM}, mae: math.NaN()}
	case 1:
		return singles[0]
	}
	parts := []string{singles[0].Parts[0], singles[1].Parts[0]}
	return Choice{Parts: parts, mae: val.score(parts...)}
}

// lowest is the candidate with the lowest validation error, a blend only
// where it beats each of its parts: the rule for a shorter series.
func (val *Validation) lowest() Choice {
	singles := val.singles() // the lowest error first
	if len(singles) == 0 {
		return Choice{Parts: []string{LSTM}, mae: math.NaN()}
	}
	best := singles[0]
	var classical []Choice // in singles' order
	for _, c := range singles {
		if c.Parts[0] != LSTM {
			classical = append(classical, c)
		}
	}
	var blends [][]string
	if _, ok := val.Preds[LSTM]; ok && len(classical) > 0 {
		blends = append(blends, []string{LSTM, classical[0].Parts[0]})
	}
	if len(classical) > 1 {
		blends = append(blends, []string{classical[0].Parts[0], classical[1].Parts[0]})
	}
	for _, parts := range blends {
		e := val.score(parts...)
		beats := true
		for _, p := range parts {
			if !(e < val.score(p)) {
				beats = false
			}
		}
		if beats && e < best.mae {
			best = Choice{Parts: parts, mae: e}
		}
	}
	return best
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// stepResiduals are the absolute errors of preds per horizon step (h ×
// origins), the shape classic.ConformalQuantiles takes.
func stepResiduals(preds, actual [][]float64, h int) [][]float64 {
	res := make([][]float64, h)
	for i, f := range preds {
		for k := range h {
			res[k] = append(res[k], math.Abs(actual[i][k]-f[k]))
		}
	}
	return res
}

// maxRecommendOrigins bounds the validation origins the classical methods
// are refitted at (evenly spaced, the last one kept).
const MaxOrigins = 10

// thin keeps at most k origins, evenly spaced, the last one included.
func (val *Validation) Thin(k int) {
	n := len(val.Origins)
	if n <= k {
		return
	}
	keep := make([]int, k)
	for i := range keep {
		keep[i] = (n - 1) - (k-1-i)*(n-1)/(k-1)
	}
	pick := func(rows [][]float64) [][]float64 {
		out := make([][]float64, k)
		for i, j := range keep {
			out[i] = rows[j]
		}
		return out
	}
	origins := make([]int, k)
	for i, j := range keep {
		origins[i] = val.Origins[j]
	}
	val.Origins, val.Actual = origins, pick(val.Actual)
	for name, p := range val.Preds {
		val.Preds[name] = pick(p)
	}
}

// scores is every candidate method's validation error (mean absolute
// error over the validation origins and steps), and rec's under its name
// when it is a blend.
func (val *Validation) Scores(rec Choice) map[string]float64 {
	out := map[string]float64{}
	for name, p := range val.Preds {
		out[name] = mae(p, val.Actual)
	}
	if len(rec.Parts) > 1 && !math.IsNaN(rec.mae) {
		out[rec.Name()] = rec.mae
	}
	return out
}

// minScaleResiduals is the fewest validation residuals per step whose scale
// widths are taken from when the method has a model: from one or two, the
// Student t interval of classic.IntervalWidths (1 degree of freedom: 12.7
// times the residual at 95 %) is honest but no use — on 67 segments of 48
// months of the bundled series (scripts/shortsim -pipeline -n 48 -h 12,
// one validation origin) the recommended forecast's 95 % half-width was
// 53 in-sample seasonal-naive errors and covered 99.8 % at 80 %.
const minScaleResiduals = 3

// widths are a method's (or a blend's) interval half-widths per step from
// its validation errors (classic.IntervalWidths), raised to the model-based
// widths of sd (the method's forecast standard deviations, nil for a
// method without a model) where the validation origins are too few for a
// conformal quantile (widenToModel) and the model's alone where they are
// fewer than minScaleResiduals, non-decreasing with the horizon; nil when
// it has neither validation forecasts nor a model.
func (val *Validation) Widths(c Choice, h int, sd []float64) (q80, q95 []float64) {
	preds := make([][]float64, len(val.Origins))
	for i := range val.Origins {
		at := map[string][]float64{}
		for _, p := range c.Parts {
			if f, ok := val.Preds[p]; ok {
				at[p] = f[i]
			}
		}
		if preds[i] = c.Combine(at); preds[i] == nil {
			preds = nil // a part failed at some origin: the model's widths alone
			break
		}
	}
	q := classic.IntervalWidths(stepResiduals(preds, val.Actual, h), 0.80, 0.95)
	if len(preds) < minScaleResiduals && sd != nil {
		for k := range q[0] { // the model's widths alone
			q[0][k], q[1][k] = math.NaN(), math.NaN()
		}
	}
	widenToModel(q[0], q[1], sd, len(preds))
	if !allFinite(q[0]) || !allFinite(q[1]) {
		return nil, nil // no validation errors and no model
	}
	classic.NonDecreasing(q[0])
	classic.NonDecreasing(q[1])
	return q[0], q[1]
}

// AddClassical adds every classical method's forecasts from val's origins
// (h steps after each, ETS and ARIMA as sel chose them; v is the whole
// series) to val.Preds. It stops within one origin of ctx ending.
func (val *Validation) AddClassical(ctx context.Context, v []float64, h, m int, sel *Selection) error {
	return classicalAt(ctx, v, val.Origins, h, m, sel, val.Preds)
}

// Short is the recommended forecast of a series too short for the network
// (forecast's classical run), with origins validation origins: the
// combination (Comb; else the first of auto_ets and theta fitted) where it
// has validation origins, Default where it has none. Not the choice on
// those origins: on a series this short they are a few overlapping
// windows, and the choice on them lost to the combination on segments of
// the bundled series (go run ./scripts/shortsim -pipeline -set S -n N -h H:
// each segment's first N−H points forecast as the command line does, the
// last H scored; mean OWA against Naive2, the choice on validation →
// the combination):
//
//	monthly 48/12 (1 origin)    0.833 → 0.674
//	        54/12 (7)           0.837 → 0.758
//	        60/12 (13)          0.846 → 0.774
//	        66/12 (19)          0.839 → 0.802
//	quarterly 24/8 (1)          1.036 → 0.925
//	          32/8 (9)          0.969 → 1.023
//	          40/8 (17)         0.886 → 0.785
//	yearly 20/6 (1)             1.003 → 0.879
//	       30/6 (11)            0.903 → 0.871
//
// The mean of the two methods best on validation (the rule of a long
// series) scored between the two on eight and behind both on quarterly
// 32/8 (1.041), and Default was behind the combination wherever there
// were origins but on quarterly 32/8 (0.686, 0.787, 0.818, 0.839; 0.975,
// 1.011, 0.914; 0.912, 0.891).
func Short(sel *Selection, m, origins int) Choice {
	if origins == 0 {
		return Default(sel, m)
	}
	return Choice{Parts: []string{combination(sel)}}
}

// combination is Comb when the selection has at least two of its parts,
// else the first of auto_ets and theta fitted.
func combination(sel *Selection) string {
	switch {
	case len(combOf(sel)) >= 2:
		return Comb
	case sel != nil && sel.ets != nil:
		return AutoETS
	}
	return Theta
}

// Default is the recommended forecast without validation origins (a series
// of two or three seasons asked for a long horizon): the mean of the
// combination (Comb; else the first of auto_ets and theta fitted) and the
// seasonal naive (the naive when m ≤ 1).
//
// With so little history the models' seasonal and trend estimates are
// noisy and the seasonal naive is a robust forecast; their mean is better
// than either on most such series. Measured on segments of the bundled
// series (go run ./scripts/shortsim -set S -n N -h H: every segment of N
// points, 6 apart, forecast from its first N−H; OWA against Naive2, the
// mean over the segments), comb alone → this mean, with the seasonal naive
// alone for reference:
//
//	monthly: airline passengers, seatbelts front and rear
//	  54/18 (64 segments)   0.698 → 0.704   (seasonal naive 0.851)
//	  36/12 (73)            0.910 → 0.681   (0.710)
//	  48/24 (67)            0.921 → 0.733   (0.764)
//	quarterly: US GDP, consumption, unemployment
//	  20/8 (93)             1.112 → 1.031   (1.485)
//	  24/8 (90)             0.925 → 0.975   (1.419)
//	yearly: sunspots, tree rings, New Haven
//	  18/6 (155)            0.922 → 0.924   (1.000)
//
// Mean over the six: 0.915 → 0.841. The mean's MASE is below the seasonal
// naive's on more segments in all six (51 against 43 of 64 at 54/18).
func Default(sel *Selection, m int) Choice {
	base := SeasonalNaive
	if m <= 1 {
		base = Naive
	}
	return Choice{Parts: []string{combination(sel), base}}
}
