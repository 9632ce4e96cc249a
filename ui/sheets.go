package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// openExts are the files the Open dialog lists: CSV text and workbooks.
var openExts = []string{".csv", ".tsv", ".txt", ".xlsx", ".ods", ".CSV", ".TSV", ".TXT", ".XLSX", ".ODS"}

// sheetPicker chooses the sheet of a workbook on the Data tab. It shows
// only for a workbook with more than one sheet, on the sheet read (at
// first the one tsdata chose: the first with a date and a number column),
// and loads another sheet when one is picked. It always shows the sheet
// that is loaded: a pick that is cancelled or fails leaves it where it was.
type sheetPicker struct {
	t      *DataTab
	Select *widget.Select
	row    *fyne.Container
	path   string   // the workbook loaded; "" when the picker is hidden
	names  []string // its sheets, in order
	loaded int      // index of the sheet loaded
}

func (t *DataTab) newSheetPicker() *sheetPicker {
	p := &sheetPicker{t: t}
	p.Select = widget.NewSelect(nil, func(string) { p.picked() })
	p.Select.PlaceHolder = i18n.T(selectOne)
	p.row = container.NewBorder(nil, nil, widget.NewLabelWithStyle(i18n.T("Sheet"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, p.Select)
	p.row.Hide()
	return p
}

// show follows the loaded data d (nil: nothing loaded). Called on the UI
// goroutine with t.updating set.
func (p *sheetPicker) show(d *app.Data) {
	if d == nil || d.Table == nil || d.Table.Workbook == nil || len(d.Table.Workbook.Sheets) < 2 {
		p.path, p.names = "", nil
		p.row.Hide()
		return
	}
	wb := d.Table.Workbook
	p.path, p.names = d.Source, wb.Sheets
	labels := make([]string, len(wb.Sheets))
	for i, n := range wb.Sheets {
		labels[i] = fmt.Sprintf("%d. %s", i+1, view.ShortName(n)) // numbered: two names may cut alike
		if n == wb.Sheet {
			p.loaded = i
		}
	}
	p.Select.Options = labels
	p.Select.SetSelectedIndex(p.loaded)
	p.row.Show()
}

// picked loads the sheet picked, after the usual question when a job runs.
func (p *sheetPicker) picked() {
	t := p.t
	i := p.Select.SelectedIndex()
	if t.updating || p.path == "" || i < 0 || i >= len(p.names) || i == p.loaded {
		return
	}
	path, name := p.path, p.names[i]
	// Show the loaded sheet until the other one has loaded.
	t.updating = true
	p.Select.SetSelectedIndex(p.loaded)
	t.updating = false
	t.u.confirmStop(i18n.T("Opening another sheet"), func() {
		t.loadFile(path, name, i18n.T("%s, sheet %s", view.ShortName(filepath.Base(path)), view.ShortName(name)), nil, nil)
	})
}

// loadDialogAfter is how long a file loads before its progress shows.
var loadDialogAfter = 400 * time.Millisecond

// loadFile loads sheet ("" the default) of the file at path in the
// background (see DataTab.load). A load that takes more than
// loadDialogAfter shows a dialog with its progress — the bytes read, or a
// workbook sheet's rows — and Cancel, which stops the read and leaves
// what was on screen.
func (t *DataTab) loadFile(path, sheet, name string, ok, failed func()) {
	u := t.u
	fl := &fileLoad{u: u, name: name}
	var ctx context.Context
	ctx, fl.cancel = context.WithCancel(context.Background())
	fl.status = widget.NewLabel(i18n.T("Reading %s…", name))
	fl.bar = widget.NewProgressBar()
	fl.rows = widget.NewProgressBarInfinite()
	fl.rows.Hide()
	fl.Cancel = widget.NewButton(i18n.T("Cancel"), fl.stop)
	t.loading = fl
	time.AfterFunc(loadDialogAfter, func() { u.do(fl.show) })
	t.load(name, func() (*app.Data, error) {
		defer u.do(fl.close)
		defer fl.cancel()
		return u.Session.LoadSheetProgress(ctx, path, sheet, tsdata.SeriesSpec{}, fl.progress)
	}, ok, failed)
}

// fileLoad is the progress dialog of one file being loaded. Its widgets
// change on the UI goroutine only; progress, on the loading goroutine,
// hands them the newest numbers at most ten times a second.
type fileLoad struct {
	u      *UI
	name   string
	cancel context.CancelFunc
	status *widget.Label
	bar    *widget.ProgressBar
	rows   *widget.ProgressBarInfinite // when the total is unknown
	Cancel *widget.Button
	d      dialog.Dialog
	closed bool      // UI goroutine
	told   time.Time // loading goroutine
}

func (fl *fileLoad) show() {
	if fl.closed {
		return
	}
	fl.d = dialog.NewCustomWithoutButtons(i18n.T("Opening the file"),
		container.NewVBox(fl.status, fl.bar, fl.rows, container.NewCenter(fl.Cancel)), fl.u.win)
	fl.d.Resize(fyne.NewSize(440, 170))
	fl.d.Show()
}

// progress runs on the loading goroutine: done of total bytes, or rows of
// a sheet whose size the workbook does not give (total 0).
func (fl *fileLoad) progress(done, total int64) {
	if now := time.Now(); now.Sub(fl.told) >= 100*time.Millisecond {
		fl.told = now
		fl.u.do(func() {
			if fl.closed {
				return
			}
			if total <= 0 {
				fl.status.SetText(i18n.T("Reading %s: %d rows…", fl.name, done))
				fl.bar.Hide()
				fl.rows.Show()
				return
			}
			fl.status.SetText(i18n.T("Reading %s: %s", fl.name, view.Pct(float64(done)/float64(total))))
			fl.bar.SetValue(float64(done) / float64(total))
		})
	}
}

// stop is Cancel: the read stops at its next report, and the dialog
// closes when it has.
func (fl *fileLoad) stop() {
	fl.cancel()
	fl.status.SetText(i18n.T("Cancelling…"))
	fl.Cancel.Disable()
}

func (fl *fileLoad) close() {
	fl.closed = true
	fl.rows.Stop()
	if fl.d != nil {
		fl.d.Hide()
	}
	if fl.u.Data.loading == fl {
		fl.u.Data.loading = nil
	}
}
