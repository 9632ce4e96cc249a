package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/ui/projectui"
)

// TestUndoSettingsInForm: typing 24 over the horizon's 12 is one edit,
// named in the Edit menu; Undo puts 12 back in the field and the session,
// Redo 24.
func TestUndoSettingsInForm(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	openSample(t, u, "air_passengers")
	h := u.Set.Entries["horizon"]
	if h.Text != "12" {
		t.Fatalf("horizon field %q; want the sample's 12", h.Text)
	}
	act(u, func() { h.SetText("2"); h.SetText("24") })
	if got := u.prj.UndoItem.Label; got != "Undo horizon 12 → 24" {
		t.Errorf("Edit menu: %q; want %q", got, "Undo horizon 12 → 24")
	}
	act(u, u.prj.Undo)
	eventually(t, u, "the horizon back at 12", func() bool { return h.Text == "12" && u.Session.Settings().Horizon == 12 })
	if got := u.prj.RedoItem.Label; got != "Redo horizon 12 → 24" || !u.prj.UndoItem.Disabled {
		t.Errorf("Edit menu after undo: %q, undo disabled %v", got, u.prj.UndoItem.Disabled)
	}
	act(u, u.prj.Redo)
	eventually(t, u, "the horizon at 24 again", func() bool { return h.Text == "24" && u.Session.Settings().Horizon == 24 })
}

// TestUndoColumnsInPicker: choosing another value column and undoing it
// shows the first column in the picker again.
func TestUndoColumnsInPicker(t *testing.T) {
	b, err := os.ReadFile("../../shared/data/uk_seatbelts_front_rear_monthly.csv")
	if err != nil {
		t.Skipf("shared data: %v", err)
	}
	path := filepath.Join(t.TempDir(), "seatbelts.csv")
	os.WriteFile(path, b, 0o600)
	u := newTestUI(t, fakeTrain(1, 0))
	act(u, func() { u.Data.openPath(path) })
	eventually(t, u, "file loaded", func() bool { return u.Session.Data() != nil && !u.busy.Load() })
	pause(u, 50*time.Millisecond)
	first := u.Data.ValueSelect.Selected
	act(u, func() { u.Data.ValueSelect.SetSelected("rear") })
	eventually(t, u, "rear chosen", func() bool { return u.Session.Data().Series.Name == "rear" && u.prj.UndoItem.Label != "Undo" })
	if got, want := u.prj.UndoItem.Label, "Undo column "+first+" → rear"; got != want {
		t.Errorf("Edit menu: %q; want %q", got, want)
	}
	act(u, u.prj.Undo)
	eventually(t, u, "the first column back", func() bool {
		return u.Session.Data().Series.Name == first && u.Data.ValueSelect.Selected == first
	})
}

// saveProject saves u's session as the project file, as File → Save
// does (off the UI goroutine), and fails the test if that fails.
func saveProject(t *testing.T, u *UI, file string) {
	t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- u.prj.SaveTo(file, nil) }()
	var err error
	eventually(t, u, "saved", func() bool {
		select {
		case err = <-errc:
			return true
		default:
			return false
		}
	})
	if err != nil {
		t.Fatalf("saving %s: %v", filepath.Base(file), err)
	}
}

// TestProjectSaveReopen: a project saved from one window opens in another
// with the run on the Forecast tab, the settings in the form and the tab
// that was selected.
func TestProjectSaveReopen(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, 0))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["hidden"].SetText("17") })
	for _, want := range []int{1, 2} {
		act(u, u.Tr.Start)
		eventually(t, u, "run done", func() bool { return u.Session.State() == app.Done && u.Fc.ShowsRunID == want })
	}
	act(u, func() { u.Fc.showRun(u.Session.Run(1)) }) // the first run on the Forecast tab
	act(u, func() { u.Tabs.SelectIndex(4) })
	file := filepath.Join(t.TempDir(), "air"+project.Ext)
	saveProject(t, u, file)
	if !strings.Contains(u.Window().Title(), "air"+project.Ext) {
		t.Errorf("title after saving %q; want the project's name", u.Window().Title())
	}

	v := newTestUI(t, fakeTrain(2, 0))
	act(v, func() { v.Open(file) })
	eventually(t, v, "project open", func() bool { return len(v.Session.Runs()) == 2 && !v.busy.Load() })
	pause(v, 50*time.Millisecond)
	if got := v.Tabs.Selected().Text; got != "Compare" {
		t.Errorf("tab after reopening %q; want Compare", got)
	}
	if got := v.Set.Entries["hidden"].Text; got != "17" {
		t.Errorf("hidden field %q; want 17", got)
	}
	if v.Fc.ShowsRunID != 1 {
		t.Errorf("Forecast tab shows run %d; want run 1, as when saved", v.Fc.ShowsRunID)
	}
	if !strings.Contains(v.Data.Source.Text, "Air") {
		t.Errorf("Data tab: %q; want the sample", v.Data.Source.Text)
	}
	if l := v.App.Preferences().StringList(projectui.PrefRecentProjects); len(l) == 0 || l[0] != file {
		t.Errorf("recent projects %v; want %s first", l, file)
	}
}

// TestPanelProjectSaveReopen: a project saved while a series of a file of
// many is shown opens in another window with the series list, that series
// marked and shown, and the All series tab with the scores of every series
// as they were; with the data file gone,
// another series can still be picked (the project holds the whole file).
// Picking another series before saving keeps the project's name.
func TestPanelProjectSaveReopen(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "forecast", "tsdata", "panel", "testdata", "stores_monthly_long.csv"))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "stores.csv")
	if err := os.WriteFile(src, b, 0o600); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, fakeTrain(1, 0))
	openFile(t, u, src)
	eventually(t, u, "the series pane", func() bool { return len(u.Panel.List.Shown()) > 2 })
	ids := u.Panel.List.Shown()
	pick := func(u *UI, id string) {
		act(u, func() { u.Panel.List.OnSelected(id) }) // as a click on its row
		eventually(t, u, id+" shown", func() bool {
			d := u.Session.Data()
			return d != nil && strings.HasSuffix(d.Title, " · "+id)
		})
	}
	pick(u, ids[1])
	act(u, func() {
		set := u.Session.Settings()
		set.Epochs, set.Hidden, set.Ensemble, set.Patience = 2, 4, 1, 0
		if err := u.Session.SetSettings(set); err != nil {
			t.Error(err)
		}
		u.Set.fromSession()
		u.Panel.RunAll.OnTapped() // score every series (each its own LSTM)
	})
	eventually(t, u, "every series scored", func() bool { return u.Session.Data().PanelRun != nil })
	// the Forecast tab draws the forecast the scoring made for the series
	// shown, says what it chose, and exports that forecast
	eventually(t, u, "the Forecast tab's forecast", func() bool {
		return strings.HasPrefix(u.Fc.Summary.Text, "Forecast of "+ids[1]+" from scoring every series (All series tab): ") && strings.Contains(u.Fc.Summary.Text, ", MASE ")
	})
	shownFc := func(u *UI, id string) {
		t.Helper()
		r := u.Session.Data().PanelRun.Of(id)
		var mean, hold []float64
		var title string
		act(u, func() { mean, hold, title = u.Fc.data.Mean, u.Fc.data.HoldoutPred, u.Fc.data.Title })
		if r == nil || len(mean) == 0 || !slices.Equal(mean, r.Forecast.Mean) || !strings.Contains(title, "forecast from scoring every series") {
			t.Errorf("%s: the Forecast tab draws %v (%q); want the scoring's forecast %v", id, mean, title, r)
		}
		if r != nil && (len(hold) == 0 || !slices.Equal(hold, r.Holdout)) {
			t.Errorf("%s: holdout line %v; want the scoring's holdout prediction %v", id, hold, r.Holdout)
		}
	}
	shownFc(u, ids[1])
	out := filepath.Join(t.TempDir(), "f.csv")
	if err := u.Session.ExportForecast(out, u.Fc.ShowsRunID, u.Fc.method()); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(out); err != nil || strings.Count(string(b), "\n") != 1+len(u.Session.Data().PanelRun.Of(ids[1]).Forecast.Mean) || !strings.HasPrefix(string(b), "date,forecast,lower80") {
		t.Errorf("exported %q (%v); want the scoring's forecast of %s, a row a step", b, err, ids[1])
	}
	var summary string
	act(u, func() { summary = u.Panel.Summary.Text })
	file := filepath.Join(t.TempDir(), "stores"+project.Ext)
	saveProject(t, u, file)
	pick(u, ids[2])
	if !strings.Contains(u.Window().Title(), "stores"+project.Ext) {
		t.Errorf("title after picking another series %q; want the project's name still", u.Window().Title())
	}
	if err := os.Remove(src); err != nil {
		t.Fatal(err)
	}

	v := newTestUI(t, fakeTrain(1, 0))
	act(v, func() { v.Open(file) })
	eventually(t, v, "project open", func() bool {
		d := v.Session.Data()
		return d != nil && d.Panel != nil && !v.busy.Load()
	})
	pause(v, 50*time.Millisecond)
	var shown []string
	var marked, summary2 string
	var overview, export bool
	act(v, func() {
		shown, marked = v.Panel.List.Shown(), v.Panel.List.Selected()
		summary2, export = v.Panel.Summary.Text, !v.Panel.Export.Disabled()
		for _, it := range v.Tabs.Items {
			overview = overview || it.Text == "All series"
		}
	})
	if len(shown) != len(ids) || marked != ids[1] || !overview {
		t.Errorf("reopened: list %v, marked %q, All series tab %v; want %d series, %s marked, the tab", shown, marked, overview, len(ids), ids[1])
	}
	if !strings.Contains(summary, "Mean MASE") || summary2 != summary || !export {
		t.Errorf("reopened: All series says %q, export enabled %v; want the scores as saved: %q", summary2, export, summary)
	}
	if d := v.Session.Data(); !strings.HasSuffix(d.Title, " · "+ids[1]) || v.Data.ValueSelect.Selected != ids[1] {
		t.Errorf("reopened: session shows %q, Forecast field %q; want %s", d.Title, v.Data.ValueSelect.Selected, ids[1])
	}
	shownFc(v, ids[1])
	pick(v, ids[0]) // the data file is gone: from the project's copy
	shownFc(v, ids[0])
}

// TestDamagedProjectKeepsScreen: a damaged project is refused with a
// message and the data on screen stay.
func TestDamagedProjectKeepsScreen(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	openSample(t, u, "air_passengers")
	before := u.Data.Source.Text
	bad := filepath.Join(t.TempDir(), "bad"+project.Ext)
	os.WriteFile(bad, []byte("PK\x05\x06 truncated"), 0o600)
	act(u, func() { u.prj.Open(bad) })
	eventually(t, u, "the refusal", func() bool { return strings.Contains(u.shownDialog(), "Cannot open the project") })
	if d := u.shownDialog(); !strings.Contains(d, "not a valid project file") || !strings.Contains(d, "still there") {
		t.Errorf("dialog %q; want what is wrong and that the screen stays", d)
	}
	if u.Data.Source.Text != before || u.Session.Data().Sample == nil {
		t.Errorf("after the refusal the Data tab says %q; want %q", u.Data.Source.Text, before)
	}
}

// TestRecoveryAfterCrash: a window that did not end cleanly leaves its
// autosave; the next launch asks, and restoring brings the data back.
func TestRecoveryAfterCrash(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$") // a process that ends: the one that crashes
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	u := NewWithSession(a, app.NewSession(fakeTrain(1, 0)))
	u.uiMu.Lock()
	rec := &app.Recovery{Dir: dir, PID: cmd.Process.Pid}
	u.prj.BeginRecovery(rec)
	openSample(t, u, "sunspots")
	eventually(t, u, "autosave", func() bool {
		_, err := os.Stat(rec.Path())
		return err == nil
	})
	u.uiMu.Unlock()
	u.closeAndWait() // no endRecovery: the process died

	v := NewWithSession(a, app.NewSession(fakeTrain(1, 0)))
	t.Cleanup(v.closeAndWait)
	v.uiMu.Lock()
	defer v.uiMu.Unlock()
	v.prj.BeginRecovery(&app.Recovery{Dir: dir})
	if !strings.Contains(v.shownDialog(), "did not close cleanly") || v.prj.Answer == nil {
		t.Fatalf("no recovery question after a crash (dialog %q)", v.shownDialog())
	}
	act(v, func() { v.prj.Answer(true) })
	eventually(t, v, "restored", func() bool {
		d := v.Session.Data()
		return d != nil && d.Sample != nil && d.Sample.ID == "sunspots" && !v.busy.Load()
	})
	v.prj.EndRecovery()
	w := NewWithSession(a, app.NewSession(fakeTrain(1, 0)))
	t.Cleanup(w.closeAndWait)
	w.prj.BeginRecovery(&app.Recovery{Dir: dir})
	if w.prj.Answer != nil {
		t.Error("a recovery question after a clean end")
	}
}
