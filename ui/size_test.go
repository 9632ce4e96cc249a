package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// smallWindow is the smallest window every control must fit: 1024×700
// less the title bar (about 30 pixels) the window manager draws.
var smallWindow = fyne.NewSize(1024, 670)

// TestWindowFits (issue 16: the window opened at 1280×820 and could not
// shrink): after a run, with every tab filled, each tab needs at most
// 1024×670, so nothing is cut off in a 1024×700 window (what does not fit
// scrolls); the window opens at a size that fits a 1366×768 screen; and at
// 1024×670 the buttons of each tab lie inside the window.
func TestWindowFits(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, time.Millisecond))
	if s := defaultSize; s.Width > 1366-40 || s.Height > 768-80 {
		t.Errorf("the window opens at %v; with a title bar and a panel it must fit 1366×768", s)
	}
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("3") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "run", func() bool { return u.Fc.ShowsRunID == 1 })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "second run", func() bool { return u.Fc.ShowsRunID == 2 })
	pause(u, 200*time.Millisecond)
	for _, it := range u.Tabs.Items {
		if s := it.Content.MinSize(); s.Width > smallWindow.Width || s.Height > smallWindow.Height-40 {
			t.Errorf("tab %s needs %v; want at most %v less the tab bar", it.Text, s, smallWindow)
		}
	}
	if s := u.Tabs.MinSize(); s.Width > smallWindow.Width || s.Height > smallWindow.Height {
		t.Errorf("the tabs need %v; want at most %v", s, smallWindow)
	}

	u.Window().Resize(smallWindow)
	buttons := map[int][]fyne.CanvasObject{
		0: {u.Data.OpenButton, u.Data.ValueSelect, u.Data.Views},
		1: {u.Set.Reset},
		2: {u.Tr.TrainButton, u.Tr.StopButton, u.Tr.ExportHistory},
		3: {u.Fc.ExportCSV, u.Fc.SaveModel},
		4: {u.Cmp.Series, u.Cmp.Rename, u.Cmp.Remove},
		5: {u.Exp.RunButton, u.Exp.StopButton, u.Exp.Table},
	}
	d := fyne.CurrentApp().Driver()
	for tab, objs := range buttons {
		act(u, func() { u.Tabs.SelectIndex(tab) })
		pause(u, 50*time.Millisecond)
		for _, o := range objs {
			p, s := d.AbsolutePositionForObject(o), o.Size()
			if p.X < 0 || p.Y < 0 || p.X+s.Width > smallWindow.Width+1 || p.Y+s.Height > smallWindow.Height+1 || s.Width < 1 {
				t.Errorf("tab %s: a %T at %v, %v lies outside the 1024×670 window", u.Tabs.Items[tab].Text, o, p, s)
			}
		}
	}
	// The comparison's run columns are in sight, not scrolled off beside
	// the settings' names (each column of an equal grid was as wide as
	// the widest cell).
	act(u, func() { u.Tabs.SelectIndex(4) })
	pause(u, 50*time.Millisecond)
	view := d.AbsolutePositionForObject(u.Cmp.diffScroll).X + u.Cmp.diffScroll.Size().Width
	var heads int
	for _, o := range u.Cmp.Diff.Objects {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Run ") {
			heads++
			if right := d.AbsolutePositionForObject(l).X + l.Size().Width; right > view+1 {
				t.Errorf("Compare tab: the %q column ends at x=%v, past the table's visible %v", l.Text, right, view)
			}
		}
	}
	if heads != 2 {
		t.Errorf("Compare tab: %d run columns; want 2", heads)
	}
}

// TestWindowFitsInEachLanguage: the tabs' minimum stays within 1024×670
// in Chinese and German too (German labels run longer), after a run.
func TestWindowFitsInEachLanguage(t *testing.T) {
	for _, code := range []string{"zh", "de"} {
		t.Run(code, func(t *testing.T) {
			u := newTestUIIn(t, code, fakeTrain(2, time.Millisecond))
			openSample(t, u, "air_passengers")
			act(u, func() { u.Set.Entries["epochs"].SetText("3") })
			act(u, func() { test.Tap(u.Tr.TrainButton) })
			eventually(t, u, "run", func() bool { return u.Fc.ShowsRunID == 1 })
			pause(u, 200*time.Millisecond)
			for _, it := range u.Tabs.Items {
				if s := it.Content.MinSize(); s.Width > smallWindow.Width || s.Height > smallWindow.Height-40 {
					t.Errorf("tab %s needs %v; want at most %v less the tab bar", it.Text, s, smallWindow)
				}
			}
			if s := u.Tabs.MinSize(); s.Width > smallWindow.Width || s.Height > smallWindow.Height {
				t.Errorf("the tabs need %v; want at most %v", s, smallWindow)
			}
		})
	}
}

// TestPanelWindowFitsInEachLanguage: with a file of many series open (the
// series list beside the tabs) the window's minimum width still fits a
// 1366×768 screen in every language (the German one needed 1,401 pixels:
// the Score and Stop buttons took two columns of the longer label).
func TestPanelWindowFitsInEachLanguage(t *testing.T) {
	for _, code := range []string{"en", "zh", "de"} {
		t.Run(code, func(t *testing.T) {
			u := newTestUIIn(t, code, fakeTrain(1, 0))
			openFile(t, u, filepath.Join("..", "forecast", "tsdata", "panel", "testdata", "stores_monthly_long.csv"))
			eventually(t, u, "the series pane", func() bool { return len(u.Panel.List.Shown()) > 1 })
			pause(u, 100*time.Millisecond)
			if w := u.Window().Content().MinSize().Width; w > 1366-40 {
				t.Errorf("the window needs %.0f pixels across with the series list; want at most %d (a 1366×768 screen)", w, 1366-40)
			}
		})
	}
}
