package ui

import (
	"errors"
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/expview"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/look"
	"github.com/forecaster-dev/forecaster/ui/panelview"
	"github.com/forecaster-dev/forecaster/ui/projectui"
	"github.com/forecaster-dev/forecaster/ui/safefiles"
	"github.com/forecaster-dev/forecaster/ui/trainview"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// Title is the main window's title.
const Title = "Forecaster"

// defaultSize is the window's size when it opens: with the title bar and
// a panel it fits a 1366×768 laptop screen. Every tab also fits a window
// of 1024×700 (TestWindowFits), with scroll bars where it must.
var defaultSize = fyne.NewSize(1260, 680)

// Preference keys.
const (
	prefSettings = "settings"     // JSON of config.Settings
	prefRecent   = "recent_files" // most recent first
	prefLastDir  = "last_dir"
)

// UI is the main window and its widgets. Widgets are exported as fields so
// tests can drive them.
type UI struct {
	App     fyne.App
	Session *app.Session
	win     fyne.Window
	done    chan struct{}
	ready   chan struct{} // closed when NewWithSession has built and laid out the window
	closeMu sync.Once
	bg      sync.WaitGroup // the watcher and the chart render loops
	host    *view.Host     // what the views of package view need from the window
	style   atomic.Pointer[chart.Style]

	Tabs *container.AppTabs
	Data *DataTab
	Set  *SettingsTab
	Tr   *trainview.TrainingTab
	Fc   *ForecastTab
	Cmp  *CompareTab
	Exp  *expview.ExperimentsTab
	// Panel is the series list and the "All series" tab of a file of many
	// series (hidden otherwise).
	Panel *panelview.Pane

	// lastDialog is the title and text of the most recent error or info
	// dialog (for tests).
	lastDialogMu sync.Mutex
	lastDialog   string

	// uiMu serialises the callbacks handed to fyne.Do (see do) with tests,
	// which drive the widgets from the test goroutine: the test driver runs
	// fyne.Do callbacks on the calling goroutine instead of a UI loop.
	uiMu sync.Mutex

	prj       *projectui.Projects // project files, autosave and undo (project.go)
	guide     fyne.Window         // the Help ▸ Guide window, while open
	guideText *widget.RichText    // its text (for tests)

	handledRun int                // the last finished run whose outcome was shown
	lastSeq    uint64             // Progress.Seq of the snapshot on screen (UI goroutine)
	busy       atomic.Bool        // a file is being loaded
	fileDialog *dialog.FileDialog // the open or save dialog showing, or nil (files.go)
	lastToast  string             // the last message toast showed (under lastDialogMu)

	// The watcher's newest snapshot, and whether a closure that will show
	// it is queued on the UI goroutine (at most one is: see watch).
	latest  atomic.Pointer[snapshot]
	pending atomic.Bool
}

// snapshot is what the watcher copies from the session for the widgets.
type snapshot struct {
	p   app.Progress
	run *app.Run
	exp app.ExperimentStatus
	bt  app.BacktestStatus
}

// New builds the main window of a and its session (trained with
// forecast.Train).
func New(a fyne.App) *UI {
	return NewWithSession(a, app.NewSession(nil))
}

// NewWithSession builds the main window around an existing session (tests
// inject one with a fake trainer).
func NewWithSession(a fyne.App, s *app.Session) *UI {
	u := &UI{App: a, Session: s, done: make(chan struct{}), ready: make(chan struct{})}
	u.host = &view.Host{Do: u.do, Background: u.background, Style: &u.style, Ready: u.ready, Done: u.done, BG: &u.bg,
		Explain: func(err error) string { what, _ := explain(err); return what },
		Session: s, ShowError: u.showError, ShowMessage: u.showMessage, SaveDialog: u.saveDialog,
		JobsChanged: func() {
			u.Tr.UpdateButtons()
			u.Exp.UpdateButtons()
			u.Fc.Backtest.UpdateButtons(u.Session.BacktestJob().State == app.Running)
		},
		SettingsValid: func() bool { return u.Set.Valid() }}
	safefiles.Guard() // before any file dialog
	look.Apply(u.App) // the language and theme, before any widget
	u.updateStyle()
	u.win = a.NewWindow(Title)
	u.win.SetMaster()
	u.prj = u.newProjects()

	u.Data = u.newDataTab()
	u.Set = u.newSettingsTab()
	u.Tr = u.newTrainingTab()
	u.Fc = u.newForecastTab()
	u.Cmp = u.newCompareTab()
	u.Exp = expview.NewExperimentsTab(u.host)
	u.Tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(i18n.T("Data"), theme.FolderOpenIcon(), u.Data.content),
		container.NewTabItemWithIcon(i18n.T("Settings"), theme.SettingsIcon(), u.Set.content),
		container.NewTabItemWithIcon(i18n.T("Training"), theme.MediaPlayIcon(), u.Tr.Content),
		container.NewTabItemWithIcon(i18n.T("Forecast"), theme.InfoIcon(), u.Fc.content),
		container.NewTabItemWithIcon(i18n.T("Compare"), theme.ViewRefreshIcon(), u.Cmp.content),
		container.NewTabItemWithIcon(i18n.T("Experiments"), theme.GridIcon(), u.Exp.Content),
	)
	u.Panel = u.newPanelPane()
	u.win.SetContent(u.Panel.Wrap(u.Tabs))
	u.win.SetMainMenu(u.menu())
	u.shortcuts()
	u.win.SetOnDropped(u.onDropped)
	u.win.Resize(defaultSize)
	u.win.SetOnClosed(u.Close)

	a.Settings().AddListener(func(fyne.Settings) {
		u.updateStyle()
		u.redrawAll()
	})
	u.loadPrefs()
	// Background goroutines touch widgets only after this point: under the
	// test driver fyne.Do runs on the caller's goroutine, and the window is
	// still being laid out on this one until here.
	close(u.ready)
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		u.watch()
	}()
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Run builds the window, shows it and runs the app until it is closed.
// Each of open (at most one is used) is a CSV file to open at start, or
// "sample:ID" for one of the embedded samples (e.g. sample:air_passengers).
func Run(a fyne.App, open ...string) {
	u := New(a)
	for _, o := range open {
		u.Open(o)
		break
	}
	u.prj.BeginRecovery(&app.Recovery{Dir: a.Storage().RootURI().Path()})
	u.win.ShowAndRun()
	u.prj.EndRecovery()
}

// Open opens a CSV file, a project file (.forecaster), or "sample:ID" for
// an embedded sample, in the background, as the Open buttons do.
func (u *UI) Open(what string) {
	if strings.EqualFold(filepath.Ext(what), project.Ext) {
		u.prj.Open(what)
		return
	}
	if id, ok := strings.CutPrefix(what, "sample:"); ok {
		u.Data.openSample(id)
		return
	}
	u.Data.openPath(what)
}

// Close stops the background goroutines and any training. It does not wait
// for training to end.
func (u *UI) Close() {
	u.closeMu.Do(func() {
		close(u.done)
		u.Session.Stop()
		u.Session.StopExperiment()
		u.Session.StopBacktest()
		if u.Panel != nil {
			u.Panel.Cancel()
		}
	})
}

// background runs fn in a goroutine counted in u.bg (file loading and
// writing: work that may block and then hands its result to do).
func (u *UI) background(fn func()) {
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		fn()
	}()
}

// closeAndWait is Close, then waits until the watcher and the chart loops
// have exited (tests: the next test's window must not share Fyne's global
// caches with this one's goroutines). Not for the UI goroutine.
func (u *UI) closeAndWait() {
	u.Close()
	u.bg.Wait()
}

func (u *UI) updateStyle() {
	st := chart.Light()
	if u.App.Settings().ThemeVariant() == theme.VariantDark {
		st = chart.Dark()
	}
	th := u.App.Settings().Theme()
	v := u.App.Settings().ThemeVariant()
	st.Background = th.Color(theme.ColorNameBackground, v)
	st.Foreground = th.Color(theme.ColorNameForeground, v)
	st.Muted = th.Color(theme.ColorNamePlaceHolder, v)
	st.Grid = blend(st.Background, st.Foreground, 0.1)
	st.T = i18n.T // the charts' own words in the window's language
	u.style.Store(&st)
}

func blend(a, b color.Color, t float64) color.Color {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	mix := func(x, y uint32) uint8 { return uint8((float64(x)*(1-t) + float64(y)*t) / 257) }
	return color.NRGBA{mix(ar, br), mix(ag, bg), mix(ab, bb), 0xff}
}

func (u *UI) redrawAll() {
	for _, c := range u.charts() {
		c.MarkDirty()
	}
}

func (u *UI) charts() []*view.Chart {
	return []*view.Chart{u.Data.Preview, u.Tr.Loss, u.Tr.Grad, u.Tr.Heat, u.Tr.Norms, u.Tr.ClipLR, u.Fc.Chart, u.Cmp.Loss, u.Cmp.Grad, u.Cmp.Forecast,
		u.Exp.Curves, u.Exp.Profiles, u.Exp.MASE,
		u.Data.Diag.Decomp, u.Data.Diag.ACF, u.Data.Diag.PACF,
		u.Fc.Residuals.Time, u.Fc.Residuals.ACF, u.Fc.Residuals.Hist, u.Fc.Residuals.QQ,
		u.Fc.Backtest.Windows, u.Fc.Backtest.MASE, u.Fc.Backtest.Cover}
}

func (u *UI) menu() *fyne.MainMenu {
	file := fyne.NewMenu(i18n.T("File"), append(u.prj.FileItems(),
		&fyne.MenuItem{Label: i18n.T("Open file…"), Action: u.openFileDialog, Shortcut: &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}},
		fyne.NewMenuItem(i18n.T("Every numeric column a series"), u.Panel.OpenColumns),
		fyne.NewMenuItem(i18n.T("Export forecast CSV…"), u.Fc.exportCSV),
		fyne.NewMenuItem(i18n.T("Export training history CSV…"), u.Fc.exportHistory),
		fyne.NewMenuItem(i18n.T("Save model…"), u.Fc.saveModel),
		fyne.NewMenuItem(i18n.T("Load model…"), u.Fc.loadModel),
	)...)
	train := fyne.NewMenu(i18n.T("Training"),
		&fyne.MenuItem{Label: i18n.T("Train"), Action: u.Tr.Start, Shortcut: &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}},
		fyne.NewMenuItem(i18n.T("Pause / Resume"), u.Tr.TogglePause),
		&fyne.MenuItem{Label: i18n.T("Stop"), Action: u.Tr.Stop},
	)
	help := fyne.NewMenu(i18n.T("Help"), append(append([]*fyne.MenuItem{
		{Label: i18n.T("Guide"), Action: u.showGuide, Shortcut: &desktop.CustomShortcut{KeyName: fyne.KeyF1}}},
		u.helpItems()...), fyne.NewMenuItem(i18n.T("About Forecaster"), u.showAbout))...)
	u.prj.Menu = fyne.NewMainMenu(file, u.prj.EditMenu(), train, look.Menu(u.App, func() { u.win.MainMenu().Refresh() }, func(title, msg string) { u.showMessage(title, msg, "") }), help)
	return u.prj.Menu
}

func (u *UI) shortcuts() {
	c := u.win.Canvas()
	u.prj.Shortcuts()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.openFileDialog() })
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.Tr.Start() })
	}
	// Alt+1 … Alt+6 switch tabs.
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) { u.Tabs.SelectIndex(i) })
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyF1 {
			u.showGuide()
			return
		}
		if e.Name != fyne.KeyEscape {
			return
		}
		if u.dismissFileDialog() { // Esc closes a file dialog, nothing more
			return
		}
		if u.Session.State().Active() {
			u.Tr.Stop()
		} else if u.Session.Experiment().State == app.Running {
			u.Session.StopExperiment()
		} else if u.Session.BacktestJob().State == app.Running {
			u.Session.StopBacktest()
		}
	})
}

// do runs fn on the UI goroutine (fyne.Do), holding uiMu. fn must not call
// do itself.
func (u *UI) do(fn func()) {
	fyne.Do(func() {
		u.uiMu.Lock()
		defer u.uiMu.Unlock()
		fn()
	})
}

// sync runs fn holding uiMu, as the UI goroutine would (for tests).
func (u *UI) sync(fn func()) {
	u.uiMu.Lock()
	defer u.uiMu.Unlock()
	fn()
}

// showAbout shows the app's name, version and build from its metadata
// (FyneApp.toml).
func (u *UI) showAbout() {
	md := u.App.Metadata()
	name := md.Name
	if name == "" {
		name = Title
	}
	version := md.Version
	if version == "" {
		version = i18n.T("development build")
	}
	text := fmt.Sprintf("**%s** %s (%s)\n\n%s\n\n%s\n\n%s", name, version, i18n.T("build %d", md.Build),
		i18n.T("LSTM forecasts of CSV time series, with the gradient stabilisers in plain view: clipping, initialisers, forget-gate bias, layer norm, L1/L2. Compared honestly against naive, seasonal naive, drift and exponential smoothing."),
		i18n.T("App ID: %s", md.ID), i18n.T("Built with Go, Fyne and gonum."))
	rt := widget.NewRichTextFromMarkdown(text)
	rt.Wrapping = fyne.TextWrapWord
	title := i18n.T("About %s", name)
	d := dialog.NewCustom(title, i18n.T("Close"), container.NewGridWrap(fyne.NewSize(420, 220), rt), u.win)
	u.setLastDialog(title + ": " + text)
	d.Show()
}

func (u *UI) setLastDialog(s string) {
	u.lastDialogMu.Lock()
	u.lastDialog = s
	u.lastDialogMu.Unlock()
}

// shownDialog returns the title and text of the most recent dialog shown.
func (u *UI) shownDialog() string {
	u.lastDialogMu.Lock()
	defer u.lastDialogMu.Unlock()
	return u.lastDialog
}

// showError shows what went wrong and what to do. Call on the UI goroutine.
func (u *UI) showError(title string, err error) {
	what, todo := explain(err)
	u.showMessage(title, what, todo)
}

// Bounds of the text a dialog shows. Messages can quote file content (a
// model's format field, a column name of a megabyte) and Fyne lays out
// 10 KB of text in over a second, 100 KB in minutes, on the UI goroutine.
const (
	maxDialogLines = 24 // lines of a message; each is cut to app.MaxMessage runes
	maxTitle       = 80 // runes of a dialog title
	maxName        = 80 // runes of a column, series or file name in a label, select or chart
)

// showMessage shows a dialog with what happened and what to do, both cut to
// at most maxDialogLines lines of app.MaxMessage runes, so that no file
// content can make the window lay out megabytes of text.
func (u *UI) showMessage(title, what, todo string) {
	title = app.Clip(title, maxTitle)
	msg := boundLines(what)
	if todo != "" {
		msg += "\n\n" + boundLines(todo)
	}
	u.setLastDialog(title + ": " + msg)
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	content := container.NewGridWrap(fyne.NewSize(460, 150), container.NewVScroll(l))
	d := dialog.NewCustom(title, i18n.T("OK"), content, u.win)
	d.Show()
}

// boundLines cuts each line of s with app.Clip and keeps at most
// maxDialogLines of them ("…" on a last line when some were dropped).
func boundLines(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > maxDialogLines {
		lines = append(lines[:maxDialogLines-1], "…")
	}
	for i, l := range lines {
		lines[i] = app.Clip(l, app.MaxMessage)
	}
	return strings.Join(lines, "\n")
}

// showLoadError is showError for data that could not be loaded: the
// previous data stay.
func (u *UI) showLoadError(title string, err error) {
	what, todo := explain(err)
	if todo == "" {
		todo = i18n.T("Check the file (or choose other columns) and try again.")
	}
	// Say that the earlier data stay only when there are any (on a first
	// launch nothing was loaded before).
	stay := i18n.T(dataStay)
	todo = strings.TrimSuffix(todo, " "+stay)
	if u.Session.Data() != nil {
		todo += " " + stay
	}
	u.showMessage(title, what, todo)
}

// selectOne is a select's text before a choice (Fyne's own is not
// translated).
const selectOne = "(Select one)"

// dataStay is what a failed load leaves: the data already on screen.
const dataStay = "The data loaded before are still there."

// maxSettingLines is how many invalid settings explain lists one by one.
const maxSettingLines = 12

// explain turns an error into a message for a person: what went wrong and
// what to do about it. Each line of what is bounded (app.Message,
// app.Clip): errors can quote file content.
func explain(err error) (what, todo string) {
	if err == nil {
		return "", ""
	}
	msg := app.Message(err)
	var se config.SettingsError
	var ie *tsdata.InputError
	switch {
	case errors.As(err, &se):
		var b strings.Builder
		for i, f := range se {
			if i == maxSettingLines {
				b.WriteString("• " + i18n.T("and %d more", len(se)-i) + "\n")
				break
			}
			fmt.Fprintf(&b, "• %s\n", app.Clip(fieldLabel(f.Field)+": "+i18n.Message(f.Msg), app.MaxMessage))
		}
		return i18n.T("Some settings are out of range:") + "\n" + b.String(), i18n.T("Fix the fields marked on the Settings tab; Train is enabled once they are valid.")
	case errors.As(err, &ie) && errors.Is(err, tsdata.ErrTooShort):
		// The message says what fixes it (a shorter horizon or a longer
		// series), not the file's content.
		return capitalise(i18n.Message(msg)), i18n.T("The horizon is on the Settings tab (Alt+2).")
	case errors.As(err, &ie):
		return capitalise(i18n.Error(err)), i18n.T("Check the file (or choose other columns) and open it again.")
	case errors.Is(err, app.ErrBusy):
		return i18n.T("A training run is already in progress."), i18n.T("Stop it (Esc) or wait for it to finish, then train again.")
	case errors.Is(err, app.ErrNoData):
		return i18n.T("No series is loaded yet."), i18n.T("Open a CSV file (Ctrl+O) or one of the samples on the Data tab.")
	case errors.Is(err, app.ErrNoResult):
		return i18n.T("There is no trained model yet."), i18n.T("Train one on the Training tab (Ctrl+Enter), or load a model file.")
	}
	if msg != "" {
		msg = i18n.Error(err)
	}
	return capitalise(msg), ""
}

func capitalise(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if s == "" || strings.ContainsAny(first, "./:\\") {
		return s // starts with a file name: keep its case
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// watch follows the session: at most ten times a second it copies the
// progress and the current run's history and hands them to the widgets. It
// exits when the window closes.
//
// At most one closure is queued on the UI goroutine at a time, and it shows
// the newest snapshot when it runs, not the one of when it was queued: when
// the UI goroutine falls behind (a slow frame under load), the queue does
// not grow with stale states that the window would then replay, seconds
// late — the stall of issue 16, "Starting…" and "Idle" beside an enabled
// Stop while the job was already running.
func (u *UI) watch() {
	var last time.Time
	for {
		select {
		case <-u.done:
			return
		case <-u.Session.Updates():
		}
		if d := view.MinFrame - time.Since(last); d > 0 {
			select {
			case <-u.done:
				return
			case <-time.After(d):
			}
		}
		last = time.Now()
		p := u.Session.Progress()
		run := u.Session.LastRun()
		if run != nil && run.ID != p.RunID {
			run = nil // the run was dropped (stopped before its first epoch)
		}
		u.Tr.ShowHistory(run)
		u.latest.Store(&snapshot{p: p, run: run, exp: u.Session.Experiment(), bt: u.Session.BacktestJob()})
		if u.pending.CompareAndSwap(false, true) {
			u.do(u.showLatest)
		}
	}
}

// showLatest shows the watcher's newest snapshot (UI goroutine).
func (u *UI) showLatest() {
	u.pending.Store(false) // a snapshot stored from now on queues another call
	sn := u.latest.Load()
	u.applyProgress(sn.p, sn.run)
	u.Exp.ShowStatus(sn.exp)
	u.Fc.Backtest.ShowStatus(sn.bt)
}

// applyProgress runs on the UI goroutine. A snapshot older than the one on
// screen is ignored: Train shows the session's state itself at once (see
// TrainingTab.start), and the watcher may have copied the state before.
func (u *UI) applyProgress(p app.Progress, run *app.Run) {
	if p.Seq < u.lastSeq {
		return
	}
	u.lastSeq = p.Seq
	u.Tr.ShowProgress(p, run)
	u.Fc.showTraining(p)
	if p.State.Active() || p.RunID == u.handledRun {
		return
	}
	u.handledRun = p.RunID
	switch p.State {
	case app.Done:
		if run != nil && run.Result != nil {
			u.Fc.showRun(run)
			u.Cmp.refresh()
			if run.Result.StopReason == config.StopDiverged {
				what := i18n.T("The loss became non-finite, so training stopped.")
				if d := run.Result.Diagnosis; d != "" {
					what = capitalise(strings.TrimRight(i18n.Message(d), ". 。")) + i18n.T(".")
				}
				u.showMessage(i18n.T("Training diverged"), what, i18n.T("The forecast shown uses the weights of epoch %d. Change the setting named above on the Settings tab and train again; the Compare tab shows both runs.", run.Result.BestEpoch))
			}
		}
	case app.Failed:
		u.showError(i18n.T("Training failed"), p.Err)
	case app.Idle:
		u.Cmp.refresh()
	}
}

// onDropped opens the first dropped file.
func (u *UI) onDropped(_ fyne.Position, uris []fyne.URI) {
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			u.Data.openPath(uri.Path())
			return
		}
	}
}
