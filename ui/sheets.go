package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
		t.load(i18n.T("%s, sheet %s", view.ShortName(filepath.Base(path)), view.ShortName(name)), func() (*app.Data, error) {
			return t.u.Session.LoadSheet(path, name, tsdata.SeriesSpec{})
		}, nil, nil)
	})
}
