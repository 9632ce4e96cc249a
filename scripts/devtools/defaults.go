package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/forecast/recommend"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/sampledata"
)

// benchSeries is one series of the defaults table: a bundled sample and a
// value column in it.
type benchSeries struct {
	sample sampledata.Sample
	value  string
}

// defaultsSeries are the series the defaults are chosen on: every bundled
// sample's target, plus the other value columns of the multi-column ones.
func defaultsSeries() []benchSeries {
	extra := map[string][]string{"ftse": {"SMI", "CAC"}, "seatbelts": {"rear"}, "us_macro": {"realcons", "unemp"}}
	var out []benchSeries
	for _, s := range sampledata.List() {
		out = append(out, benchSeries{s, s.ValueCol})
		for _, v := range extra[s.ID] {
			out = append(out, benchSeries{s, v})
		}
	}
	return out
}

type defaultsRow struct {
	name    string
	n, h, m int
	metrics map[string]classic.Metrics // averaged over the origins
	last    map[string]classic.Metrics // at the last origin: the single holdout
	seconds float64
	wall    float64 // the whole backtest's seconds (every origin)
	anchor  string  // the window scaler's anchor, as Result.Anchor
	rec     string  // the recommended forecast at the last origin, as Result.Recommended
	// rules holds each way of forming the forecast (the recommended one, the
	// LSTM alone, comb alone, the mean of the LSTM and comb) scored over the
	// origins, with OWA against Naive2 on the same points
	rules     map[string]ruleScore
	cov80     float64 // the recommended forecast's pooled holdout coverage
	cov95     float64
	covLSTM80 float64 // the LSTM's
	covLSTM95 float64
	err       error
}

// ruleScore is a forecast's mean sMAPE and MASE over the origins, its OWA
// against Naive2's means on the same points, and whether its mean MASE is
// below the seasonal naive's.
type ruleScore struct {
	smape, mase, owa float64
	beatsSN          bool
}

// rules are the ways of forming the forecast the table compares: the
// recommended one, the LSTM alone, comb alone and the mean of the two.
var rules = []string{"recommended", "lstm", "comb", "lstm+comb"}

// allRules are the rules scored: rules and "no fallback", the choice on
// validation even where the recommended forecast fell back to the
// seasonal naive (recommend.FallbackMargin).
func allRules() []string { return append(slices.Clone(rules), noFallback, halfFallback) }

const noFallback = "no fallback"

// halfFallback is the recommended forecast, except that where it fell back
// to the seasonal naive it is the mean of that and the candidate it
// replaced: a rule scored beside the fallback, not used by the app.
const halfFallback = "half fallback"

// rulePreds are the holdout forecasts of every rule at one origin (a rule
// is missing when a part is).
func rulePreds(r *forecast.Result) map[string][]float64 {
	hd := r.Holdout
	preds := map[string][]float64{"recommended": hd.Pred[forecast.MethodRecommended], "lstm": hd.Pred[forecast.MethodLSTM], "comb": hd.Pred[forecast.MethodComb]}
	if l, c := preds["lstm"], preds["comb"]; l != nil && c != nil {
		mean := make([]float64, len(l))
		for k := range l {
			mean[k] = (l[k] + c[k]) / 2
		}
		preds["lstm+comb"] = mean
	}
	preds[noFallback] = preds["recommended"]
	if r.FellBackFrom != "" {
		parts := strings.Split(r.FellBackFrom, "+")
		mean := make([]float64, len(hd.Actual))
		for _, p := range parts {
			f := hd.Pred[p]
			if f == nil {
				delete(preds, noFallback)
				return preds
			}
			for k := range mean {
				mean[k] += f[k] / float64(len(parts))
			}
		}
		preds[noFallback] = mean
		half := make([]float64, len(mean))
		for k := range half {
			half[k] = (mean[k] + preds["recommended"][k]) / 2
		}
		preds[halfFallback] = half
	} else {
		preds[halfFallback] = preds["recommended"]
	}
	return preds
}

// scoreRules scores the rules on every origin of a backtest (values: the
// whole series) and the pooled coverage of the recommended forecast and
// the LSTM.
func scoreRules(row *defaultsRow, values []float64, results []*forecast.Result) {
	sum := map[string]*ruleScore{}
	var n2 ruleScore
	var snMASE float64
	for _, r := range results {
		hd := r.Holdout
		hist := values[:hd.Start]
		m := r.Settings.Season
		n2f := classic.Naive2(hist, len(hd.Actual), m)
		n2.smape += classic.SMAPE(hd.Actual, n2f)
		n2.mase += classic.MASE(hd.Actual, n2f, hist, m)
		snMASE += classic.MASE(hd.Actual, hd.Pred[forecast.MethodSeasonalNaive], hist, m)
		preds := rulePreds(r)
		for _, name := range allRules() {
			p := preds[name]
			if p == nil {
				continue
			}
			if sum[name] == nil {
				sum[name] = &ruleScore{}
			}
			sum[name].smape += classic.SMAPE(hd.Actual, p)
			sum[name].mase += classic.MASE(hd.Actual, p, hist, m)
		}
		c := r.Coverage[forecast.MethodRecommended]
		row.cov80 += c.P80 / float64(len(results))
		row.cov95 += c.P95 / float64(len(results))
		row.covLSTM80 += r.Coverage80 / float64(len(results))
		row.covLSTM95 += r.Coverage95 / float64(len(results))
	}
	row.rules = map[string]ruleScore{}
	k := float64(len(results))
	for name, x := range sum {
		row.rules[name] = ruleScore{x.smape / k, x.mase / k, classic.OWA(x.smape, x.mase, n2.smape, n2.mase), x.mase < snMASE}
	}
}

// setFlag collects repeated -set name=value flags.
type setFlag []experiment.Axis

func (f *setFlag) String() string { return fmt.Sprint(*f) }
func (f *setFlag) Set(s string) error {
	a, err := experiment.ParseAxis(s)
	if err != nil {
		return err
	}
	if len(a.Values) != 1 {
		return fmt.Errorf("-set %s: give one value, e.g. -set epochs=50", s)
	}
	*f = append(*f, a)
	return nil
}

// cmdDefaultsTable backtests the default settings (changed by -set) on
// every bundled series and writes a Markdown table.
func cmdDefaultsTable(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("defaults-table")
	var sets setFlag
	fs.Var(&sets, "set", "change a setting from its default, e.g. -set epochs=50 (names as in the model file; repeat)")
	out := fs.String("out", "", "write the Markdown table to this `file` (default: stdout)")
	only := fs.String("only", "", "comma-separated sample IDs to run (default: all)")
	origins := fs.Int("origins", 4, "rolling forecast origins per series, the last at the end of the series")
	step := fs.Int("step", 0, "points between origins (default: the horizon)")
	seeds := fs.String("seeds", "1,2,3", "comma-separated seeds; the table shows the first, the seed summary every one")
	if rc := parse(fs, args, stderr); rc >= 0 {
		return rc
	}
	seedList, err := parseSeeds(*seeds)
	if err != nil {
		return failf(stderr, err)
	}
	if *origins < 1 || *origins > app.MaxOrigins || *step < 0 {
		return failf(stderr, fmt.Errorf("-origins must be 1 to %d and -step ≥ 0", app.MaxOrigins))
	}
	set, err := experiment.ApplyFixed(config.DefaultSettings(), sets)
	if err != nil {
		return failf(stderr, err)
	}
	if err := forecast.Validate(set); err != nil {
		return failf(stderr, err)
	}
	if err := fileio.CheckPaths(nil, []fileio.File{{Role: "-out", Path: *out}}); err != nil {
		return failf(stderr, err)
	}
	horizonSet := false
	for _, a := range sets {
		if a.Name == "horizon" {
			horizonSet = true
		}
	}
	series := onlySeries(defaultsSeries(), *only)
	// Each series runs its seeds one after the other, so the classical
	// methods' selections and fits (forecast's cache, keyed by history:
	// they do not depend on the seed) are made by the first seed and reused
	// by the others.
	rows := make([][]defaultsRow, len(series))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.NumCPU()/max(1, set.Ensemble)))
	start := time.Now()
	for i, bs := range series {
		wg.Add(1)
		go func() { // ends when series i is backtested with every seed
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			s := set
			if !horizonSet {
				s.Horizon = bs.sample.Horizon
			}
			for _, seed := range seedList {
				s.Seed = seed
				t0 := time.Now()
				r := backtestSample(ctx, bs, s, *origins, *step)
				r.wall = time.Since(t0).Seconds()
				rows[i] = append(rows[i], r)
				if r.err != nil {
					fmt.Fprintf(stderr, "%-22s seed %d error: %v\n", r.name, seed, app.Message(r.err))
					continue
				}
				fmt.Fprintf(stderr, "%-22s seed %d lstm MASE %6.3f | snaive %6.3f comb %6.3f | OWA rec %.3f lstm %.3f comb %.3f lstm+comb %.3f | %.1fs (backtest %.0fs) | rec %s\n", r.name, seed,
					r.metrics["lstm"].MASE, r.metrics["seasonal_naive"].MASE, r.metrics["comb"].MASE,
					r.rules["recommended"].owa, r.rules["lstm"].owa, r.rules["comb"].owa, r.rules["lstm+comb"].owa, r.seconds, r.wall, r.rec)
			}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "devtools: interrupted: the table was not finished; nothing was written")
		return 130
	}
	first := make([]defaultsRow, len(rows))
	for i := range rows {
		first[i] = rows[i][0]
	}
	set.Seed = seedList[0]
	var b bytes.Buffer
	writeDefaultsTable(&b, first, set, horizonSet, *origins, *step, time.Since(start))
	writeSeedSummary(&b, rows, seedList)
	if *out == "" {
		stdout.Write(b.Bytes())
		return 0
	}
	if err := fileio.WriteFile(*out, b.Bytes()); err != nil {
		return failf(stderr, err)
	}
	fmt.Fprintf(stderr, "wrote %s\n", *out)
	return 0
}

// onlySeries keeps the series of the comma-separated sample IDs in only
// (all when it is empty).
func onlySeries(series []benchSeries, only string) []benchSeries {
	if only == "" {
		return series
	}
	var keep []benchSeries
	for _, s := range series {
		if strings.Contains(","+only+",", ","+s.sample.ID+",") {
			keep = append(keep, s)
		}
	}
	return keep
}

// backtestSample backtests one series at origins rolling origins, step
// points apart (0: the horizon), the last at the end of the series, in a
// session of its own.
func backtestSample(ctx context.Context, bs benchSeries, set config.Settings, origins, step int) defaultsRow {
	row := defaultsRow{name: bs.sample.ID + "/" + bs.value}
	sess := app.NewSession(nil)
	d, err := sess.LoadSample(bs.sample.ID)
	if err == nil && bs.value != bs.sample.ValueCol {
		d, err = sess.SelectColumns(tsdata.SeriesSpec{DateCol: bs.sample.DateCol, ValueCol: bs.value})
	}
	if err == nil {
		err = sess.SetSettings(set)
	}
	if err != nil {
		row.err = err
		return row
	}
	bt, err := sess.Backtest(ctx, origins, step, nil)
	if err != nil {
		row.err = err
		return row
	}
	res := bt.Results[len(bt.Results)-1] // the last origin: the whole series but H points
	row.seconds = res.Seconds
	row.n, row.h, row.m = d.Series.Len(), res.Settings.Horizon, res.Settings.Season
	row.metrics = bt.Mean
	row.last = res.Metrics
	row.anchor = res.Anchor
	row.rec = res.Recommended
	scoreRules(&row, d.Series.Values, bt.Results)
	return row
}

func writeDefaultsTable(w io.Writer, rows []defaultsRow, set config.Settings, horizonSet bool, origins, step int, took time.Duration) {
	fmt.Fprintf(w, "# The defaults, backtested\n\n")
	stepText := "H"
	if step > 0 {
		stepText = fmt.Sprint(step)
	}
	fmt.Fprintf(w, "Rolling-origin backtest: each series is cut at %d origins, %s points apart, the last one H points before its end; at each origin the LSTM (defaults, the first seed; the seed summary below has every seed) and the classical methods are fitted on the points before it and scored on the next H. The table gives the mean over the origins, so that one lucky or unlucky stretch (a recession in the last quarters, a random walk's last month) does not decide a series. MASE is scaled by the in-sample seasonal-naive error (below 1 beats it); bold marks the LSTM where it is the best of the methods. ETS is Holt-Winters (the anchor's family); AutoETS, Theta and ARIMA are R's ets, thetaf and auto.arima (forecast/classic), comb their mean. Rec. is the recommended forecast: at each origin, where the network had at least 100 training windows, the mean of the two methods with the lowest errors on the validation origins before the holdout, and otherwise the method, or the mean of two, with the lowest error there; or the seasonal naive (the naive without a season) when that choice's error is not %.0f %% below the seasonal naive's (the column names the last origin's choice). OWA is the M4 competition's: the mean sMAPE and MASE over the origins, each relative to Naive2's (the seasonally adjusted naive forecast) on the same points, averaged; below 1 beats Naive2. It is given for four ways of forming the forecast: the recommended one, the LSTM alone, comb alone and the mean of the LSTM and comb. Coverage is the recommended forecast's share of holdout points inside its 80 %% and 95 %% intervals, over the origins. The anchor and the seconds are those of the last origin (the whole series but the last H points). The anchor is the forecast the LSTM learns to correct, chosen per series on the validation windows (HW: Holt-Winters fitted on the training part; SES: simple exponential smoothing). Regenerate with `make defaults` (%s).\n\n", origins, stepText, 100*recommend.FallbackMargin, machine())
	fmt.Fprintf(w, "| series | points | H | m | anchor | LSTM MASE | s-naive MASE | ETS MASE | AutoETS MASE | Theta MASE | ARIMA MASE | comb MASE | rec. | rec. MASE | OWA rec. | OWA LSTM | OWA comb | OWA LSTM+comb | coverage 80/95 | s |\n")
	fmt.Fprintf(w, "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---:|\n")
	var ok, recSN, recETS, recLSTM, lstmSN int
	var sumR, sumL, sumE float64
	owaSum := map[string]float64{}
	owaN := map[string]int{}
	wins := map[string]int{}
	var cov80, cov95, covL80, covL95 float64
	mase := func(r defaultsRow, m string) string {
		if x, ok := r.metrics[m]; ok {
			return fmt.Sprintf("%.3f", x.MASE)
		}
		return "–"
	}
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(w, "| %s | error: %s |||||||||||||||||||\n", r.name, strings.ReplaceAll(r.err.Error(), "|", "/"))
			continue
		}
		l, e, rc := r.metrics["lstm"], r.metrics["ets"], r.metrics["recommended"]
		owa := func(rule string) string {
			if x, ok := r.rules[rule]; ok {
				return fmt.Sprintf("%.3f", x.owa)
			}
			return "–"
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.3f | %s | %s | %s | %s | %.2f/%.2f | %.1f |\n", r.name, r.n, r.h, r.m,
			shortAnchor(r.anchor), bold(l.MASE, r.metrics), mase(r, "seasonal_naive"), mase(r, "ets"), mase(r, "auto_ets"), mase(r, "theta"), mase(r, "arima"), mase(r, "comb"),
			r.rec, rc.MASE, owa("recommended"), owa("lstm"), owa("comb"), owa("lstm+comb"), r.cov80, r.cov95, r.seconds)
		ok++
		if rc.MASE < r.metrics["seasonal_naive"].MASE {
			recSN++
		}
		if l.MASE < r.metrics["seasonal_naive"].MASE {
			lstmSN++
		}
		if rc.MASE <= e.MASE {
			recETS++
		}
		if rc.MASE <= l.MASE {
			recLSTM++
		}
		sumR += rc.MASE
		sumL += l.MASE
		sumE += e.MASE
		best, bestOWA := "", math.Inf(1)
		for _, rule := range rules {
			if x, ok := r.rules[rule]; ok && !math.IsNaN(x.owa) {
				owaSum[rule] += x.owa
				owaN[rule]++
				if x.owa < bestOWA {
					best, bestOWA = rule, x.owa
				}
			}
		}
		wins[best]++
		cov80 += r.cov80
		cov95 += r.cov95
		covL80 += r.covLSTM80
		covL95 += r.covLSTM95
	}
	k := float64(max(ok, 1))
	fmt.Fprintf(w, "\nOver %d origins the recommended forecast beats seasonal naive on %d of %d series (the LSTM alone on %d), matches or beats Holt-Winters ETS on %d and the LSTM on %d; mean MASE recommended %.3f, LSTM %.3f, ETS %.3f. ",
		origins, recSN, ok, lstmSN, recETS, recLSTM, sumR/k, sumL/k, sumE/k)
	fmt.Fprintf(w, "Mean OWA against Naive2:")
	for _, rule := range rules {
		fmt.Fprintf(w, " %s %.3f (lowest on %d series);", rule, owaSum[rule]/float64(max(owaN[rule], 1)), wins[rule])
	}
	fmt.Fprintf(w, " pooled holdout coverage of the recommended forecast's intervals %.2f (80 %%) and %.2f (95 %%), of the LSTM's %.2f and %.2f. ", cov80/k, cov95/k, covL80/k, covL95/k)
	h := "each series' catalogue horizon"
	if horizonSet {
		h = fmt.Sprint(set.Horizon)
	}
	fmt.Fprintf(w, "Settings: defaults (horizon %s, window %s, scaler %s, anchor %s, %d×%d units, %s lr %g, %s schedule, patience %d, clip %s %g, init %s/%s, ensemble %d, seed %d). Wall time %.0f s.\n",
		h, windowText(set.Window), set.Scaler, set.Anchor, set.Layers, set.Hidden, set.Optimizer, set.LR, set.Schedule, set.Patience, set.Clip, set.ClipMax, set.Init, set.RecurrentInit, set.Ensemble, set.Seed, took.Seconds())
}

// shortAnchor abbreviates a Result.Anchor for the table.
func shortAnchor(a string) string {
	kind, _, _ := strings.Cut(a, ",")
	for _, r := range []struct{ prefix, short string }{
		{"Holt-Winters multiplicative", "HW ×"},
		{"Holt-Winters additive", "HW +"},
		{"damped Holt", "damped Holt"},
		{"Holt linear", "Holt"},
		{"simple exponential", "SES"},
		{"seasonal naive", "seasonal naive"},
		{"naive", "naive"},
	} {
		if strings.HasPrefix(kind, r.prefix) {
			return r.short
		}
	}
	if a == "" {
		return "–"
	}
	return kind
}

func windowText(w int) string {
	if w == 0 {
		return "derived"
	}
	return fmt.Sprint(w)
}

// bold marks the LSTM's MASE when it is the best of the five methods (the
// recommended forecast, a choice among them, aside).
func bold(v float64, all map[string]classic.Metrics) string {
	for name, m := range all {
		if name != "recommended" && m.MASE < v {
			return fmt.Sprintf("%.3f", v)
		}
	}
	return fmt.Sprintf("**%.3f**", v)
}

// parseSeeds reads -seeds: distinct integers separated by commas.
func parseSeeds(text string) ([]uint64, error) {
	var out []uint64
	for _, f := range strings.Split(text, ",") {
		v, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("-seeds %q: give whole numbers separated by commas, e.g. -seeds 1,2,3", text)
		}
		if slices.Contains(out, v) {
			return nil, fmt.Errorf("-seeds %q: seed %d is given twice", text, v)
		}
		out = append(out, v)
	}
	return out, nil
}

// writeSeedSummary writes every rule's mean OWA per seed, the series it
// wins (lowest OWA, ties to each) over every series and seed, and the
// series its mean MASE beats the seasonal naive's on, per seed; then the
// seeds' cost.
func writeSeedSummary(w io.Writer, rows [][]defaultsRow, seeds []uint64) {
	fmt.Fprintf(w, "\n## Several seeds\n\n")
	fmt.Fprintf(w, "The same backtest with seeds %s (the table above is seed %d's). A rule wins a series at a seed when its OWA is the lowest of the rules compared (the four above; or the recommended forecast, *no fallback* — the choice on validation even where the recommended forecast is the seasonal naive because that choice was not %.0f %% better on validation — and *half fallback*, the mean of that choice and the seasonal naive there: ties count for each).\n\n", joinSeeds(seeds), seeds[0], 100*recommend.FallbackMargin)
	fmt.Fprintf(w, "| rule |")
	for _, s := range seeds {
		fmt.Fprintf(w, " OWA seed %d |", s)
	}
	fmt.Fprintf(w, " mean OWA | wins of %d | MASE below s-naive |\n|---|", len(rows)*len(seeds))
	for range seeds {
		fmt.Fprintf(w, "---:|")
	}
	fmt.Fprintf(w, "---:|---:|---|\n")
	groups := [][]string{rules, append([]string{"recommended"}, allRules()[len(rules):]...)}
	wins := map[string]int{}
	for gi, g := range groups {
		for _, byS := range rows {
			for j := range seeds {
				r := byS[j]
				if r.err != nil {
					continue
				}
				best := math.Inf(1)
				for _, rule := range g {
					if x, ok := r.rules[rule]; ok && x.owa < best {
						best = x.owa
					}
				}
				for _, rule := range g {
					if x, ok := r.rules[rule]; ok && x.owa == best {
						wins[fmt.Sprint(gi, rule)]++
					}
				}
			}
		}
	}
	for gi, g := range groups {
		for i, rule := range g {
			if gi > 0 && i == 0 {
				continue // the recommended row is in the first group
			}
			fmt.Fprintf(w, "| %s |", rule)
			var all float64
			var beat []string
			for j := range seeds {
				var sum float64
				n, b := 0, 0
				for _, byS := range rows {
					if x, ok := byS[j].rules[rule]; ok && byS[j].err == nil {
						sum += x.owa
						n++
						if x.beatsSN {
							b++
						}
					}
				}
				fmt.Fprintf(w, " %.3f |", sum/float64(max(n, 1)))
				all += sum / float64(max(n, 1))
				beat = append(beat, fmt.Sprintf("%d/%d", b, n))
			}
			win := fmt.Sprint(wins[fmt.Sprint(gi, rule)])
			if gi == 0 && rule == "recommended" {
				win += fmt.Sprintf(" (%d against no fallback and half fallback)", wins[fmt.Sprint(1, rule)])
			}
			fmt.Fprintf(w, " %.3f | %s | %s |\n", all/float64(len(seeds)), win, strings.Join(beat, ", "))
		}
	}
	var firstS, restS float64
	for _, byS := range rows {
		for j, r := range byS {
			if j == 0 {
				firstS += r.wall
			} else {
				restS += r.wall
			}
		}
	}
	fmt.Fprintf(w, "\nBacktest seconds summed over the series: %.0f for seed %d (which fits the classical methods), %.0f per further seed (which reuse them).\n", firstS, seeds[0], restS/float64(max(len(seeds)-1, 1)))
}

func joinSeeds(seeds []uint64) string {
	var s []string
	for _, v := range seeds {
		s = append(s, fmt.Sprint(v))
	}
	return strings.Join(s, ", ")
}
