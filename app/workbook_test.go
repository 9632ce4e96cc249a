package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/forecaster-dev/forecaster/app/project"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/sheet"
)

const airWorkbook = "../forecast/tsdata/testdata/air_passengers.xlsx"

// A workbook loads its data sheet by default; another sheet on request;
// a sheet it does not have fails and leaves the loaded data.
func TestLoadSheet(t *testing.T) {
	s := newTestSession(t, fakeTrain(1, 0, nil), 1)
	d, err := s.LoadSheet(airWorkbook, "", tsdata.SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if wb := d.Table.Workbook; wb == nil || wb.Sheet != "Passengers" || d.Series.Len() != 144 || d.Source != airWorkbook {
		t.Fatalf("loaded %+v, %d points from %s; want sheet Passengers, 144 points", wb, d.Series.Len(), d.Source)
	}
	d, err = s.LoadSheet(airWorkbook, "Chart", tsdata.SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Table.Workbook.Sheet != "Chart" || d.Series.Name != "Bin" {
		t.Errorf("sheet %q series %q; want Chart, Bin", d.Table.Workbook.Sheet, d.Series.Name)
	}
	if _, err := s.LoadSheet(airWorkbook, "Sales", tsdata.SeriesSpec{}); !errors.Is(err, sheet.ErrNoSheet) {
		t.Errorf("LoadSheet(Sales) = %v; want ErrNoSheet", err)
	}
	if d := s.Data(); d.Table.Workbook.Sheet != "Chart" {
		t.Errorf("after the failed load the sheet is %q; want Chart kept", d.Table.Workbook.Sheet)
	}
}

// A project saved from a workbook reopens from its embedded copy on the
// same sheet, with the data file gone. (Projects do not record a sheet
// picked by hand yet: the copy is read on the default sheet.)
func TestProjectFromWorkbook(t *testing.T) {
	b, err := os.ReadFile(airWorkbook)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "air.xlsx")
	if err := os.WriteFile(book, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s := NewSession(nil)
	want, err := s.LoadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "work"+project.Ext)
	if err := s.SaveProject(file, nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(book)
	d, _, err := NewSession(nil).OpenProject(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if d.Table.Workbook == nil || d.Table.Workbook.Sheet != "Passengers" || !sameSeries(d.Series, want.Series) {
		t.Errorf("reopened %+v; want the Passengers sheet's series", d.Table.Workbook)
	}
}
