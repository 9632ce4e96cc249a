package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Opening a workbook shows its sheets with the data sheet picked and names
// the sheet, the header row and the skipped total in the import report;
// picking another sheet loads it; a CSV file hides the picker.
func TestWorkbookSheetPicker(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	book, err := filepath.Abs("../forecast/tsdata/testdata/air_passengers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	act(u, func() { u.Data.openPath(book) })
	eventually(t, u, "the workbook to load", func() bool {
		d := u.Session.Data()
		return d != nil && d.Source == book && !u.busy.Load()
	})
	pause(u, 50*time.Millisecond)
	p := u.Data.sheets
	if !p.row.Visible() || p.Select.Selected != "2. Passengers" || len(p.Select.Options) != 3 {
		t.Fatalf("picker visible %v on %q of %q; want 2. Passengers of 3", p.row.Visible(), p.Select.Selected, p.Select.Options)
	}
	rows := u.Data.report["Rows"].Text
	if !strings.Contains(rows, "sheet “Passengers”, header in row 4, row 149 'Total' skipped") {
		t.Errorf("report rows %q; want the sheet, header row and skipped row named", rows)
	}
	shot(t, u, "7-workbook")
	act(u, func() { p.Select.SetSelected("3. Chart") })
	eventually(t, u, "the Chart sheet to load", func() bool {
		d := u.Session.Data()
		return d.Table.Workbook.Sheet == "Chart" && !u.busy.Load() && p.Select.Selected == "3. Chart"
	})
	if got := u.Data.ValueSelect.Selected; got != "Bin" {
		t.Errorf("value column %q; want Bin", got)
	}
	openSample(t, u, "air_passengers")
	if p.row.Visible() {
		t.Error("the sheet picker shows for a sample")
	}
}
