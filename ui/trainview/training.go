package trainview

import (
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// Host is what the Training tab needs from its window besides a
// view.Host: whether the settings are valid (Valid, true before the
// Settings tab exists), selecting a tab (SelectTab, by index), the flag of
// a file being loaded, the Progress.Seq of the snapshot on screen (shared
// with the window's watcher, UI goroutine only) and the export of the
// training history (the Forecast tab's).
type Host struct {
	*view.Host
	Valid         func() bool
	SelectTab     func(i int)
	Busy          *atomic.Bool
	LastSeq       *uint64
	ExportHistory func()
}

// TrainingTab starts, pauses and stops training and shows it live.
type TrainingTab struct {
	h       *Host
	Content fyne.CanvasObject

	TrainButton *widget.Button
	PauseButton *widget.Button
	StopButton  *widget.Button
	Progress    *widget.ProgressBar
	Info        *widget.Label // epoch, step, time left
	Numbers     *widget.Label // current loss, val, grad norm, lr
	Findings    *fyne.Container
	State       *widget.Label
	statusBox   *fyne.Container

	Loss, Grad, Heat *view.Chart
	// Norms is the histogram over the epochs of the per-step gradient norms
	// of the layer or gate NormSelect picks; ClipLR the clip rate and the
	// learning rate per epoch; Heat shows the layer HeatSelect picks.
	Norms, ClipLR          *view.Chart
	NormSelect, HeatSelect *widget.Select

	ExportCharts, ExportHistory *widget.Button

	lastFindings string
	waiting      *widget.Label // the findings box before a run's first step
	shown        app.State     // the state of the snapshot on screen
	pick         trainingPicks
	top          *fyne.Container // buttons, progress, state: laid out again when the state's width changes
}

// New builds the Training tab on h.
func New(h *Host) *TrainingTab {
	t := &TrainingTab{h: h}
	t.TrainButton = widget.NewButtonWithIcon(i18n.T("Train"), theme.MediaPlayIcon(), t.Start)
	t.TrainButton.Importance = widget.HighImportance
	t.PauseButton = widget.NewButtonWithIcon(i18n.T("Pause"), theme.MediaPauseIcon(), t.TogglePause)
	t.StopButton = widget.NewButtonWithIcon(i18n.T("Stop"), theme.MediaStopIcon(), t.Stop)
	t.Progress = widget.NewProgressBar()
	t.Info = widget.NewLabel(i18n.T("Ready. Ctrl+Enter trains, Esc stops."))
	t.Info.Wrapping = fyne.TextWrapWord // long run summaries must not widen the window
	t.State = widget.NewLabelWithStyle(i18n.T("Idle"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Numbers = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	t.waiting = widget.NewLabel(i18n.T("Findings about the gradients appear here while training runs."))
	t.waiting.Wrapping = fyne.TextWrapWord // the grid's three columns take the widest cell's width
	t.Findings = container.NewVBox(t.waiting)

	t.Loss = view.NewChart(h.Host, 300, 220)
	t.Grad = view.NewChart(h.Host, 300, 220)
	t.Heat = view.NewChart(h.Host, 300, 190)
	t.Norms = view.NewChart(h.Host, 300, 190)
	t.ClipLR = view.NewChart(h.Host, 300, 220)
	t.NormSelect = widget.NewSelect(nil, func(string) { t.picked() })
	t.HeatSelect = widget.NewSelect(nil, func(string) { t.picked() })
	t.NormSelect.PlaceHolder, t.HeatSelect.PlaceHolder = i18n.T("(Select one)"), i18n.T("(Select one)")
	t.setLayers(1)
	t.ShowHistory(nil)

	buttons := container.NewHBox(t.TrainButton, t.PauseButton, t.StopButton)
	t.ExportCharts = widget.NewButtonWithIcon(i18n.T("Charts…"), theme.FileImageIcon(), t.exportCharts)
	t.ExportHistory = widget.NewButtonWithIcon(i18n.T("History CSV…"), theme.DocumentSaveIcon(), func() { h.ExportHistory() })
	right := container.NewHBox(t.State, t.ExportCharts, t.ExportHistory)
	top := container.NewBorder(nil, nil, buttons, right, container.NewPadded(t.Progress))
	t.top = top
	t.statusBox = container.NewVBox(t.Numbers, widget.NewSeparator(), t.Findings)
	status := widget.NewCard(i18n.T("Gradient health"), "", t.statusBox)
	norms := container.NewBorder(container.NewBorder(nil, nil, widget.NewLabel(i18n.T("Norms of")), nil, t.NormSelect), nil, nil, nil, t.Norms)
	heat := container.NewBorder(container.NewBorder(nil, nil, widget.NewLabel(i18n.T("Heat map of")), nil, t.HeatSelect), nil, nil, nil, t.Heat)
	charts := container.NewGridWithColumns(3, t.Loss, t.Grad, norms, heat, t.ClipLR, container.NewVScroll(status))
	t.Content = view.TopFirst(container.NewVBox(top, t.Info, widget.NewSeparator()), charts)
	t.UpdateButtons()
	return t
}

// Start starts training with the session's settings.
func (t *TrainingTab) Start() {
	h := t.h
	if !h.Valid() {
		h.ShowError(i18n.T("Cannot train yet"), errors.New(i18n.T("some settings are invalid; fix the fields marked in red on the Settings tab")))
		h.SelectTab(1)
		return
	}
	if h.Busy.Load() {
		return
	}
	if _, err := h.Session.Start(); err != nil {
		h.ShowError(i18n.T("Cannot start training"), err)
		return
	}
	h.SelectTab(2)
	// Show the new job's state now, label and buttons from one snapshot,
	// rather than leave the last run's state ("Idle", "Finished") beside
	// enabled Pause and Stop until the watcher's next frame.
	// (A job this fast may have ended already: its outcome is the
	// watcher's to show, with the run.)
	if p := h.Session.Progress(); p.Seq >= *h.LastSeq {
		*h.LastSeq = p.Seq
		t.ShowProgress(p, nil)
	}
}

// TogglePause pauses a running job or resumes a paused one.
func (t *TrainingTab) TogglePause() {
	s := t.h.Session
	switch s.State() {
	case app.Running:
		s.Pause()
	case app.Paused:
		s.Resume()
	}
}

// Stop cancels the job; the watcher shows the outcome when it has ended.
func (t *TrainingTab) Stop() {
	if t.h.Session.Stop() == nil {
		t.setInfo(i18n.T("Stopping after the current step…"))
		t.StopButton.Disable()
	}
}

// UpdateButtons enables what makes sense in the state the tab shows (the
// snapshot ShowProgress was last given), so that the buttons never
// contradict the state label.
func (t *TrainingTab) UpdateButtons() {
	st := t.shown
	hasData := t.h.Session.Data() != nil
	valid := t.h.Valid()
	if !t.h.Session.Busy() && hasData && valid {
		t.TrainButton.Enable()
	} else {
		t.TrainButton.Disable()
	}
	if st.Active() {
		t.PauseButton.Enable()
		t.StopButton.Enable()
	} else {
		t.PauseButton.Disable()
		t.StopButton.Disable()
	}
	runs, results := t.h.Session.Counts()
	if results > 0 && !st.Active() {
		t.ExportHistory.Enable()
	} else {
		t.ExportHistory.Disable()
	}
	if runs > 0 {
		t.ExportCharts.Enable()
	} else {
		t.ExportCharts.Disable()
	}
	if st == app.Paused {
		t.PauseButton.SetText(i18n.T("Resume"))
		t.PauseButton.SetIcon(theme.MediaPlayIcon())
	} else {
		t.PauseButton.SetText(i18n.T("Pause"))
		t.PauseButton.SetIcon(theme.MediaPauseIcon())
	}
}

// setInfo sets the line under the buttons and, when that changes its
// height (a summary wrapping to a second line), lays the tab out again:
// Fyne does not re-lay out a label's parents when its text grows, so the
// second line was drawn under the charts until the next layout (seen in
// Chinese under Xvfb, where the finished run's summary wraps and the
// progress line before it did not).
func (t *TrainingTab) setInfo(s string) {
	h := t.Info.MinSize().Height
	t.Info.SetText(s)
	if c, ok := t.Content.(*fyne.Container); ok && t.Info.MinSize().Height != h {
		c.Layout.Layout(c.Objects, c.Size())
	}
}

// ShowHistory hands the charts a snapshot of run's telemetry. Called from
// the watcher goroutine (chartView.Set is safe there).
func (t *TrainingTab) ShowHistory(run *app.Run) {
	if run == nil {
		t.pick.shown.Store(nil)
	} else {
		t.pick.shown.Store(&shownRun{h: run.History, set: run.Settings, noNet: run.Result != nil && !run.Result.Network()})
	}
	t.draw()
}

// draw sets the charts from the run last shown and the pickers' choices;
// safe from any goroutine.
func (t *TrainingTab) draw() {
	r := t.pick.shown.Load()
	if r == nil {
		t.Loss.Set(func(st chart.Style, px int) *plot.Plot { return chart.Loss(st, nil, px) })
		t.Grad.Set(func(st chart.Style, px int) *plot.Plot { return chart.GradNorm(st, nil, config.ClipNone, 0, px) })
		t.Heat.Set(func(st chart.Style, px int) *plot.Plot { return chart.Heat(st, monitor.HeatGrid{}) })
		t.Norms.Set(func(st chart.Style, px int) *plot.Plot {
			return chart.NormHistogram(st, i18n.T("Layer %d", 1), monitor.NormHist{})
		})
		t.ClipLR.SetPanels(func(st chart.Style, px int) []*plot.Plot { return chart.ClipAndLR(st, nil, config.ClipNone, 0, px) })
		return
	}
	if r.noNet {
		// "the loss appears when the first epoch ends" would be false:
		// this run has no epochs
		msg := func(st chart.Style, title string) *plot.Plot {
			return chart.Message(st, title, i18n.T("No network was trained for this run, so there is nothing to draw"))
		}
		t.Loss.Set(func(st chart.Style, px int) *plot.Plot { return msg(st, i18n.T("Loss")) })
		t.Grad.Set(func(st chart.Style, px int) *plot.Plot { return msg(st, i18n.T("Gradient norm")) })
		t.Heat.Set(func(st chart.Style, px int) *plot.Plot {
			return msg(st, i18n.T("Gradient through time: log10 |∂L/∂h_t|"))
		})
		t.Norms.Set(func(st chart.Style, px int) *plot.Plot {
			return msg(st, i18n.T("Gradient norms per step: %s", normLabel(0, 0)))
		})
		t.ClipLR.SetPanels(func(st chart.Style, px int) []*plot.Plot {
			return []*plot.Plot{msg(st, i18n.T("Clip rate and learning rate"))}
		})
		return
	}
	h, set := r.h, r.set
	layers := max(h.Layers(), set.Layers, 1)
	hl := min(int(t.pick.heat.Load()), layers-1)
	nl, gate := int(t.pick.norm.Load())/5, int(t.pick.norm.Load())%5
	nl = min(nl, layers-1)
	var nh monitor.NormHist
	if nl < len(h.LayerNorms) {
		nh = h.LayerNorms[nl]
		if gate > 0 {
			nh = h.GateNorms[nl][gate-1]
		}
	}
	what := normLabel(nl, gate)
	t.Loss.Set(func(st chart.Style, px int) *plot.Plot { return chart.Loss(st, h, px) })
	t.Grad.Set(func(st chart.Style, px int) *plot.Plot { return chart.GradNorm(st, h, set.Clip, set.ClipMax, px) })
	t.Heat.Set(func(st chart.Style, px int) *plot.Plot { return chart.LayerHeat(st, h.Heat(hl), hl+1, layers) })
	t.Norms.Set(func(st chart.Style, px int) *plot.Plot { return chart.NormHistogram(st, what, nh) })
	t.ClipLR.SetPanels(func(st chart.Style, px int) []*plot.Plot { return chart.ClipAndLR(st, h, set.Clip, set.ClipMax, px) })
}

// trainingPicks are the Training tab's chart choices, read by draw on any
// goroutine: the layer of the heat map and the layer and gate of the norm
// histogram (layer·5 + 0 for all the layer's parameters, 1…4 for the i, f,
// g, o gates), and the run last shown.
type trainingPicks struct {
	heat, norm atomic.Int32
	shown      atomic.Pointer[shownRun]
	layers     int // the pickers list this many layers (UI goroutine)
}

type shownRun struct {
	h     *monitor.History
	set   config.Settings
	noNet bool // the run finished without a network (a series too short for one)
}

var gateNames = []string{"input gate (i)", "forget gate (f)", "cell candidate (g)", "output gate (o)"}

// normLabel names the norm histogram's parameter group.
func normLabel(layer, gate int) string {
	if gate == 0 {
		return i18n.T("Layer %d, all parameters", layer+1)
	}
	return i18n.T("Layer %d", layer+1) + " · " + i18n.All(gateNames)[gate-1]
}

// setLayers lists n layers in the pickers, keeping the choices that still
// exist (UI goroutine).
func (t *TrainingTab) setLayers(n int) {
	n = max(n, 1)
	if n == t.pick.layers {
		return
	}
	t.pick.layers = n
	var norms, heats []string
	for l := range n {
		heats = append(heats, i18n.T("Layer %d", l+1))
		for g := range 5 {
			norms = append(norms, normLabel(l, g))
		}
	}
	ni, hi := min(int(t.pick.norm.Load()), len(norms)-1), min(int(t.pick.heat.Load()), n-1)
	t.NormSelect.Options, t.HeatSelect.Options = norms, heats
	t.NormSelect.SetSelectedIndex(ni)
	t.HeatSelect.SetSelectedIndex(hi)
}

// picked follows the pickers (UI goroutine) and redraws.
func (t *TrainingTab) picked() {
	if i := t.NormSelect.SelectedIndex(); i >= 0 {
		t.pick.norm.Store(int32(i))
	}
	if i := t.HeatSelect.SelectedIndex(); i >= 0 {
		t.pick.heat.Store(int32(i))
	}
	t.draw()
}

// showLayer points the heat map and the norm histogram at layer (1-based),
// as a finding's button asks (UI goroutine).
func (t *TrainingTab) showLayer(layer int) {
	if layer < 1 || layer > t.pick.layers {
		return
	}
	t.HeatSelect.SetSelectedIndex(layer - 1)
	t.NormSelect.SetSelectedIndex(5 * (layer - 1))
}

// ShowProgress updates the progress widgets (UI goroutine).
func (t *TrainingTab) ShowProgress(p app.Progress, run *app.Run) {
	t.shown = p.State
	t.UpdateButtons()
	stateText := i18n.T(map[app.State]string{app.Idle: i18n.N("Idle"), app.Running: i18n.N("Training"), app.Paused: i18n.N("Paused"), app.Done: i18n.N("Finished"), app.Failed: i18n.N("Failed")}[p.State])
	if t.State.Text != stateText {
		t.State.SetText(stateText)
		t.top.Refresh() // "Finished" is wider than "Idle"
	}
	t.Progress.SetValue(p.Fraction)
	switch {
	case p.State.Active():
		var b strings.Builder
		if p.Members > 1 && p.Member > 0 {
			b.WriteString(i18n.T("Model %d/%d", p.Member, p.Members) + " · ")
		}
		if p.StepsPerEpoch == 0 {
			// No step yet: the series is being prepared (transform,
			// scaler, anchor, windows), not "epoch 0, step 0/0"; the last
			// run's findings are not this one's.
			t.setFindings(nil)
			b.WriteString(i18n.T("Starting: preparing the data for %d epochs · %s elapsed", p.Epochs, view.Duration(p.Elapsed)))
		} else {
			b.WriteString(i18n.T("Epoch %d/%d · step %d/%d · %s elapsed", p.Epoch, p.Epochs, p.Step, p.StepsPerEpoch, view.Duration(p.Elapsed)))
		}
		if p.Remaining > 0 {
			b.WriteString(" · " + i18n.T("about %s left", view.Duration(p.Remaining)))
			if run != nil && run.Settings.Patience > 0 {
				b.WriteString(i18n.T(" (less if it stops early)"))
			}
		}
		if p.State == app.Paused {
			b.WriteString(" · " + i18n.T("paused"))
		}
		t.setInfo(b.String())
	case p.State == app.Done && run != nil && run.Result != nil && !run.Result.Network():
		t.setInfo(i18n.T("Run %d finished in %s without a network. %s The forecast is on the Forecast tab.",
			run.ID, view.Duration(p.Elapsed), view.Diagnosis(run.Result)))
		t.setFindings([]monitor.Finding{{Level: monitor.Info, Title: i18n.N("No network trained"),
			Detail: i18n.N("This series is too short to train the network on, so no loss or gradient was recorded and these charts stay empty. The forecast comes from the classical methods; a longer series or a shorter horizon lets the network train.")}})
	case p.State == app.Done && run != nil && run.Result != nil && run.Settings.Ensemble > 1:
		// The charts show the networks one after another along the epoch
		// axis (each restarts its learning-rate schedule).
		t.setInfo(i18n.T("Run %d finished: %d networks, %d epochs in all (the charts show them one after another); %s with the classical models. The first: %s; best epoch %d. The forecast, the networks' median, is on the Forecast tab.%s",
			run.ID, run.Settings.Ensemble, run.History.Epochs, view.Duration(p.Elapsed), StopText(run.Result.StopReason), run.Result.BestEpoch, AnchorNote(run.Result.Anchor)))
	case p.State == app.Done && run != nil && run.Result != nil:
		t.setInfo(i18n.T("Run %d finished after %d epochs, %s in all with the classical models: %s; best epoch %d. The forecast is on the Forecast tab.%s",
			run.ID, run.History.Epochs, view.Duration(p.Elapsed), StopText(run.Result.StopReason), run.Result.BestEpoch, AnchorNote(run.Result.Anchor)))
	case p.State == app.Failed:
		t.setInfo(i18n.T("Training failed: %s", view.FirstLine(t.h.Explain, p.Err)))
	case p.State == app.Idle && p.RunID > 0:
		t.setInfo(i18n.T("Stopped before the first epoch finished; nothing was kept."))
	}
	if run != nil {
		t.setLayers(max(run.History.Layers(), run.Settings.Layers))
	}
	if run != nil && run.History.Steps > 0 {
		t.Numbers.SetText(view.NumbersText(run, p))
		var res *app.Result
		if run.Result != nil {
			res = run.Result
		}
		t.setFindings(monitor.Diagnose(run.History, res, run.Settings))
		t.statusBox.Refresh()
	}
}

func (t *TrainingTab) setFindings(fs []monitor.Finding) {
	var key strings.Builder
	for _, f := range fs {
		key.WriteString(f.Title + f.Detail)
	}
	if key.String() == t.lastFindings {
		return
	}
	t.lastFindings = key.String()
	t.Findings.RemoveAll()
	if len(fs) == 0 {
		t.Findings.Add(t.waiting)
	}
	for _, f := range fs {
		icon := map[monitor.Level]fyne.Resource{monitor.OK: theme.ConfirmIcon(), monitor.Info: theme.InfoIcon(), monitor.Warn: theme.WarningIcon(), monitor.Bad: theme.ErrorIcon()}[f.Level]
		title := widget.NewLabelWithStyle(i18n.Message(f.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Importance = map[monitor.Level]widget.Importance{monitor.OK: widget.SuccessImportance, monitor.Info: widget.MediumImportance, monitor.Warn: widget.WarningImportance, monitor.Bad: widget.DangerImportance}[f.Level]
		detail := widget.NewLabel(i18n.Message(f.Detail))
		detail.Wrapping = fyne.TextWrapWord
		head := container.NewHBox(widget.NewIcon(icon), title)
		if f.Layer > 0 {
			layer := f.Layer
			show := widget.NewButtonWithIcon(i18n.T("Show layer %d", layer), theme.VisibilityIcon(), func() { t.showLayer(layer) })
			show.Importance = widget.LowImportance
			head.Add(show)
		}
		t.Findings.Add(container.NewBorder(head, nil, nil, nil, detail))
	}
}

func StopText(r config.StopReason) string {
	switch r {
	case config.StopCompleted:
		return i18n.T("ran every epoch")
	case config.StopEarly:
		return i18n.T("stopped early (validation loss stopped improving)")
	case config.StopCanceled:
		return i18n.T("stopped by you")
	case config.StopDiverged:
		return i18n.T("diverged (loss became non-finite)")
	}
	return r.String()
}

// exportCharts writes the training charts as PNG or SVG files named after
// the chosen file: NAME-loss, NAME-gradnorm, NAME-heatmap (the layer
// shown), NAME-norms (the layer or gate shown) and NAME-clip-lr.
func (t *TrainingTab) exportCharts() {
	h := t.h
	charts := map[string][]*plot.Plot{
		"loss":     t.Loss.Panels(1200),
		"gradnorm": t.Grad.Panels(1200),
		"heatmap":  t.Heat.Panels(1200),
		"norms":    t.Norms.Panels(1200),
		"clip-lr":  t.ClipLR.Panels(1200),
	}
	h.SaveDialog(i18n.T("Export training charts"), "training.png", []string{".png", ".svg"}, func(path string) error {
		ext := filepath.Ext(path)
		base := strings.TrimSuffix(path, ext)
		for name, ps := range charts {
			if len(ps) == 0 {
				continue
			}
			h := 500
			if len(ps) > 1 {
				h = 700
			}
			if err := ExportPanels(ps, base+"-"+name+ext, 1200, h); err != nil {
				return err
			}
		}
		return nil
	})
}

// AnchorNote is a sentence naming the window scaler's anchor, or empty.
func AnchorNote(anchor string) string {
	if anchor == "" {
		return ""
	}
	return i18n.T(" Anchor (the forecast the network corrects): %s.", i18n.Message(anchor))
}

// ExportPanels writes plots stacked top to bottom to path (.png or .svg)
// at w×h pixels (96 DPI).
func ExportPanels(ps []*plot.Plot, path string, w, h int) error {
	b, err := chart.EncodePanels(ps, path, vg.Length(float64(w)*72/96), vg.Length(float64(h)*72/96))
	if err != nil {
		return err
	}
	return app.WriteBytes(path, b)
}
