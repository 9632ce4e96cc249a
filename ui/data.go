package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/sampledata"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/view"
)

const noDate = "(none: row number)"

// reportRows are the rows of the import report.
var reportRows = []string{"Read as", "Rows", "Range", "Frequency", "Gaps", "Duplicates", "Out of order", "Missing"}

// noData is the Data tab's first line before any data are loaded.
const noData = "No data yet: open a CSV file (Ctrl+O, or drop it on the window) or pick a sample."

// maxWarnings is how many of the import report's warnings are listed.
const maxWarnings = 8

var missingChoices = []string{"interpolate", "forward fill", "drop rows"} // by index: tsdata.MissingPolicy

// dayOrderChoices are the Day order picker's options, in tsdata.DayOrder's
// order (auto, day first, month first).
var dayOrderChoices = []string{"from the data", "day first (31/12/2024)", "month first (12/31/2024)"}

// DataTab opens files and samples, picks columns and shows the import
// report and a preview.
type DataTab struct {
	u       *UI
	content fyne.CanvasObject

	OpenButton   *widget.Button
	SampleSelect *widget.Select
	RecentSelect *widget.Select
	Source       *widget.Label
	About        *widget.Label // description and provenance of a sample

	DateSelect    *widget.Select
	ValueSelect   *widget.Select
	Covariates    *widget.CheckGroup
	NoCovariates  *widget.Label
	MissingSelect *widget.Select
	// DayOrder re-reads a file with dates like 01/02/2006 day or month
	// first (the import report's warning points to it).
	DayOrder *widget.Select

	Report  *widget.Form
	sheets  *sheetPicker // a workbook's sheets (ui/sheets.go)
	loading *fileLoad    // the file loading, with its progress dialog (UI goroutine)
	cols    *widget.Form
	// member is set while a series of a file of many series is shown (its
	// Forecast field then names the series picked in the list)
	member  bool
	left    *container.Scroll
	report  map[string]*widget.Label
	Notes   *widget.Label
	Preview *view.Chart
	// Diag describes the series (decomposition, autocorrelation) beside
	// the preview; Views holds the preview and its charts.
	Diag  *view.SeriesDiag
	Views *container.AppTabs
	// Points lists the series point by point (the Table sub-tab).
	Points *view.DataTable

	updating bool // suppress column callbacks while filling the pickers
	samples  []sampledata.Sample
	colNames columnLabels // the pickers' labels of the loaded table's columns
}

// columnLabels maps the column names of a file to the labels the pickers
// show and back: each label is the name cut by shortName (a column name may
// be a megabyte of text), made unique with " (2)", " (3)" … when two names
// are cut to the same label.
type columnLabels struct {
	label map[string]string // column name → label
	name  map[string]string // label → column name
}

func newColumnLabels(names []string) columnLabels {
	c := columnLabels{label: map[string]string{}, name: map[string]string{i18n.T(noDate): ""}} // noDate is taken
	for _, n := range names {
		if _, ok := c.label[n]; ok {
			continue
		}
		l := view.ShortName(n)
		for i := 2; ; i++ {
			if _, taken := c.name[l]; !taken {
				break
			}
			l = fmt.Sprintf("%s (%d)", view.ShortName(n), i)
		}
		c.label[n], c.name[l] = l, n
	}
	return c
}

// labels returns the labels of names.
func (c columnLabels) labels(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = c.label[n]
	}
	return out
}

// names returns the column names of labels.
func (c columnLabels) names(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = c.name[l]
	}
	return out
}

func (u *UI) newDataTab() *DataTab {
	t := &DataTab{u: u, samples: sampledata.List(), report: map[string]*widget.Label{}}
	t.OpenButton = widget.NewButtonWithIcon(i18n.T("Open file…"), theme.FolderOpenIcon(), u.openFileDialog)
	t.OpenButton.Importance = widget.HighImportance
	titles := make([]string, len(t.samples))
	for i, s := range t.samples {
		titles[i] = i18n.SampleTitle(s)
	}
	t.SampleSelect = widget.NewSelect(titles, func(title string) {
		if t.updating {
			return
		}
		for _, s := range t.samples {
			if i18n.SampleTitle(s) == title {
				t.openSample(s.ID)
			}
		}
	})
	t.SampleSelect.PlaceHolder = i18n.T("Open a sample…")
	t.RecentSelect = widget.NewSelect(nil, func(p string) {
		if t.updating || p == "" {
			return
		}
		t.openPath(p)
	})
	t.RecentSelect.PlaceHolder = i18n.T("Recent files…")
	t.Source = widget.NewLabelWithStyle(i18n.T(noData), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Source.Truncation = fyne.TextTruncateEllipsis
	t.About = widget.NewLabel("")
	t.About.Wrapping = fyne.TextWrapWord
	t.About.Hide()

	t.DateSelect = widget.NewSelect(nil, func(string) { t.columnsChanged() })
	t.ValueSelect = widget.NewSelect(nil, func(string) { t.columnsChanged() })
	t.DateSelect.PlaceHolder, t.ValueSelect.PlaceHolder = i18n.T(selectOne), i18n.T(selectOne)
	t.Covariates = widget.NewCheckGroup(nil, func([]string) { t.columnsChanged() })
	t.Covariates.Horizontal = true
	t.NoCovariates = widget.NewLabel(i18n.T("none: no other numeric column"))
	t.NoCovariates.Importance = widget.LowImportance
	t.MissingSelect = widget.NewSelect(i18n.All(missingChoices), func(string) { t.columnsChanged() })
	t.MissingSelect.SetSelectedIndex(0)
	t.DayOrder = widget.NewSelect(i18n.All(dayOrderChoices), func(string) { t.dayOrderChanged() })
	t.DayOrder.Selected = i18n.T(dayOrderChoices[0]) // no callback: nothing is loaded
	for _, w := range []fyne.Disableable{t.DateSelect, t.ValueSelect, t.Covariates, t.MissingSelect, t.DayOrder} {
		w.Disable()
	}

	t.cols = widget.NewForm(
		&widget.FormItem{Text: i18n.T("Date"), Widget: t.DateSelect, HintText: i18n.T("Timestamps of the rows")},
		&widget.FormItem{Text: i18n.T("Forecast"), Widget: t.ValueSelect, HintText: i18n.T("The column to predict")},
		&widget.FormItem{Text: i18n.T("Extra inputs"), Widget: container.NewVBox(t.Covariates, t.NoCovariates), HintText: i18n.T("Optional: other columns fed to the network")},
		&widget.FormItem{Text: i18n.T("Missing values"), Widget: t.MissingSelect, HintText: i18n.T("How gaps and empty cells are filled")},
		&widget.FormItem{Text: i18n.T("Day order"), Widget: t.DayOrder, HintText: i18n.T("How dates like 01/02/2024 are read")},
	)
	t.sheets = t.newSheetPicker()
	t.Report = widget.NewForm()
	for i, k := range reportRows {
		l := widget.NewLabel("–")
		l.Wrapping = fyne.TextWrapWord
		t.report[k] = l
		t.Report.Append(i18n.All(reportRows)[i], l)
	}
	t.Notes = widget.NewLabel("")
	t.Notes.Wrapping = fyne.TextWrapWord
	t.Notes.Importance = widget.WarningImportance
	t.Notes.Hide()

	t.Preview = view.NewChart(u.host, 320, 260)
	t.Preview.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.Message(st, i18n.T("Preview"), i18n.T("Open a file or a sample to see the series"))
	})

	toolbar := container.NewHBox(t.OpenButton, container.NewGridWrap(fyne.NewSize(330, t.SampleSelect.MinSize().Height), t.SampleSelect),
		container.NewGridWrap(fyne.NewSize(260, t.RecentSelect.MinSize().Height), t.RecentSelect))
	t.Diag = view.NewSeriesDiag(u.host)
	t.Points = view.NewDataTable(u.host)
	left := container.NewVBox(
		widget.NewCard(i18n.T("Columns"), "", container.NewVBox(t.sheets.row, t.cols)),
		widget.NewCard(i18n.T("Import report"), "", container.NewVBox(t.About, t.Report, t.Notes)),
	)
	t.left = container.NewVScroll(left)
	t.Views = container.NewAppTabs(
		container.NewTabItem(i18n.T("Series"), t.Preview),
		container.NewTabItem(i18n.T("Decomposition"), t.Diag.DecompView),
		container.NewTabItem(i18n.T("Autocorrelation"), t.Diag.ACFView),
		container.NewTabItem(i18n.T("Table"), t.Points.Content),
	)
	split := container.NewHSplit(t.left, t.Views)
	split.Offset = 0.36
	t.content = view.TopFirst(container.NewVBox(toolbar, t.Source, widget.NewSeparator()), split)
	return t
}

// openFileDialog asks for a CSV file or a workbook.
func (u *UI) openFileDialog() {
	u.openDialog(i18n.T("Cannot open the file"), openExts, u.Data.openPath)
}

// openDialog asks for a file with one of the extensions, starting in the
// folder last used (or the data's), and hands its path to open on the UI
// goroutine.
func (u *UI) openDialog(title string, exts []string, open func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(title, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.rememberDir(path)
		open(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	u.showFileDialog(d)
}

// confirmStop asks before an action that stops a running job. then runs on
// the UI goroutine.
func (u *UI) confirmStop(what string, then func()) {
	if !u.Session.Busy() {
		then()
		return
	}
	msg := i18n.T("Training is in progress. %s stops it; the best weights so far are kept as a run.", what)
	switch {
	case u.Session.BacktestJob().State == app.Running:
		msg = i18n.T("A backtest is running. %s stops it; its unfinished results are dropped.", what)
	case !u.Session.State().Active():
		msg = i18n.T("An experiment is running. %s stops it; its unfinished results are dropped.", what)
	}
	dialog.ShowConfirm(i18n.T("Stop and continue?"), msg, func(ok bool) {
		if ok {
			then()
		}
	}, u.win)
}

// openPath loads a CSV file in the background. On failure the previous data
// stay and a dialog explains. Only a file that loaded is in the recent
// files; one that fails to load leaves them.
func (t *DataTab) openPath(path string) {
	t.u.confirmStop(i18n.T("Opening another file"), func() {
		t.loadFile(path, "", view.ShortName(filepath.Base(path)),
			func() { t.u.addRecent(path); t.u.rememberDir(path) }, func() { t.u.removeRecent(path) })
	})
}

func (t *DataTab) openSample(id string) {
	t.u.confirmStop(i18n.T("Opening a sample"), func() {
		t.load(id, func() (*app.Data, error) { return t.u.Session.LoadSample(id) }, nil, nil)
	})
}

// load runs fn off the UI goroutine (it may stop and wait for a job) and
// shows the outcome; then ok or failed (either may be nil) runs on the UI
// goroutine.
func (t *DataTab) load(name string, fn func() (*app.Data, error), ok, failed func()) {
	u := t.u
	u.busy.Store(true)
	t.Source.SetText(i18n.T("Loading %s…", name))
	u.background(func() {
		d, err := fn()
		u.busy.Store(false)
		u.do(func() {
			if errors.Is(err, context.Canceled) { // Cancel was pressed: nothing to report
				t.showData(u.Session.Data())
				return
			}
			if err != nil {
				if failed != nil {
					failed()
				}
				t.showData(u.Session.Data()) // what is still loaded
				u.showLoadError(i18n.T("Cannot open %s", name), err)
				return
			}
			if ok != nil {
				ok()
			}
			u.prj.DataReplaced()
			t.showData(d)
			u.Panel.Loaded(d)   // a file of many series: the series list
			u.Set.fromSession() // a sample may set the horizon
			u.Exp.UpdateButtons()
			u.Fc.clear()
			u.Tabs.SelectIndex(0)
		})
	})
}

// showMember is showData for a series of a file of many (its Forecast
// field then says it is the series picked in the list).
func (t *DataTab) showMember(d *app.Data) {
	t.member = true
	t.showData(d)
	t.member = false
}

// showData fills the pickers, report and preview from d (nil = nothing).
func (t *DataTab) showData(d *app.Data) {
	t.updating = true
	defer func() { t.updating = false }()
	t.sheets.show(d)
	if d == nil {
		t.Source.SetText(i18n.T(noData))
		return
	}
	if d.Sample != nil {
		t.Source.SetText(i18n.T("Sample: %s", i18n.SampleTitle(*d.Sample)))
		t.About.SetText(i18n.SampleDescription(*d.Sample) + "\n" + i18n.T("Source: %s.", i18n.SampleSource(*d.Sample)))
		t.About.Show()
		t.SampleSelect.SetSelected(i18n.SampleTitle(*d.Sample))
	} else {
		t.Source.SetText(i18n.T("File: %s", app.Clip(d.Source, app.MaxMessage)))
		t.About.Hide()
		t.SampleSelect.ClearSelected()
	}

	tab := d.Table
	t.colNames = newColumnLabels(tab.ColumnNames())
	dates := []string{i18n.T(noDate)}
	for _, c := range tab.Columns {
		if c.Type == tsdata.TypeDate {
			dates = append(dates, t.colNames.label[c.Name])
		}
	}
	t.DateSelect.Options = dates
	date := i18n.T(noDate)
	if d.Report.DateColumn != "" {
		date = t.colNames.label[d.Report.DateColumn]
	}
	t.DateSelect.SetSelected(date)
	hint := i18n.T("The column to predict")
	if t.member {
		hint = i18n.T("The series picked in the list on the left")
	}
	if it := t.cols.Items[1]; it.HintText != hint {
		it.HintText = hint
		t.cols.Refresh()
	}
	nums := tab.NumericColumns()
	t.ValueSelect.Options = t.colNames.labels(nums)
	if d.Series != nil {
		t.ValueSelect.SetSelected(t.colNames.label[d.Series.Name])
	}
	var covs []string
	for _, n := range nums {
		if d.Series == nil || n != d.Series.Name {
			covs = append(covs, n)
		}
	}
	t.Covariates.Options = t.colNames.labels(covs)
	t.Covariates.Selected = t.colNames.labels(d.Spec.Covariates)
	t.Covariates.Refresh()
	t.MissingSelect.SetSelectedIndex(int(d.Spec.Missing))
	for _, w := range []fyne.Disableable{t.DateSelect, t.ValueSelect, t.Covariates, t.MissingSelect} {
		w.Enable()
	}
	t.DayOrder.SetSelectedIndex(int(d.DayOrder))
	if d.Sample != nil || d.Report.DateColumn == "" {
		t.DayOrder.Disable() // a sample's dates are unambiguous; no dates, no order
	} else {
		t.DayOrder.Enable()
	}
	if len(covs) == 0 {
		t.Covariates.Disable()
		t.Covariates.Hide()
		t.NoCovariates.Show()
	} else {
		t.Covariates.Show()
		t.NoCovariates.Hide()
	}
	t.cols.Refresh() // the labels follow their widgets' enabled state
	t.showReport(d.Report, d.Series, d.Panel)
	t.showPreview(d)
	t.Points.Show(d)
	// Wrapped texts changed height: lay the column out again.
	t.left.Content.Refresh()
	t.left.Refresh()
}

// showReport fills the import report; pn is the file of many series s is
// one of (nil for a file of its own), whose rows the report counts: r is
// then the report of s's own table, a date column and s.
func (t *DataTab) showReport(r *tsdata.Report, s *tsdata.Series, pn *app.Panel) {
	// Dates, examples and warnings quote the file: each is cut (app.Clip).
	set := func(k, v string) { t.report[k].SetText(app.Clip(v, app.MaxMessage)) }
	set("Read as", view.ReadAs(r))
	if pn != nil && pn.Panel != nil {
		set("Rows", i18n.T("%s rows in the file, %d series; this one has %s points", view.Fixed(float64(pn.Report.Rows), 0), pn.Report.Series, view.Fixed(float64(r.SeriesLength), 0))+view.WorkbookNote(r))
	} else {
		set("Rows", i18n.T("%s rows, %d columns; series of %s points", view.Fixed(float64(r.Rows), 0), len(r.Columns), view.Fixed(float64(r.SeriesLength), 0))+view.WorkbookNote(r))
	}
	if r.Start != "" {
		set("Range", view.RangeText(r, s))
	} else {
		set("Range", i18n.T("row numbers (no date column)"))
	}
	fq := i18n.Message(r.Frequency)
	if r.SeasonalPeriod > 1 {
		fq += i18n.T(" (season %d)", r.SeasonalPeriod)
	}
	set("Frequency", fq)
	issue := func(is tsdata.Issue, none string) string {
		if is.Count == 0 {
			return none
		}
		s := fmt.Sprint(is.Count)
		if len(is.Examples) > 0 {
			s += i18n.T(", e.g. %s", strings.Join(is.Examples, "; "))
		}
		return s
	}
	set("Gaps", view.GapsText(r))
	set("Duplicates", issue(r.Duplicates, "none"))
	set("Out of order", issue(r.OutOfOrder, "none"))
	set("Missing", view.MissingText(r))
	if len(r.Warnings) > 0 {
		var notes []string
		for i, w := range r.Warnings {
			if i == maxWarnings {
				notes = append(notes, "⚠ "+i18n.T("and %d more warnings", len(r.Warnings)-i))
				break
			}
			notes = append(notes, "⚠ "+app.Clip(i18n.Message(w), app.MaxMessage))
		}
		t.Notes.SetText(strings.Join(notes, "\n"))
		t.Notes.Show()
	} else {
		t.Notes.Hide()
	}
}

// showPreview draws the series with the split of the current settings.
func (t *DataTab) showPreview(d *app.Data) {
	if d == nil || d.Series == nil {
		t.Diag.Follow(nil, 0)
		return
	}
	s := d.Series
	t.Diag.Follow(s, t.u.Session.Settings().Season)
	x, isTime := chart.FromTimes(s.Times, s.Len())
	ts := chart.TS{Name: s.Name, X: x, Y: s.Values, Time: isTime, Filled: view.FilledPoints(d)}
	// The shading is the plan training will use (forecast.PlanFor); when
	// the settings do not fit the series nothing is shaded and the title
	// says why.
	var spans chart.Spans
	if plan, err := forecast.PlanFor(s, t.u.Session.Settings()); err != nil {
		ts.Name = view.ShortName(s.Name) + " — " + i18n.T("%d points; no split shown: %s", s.Len(), app.Clip(i18n.Error(err), 120))
	} else {
		spans.ValStart, spans.TestStart = plan.Spans()
		split := i18n.T("%d points; shaded: validation (%d) and holdout (the last %d)", s.Len(), spans.TestStart-spans.ValStart, s.Len()-spans.TestStart)
		if d.Panel != nil {
			// a series of many: scoring every series splits each its own
			// way (the global model's validation is the H points before
			// the holdout), so say whose split this is
			split = i18n.T("%d points; shaded to train it alone: validation (%d) and holdout (the last %d)", s.Len(), spans.TestStart-spans.ValStart, s.Len()-spans.TestStart)
		}
		ts.Name = view.ShortName(s.Name) + " — " + split
	}
	t.Preview.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.SeriesPreview(st, ts, spans, px)
	})
}

// columnsChanged re-extracts the series with the chosen columns.
func (t *DataTab) columnsChanged() {
	if t.updating || t.ValueSelect.Selected == "" {
		return
	}
	date := "-"
	if l := t.DateSelect.Selected; l != i18n.T(noDate) {
		date = t.colNames.name[l]
	}
	spec := tsdata.SeriesSpec{
		DateCol:    date,
		ValueCol:   t.colNames.name[t.ValueSelect.Selected],
		Covariates: t.colNames.names(t.Covariates.Selected),
		Missing:    tsdata.MissingPolicy(max(t.MissingSelect.SelectedIndex(), 0)),
	}
	u := t.u
	u.confirmStop(i18n.T("Changing the columns"), func() {
		u.background(func() {
			before := u.Session.Data()
			d, err := u.Session.SelectColumns(spec)
			if err == nil {
				u.prj.ColumnsEdited(before, d)
			}
			u.do(func() {
				if err != nil {
					t.showData(u.Session.Data())
					u.showLoadError(i18n.T("Cannot use these columns"), err)
					return
				}
				t.showData(d)
				u.Fc.clear()
			})
		})
	})
}

// addRecent puts path first in the recent-files list (at most 8).
func (u *UI) addRecent(path string) {
	p := u.App.Preferences()
	list := slices.DeleteFunc(p.StringList(prefRecent), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > 8 {
		list = list[:8]
	}
	p.SetStringList(prefRecent, list)
	u.Data.setRecent(list)
}

// removeRecent drops path from the recent-files list.
func (u *UI) removeRecent(path string) {
	p := u.App.Preferences()
	list := p.StringList(prefRecent)
	if !slices.Contains(list, path) {
		return
	}
	list = slices.DeleteFunc(list, func(s string) bool { return s == path })
	p.SetStringList(prefRecent, list)
	u.Data.setRecent(list)
}

// setRecent lists the files of list that are still regular files (one
// replaced by a named pipe would block its reader).
func (t *DataTab) setRecent(list []string) {
	var ok []string
	for _, p := range list {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			ok = append(ok, p)
		}
	}
	t.updating = true
	t.RecentSelect.Options = ok
	t.RecentSelect.ClearSelected()
	t.updating = false
	if len(ok) == 0 {
		t.RecentSelect.Disable()
	} else {
		t.RecentSelect.Enable()
	}
}

// dayOrderChanged reads the file again with the day order picked.
func (t *DataTab) dayOrderChanged() {
	if t.updating {
		return
	}
	order := tsdata.DayOrder(max(t.DayOrder.SelectedIndex(), 0))
	u := t.u
	if d := u.Session.Data(); d == nil || d.DayOrder == order {
		return
	}
	u.confirmStop(i18n.T("Changing the day order"), func() {
		u.background(func() {
			d, err := u.Session.SetDayOrder(order)
			u.do(func() {
				if err != nil {
					t.showData(u.Session.Data())
					u.showLoadError(i18n.T("Cannot read the dates that way"), err)
					return
				}
				t.showData(d)
				u.Set.fromSession() // the frequency, and so the horizon, may change
				u.Fc.clear()
			})
		})
	})
}
