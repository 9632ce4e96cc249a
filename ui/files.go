package ui

import (
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/forecaster-dev/forecaster/ui/view"
)

// startDir is the folder a file dialog starts in: the last folder a file
// was opened from or saved to, else the loaded file's folder, else none
// (Fyne's default, the home folder).
func (u *UI) startDir() string {
	for _, dir := range []string{u.App.Preferences().String(prefLastDir), u.dataDir()} {
		if dir == "" {
			continue
		}
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
	}
	return ""
}

// dataDir is the loaded data file's folder ("" for a sample or none).
func (u *UI) dataDir() string {
	if d := u.Session.Data(); d != nil && d.Sample == nil && d.Source != "" {
		return filepath.Dir(d.Source)
	}
	return ""
}

// rememberDir makes the folder of path, a file just opened or saved, the
// one the next file dialog starts in.
func (u *UI) rememberDir(path string) {
	u.App.Preferences().SetString(prefLastDir, filepath.Dir(path))
}

// showFileDialog shows d in startDir at a size that fits a 1366×768
// screen and keeps it as the dialog Esc closes (dismissFileDialog).
func (u *UI) showFileDialog(d *dialog.FileDialog) {
	if dir := u.startDir(); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.SetOnClosed(func() {
		if u.fileDialog == d {
			u.fileDialog = nil
		}
	})
	u.fileDialog = d
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// dismissFileDialog closes the file dialog showing, if any, as its Cancel
// button does, and reports whether there was one. The window's Esc calls
// it; Fyne's dialog has no key of its own, and while its file name field
// has the focus the field takes the key (click outside it first).
func (u *UI) dismissFileDialog() bool {
	d := u.fileDialog
	if d == nil {
		return false
	}
	u.fileDialog = nil
	d.Dismiss()
	return true
}

// toastTime is how long a toast shows.
const toastTime = 6 * time.Second

// toast names what was written where (view.Toast).
func (u *UI) toast(msg string) {
	view.Toast(u.win.Canvas(), msg, toastTime)
	u.lastDialogMu.Lock()
	u.lastToast = msg
	u.lastDialogMu.Unlock()
}
