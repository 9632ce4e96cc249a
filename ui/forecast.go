package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/precision"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/safefiles"
	"github.com/forecaster-dev/forecaster/ui/trainview"
	"github.com/forecaster-dev/forecaster/ui/view"
)

const maseHelp = "MASE: the mean absolute error divided by that of the seasonal naive forecast on the training data (Hyndman & Koehler 2006). Below 1 beats seasonal naive; it compares across series and has no trouble with zeros. sMAPE is the M4 definition (0–200 %). Rows run from the lowest MASE down; ★ marks the best method, and the best value in each column is green."

// ForecastTab shows the forecast of the last run (or of a loaded model),
// its metrics against the baselines, and exports.
type ForecastTab struct {
	u       *UI
	content fyne.CanvasObject

	Chart     *view.Chart
	Baselines *widget.Check // draw the baselines' holdout predictions too
	Values    *widget.Table // the forecast's numbers
	Zoom      *widget.Slider
	ZoomLabel *widget.Label
	Metrics   *fyne.Container // grid of labels: header + one row per method
	Summary   *widget.Label
	MASEInfo  *widget.Label
	// Headline says who won on the holdout (view.Verdict); IntervalNote,
	// under the chart, warns when the LSTM's intervals covered far fewer
	// holdout points than they promise (view.CoverageLow).
	Headline     *widget.Label
	IntervalNote *widget.Label
	// Method picks the forecast the table shows and i18n.T("Forecast CSV…")
	// writes: the LSTM's, the recommended one or a baseline's.
	Method     *widget.Select
	ExportCSV  *widget.Button
	ExportPNG  *widget.Button
	ExportSVG  *widget.Button
	Report     *widget.Button // the run's report with every diagnostic (HTML or Markdown)
	SaveModel  *widget.Button
	LoadModel  *widget.Button
	ShowsRunID int // the run shown, 0 for none or a loaded model
	// panelNote is the summary of the forecast scoring every series made
	// for the series shown, when that is what the tab shows ("" otherwise).
	panelNote string
	// Views holds the forecast, the residual diagnostics and the backtest.
	Views     *container.AppTabs
	Residuals *view.ResidualView
	Backtest  *view.BacktestView

	// The loading dialog's widgets, and the cancel of the load in progress
	// (nil when none; set and cleared on the UI goroutine).
	LoadStatus   *widget.Label
	LoadProgress *widget.ProgressBar
	LoadCancel   *widget.Button
	cancelLoad   context.CancelFunc

	data    chart.ForecastData
	rows    [][]string // the Values table: header + one row per step
	histLen int
	hasFc   bool
	// fcs holds the forecasts the Method picker offers (method → forecast),
	// methods their keys in the picker's order, series the series they
	// continue.
	fcs     map[string]*forecast.Forecast
	methods []string
	series  *tsdata.Series
}

func (u *UI) newForecastTab() *ForecastTab {
	t := &ForecastTab{u: u}
	t.Chart = view.NewChart(u.host, 500, 300)
	t.Zoom = widget.NewSlider(0, 1)
	t.Zoom.Step = 1
	t.Zoom.OnChanged = func(float64) { t.redraw() }
	t.ZoomLabel = widget.NewLabel("")
	t.Baselines = widget.NewCheck(i18n.T("Baselines"), func(bool) { t.redraw() })
	t.Headline = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Headline.Wrapping = fyne.TextWrapWord
	t.IntervalNote = widget.NewLabel("")
	t.IntervalNote.Wrapping = fyne.TextWrapWord
	t.IntervalNote.Importance = widget.DangerImportance
	t.Method = widget.NewSelect(nil, func(string) { t.showTable() })
	t.Method.PlaceHolder = i18n.T(selectOne)
	t.Values = widget.NewTable(
		func() (int, int) {
			if len(t.rows) == 0 {
				return 0, 0
			}
			return len(t.rows), len(t.rows[0])
		},
		func() fyne.CanvasObject { return widget.NewLabel("2000-00-00 00:00") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Text = t.rows[id.Row][id.Col]
			l.TextStyle.Bold = id.Row == 0
			l.Alignment = fyne.TextAlignTrailing
			if id.Col == 0 {
				l.Alignment = fyne.TextAlignLeading
			}
			l.Refresh()
		})
	t.Summary = widget.NewLabel(i18n.T("Train a model (Training tab) to see its forecast, or load a saved model."))
	t.Summary.Wrapping = fyne.TextWrapWord
	t.MASEInfo = widget.NewLabel(i18n.T(maseHelp))
	t.MASEInfo.Wrapping = fyne.TextWrapWord
	t.MASEInfo.SizeName = theme.SizeNameCaptionText
	t.Metrics = view.NewMetricsGrid()

	t.ExportCSV = widget.NewButtonWithIcon(i18n.T("Forecast CSV…"), theme.DocumentSaveIcon(), t.exportCSV)
	t.ExportPNG = widget.NewButtonWithIcon(i18n.T("Chart PNG…"), theme.FileImageIcon(), func() { t.exportChart("png") })
	t.ExportSVG = widget.NewButtonWithIcon(i18n.T("Chart SVG…"), theme.FileImageIcon(), func() { t.exportChart("svg") })
	t.Report = widget.NewButtonWithIcon(i18n.T("Report…"), theme.DocumentIcon(), func() { view.ExportReport(u.host, t.ShowsRunID, t.baseName()) })
	t.SaveModel = widget.NewButtonWithIcon(i18n.T("Save model…"), theme.DocumentSaveIcon(), t.saveModel)
	t.LoadModel = widget.NewButtonWithIcon(i18n.T("Load model…"), theme.FolderOpenIcon(), t.loadModel)
	t.LoadStatus = widget.NewLabel("")
	t.LoadStatus.Wrapping = fyne.TextWrapWord
	t.LoadProgress = widget.NewProgressBar()
	t.LoadCancel = widget.NewButtonWithIcon(i18n.T("Cancel"), theme.CancelIcon(), t.cancelLoading)
	infoBtn := widget.NewButtonWithIcon("", theme.QuestionIcon(), func() {
		dialog.ShowInformation(i18n.T("Reading the metrics"), i18n.T(maseHelp), u.win)
	})
	toolbar := container.NewHBox(widget.NewLabel(i18n.T("Export:")), t.ExportCSV, t.ExportPNG, t.ExportSVG, t.Report, widget.NewSeparator(), t.SaveModel, t.LoadModel)
	zoom := container.NewBorder(nil, nil, widget.NewLabel(i18n.T("Zoom")), container.NewHBox(t.ZoomLabel, t.Baselines), t.Zoom)
	zoom = container.NewVBox(t.IntervalNote, zoom)
	metrics := widget.NewCard(i18n.T("Accuracy on the holdout"), "", container.NewVBox(t.Metrics, container.NewBorder(nil, nil, nil, infoBtn, t.MASEInfo)))
	bottom := container.NewVBox(t.Headline, metrics, t.Summary)
	values := container.NewBorder(container.NewBorder(nil, nil, widget.NewLabelWithStyle(i18n.T("Forecast of"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, t.Method), nil, nil, nil, t.Values)
	lower := container.NewHSplit(container.NewVScroll(bottom), values)
	lower.Offset = 0.55
	split := container.NewVSplit(container.NewBorder(nil, zoom, nil, nil, t.Chart), lower)
	split.Offset = 0.5
	t.Residuals = view.NewResidualView(u.host)
	t.Backtest = view.NewBacktestView(u.host)
	t.Views = container.NewAppTabs(
		container.NewTabItem(i18n.T("Forecast"), split),
		container.NewTabItem(i18n.T("Residuals"), t.Residuals.Content),
		container.NewTabItem(i18n.T("Backtest"), t.Backtest.Content),
	)
	t.content = view.TopFirst(container.NewVBox(toolbar, widget.NewSeparator()), t.Views)
	t.clear()
	return t
}

// clear shows nothing (after new data were loaded).
func (t *ForecastTab) clear() {
	t.ShowsRunID = 0
	t.hasFc = false
	t.data = chart.ForecastData{}
	t.Chart.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.Message(st, i18n.T("Forecast"), i18n.T("A trained model's forecast appears here"))
	})
	t.Metrics.RemoveAll()
	t.Headline.SetText("")
	t.Headline.Hide()
	t.IntervalNote.Hide()
	t.fcs, t.methods, t.series = nil, nil, nil
	t.Method.Options = nil
	t.Method.ClearSelected()
	t.Method.Disable()
	t.Summary.SetText(t.idleHint())
	t.Zoom.Hide()
	t.ZoomLabel.Hide()
	t.Baselines.Hide()
	t.rows = nil
	t.Values.Refresh()
	t.Residuals.Clear(i18n.T("Train a model to check what each method leaves in its residuals."))
	t.Backtest.Clear()
	t.panelNote = ""
	t.updateButtons()
	if d := t.u.Session.Data(); d != nil {
		if r := d.PanelRun.Of(d.Spec.ValueCol); r != nil {
			t.showPanelForecast(d, r)
		}
	}
}

// showPanelForecast shows the forecast that scoring every series of a file
// of many made for the series shown (r, of d.PanelRun): the series, the
// forecast with its intervals, its table, the holdout prediction of the
// forecast's method and every method's holdout metrics. A panel run keeps
// no holdout intervals, residuals or training history: those come with a
// run of this series alone.
func (t *ForecastTab) showPanelForecast(d *app.Data, r *app.SeriesResult) {
	s := d.Series
	job := d.PanelRun.Job
	x, isTime := chart.FromTimes(s.Times, s.Len())
	fd := chart.ForecastData{
		History:      chart.TS{Name: view.ShortName(s.Name), X: x, Y: s.Values, Time: isTime},
		HoldoutStart: -1,
		Title:        view.ShortName(s.Name) + ": " + i18n.T("forecast from scoring every series, %d steps ahead · %s", len(r.Forecast.Mean), view.BlendLabel(r.Method)),
	}
	if n := len(r.Holdout); n > 0 && n < s.Len() {
		fd.HoldoutStart, fd.HoldoutPred = s.Len()-n, r.Holdout // no band: a panel run keeps none
	}
	key := job.Method
	if key == "" {
		key = forecast.MethodRecommended
	}
	fc := r.Forecast
	t.setForecast(fd, map[string]*forecast.Forecast{key: &fc}, key, x, s)
	t.showMetrics(r.Metrics)
	note := i18n.T("Forecast of %s from scoring every series (All series tab): %s.", r.ID, view.BlendLabel(r.Method))
	if m, ok := r.Metrics[forecast.MethodRecommended]; ok && job.Holdout {
		note = i18n.T("Forecast of %s from scoring every series (All series tab): %s, MASE %s on its last %d points.", r.ID, view.BlendLabel(r.Method), view.Fixed(m.MASE, 3), job.Settings.Horizon)
	}
	t.panelNote = note + " " + i18n.T("Train this series alone (Training tab, Ctrl+Enter) to see its LSTM's training, its holdout intervals and residual checks.")
	t.Summary.SetText(t.panelNote)
	t.Residuals.Clear(i18n.T("Scoring every series keeps no residuals: train this series alone to check them."))
	t.updateButtons()
}

// idleHint is the empty tab's sentence: how to get a forecast here; for a
// series of a file of many that scoring every series forecast, also what
// it chose and how that did on the held-out points.
func (t *ForecastTab) idleHint() string {
	train := i18n.T("Train a model (Training tab, Ctrl+Enter) to see its forecast, or load a saved model.")
	d := t.u.Session.Data()
	if d == nil || d.PanelRun == nil {
		return train
	}
	for _, r := range d.PanelRun.Results {
		if r.ID != d.Spec.ValueCol {
			continue
		}
		m, ok := r.Metrics[forecast.MethodRecommended]
		if r.Err != nil || !ok || r.Method == "" {
			break
		}
		return i18n.T("Scoring every series chose %s for %s: MASE %s on its last %d points (All series tab). Train this series alone (Training tab, Ctrl+Enter) to see its forecast here, or load a saved model.",
			view.BlendLabel(r.Method), r.ID, view.Fixed(m.MASE, 3), d.PanelRun.Job.Settings.Horizon)
	}
	return train
}

// showTraining keeps the empty tab's hint true while a run trains: not
// "train a model" while one is training (UI goroutine).
func (t *ForecastTab) showTraining(p app.Progress) {
	if t.hasFc && t.panelNote == "" || t.ShowsRunID != 0 {
		return
	}
	msg := t.idleHint()
	if t.panelNote != "" {
		msg = t.panelNote
	}
	if p.State.Active() && p.RunID > 0 {
		msg = i18n.T("Run %d is training (Training tab); its forecast appears here when it ends.", p.RunID)
	}
	if t.Summary.Text != msg {
		t.Summary.SetText(msg)
	}
}

func (t *ForecastTab) updateButtons() {
	for _, b := range []*widget.Button{t.ExportCSV, t.ExportPNG, t.ExportSVG} {
		if t.hasFc {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if t.ShowsRunID > 0 {
		t.SaveModel.Enable()
		t.Report.Enable()
	} else {
		t.SaveModel.Disable()
		t.Report.Disable()
	}
}

// showRun shows a finished run's forecast and metrics (UI goroutine).
func (t *ForecastTab) showRun(run *app.Run) {
	res := run.Result
	s := run.Data
	t.panelNote = ""
	x, isTime := chart.FromTimes(s.Times, s.Len())
	d := chart.ForecastData{
		History:      chart.TS{Name: view.ShortName(s.Name), X: x, Y: s.Values, Time: isTime},
		HoldoutStart: -1,
		Title:        view.ShortName(s.Name) + ": " + i18n.T("run %d forecast, %d steps ahead", run.ID, len(res.Forecast.Mean)),
	}
	// The forecast drawn and offered first: the recommended one, the
	// forecast the CLI writes (chosen on the validation windows: the LSTM,
	// a classical method or a mean); the LSTM's for a run without one (its
	// classical methods failed). The LSTM stays in the picker and among
	// the lines the Baselines box draws.
	main := forecast.MethodLSTM
	if _, ok := res.Forecasts[forecast.MethodRecommended]; ok || !res.Network() {
		main = forecast.MethodRecommended
	}
	fcs := map[string]*forecast.Forecast{}
	for m, f := range res.Forecasts {
		fcs[m] = &f
	}
	if res.Network() {
		fcs[forecast.MethodLSTM] = &res.Forecast // Train's, the networks' median
	} else {
		fcs[main] = &res.Forecast
	}
	if main == forecast.MethodRecommended && res.Recommended != "" {
		d.Title += " · " + i18n.T("recommended: %s", view.BlendLabel(res.Recommended))
	}
	ho := res.Holdout
	hasHoldout := ho.Start > 0 && ho.Start < s.Len()
	if hasHoldout {
		d.HoldoutStart = ho.Start
		d.HoldoutPred = ho.Pred[main]
		// main's own holdout band; none (a run saved before the bands of
		// other methods were kept) rather than another method's
		b := res.HoldoutBand(main)
		d.HoldoutLo95, d.HoldoutHi95 = b.Lower95, b.Upper95
	}
	// The other methods: their holdout predictions and their forecasts
	// past the end, drawn when the Baselines box is ticked.
	d.Baselines, d.BaselineFuture = map[string][]float64{}, map[string][]float64{}
	for _, m := range view.MethodsOf(fcs, ho.Pred) {
		if m == main || m == forecast.MethodRecommended || m == res.Recommended && main == forecast.MethodRecommended {
			continue // drawn as the forecast
		}
		lbl := view.MethodLabel(m)
		p, inHoldout := ho.Pred[m]
		if hasHoldout && inHoldout {
			d.Baselines[lbl] = p
		}
		if f, ok := fcs[m]; ok {
			d.BaselineFuture[lbl] = f.Mean
		}
		if d.Baselines[lbl] != nil || d.BaselineFuture[lbl] != nil {
			d.BaselineOrder = append(d.BaselineOrder, lbl)
		}
	}
	t.setForecast(d, fcs, main, x, s)
	t.showMetrics(res.Metrics)
	verdict, out, _ := view.Verdict(res.Metrics)
	if !res.Network() {
		verdict, out = view.Diagnosis(res), view.NoVerdict // why there is no LSTM to judge
	}
	// The verdict judges the LSTM; when the chart draws another method,
	// the recommended one, say how that did too.
	if m, ok := res.Metrics[forecast.MethodRecommended]; ok && verdict != "" && res.Network() && main == forecast.MethodRecommended &&
		res.Recommended != forecast.MethodLSTM && !math.IsNaN(m.MASE) && !math.IsInf(m.MASE, 0) {
		verdict += " " + i18n.T("The forecast drawn is the recommended one, %s: MASE %s on the holdout.", view.BlendLabel(res.Recommended), view.Fixed(m.MASE, 3))
	}
	t.Headline.SetText(verdict)
	t.Headline.Importance = map[view.Outcome]widget.Importance{view.LSTMWon: widget.SuccessImportance, view.LSTMLost: widget.WarningImportance}[out]
	t.Headline.Refresh()
	t.Headline.Show()
	if verdict == "" {
		t.Headline.Hide()
	}
	c80, c95 := res.HoldoutCoverage(main)
	t.showCoverage(c80, c95, len(ho.Actual))
	t.Summary.SetText(runSummary(run, main) + trainview.AnchorNote(res.Anchor) + recommendedNote(res))
	t.ShowsRunID = run.ID
	t.Residuals.ShowRun(run)
	t.updateButtons()
}

// runSummary is the first sentence under the metrics: the run, how its
// training ended, and the holdout coverage of the intervals of the
// forecast drawn (main: the recommended one, or the LSTM's); a run without
// a holdout has no coverage to tell.
func runSummary(run *app.Run, main string) string {
	res := run.Result
	head := i18n.T("Run %d on %s", run.ID, view.ShortName(run.Data.Name)) + " · "
	if res.Network() {
		head += i18n.T("%s · best epoch %d · %s s", trainview.StopText(res.StopReason), res.BestEpoch, i18n.Numf("%.1f", res.Seconds))
	} else {
		head += i18n.T("no network (the series is too short for one) · %s s", i18n.Numf("%.1f", res.Seconds))
	}
	if len(res.Holdout.Actual) == 0 {
		return head + i18n.T(" · no holdout, so no coverage to show.")
	}
	c80, c95 := res.HoldoutCoverage(main)
	if main == forecast.MethodRecommended {
		return head + i18n.T(" · holdout coverage of the recommended forecast: 80%% interval %s, 95%% interval %s.", view.Pct(c80), view.Pct(c95))
	}
	return head + i18n.T(" · holdout coverage: 80%% interval %s, 95%% interval %s.", view.Pct(c80), view.Pct(c95))
}

// showCoverage shows view.CoverageNote under the chart, or hides it.
func (t *ForecastTab) showCoverage(c80, c95 float64, n int) {
	if note := view.CoverageNote(c80, c95, n); note != "" {
		t.IntervalNote.SetText(note)
		t.IntervalNote.Show()
		return
	}
	t.IntervalNote.Hide()
}

// recommendedNote is a sentence naming the recommended forecast, or empty.
func recommendedNote(res *forecast.Result) string {
	if res.Recommended == "" {
		return ""
	}
	name := view.BlendLabel(res.Recommended)
	switch {
	case res.ShortRule && strings.Contains(res.Recommended, "+"):
		return i18n.T(" Recommended: %s, the mean of the classical methods' combination and the seasonal naive: a series this short has no validation window to choose by (the holdout played no part).", name)
	case res.ShortRule:
		return i18n.T(" Recommended: %s, the combination of the classical methods: a series this short has too few validation windows to choose among them (the holdout played no part).", name)
	}
	if res.FellBackFrom != "" {
		return i18n.T(" Recommended: %s: the best candidate on the validation windows, %s, was not 10 %% better than it (the holdout played no part).", name, view.BlendLabel(res.FellBackFrom))
	}
	if strings.Contains(res.Recommended, "+") {
		return i18n.T(" Recommended: %s, the mean of the methods with the lowest error on the validation windows (the holdout played no part).", name)
	}
	return i18n.T(" Recommended: %s, the method with the lowest error on the validation windows (the holdout played no part).", name)
}

// showLoaded shows the forecast of a model loaded from a file.
func (t *ForecastTab) showLoaded(fc *forecast.Forecast, path, anchor string, s *tsdata.Series) {
	x, isTime := chart.FromTimes(s.Times, s.Len())
	d := chart.ForecastData{
		History:      chart.TS{Name: view.ShortName(s.Name), X: x, Y: s.Values, Time: isTime},
		HoldoutStart: -1,
		Title:        view.ShortName(s.Name) + ": " + i18n.T("forecast of %s", view.ShortName(filepath.Base(path))),
	}
	t.panelNote = ""
	t.setForecast(d, map[string]*forecast.Forecast{forecast.MethodLSTM: fc}, forecast.MethodLSTM, x, s)
	t.ShowsRunID = 0
	t.Metrics.RemoveAll()
	t.Headline.Hide()
	t.IntervalNote.Hide()
	t.Summary.SetText(i18n.T("Forecast of the model loaded from %s on the current series (no holdout metrics: the model was trained elsewhere).", app.Clip(path, app.MaxMessage)) + trainview.AnchorNote(anchor))
	t.Residuals.Clear(i18n.T("A model loaded from a file has no residuals here: train a model to check them."))
	t.updateButtons()
}

// setForecast shows fcs[main] in the chart (with d's history and
// baselines) and, first, in the table.
func (t *ForecastTab) setForecast(d chart.ForecastData, fcs map[string]*forecast.Forecast, main string, x []float64, s *tsdata.Series) {
	fc := fcs[main]
	n := len(fc.Mean)
	if len(fc.Times) == n && d.History.Time {
		d.FutureX = make([]float64, n)
		for i, tm := range fc.Times {
			d.FutureX[i] = float64(tm.Unix())
		}
	} else {
		d.FutureX = make([]float64, n)
		last := 0.0
		if len(x) > 0 {
			last = x[len(x)-1]
		}
		for i := range d.FutureX {
			d.FutureX[i] = last + float64(i+1)
			if i < len(fc.Index) {
				d.FutureX[i] = float64(fc.Index[i])
			}
		}
	}
	d.Mean, d.Lo80, d.Hi80, d.Lo95, d.Hi95 = fc.Mean, fc.Lower80, fc.Upper80, fc.Lower95, fc.Upper95
	t.data = d
	t.hasFc = true
	t.histLen = s.Len()
	t.fcs, t.series = fcs, s
	t.methods = view.MethodsOf(fcs, nil)
	labels := make([]string, len(t.methods))
	for i, m := range t.methods {
		labels[i] = view.MethodLabel(m)
	}
	t.Method.Options = labels
	t.Method.Enable()
	if len(labels) < 2 {
		t.Method.Disable()
	}
	t.Method.SetSelectedIndex(max(0, slices.Index(t.methods, main))) // fills the table
	if len(d.BaselineOrder) > 0 {
		t.Baselines.Show()
	} else {
		t.Baselines.Hide()
	}
	// Zoom: from a few horizons up to the whole history; start at a recent
	// view when the history is long.
	minShow := float64(min(s.Len(), max(3*n, 24)))
	t.Zoom.Min, t.Zoom.Max = minShow, float64(s.Len())
	start := float64(s.Len())
	if s.Len() > 8*n && s.Len() > 200 {
		start = math.Max(minShow, float64(min(s.Len(), 10*n)))
	}
	t.Zoom.Value = start
	t.Zoom.Refresh()
	t.Zoom.Show()
	t.ZoomLabel.Show()
	t.redraw()
}

// method is the method the Method picker shows ("" for none).
func (t *ForecastTab) method() string {
	i := t.Method.SelectedIndex()
	if i < 0 || i >= len(t.methods) {
		return ""
	}
	return t.methods[i]
}

// showTable fills the table with the picked method's forecast: every
// number with one precision (the data's decimals, at least three
// significant digits of the forecast; view.ColumnDecimals), right-aligned,
// so the decimal points line up; columns as wide as their widest text.
func (t *ForecastTab) showTable() {
	fc := t.fcs[t.method()]
	if fc == nil || t.series == nil {
		t.rows = nil
		t.Values.Refresh()
		return
	}
	t.rows = view.ForecastRows(fc, t.series)
	view.FitColumns(t.Values, t.rows)
	t.Values.Refresh()
}

func (t *ForecastTab) redraw() {
	if !t.hasFc {
		return
	}
	d := t.data
	if !t.Baselines.Checked {
		d.Baselines, d.BaselineFuture, d.BaselineOrder = nil, nil, nil
	}
	shown := int(t.Zoom.Value)
	if shown >= t.histLen {
		d.RecentFrom = 0
		t.ZoomLabel.SetText(i18n.T("all %d points", t.histLen))
	} else {
		d.RecentFrom = shown
		t.ZoomLabel.SetText(i18n.T("last %d of %d points", shown, t.histLen))
	}
	t.Chart.Set(func(st chart.Style, px int) *plot.Plot { return chart.Forecast(st, d, px) })
}

// showMetrics fills the metrics grid (view.ShowMetrics) with the
// precision of the series shown.
func (t *ForecastTab) showMetrics(m map[string]classic.Metrics) {
	dataDec := 0
	if t.series != nil {
		dataDec = min(precision.Decimals(t.series.Values), 3)
	}
	view.ShowMetrics(t.Metrics, m, dataDec)
}

// saveDialog asks for a file name to write (a full path typed in the name
// field is taken as it is, see safefiles.Guard) and calls write with the
// path in a goroutine; errors are shown, success in a toast naming the
// file. The dialog's writer touches no file (see
// safefiles.Guard): write replaces the file through a temporary file, so a
// failed write leaves an existing file as it was. The first of exts is
// added to a name without one of them, after asking before replacing a
// file of that name. The loaded data file is never written over.
func (u *UI) saveDialog(title, name string, exts []string, write func(path string) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(title, err)
			return
		}
		if w == nil {
			return
		}
		chosen := w.URI().Path()
		w.Close() // writes nothing: nothing was written to it
		path := chosen
		if len(exts) > 0 && !hasExt(path, exts) {
			path += exts[0]
		}
		save := func() {
			u.background(func() {
				err := u.checkSaveTarget(path)
				if err == nil {
					err = write(path)
				}
				u.do(func() {
					if err != nil {
						u.showError(title, err)
						return
					}
					u.rememberDir(path)
					u.toast(i18n.T("Saved %s", app.Clip(path, app.MaxMessage)))
				})
			})
		}
		if _, err := os.Lstat(path); path != chosen && err == nil {
			dialog.ShowConfirm(i18n.T("Overwrite?"), i18n.T("Are you sure you want to overwrite the file\n%s?", view.ShortName(filepath.Base(path))), func(ok bool) {
				if ok {
					save()
				}
			}, u.win)
			return
		}
		save()
	}, u.win)
	fallback := "export"
	if len(exts) > 0 {
		fallback += exts[0]
	}
	d.SetFileName(safefiles.Name(name, fallback))
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	u.showFileDialog(d)
}

// checkSaveTarget refuses to write over the loaded data file or over an
// existing file that is not a regular file (a device, a pipe).
func (u *UI) checkSaveTarget(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return nil // a new file
	}
	if err := app.CheckRegular(path); err != nil {
		return err
	}
	if d := u.Session.Data(); d != nil && d.Sample == nil {
		if in, err := os.Stat(d.Source); err == nil && os.SameFile(fi, in) {
			return fmt.Errorf("%s is the data file loaded; Forecaster never writes over its input: choose another name", path)
		}
	}
	return nil
}

func hasExt(path string, exts []string) bool {
	e := strings.ToLower(filepath.Ext(path))
	for _, x := range exts {
		if e == x {
			return true
		}
	}
	return false
}

// baseName is the stem of the default export file names: the series'
// name (saveDialog makes the whole name a safe file name).
func (t *ForecastTab) baseName() string {
	if d := t.u.Session.Data(); d != nil && d.Series != nil {
		return d.Series.Name
	}
	return "forecast"
}

// exportCSV writes the forecast the table shows (the Method picker's).
func (t *ForecastTab) exportCSV() {
	id, m := t.ShowsRunID, t.method()
	if m == "" {
		m = forecast.MethodLSTM
	}
	name := t.baseName() + "-forecast.csv"
	if m != forecast.MethodLSTM {
		name = t.baseName() + "-" + m + "-forecast.csv"
	}
	t.u.saveDialog(i18n.T("Export forecast"), name, []string{".csv"}, func(p string) error {
		return t.u.Session.ExportForecast(p, id, m)
	})
}

func (t *ForecastTab) exportHistory() {
	id := t.ShowsRunID
	t.u.saveDialog(i18n.T("Export training history"), t.baseName()+"-history.csv", []string{".csv"}, func(p string) error {
		return t.u.Session.ExportHistory(p, id)
	})
}

// exportChart writes the forecast chart as PNG or SVG at 1200×600 px.
func (t *ForecastTab) exportChart(ext string) {
	p := t.Chart.Plot(1200)
	if p == nil || !t.hasFc {
		t.u.showError(i18n.T("Export chart"), app.ErrNoResult)
		return
	}
	t.u.saveDialog(i18n.T("Export chart"), t.baseName()+"-forecast."+ext, []string{"." + ext}, func(path string) error {
		return ExportPlot(p, path, 1200, 600)
	})
}

// ExportPlot writes a plot to path (.png or .svg) at w×h pixels (96 DPI).
func ExportPlot(p *plot.Plot, path string, w, h int) error {
	b, err := chart.Encode(p, path, vg.Length(float64(w)*72/96), vg.Length(float64(h)*72/96))
	if err != nil {
		return err
	}
	return app.WriteBytes(path, b)
}

func (t *ForecastTab) saveModel() {
	id := t.ShowsRunID
	t.u.saveDialog(i18n.T("Save model"), t.baseName()+"-model.json", []string{".json"}, func(p string) error {
		return t.u.Session.SaveModel(p, id)
	})
}

func (t *ForecastTab) loadModel() {
	t.u.openDialog(i18n.T("Load model"), []string{".json"}, t.loadModelPath)
}

// loadModelPath loads a model and shows its forecast of the current series.
// The work runs on a background goroutine; a dialog shows the forecast's
// progress (a model file decides how long it takes) and its Cancel button
// stops the load (app.Session.LoadModel).
func (t *ForecastTab) loadModelPath(path string) {
	u := t.u
	if t.cancelLoad != nil {
		return // one load at a time; its dialog is showing
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.cancelLoad = cancel
	t.LoadModel.Disable()
	t.LoadStatus.SetText(i18n.T("Reading %s…", app.Clip(filepath.Base(path), 80)))
	t.LoadProgress.SetValue(0)
	t.LoadCancel.Enable()
	d := dialog.NewCustomWithoutButtons(i18n.T("Loading model"), container.NewVBox(t.LoadStatus, t.LoadProgress, container.NewCenter(t.LoadCancel)), u.win)
	d.Resize(fyne.NewSize(440, 170))
	d.Show()
	u.background(func() {
		defer cancel()
		var shown time.Time // progress shown at most ten times a second
		fc, err := u.Session.LoadModel(ctx, path, func(done, total int) {
			if now := time.Now(); now.Sub(shown) >= 100*time.Millisecond {
				shown = now
				u.do(func() {
					t.LoadStatus.SetText(i18n.T("Forecasting with the model: network pass %d of %d", done, total))
					t.LoadProgress.SetValue(float64(done) / float64(total))
				})
			}
		})
		data := u.Session.Data()
		anchor := u.Session.LoadedAnchor()
		u.do(func() {
			d.Hide()
			t.cancelLoad = nil
			t.LoadModel.Enable()
			switch {
			case errors.Is(err, context.Canceled):
				// Cancel was pressed: nothing was kept, nothing to report.
			case err != nil:
				u.showError(i18n.T("Cannot load the model"), err)
			default:
				t.showLoaded(fc, path, anchor, data.Series)
				u.Tabs.SelectIndex(3)
			}
		})
	})
}

// cancelLoading is the Cancel button of the loading dialog: it stops the
// load, which closes the dialog once the current network pass is done.
func (t *ForecastTab) cancelLoading() {
	if t.cancelLoad != nil {
		t.cancelLoad()
		t.LoadStatus.SetText(i18n.T("Cancelling…"))
		t.LoadCancel.Disable()
	}
}
