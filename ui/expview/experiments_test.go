package expview

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// newTestHost is a Host on Fyne's test driver whose functions run at once;
// a message shown fails the test.
func newTestHost(t testing.TB) *view.Host {
	test.NewTempApp(t)
	var style atomic.Pointer[chart.Style]
	st := chart.Dark()
	style.Store(&st)
	ready, done := make(chan struct{}), make(chan struct{})
	close(ready)
	var bg sync.WaitGroup
	t.Cleanup(func() { close(done); bg.Wait() })
	// The test goroutine plays the UI goroutine: it holds ui until the
	// test ends (cleanups run last-registered first), so what the charts'
	// goroutines hand to Do waits for it instead of racing its widget
	// access (TestRunButtonStays raced with a chart swapping its image).
	var ui sync.Mutex
	ui.Lock()
	t.Cleanup(ui.Unlock)
	return &view.Host{
		Do: func(f func()) { ui.Lock(); defer ui.Unlock(); f() }, Background: func(f func()) { f() }, Style: &style, Ready: ready, Done: done, BG: &bg,
		Explain: func(err error) string { return app.Message(err) }, Session: app.NewSession(nil),
		ShowError:     func(title string, err error) { t.Errorf("%s: %v", title, err) },
		ShowMessage:   func(title, what, todo string) { t.Errorf("%s: %s %s", title, what, todo) },
		SaveDialog:    func(string, string, []string, func(string) error) { t.Error("save dialog") },
		JobsChanged:   func() {},
		SettingsValid: func() bool { return true },
	}
}

// TestExperimentPresets: a preset fills the grid with the article's
// experiment and clears the axes it does not use.
func TestExperimentPresets(t *testing.T) {
	e := NewExperimentsTab(newTestHost(t))
	e.Presets.SetSelected("Claim: Deeper and wider helps, but risks vanishing gradients")
	if e.AxisSelect[0].Selected != "layers" || e.AxisValues[0].Text != "1, 2, 3" {
		t.Errorf("axis 1 = %s %q; want layers 1, 2, 3", e.AxisSelect[0].Selected, e.AxisValues[0].Text)
	}
	if e.AxisSelect[1].Selected != "hidden" || e.AxisSelect[2].Selected != noAxis {
		t.Errorf("axes 2 and 3 = %s, %s; want hidden and not varied", e.AxisSelect[1].Selected, e.AxisSelect[2].Selected)
	}
	e.Presets.SetSelected("Claim: Gradient clipping nearly removes divergence")
	if e.AxisSelect[2].Selected != noAxis {
		t.Errorf("axis 3 = %s; want not varied", e.AxisSelect[2].Selected)
	}
	var fixed []string
	for _, a := range e.fixed {
		fixed = append(fixed, a.Name+"="+a.Values[0])
	}
	if got := strings.Join(fixed, " "); !strings.Contains(got, "optimizer=sgd") || !strings.Contains(got, "loss=mse") {
		t.Errorf("the clipping preset fixes %q; want optimizer=sgd and loss=mse among them", got)
	}
}

// TestExperimentBaselines: the cells table ends with the baselines' holdout
// MASE, a baseline that beats every cell takes the column's green, and the
// verdict says so; a cell that beats them all keeps it.
func TestExperimentBaselines(t *testing.T) {
	e := NewExperimentsTab(newTestHost(t))
	res := &experiment.Result{
		Series: "passengers",
		Cells: []experiment.CellSummary{
			{Name: "clip=none", MASE: 1.9, MASELo: 1.8, MASEHi: 2},
			{Name: "clip=norm", MASE: 1.67, MASELo: 1.6, MASEHi: 1.7},
		},
		Best:      map[string]int{"mase": 1},
		Baselines: map[string]float64{forecast.MethodNaive: 3.1, forecast.MethodSeasonalNaive: 0.71, forecast.MethodETS: 0.9, forecast.MethodRecommended: 0.75},
	}
	e.showResult(res)
	f := view.FixedNum // the window's number format
	want := "Best cell MASE " + f(1.67) + " (2 · clip=norm) is worse than Seasonal naive, MASE " + f(0.71) + " on the same holdout: no setting of this grid beats it."
	if e.Verdict.Text != want {
		t.Errorf("verdict %q; want %q", e.Verdict.Text, want)
	}
	var rows []string
	for _, r := range e.Rows[3:] {
		rows = append(rows, r[0]+" "+r[1])
	}
	if got := strings.Join(rows, "|"); got != "Baseline · Naive "+f(3.1)+"|Baseline · Seasonal naive "+f(0.71)+"|Baseline · ETS (Holt-Winters) "+f(0.9)+"|Recommended (median over runs) "+f(0.75) {
		t.Errorf("baseline rows %q", got)
	}
	if e.Best[[2]int{2, 1}] || !e.Best[[2]int{4, 1}] {
		t.Errorf("green MASE cells %v; want seasonal naive's (row 4), not the best cell's", e.Best)
	}

	res.Cells[1].MASE = 0.61
	e.showResult(res)
	if want := "Best cell MASE " + f(0.61) + " (2 · clip=norm) beats every baseline on the same holdout; the best of them, Seasonal naive, scored " + f(0.71) + "."; e.Verdict.Text != want {
		t.Errorf("verdict %q; want %q", e.Verdict.Text, want)
	}
	if !e.Best[[2]int{2, 1}] || e.Best[[2]int{4, 1}] {
		t.Errorf("green MASE cells %v; want the best cell's", e.Best)
	}
}

// TestRunButtonStays: picking a preset, which adds lines to the plan, does
// not move the Run button.
func TestRunButtonStays(t *testing.T) {
	e := NewExperimentsTab(newTestHost(t))
	w := test.NewWindow(e.Content)
	defer w.Close()
	w.Resize(fyne.NewSize(1024, 640))
	d := fyne.CurrentApp().Driver()
	before := d.AbsolutePositionForObject(e.RunButton)
	e.Presets.SetSelected("Claim: Gradient clipping nearly removes divergence")
	if !strings.Contains(e.Plan.Text, "The preset also sets") {
		t.Fatalf("plan %q does not name the preset's settings", e.Plan.Text)
	}
	if after := d.AbsolutePositionForObject(e.RunButton); after != before {
		t.Errorf("the Run button moved from %v to %v when a preset was picked", before, after)
	}
}
