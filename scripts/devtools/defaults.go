package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
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
	anchor  string // the window scaler's anchor, as Result.Anchor
	rec     string // the recommended forecast at the last origin, as Result.Recommended
	err     error
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
	if rc := parse(fs, args, stderr); rc >= 0 {
		return rc
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
	series := defaultsSeries()
	if *only != "" {
		var keep []benchSeries
		for _, s := range series {
			if strings.Contains(","+*only+",", ","+s.sample.ID+",") {
				keep = append(keep, s)
			}
		}
		series = keep
	}
	rows := make([]defaultsRow, len(series))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.NumCPU()/max(1, set.Ensemble)))
	start := time.Now()
	for i, bs := range series {
		wg.Add(1)
		go func() { // ends when series i is backtested
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			s := set
			if !horizonSet {
				s.Horizon = bs.sample.Horizon
			}
			rows[i] = backtestSample(ctx, bs, s, *origins, *step)
			r := rows[i]
			if r.err != nil {
				fmt.Fprintf(stderr, "%-22s error: %v\n", r.name, app.Message(r.err))
				return
			}
			fmt.Fprintf(stderr, "%-22s lstm sMAPE %6.2f MASE %6.3f | snaive %6.3f ets %6.3f | %.1fs | anchor %s\n", r.name,
				r.metrics["lstm"].SMAPE, r.metrics["lstm"].MASE, r.metrics["seasonal_naive"].MASE, r.metrics["ets"].MASE, r.seconds, r.anchor)
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "devtools: interrupted: the table was not finished; nothing was written")
		return 130
	}
	var b bytes.Buffer
	writeDefaultsTable(&b, rows, set, horizonSet, *origins, *step, time.Since(start))
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
	return row
}

func writeDefaultsTable(w io.Writer, rows []defaultsRow, set config.Settings, horizonSet bool, origins, step int, took time.Duration) {
	fmt.Fprintf(w, "# The defaults, backtested\n\n")
	stepText := "H"
	if step > 0 {
		stepText = fmt.Sprint(step)
	}
	fmt.Fprintf(w, "Rolling-origin backtest: each series is cut at %d origins, %s points apart, the last one H points before its end; at each origin the LSTM (defaults, one seed) and the baselines are fitted on the points before it and scored on the next H. The table gives the mean over the origins, so that one lucky or unlucky stretch (a recession in the last quarters, a random walk's last month) does not decide a series. MASE is scaled by the in-sample seasonal-naive error (below 1 beats it); bold marks the LSTM where it is the best of all five methods. Rec. is the recommended forecast: at each origin the method, or the mean of two, with the lowest error on the validation windows before the holdout (the column names the last origin's choice). The anchor and the seconds are those of the last origin (the whole series but the last H points). The anchor is the forecast the LSTM learns to correct, chosen per series on the validation windows (HW: Holt-Winters fitted on the training part; SES: simple exponential smoothing). Regenerate with `make defaults` (%s).\n\n", origins, stepText, machine())
	fmt.Fprintf(w, "| series | points | H | m | anchor | LSTM sMAPE | LSTM MASE | naive MASE | s-naive MASE | drift MASE | ETS sMAPE | ETS MASE | rec. | rec. MASE | LSTM s |\n")
	fmt.Fprintf(w, "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n")
	var beatSN, beatETS, lastSN, lastETS, ok, recSN, recETS, recLSTM int
	var sumR float64
	var relETS []float64
	var sumL, sumE float64
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(w, "| %s | error: %s ||||||||||||\n", r.name, strings.ReplaceAll(r.err.Error(), "|", "/"))
			continue
		}
		l, e, rc := r.metrics["lstm"], r.metrics["ets"], r.metrics["recommended"]
		fmt.Fprintf(w, "| %s | %d | %d | %d | %s | %.2f | %s | %.3f | %.3f | %.3f | %.2f | %.3f | %s | %.3f | %.1f |\n", r.name, r.n, r.h, r.m,
			shortAnchor(r.anchor), l.SMAPE, bold(l.MASE, r.metrics), r.metrics["naive"].MASE, r.metrics["seasonal_naive"].MASE, r.metrics["drift"].MASE, e.SMAPE, e.MASE, r.rec, rc.MASE, r.seconds)
		ok++
		if rc.MASE < r.metrics["seasonal_naive"].MASE {
			recSN++
		}
		if rc.MASE <= e.MASE {
			recETS++
		}
		if rc.MASE <= l.MASE {
			recLSTM++
		}
		sumR += rc.MASE
		if l.MASE < r.metrics["seasonal_naive"].MASE {
			beatSN++
		}
		if l.MASE <= e.MASE {
			beatETS++
		}
		if r.last["lstm"].MASE < r.last["seasonal_naive"].MASE {
			lastSN++
		}
		if r.last["lstm"].MASE <= r.last["ets"].MASE {
			lastETS++
		}
		if e.MASE > 0 {
			relETS = append(relETS, l.MASE/e.MASE)
		}
		sumL += l.MASE
		sumE += e.MASE
	}
	sort.Float64s(relETS)
	geo := 0.0
	for _, x := range relETS {
		geo += math.Log(x)
	}
	if len(relETS) > 0 {
		geo = math.Exp(geo / float64(len(relETS)))
	}
	fmt.Fprintf(w, "\nOver %d origins the LSTM beats seasonal naive on %d of %d series and matches or beats ETS on %d; mean MASE LSTM %.3f vs ETS %.3f; geometric mean of MASE(LSTM)/MASE(ETS) %.3f. At the last origin alone (a single holdout of the last H points) it beats seasonal naive on %d and matches or beats ETS on %d. ",
		origins, beatSN, ok, beatETS, sumL/float64(max(ok, 1)), sumE/float64(max(ok, 1)), geo, lastSN, lastETS)
	fmt.Fprintf(w, "The recommended forecast beats seasonal naive on %d of %d series, matches or beats ETS on %d and the LSTM on %d; its mean MASE is %.3f. ",
		recSN, ok, recETS, recLSTM, sumR/float64(max(ok, 1)))
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
