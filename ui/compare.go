package ui

import (
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// CompareTab overlays this session's runs on one series and lists how
// their settings and errors differ, beside the baselines'. Runs on other
// series (another file or column) are listed under their own series: their
// errors and forecasts are of different data and are never ranked together.
type CompareTab struct {
	u       *UI
	content fyne.CanvasObject

	Series               *widget.Select // which series' runs are compared
	Runs                 *widget.CheckGroup
	Remove, Rename       *widget.Button
	Loss, Grad, Forecast *view.Chart
	Diff                 *fyne.Container
	diffScroll           *container.Scroll // Diff, scrolled sideways when wider than the tab
	Verdict              *widget.Label     // the best LSTM run against the best baseline
	Note                 *widget.Label

	labels map[string]int    // check label → run ID
	groups map[string]string // series option → Run.DataKey
	key    string            // the DataKey of the series shown
	seen   map[int]bool      // finished runs the tab has listed, on any series
}

func (u *UI) newCompareTab() *CompareTab {
	t := &CompareTab{u: u, labels: map[string]int{}, groups: map[string]string{}, seen: map[int]bool{}}
	t.Series = widget.NewSelect(nil, func(o string) {
		if k, ok := t.groups[o]; ok && k != t.key {
			t.key = k
			t.refresh()
		}
	})
	t.Series.PlaceHolder = i18n.T(selectOne)
	t.Runs = widget.NewCheckGroup(nil, func([]string) { t.draw() })
	t.Remove = widget.NewButtonWithIcon(i18n.T("Forget unticked runs"), theme.DeleteIcon(), func() {
		sel := map[int]bool{}
		for _, l := range t.Runs.Selected {
			sel[t.labels[l]] = true
		}
		for _, id := range t.labels {
			if !sel[id] {
				u.Session.RemoveRun(id)
			}
		}
		t.refresh()
	})
	t.Rename = widget.NewButtonWithIcon(i18n.T("Rename…"), theme.DocumentCreateIcon(), t.renameDialog)
	t.Loss = view.NewChart(u.host, 180, 180)
	t.Grad = view.NewChart(u.host, 180, 180)
	t.Forecast = view.NewChart(u.host, 180, 180)
	t.Diff = container.NewGridWithColumns(1)
	t.diffScroll = container.NewHScroll(t.Diff)
	t.Verdict = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Verdict.Wrapping = fyne.TextWrapWord
	t.Note = widget.NewLabel("")
	t.Note.Wrapping = fyne.TextWrapWord

	runs := container.NewVBox(widget.NewLabel(i18n.T("Series")), t.Series, t.Runs, container.NewHBox(t.Rename, t.Remove))
	left := container.NewVBox(widget.NewCard(i18n.T("Runs"), "", runs), t.Note)
	charts := container.NewGridWithColumns(3, t.Loss, t.Grad, t.Forecast)
	diff := widget.NewCard(i18n.T("How the runs differ"), i18n.T("Settings that differ, then the holdout errors of each run and of the baselines"), container.NewVBox(t.Verdict, t.diffScroll))
	right := container.NewVSplit(charts, container.NewVScroll(diff))
	right.Offset = 0.5
	split := container.NewHSplit(container.NewVScroll(left), right)
	split.Offset = 0.22
	t.content = split
	t.refresh()
	return t
}

// refresh re-reads the runs (UI goroutine): the series picker lists every
// series with a finished run, the newest run's first; the check list the
// runs on the series shown. New runs start ticked.
func (t *CompareTab) refresh() {
	runs := t.u.Session.Runs()
	old := map[int]bool{}
	for l, id := range t.labels {
		old[id] = slices.Contains(t.Runs.Selected, l)
	}
	known := map[int]bool{}
	for _, id := range t.labels {
		known[id] = true
	}
	count := map[string]int{}
	label := map[string]string{}
	var keys []string // newest run's series first
	for i := len(runs) - 1; i >= 0; i-- {
		r := runs[i]
		if r.Result == nil {
			continue
		}
		k := r.DataKey()
		if count[k] == 0 {
			keys = append(keys, k)
			label[k] = r.DataLabel(i18n.T)
		}
		count[k]++
	}
	if len(keys) > 0 && (count[t.key] == 0 || t.newRunElsewhere(runs)) {
		t.key = keys[0]
	}
	for _, r := range runs {
		if r.Result != nil {
			t.seen[r.ID] = true
		}
	}
	t.groups = map[string]string{}
	var seriesOpts []string
	shown := ""
	for _, k := range keys {
		o := runsOf(label[k], count[k])
		t.groups[o] = k
		seriesOpts = append(seriesOpts, o)
		if k == t.key {
			shown = o
		}
	}
	t.Series.Options = seriesOpts
	t.Series.Selected = shown
	t.Series.Refresh()

	t.labels = map[string]int{}
	var opts, sel []string
	for _, r := range runs {
		if r.Result == nil || r.DataKey() != t.key {
			continue
		}
		l := runLabel(r)
		t.labels[l] = r.ID
		opts = append(opts, l)
		if !known[r.ID] || old[r.ID] {
			sel = append(sel, l)
		}
	}
	t.Runs.Options = opts
	t.Runs.Selected = sel
	t.Runs.Refresh()
	for _, b := range []*widget.Button{t.Remove, t.Rename} {
		if len(opts) == 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	t.Note.SetText(compareNote(len(keys)))
	t.draw()
}

// newRunElsewhere reports whether a finished run the tab has not seen yet
// is on another series than the one shown: the tab then follows it.
func (t *CompareTab) newRunElsewhere(runs []*app.Run) bool {
	for _, r := range runs {
		if r.Result != nil && !t.seen[r.ID] && r.DataKey() != t.key {
			return true
		}
	}
	return false
}

func compareNote(series int) string {
	how := i18n.T("Change one setting (say Input init xavier_uniform → pytorch, or Clipping norm → none), train again and compare. Rename a run to remember what you changed.")
	if series > 1 {
		return i18n.T("Your runs are on %d different series. Only runs on the same series are compared: errors and forecasts of different data say nothing about which settings are better. Pick the series above.", series) + "\n\n" + how
	}
	return i18n.T("Every run of this session on the series above is listed here.") + " " + how
}

// runsOf names a series and its count of runs for the series picker:
// "sample air_passengers · … (2 runs)".
func runsOf(label string, n int) string {
	if n == 1 {
		return i18n.T("%s (1 run)", label)
	}
	return i18n.T("%s (%d runs)", label, n)
}

// runLabel is a run's name in the window's language: "Run 3" or
// "Run 3: no clipping" (app.Run.Label is the files' English).
func runLabel(r *app.Run) string {
	if r.Name != "" {
		return i18n.T("Run %d: %s", r.ID, r.Name)
	}
	return i18n.T("Run %d", r.ID)
}

// renameDialog asks for a run's new name.
func (t *CompareTab) renameDialog() {
	u := t.u
	pick := widget.NewSelect(t.Runs.Options, nil)
	pick.PlaceHolder = i18n.T(selectOne)
	if len(t.Runs.Selected) > 0 {
		pick.SetSelected(t.Runs.Selected[len(t.Runs.Selected)-1])
	} else if len(t.Runs.Options) > 0 {
		pick.SetSelected(t.Runs.Options[len(t.Runs.Options)-1])
	}
	name := widget.NewEntry()
	name.SetPlaceHolder(i18n.T("e.g. no clipping"))
	items := []*widget.FormItem{widget.NewFormItem(i18n.T("Run"), pick), widget.NewFormItem(i18n.T("Name"), name)}
	dialog.ShowForm(i18n.T("Rename a run"), i18n.T("Rename"), i18n.T("Cancel"), items, func(ok bool) {
		id, found := t.labels[pick.Selected]
		if !ok || !found {
			return
		}
		if err := u.Session.RenameRun(id, name.Text); err != nil {
			u.showError(i18n.T("Cannot rename the run"), err)
			return
		}
		t.refresh()
	}, u.win)
}

func (t *CompareTab) selected() []*app.Run {
	ids := map[int]bool{}
	for _, l := range t.Runs.Selected {
		ids[t.labels[l]] = true
	}
	var out []*app.Run
	for _, r := range t.u.Session.Runs() {
		if ids[r.ID] && r.Result != nil && r.DataKey() == t.key {
			out = append(out, r)
		}
	}
	return out
}

// draw overlays the ticked runs, all on the same series: their validation
// losses, gradient norms and forecasts, with the recommended forecast of
// the newest of them.
func (t *CompareTab) draw() {
	runs := t.selected()
	var loss, grad []chart.RunCurve
	var fcs []chart.RunForecast
	var hist chart.TS
	for _, r := range runs {
		label := i18n.T("Run %d", r.ID)
		if r.Result == nil || r.Result.Network() { // a run without a network has no curves
			loss = append(loss, chart.RunCurve{Label: label, Curve: r.History.ValLoss.Buckets()})
			grad = append(grad, chart.RunCurve{Label: label, Curve: r.History.GradNorm.Buckets()})
		}
		s := r.Data
		x, isTime := chart.FromTimes(s.Times, s.Len())
		hist = chart.TS{Name: view.ShortName(s.Name), X: x, Y: s.Values, Time: isTime}
		fcs = append(fcs, runForecast(label, r.Result.Forecast, x, isTime))
	}
	if n := len(runs); n > 0 {
		last := runs[n-1]
		// a run without a network: its forecast is the recommended one, drawn already
		if rec, ok := last.Result.Forecasts[forecast.MethodRecommended]; ok && last.Result.Recommended != forecast.MethodLSTM && last.Result.Network() {
			fcs = append(fcs, runForecast(i18n.T("Recommended (%s, run %d)", methodNames(last.Result.Recommended), last.ID), rec, hist.X, hist.Time))
		}
	}
	recent := 0
	if len(fcs) > 0 {
		recent = min(len(hist.X), max(6*len(fcs[0].Mean), 48))
	}
	noNet := "" // why there are no curves: every run ticked was too short for a network
	if len(runs) > 0 && len(loss) == 0 {
		noNet = i18n.T("None of the runs ticked trained a network, so there is no curve to draw")
	}
	t.Loss.Set(func(st chart.Style, px int) *plot.Plot {
		if noNet != "" {
			return chart.Message(st, i18n.T("Validation loss"), noNet)
		}
		return chart.Compare(st, i18n.T("Validation loss"), i18n.T("epoch"), i18n.T("loss (log)"), loss, true, px)
	})
	t.Grad.Set(func(st chart.Style, px int) *plot.Plot {
		if noNet != "" {
			return chart.Message(st, i18n.T("Gradient norm before clipping"), noNet)
		}
		return chart.Compare(st, i18n.T("Gradient norm before clipping"), i18n.T("step"), i18n.T("|g| (log)"), grad, true, px)
	})
	t.Forecast.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.CompareForecasts(st, hist, recent, fcs, px)
	})
	t.showDiff(runs)
}

// runForecast places a forecast after the history x (times or rows).
func runForecast(label string, f forecast.Forecast, x []float64, isTime bool) chart.RunForecast {
	fx := make([]float64, len(f.Mean))
	for i := range fx {
		if i < len(f.Times) && isTime {
			fx[i] = float64(f.Times[i].Unix())
		} else if len(x) > 0 {
			fx[i] = x[len(x)-1] + float64(i+1)
		}
	}
	return chart.RunForecast{Label: label, X: fx, Mean: f.Mean}
}

// methodNames names a method or a blend ("lstm+ets") for people.
func methodNames(m string) string {
	var names []string
	for _, p := range strings.Split(m, "+") {
		names = append(names, view.MethodLabel(p))
	}
	return strings.Join(names, " + ")
}

// showDiff lists the settings that differ between the runs, then metrics.
func (t *CompareTab) showDiff(runs []*app.Run) {
	t.Diff.RemoveAll()
	if len(runs) == 0 {
		t.Diff.Add(widget.NewLabel(i18n.T("Train a model to start comparing.")))
		t.Verdict.SetText("")
		return
	}
	// Each column as wide as its text, the spare width to the names: a
	// grid of equal columns, each as wide as the widest cell (a setting's
	// name or "3 over 3 networks, one after another …"), pushed the runs'
	// columns out of sight beside a file of many series' list.
	t.Diff.Layout = view.Columns(len(runs) + 1)
	head := widget.NewLabelWithStyle(i18n.T("Setting"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Diff.Add(head)
	for _, r := range runs {
		t.Diff.Add(widget.NewLabelWithStyle(i18n.T("Run %d", r.ID), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	rows := 0
	row := func(name string, vals []string, bold int) {
		t.Diff.Add(widget.NewLabel(name))
		for i, v := range vals {
			l := widget.NewLabelWithStyle(v, fyne.TextAlignTrailing, fyne.TextStyle{})
			if i == bold {
				l.Importance = widget.SuccessImportance
				l.TextStyle.Bold = true
			}
			t.Diff.Add(l)
		}
		rows++
	}
	if len(runs) > 1 {
		for _, f := range fields {
			vals := make([]string, len(runs))
			same := true
			for i := range runs {
				vals[i] = f.Text(&runs[i].Settings)
				same = same && vals[i] == vals[0]
			}
			if !same {
				row(i18n.FieldLabel(f), vals, -1)
			}
		}
		if rows == 0 {
			row(i18n.T("(all settings equal)"), make([]string, len(runs)), -1)
		}
	}
	sameHoldout := true
	for _, r := range runs {
		sameHoldout = sameHoldout && holdoutOf(r) == holdoutOf(runs[0])
	}
	if !sameHoldout {
		ho := make([]string, len(runs))
		for i, r := range runs {
			ho[i] = holdoutOf(r)
		}
		row(i18n.T("Holdout"), ho, -1)
	}
	metric := func(name, method string, get func(classic.Metrics) float64, rank bool) {
		vals := make([]string, len(runs))
		best, bi := 0.0, -1
		for i, r := range runs {
			m, ok := r.Result.Metrics[method]
			if !ok {
				vals[i] = "–"
				continue
			}
			v := get(m)
			vals[i] = view.FixedNum(v)
			if bi < 0 || v < best {
				best, bi = v, i
			}
		}
		tied := true // every run scored the same: none is better
		for _, v := range vals {
			tied = tied && v == vals[0]
		}
		if len(runs) < 2 || !rank || !sameHoldout || tied {
			bi = -1
		}
		row(name, vals, bi)
	}
	mase := func(m classic.Metrics) float64 { return m.MASE }
	metric(i18n.T("LSTM sMAPE %"), forecast.MethodLSTM, func(m classic.Metrics) float64 { return m.SMAPE }, true)
	metric(i18n.T("LSTM MASE"), forecast.MethodLSTM, mase, true)
	metric(i18n.T("LSTM RMSE"), forecast.MethodLSTM, func(m classic.Metrics) float64 { return m.RMSE }, true)
	for _, m := range forecast.Methods[1:] {
		metric(i18n.T("%s MASE", view.MethodLabel(m)), m, mase, false)
	}
	t.Verdict.SetText(compareVerdict(runs, sameHoldout))
	// Short cells: each column is as wide as its widest cell, and the
	// runs' columns must stay in sight beside the names.
	epochs := make([]string, len(runs))
	nets := make([]string, len(runs))
	secs := make([]string, len(runs))
	ensemble := false // a Networks row: a run trained several, or none
	for i, r := range runs {
		epochs[i] = i18n.T("%d (best %d)", r.History.Epochs, r.Result.BestEpoch)
		nets[i] = "1"
		if n := r.Settings.Ensemble; n > 1 {
			// the charts above run the networks one after another
			epochs[i] = i18n.T("%d (the first's best: %d)", r.History.Epochs, r.Result.BestEpoch)
			nets[i] = i18n.T("%d, one after another", n)
			ensemble = true
		}
		if !r.Result.Network() {
			epochs[i], nets[i] = i18n.T("none"), i18n.T("none: series too short")
			ensemble = true // the row says why
		}
		secs[i] = i18n.Numf("%.1f", r.Result.Seconds)
	}
	if ensemble {
		row(i18n.T("Networks"), nets, -1)
	}
	row(i18n.T("Epochs run"), epochs, -1)
	row(i18n.T("Seconds"), secs, -1)
	t.Diff.Refresh()
}

// holdoutOf says which points a run held out, e.g. "last 12".
func holdoutOf(r *app.Run) string {
	return i18n.T("last %d", len(r.Result.Holdout.Actual))
}

// compareVerdict is one sentence on the runs' holdout MASE: the best LSTM
// run against the best baseline (the same for every run when the holdout
// is), so a baseline that beats every run is never hidden below the table.
func compareVerdict(runs []*app.Run, sameHoldout bool) string {
	if !sameHoldout {
		return i18n.T("The runs held out different stretches (see Holdout), so their errors are not ranked: train them with the same horizon to compare.")
	}
	bestRun, bestLSTM := (*app.Run)(nil), math.Inf(1)
	for _, r := range runs {
		if m, ok := r.Result.Metrics[forecast.MethodLSTM]; ok && m.MASE < bestLSTM {
			bestRun, bestLSTM = r, m.MASE
		}
	}
	baseName, bestBase := "", math.Inf(1)
	last := runs[len(runs)-1].Result
	for _, m := range forecast.Methods[1:] {
		if m == forecast.MethodRecommended {
			continue
		}
		if v, ok := last.Metrics[m]; ok && v.MASE < bestBase {
			baseName, bestBase = view.MethodLabel(m), v.MASE
		}
	}
	switch {
	case bestRun == nil || math.IsNaN(bestLSTM):
		return ""
	case baseName == "" || math.IsNaN(bestBase):
		return i18n.T("Best LSTM: %s, MASE %s on the holdout.", runLabel(bestRun), view.FixedNum(bestLSTM))
	case bestBase < bestLSTM:
		return i18n.T("%s beats every LSTM run on the same holdout: MASE %s; the best run, %s, scored %s.", baseName, view.FixedNum(bestBase), runLabel(bestRun), view.FixedNum(bestLSTM))
	}
	return i18n.T("%s's LSTM beats every baseline on the holdout: MASE %s; the best baseline, %s, scored %s.", runLabel(bestRun), view.FixedNum(bestLSTM), baseName, view.FixedNum(bestBase))
}
