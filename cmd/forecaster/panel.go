package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

// panelFlags are the flags of a file of many series (forecast, backtest,
// inspect): the id columns, the shard and the model. With -id-col, or
// -value-col naming several columns or '*', the command works on every
// series of the file; otherwise on one, as before.
type panelFlags struct {
	idCol, shard, model, static string
}

func (f *panelFlags) register(fs *flag.FlagSet, withRun bool) {
	fs.StringVar(&f.idCol, "id-col", "", "long format: the `column`(s) naming each series, comma-separated (store or store,sku); each series is forecast on its own")
	if withRun {
		fs.StringVar(&f.shard, "shard", "", "only the series in shard `i/n` (0 ≤ i < n): FNV-1a 64 of the series id modulo n, stable across runs, machines and file order")
		fs.StringVar(&f.model, "model", "local", "many series: "+strings.Join(app.PanelModels(), " or ")+" (local fits each series on its own)")
		fs.StringVar(&f.static, "static-col", "", "with -model global: `column`(s) of a long file with one value per series (a region, a category, the id), comma-separated, as inputs of the network")
	}
}

// spec is the panel the flags ask for; ok is false for a single series.
func (f *panelFlags) spec(sf *seriesFlags) (spec panel.Spec, ok bool, err error) {
	split := func(s string) []string {
		var out []string
		for _, x := range strings.Split(s, ",") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
		return out
	}
	pol, err := tsdata.ParseMissingPolicy(sf.missing)
	if err != nil {
		return spec, false, err
	}
	spec = panel.Spec{DateCol: sf.dateCol, IDCols: split(f.idCol), ValueCols: split(sf.valueCol), Missing: pol, StaticCols: split(f.static)}
	if !spec.IsPanel() {
		if f.shard != "" || f.model != "" && f.model != "local" || f.static != "" {
			return spec, false, fmt.Errorf("-shard, -model and -static-col are for files of many series: name the series' column with -id-col, or several value columns with -value-col A,B or '*'")
		}
		return spec, false, nil
	}
	if sf.covariates != "" {
		return spec, false, fmt.Errorf("-covariates are for a single series; with many series leave them out")
	}
	if f.static != "" && f.model != "global" {
		return spec, false, fmt.Errorf("-static-col gives inputs to the global model: add -model global, or leave -static-col out")
	}
	return spec, true, nil
}

// load reads the panel and keeps the series of -shard, saying on stderr
// what was read and which series were skipped.
func (f *panelFlags) load(c *cli, sf *seriesFlags, spec panel.Spec) (*app.Panel, error) {
	if sf.csv == "" {
		return nil, fmt.Errorf("-csv is required: name the CSV file to read")
	}
	i, n := 0, 1
	if f.shard != "" {
		var err error
		if i, n, err = panel.ParseShard(f.shard); err != nil {
			return nil, err
		}
	}
	p, err := app.LoadPanel(sf.csv, spec)
	if err != nil {
		return nil, err
	}
	r := p.Report
	by := "(one a column)"
	if r.Format == "long" {
		by = "by " + app.Clip(p.IDName, 60)
	}
	fmt.Fprintf(c.stderr, "forecaster: %d series %s, %s, %d to %d points\n", r.Series, by, r.Frequency, r.Shortest.Length, r.Longest.Length)
	for _, w := range r.Warnings {
		fmt.Fprintln(c.stderr, "forecaster: warning:", app.Clip(w, app.MaxMessage))
	}
	c.listSkipped("skipped", len(r.Skipped), func(k int) (string, string) { return r.Skipped[k].ID, r.Skipped[k].Reason })
	if n > 1 {
		all := len(p.Members)
		p = p.Shard(i, n)
		fmt.Fprintf(c.stderr, "forecaster: shard %d/%d: %d of the %d series\n", i, n, len(p.Members), all)
	}
	return p, nil
}

// maxListed is the number of skipped or failed series named on stderr.
const maxListed = 10

// listSkipped names the first maxListed of n series with their reasons.
func (c *cli) listSkipped(what string, n int, at func(k int) (id, reason string)) {
	for k := range min(n, maxListed) {
		id, reason := at(k)
		fmt.Fprintf(c.stderr, "forecaster: %s %s: %s\n", what, app.Clip(id, 60), app.Clip(reason, app.MaxMessage))
	}
	if n > maxListed {
		fmt.Fprintf(c.stderr, "forecaster: … and %d more %s\n", n-maxListed, what)
	}
}

// runPanel forecasts the panel with -model, drawing the progress; it
// reports an interrupt (nil run) and the series that failed.
func (c *cli) runPanel(p *app.Panel, model string, job app.PanelJob) (*app.PanelRun, int) {
	prog := c.newPanelProgress(len(p.Members))
	run, err := p.Forecast(c.ctx, model, job, prog.update)
	prog.finish()
	if errors.Is(err, app.ErrStopped) {
		fmt.Fprintln(c.stderr, "forecaster: interrupted before every series was done: nothing was written")
		return nil, exitInterrupted
	}
	if err != nil {
		return nil, c.fail(err)
	}
	if len(job.Static) > 0 {
		fmt.Fprintf(c.stderr, "forecaster: static inputs of the network: %s\n", staticText(job.Static, run.StaticInputs))
	}
	if run.Lookback > 0 {
		fmt.Fprintf(c.stderr, "forecaster: %s\n", lookbackText(run))
	}
	alone := run.Alone()
	c.listSkipped("series", len(alone), func(k int) (string, string) {
		return alone[k].ID, fmt.Sprintf("left out of the global model (%s): forecast on its own, %s", alone[k].Alone, alone[k].Method)
	})
	failed := run.Failed()
	c.listSkipped("failed", len(failed), func(k int) (string, string) { return failed[k].ID, app.Message(failed[k].Err) })
	if len(failed) == len(run.Results) && len(failed) > 0 {
		return nil, c.fail(fmt.Errorf("no series could be forecast (%s: %s)", failed[0].ID, app.Message(failed[0].Err)))
	}
	return run, 0
}

// forecastPanel is `forecast` on a file of many series.
func (c *cli) forecastPanel(tf *trainFlags, pf *panelFlags, spec panel.Spec) int {
	p, err := pf.load(c, &tf.series, spec)
	if err != nil {
		return c.fail(err)
	}
	run, rc := c.runPanel(p, pf.model, app.PanelJob{Settings: *tf.set, Method: tf.method, Static: spec.StaticCols})
	if run == nil {
		return rc
	}
	if tf.out == "" {
		err = p.WriteForecast(c.stdout, run)
	} else {
		err = p.ExportForecast(tf.out, run)
	}
	if err != nil {
		return c.fail(err)
	}
	fmt.Fprintf(c.stderr, "forecaster: forecast %d of %d series in %.1f s; wrote %s\n", len(run.Results)-len(run.Failed()), len(run.Results), run.Seconds, where(tf.out))
	return 0
}

// panelBacktestJSON is `backtest -json` on a file of many series: the mean
// holdout metrics over the series (and how many series each is over), and
// each series' own.
type panelBacktestJSON struct {
	Model   string   `json:"model"`
	IDName  string   `json:"id_column"`
	Series  int      `json:"series"`
	Horizon int      `json:"horizon"`
	Static  []string `json:"static_inputs,omitempty"` // the network's inputs from -static-col
	// Lookback is the global network's input window, chosen on the
	// validation windows among Lookbacks.
	Lookback  int                        `json:"lookback,omitempty"`
	Lookbacks []int                      `json:"lookbacks_tried,omitempty"`
	Methods   map[string]classic.Metrics `json:"methods"`
	Counts    map[string]int             `json:"counts"`
	Each      []seriesBacktestJSON       `json:"each"`
	Skipped   []panel.Skip               `json:"skipped"`
	Seconds   float64                    `json:"seconds"`
}

// seriesBacktestJSON is one series in panelBacktestJSON.
type seriesBacktestJSON struct {
	ID          string                     `json:"id"`
	Points      int                        `json:"points"`
	Recommended string                     `json:"recommended,omitempty"`
	Methods     map[string]classic.Metrics `json:"methods,omitempty"`
	// Alone is why a global run forecast the series on its own (the
	// per-series pipeline's methods are its scores then).
	Alone string `json:"alone,omitempty"`
	Error string `json:"error,omitempty"`
}

// backtestPanel is `backtest` on a file of many series.
func (c *cli) backtestPanel(sf *seriesFlags, pf *panelFlags, spec panel.Spec, set app.PanelJob, asJSON bool) int {
	p, err := pf.load(c, sf, spec)
	if err != nil {
		return c.fail(err)
	}
	run, rc := c.runPanel(p, pf.model, set)
	if run == nil {
		return rc
	}
	mean, counts := run.Aggregate()
	out := panelBacktestJSON{Model: run.Model, IDName: p.IDName, Series: len(run.Results), Horizon: set.Settings.Horizon,
		Methods: mean, Counts: counts, Skipped: p.Report.Skipped, Seconds: run.Seconds, Static: run.StaticInputs,
		Lookback: run.Lookback, Lookbacks: run.Lookbacks}
	for i, r := range run.Results {
		e := seriesBacktestJSON{ID: r.ID, Points: p.Members[i].Series.Len(), Methods: r.Metrics, Recommended: r.Recommended, Alone: r.Alone}
		if r.Err != nil {
			e.Error = app.Message(r.Err)
		}
		out.Each = append(out.Each, e)
	}
	if asJSON {
		if err := json.NewEncoder(c.stdout).Encode(out); err != nil {
			return c.fail(err)
		}
		return 0
	}
	w := c.stdout
	fmt.Fprintf(w, "%d series by %s, horizon %d, model %s, in %.1f s\n", out.Series, app.Clip(out.IDName, 60), out.Horizon, out.Model, out.Seconds)
	methods := scoredMethods(mean)
	mw := 15 // the method column: as wide as the longest name
	for _, m := range methods {
		mw = max(mw, len(m))
	}
	fmt.Fprintf(w, "mean over the series:\n%-*s %7s %10s %10s %8s %8s %8s\n", mw, "method", "series", "MAE", "RMSE", "MAPE%", "sMAPE%", "MASE")
	for _, m := range methods {
		r := mean[m]
		fmt.Fprintf(w, "%-*s %7d %10.4g %10.4g %8.2f %8.2f %8.3f\n", mw, m, counts[m], r.MAE, r.RMSE, r.MAPE, r.SMAPE, r.MASE)
	}
	rw := 16 // the recommended column
	for _, e := range out.Each {
		rw = max(rw, len(e.Recommended))
	}
	cw := make([]int, len(methods)) // each method's column: its number or its name
	fmt.Fprintf(w, "MASE by series:\n%-20s %-*s", "series", rw, "recommended")
	for i, m := range methods {
		cw[i] = max(8, len(shortMethod(m)))
		fmt.Fprintf(w, " %*s", cw[i], shortMethod(m))
	}
	fmt.Fprintln(w)
	for _, e := range out.Each {
		fmt.Fprintf(w, "%-20s %-*s", app.Clip(e.ID, 20), rw, e.Recommended)
		if e.Error != "" {
			fmt.Fprintf(w, " %s\n", e.Error)
			continue
		}
		for i, m := range methods {
			if x, ok := e.Methods[m]; ok {
				fmt.Fprintf(w, " %*.3f", cw[i], x.MASE)
			} else {
				fmt.Fprintf(w, " %*s", cw[i], "—")
			}
		}
		fmt.Fprintln(w)
	}
	return 0
}

// scoredMethods are the methods with mean scores, forecast.Methods' first
// in their order, then the others a model adds (the global model's
// "global", "global+auto_ets") by name.
func scoredMethods(mean map[string]classic.Metrics) []string {
	var out, extra []string
	for _, m := range forecast.Methods {
		if _, ok := mean[m]; ok {
			out = append(out, m)
		}
	}
	for m := range mean {
		if !slices.Contains(forecast.Methods, m) {
			extra = append(extra, m)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

// shortMethod is a method's name in a table column.
func shortMethod(m string) string {
	switch m {
	case forecast.MethodSeasonalNaive:
		return "snaive"
	case forecast.MethodRecommended:
		return "recomm."
	}
	return m
}

// inspectPanel is `inspect` on a file of many series.
func (c *cli) inspectPanel(sf *seriesFlags, spec panel.Spec, asJSON bool) int {
	if sf.csv == "" {
		return c.fail(fmt.Errorf("-csv is required: name the CSV file to read"))
	}
	p, err := app.LoadPanel(sf.csv, spec)
	if err != nil {
		return c.fail(err)
	}
	if asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(p.Report); err != nil {
			return c.fail(err)
		}
		return 0
	}
	r := *p.Report
	fmt.Fprint(c.stdout, clipLines(r.Text()))
	fmt.Fprintf(c.stdout, "%-20s %6s %-10s %-10s %5s %7s %5s\n", "series", "points", "start", "end", "gaps", "missing", "dups")
	for _, s := range r.Each {
		fmt.Fprintf(c.stdout, "%-20s %6d %-10s %-10s %5d %7d %5d\n", app.Clip(s.ID, 20), s.Length, app.Clip(s.Start, 19), app.Clip(s.End, 19), s.Gaps, s.Missing, s.Duplicates)
	}
	return 0
}

// clipLines makes each line of s one printable line of at most
// app.MaxMessage runes (names in the file may hold escape codes).
func clipLines(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if line != "" {
			b.WriteString(app.Clip(strings.TrimSuffix(line, "\n"), app.MaxMessage) + "\n")
		}
	}
	return b.String()
}

// panelProgress draws a panel run's progress on stderr: a redrawn line on
// a terminal, otherwise a line every hundredth of the series (and every
// epoch of a shared network), so a log shows how far it got and the time
// left.
type panelProgress struct {
	w           io.Writer
	tty         bool
	every       int
	done, epoch int
	drawn       bool
}

func (c *cli) newPanelProgress(total int) *panelProgress {
	p := &panelProgress{w: c.stderr, every: max(total/100, 1)}
	if f, ok := c.stderr.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *panelProgress) update(pr app.PanelProgress) {
	text := ""
	switch {
	case pr.Done == 0 && pr.Epoch > 0:
		key := pr.Candidate<<20 | pr.Epoch
		if !p.tty && key == p.epoch {
			return
		}
		p.epoch = key
		text = pr.Stage
		if pr.Candidates > 1 {
			text += fmt.Sprintf(" lookback %d (%d of %d)", pr.Lookback, pr.Candidate, pr.Candidates)
		}
		text += fmt.Sprintf(": epoch %d/%d", pr.Epoch, pr.Epochs)
		if pr.Windows > 0 {
			text += fmt.Sprintf(", %d windows", pr.Windows)
		}
	case pr.Done > 0:
		if !p.tty && pr.Done < p.done+p.every && pr.Done < pr.Total {
			return
		}
		p.done = pr.Done
		text = fmt.Sprintf("%d/%d series", pr.Done, pr.Total)
	case pr.Stage != "" && pr.Epoch == 0 && pr.Left > 0:
		text = pr.Stage // a stage that estimates its own time (the global model's classical fits)
	default:
		return
	}
	text += fmt.Sprintf(" in %.1f s", pr.Elapsed.Seconds())
	if pr.Left >= time.Second {
		text += fmt.Sprintf(", about %.0f s left", pr.Left.Seconds())
	}
	if p.tty {
		fmt.Fprintf(p.w, "\r%-70s", text)
		p.drawn = true
		return
	}
	fmt.Fprintln(p.w, "forecaster: "+text)
}

// finish ends a redrawn line.
func (p *panelProgress) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

// lookbackText says which input window the global network used and
// whether it was chosen among others.
func lookbackText(run *app.PanelRun) string {
	text := fmt.Sprintf("the network's lookback: %d points", run.Lookback)
	if tried := run.LookbacksTried(); tried != "" {
		text += ", the lowest validation error of " + tried
	}
	return text
}

// staticText says how many inputs each static column gave the network:
// "region (3 values), size (a number)".
func staticText(cols, inputs []string) string {
	var parts []string
	for _, c := range cols {
		n := 0
		for _, in := range inputs {
			if strings.HasPrefix(in, c+"=") {
				n++
			}
		}
		if n == 0 {
			parts = append(parts, c+" (a number)")
		} else {
			parts = append(parts, fmt.Sprintf("%s (%d values)", c, n))
		}
	}
	return strings.Join(parts, ", ")
}
