package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/forecaster-dev/forecaster/app"
)

// focusables lists the controls of o that take the keyboard focus:
// visible, enabled and Focusable, in the order of the widget tree.
func focusables(o fyne.CanvasObject, out *[]fyne.Focusable) {
	if o == nil || !o.Visible() {
		return
	}
	if f, ok := o.(fyne.Focusable); ok {
		if d, ok := o.(fyne.Disableable); !ok || !d.Disabled() {
			*out = append(*out, f)
		}
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			focusables(c, out)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			focusables(c, out)
		}
	}
}

// TestTabReachesEveryControl: on every tab, with data loaded and a run
// trained, Tab (FocusNext) visits each enabled control once before coming
// back to the first, in the order of the widget tree — the toolbar, then
// each form from top to bottom (the settings in the table's order), then
// the panels to its right — reaching the named controls of each tab in
// reading order, and Shift+Tab (FocusPrevious) goes back the same way.
func TestTabReachesEveryControl(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, time.Millisecond))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("3") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "training to finish", func() bool { return u.Session.State() == app.Done })
	eventually(t, u, "the forecast to show", func() bool { return u.Fc.ShowsRunID == 1 })
	// The controls each tab must reach, in this order.
	var settings []fyne.Focusable
	for _, f := range fields {
		switch {
		case u.Set.Entries[f.Name] != nil && !u.Set.Entries[f.Name].Disabled():
			settings = append(settings, u.Set.Entries[f.Name])
		case u.Set.Selects[f.Name] != nil:
			settings = append(settings, u.Set.Selects[f.Name])
		case u.Set.Checks[f.Name] != nil:
			settings = append(settings, u.Set.Checks[f.Name])
		}
	}
	settings = append(settings, u.Set.Reset)
	var runChecks []fyne.Focusable // one check per run
	focusables(u.Cmp.Runs, &runChecks)
	if len(runChecks) != 1 {
		t.Fatalf("Compare lists %d runs; want 1", len(runChecks))
	}
	expect := [][]fyne.Focusable{
		{u.Data.OpenButton, u.Data.SampleSelect, u.Data.DateSelect, u.Data.ValueSelect, u.Data.MissingSelect},
		settings,
		{u.Tr.TrainButton, u.Tr.ExportCharts, u.Tr.ExportHistory, u.Tr.NormSelect, u.Tr.HeatSelect},
		{u.Fc.ExportCSV, u.Fc.ExportPNG, u.Fc.ExportSVG, u.Fc.Report, u.Fc.SaveModel, u.Fc.LoadModel, u.Fc.Zoom, u.Fc.Baselines},
		append(append([]fyne.Focusable{u.Cmp.Series}, runChecks...), u.Cmp.Rename, u.Cmp.Remove),
		{u.Exp.Presets, u.Exp.AxisSelect[0], u.Exp.AxisValues[0], u.Exp.AxisSelect[1], u.Exp.AxisValues[1], u.Exp.Seeds, u.Exp.RunButton},
	}
	c := u.Window().Canvas()
	for i, item := range u.Tabs.Items {
		act(u, func() { u.Tabs.SelectIndex(i) })
		pause(u, 50*time.Millisecond)
		var want []fyne.Focusable
		focusables(u.Window().Content(), &want)
		if len(want) < 2 {
			t.Errorf("tab %s: %d focusable controls", item.Text, len(want))
			continue
		}
		var got []fyne.Focusable
		act(u, func() {
			c.Unfocus()
			for range len(want) + 1 {
				c.FocusNext()
				got = append(got, c.Focused())
			}
		})
		for k, w := range want {
			if got[k] != w {
				t.Errorf("tab %s: Tab press %d focuses %s; want %s (control %d of %d in reading order)", item.Text, k+1, name(got[k]), name(w), k+1, len(want))
				break
			}
		}
		at := 0
		for _, e := range expect[i] {
			for at < len(got) && got[at] != e {
				at++
			}
			if at == len(got) {
				t.Errorf("tab %s: Tab never reaches %s, or reaches it out of order (%d controls: %s)", item.Text, name(e), len(want), names(got))
				break
			}
		}
		if got[len(want)] != want[0] {
			t.Errorf("tab %s: after the last control Tab focuses %s; want the first, %s", item.Text, name(got[len(want)]), name(want[0]))
		}
		var back []fyne.Focusable
		act(u, func() {
			c.Focus(want[0])
			for range len(want) {
				c.FocusPrevious()
				back = append(back, c.Focused())
			}
		})
		for k := range want {
			if w := want[len(want)-1-k]; back[k] != w {
				t.Errorf("tab %s: Shift+Tab press %d focuses %s; want %s", item.Text, k+1, name(back[k]), name(w))
				break
			}
		}
	}
}

func name(f fyne.Focusable) string { return fmt.Sprintf("%T", f) }

func names(fs []fyne.Focusable) string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%T@%p", f, f))
	}
	return strings.Join(out, " ")
}
