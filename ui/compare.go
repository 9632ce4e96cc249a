package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// CompareTab overlays this session's runs and lists how their settings
// differ.
type CompareTab struct {
	u       *UI
	content fyne.CanvasObject

	Runs                 *widget.CheckGroup
	Remove               *widget.Button
	Loss, Grad, Forecast *view.Chart
	Diff                 *fyne.Container
	Note                 *widget.Label

	labels map[string]int // check label → run ID
}

func (u *UI) newCompareTab() *CompareTab {
	t := &CompareTab{u: u, labels: map[string]int{}}
	t.Runs = widget.NewCheckGroup(nil, func([]string) { t.draw() })
	t.Remove = widget.NewButtonWithIcon("Forget unticked runs", theme.DeleteIcon(), func() {
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
	t.Loss = view.NewChart(u.host, 220, 200)
	t.Grad = view.NewChart(u.host, 220, 200)
	t.Forecast = view.NewChart(u.host, 220, 200)
	t.Diff = container.NewGridWithColumns(1)
	t.Note = widget.NewLabel("Every run of this session is listed here. Change one setting (say Input init xavier_uniform → pytorch, or Clipping norm → none), train again and compare.")
	t.Note.Wrapping = fyne.TextWrapWord

	left := container.NewVBox(widget.NewCard("Runs", "", container.NewVBox(t.Runs, t.Remove)), t.Note)
	charts := container.NewGridWithColumns(3, t.Loss, t.Grad, t.Forecast)
	diff := widget.NewCard("How the runs differ", "Settings that differ, then the holdout accuracy", container.NewHScroll(t.Diff))
	right := container.NewVSplit(charts, container.NewVScroll(diff))
	right.Offset = 0.55
	split := container.NewHSplit(container.NewVScroll(left), right)
	split.Offset = 0.2
	t.content = split
	t.refresh()
	return t
}

// refresh re-reads the runs (UI goroutine); new runs start ticked.
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
	t.labels = map[string]int{}
	var opts, sel []string
	for _, r := range runs {
		if r.Result == nil {
			continue
		}
		l := fmt.Sprintf("Run %d · %s", r.ID, view.ShortName(r.Series))
		t.labels[l] = r.ID
		opts = append(opts, l)
		if !known[r.ID] || old[r.ID] {
			sel = append(sel, l)
		}
	}
	t.Runs.Options = opts
	t.Runs.Selected = sel
	t.Runs.Refresh()
	if len(opts) == 0 {
		t.Remove.Disable()
	} else {
		t.Remove.Enable()
	}
	t.draw()
}

func (t *CompareTab) selected() []*app.Run {
	ids := map[int]bool{}
	for _, l := range t.Runs.Selected {
		ids[t.labels[l]] = true
	}
	var out []*app.Run
	for _, r := range t.u.Session.Runs() {
		if ids[r.ID] && r.Result != nil {
			out = append(out, r)
		}
	}
	return out
}

func (t *CompareTab) draw() {
	runs := t.selected()
	var loss, grad []chart.RunCurve
	var fcs []chart.RunForecast
	var hist chart.TS
	histName := "" // the full name of hist's series (hist.Name is cut)
	for _, r := range runs {
		label := r.Label()
		loss = append(loss, chart.RunCurve{Label: label, Curve: r.History.ValLoss.Buckets()})
		grad = append(grad, chart.RunCurve{Label: label, Curve: r.History.GradNorm.Buckets()})
		s := r.Data
		if hist.X == nil || histName == s.Name {
			histName = s.Name
			x, isTime := chart.FromTimes(s.Times, s.Len())
			hist = chart.TS{Name: view.ShortName(s.Name), X: x, Y: s.Values, Time: isTime}
			fx := make([]float64, len(r.Result.Forecast.Mean))
			for i := range fx {
				if i < len(r.Result.Forecast.Times) && isTime {
					fx[i] = float64(r.Result.Forecast.Times[i].Unix())
				} else {
					fx[i] = x[len(x)-1] + float64(i+1)
				}
			}
			fcs = append(fcs, chart.RunForecast{Label: label, X: fx, Mean: r.Result.Forecast.Mean})
		}
	}
	recent := 0
	if len(fcs) > 0 {
		recent = min(len(hist.X), max(6*len(fcs[0].Mean), 48))
	}
	t.Loss.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.Compare(st, "Validation loss", "epoch", "loss (log)", loss, true, px)
	})
	t.Grad.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.Compare(st, "Gradient norm before clipping", "step", "|g| (log)", grad, true, px)
	})
	t.Forecast.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.CompareForecasts(st, hist, recent, fcs, px)
	})
	t.showDiff(runs)
}

// showDiff lists the settings that differ between the runs, then metrics.
func (t *CompareTab) showDiff(runs []*app.Run) {
	t.Diff.RemoveAll()
	if len(runs) == 0 {
		t.Diff.Add(widget.NewLabel("Train a model to start comparing."))
		return
	}
	t.Diff.Layout = container.NewGridWithColumns(len(runs) + 1).Layout
	head := widget.NewLabelWithStyle("Setting", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Diff.Add(head)
	for _, r := range runs {
		t.Diff.Add(widget.NewLabelWithStyle(r.Label(), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
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
				row(f.Label, vals, -1)
			}
		}
		series := make([]string, len(runs))
		same := true
		for i, r := range runs {
			series[i] = view.ShortName(r.Series)
			same = same && series[i] == series[0]
		}
		if !same {
			row("Series", series, -1)
		}
		if rows == 0 {
			row("(all settings equal)", make([]string, len(runs)), -1)
		}
	}
	metric := func(name string, get func(classic.Metrics) float64) {
		vals := make([]string, len(runs))
		best, bi := 0.0, -1
		for i, r := range runs {
			m, ok := r.Result.Metrics[forecast.MethodLSTM]
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
		if len(runs) < 2 {
			bi = -1
		}
		row(name, vals, bi)
	}
	metric("LSTM sMAPE %", func(m classic.Metrics) float64 { return m.SMAPE })
	metric("LSTM MASE", func(m classic.Metrics) float64 { return m.MASE })
	metric("LSTM RMSE", func(m classic.Metrics) float64 { return m.RMSE })
	epochs := make([]string, len(runs))
	secs := make([]string, len(runs))
	for i, r := range runs {
		epochs[i] = fmt.Sprintf("%d (best %d)", r.History.Epochs, r.Result.BestEpoch)
		secs[i] = fmt.Sprintf("%.1f", r.Result.Seconds)
	}
	row("Epochs run", epochs, -1)
	row("Seconds", secs, -1)
	t.Diff.Refresh()
}
