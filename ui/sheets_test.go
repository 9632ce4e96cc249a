package ui

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
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

// bigBook writes n hourly rows (time, value) as an .xlsx with excelize's
// StreamWriter, which writes no dimension: the window counts rows.
func bigBook(t *testing.T, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	code := "yyyy-mm-dd hh:mm"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"time", "value"}); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: style, Value: start.Add(time.Duration(i) * time.Hour)}, i%24*10 + i%7}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "big.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// A large workbook shows its progress (the rows read) in a dialog whose
// Cancel stops the read: the sample on screen stays, with no error.
func TestLoadProgressCancel(t *testing.T) {
	defer func(d time.Duration) { loadDialogAfter = d }(loadDialogAfter)
	loadDialogAfter = 0
	book := bigBook(t, 200_000) // some seconds to read, where Cancel comes in milliseconds
	u := newTestUI(t, fakeTrain(1, 0))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Data.openPath(book) })
	var fl *fileLoad
	eventually(t, u, "the rows read to show", func() bool {
		fl = u.Data.loading
		return fl != nil && fl.d != nil && strings.Contains(fl.status.Text, "rows…")
	})
	if !strings.HasPrefix(fl.status.Text, "Reading big.xlsx: ") || !fl.rows.Visible() || fl.bar.Visible() {
		t.Errorf("status %q, rows bar %v, bar %v; want the rows counted with an indeterminate bar", fl.status.Text, fl.rows.Visible(), fl.bar.Visible())
	}
	shot(t, u, "8-loading")
	act(u, func() { test.Tap(fl.Cancel) })
	eventually(t, u, "the load to stop", func() bool { return !u.busy.Load() && u.Data.loading == nil })
	pause(u, 50*time.Millisecond)
	if d := u.Session.Data(); d.Sample == nil || d.Sample.ID != "air_passengers" {
		t.Errorf("after Cancel the data are %s; want the sample kept", d.Source)
	}
	if !strings.Contains(u.Data.Source.Text, "Sample: ") {
		t.Errorf("source line %q; want the sample's", u.Data.Source.Text)
	}
	if o := u.Window().Canvas().Overlays().Top(); o != nil {
		t.Errorf("a dialog is still open after Cancel: %T", o)
	}
	if slices.Contains(u.App.Preferences().StringList(prefRecent), book) {
		t.Error("the cancelled file is among the recent files")
	}
}

// The bad input of issue 14 in the window: a password-protected (OLE2)
// or damaged workbook is refused with what is wrong and what to do, the
// data on screen staying; a CSV file named .xlsx loads, with the import
// report saying it was read as CSV; a project of a newer version names
// the version and asks for a newer Forecaster.
func TestBadWorkbooksWindow(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	book, err := os.ReadFile("../forecast/tsdata/testdata/air_passengers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile("../sampledata/data/air_passengers_monthly.csv")
	if err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, fakeTrain(1, 0))
	openSample(t, u, "sunspots")
	before := u.Data.Source.Text
	for _, c := range []struct{ file, title, want string }{
		{write("locked.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 4096)...)),
			"Cannot open locked.xlsx", "save it again as .xlsx without a password, or export the sheet as CSV"},
		{write("broken.xlsx", book[:len(book)/2]), "Cannot open broken.xlsx", "the workbook is damaged"},
	} {
		act(u, func() { u.Data.openPath(c.file) })
		eventually(t, u, "the refusal of "+c.file, func() bool { return strings.Contains(u.shownDialog(), c.title) && !u.busy.Load() })
		if d := u.shownDialog(); !strings.Contains(d, c.want) || !strings.Contains(d, "still there") {
			t.Errorf("dialog %q; want %q and that the data stay", d, c.want)
		}
		if u.Data.Source.Text != before {
			t.Errorf("after %s the Data tab says %q; want %q", c.file, u.Data.Source.Text, before)
		}
	}

	renamed := write("renamed.xlsx", csv)
	act(u, func() { u.Data.openPath(renamed) })
	eventually(t, u, "the renamed CSV to load", func() bool {
		d := u.Session.Data()
		return d.Source == renamed && !u.busy.Load()
	})
	pause(u, 50*time.Millisecond)
	if n := u.Data.Notes.Text; !u.Data.Notes.Visible() || !strings.Contains(n, "the file is named .xlsx but holds text, not a workbook; read it as CSV") {
		t.Errorf("import notes %q; want the file named as read as CSV", n)
	}

	zr, err := zip.OpenReader("../app/project/testdata/v1.forecaster")
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		if f.Name == "manifest.json" {
			b = bytes.Replace(b, []byte(`"version": 1`), fmt.Appendf(nil, `"version": %d`, project.Version+1), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	newer := write("newer"+project.Ext, buf.Bytes())
	act(u, func() { u.prj.Open(newer) })
	eventually(t, u, "the newer project's refusal", func() bool { return strings.Contains(u.shownDialog(), "Cannot open the project") })
	if d, v := u.shownDialog(), fmt.Sprintf("version %d", project.Version+1); !strings.Contains(d, v) || !strings.Contains(d, "newer Forecaster") {
		t.Errorf("dialog %q; want %s and a newer Forecaster named", d, v)
	}
	if d := u.Session.Data(); d.Source != renamed {
		t.Errorf("after the refusal the data are %s; want %s kept", d.Source, renamed)
	}
}

// twoSheetBook writes the air passengers sample as a workbook of two data
// sheets under a title row: "Passengers", then "Doubled" (each value
// twice), and returns its path.
func twoSheetBook(t *testing.T, dir string) string {
	t.Helper()
	tab, err := tsdata.ReadFile("../sampledata/data/air_passengers_monthly.csv", tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dates, values := tab.Columns[0].Times, tab.Columns[1].Numbers
	f := excelize.NewFile()
	defer f.Close()
	code := "yyyy-mm"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	for k, name := range []string{"Passengers", "Doubled"} {
		if k == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		f.SetCellValue(name, "A1", "Monthly airline passengers (thousands)")
		f.SetSheetRow(name, "A3", &[]any{"month", strings.ToLower(name)})
		for i := range dates {
			cell, _ := excelize.CoordinatesToCellName(1, i+4)
			f.SetSheetRow(name, cell, &[]any{dates[i], values[i] * float64(k+1)})
		}
		f.SetCellStyle(name, "A4", fmt.Sprintf("A%d", len(dates)+3), style)
	}
	path := filepath.Join(dir, "air.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// The Done-when scenario in the window: a workbook's second sheet picked,
// a run trained and renamed, the project saved; with the workbook gone,
// another window opens the project on that sheet, with the run's name on
// the Compare tab.
func TestProjectKeepsSheetAndRunName(t *testing.T) {
	dir := t.TempDir()
	book := twoSheetBook(t, dir)
	u := newTestUI(t, fakeTrain(2, 0))
	act(u, func() { u.Data.openPath(book) })
	eventually(t, u, "the workbook to load", func() bool {
		d := u.Session.Data()
		return d != nil && d.Source == book && !u.busy.Load()
	})
	pause(u, 50*time.Millisecond)
	act(u, func() { u.Data.sheets.Select.SetSelected("2. Doubled") })
	eventually(t, u, "the Doubled sheet to load", func() bool {
		d := u.Session.Data()
		return d.Table.Workbook.Sheet == "Doubled" && !u.busy.Load()
	})
	act(u, u.Tr.Start)
	eventually(t, u, "run done", func() bool { return u.Session.State() == app.Done && len(u.Session.Runs()) == 1 })
	if err := u.Session.RenameRun(1, "doubled"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "air"+project.Ext)
	saveProject(t, u, file)
	if err := os.Remove(book); err != nil {
		t.Fatal(err)
	}

	v := newTestUI(t, fakeTrain(2, 0))
	act(v, func() { v.Open(file) })
	eventually(t, v, "project open", func() bool { return len(v.Session.Runs()) == 1 && !v.busy.Load() })
	pause(v, 50*time.Millisecond)
	if p := v.Data.sheets; !p.row.Visible() || p.Select.Selected != "2. Doubled" {
		t.Errorf("sheet picker visible %v on %q; want 2. Doubled", p.row.Visible(), p.Select.Selected)
	}
	if got := v.Data.ValueSelect.Selected; got != "doubled" {
		t.Errorf("value column %q; want doubled", got)
	}
	if got := v.Cmp.Runs.Options; !slices.Contains(got, "Run 1: doubled") {
		t.Errorf("Compare lists %q; want Run 1: doubled", got)
	}
}
