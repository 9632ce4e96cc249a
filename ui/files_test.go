package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

const userData = "IMPORTANT USER DATA\n"

// tapDialogButton taps the button labelled label in the topmost dialog
// that has one.
func tapDialogButton(t *testing.T, u *UI, label string) {
	t.Helper()
	ov := u.Window().Canvas().Overlays().List()
	for i := len(ov) - 1; i >= 0; i-- {
		for _, o := range test.LaidOutObjects(ov[i]) {
			if b, ok := o.(*widget.Button); ok && b.Text == label && !b.Disabled() {
				test.Tap(b)
				return
			}
		}
	}
	t.Fatalf("no %q button in a dialog", label)
}

// saveThroughDialog chooses dir/name in the save dialog that show opens,
// and confirms replacing it when it exists.
func saveThroughDialog(t *testing.T, u *UI, dir, name string, show func()) {
	t.Helper()
	u.App.Preferences().SetString(prefLastDir, dir)
	act(u, show)
	var entry *widget.Entry
	for _, o := range test.LaidOutObjects(u.Window().Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("the save dialog has no file name entry")
	}
	entry.SetText(name)
	// Whether the file is there is known before Save: after it, the
	// export may already have written it (a loaded machine's timing),
	// and no "Overwrite?" dialog comes.
	_, err := os.Stat(filepath.Join(dir, name))
	tapDialogButton(t, u, "Save")
	if err == nil {
		tapDialogButton(t, u, "Yes") // the dialog's "Overwrite?"
	}
}

// TestSaveDialogKeepsFileWhenWriteFails: choosing an existing file in the
// save dialog and then failing to write leaves the file's bytes as they
// were (Fyne's own writer emptied it before our write began).
func TestSaveDialogKeepsFileWhenWriteFails(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	dir := t.TempDir()
	target := filepath.Join(dir, "sales.csv")
	if err := os.WriteFile(target, []byte(userData), 0o644); err != nil {
		t.Fatal(err)
	}
	var wrote string
	saveThroughDialog(t, u, dir, "sales.csv", func() {
		u.saveDialog("Export forecast", "x.csv", []string{".csv"}, func(p string) error {
			wrote = p
			return errors.New("the disk is full")
		})
	})
	eventually(t, u, "the error dialog", func() bool { return strings.Contains(u.shownDialog(), "disk is full") })
	if wrote != target {
		t.Errorf("write got path %q; want %q", wrote, target)
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != userData {
		t.Errorf("after a failed save the file holds %q (%v); want %q", b, err, userData)
	}

	// The same through a real export that fails (nothing trained yet).
	saveThroughDialog(t, u, dir, "sales.csv", u.Fc.exportCSV)
	eventually(t, u, "the error dialog", func() bool { return strings.Contains(u.shownDialog(), "no trained model") })
	if b, err := os.ReadFile(target); err != nil || string(b) != userData {
		t.Errorf("after a failed export the file holds %q (%v); want %q", b, err, userData)
	}
}

// TestSaveDialogReplacesFile: a successful export replaces the chosen file
// (through a temporary file: none is left behind), and a name typed
// without the extension gets it.
func TestSaveDialogReplacesFile(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("2") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "the run's forecast", func() bool { return u.Fc.ShowsRunID == 1 })
	dir := t.TempDir()
	target := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(target, []byte(userData), 0o644); err != nil {
		t.Fatal(err)
	}
	saveThroughDialog(t, u, dir, "out.csv", u.Fc.exportCSV)
	eventually(t, u, "the export", func() bool {
		b, _ := os.ReadFile(target)
		return strings.HasPrefix(string(b), "date,forecast,")
	})
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("files in the folder: %q; want only out.csv", names)
	}

	// "out" gets ".csv": out.csv exists, so the window asks first.
	os.WriteFile(target, []byte(userData), 0o644)
	saveThroughDialog(t, u, dir, "out", u.Fc.exportCSV)
	pause(u, 100*time.Millisecond)
	if b, _ := os.ReadFile(target); string(b) != userData {
		t.Fatalf("out.csv replaced without asking: %.40q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error(`the dialog created a file "out"`)
	}
	tapDialogButton(t, u, "Yes")
	eventually(t, u, "the export", func() bool {
		b, _ := os.ReadFile(target)
		return strings.HasPrefix(string(b), "date,forecast,")
	})
}

// TestSaveRefusesInputFile: the loaded data file is never written over,
// whatever name the dialog gets.
func TestSaveRefusesInputFile(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	dir := t.TempDir()
	in := filepath.Join(dir, "sales.csv")
	data := "day,units\n2024-01-01,5\n2024-01-02,7\n2024-01-03,6\n2024-01-04,9\n2024-01-05,8\n"
	os.WriteFile(in, []byte(data), 0o644)
	act(u, func() { u.Data.openPath(in) })
	eventually(t, u, "the file to load", func() bool {
		d := u.Session.Data()
		return d != nil && d.Source == in && !u.busy.Load()
	})
	wrote := false
	saveThroughDialog(t, u, dir, "sales.csv", func() {
		u.saveDialog("Export forecast", "x.csv", []string{".csv"}, func(string) error { wrote = true; return nil })
	})
	eventually(t, u, "the refusal", func() bool { return strings.Contains(u.shownDialog(), "never writes over its input") })
	if b, _ := os.ReadFile(in); wrote || string(b) != data {
		t.Errorf("input written over (write called: %v): %q", wrote, b)
	}
}

// unblockFIFO opens the named pipe for writing without blocking, which
// releases a reader stuck opening it (a test that failed), then closes it.
func unblockFIFO(path string) {
	if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
}

// TestNamedPipeRefusedAndNotRecent: a named pipe chosen as input (one that
// replaced a file of the recent list, say) is refused at once instead of
// blocking the load for ever, is not listed among the recent files, and a
// file that fails to load leaves the list.
func TestNamedPipeRefusedAndNotRecent(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	t.Cleanup(func() { unblockFIFO(fifo) }) // runs before the window waits for its goroutines
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("day,units\n2024-01-01,5\n2024-01-02,7\n2024-01-03,6\n2024-01-04,9\n2024-01-05,8\n"), 0o644)
	act(u, func() {
		u.App.Preferences().SetStringList(prefRecent, []string{fifo, good})
		u.Data.setRecent([]string{fifo, good})
	})
	if got := u.Data.RecentSelect.Options; len(got) != 1 || got[0] != good {
		t.Errorf("recent files shown: %q; want only %s", got, good)
	}

	start := time.Now()
	act(u, func() { u.Data.openPath(fifo) })
	for !strings.HasPrefix(u.shownDialog(), "Cannot open pipe.csv") {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("no refusal 5 s after opening a named pipe (the load blocks); last dialog %q", u.shownDialog())
		}
		pause(u, 10*time.Millisecond)
	}
	if !strings.Contains(u.shownDialog(), "named pipe") {
		t.Errorf("dialog %q does not say the file is a named pipe", u.shownDialog())
	}
	if got := u.App.Preferences().StringList(prefRecent); slices.Contains(got, fifo) {
		t.Errorf("recent files after the refusal: %q; want no %s", got, fifo)
	}

	// A regular file that no longer loads leaves the list too.
	os.WriteFile(good, []byte("name,comment\nfoo,bar\n"), 0o644)
	act(u, func() { u.Data.openPath(good) })
	eventually(t, u, "the error dialog", func() bool { return strings.HasPrefix(u.shownDialog(), "Cannot open good.csv") })
	if got := u.App.Preferences().StringList(prefRecent); len(got) != 0 {
		t.Errorf("recent files after failed loads: %q; want none", got)
	}
	if got := u.Data.RecentSelect.Options; len(got) != 0 {
		t.Errorf("recent files shown after failed loads: %q; want none", got)
	}
}

// TestDefaultNameStaysInFolder: a column named "../../../PWNED" no longer
// makes the save dialog's default name write three folders above the one
// it shows.
func TestDefaultNameStaysInFolder(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	top := t.TempDir()
	dir := filepath.Join(top, "a", "b", "c")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("month,../../../PWNED\n")
	for i := range 60 {
		fmt.Fprintf(&b, "%d-%02d,%d\n", 2020+i/12, i%12+1, 100+i%12*3+i)
	}
	in := filepath.Join(top, "data.csv")
	os.WriteFile(in, []byte(b.String()), 0o644)
	act(u, func() { u.Data.openPath(in) })
	eventually(t, u, "the file to load", func() bool {
		d := u.Session.Data()
		return d != nil && d.Source == in && d.Series != nil && !u.busy.Load()
	})
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "the run's forecast", func() bool { return u.Fc.ShowsRunID == 1 })

	u.App.Preferences().SetString(prefLastDir, dir)
	act(u, u.Fc.exportCSV)
	var entry *widget.Entry
	for _, o := range test.LaidOutObjects(u.Window().Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("the save dialog has no file name entry")
	}
	if entry.Text != "PWNED-forecast.csv" {
		t.Errorf("default file name %q; want PWNED-forecast.csv", entry.Text)
	}
	tapDialogButton(t, u, "Save")
	want := filepath.Join(dir, "PWNED-forecast.csv")
	eventually(t, u, "the export", func() bool {
		_, err := os.Stat(want)
		return err == nil
	})
	filepath.WalkDir(top, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != want && p != in {
			t.Errorf("export wrote %s", p)
		}
		return nil
	})
}
