package ui

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/ui/chart"
)

// TrainingTab starts, pauses and stops training and shows it live.
type TrainingTab struct {
	u       *UI
	content fyne.CanvasObject

	TrainButton *widget.Button
	PauseButton *widget.Button
	StopButton  *widget.Button
	Progress    *widget.ProgressBar
	Info        *widget.Label // epoch, step, time left
	Numbers     *widget.Label // current loss, val, grad norm, lr
	Findings    *fyne.Container
	State       *widget.Label
	statusBox   *fyne.Container

	Loss, Grad, Heat *chartView

	ExportCharts, ExportHistory *widget.Button

	lastFindings string
}

func (u *UI) newTrainingTab() *TrainingTab {
	t := &TrainingTab{u: u}
	t.TrainButton = widget.NewButtonWithIcon("Train", theme.MediaPlayIcon(), t.start)
	t.TrainButton.Importance = widget.HighImportance
	t.PauseButton = widget.NewButtonWithIcon("Pause", theme.MediaPauseIcon(), t.togglePause)
	t.StopButton = widget.NewButtonWithIcon("Stop", theme.MediaStopIcon(), t.stop)
	t.Progress = widget.NewProgressBar()
	t.Info = widget.NewLabel("Ready. Ctrl+Enter trains, Esc stops.")
	t.Info.Wrapping = fyne.TextWrapWord // long run summaries must not widen the window
	t.State = widget.NewLabelWithStyle("Idle", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Numbers = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	t.Findings = container.NewVBox(widget.NewLabel("Findings about the gradients appear here while training runs."))

	t.Loss = newChartView(u, 300, 220)
	t.Grad = newChartView(u, 300, 220)
	t.Heat = newChartView(u, 300, 220)
	t.showHistory(nil)

	buttons := container.NewHBox(t.TrainButton, t.PauseButton, t.StopButton)
	t.ExportCharts = widget.NewButtonWithIcon("Charts…", theme.FileImageIcon(), t.exportCharts)
	t.ExportHistory = widget.NewButtonWithIcon("History CSV…", theme.DocumentSaveIcon(), func() { u.Fc.exportHistory() })
	right := container.NewHBox(t.State, t.ExportCharts, t.ExportHistory)
	top := container.NewBorder(nil, nil, buttons, right, container.NewPadded(t.Progress))
	t.statusBox = container.NewVBox(t.Numbers, widget.NewSeparator(), t.Findings)
	status := widget.NewCard("Gradient health", "", t.statusBox)
	charts := container.NewGridWithColumns(2, t.Loss, t.Grad, t.Heat, container.NewVScroll(status))
	t.content = container.NewBorder(container.NewVBox(top, t.Info, widget.NewSeparator()), nil, nil, nil, charts)
	t.updateButtons()
	return t
}

func (t *TrainingTab) start() {
	u := t.u
	if !u.Set.Valid() {
		u.showError("Cannot train yet", fmt.Errorf("some settings are invalid; fix the fields marked in red on the Settings tab"))
		u.Tabs.SelectIndex(1)
		return
	}
	if u.busy.Load() {
		return
	}
	if _, err := u.Session.Start(); err != nil {
		u.showError("Cannot start training", err)
		return
	}
	u.Tabs.SelectIndex(2)
	t.Progress.SetValue(0)
	t.Info.SetText("Starting…")
	t.updateButtons()
}

func (t *TrainingTab) togglePause() {
	s := t.u.Session
	switch s.State() {
	case app.Running:
		s.Pause()
	case app.Paused:
		s.Resume()
	}
}

// stop cancels the job; the watcher shows the outcome when it has ended.
func (t *TrainingTab) stop() {
	if t.u.Session.Stop() == nil {
		t.Info.SetText("Stopping after the current step…")
		t.StopButton.Disable()
	}
}

// updateButtons enables what makes sense in the current state.
func (t *TrainingTab) updateButtons() {
	st := t.u.Session.State()
	hasData := t.u.Session.Data() != nil
	valid := t.u.Set == nil || t.u.Set.Valid()
	if !t.u.Session.Busy() && hasData && valid {
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
	runs, results := t.u.Session.Counts()
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
		t.PauseButton.SetText("Resume")
		t.PauseButton.SetIcon(theme.MediaPlayIcon())
	} else {
		t.PauseButton.SetText("Pause")
		t.PauseButton.SetIcon(theme.MediaPauseIcon())
	}
}

// showHistory hands the charts a snapshot of run's telemetry. Called from
// the watcher goroutine (chartView.Set is safe there).
func (t *TrainingTab) showHistory(run *app.Run) {
	if run == nil {
		t.Loss.Set(func(st chart.Style, px int) *plotPlot { return chart.Loss(st, nil, px) })
		t.Grad.Set(func(st chart.Style, px int) *plotPlot { return chart.GradNorm(st, nil, config.ClipNone, 0, px) })
		t.Heat.Set(func(st chart.Style, px int) *plotPlot { return chart.Heat(st, monitor.HeatGrid{}) })
		return
	}
	h, set := run.History, run.Settings
	t.Loss.Set(func(st chart.Style, px int) *plotPlot { return chart.Loss(st, h, px) })
	t.Grad.Set(func(st chart.Style, px int) *plotPlot { return chart.GradNorm(st, h, set.Clip, set.ClipMax, px) })
	t.Heat.Set(func(st chart.Style, px int) *plotPlot { return chart.Heat(st, h.Heat(0)) })
}

// showProgress updates the progress widgets (UI goroutine).
func (t *TrainingTab) showProgress(p app.Progress, run *app.Run) {
	t.updateButtons()
	stateText := map[app.State]string{app.Idle: "Idle", app.Running: "Training", app.Paused: "Paused", app.Done: "Finished", app.Failed: "Failed"}[p.State]
	t.State.SetText(stateText)
	t.Progress.SetValue(p.Fraction)
	switch {
	case p.State.Active():
		var b strings.Builder
		if p.Members > 1 {
			fmt.Fprintf(&b, "Model %d/%d · ", p.Member, p.Members)
		}
		fmt.Fprintf(&b, "Epoch %d/%d · step %d/%d · %s elapsed", p.Epoch, p.Epochs, p.Step, p.StepsPerEpoch, fmtDur(p.Elapsed))
		if p.Remaining > 0 {
			fmt.Fprintf(&b, " · about %s left", fmtDur(p.Remaining))
			if run != nil && run.Settings.Patience > 0 {
				b.WriteString(" (less if it stops early)")
			}
		}
		if p.State == app.Paused {
			b.WriteString(" · paused")
		}
		t.Info.SetText(b.String())
	case p.State == app.Done && run != nil && run.Result != nil:
		t.Info.SetText(fmt.Sprintf("Run %d finished after %d epochs in %s: %s; best epoch %d. The forecast is on the Forecast tab.%s",
			run.ID, run.History.Epochs, fmtDur(p.Elapsed), stopText(run.Result.StopReason), run.Result.BestEpoch, anchorNote(run.Result.Anchor)))
	case p.State == app.Failed:
		t.Info.SetText("Training failed: " + firstLine(p.Err))
	case p.State == app.Idle && p.RunID > 0:
		t.Info.SetText("Stopped before the first epoch finished; nothing was kept.")
	}
	if run != nil && run.History.Steps > 0 {
		e := run.History.LastEpoch
		t.Numbers.SetText(fmt.Sprintf("train loss %s   validation %s   best %s (epoch %d)\ngradient norm %s → %s after clipping   lr %s\nclipped %d of %d steps   skipped %d",
			fnum(e.TrainLoss), fnum(e.ValLoss), fnum(run.History.BestVal), run.History.BestEpoch,
			fnum(p.GradNorm), fnum(p.ClippedNorm), fnum(p.LR), run.History.ClipSteps, run.History.Steps, run.History.Skipped))
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
	for _, f := range fs {
		icon := map[monitor.Level]fyne.Resource{monitor.OK: theme.ConfirmIcon(), monitor.Info: theme.InfoIcon(), monitor.Warn: theme.WarningIcon(), monitor.Bad: theme.ErrorIcon()}[f.Level]
		title := widget.NewLabelWithStyle(f.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Importance = map[monitor.Level]widget.Importance{monitor.OK: widget.SuccessImportance, monitor.Info: widget.MediumImportance, monitor.Warn: widget.WarningImportance, monitor.Bad: widget.DangerImportance}[f.Level]
		detail := widget.NewLabel(f.Detail)
		detail.Wrapping = fyne.TextWrapWord
		t.Findings.Add(container.NewBorder(container.NewHBox(widget.NewIcon(icon), title), nil, nil, nil, detail))
	}
}

func stopText(r config.StopReason) string {
	switch r {
	case config.StopCompleted:
		return "ran every epoch"
	case config.StopEarly:
		return "stopped early (validation loss stopped improving)"
	case config.StopCanceled:
		return "stopped by you"
	case config.StopDiverged:
		return "diverged (loss became non-finite)"
	}
	return r.String()
}

func firstLine(err error) string {
	if err == nil {
		return ""
	}
	s, _ := explain(err)
	if i := strings.IndexByte(s, '\n'); i > 0 {
		s = s[:i]
	}
	return s
}

func fmtDur(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d.Seconds()))
	}
	if d < time.Hour {
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// fnum formats a number compactly for a status line.
func fnum(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 0):
		return fmt.Sprint(v)
	case v == 0:
		return "0"
	case math.Abs(v) >= 1e5 || math.Abs(v) < 1e-3:
		return fmt.Sprintf("%.2e", v)
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.4g", v)
}

// exportCharts writes the three training charts as PNG or SVG files named
// after the chosen file: NAME-loss, NAME-gradnorm, NAME-heatmap.
func (t *TrainingTab) exportCharts() {
	u := t.u
	plots := map[string]*plotPlot{
		"loss":     t.Loss.Plot(1200),
		"gradnorm": t.Grad.Plot(1200),
		"heatmap":  t.Heat.Plot(1200),
	}
	u.saveDialog("Export training charts", "training.png", []string{".png", ".svg"}, func(path string) error {
		ext := filepath.Ext(path)
		base := strings.TrimSuffix(path, ext)
		for name, p := range plots {
			if p == nil {
				continue
			}
			if err := ExportPlot(p, base+"-"+name+ext, 1200, 500); err != nil {
				return err
			}
		}
		return nil
	})
}
