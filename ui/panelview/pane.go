package panelview

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/global"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// Host is what the pane needs from its window besides a view.Host: the
// preferences (the model chosen), the tabs (it adds and removes "All
// series"), asking before a job is stopped, the dialog of a file that
// cannot be read, and what to do once the session shows another series
// of the file (SeriesShown runs on the UI goroutine).
type Host struct {
	*view.Host
	Prefs         fyne.Preferences
	Tabs          *container.AppTabs
	ConfirmStop   func(what string, then func())
	ShowLoadError func(title string, err error)
	SeriesShown   func(d *app.Data)
	// Scored is told when a scoring of every series has finished and is
	// the session's (nil: nothing to tell).
	Scored func()
}

// Pane is what the window shows of a file of many series: the series
// list beside the tabs (the tabs show the selected series), a button that
// scores every series (each fitted on its own, the last horizon held out),
// the i18n.T("All series") tab with the table of errors per method and series and
// small multiples, and the export of every forecast in one file (the
// command line's long format). It stays hidden for a file of one series.
type Pane struct {
	h        *Host
	box      *fyne.Container // the left pane
	Title    *widget.Label
	List     *view.SeriesList
	Progress *widget.Label
	Model    *widget.Select // which PanelForecaster scores all series
	// Static offers the file's static columns (one value per series) as
	// inputs of the global model; shown with it when there are any.
	Static      *widget.CheckGroup
	staticLabel *widget.Label
	RunAll      *widget.Button
	Stop        *widget.Button
	Export      *widget.Button

	overview  *container.TabItem
	Summary   *widget.Label
	Table     *widget.Table
	multiples *fyne.Container

	p       *app.Panel
	run     *app.PanelRun
	methods []string // the run's scored methods, the table's columns after the first three
	rows    []int    // indices into run.Results, in the table's order
	sortBy  int      // table column the rows are sorted by
	cancel  context.CancelFunc
	mu      sync.Mutex // guards cancel

	// picks counts the series picked; only the latest is shown. selMu
	// runs the picks' loads one at a time, so a later pick's data are
	// the session's last (the first series, selected as the file opens,
	// could otherwise finish after the one a person clicked).
	picks atomic.Int64
	selMu sync.Mutex
}

// prefPanelModel keeps the model a person chose for scoring all series.
const prefPanelModel = "panel_model"

// panelModels are the models the window offers for scoring all series
// (names of app.PanelForecasters), the first the default, and their labels.
var panelModels = []struct{ name, label string }{
	{"local", i18n.N("Each series its own LSTM (local)")},
	{"global", i18n.N("One LSTM for all series (global)")},
}

// modelWord is a model's name (app.PanelRun.Model) in the window's
// language: "local" and "global" are the CLI's words, -model local|global.
func modelWord(m string) string {
	switch m {
	case "local":
		return i18n.T("local")
	case "global":
		return i18n.T("global")
	}
	return m
}

// scoredMethods are the methods of the run's metrics, the table's columns
// after the series, its points and the choice: forecast.Methods' (but the
// recommended) in their order, then those a model adds ("global",
// "global+auto_ets") by name, the recommended last.
func scoredMethods(run *app.PanelRun) []string {
	have := map[string]bool{}
	for _, r := range run.Results {
		for m := range r.Metrics {
			have[m] = true
		}
	}
	var out, extra []string
	for _, m := range forecast.Methods {
		if have[m] && m != forecast.MethodRecommended {
			out = append(out, m)
		}
	}
	for m := range have {
		if !slices.Contains(forecast.Methods, m) {
			extra = append(extra, m)
		}
	}
	slices.Sort(extra)
	out = append(out, extra...)
	if have[forecast.MethodRecommended] {
		out = append(out, forecast.MethodRecommended)
	}
	return out
}

// New builds the pane, hidden, and its "All series" tab (not yet added).
func New(h *Host) *Pane {
	pp := &Pane{h: h}
	pp.Title = widget.NewLabel("")
	pp.Title.Wrapping = fyne.TextWrapWord
	pp.Title.TextStyle = fyne.TextStyle{Bold: true}
	pp.List = view.NewSeriesList()
	pp.List.OnSelected = pp.selectSeries
	pp.Progress = widget.NewLabel("")
	pp.Progress.Wrapping = fyne.TextWrapWord
	labels := make([]string, len(panelModels))
	for i, m := range panelModels {
		labels[i] = i18n.T(m.label)
	}
	pp.Model = widget.NewSelect(labels, nil)
	pp.Model.PlaceHolder = i18n.T("(Select one)")
	pp.Model.SetSelectedIndex(0)
	for i, m := range panelModels {
		if m.name == h.Prefs.String(prefPanelModel) {
			pp.Model.SetSelectedIndex(i)
		}
	}
	pp.Static = widget.NewCheckGroup(nil, nil)
	pp.staticLabel = widget.NewLabel(i18n.T("Inputs besides each series' values:"))
	pp.staticLabel.Wrapping = fyne.TextWrapWord
	pp.Model.OnChanged = func(string) {
		h.Prefs.SetString(prefPanelModel, pp.model())
		pp.showStatic()
	}
	pp.RunAll = widget.NewButtonWithIcon(i18n.T("Score all series"), theme.MediaPlayIcon(), pp.start)
	pp.RunAll.Importance = widget.HighImportance
	pp.Stop = widget.NewButtonWithIcon(i18n.T("Stop"), theme.MediaStopIcon(), pp.Cancel)
	pp.Stop.Disable()
	pp.Export = widget.NewButtonWithIcon(i18n.T("Export all forecasts…"), theme.DocumentSaveIcon(), pp.exportAll)
	pp.Export.Disable()
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(270, 0))
	// Score beside Stop at its own width, not two equal columns: those
	// take twice the longer label ("Alle Reihen bewerten"), which made
	// the German window 1,401 pixels wide, cut off on a 1366×768 screen.
	buttons := container.NewBorder(nil, nil, nil, pp.Stop, pp.RunAll)
	bottom := container.NewVBox(pp.Progress, pp.Model, pp.staticLabel, pp.Static, buttons, pp.Export)
	pp.box = container.NewStack(width, container.NewBorder(pp.Title, bottom, nil, nil, pp.List.Content))
	pp.box.Hide()

	pp.Summary = widget.NewLabel(i18n.T("Score all series (left) to compare the methods on each."))
	pp.Summary.Wrapping = fyne.TextWrapWord
	pp.Table = widget.NewTableWithHeaders(pp.tableSize, func() fyne.CanvasObject {
		l := widget.NewLabel("seasonal_naive+ets")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, pp.updateCell)
	pp.Table.ShowHeaderColumn = false
	pp.Table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	pp.Table.UpdateHeader = pp.updateHeader
	pp.Table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(pp.rows) {
			r := pp.run.Results[pp.rows[id.Row]]
			pp.List.Select(r.ID)
			pp.selectSeries(r.ID)
		}
		pp.Table.UnselectAll()
	}
	pp.multiples = container.NewGridWrap(fyne.NewSize(200, 108))
	split := container.NewVSplit(pp.Table, container.NewVScroll(pp.multiples))
	split.Offset = 0.55
	pp.overview = container.NewTabItemWithIcon(i18n.T("All series"), theme.ListIcon(), container.NewBorder(pp.Summary, nil, nil, nil, split))
	return pp
}

// showStatic shows the static columns to pick when the global model is
// chosen and the file has some.
func (pp *Pane) showStatic() {
	if pp.model() == "global" && len(pp.Static.Options) > 0 {
		pp.staticLabel.Show()
		pp.Static.Show()
		return
	}
	pp.staticLabel.Hide()
	pp.Static.Hide()
}

// static is the static columns picked as inputs (none for the local model).
func (pp *Pane) static() []string {
	if pp.model() != "global" {
		return nil
	}
	return slices.Clone(pp.Static.Selected)
}

// model is the name of the chosen model (app.PanelForecasters).
func (pp *Pane) model() string {
	if i := pp.Model.SelectedIndex(); i >= 0 {
		return panelModels[i].name
	}
	return panelModels[0].name
}

// Wrap puts the pane beside the tabs.
func (pp *Pane) Wrap(tabs fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, pp.box, nil, tabs)
}

// Loaded follows the Data tab: after a file of one series was opened it
// looks for an id column (a text column whose values repeat over dates
// that repeat) and, when there is one, reads the file as many series.
// Samples and files without one hide the pane.
func (pp *Pane) Loaded(d *app.Data) {
	if d == nil || d.Sample != nil || d.Table == nil {
		pp.Hide()
		return
	}
	id := guessIDColumn(d.Table)
	if id == "" {
		pp.Hide()
		return
	}
	pp.open(d.Source, panel.Spec{DateCol: d.Spec.DateCol, IDCols: []string{id}, ValueCols: []string{d.Spec.ValueCol}, Missing: d.Spec.Missing, AutoStatic: true})
}

// OpenColumns reads the open file with every numeric column a series
// (wide format).
func (pp *Pane) OpenColumns() {
	d := pp.h.Session.Data()
	if d == nil || d.Sample != nil {
		pp.h.ShowMessage(i18n.T("Every column a series"), i18n.T("This needs a CSV file of your own."), i18n.T("Open a file (Ctrl+O) whose columns are series, then choose this again."))
		return
	}
	src := d.Source
	if pp.p != nil {
		src = pp.p.Source
	}
	pp.open(src, panel.Spec{DateCol: d.Spec.DateCol, ValueCols: []string{"*"}, Missing: d.Spec.Missing})
}

// open reads path as many series off the UI goroutine and shows them,
// selecting the first; on failure the data on screen stay and a dialog
// explains.
func (pp *Pane) open(path string, spec panel.Spec) {
	pp.Cancel()
	h := pp.h
	h.Background(func() {
		p, err := app.LoadPanel(path, spec)
		h.Do(func() {
			if err != nil {
				h.ShowLoadError(i18n.T("Cannot read the series of %s", view.ShortName(path)), err)
				return
			}
			pp.show(p, "")
		})
	})
}

// ShowMember installs p, whose series id the session already shows (a
// project of a file of many series was opened), marks id in the list and
// shows run, the scoring of every series the project kept (nil: none).
func (pp *Pane) ShowMember(p *app.Panel, id string, run *app.PanelRun) {
	pp.Cancel()
	pp.show(p, id)
	if run != nil {
		pp.showRun(run)
	}
}

// show installs p in the pane and marks the series shown: the first in
// the list's order, loaded into the session, when shown is "".
func (pp *Pane) show(p *app.Panel, shown string) {
	pp.p, pp.run, pp.rows, pp.methods = p, nil, nil, nil
	r := p.Report
	title := i18n.T("%s: %d series one a column", view.ShortName(p.Title), r.Series)
	if r.Format == "long" {
		title = i18n.T("%s: %d series by %s", view.ShortName(p.Title), r.Series, p.IDName)
	}
	pp.Title.SetText(title)
	items := make([]view.SeriesItem, len(p.Members))
	for i, m := range p.Members {
		items[i] = view.SeriesItem{ID: m.ID, Values: m.Series.Values, Err: math.NaN()}
	}
	pp.List.SetItems(items, pp.lineColor())
	pp.Static.Options, pp.Static.Selected = slices.Clone(p.Static), nil
	pp.Static.Refresh()
	pp.showStatic()
	pp.Progress.SetText(importText(r))
	pp.Export.Disable()
	pp.RunAll.Enable()
	pp.Summary.SetText(i18n.T("Score all series (left) to compare the methods on each."))
	pp.setWidths()
	pp.Table.Refresh()
	pp.multiples.RemoveAll()
	pp.box.Show()
	if !slices.Contains(pp.h.Tabs.Items, pp.overview) {
		pp.h.Tabs.Append(pp.overview)
	}
	if shown != "" {
		pp.List.Select(shown)
	} else if ids := pp.List.Shown(); len(ids) > 0 { // the first in the list's order
		pp.List.Select(ids[0])
		pp.selectSeries(ids[0])
	}
}

// importText is the import report in two lines.
func importText(r *panel.Report) string {
	s := i18n.T("%d to %d points (median %d), %s. With gaps %d, missing values %d, duplicate dates %d.",
		r.Shortest.Length, r.Longest.Length, r.MedianLength, i18n.Message(r.Frequency), r.WithGaps, r.WithMissing, r.WithDuplicates)
	if n := len(r.Skipped); n > 0 {
		s += i18n.T(" Skipped %d: %s (%s)", n, r.Skipped[0].ID, i18n.Message(r.Skipped[0].Reason))
		if n > 1 {
			s += i18n.T(" and %d more", n-1)
		}
		s += "."
	}
	return s
}

// Hide hides the pane and the "All series" tab (a file of one series).
func (pp *Pane) Hide() {
	if pp.p == nil {
		return
	}
	pp.Cancel()
	pp.p, pp.run = nil, nil
	pp.box.Hide()
	pp.h.Tabs.Remove(pp.overview)
}

func (pp *Pane) lineColor() color.Color {
	if st := pp.h.Style.Load(); st != nil && len(st.Colors) > 0 {
		return st.Colors[0]
	}
	return theme.Color(theme.ColorNamePrimary)
}

// selectSeries shows the series id in the tabs (stopping a running job
// after asking, as opening a file does).
func (pp *Pane) selectSeries(id string) {
	p, h := pp.p, pp.h
	if p == nil {
		return
	}
	h.ConfirmStop(i18n.T("Showing another series"), func() {
		pick := pp.picks.Add(1)
		h.Background(func() {
			pp.selMu.Lock()
			defer pp.selMu.Unlock()
			if pp.picks.Load() != pick { // a later pick supersedes this one
				return
			}
			d, err := h.Session.SelectSeries(p, id)
			h.Do(func() {
				if pp.picks.Load() != pick { // the later pick loads next and is shown
					return
				}
				if err != nil {
					h.ShowError(i18n.T("Cannot show %s", id), err)
					return
				}
				h.SeriesShown(d)
			})
		})
	})
}

// start scores every series in the background with the current settings.
func (pp *Pane) start() {
	p, h := pp.p, pp.h
	if p == nil {
		return
	}
	if !h.SettingsValid() {
		h.ShowMessage(i18n.T("Settings need fixing"), i18n.T("Some settings are out of range."), i18n.T("Fix the fields marked on the Settings tab, then score again."))
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	pp.mu.Lock()
	pp.cancel = cancel
	pp.mu.Unlock()
	pp.RunAll.Disable()
	pp.Model.Disable()
	pp.Static.Disable()
	pp.Stop.Enable()
	model := pp.model()
	pp.Progress.SetText(i18n.T("Scoring %d series…", len(p.Members)))
	if pp.run == nil { // else the last run's table stays until this one ends
		pp.Summary.SetText(i18n.T("Scoring every series: the table fills in when the run ends (progress on the left)."))
	}
	job := app.PanelJob{Settings: h.Session.Settings(), Method: forecast.MethodRecommended, Holdout: true, Static: pp.static()}
	var last time.Time
	var lastMu sync.Mutex
	progress := func(pr app.PanelProgress) {
		lastMu.Lock()
		defer lastMu.Unlock()
		if time.Since(last) < view.MinFrame && pr.Done < pr.Total {
			return
		}
		last = time.Now()
		text := progressText(pr)
		h.Do(func() { pp.Progress.SetText(text) })
	}
	h.Background(func() {
		run, err := p.Forecast(ctx, model, job, progress)
		h.Do(func() {
			pp.mu.Lock()
			pp.cancel = nil
			pp.mu.Unlock()
			pp.RunAll.Enable()
			pp.Model.Enable()
			pp.Static.Enable()
			pp.Stop.Disable()
			if pp.p != p {
				return // another file meanwhile
			}
			if err != nil {
				pp.Progress.SetText(i18n.T("Stopped: nothing was kept. Score again to start over."))
				if pp.run == nil {
					pp.Summary.SetText(i18n.T("Score all series (left) to compare the methods on each."))
				}
				if err != app.ErrStopped {
					h.ShowError(i18n.T("Scoring failed"), err)
				}
				return
			}
			h.Session.SetPanelRun(p, run) // a project keeps it
			pp.showRun(run)
			if h.Scored != nil {
				h.Scored()
			}
		})
	})
}

// lookbackText says which input window the global network used, and
// among which it was chosen.
func lookbackText(run *app.PanelRun) string {
	if tried := run.LookbacksTried(); tried != "" {
		return i18n.T("The global network's lookback: %d points, the lowest validation error of %s.", run.Lookback, tried)
	}
	return i18n.T("The global network's lookback: %d points.", run.Lookback)
}

// progressText says how far a run got: the stage (a global model's
// classical fits, epochs, forecasts), series and training windows done,
// time spent and left.
func progressText(pr app.PanelProgress) string {
	s := i18n.T("%d of %d series", pr.Done, pr.Total)
	if pr.Epochs > 0 {
		s = i18n.T("epoch %d of %d, %s", pr.Epoch, pr.Epochs, s)
		if pr.Candidates > 1 {
			s = i18n.T("lookback %d (%d of %d), %s", pr.Lookback, pr.Candidate, pr.Candidates, s)
		}
	}
	if pr.Stage != "" {
		s = upperFirst(i18n.Message(pr.Stage)) + ": " + s
	}
	if pr.Windows > 0 {
		s += i18n.T(", %d training windows", pr.Windows)
	}
	s += i18n.T(" in %.0f s", pr.Elapsed.Seconds())
	if pr.Left >= time.Second {
		s += i18n.T(", about %.0f s left", pr.Left.Seconds())
	}
	return s
}

// upperFirst is s with its first letter in upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Cancel stops a running scoring of every series.
func (pp *Pane) Cancel() {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if pp.cancel != nil {
		pp.cancel()
	}
}

// showRun fills the list's errors, the table and the small multiples.
func (pp *Pane) showRun(run *app.PanelRun) {
	pp.run, pp.methods = run, scoredMethods(run)
	errs := map[string]float64{}
	for _, r := range run.Results {
		if m, ok := r.Metrics[forecast.MethodRecommended]; ok && r.Err == nil {
			errs[r.ID] = m.MASE
		}
	}
	pp.List.SetErrors(errs)
	if pp.List.Sort.Selected != i18n.T(view.SortError) {
		pp.List.Sort.SetSelected(i18n.T(view.SortError))
	}
	mean, n := run.Aggregate()
	failed := len(run.Failed())
	pp.Progress.SetText(i18n.T("Scored %d series in %.1f s, model %s. Errors: MASE on the last %d points.", len(run.Results)-failed, run.Seconds, modelWord(run.Model), run.Job.Settings.Horizon))
	var parts []string
	for i, m := range pp.methods {
		if a, ok := mean[m]; ok {
			part := pp.colName(3+i) + " " + view.Fixed(a.MASE, 3)
			if n[m] < n[forecast.MethodRecommended] { // e.g. the methods of a series forecast on its own
				if n[m] == 1 {
					part += " " + i18n.T("(1 series)") // German and Chinese have a singular
				} else {
					part += " " + i18n.T("(%d series)", n[m])
				}
			}
			parts = append(parts, part)
		}
	}
	summary := i18n.T("Mean MASE over %d series on the last %d points: %s.",
		n[forecast.MethodRecommended], run.Job.Settings.Horizon, strings.Join(parts, ", ")) + "\n" +
		i18n.T("Click a column's header to sort by it, a row to show that series.")
	if len(run.Job.Static) > 0 {
		summary += "\n" + i18n.T("The global network's inputs besides the values: %s.", strings.Join(run.Job.Static, ", "))
	}
	if run.Lookback > 0 {
		summary += "\n" + lookbackText(run)
	}
	if alone := run.Alone(); len(alone) > 0 {
		summary += "\n" + i18n.T("%d left out of the global model and forecast on their own (the Chosen column names the method), e.g. %s: %s", len(alone), alone[0].ID, i18n.Message(alone[0].Alone))
	}
	if failed > 0 {
		f := run.Failed()[0]
		summary += "\n" + i18n.T("%d failed, e.g. %s: %s", failed, f.ID, pp.h.Explain(f.Err))
	}
	pp.Summary.SetText(summary)
	pp.rows = make([]int, len(run.Results))
	for i := range pp.rows {
		pp.rows[i] = i
	}
	pp.sortRows(3 + max(slices.Index(pp.methods, forecast.MethodRecommended), 0)) // by the recommended forecast's error
	pp.Export.Enable()
}

// tableSize is the overview table's size: a row per series; columns
// series, points, recommended, then each scored method's MASE.
func (pp *Pane) tableSize() (int, int) {
	return len(pp.rows), 3 + len(pp.methods)
}

func (pp *Pane) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 {
		b.SetText("")
		return
	}
	name := pp.colName(id.Col)
	if id.Col == pp.sortBy && pp.run != nil { // nothing is sorted before a run
		name += " ▼"
	}
	b.SetText(name)
	col := id.Col
	b.OnTapped = func() { pp.sortRows(col) }
}

func (pp *Pane) colName(c int) string {
	switch c {
	case 0:
		return i18n.T("Series")
	case 1:
		return i18n.T("Points")
	case 2:
		return i18n.T("Chosen")
	}
	return methodLabel(pp.methods[c-3])
}

// methodLabel is the name the table gives method m, in its header and in
// the Chosen column: short forms where the window's labels are long, and
// the labels of a mean's parts ("LSTM + ETS (auto, AICc)").
func methodLabel(m string) string {
	short := func(m string) string {
		switch m {
		case forecast.MethodETS:
			return "ETS"
		case forecast.MethodSeasonalNaive:
			return i18n.T("S. naive")
		case global.MethodGlobal:
			return i18n.T("Global LSTM")
		case global.MethodBlend:
			return i18n.T("Global+ETS (auto)")
		case global.MethodBlend3:
			return i18n.T("Global+ETS+Theta")
		}
		return ""
	}
	if l := short(m); l != "" {
		return l
	}
	return view.BlendLabelWith(m, func(p string) string {
		if l := short(p); l != "" {
			return l
		}
		return view.MethodLabel(p)
	})
}

// cell is the text of a table cell and the number it sorts by.
func (pp *Pane) cell(row, col int) (string, float64) {
	r := pp.run.Results[pp.rows[row]]
	switch col {
	case 0:
		return r.ID, 0
	case 1:
		n := pp.p.Members[pp.rows[row]].Series.Len()
		return fmt.Sprint(n), float64(n)
	case 2:
		if r.Err != nil {
			return i18n.T("failed"), math.Inf(1)
		}
		return methodLabel(r.Recommended), 0
	}
	m, ok := r.Metrics[pp.methods[col-3]]
	if !ok || r.Err != nil {
		return "—", math.Inf(1)
	}
	return i18n.Numf("%.3f", m.MASE), m.MASE
}

func (pp *Pane) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if pp.run == nil || id.Row >= len(pp.rows) {
		l.SetText("")
		return
	}
	t, _ := pp.cell(id.Row, id.Col)
	l.SetText(t)
}

// sortRows orders the table by column col (names and choices A–Z,
// numbers largest first: the worst errors on top) and redraws the small
// multiples in that order.
func (pp *Pane) sortRows(col int) {
	if pp.run == nil {
		return
	}
	pp.sortBy = col
	key := make(map[int]float64, len(pp.rows))
	text := make(map[int]string, len(pp.rows))
	for i, r := range pp.rows {
		text[r], key[r] = pp.cell(i, col)
	}
	slices.SortStableFunc(pp.rows, func(a, b int) int {
		if col == 0 || col == 2 {
			return strings.Compare(text[a], text[b])
		}
		ka, kb := key[a], key[b]
		switch {
		case ka == kb:
			return strings.Compare(pp.run.Results[a].ID, pp.run.Results[b].ID)
		case math.IsInf(ka, 1):
			return 1
		case math.IsInf(kb, 1):
			return -1
		case ka > kb:
			return -1
		}
		return 1
	})
	pp.setWidths()
	pp.Table.Refresh()
	pp.drawMultiples()
}

// setWidths sizes the table's columns for their contents and headers
// (before a run, the three columns series, points and chosen: drawn at
// the template's width they were cut to a few letters).
func (pp *Pane) setWidths() {
	for c := range 3 + len(pp.methods) {
		w := float32(92)
		switch {
		case c == 0 || c == 2:
			w = 140
		case c == 1:
			w = 76
		case pp.methods[c-3] == forecast.MethodRecommended:
			w = 130
		case slices.Contains([]string{global.MethodGlobal, global.MethodBlend, global.MethodBlend3}, pp.methods[c-3]):
			w = 116
		}
		// at least the header's text ("ETS (auto, AICc)", a longer
		// translation), which the table would otherwise clip
		head := fyne.MeasureText(pp.colName(c), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		w = max(w, head+4*theme.InnerPadding())
		if c == 2 && pp.run != nil { // and the longest method chosen
			for row := range pp.rows {
				txt, _ := pp.cell(row, c)
				w = max(w, fyne.MeasureText(txt, theme.TextSize(), fyne.TextStyle{}).Width+4*theme.InnerPadding())
			}
		}
		pp.Table.SetColumnWidth(c, w)
	}
}

// maxMultiples bounds the small multiples drawn (the table lists all).
const maxMultiples = 48

// drawMultiples draws each series (in the table's order, at most
// maxMultiples) with its forecast after it.
func (pp *Pane) drawMultiples() {
	pp.multiples.RemoveAll()
	line, fc := pp.lineColor(), color.Color(theme.Color(theme.ColorNameError))
	if st := pp.h.Style.Load(); st != nil && len(st.Colors) > 1 {
		fc = st.Colors[1]
	}
	for _, i := range pp.rows[:min(len(pp.rows), maxMultiples)] {
		r, m := pp.run.Results[i], pp.p.Members[i]
		img := canvas.NewImageFromImage(view.Sparkline(m.Series.Values, r.Forecast.Mean, 180, 64, line, fc))
		img.FillMode = canvas.ImageFillStretch
		img.SetMinSize(fyne.NewSize(180, 64))
		label := widget.NewLabel(r.ID)
		label.Truncation = fyne.TextTruncateEllipsis
		if mm, ok := r.Metrics[forecast.MethodRecommended]; ok && r.Err == nil {
			label.SetText(r.ID + "  MASE " + view.Fixed(mm.MASE, 2))
		}
		pp.multiples.Add(container.NewPadded(container.NewBorder(nil, label, nil, nil, img)))
	}
	pp.multiples.Refresh()
}

// exportAll writes every forecast in one file, the command line's format.
func (pp *Pane) exportAll() {
	p, run := pp.p, pp.run
	if p == nil || run == nil {
		return
	}
	name := strings.TrimSuffix(p.Title, ".csv") + "_forecasts.csv"
	pp.h.SaveDialog(i18n.T("Export all forecasts"), name, []string{".csv"}, func(path string) error { return p.ExportForecast(path, run) })
}

// guessIDColumn returns the column that names the series of a long file:
// a text column with between 2 and rows/3 distinct values, in a table
// whose dates repeat. "" when there is none.
func guessIDColumn(t *tsdata.Table) string {
	dc, ok := t.Column(t.DateColumn)
	if !ok || dc.Times == nil || t.Rows < 6 {
		return ""
	}
	dates := map[int64]struct{}{}
	for _, tm := range dc.Times {
		dates[tm.Unix()] = struct{}{}
	}
	if len(dates) == t.Rows {
		return ""
	}
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Type != tsdata.TypeText || c.Text == nil {
			continue
		}
		seen := map[string]struct{}{}
		for _, s := range c.Text {
			seen[s] = struct{}{}
			if len(seen) > t.Rows/3 {
				break
			}
		}
		if len(seen) >= 2 && len(seen) <= t.Rows/3 {
			return c.Name
		}
	}
	return ""
}
