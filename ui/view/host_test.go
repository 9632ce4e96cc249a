package view

import (
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
