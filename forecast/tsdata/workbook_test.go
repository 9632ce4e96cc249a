package tsdata

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/sheet"
)

// sheetFixture is a workbook of scripts/sheetfixtures.
func sheetFixture(name string) string { return filepath.Join("testdata", name) }

const airCSV = "../../sampledata/data/air_passengers_monthly.csv"

// A workbook gives the Series of the same data as CSV, bit for bit: the
// fixtures hold sampledata's air passengers below a title, with a formula
// column and a total row, as date serials (1900 and 1904 systems) and as
// OpenDocument dates.
func TestWorkbookSeriesEqualsCSV(t *testing.T) {
	csvTab, err := ReadFile(airCSV, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := csvTab.Series(SeriesSpec{ValueCol: "passengers"})
	if err != nil {
		t.Fatal(err)
	}
	// The pandas files (scripts/sheetfixtures_pandas.py: openpyxl and
	// odfpy, other writers than ours) have a title in row 1 and no formula
	// or total row; pandas' odf writer puts two blank rows under it.
	for _, c := range []struct {
		name, value string
		first       int
	}{
		{"air_passengers.xlsx", "Passengers", 5},
		{"air_passengers_1904.xlsx", "Passengers", 5},
		{"air_passengers.ods", "Passengers", 5},
		{"air_passengers_pandas.xlsx", "passengers", 4},
		{"air_passengers_pandas.ods", "passengers", 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab, err := ReadFile(sheetFixture(c.name), ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got, rep, err := tab.Series(SeriesSpec{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.ValueColumn != c.value || got.Freq != want.Freq || !slices.EqualFunc(got.Times, want.Times, func(a, b time.Time) bool { return a.Equal(b) }) {
				t.Fatalf("value %q freq %v, %d times; want %s, %v, the CSV's %d", rep.ValueColumn, got.Freq, len(got.Times), c.value, want.Freq, len(want.Times))
			}
			for i := range want.Values {
				if math.Float64bits(got.Values[i]) != math.Float64bits(want.Values[i]) {
					t.Fatalf("value %d = %v; want %v", i, got.Values[i], want.Values[i])
				}
			}
			// Rows are numbered as on the sheet.
			if tab.Line(0) != c.first || tab.Line(143) != c.first+143 {
				t.Errorf("lines %d…%d; want %d…%d", tab.Line(0), tab.Line(143), c.first, c.first+143)
			}
			if c.value == "Passengers" {
				col, _ := tab.Column("Passengers (individuals)")
				if col == nil || col.Numbers[0] != 112000 {
					t.Errorf("formula column = %v; want its stored values (112000 …)", col)
				}
			}
		})
	}
}

func TestWorkbookReport(t *testing.T) {
	tab, err := ReadFile(sheetFixture("air_passengers.xlsx"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep := tab.Report()
	if rep.Format != "xlsx" || rep.Sheet != "Passengers" || rep.HeaderRow != 4 || !slices.Equal(rep.Skipped, []string{"row 149 'Total' skipped"}) ||
		!slices.Equal(rep.Sheets, []string{"Notes", "Passengers", "Chart"}) {
		t.Errorf("report %+v; want xlsx sheet Passengers, header row 4, row 149 'Total' skipped", rep)
	}
	text := rep.Text()
	for _, want := range []string{"sheet:       Passengers (xlsx; sheets Notes, Passengers, Chart)\n", "rows:        144 (header in row 4; row 149 'Total' skipped)\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("report text lacks %q:\n%s", want, text)
		}
	}
}

func TestWorkbookSheetOption(t *testing.T) {
	tab, err := ReadFile(sheetFixture("air_passengers.xlsx"), ReadOptions{Sheet: "Chart"})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Workbook.Sheet != "Chart" || tab.Rows != 2 || tab.DateColumn != "" {
		t.Errorf("sheet %q, %d rows, date column %q; want Chart, 2, none", tab.Workbook.Sheet, tab.Rows, tab.DateColumn)
	}
	notes, err := ReadFile(sheetFixture("air_passengers.xlsx"), ReadOptions{Sheet: "Notes"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := notes.Series(SeriesSpec{}); !errors.Is(err, ErrNoNumericColumn) ||
		!strings.HasSuffix(err.Error(), `sheet "Notes" has no column of numbers; choose the sheet that holds the data (Notes, Passengers, Chart)`) {
		t.Errorf("Series of the notes sheet: %v; want the sheets named", err)
	}
	_, err = ReadFile(sheetFixture("air_passengers.ods"), ReadOptions{Sheet: "Sales"})
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, sheet.ErrNoSheet) || ie.File != "air_passengers.ods" ||
		err.Error() != `forecast: air_passengers.ods: no sheet called "Sales"; the sheets are "Notes", "Passengers"; choose one of them` {
		t.Errorf("err = %v; want the sheets listed", err)
	}
}

// A CSV file saved under a workbook's name is read as CSV, with a warning.
func TestWorkbookNamedCSV(t *testing.T) {
	data, err := os.ReadFile(airCSV)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "air.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadFile(path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Workbook != nil || tab.Rows != 144 || len(tab.Warnings) == 0 || tab.Warnings[0] != "the file is named .xlsx but holds text, not a workbook; read it as CSV" {
		t.Errorf("workbook %v, %d rows, warnings %q; want CSV with a warning", tab.Workbook, tab.Rows, tab.Warnings)
	}
	tab, err = ReadFile(airCSV, ReadOptions{Sheet: "Data"})
	if err != nil || len(tab.Warnings) == 0 || tab.Warnings[0] != `the file is CSV text, not a workbook: the sheet "Data" asked for is ignored` {
		t.Errorf("CSV with a sheet: %v, warnings %q; want the sheet said to be ignored", err, tab.Warnings)
	}
}

func TestWorkbookRefused(t *testing.T) {
	dir := t.TempDir()
	ole := filepath.Join(dir, "locked.xlsx")
	os.WriteFile(ole, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), 0o644)
	broken := filepath.Join(dir, "broken.xlsx")
	os.WriteFile(broken, []byte("PK\x03\x04truncated"), 0o644)
	for _, c := range []struct {
		path string
		want error
		text string
	}{
		{ole, sheet.ErrEncrypted, "forecast: locked.xlsx: a password-protected workbook, or an old .xls file, not read here; save it again as .xlsx without a password, or export the sheet as CSV"},
		{broken, sheet.ErrDamaged, "forecast: broken.xlsx: the workbook is damaged"},
	} {
		_, err := ReadFile(c.path, ReadOptions{})
		if !errors.Is(err, c.want) || !strings.HasPrefix(err.Error(), c.text) {
			t.Errorf("ReadFile(%s) = %v; want %q…", filepath.Base(c.path), err, c.text)
		}
	}
}
