package expview

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/sampledata"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/report"
	"github.com/forecaster-dev/forecaster/ui/view"
)

const noAxis = "(not varied)"

// axisSettings are the settings an experiment can vary, in menu order.
var axisSettings = []string{noAxis, "init", "recurrent_init", "inits", "clip", "clip_max", "lr", "optimizer", "forget_bias",
	"layernorm", "layers", "hidden", "dropout", "l1", "l2", "batch", "loss", "scaler", "anchor", "window", "schedule"}

// ExperimentsTab runs a grid of settings × seeds and shows which
// stabilisers matter, with the spread across seeds.
type ExperimentsTab struct {
	u       *view.Host
	Content fyne.CanvasObject

	AxisSelect []*widget.Select
	AxisValues []*widget.Entry
	Seeds      *widget.Entry
	Plan       *widget.Label
	RunButton  *widget.Button
	StopButton *widget.Button
	Export     *widget.Button
	ExportRuns *widget.Button
	Presets    *widget.Select
	Progress   *widget.ProgressBar
	Status     *widget.Label
	Table      *widget.Table
	Verdict    *widget.Label // the best cell against the best baseline
	Rows       [][]string    // header, one row per cell, one per baseline
	Best       map[[2]int]bool

	Curves, Profiles, MASE *view.Chart

	lastSeq uint64
	Shown   *experiment.Result
	// fixed are the settings the chosen preset fixes on top of the
	// Settings tab's (as the study, `make study`, does); sample is the sample
	// the study runs it on.
	fixed  []experiment.Axis
	sample string
}

// NewExperimentsTab returns the Experiments tab.
func NewExperimentsTab(u *view.Host) *ExperimentsTab {
	t := &ExperimentsTab{u: u}
	defaults := [][2]string{{"inits", "pytorch, xavier_uniform"}, {"clip", "none, norm"}, {i18n.T(noAxis), ""}}
	form := widget.NewForm()
	t.Presets = widget.NewSelect(presetNames(), func(name string) { t.applyPreset(name) })
	t.Presets.PlaceHolder = i18n.T("Test a claim of the article…")
	form.Append(i18n.T("Preset"), t.Presets)
	for i := 0; i < 3; i++ {
		e := widget.NewEntry()
		e.SetPlaceHolder(i18n.T("values, separated by commas"))
		e.OnChanged = func(string) { t.ShowPlan() }
		sel := widget.NewSelect(append([]string{i18n.T(noAxis)}, axisSettings[1:]...), nil)
		sel.PlaceHolder = i18n.T("(Select one)")
		sel.OnChanged = func(name string) {
			e.SetText(suggestValues(name, u.Session.Settings()))
			t.ShowPlan()
		}
		sel.SetSelected(defaults[i][0])
		e.SetText(defaults[i][1])
		t.AxisSelect = append(t.AxisSelect, sel)
		t.AxisValues = append(t.AxisValues, e)
		// The values under the setting, both full width: side by side
		// they left the values a few characters in a narrow window.
		row := container.NewVBox(sel, e)
		form.Append(i18n.T("Vary %d", i+1), row)
	}
	t.Seeds = widget.NewEntry()
	t.Seeds.SetText("3")
	t.Seeds.OnChanged = func(string) { t.ShowPlan() }
	form.Append(i18n.T("Seeds per cell"), t.Seeds)
	help := widget.NewLabel(i18n.T("Names are those of the Settings tab (and the CLI flags); \"inits\" sets the input and recurrent initialisers together. Values are separated by commas."))
	help.Wrapping = fyne.TextWrapWord
	help.SizeName = theme.SizeNameCaptionText
	form.Append("", help)
	t.Plan = widget.NewLabel("")
	t.Plan.Wrapping = fyne.TextWrapWord
	t.RunButton = widget.NewButtonWithIcon(i18n.T("Run experiment"), theme.MediaPlayIcon(), t.run)
	t.RunButton.Importance = widget.HighImportance
	t.StopButton = widget.NewButtonWithIcon(i18n.T("Stop"), theme.MediaStopIcon(), func() { u.Session.StopExperiment() })
	t.Export = widget.NewButtonWithIcon(i18n.T("Export report…"), theme.DocumentSaveIcon(), t.export)
	t.ExportRuns = widget.NewButtonWithIcon(i18n.T("Runs CSV…"), theme.DocumentSaveIcon(), t.exportRuns)
	t.Progress = widget.NewProgressBar()
	t.Status = widget.NewLabel(i18n.T("Every other setting comes from the Settings tab. Runs train two at a time."))
	t.Status.Wrapping = fyne.TextWrapWord
	t.Table = widget.NewTable(
		func() (int, int) {
			if len(t.Rows) == 0 {
				return 0, 0
			}
			return len(t.Rows), len(t.Rows[0])
		},
		func() fyne.CanvasObject { return widget.NewLabel("inits=xavier_uniform") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Text = t.Rows[id.Row][id.Col]
			l.TextStyle.Bold = id.Row == 0 || t.Best[[2]int{id.Row, id.Col}]
			l.Importance = widget.MediumImportance
			if t.Best[[2]int{id.Row, id.Col}] {
				l.Importance = widget.SuccessImportance
			}
			l.Alignment = fyne.TextAlignTrailing
			if id.Col == 0 {
				l.Alignment = fyne.TextAlignLeading
			}
			l.Refresh()
		})
	for c, w := range []float32{250, 150, 140, 90, 90, 90, 100, 70} {
		t.Table.SetColumnWidth(c, w)
	}

	t.Verdict = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Verdict.Wrapping = fyne.TextWrapWord

	t.Curves = view.NewChart(u, 160, 180)
	t.Profiles = view.NewChart(u, 160, 180)
	t.MASE = view.NewChart(u, 160, 180)
	t.showResult(nil)

	// Run and Stop first: the plan below the form grows when a preset
	// fixes settings, and must not move them.
	grid := widget.NewCard(i18n.T("Grid"), i18n.T("Which stabilisers matter, seed to seed?"), container.NewVBox(
		container.NewGridWithColumns(2, t.RunButton, t.StopButton), t.Progress, t.Status, form, t.Plan,
		container.NewGridWithColumns(2, t.Export, t.ExportRuns)))
	charts := container.NewGridWithColumns(3, t.Curves, t.Profiles, t.MASE)
	table := widget.NewCard(i18n.T("Cells"), i18n.T("Medians across seeds, then the baselines on the same holdout; the best in each column is green"),
		container.NewBorder(t.Verdict, nil, nil, nil, t.Table))
	right := container.NewVSplit(charts, table)
	right.Offset = 0.45 // the verdict and the baseline rows need the room
	split := container.NewHSplit(container.NewVScroll(grid), right)
	split.Offset = 0.4
	t.Content = split
	t.ShowPlan()
	return t
}

// suggestValues proposes values to try for a setting.
func suggestValues(name string, cur config.Settings) string {
	switch name {
	case noAxis, i18n.T(noAxis):
		return ""
	case "inits":
		return "pytorch, xavier_uniform, orthogonal"
	case "layernorm":
		return "false, true"
	case "lr":
		return "0.001, 0.005, 0.02"
	case "clip_max":
		return "0.5, 1, 5"
	case "forget_bias":
		return "0, 1"
	case "layers":
		return "1, 2"
	case "hidden":
		return "16, 32, 64"
	case "dropout":
		return "0, 0.2"
	case "l1", "l2":
		return "0, 0.0001, 0.001"
	case "batch":
		return "16, 32, 64"
	case "window":
		return "12, 24, 48"
	}
	f, ok := config.FieldByName(name)
	switch {
	case !ok:
		return ""
	case f.Kind() == config.KindChoice:
		return strings.Join(f.Choices(), ", ")
	}
	return f.Text(&cur)
}

// axes reads the grid from the form.
func (t *ExperimentsTab) axes() ([]experiment.Axis, int, error) {
	var axes []experiment.Axis
	for i, sel := range t.AxisSelect {
		if sel.Selected == "" || sel.Selected == i18n.T(noAxis) {
			continue
		}
		a, err := experiment.ParseAxis(sel.Selected + "=" + t.AxisValues[i].Text)
		if err != nil {
			return nil, 0, err
		}
		axes = append(axes, a)
	}
	if len(axes) == 0 {
		return nil, 0, errors.New(i18n.T("choose at least one setting to vary"))
	}
	seeds, err := strconv.Atoi(strings.TrimSpace(t.Seeds.Text))
	if err != nil || seeds < 1 {
		return nil, 0, errors.New(i18n.T("seeds per cell: enter a whole number, 1 or more"))
	}
	return axes, seeds, nil
}

// plan describes the experiment the form describes, or what is wrong.
func (t *ExperimentsTab) ShowPlan() {
	if t.Plan == nil {
		return
	}
	axes, seeds, err := t.axes()
	if err == nil {
		var base config.Settings
		base, err = experiment.ApplyFixed(t.u.Session.Settings(), t.fixed)
		spec := experiment.Spec{Base: base, Axes: axes, Seeds: seeds}
		var cells []experiment.Cell
		if err == nil {
			cells, err = spec.Cells()
		}
		if err == nil {
			t.Plan.SetText(i18n.T("%d cells × %d seeds = %d runs of up to %d epochs each.", len(cells), seeds, len(cells)*seeds, spec.Base.Epochs) + t.fixedNote())
			t.Plan.Importance = widget.MediumImportance
			t.Plan.Refresh()
			t.UpdateButtons()
			return
		}
	}
	msg := t.u.Explain(err)
	t.Plan.SetText("✗ " + msg)
	t.Plan.Importance = widget.DangerImportance
	t.Plan.Refresh()
	t.UpdateButtons()
}

func (t *ExperimentsTab) UpdateButtons() {
	s := t.u.Session
	st := s.Experiment()
	_, _, err := t.axes()
	if !s.Busy() && s.Data() != nil && err == nil && !strings.HasPrefix(t.Plan.Text, "✗") {
		t.RunButton.Enable()
	} else {
		t.RunButton.Disable()
	}
	if st.State == app.Running {
		t.StopButton.Enable()
	} else {
		t.StopButton.Disable()
	}
	if st.Result != nil && st.State != app.Running {
		t.Export.Enable()
		t.ExportRuns.Enable()
	} else {
		t.Export.Disable()
		t.ExportRuns.Disable()
	}
}

func (t *ExperimentsTab) run() {
	axes, seeds, err := t.axes()
	if err == nil {
		err = t.u.Session.StartExperiment(axes, seeds, t.fixed...)
	}
	if err != nil {
		t.u.ShowError(i18n.T("Cannot start the experiment"), err)
		return
	}
	t.Progress.SetValue(0)
	t.Status.SetText(i18n.T("Starting…"))
	t.UpdateButtons()
	t.u.JobsChanged()
}

// showStatus follows the session's experiment (UI goroutine).
func (t *ExperimentsTab) ShowStatus(st app.ExperimentStatus) {
	if st.Seq == t.lastSeq {
		return
	}
	t.lastSeq = st.Seq
	t.UpdateButtons()
	switch st.State {
	case app.Running:
		if st.Total > 0 {
			t.Progress.SetValue(float64(st.Done) / float64(st.Total))
		}
		text := i18n.T("%d of %d runs done · %s elapsed", st.Done, st.Total, view.Duration(st.Elapsed))
		if st.Done > 0 && st.Done < st.Total {
			left := st.Elapsed * time.Duration(st.Total-st.Done) / time.Duration(st.Done)
			text += i18n.T(" · about %s left", view.Duration(left))
		}
		t.Status.SetText(text)
	case app.Done:
		t.Progress.SetValue(1)
		t.Status.SetText(i18n.T("Finished %d runs in %s on %s.", st.Total, view.Duration(st.Elapsed), view.ShortName(st.Series)))
	case app.Failed:
		t.Status.SetText(i18n.T("The experiment failed: %s", view.FirstLine(t.u.Explain, st.Err)))
		t.u.ShowError(i18n.T("Experiment failed"), st.Err)
	case app.Idle:
		if st.Done > 0 || st.Total > 0 {
			t.Status.SetText(i18n.T("Stopped; nothing of the unfinished experiment is kept."))
		}
	}
	if st.Result != t.Shown {
		t.showResult(st.Result)
	}
}

// showResult shows an experiment's charts and table (nil = none yet).
func (t *ExperimentsTab) showResult(res *experiment.Result) {
	t.Shown = res
	if res == nil || len(res.Cells) == 0 {
		t.Curves.Set(func(st chart.Style, px int) *plot.Plot {
			return chart.Message(st, i18n.T("Validation loss per cell"), i18n.T("Run an experiment to fill these charts"))
		})
		t.Profiles.Set(func(st chart.Style, px int) *plot.Plot {
			return chart.Message(st, i18n.T("Gradient through time"), i18n.T("Where the gradient fades"))
		})
		t.MASE.Set(func(st chart.Style, px int) *plot.Plot {
			return chart.Message(st, i18n.T("Holdout MASE"), i18n.T("One dot per run"))
		})
		t.Rows, t.Best = nil, nil
		t.Verdict.SetText("")
		t.Table.Refresh()
		return
	}
	// Shorter titles than the report's: the charts share a row.
	t.Curves.Set(func(st chart.Style, px int) *plot.Plot {
		p := chart.ExperimentCurves(st, res)
		p.Title.Text = i18n.T("Validation loss (median, 25–75%)")
		p.X.Tick.Marker = chart.IntTicks{}
		return p
	})
	t.Profiles.Set(func(st chart.Style, px int) *plot.Plot {
		p := chart.ExperimentProfiles(st, res)
		p.Title.Text = i18n.T("Gradient through time, layer 1")
		p.X.Tick.Marker = chart.IntTicks{}
		return p
	})
	t.MASE.Set(func(st chart.Style, px int) *plot.Plot {
		p := chart.ExperimentMASE(st, res)
		p.Title.Text = i18n.T("Holdout MASE per run")
		// The chart is too narrow for the cells' names: number them as in
		// the table below.
		nums := make([]string, len(res.Cells))
		for i := range nums {
			nums[i] = fmt.Sprint(i + 1)
		}
		p.NominalX(nums...)
		p.X.Tick.Label.Rotation = 0
		p.X.Tick.Label.XAlign = draw.XCenter
		p.X.Label.Text = i18n.T("cell (as numbered in the table)")
		return p
	})
	t.showTable(res)
}

func (t *ExperimentsTab) showTable(res *experiment.Result) {
	head := i18n.All([]string{"Cell", "MASE (25–75%)", "Epochs to target", "Reached", "Diverged", "Max ‖g‖", "Vanishing", "s / run"})
	keys := []string{"", "mase", "to_target", "reached", "diverged", "max_grad", "", ""}
	t.Rows = [][]string{head}
	t.Best = map[[2]int]bool{}
	for ci, c := range res.Cells {
		t.Rows = append(t.Rows, []string{
			fmt.Sprintf("%d · %s", ci+1, c.Name),
			fmt.Sprintf("%s (%s–%s)", view.FixedNum(c.MASE), view.FixedNum(c.MASELo), view.FixedNum(c.MASEHi)),
			epochsText(c.ToTarget),
			view.Pct(c.Reached),
			view.Pct(c.Diverged),
			view.Num(c.MaxGradMedian),
			view.Num(c.Vanishing),
			i18n.Numf("%.1f", c.Seconds),
		})
		for i, k := range keys {
			if b, ok := res.Best[k]; ok && k != "" && b == ci {
				t.Best[[2]int{ci + 1, i}] = true
			}
		}
	}
	// The baselines, MASE only: a baseline that beats every cell takes the
	// column's green.
	name, base := bestBaseline(res)
	for _, m := range forecast.Methods[1:] {
		v, ok := res.Baselines[m]
		if !ok {
			continue
		}
		label := i18n.T("Baseline · %s", view.MethodLabel(m))
		if m == forecast.MethodRecommended {
			label = i18n.T("Recommended (median over runs)")
		}
		row := make([]string, len(head))
		row[0], row[1] = label, view.FixedNum(v)
		t.Rows = append(t.Rows, row)
		if bc, ok := res.Best["mase"]; ok && m == name && base < res.Cells[bc].MASE {
			delete(t.Best, [2]int{bc + 1, 1})
			t.Best[[2]int{len(t.Rows) - 1, 1}] = true
		}
	}
	t.Verdict.SetText(experimentVerdict(res))
	t.Table.Refresh()
}

// bestBaseline is the method of Result.Baselines with the lowest MASE
// ("" when there is none).
func bestBaseline(res *experiment.Result) (string, float64) {
	name, best := "", math.Inf(1)
	for _, m := range forecast.Methods[1:] {
		if v, ok := res.Baselines[m]; ok && v < best {
			name, best = m, v
		}
	}
	return name, best
}

// experimentVerdict is one sentence on the best cell's median holdout MASE
// against the best baseline's on the same holdout, so that a cell that only
// looks good beside the others is not taken for a good forecast.
func experimentVerdict(res *experiment.Result) string {
	bc, ok := res.Best["mase"]
	if !ok || bc >= len(res.Cells) {
		return ""
	}
	c := res.Cells[bc]
	name, base := bestBaseline(res)
	what := view.MethodLabel(name)
	if name == forecast.MethodRecommended {
		what = i18n.T("the recommended forecast")
	}
	switch {
	case name == "":
		return i18n.T("Best cell: %d · %s, MASE %s.", bc+1, c.Name, view.FixedNum(c.MASE))
	case base < c.MASE:
		return i18n.T("Best cell MASE %s (%d · %s) is worse than %s, MASE %s on the same holdout: no setting of this grid beats it.", view.FixedNum(c.MASE), bc+1, c.Name, what, view.FixedNum(base))
	}
	return i18n.T("Best cell MASE %s (%d · %s) beats every baseline on the same holdout; the best of them, %s, scored %s.", view.FixedNum(c.MASE), bc+1, c.Name, what, view.FixedNum(base))
}

func epochsText(v float64) string {
	if math.IsInf(v, 1) || math.IsNaN(v) {
		return i18n.T("never")
	}
	return i18n.Numf("%.0f", v)
}

func (t *ExperimentsTab) export() {
	res := t.Shown
	if res == nil {
		return
	}
	name := "experiment"
	if res.Series != "" {
		name = res.Series + "-experiment"
	}
	t.u.SaveDialog(i18n.T("Export experiment report"), name+".html", []string{".html", ".md"}, func(p string) error {
		return report.WriteFiles(p, "Forecaster experiment on "+res.Series, res)
	})
}

// exportRuns writes every run of the shown experiment as CSV.
func (t *ExperimentsTab) exportRuns() {
	res := t.Shown
	if res == nil {
		return
	}
	t.u.SaveDialog(i18n.T("Export experiment runs"), res.Series+"-runs.csv", []string{".csv"}, func(p string) error {
		return experiment.WriteCSV(p, res.Records())
	})
}

// The presets are the seed article's claims (experiment.Claims): the grids
// study (`make study`) runs, with the settings it fixes. The first entry
// clears a preset's fixed settings.
const noPreset = "No preset: the Settings tab's values"

func presetNames() []string {
	out := []string{i18n.T(noPreset)}
	for _, c := range experiment.Claims {
		out = append(out, claimName(c))
	}
	return out
}

// claimName is the preset of the article's claim c.
func claimName(c experiment.Claim) string {
	return i18n.T("Claim: %s", i18n.Key("claim."+c.ID, c.Title))
}

// applyPreset sets the axes of the named preset, unused axes cleared, and
// the settings it fixes.
func (t *ExperimentsTab) applyPreset(name string) {
	t.fixed, t.sample = nil, ""
	for _, c := range experiment.Claims {
		if claimName(c) != name {
			continue
		}
		t.fixed, t.sample = c.Fixed, c.Sample
		for i := range t.AxisSelect {
			if i < len(c.Axes) {
				t.AxisSelect[i].SetSelected(c.Axes[i].Name)
				t.AxisValues[i].SetText(strings.Join(c.Axes[i].Values, ", "))
			} else {
				t.AxisSelect[i].SetSelected(i18n.T(noAxis))
				t.AxisValues[i].SetText("")
			}
		}
	}
	t.ShowPlan()
}

// fixedNote says what the preset fixes and where the study runs it.
func (t *ExperimentsTab) fixedNote() string {
	if len(t.fixed) == 0 {
		return ""
	}
	var parts []string
	for _, a := range t.fixed {
		parts = append(parts, a.Name+" "+a.Values[0])
	}
	note := "\n" + i18n.T("The preset also sets %s, as docs/study does", strings.Join(parts, ", "))
	if smp, ok := sampledata.Lookup(t.sample); ok {
		note += i18n.T("; the study runs it on %s", i18n.SampleTitle(smp))
	}
	return note + i18n.T(".")
}
