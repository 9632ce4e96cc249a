package view

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/backtest"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

const backtestHelp = "A rolling-origin backtest trains the model again with the current settings on the series cut at several origins, each scored on the horizon after its cut, so one lucky or unlucky stretch does not decide. The last origin is the run's own holdout. MASE per step shows how the error grows with the step ahead (below 1 beats the in-sample seasonal naive); coverage per step shows whether the intervals hold what they promise at every step."

// BacktestView runs a rolling-origin backtest (app.StartBacktest) and
// shows its windows on the series, MASE per forecast step for every method
// and the LSTM's interval coverage per step (backtest.Result.ByStep).
type BacktestView struct {
	u       *Host
	Content fyne.CanvasObject

	Origins, Step         *widget.Entry
	RunButton, StopButton *widget.Button
	Progress              *widget.ProgressBar
	Status                *widget.Label
	Summary               *widget.Label
	Windows, MASE, Cover  *Chart

	lastSeq uint64
	seq     atomic.Uint64
	// Shown is the backtest shown and Scores its per-step scores (UI
	// goroutine; for tests and the report).
	Shown  *backtest.Result
	Scores *backtest.StepScores
	series *tsdata.Series
}

// NewBacktestView returns the Forecast tab's backtest view.
func NewBacktestView(u *Host) *BacktestView {
	v := &BacktestView{u: u}
	v.Origins = widget.NewEntry()
	v.Origins.SetText("4")
	v.Step = widget.NewEntry()
	v.Step.SetPlaceHolder(i18n.T("horizon"))
	v.RunButton = widget.NewButtonWithIcon(i18n.T("Run backtest"), theme.MediaPlayIcon(), v.start)
	v.StopButton = widget.NewButtonWithIcon(i18n.T("Stop"), theme.MediaStopIcon(), func() { u.Session.StopBacktest() })
	v.StopButton.Disable()
	v.Progress = widget.NewProgressBar()
	v.Status = widget.NewLabel("")
	v.Status.Truncation = fyne.TextTruncateEllipsis
	v.Summary = widget.NewLabel(i18n.T(backtestHelp))
	v.Summary.Wrapping = fyne.TextWrapWord
	v.Windows = NewChart(u, 400, 200)
	v.MASE = NewChart(u, 300, 180)
	v.Cover = NewChart(u, 300, 180)
	v.clearCharts()
	form := container.NewHBox(widget.NewLabel(i18n.T("Origins")), container.NewGridWrap(fyne.NewSize(60, v.Origins.MinSize().Height), v.Origins),
		widget.NewLabel(i18n.T("points apart")), container.NewGridWrap(fyne.NewSize(90, v.Step.MinSize().Height), v.Step), v.RunButton, v.StopButton)
	top := container.NewVBox(container.NewBorder(nil, nil, form, nil, container.NewPadded(v.Progress)), v.Status)
	bottom := container.NewGridWithColumns(2, v.MASE, v.Cover)
	charts := container.NewVSplit(v.Windows, bottom)
	charts.Offset = 0.5
	v.Content = container.New(layout.NewBorderLayout(top, v.Summary, nil, nil), top, charts, v.Summary) // the form first for Tab
	return v
}

func (v *BacktestView) clearCharts() {
	v.Windows.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.Message(st, i18n.T("Rolling-origin backtest"), i18n.T("Run a backtest to see each origin's forecast window on the series"))
	})
	v.MASE.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.PerStep(st, i18n.T("MASE per step ahead"), "MASE", nil, nil, false)
	})
	v.Cover.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.PerStep(st, i18n.T("LSTM interval coverage per step ahead"), "", nil, nil, true)
	})
}

// start reads the fields and starts the backtest (UI goroutine).
func (v *BacktestView) start() {
	u := v.u
	origins, err := strconv.Atoi(strings.TrimSpace(v.Origins.Text))
	if err != nil {
		u.ShowMessage(i18n.T("Cannot start the backtest"), i18n.T("Origins must be a whole number."), i18n.T("Enter 1 to %d.", app.MaxOrigins))
		return
	}
	step := u.Session.Settings().Horizon
	if t := strings.TrimSpace(v.Step.Text); t != "" {
		if step, err = strconv.Atoi(t); err != nil {
			u.ShowMessage(i18n.T("Cannot start the backtest"), i18n.T("The points between origins must be a whole number."), i18n.T("Leave it empty for the horizon."))
			return
		}
	}
	if !u.SettingsValid() {
		u.ShowError(i18n.T("Cannot start the backtest"), errors.New(i18n.T("some settings are invalid; fix the fields marked in red on the Settings tab")))
		return
	}
	if err := u.Session.StartBacktest(origins, step); err != nil {
		u.ShowError(i18n.T("Cannot start the backtest"), err)
		return
	}
	v.Status.SetText(i18n.T("Starting: %d origins, %d points apart…", origins, step))
	v.UpdateButtons(true)
	u.JobsChanged()
}

// updateButtons enables Run when the job slot is free and Stop while the
// backtest runs (UI goroutine).
func (v *BacktestView) UpdateButtons(running bool) {
	u := v.u
	if !running && !u.Session.Busy() && u.Session.Data() != nil {
		v.RunButton.Enable()
	} else {
		v.RunButton.Disable()
	}
	if running {
		v.StopButton.Enable()
	} else {
		v.StopButton.Disable()
	}
}

// showStatus follows the session's backtest (UI goroutine, from the
// watcher).
func (v *BacktestView) ShowStatus(st app.BacktestStatus) {
	running := st.State == app.Running
	v.UpdateButtons(running)
	if st.Seq == v.lastSeq {
		return
	}
	v.lastSeq = st.Seq
	v.u.JobsChanged() // the job slot is shared
	switch st.State {
	case app.Running:
		v.Progress.SetValue(st.Fraction)
		if st.Origin == 0 {
			v.Status.SetText(i18n.T("Starting: %d origins…", st.Origins))
		} else {
			v.Status.SetText(i18n.T("Training origin %d of %d · epoch %d of at most %d · %s elapsed", st.Origin, st.Origins, st.Epoch, st.Epochs, Duration(st.Elapsed)))
		}
	case app.Done:
		v.Progress.SetValue(1)
		v.Status.SetText(i18n.T("Backtest of %d origins finished in %s.", len(st.Result.Results), Duration(st.Elapsed)))
	case app.Failed:
		v.Progress.SetValue(0)
		v.Status.SetText(i18n.T("The backtest failed: %s", FirstLine(v.u.Explain, st.Err)))
		v.u.ShowError(i18n.T("Backtest failed"), st.Err)
	case app.Idle:
		if st.Seq > 1 {
			v.Progress.SetValue(0)
			v.Status.SetText(i18n.T("Backtest stopped; nothing of it was kept."))
		}
	}
	if st.Result != nil && st.Result != v.Shown {
		d := v.u.Session.Data()
		if d != nil && d.Series == st.Series {
			v.show(st.Result, st.Series, st.Settings)
		}
	}
}

// clear forgets the backtest shown (new data were loaded; UI goroutine).
func (v *BacktestView) Clear() {
	v.seq.Add(1)
	v.Shown, v.Scores, v.series = nil, nil, nil
	v.clearCharts()
	v.Summary.SetText(i18n.T(backtestHelp))
	v.Progress.SetValue(0)
	if st := v.u.Session.BacktestJob(); st.State != app.Running {
		v.Status.SetText("")
	}
	v.UpdateButtons(v.u.Session.BacktestJob().State == app.Running)
}

// show scores b per step in the background and draws it (UI goroutine).
func (v *BacktestView) show(b *backtest.Result, s *tsdata.Series, set config.Settings) {
	v.Shown = b
	seq := v.seq.Add(1)
	u := v.u
	u.Background(func() {
		sc := b.ByStep(s)
		u.Do(func() {
			if v.seq.Load() != seq {
				return
			}
			v.Scores, v.series = &sc, s
			v.draw(b, s, set, sc)
		})
	})
}

// draw hands the charts their data and writes the summary (UI goroutine).
func (v *BacktestView) draw(b *backtest.Result, s *tsdata.Series, set config.Settings, sc backtest.StepScores) {
	x, isTime := chart.FromTimes(s.Times, s.Len())
	ts := chart.TS{Name: ShortName(s.Name), X: x, Y: s.Values, Time: isTime}
	var wins []chart.BacktestWindow
	for _, r := range b.Results {
		ho := r.Holdout
		wins = append(wins, chart.BacktestWindow{Start: ho.Start, Pred: ho.Pred[forecast.MethodLSTM], Lo95: ho.Lower95, Hi95: ho.Upper95})
	}
	var mase []chart.StepCurve
	for _, m := range forecast.Methods {
		if y, ok := sc.MASE[m]; ok {
			mase = append(mase, chart.StepCurve{Label: MethodLabel(m), Y: y, Bold: m == forecast.MethodLSTM})
		}
	}
	cover := []chart.StepCurve{{Label: i18n.T("80 % interval"), Y: sc.Coverage80}, {Label: i18n.T("95 % interval"), Y: sc.Coverage95, Bold: true}}
	refs := []chart.Reference{{Label: i18n.T("nominal 80 %"), Y: 0.8}, {Label: i18n.T("nominal 95 %"), Y: 0.95}}
	v.Windows.Set(func(st chart.Style, px int) *plot.Plot { return chart.BacktestWindows(st, ts, wins, px) })
	v.MASE.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.PerStep(st, i18n.T("MASE per step ahead (mean of %d origins)", sc.Origins), "MASE", mase, []chart.Reference{{Label: i18n.T("1: in-sample seasonal naive"), Y: 1}}, false)
	})
	v.Cover.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.PerStep(st, i18n.T("LSTM interval coverage per step (%d origins)", sc.Origins), "", cover, refs, true)
	})
	v.Summary.SetText(backtestSummary(b, s, set))
}

// backtestSummary says what the backtest did and its mean scores, from
// the Backtest's own numbers.
func backtestSummary(b *backtest.Result, s *tsdata.Series, set config.Settings) string {
	var sb strings.Builder
	n := len(b.Results)
	cut := func(r *forecast.Result) string {
		i := r.Holdout.Start - 1
		if i >= 0 && i < len(s.Times) {
			return i18n.DateText(forecast.FormatTime(s.Freq, s.Times[i]))
		}
		return i18n.T("point %d", i+1)
	}
	if n > 0 {
		sb.WriteString(i18n.T("%d origins, cut after %s … %s; each is a new training run forecasting the %d points after its cut (the last: the holdout of the Forecast tab). ",
			n, cut(b.Results[0]), cut(b.Results[n-1]), set.Horizon))
	}
	var parts []string
	for _, m := range forecast.Methods {
		if x, ok := b.Mean[m]; ok {
			parts = append(parts, fmt.Sprintf("%s %s", MethodLabel(m), FixedNum(x.MASE)))
		}
	}
	sb.WriteString(i18n.T("Mean MASE over the origins: %s. LSTM interval coverage: 80 %% → %s, 95 %% → %s.", strings.Join(parts, i18n.T(", ")), Pct(b.Coverage80), Pct(b.Coverage95)))
	return sb.String()
}
