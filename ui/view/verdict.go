package view

import (
	"math"
	"slices"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// MethodLabel names a forecasting method for people in the window's
// language: its MethodLabels entry, or the method's own name for one
// without.
func MethodLabel(m string) string {
	if l, ok := MethodLabels[m]; ok {
		return i18n.T(l)
	}
	return m
}

// Diagnosis is res.Diagnosis for the window: translated, and naming the
// recommended method by its label ("ETS+ARIMA+Theta mean") where the
// diagnosis names its key as the CLI does ("(recommended: comb)").
func Diagnosis(res *forecast.Result) string {
	d := res.Diagnosis
	if res.Recommended != "" {
		d = strings.Replace(d, "(recommended: "+res.Recommended+")", "(recommended: "+BlendLabel(res.Recommended)+")", 1)
	}
	return i18n.Message(d)
}

// BlendLabel is the name of a method or of the mean of several, as the
// window shows it: "lstm+theta" → "LSTM + Theta".
func BlendLabel(m string) string { return BlendLabelWith(m, MethodLabel) }

// BlendLabelWith is BlendLabel with each part named by label.
func BlendLabelWith(m string, label func(string) string) string {
	var out []string
	for _, p := range strings.Split(m, "+") {
		out = append(out, label(p))
	}
	return strings.Join(out, " + ")
}

// Outcome is who won on the holdout, as Verdict tells it.
type Outcome int

const (
	NoVerdict Outcome = iota // no holdout, or no comparable scores
	LSTMWon
	LSTMLost
	Tie
)

// Verdict says in one sentence how the LSTM fared on the holdout against
// the best baseline (every method of m but the LSTM and the recommended
// forecast, which may be the LSTM itself): by MASE, or by MAE when MASE
// is missing (a series whose seasonal naive fits its history exactly).
// The margin is the winner's error below the loser's, in percent of the
// loser's; a margin that rounds to 0 % is a tie. Methods whose score is
// not finite take no part. It returns the metric's name too.
func Verdict(m map[string]classic.Metrics) (text string, out Outcome, metric string) {
	if len(m) == 0 {
		return i18n.T("No holdout: the model was trained on the whole series, so no method was scored on unseen data."), NoVerdict, ""
	}
	metric = "MASE"
	score := func(x classic.Metrics) float64 { return x.MASE }
	if !comparable(m, score) {
		metric = "MAE"
		score = func(x classic.Metrics) float64 { return x.MAE }
		if !comparable(m, score) {
			return "", NoVerdict, ""
		}
	}
	l := score(m[forecast.MethodLSTM])
	best, b, better, baselines := "", math.Inf(1), 0, 0
	for _, name := range SortedMethods(m) {
		if name == forecast.MethodLSTM || name == forecast.MethodRecommended {
			continue
		}
		v := score(m[name])
		if !finite(v) {
			continue
		}
		baselines++
		if v < l {
			better++
		}
		if v < b {
			best, b = name, v
		}
	}
	// The decimals of the metrics table's column (the Forecast tab's), so
	// the sentence and the table print the same numbers.
	var all []float64
	for _, x := range m {
		all = append(all, score(x))
	}
	dec := ColumnDecimals(all, 3, 2)
	scores := func(w, lo float64) string {
		return i18n.T("%s %s against %s", metric, Fixed(w, dec), Fixed(lo, dec))
	}
	switch {
	case math.Round(100*math.Abs(l-b)/math.Max(l, b)) == 0:
		return i18n.T("The LSTM and %s tied on the holdout (%s %s and %s).", lower(MethodLabel(best)), metric, Fixed(l, dec), Fixed(b, dec)), Tie, metric
	case l < b:
		return i18n.T("The LSTM beat the best baseline, %s, by %.0f%% %s on the holdout (%s).", lower(MethodLabel(best)), 100*(b-l)/b, metric, scores(l, b)), LSTMWon, metric
	}
	s := i18n.T("%s beat the LSTM by %.0f%% %s on the holdout (%s)", upperFirst(MethodLabel(best)), 100*(l-b)/l, metric, scores(b, l))
	if better > 1 {
		s += i18n.T("; %d of the %d baselines did better than the LSTM", better, baselines)
	}
	return s + i18n.T("."), LSTMLost, metric
}

// comparable reports whether the LSTM and at least one baseline have a
// finite score.
func comparable(m map[string]classic.Metrics, score func(classic.Metrics) float64) bool {
	x, ok := m[forecast.MethodLSTM]
	if !ok || !finite(score(x)) {
		return false
	}
	for name, x := range m {
		if name != forecast.MethodLSTM && name != forecast.MethodRecommended && finite(score(x)) {
			return true
		}
	}
	return false
}

// SortedMethods lists the methods of m in forecast.Methods' order, then any
// other (a method this window has no label for yet) by name.
func SortedMethods(m map[string]classic.Metrics) []string {
	var out []string
	seen := map[string]bool{}
	for _, name := range forecast.Methods {
		if _, ok := m[name]; ok {
			out = append(out, name)
			seen[name] = true
		}
	}
	var rest []string
	for name := range m {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// lower lowercases a method label inside a sentence ("seasonal naive"),
// keeping acronyms ("ETS (Holt-Winters)", "LSTM").
func lower(label string) string {
	if i18n.Lang() != "en" {
		return label // English's mid-sentence lower case only
	}
	first, _, _ := strings.Cut(label, " ")
	if strings.ToUpper(first) == first {
		return label
	}
	return strings.ToLower(label[:1]) + label[1:]
}

// CoverageLow reports whether an interval meant to cover nominal (0.8,
// 0.95) of the points covered share of n holdout points so far below
// nominal that chance hardly explains it: at least 10 points below nominal
// and, were the interval right, a probability below 5 % of covering so few
// (the binomial lower tail). A short holdout's coverage is rough: 7 of 12
// (58 %) by an 80 % interval happens 7 % of the time and is not flagged;
// 4 of 12 (33 %) happens 0.05 % of the time and is.
func CoverageLow(share float64, n int, nominal float64) bool {
	if n <= 0 || !finite(share) || share > nominal-0.10 {
		return false
	}
	k := int(math.Round(share * float64(n)))
	return binomCDF(k, n, nominal) < 0.05
}

// binomCDF is P(X ≤ k) for X ~ Binomial(n, p), summed in log space.
func binomCDF(k, n int, p float64) float64 {
	sum := 0.0
	for i := 0; i <= k && i <= n; i++ {
		lg := lgamma(float64(n+1)) - lgamma(float64(i+1)) - lgamma(float64(n-i+1))
		sum += math.Exp(lg + float64(i)*math.Log(p) + float64(n-i)*math.Log1p(-p))
	}
	return sum
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// upperFirst capitalises the first letter, for a label opening a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
