package report

import (
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"math"
	"path/filepath"
	"strings"
	"unicode"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/backtest"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/chart"
)

// Run is everything the report of one training run shows (issue 13),
// computed by the caller from plain data: what is in the series, how
// training went (gradients per layer and gate, clip rate, learning rate,
// heat maps, findings), the forecast and its accuracy, the residual checks
// of every method and, when one was run, the rolling-origin backtest.
type Run struct {
	Title  string
	Series *tsdata.Series
	// Description is forecast/diagnose's description of the series (nil
	// with DescribeErr saying why).
	Description *diagnose.Description
	DescribeErr string
	Result      *forecast.Result
	History     *monitor.History // the run's bounded telemetry; nil for none
	Findings    []monitor.Finding
	Checks      []ResidualCheck
	// Backtest is a backtest on the same series, or nil; Scores its
	// per-step scores.
	Backtest *backtest.Result
	Scores   *backtest.StepScores
	// Labels names the methods ("lstm" → "LSTM"); a missing name is shown
	// as is.
	Labels map[string]string
}

// ResidualCheck is one method's residual check (app.MethodCheck as plain
// data).
type ResidualCheck struct {
	Method    string
	Residuals forecast.Residuals
	Check     *diagnose.ResidualCheck // nil when Err is set
	Err       string
}

// block is one piece of a report: a heading, a paragraph, a table or a
// figure.
type block struct {
	heading string
	level   int
	text    string
	header  []string
	rows    [][]string
	fig     *Chart
}

// doc collects a report's blocks and renders its charts.
type doc struct {
	blocks []block
	err    error
	n      int
}

func (d *doc) h(level int, s string) { d.blocks = append(d.blocks, block{heading: s, level: level}) }
func (d *doc) p(format string, args ...any) {
	d.blocks = append(d.blocks, block{text: fmt.Sprintf(format, args...)})
}
func (d *doc) table(header []string, rows [][]string) {
	d.blocks = append(d.blocks, block{header: header, rows: rows})
}

// fig renders rows of plots (one plot: a single chart) as a PNG figure of
// w×h inches.
func (d *doc) fig(name, caption string, w, h float64, rows ...[]*plot.Plot) {
	if d.err != nil {
		return
	}
	d.n++
	file := fmt.Sprintf("%02d-%s.png", d.n, name)
	var b []byte
	var err error
	if len(rows) == 1 && len(rows[0]) == 1 {
		b, err = chart.Encode(rows[0][0], file, vg.Length(w)*vg.Inch, vg.Length(h)*vg.Inch)
	} else {
		b, err = chart.EncodeGrid(rows, file, vg.Length(w)*vg.Inch, vg.Length(h)*vg.Inch)
	}
	if err != nil {
		d.err = err
		return
	}
	d.blocks = append(d.blocks, block{fig: &Chart{Name: file, Caption: caption, PNG: b}})
}

// maxName bounds the names quoted from a file (a series or column name).
const maxName = 80

// clip is s as one printable line of at most n runes ("…" when cut).
func clip(s string, n int) string {
	var b strings.Builder
	k := 0
	for _, r := range s {
		if k == n {
			b.WriteString("…")
			break
		}
		if !unicode.IsPrint(r) {
			r = ' '
		}
		b.WriteRune(r)
		k++
	}
	return b.String()
}

func (r *Run) label(m string) string {
	if l, ok := r.Labels[m]; ok {
		return l
	}
	return m
}

// blend names a method or the mean of several ("lstm+ets" → "LSTM + ETS").
func (r *Run) blend(m string) string {
	parts := strings.Split(m, "+")
	for i, p := range parts {
		parts[i] = r.label(p)
	}
	return strings.Join(parts, " + ")
}

// build lays out the report.
func (r *Run) build() *doc {
	d := &doc{}
	s := chart.Light()
	title := r.Title
	if title == "" {
		title = "Forecaster run report"
	}
	d.h(1, clip(title, 200))
	ser := r.Series
	res := r.Result
	if ser == nil || res == nil {
		d.p("No run to report.")
		return d
	}
	name := clip(ser.Name, maxName)
	x, isTime := chart.FromTimes(ser.Times, ser.Len())
	span := fmt.Sprintf("rows 1–%d", ser.Len())
	if isTime {
		span = forecast.FormatTime(ser.Freq, ser.Times[0]) + " to " + forecast.FormatTime(ser.Freq, ser.Times[ser.Len()-1])
	}
	d.p("Series %s: %d points, %s, %s; seasonal period %d. Horizon %d, window %d, %d×%d LSTM, %s (lr %g), clipping %s %g.",
		name, ser.Len(), ser.Freq.String(), span, res.Settings.Season, res.Settings.Horizon, res.Settings.Window,
		res.Settings.Layers, res.Settings.Hidden, res.Settings.Optimizer, res.Settings.LR, res.Settings.Clip, res.Settings.ClipMax)

	r.series(d, s, x, isTime)
	r.training(d, s)
	r.forecast(d, s, x, isTime)
	r.residuals(d, s, x, isTime)
	r.backtest(d, s, x, isTime)
	return d
}

// series is the section on what is in the series.
func (r *Run) series(d *doc, s chart.Style, x []float64, isTime bool) {
	d.h(2, "What is in the series")
	desc := r.Description
	if desc == nil {
		d.p("No description: %s.", clip(r.DescribeErr, 300))
		return
	}
	if st := desc.STL; st != nil {
		d.p("STL decomposition with a periodic season of period %d (R's stl, s.window = \"periodic\"): strength of trend %.2f, of seasonality %.2f (FPP3 §4.3; 0 none, 1 all of the variation).",
			st.Period, st.StrengthTrend, st.StrengthSeasonal)
		dc := chart.Decomp{X: x, Time: isTime, Data: r.Series.Values, Trend: st.Trend, Seasonal: st.Seasonal, Remainder: st.Remainder,
			Period: st.Period, StrengthTrend: st.StrengthTrend, StrengthSeasonal: st.StrengthSeasonal}
		ps := chart.DecompositionPanels(s, dc, 900)
		rows := make([][]*plot.Plot, len(ps))
		for i, p := range ps {
			rows[i] = []*plot.Plot{p}
		}
		d.fig("stl", "The data, its trend, its seasonal component and the remainder (bars).", 7, 6, rows...)
	} else {
		d.p("No decomposition: %s.", clip(desc.STLReason, 300))
	}
	lb := desc.LjungBox
	d.p("Ljung–Box test of the series: Q = %.4g at lag %d, p %s. ACF outside the 95 %% band (±%.3f) at lags %s; PACF at lags %s.",
		lb.Q, lb.Lags, pText(lb.P), desc.Band, lagsOutside(desc.ACF, desc.Band), lagsOutside(desc.PACF, desc.Band))
	if len(desc.Candidates) > 0 {
		var rows [][]string
		for _, c := range desc.Candidates {
			str := fmt.Sprintf("%.2f", c.StrengthSeasonal)
			if c.Reason != "" {
				str = clip(c.Reason, 200)
			}
			rows = append(rows, []string{fmt.Sprintf("a %s (%d steps)", c.Name, c.Steps), str})
		}
		d.p("The calendar leaves the seasonal period open; the strength of the season with each candidate period:")
		d.table([]string{"candidate period", "strength of seasonality"}, rows)
	}
	d.fig("acf", fmt.Sprintf("ACF and PACF of the series with the 95 %% band ±%.3f (R's acf and pacf).", desc.Band), 7, 4.4,
		[]*plot.Plot{chart.Correlogram(s, "ACF", desc.ACF, desc.Band)},
		[]*plot.Plot{chart.Correlogram(s, "PACF", desc.PACF, desc.Band)})
}

// training is the section on the gradients.
func (r *Run) training(d *doc, s chart.Style) {
	res := r.Result
	d.h(2, "Training")
	h := r.History
	if !res.Network() {
		d.p("No network was trained (%.1f s). %s", res.Seconds, res.Diagnosis)
		return
	}
	d.p("Stopped: %s after %d epochs; best epoch %d; %.1f s.", res.StopReason, len(res.History), res.BestEpoch, res.Seconds)
	if len(r.Findings) > 0 {
		var rows [][]string
		for _, f := range r.Findings {
			rows = append(rows, []string{f.Level.String(), f.Title, clip(f.Detail, 600)})
		}
		d.table([]string{"level", "finding", "what was seen"}, rows)
	}
	if h == nil || h.Steps == 0 {
		d.p("No training telemetry was kept for this run.")
		return
	}
	set := res.Settings
	d.fig("loss", "Training and validation loss per epoch; the best epoch dashed.", 7, 3, []*plot.Plot{chart.Loss(s, h, 900)})
	d.fig("gradnorm", "Global gradient norm per step before and after clipping.", 7, 3, []*plot.Plot{chart.GradNorm(s, h, set.Clip, set.ClipMax, 900)})
	ps := chart.ClipAndLR(s, h, set.Clip, set.ClipMax, 900)
	rows := make([][]*plot.Plot, len(ps))
	for i, p := range ps {
		rows[i] = []*plot.Plot{p}
	}
	d.fig("clip-lr", "Share of each epoch's steps that clipping changed, and the learning rate per epoch.", 7, 4.4, rows...)
	layers := h.Layers()
	for l := range layers {
		d.h(3, fmt.Sprintf("Layer %d", l+1))
		if g := h.Heat(l); len(g.Cols) > 0 {
			d.fig(fmt.Sprintf("heat-%d", l+1), fmt.Sprintf("Layer %d: gradient reaching each time step of the window (log10 ‖∂L/∂h_t‖) over the epochs; dark at the left means it vanishes through time.", l+1),
				7, 3, []*plot.Plot{chart.LayerHeat(s, g, l+1, layers)})
		}
		if l < len(h.LayerNorms) {
			gates := h.GateNorms[l]
			d.fig(fmt.Sprintf("norms-%d", l+1), fmt.Sprintf("Layer %d: histograms over the epochs of the per-step gradient norm of the whole layer and of each gate (colour: share of the epoch's steps).", l+1),
				7, 6,
				[]*plot.Plot{chart.NormHistogram(s, fmt.Sprintf("layer %d", l+1), h.LayerNorms[l]), nil},
				[]*plot.Plot{chart.NormHistogram(s, "input gate (i)", gates[0]), chart.NormHistogram(s, "forget gate (f)", gates[1])},
				[]*plot.Plot{chart.NormHistogram(s, "cell candidate (g)", gates[2]), chart.NormHistogram(s, "output gate (o)", gates[3])})
		}
	}
}

// forecast is the section on the forecast and its accuracy.
func (r *Run) forecast(d *doc, s chart.Style, x []float64, isTime bool) {
	res := r.Result
	ser := r.Series
	d.h(2, "Forecast and accuracy")
	fd := chart.ForecastData{History: chart.TS{Name: clip(ser.Name, maxName), X: x, Y: ser.Values, Time: isTime}, HoldoutStart: -1,
		Title: fmt.Sprintf("%d steps ahead", len(res.Forecast.Mean))}
	ho := res.Holdout
	// The forecast drawn: the recommended one, as the window and the
	// command line give it, else the LSTM's.
	main, who, fc := forecast.MethodLSTM, "the LSTM", res.Forecast
	if f, ok := res.Forecasts[forecast.MethodRecommended]; ok && res.Recommended != "" {
		main, who, fc = forecast.MethodRecommended, "the recommended forecast ("+r.blend(res.Recommended)+")", f
		fd.Title += " · recommended: " + r.blend(res.Recommended)
	}
	if !res.Network() {
		main, who, fc = forecast.MethodRecommended, "the recommended forecast (no network was trained)", res.Forecast
	}
	if ho.Start > 0 && ho.Start < ser.Len() {
		fd.HoldoutStart = ho.Start
		fd.HoldoutPred = ho.Pred[main]
		b := res.HoldoutBand(main) // none rather than another method's
		fd.HoldoutLo95, fd.HoldoutHi95 = b.Lower95, b.Upper95
	}
	c80, c95 := res.HoldoutCoverage(main)
	fd.FutureX = make([]float64, len(fc.Mean))
	for i := range fd.FutureX {
		if isTime && i < len(fc.Times) {
			fd.FutureX[i] = float64(fc.Times[i].Unix())
		} else {
			fd.FutureX[i] = x[len(x)-1] + float64(i+1)
		}
	}
	fd.Mean, fd.Lo80, fd.Hi80, fd.Lo95, fd.Hi95 = fc.Mean, fc.Lower80, fc.Upper80, fc.Lower95, fc.Upper95
	d.fig("forecast", "The series, the prediction of the holdout by "+who+" and its forecast with 80 % and 95 % intervals.", 7, 3.4, []*plot.Plot{chart.Forecast(s, fd, 900)})
	var rows [][]string
	for _, m := range forecast.Methods {
		if x, ok := res.Metrics[m]; ok {
			rows = append(rows, []string{r.label(m), num(x.MAE, "%.4g"), num(x.RMSE, "%.4g"), num(x.MAPE, "%.3g"), num(x.SMAPE, "%.3g"), num(x.MASE, "%.3f")})
		}
	}
	if len(rows) > 0 {
		d.p("Accuracy on the holdout (the last %d points). Interval coverage of %s: 80 %% → %s, 95 %% → %s.", res.Settings.Horizon, who, pct(c80), pct(c95))
		d.table([]string{"method", "MAE", "RMSE", "MAPE %", "sMAPE %", "MASE"}, rows)
	}
}

// residuals is the section on the residual checks.
func (r *Run) residuals(d *doc, s chart.Style, x []float64, isTime bool) {
	d.h(2, "Residual diagnostics")
	if len(r.Checks) == 0 {
		d.p("No residuals to check.")
		return
	}
	d.p("One-step-ahead residuals of every method on the history before the holdout (the automatic ETS, Theta and ARIMA: R's residuals() of the same model). Ljung–Box at lag min(2m, T/5) (10 without a season) with the method's fitted parameters as degrees of freedom, as R's checkresiduals.")
	var rows [][]string
	for _, c := range r.Checks {
		if c.Check == nil {
			rows = append(rows, []string{r.label(c.Method), "–", "–", "–", "–", "–", clip(c.Err, 300)})
			continue
		}
		lb := c.Check.LjungBox
		rows = append(rows, []string{r.label(c.Method), fmt.Sprint(c.Check.N), fmt.Sprint(lb.Lags), fmt.Sprint(lb.DF()),
			fmt.Sprintf("%.4g", lb.Q), strings.TrimPrefix(pText(lb.P), "= "), c.Check.Verdict})
	}
	d.table([]string{"method", "n", "lag", "df", "Q", "p", "verdict"}, rows)
	for _, c := range r.Checks {
		ck := c.Check
		if ck == nil {
			continue
		}
		name := r.label(c.Method)
		d.h(3, name)
		d.p("%s. Mean %.4g, standard deviation %.4g.", capitalise(ck.Verdict), ck.Mean, ck.SD)
		title := "Residuals of " + name
		if c.Residuals.Relative {
			d.p("Relative errors (y − ŷ)/ŷ: the innovations of an ETS with multiplicative error, as R's residuals() gives them.")
			title = "Relative residuals of " + name
		}
		rx := make([]float64, ck.N)
		for k := range rx {
			if i := c.Residuals.Start + k; i < len(x) {
				rx[k] = x[i]
			} else {
				rx[k] = float64(i)
			}
		}
		acf := chart.Message(s, "ACF of residuals", "Constant residuals have no autocorrelation")
		if len(ck.ACF) > 0 {
			acf = chart.Correlogram(s, fmt.Sprintf("ACF of residuals (±%.3f)", ck.Band), ck.ACF, ck.Band)
		}
		d.fig("residuals-"+c.Method, fmt.Sprintf("%s: residuals over time, their ACF with the 95 %% band, their histogram with the normal curve N(%.3g, %.3g²), and the normal Q–Q plot.", name, ck.Mean, ck.SD),
			7, 5,
			[]*plot.Plot{chart.ResidualsOverTime(s, chart.TS{Name: title, X: rx, Y: c.Residuals.Values, Time: isTime}, 450), acf},
			[]*plot.Plot{chart.ResidualHistogram(s, ck.Histogram.Edges, ck.Histogram.Counts, ck.Mean, ck.SD), chart.QQPlot(s, ck.QQ.Theoretical, ck.QQ.Sample, 450)})
	}
}

// backtest is the section on the rolling-origin backtest, when there is one.
func (r *Run) backtest(d *doc, s chart.Style, x []float64, isTime bool) {
	b, sc := r.Backtest, r.Scores
	if b == nil || sc == nil || len(b.Results) == 0 {
		return
	}
	d.h(2, "Rolling-origin backtest")
	ser := r.Series
	var wins []chart.BacktestWindow
	for _, res := range b.Results {
		ho := res.Holdout
		wins = append(wins, chart.BacktestWindow{Start: ho.Start, Pred: ho.Pred[forecast.MethodLSTM], Lo95: ho.Lower95, Hi95: ho.Upper95})
	}
	var means []string
	for _, m := range forecast.Methods {
		if x, ok := b.Mean[m]; ok {
			means = append(means, fmt.Sprintf("%s %s", r.label(m), num(x.MASE, "%.3f")))
		}
	}
	d.p("%d origins; mean MASE over the origins: %s. LSTM interval coverage: 80 %% → %s, 95 %% → %s.", len(b.Results), strings.Join(means, ", "), pct(b.Coverage80), pct(b.Coverage95))
	d.fig("backtest-windows", "Each origin's forecast window on the series, with the LSTM's forecast and 95 % interval.", 7, 3.4,
		[]*plot.Plot{chart.BacktestWindows(s, chart.TS{Name: clip(ser.Name, maxName), X: x, Y: ser.Values, Time: isTime}, wins, 900)})
	var mase []chart.StepCurve
	header := []string{"step"}
	for _, m := range forecast.Methods {
		if y, ok := sc.MASE[m]; ok {
			mase = append(mase, chart.StepCurve{Label: r.label(m), Y: y, Bold: m == forecast.MethodLSTM})
			header = append(header, r.label(m)+" MASE")
		}
	}
	header = append(header, "80 % covered", "95 % covered")
	cover := []chart.StepCurve{{Label: "80 % interval", Y: sc.Coverage80}, {Label: "95 % interval", Y: sc.Coverage95, Bold: true}}
	d.fig("backtest-steps", "MASE per step ahead (mean over the origins) and the LSTM's interval coverage per step.", 7, 3.2,
		[]*plot.Plot{
			chart.PerStep(s, "MASE per step ahead", "MASE", mase, []chart.Reference{{Label: "1: in-sample seasonal naive", Y: 1}}, false),
			chart.PerStep(s, "Coverage per step ahead", "", cover, []chart.Reference{{Label: "nominal 80 %", Y: 0.8}, {Label: "nominal 95 %", Y: 0.95}}, true),
		})
	var rows [][]string
	for k := range sc.Coverage95 {
		row := []string{fmt.Sprint(k + 1)}
		for _, c := range mase {
			row = append(row, num(c.Y[k], "%.3f"))
		}
		row = append(row, pct(sc.Coverage80[k]), pct(sc.Coverage95[k]))
		rows = append(rows, row)
	}
	d.table(header, rows)
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", 100*v)
}

// pText writes a p-value as diagnose's verdicts do.
func pText(p float64) string {
	if p < 1e-4 {
		return "< 0.0001"
	}
	return "= " + fmt.Sprintf("%.2g", p)
}

func lagsOutside(r []float64, band float64) string {
	var lags []string
	for k, v := range r {
		if math.Abs(v) > band {
			lags = append(lags, fmt.Sprint(k+1))
		}
	}
	if len(lags) == 0 {
		return "none"
	}
	return strings.Join(lags, ", ")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// writeRunHTML writes the run report as one self-contained HTML page.
func writeRunHTML(w io.Writer, r *Run) error {
	d := r.build()
	if d.err != nil {
		return d.err
	}
	return d.html(w)
}

// writeRunMarkdown writes the run report as Markdown referring to its
// charts by name (write them beside it, as WriteRunFiles does).
func writeRunMarkdown(w io.Writer, r *Run) ([]Chart, error) {
	d := r.build()
	if d.err != nil {
		return nil, d.err
	}
	return d.charts(), d.markdown(w, "")
}

func (d *doc) charts() []Chart {
	var out []Chart
	for _, b := range d.blocks {
		if b.fig != nil {
			out = append(out, *b.fig)
		}
	}
	return out
}

func (d *doc) html(w io.Writer) error {
	var b strings.Builder
	e := html.EscapeString
	title := ""
	if len(d.blocks) > 0 {
		title = d.blocks[0].heading
	}
	fmt.Fprintf(&b, "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>\n", e(title))
	b.WriteString(`<style>body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#223}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f6}img{max-width:100%;border:1px solid #e4e4ea}figcaption{color:#556;margin-bottom:1.5em}</style></head><body>` + "\n")
	for _, bl := range d.blocks {
		switch {
		case bl.heading != "":
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", bl.level, e(bl.heading), bl.level)
		case bl.fig != nil:
			fmt.Fprintf(&b, "<figure><img alt=\"%s\" src=\"data:image/png;base64,%s\"><figcaption>%s</figcaption></figure>\n",
				e(bl.fig.Name), base64.StdEncoding.EncodeToString(bl.fig.PNG), e(bl.fig.Caption))
		case bl.header != nil:
			b.WriteString("<table><tr>")
			for _, h := range bl.header {
				fmt.Fprintf(&b, "<th>%s</th>", e(h))
			}
			b.WriteString("</tr>\n")
			for _, row := range bl.rows {
				b.WriteString("<tr>")
				for _, v := range row {
					fmt.Fprintf(&b, "<td>%s</td>", e(v))
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		default:
			fmt.Fprintf(&b, "<p>%s</p>\n", e(bl.text))
		}
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell makes text safe inside a Markdown table cell or line.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.Join(strings.Fields(s), " ")
}

func (d *doc) markdown(w io.Writer, prefix string) error {
	var b strings.Builder
	for _, bl := range d.blocks {
		switch {
		case bl.heading != "":
			fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", bl.level), mdCell(bl.heading))
		case bl.fig != nil:
			fmt.Fprintf(&b, "![%s](%s)\n\n%s\n\n", bl.fig.Name, prefix+bl.fig.Name, mdCell(bl.fig.Caption))
		case bl.header != nil:
			cells := make([]string, len(bl.header))
			for i, h := range bl.header {
				cells[i] = mdCell(h)
			}
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n|" + strings.Repeat("---|", len(cells)) + "\n")
			for _, row := range bl.rows {
				cells = cells[:0]
				for _, v := range row {
					cells = append(cells, mdCell(v))
				}
				b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			}
			b.WriteString("\n")
		default:
			b.WriteString(mdCell(bl.text) + "\n\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteRunFiles writes the run report to path: an .html file is
// self-contained; an .md file gets its charts as PNG files beside it,
// named after it (NAME-01-stl.png …). Files are written atomically.
func WriteRunFiles(path string, r *Run) error {
	d := r.build()
	if d.err != nil {
		return d.err
	}
	var b strings.Builder
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		if err := d.html(&b); err != nil {
			return err
		}
	case ".md", ".markdown":
		prefix := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-"
		for _, c := range d.charts() {
			if err := forecast.WriteFileAtomic(filepath.Join(filepath.Dir(path), prefix+c.Name), c.PNG); err != nil {
				return err
			}
		}
		if err := d.markdown(&b, prefix); err != nil {
			return err
		}
	default:
		return fmt.Errorf("report: %s: use a .html or .md file name", path)
	}
	return forecast.WriteFileAtomic(path, []byte(b.String()))
}
