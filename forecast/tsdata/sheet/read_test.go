package sheet

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The fixtures hold the 144 months of sampledata's air_passengers (see
// scripts/sheetfixtures): a notes sheet first, then the data below a title,
// a source line and a blank row, with a formula column and a total row.
func TestReadFixtures(t *testing.T) {
	for _, c := range []struct {
		file   string
		format Format
		sheets []string
	}{
		{"air_passengers.xlsx", XLSX, []string{"Notes", "Passengers", "Chart"}},
		{"air_passengers_1904.xlsx", XLSX, []string{"Notes", "Passengers", "Chart"}},
		{"air_passengers.ods", ODS, []string{"Notes", "Passengers"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			tab, err := readPath(t, fixture(c.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tab.Format != c.format || tab.Sheet != "Passengers" || !slices.Equal(tab.Sheets, c.sheets) || tab.HeaderRow != 4 {
				t.Fatalf("format %v, sheet %q of %q, header row %d; want %v, Passengers of %q, 4", tab.Format, tab.Sheet, tab.Sheets, tab.HeaderRow, c.format, c.sheets)
			}
			if want := []string{"Month", "Passengers", "Passengers (individuals)"}; !slices.Equal(tab.Header, want) {
				t.Errorf("header %q; want %q", tab.Header, want)
			}
			if len(rowsOf(tab)) != 144 || numsOf(tab)[0] != 5 || numsOf(tab)[143] != 148 {
				t.Fatalf("%d rows from row %d; want 144 rows 5 to 148", len(rowsOf(tab)), numsOf(tab)[0])
			}
			if len(tab.Skipped) != 1 || tab.Skipped[0].String() != "row 149 'Total' skipped" {
				t.Errorf("skipped %v; want row 149 'Total'", tab.Skipped)
			}
			// First and last months of the CSV: 1949-01-01,112 and 1960-12-01,432.
			first, last := rowsOf(tab)[0], rowsOf(tab)[143]
			if !slices.Equal(first, []string{"1949-01-01", "112", "112000"}) || !slices.Equal(last, []string{"1960-12-01", "432", "432000"}) {
				t.Errorf("rows %q … %q; want 1949-01-01 112 112000 … 1960-12-01 432 432000", first, last)
			}
		})
	}
}

func TestReadSheetByName(t *testing.T) {
	tab, err := readPath(t, fixture("air_passengers.xlsx"), Options{Sheet: "Chart"})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Sheet != "Chart" || tab.HeaderRow != 1 || len(rowsOf(tab)) != 2 || !slices.Equal(rowsOf(tab)[1], []string{"2", "20"}) {
		t.Errorf("sheet %q header row %d rows %q; want Chart, 1, [[1 10] [2 20]]", tab.Sheet, tab.HeaderRow, rowsOf(tab))
	}
	_, err = readPath(t, fixture("air_passengers.xlsx"), Options{Sheet: "Sales"})
	if !errors.Is(err, ErrNoSheet) || !strings.Contains(err.Error(), `"Notes", "Passengers", "Chart"`) {
		t.Errorf("missing sheet: %v; want ErrNoSheet listing the sheets", err)
	}
	_, err = readPath(t, odsFile(t, `<table:table table:name="kindEmpty"/>`), Options{})
	if !errors.Is(err, ErrNoData) {
		t.Errorf("empty workbook: %v; want ErrNoData", err)
	}
}

// The reader never writes to the workbook: its bytes and time stamp stay.
func TestReadLeavesFileAlone(t *testing.T) {
	path := fixture("air_passengers.xlsx")
	before, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if _, err := readPath(t, path, Options{}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	st2, _ := os.Stat(path)
	if sha256.Sum256(before) != sha256.Sum256(after) || !st.ModTime().Equal(st2.ModTime()) {
		t.Error("reading changed the workbook")
	}
}

// xlsxFile writes a workbook made by fill to a temporary file.
func xlsxFile(t testing.TB, fill func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	fill(f)
	path := t.TempDir() + "/book.xlsx"
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// Cells as a spreadsheet stores them: date formats built in and custom,
// a time of day, a formula's stored value (never recalculated: the stored
// 7 is kept though B2*2 would be 10), a formula error read as missing.
func TestReadXLSXCells(t *testing.T) {
	path := xlsxFile(t, func(f *excelize.File) {
		s := "Sheet1"
		iso := "yyyy-mm-dd hh:mm"
		dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		isoStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &iso})
		twoDp, _ := f.NewStyle(&excelize.Style{NumFmt: 2})
		f.SetSheetRow(s, "A1", &[]any{"when", "x", "y", "z"})
		f.SetCellFloat(s, "A2", 39448, -1, 64)
		f.SetCellStyle(s, "A2", "A2", dateStyle)
		f.SetCellFloat(s, "A3", 39448.5, -1, 64)
		f.SetCellStyle(s, "A3", "A3", isoStyle)
		f.SetCellFloat(s, "B2", 5, -1, 64)
		f.SetCellFloat(s, "B3", 0.1+0.2, -1, 64)
		f.SetCellStyle(s, "B3", "B3", twoDp)
		f.SetCellFloat(s, "C2", 7, -1, 64)
		f.SetCellFormula(s, "C2", "B2*2")
		f.SetCellValue(s, "D2", "text 1")
		f.SetCellValue(s, "D3", 2)
		f.SetCellStyle(s, "D2", "D2", dateStyle)
	})
	// The error value is written into the sheet XML by hand: excelize has
	// no setter for it.
	tab, err := readPath(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// excelize stores 0.1+0.2 as 0.3; the two decimals shown are not read.
	want := [][]string{{"2008-01-01", "5", "7", "text 1"}, {"2008-01-01 12:00:00", "0.3", "", "2"}}
	for i := range want {
		if !slices.Equal(rowsOf(tab)[i], want[i]) {
			t.Errorf("row %d = %q; want %q", i+2, rowsOf(tab)[i], want[i])
		}
	}
}

func TestReadFormulaErrors(t *testing.T) {
	content := odsContent(`<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>d</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>v</text:p></table:table-cell></table:table-row>` +
		`<table:table-row><table:table-cell office:value-type="date" office:date-value="2020-01-01"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>` +
		`<table:table-row><table:table-cell office:value-type="date" office:date-value="2020-01-02"/><table:table-cell table:formula="of:=1/0"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row>` +
		`<table:table-row><table:table-cell office:value-type="date" office:date-value="2020-01-03"/><table:table-cell><text:p>Err:502</text:p></table:table-cell></table:table-row></table:table>`)
	tab, err := readPath(t, zipFile(t, "e.ods", [2]string{"content.xml", content}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rowsOf(tab)) != 3 || rowsOf(tab)[1][1] != "" || rowsOf(tab)[2][1] != "" || len(tab.Warnings) != 1 || !strings.Contains(tab.Warnings[0], "2 cells hold a formula error") {
		t.Errorf("rows %q warnings %q; want the two errors missing and named", rowsOf(tab), tab.Warnings)
	}
}

func TestReadODSCells(t *testing.T) {
	path := odsFile(t, `<table:table table:name="S">`+
		`<table:table-row><table:table-cell office:value-type="string"><text:p>when</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>a <text:s text:c="2"/>b</text:p><text:p>c</text:p><office:annotation><text:p>note</text:p></office:annotation></table:table-cell></table:table-row>`+
		`<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="date" office:date-value="2020-01-01T06:30:00"/><table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell></table:table-row>`+
		`<table:table-row><table:table-cell office:value-type="date" office:date-value="2020-01-02"/><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="0.30000000000000004"/></table:table-row>`+
		`</table:table>`)
	tab, err := readPath(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"2020-01-01 06:30:00", "0.25", ""}, {"2020-01-01 06:30:00", "0.25", ""}, {"2020-01-02", "0.30000000000000004", "0.30000000000000004"}}
	if !slices.Equal(tab.Header, []string{"when", "a   b\nc", ""}) || len(rowsOf(tab)) != 3 {
		t.Fatalf("header %q rows %q; want [when \"a   b\\nc\" \"\"] and 3 rows", tab.Header, rowsOf(tab))
	}
	for i := range want {
		if !slices.Equal(rowsOf(tab)[i], want[i]) || numsOf(tab)[i] != i+2 {
			t.Errorf("row %d = %q; want %q", numsOf(tab)[i], rowsOf(tab)[i], want[i])
		}
	}
}

// heap returns the bytes allocated while f ran.
func heap(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// Damaged and hostile workbooks are refused with the sentinel named, in
// bounded memory (less than 64 MiB allocated for each), never a panic.
func TestReadHostile(t *testing.T) {
	bigCell := strings.Repeat("x", MaxCellBytes+1)
	row := `<table:table-row><table:table-cell office:value-type="string"><text:p>d</text:p></table:table-cell></table:table-row>`
	cases := []struct {
		name string
		path func(t *testing.T) string
		opt  Options
		want error
	}{
		{"not a zip", func(t *testing.T) string {
			p := t.TempDir() + "/x.xlsx"
			os.WriteFile(p, []byte("PK\x03\x04 and then nonsense"), 0o644)
			return p
		}, Options{}, ErrDamaged},
		{"a zip of something else", func(t *testing.T) string {
			return zipFile(t, "x.xlsx", [2]string{"word/document.xml", "<w/>"})
		}, Options{}, ErrNotWorkbook},
		{"unpacks past the limit", func(t *testing.T) string {
			return zipFile(t, "x.ods", [2]string{"content.xml", odsContent(strings.Repeat(" ", 4<<20))})
		}, Options{MaxUnzipped: 1 << 20}, ErrTooLarge},
		{"xlsx without its parts", func(t *testing.T) string {
			return zipFile(t, "x.xlsx", [2]string{"xl/workbook.xml", "<workbook"})
		}, Options{}, ErrDamaged},
		{"malformed content.xml", func(t *testing.T) string {
			return zipFile(t, "x.ods", [2]string{"content.xml", odsContent(`<table:table table:name="S"><table:table-row>`)})
		}, Options{}, ErrDamaged},
		{"rows repeated a billion times", func(t *testing.T) string {
			return odsFile(t, `<table:table table:name="S">`+strings.Replace(row, "<table:table-row>", `<table:table-row table:number-rows-repeated="1000000000">`, 1)+`</table:table>`)
		}, Options{}, ErrTooLarge},
		{"a cell repeated a billion times", func(t *testing.T) string {
			return odsFile(t, `<table:table table:name="S">`+strings.Replace(row, "<table:table-cell ", `<table:table-cell table:number-columns-repeated="1000000000" `, 1)+`</table:table>`)
		}, Options{}, ErrTooLarge},
		{"blank rows past the last row, then data", func(t *testing.T) string {
			return odsFile(t, `<table:table table:name="S"><table:table-row table:number-rows-repeated="2000000000"><table:table-cell/></table:table-row>`+row+`</table:table>`)
		}, Options{}, ErrTooLarge},
		{"a cell longer than a spreadsheet's", func(t *testing.T) string {
			return odsFile(t, `<table:table table:name="S">`+strings.Replace(row, ">d<", ">"+bigCell+"<", 1)+`</table:table>`)
		}, Options{}, ErrTooLarge},
		{"a long cell repeated past the budget", func(t *testing.T) string {
			return odsFile(t, `<table:table table:name="S">`+strings.Replace(strings.Replace(row, ">d<", ">"+bigCell[:MaxCellBytes]+"<", 1),
				"<table:table-row>", `<table:table-row table:number-rows-repeated="100000">`, 1)+`</table:table>`)
		}, Options{MaxTextBytes: 16 << 20}, ErrTooLarge},
		{"huge shared strings", func(t *testing.T) string {
			return xlsxFile(t, func(f *excelize.File) {
				for r := 1; r <= 40; r++ {
					f.SetCellValue("Sheet1", "A"+strconv.Itoa(r), fmt.Sprint(r)+bigCell[:MaxCellBytes-10])
				}
			})
		}, Options{MaxTextBytes: 1 << 20}, ErrTooLarge},
		{"a cell in column XFD", func(t *testing.T) string {
			return xlsxFile(t, func(f *excelize.File) {
				f.SetCellValue("Sheet1", "A1", "d")
				f.SetCellValue("Sheet1", "XFD2", 1)
			})
		}, Options{}, ErrTooLarge},
		{"an invalid repeat", func(t *testing.T) string {
			return odsFile(t, `<table:table table:name="S"><table:table-row table:number-rows-repeated="-3"/></table:table>`)
		}, Options{}, ErrDamaged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := c.path(t)
			var err error
			if n := heap(func() { _, err = readPath(t, path, c.opt) }); n > 64<<20 {
				t.Errorf("allocated %d MiB", n>>20)
			}
			var se *Error
			if !errors.Is(err, c.want) || !errors.As(err, &se) || se.Hint == "" && c.want != ErrNoSheet {
				t.Errorf("err = %v; want %v with a hint", err, c.want)
			}
		})
	}
}

// A sheet whose only row is the last of 1,048,576 is read without
// walking a million blank rows into memory.
func TestReadSparseRows(t *testing.T) {
	path := xlsxRaw(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c><c r="B1" t="inlineStr"><is><t>v</t></is></c></row>`+
		`<row r="1048575"><c r="A1048575" t="inlineStr"><is><t>2020-01-01</t></is></c><c r="B1048575"><v>1</v></c></row>`+
		`<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>2020-01-02</t></is></c><c r="B1048576"><v>0.30000000000000004</v></c></row>`)
	var tab *Table
	var err error
	if n := heap(func() { tab, err = readPath(t, path, Options{}) }); n > 64<<20 {
		t.Errorf("allocated %d MiB", n>>20)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(numsOf(tab), []int{1048575, 1048576}) || rowsOf(tab)[1][1] != "0.30000000000000004" {
		t.Fatalf("rows %v %q; want 1048575 and 1048576, the value as stored", numsOf(tab), rowsOf(tab))
	}
}

// A formula that failed stores an error value (t="e"): read as missing and
// counted in a warning.
func TestReadXLSXErrorCells(t *testing.T) {
	path := xlsxRaw(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c><c r="B1" t="inlineStr"><is><t>v</t></is></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>2020-01-01</t></is></c><c r="B2"><f>1+1</f><v>2</v></c></row>`+
		`<row r="3"><c r="A3" t="inlineStr"><is><t>2020-01-02</t></is></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>`+
		`<row r="4"><c r="A4" t="inlineStr"><is><t>2020-01-03</t></is></c><c r="B4"><v>3</v></c></row>`)
	tab, err := readPath(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rowsOf(tab)) != 3 || rowsOf(tab)[0][1] != "2" || rowsOf(tab)[1][1] != "" || len(tab.Warnings) != 1 || !strings.Contains(tab.Warnings[0], "1 cell holds a formula error") {
		t.Errorf("rows %q warnings %q; want 2, missing, 3 and the error named", rowsOf(tab), tab.Warnings)
	}
}
