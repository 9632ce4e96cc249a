package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/forecaster-dev/forecaster/app"
)

func toastText(u *UI) string {
	u.lastDialogMu.Lock()
	defer u.lastDialogMu.Unlock()
	return u.lastToast
}

// A full path typed in the save dialog's name field writes there (it was
// joined to the folder shown), and the window says where it wrote.
func TestSaveDialogTakesAFullPath(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, 0))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("2") })
	act(u, func() { u.Tr.Start() })
	eventually(t, u, "the forecast", func() bool { return u.Fc.ShowsRunID == 1 })
	shown, elsewhere := t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "typed.csv")
	saveThroughDialog(t, u, shown, target, u.Fc.exportCSV)
	eventually(t, u, "the file at the typed path", func() bool { _, err := os.Stat(target); return err == nil })
	eventually(t, u, "the toast", func() bool { return toastText(u) == "Saved "+target })
	if entries, _ := os.ReadDir(shown); len(entries) != 0 {
		t.Errorf("the folder shown got %v", entries)
	}
	// The next dialog starts where the file went.
	if got := u.startDir(); got != elsewhere {
		t.Errorf("start folder %q; want %q", got, elsewhere)
	}
}

// The dialogs start in the loaded file's folder when no folder was used
// yet, and Esc closes them without stopping anything.
func TestFileDialogStartAndEsc(t *testing.T) {
	u := newTestUI(t, fakeTrain(50, 5*time.Millisecond))
	dir := t.TempDir()
	path := filepath.Join(dir, "d.csv")
	var b strings.Builder
	b.WriteString("date,v\n")
	for i := 0; i < 60; i++ {
		b.WriteString(time.Date(2020, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"))
		b.WriteString(",")
		b.WriteString(string(rune('1' + i%9)))
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	openFile(t, u, path)
	u.App.Preferences().SetString(prefLastDir, "")
	if got := u.startDir(); got != dir {
		t.Errorf("start folder %q; want the data's %q", got, dir)
	}
	act(u, func() { u.Tr.Start() })
	eventually(t, u, "training", func() bool { return u.Session.State() == app.Running })
	before := len(u.Window().Canvas().Overlays().List())
	act(u, u.openFileDialog)
	if len(u.Window().Canvas().Overlays().List()) != before+1 || u.fileDialog == nil {
		t.Fatal("no file dialog")
	}
	esc := func() { u.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) }
	act(u, esc)
	if u.fileDialog != nil || len(u.Window().Canvas().Overlays().List()) != before {
		t.Errorf("Esc left the file dialog open: %v, overlays %d → %d", u.fileDialog != nil, before, len(u.Window().Canvas().Overlays().List()))
	}
	if st := u.Session.State(); st != app.Running {
		t.Errorf("Esc on the dialog changed the training to %v", st)
	}
	act(u, esc) // no dialog: Esc stops training, as before
	eventually(t, u, "training stopped", func() bool { return !u.Session.State().Active() })
}
