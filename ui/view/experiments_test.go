package view

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/ui/chart"
)

// newTestHost is a Host on Fyne's test driver whose functions run at once;
// a message shown fails the test.
func newTestHost(t testing.TB) *Host {
	test.NewTempApp(t)
	var style atomic.Pointer[chart.Style]
	st := chart.Dark()
	style.Store(&st)
	ready, done := make(chan struct{}), make(chan struct{})
	close(ready)
	var bg sync.WaitGroup
	t.Cleanup(func() { close(done); bg.Wait() })
	return &Host{
		Do: func(f func()) { f() }, Background: func(f func()) { f() }, Style: &style, Ready: ready, Done: done, BG: &bg,
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
