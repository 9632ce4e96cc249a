// Command sheetfixtures writes the workbook fixtures of package
// forecast/tsdata and of the app's workbook test from
// sampledata/data/air_passengers_monthly.csv: the same 144 months as an
// .xlsx in the 1900 date system, an .xlsx in the 1904 date system and an
// .ods, each with a title, a blank row, a formula column, a total row and
// a notes sheet before the data. Run from the repository root:
//
//	go run ./scripts/sheetfixtures
//
// With -big N -o FILE.xlsx it writes instead a workbook of N hourly rows
// (time, value) with the same rows as CSV next to it (FILE.csv), for
// measuring the reader on large workbooks; -cols K adds K-1 more columns
// of numbers with six decimals (-big 1000000 -cols 8: a 50 MB workbook).
package main

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

const (
	source = "sampledata/data/air_passengers_monthly.csv"
	outDir = "forecast/tsdata/testdata/"
	title  = "Monthly airline passengers, 1949–1960 (thousands)"
)

type month struct {
	t time.Time
	v float64
}

func main() {
	big := flag.Int("big", 0, "write a workbook of this many hourly rows instead of the fixtures")
	out := flag.String("o", "", "the workbook -big writes")
	cols := flag.Int("cols", 1, "-big: the columns of numbers")
	flag.Parse()
	if *big > 0 {
		if err := writeBig(*out, *big, max(*cols, 1)); err != nil {
			log.Fatal(err)
		}
		return
	}
	rows, err := readSource()
	if err != nil {
		log.Fatal(err)
	}
	for _, d1904 := range []bool{false, true} {
		name := outDir + "air_passengers.xlsx"
		if d1904 {
			name = outDir + "air_passengers_1904.xlsx"
		}
		if err := writeXLSX(name, rows, d1904); err != nil {
			log.Fatal(err)
		}
	}
	if err := writeODS(outDir+"air_passengers.ods", rows); err != nil {
		log.Fatal(err)
	}
}

func readSource() ([]month, error) {
	f, err := os.Open(source)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []month
	for _, r := range recs[1:] {
		t, err := time.Parse("2006-01-02", r[0])
		if err != nil {
			return nil, err
		}
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			return nil, err
		}
		out = append(out, month{t, v})
	}
	return out, nil
}

// serial is the spreadsheet date number of t (after 1900-03-01).
func serial(t time.Time, d1904 bool) float64 {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if d1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return float64(t.Sub(epoch) / (24 * time.Hour))
}

// writeXLSX: sheet "Notes" (text only), sheet "Passengers" (title in A1, a
// source line in A2, row 3 blank, header in row 4, months as date serials
// formatted mmm-yy in A, passengers in B, =B*1000 in C with its value
// stored, "Total" with =SUM in the last row), sheet "Chart" (numbers only).
func writeXLSX(name string, rows []month, d1904 bool) error {
	f := excelize.NewFile()
	defer f.Close()
	if d1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			return err
		}
	}
	const s = "Passengers"
	if err := f.SetSheetName("Sheet1", "Notes"); err != nil {
		return err
	}
	f.SetCellValue("Notes", "A1", "About this workbook")
	f.SetCellValue("Notes", "A2", "The series is on the sheet Passengers; it is the Box & Jenkins airline series.")
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	if _, err := f.NewSheet("Chart"); err != nil {
		return err
	}
	mmmyy, err := f.NewStyle(&excelize.Style{NumFmt: 17})
	if err != nil {
		return err
	}
	f.SetCellValue(s, "A1", title)
	f.SetCellValue(s, "A2", "Source: "+source)
	f.SetSheetRow(s, "A4", &[]any{"Month", "Passengers", "Passengers (individuals)"})
	first := 5
	total := 0.0
	for i, m := range rows {
		r := first + i
		f.SetCellFloat(s, cell("A", r), serial(m.t, d1904), -1, 64)
		f.SetCellStyle(s, cell("A", r), cell("A", r), mmmyy)
		f.SetCellFloat(s, cell("B", r), m.v, -1, 64)
		f.SetCellFloat(s, cell("C", r), m.v*1000, -1, 64)
		f.SetCellFormula(s, cell("C", r), "B"+strconv.Itoa(r)+"*1000")
		total += m.v
	}
	last := first + len(rows)
	f.SetCellValue(s, cell("A", last), "Total")
	f.SetCellFloat(s, cell("B", last), total, -1, 64)
	f.SetCellFormula(s, cell("B", last), fmt.Sprintf("SUM(B%d:B%d)", first, last-1))
	f.SetSheetRow("Chart", "A1", &[]any{"Bin", "Count"})
	f.SetSheetRow("Chart", "A2", &[]any{1, 10})
	f.SetSheetRow("Chart", "A3", &[]any{2, 20})
	if err := f.SaveAs(name); err != nil {
		return err
	}
	return os.Chmod(name, 0o644) // excelize creates files executable
}

func cell(col string, r int) string { return col + strconv.Itoa(r) }

// writeODS writes the same workbook as an OpenDocument spreadsheet: dates
// as office:date-value, numbers as office:value, the formula column with
// its stored value, and LibreOffice's repeated blank rows and columns
// after the data.
func writeODS(name string, rows []month) error {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"><office:body><office:spreadsheet>
<table:table table:name="Notes"><table:table-row><table:table-cell office:value-type="string"><text:p>About this workbook</text:p></table:table-cell></table:table-row></table:table>
<table:table table:name="Passengers"><table:table-column table:number-columns-repeated="3"/>
`)
	str := func(s string) string {
		return `<table:table-cell office:value-type="string"><text:p>` + xmlEscape(s) + `</text:p></table:table-cell>`
	}
	num := func(v float64, formula string) string {
		f := ""
		if formula != "" {
			f = ` table:formula="of:=` + formula + `"`
		}
		s := strconv.FormatFloat(v, 'f', -1, 64)
		return `<table:table-cell` + f + ` office:value-type="float" office:value="` + s + `"><text:p>` + s + `</text:p></table:table-cell>`
	}
	row := func(cells ...string) {
		b.WriteString("<table:table-row>" + strings.Join(cells, "") + `<table:table-cell table:number-columns-repeated="1021"/></table:table-row>` + "\n")
	}
	row(str(title))
	row(str("Source: " + source))
	b.WriteString(`<table:table-row><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` + "\n")
	row(str("Month"), str("Passengers"), str("Passengers (individuals)"))
	first := 5
	total := 0.0
	for i, m := range rows {
		r := first + i
		d := `<table:table-cell office:value-type="date" office:date-value="` + m.t.Format("2006-01-02") + `T00:00:00"><text:p>` + m.t.Format("Jan-06") + `</text:p></table:table-cell>`
		row(d, num(m.v, ""), num(m.v*1000, fmt.Sprintf("[.B%d]*1000", r)))
		total += m.v
	}
	last := first + len(rows)
	row(str("Total"), num(total, fmt.Sprintf("SUM([.B%d:.B%d])", first, last-1)))
	b.WriteString(`<table:table-row table:number-rows-repeated="1048426"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` + "\n")
	b.WriteString("</table:table></office:spreadsheet></office:body></office:document-content>\n")

	out, err := os.Create(name)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(out)
	// The mimetype comes first and uncompressed, as OpenDocument requires.
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		return err
	}
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, err = zw.Create("META-INF/manifest.xml")
	if err != nil {
		return err
	}
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
`))
	w, err = zw.Create("content.xml")
	if err != nil {
		return err
	}
	w.Write([]byte(b.String()))
	if err := zw.Close(); err != nil {
		return err
	}
	return out.Close()
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// writeBig writes n hourly rows from 2000-01-01 as an .xlsx (dates as
// serials formatted yyyy-mm-dd hh:mm, with excelize's stream writer) and
// as CSV beside it.
func writeBig(name string, n, cols int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	code := "yyyy-mm-dd hh:mm"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return err
	}
	cf, err := os.Create(strings.TrimSuffix(name, ".xlsx") + ".csv")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(cf)
	names := []string{"time", "value"}
	for k := 2; k <= cols; k++ {
		names = append(names, fmt.Sprintf("x%d", k))
	}
	fmt.Fprintln(w, strings.Join(names, ","))
	header := make([]any, len(names))
	for i, n := range names {
		header[i] = n
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		t := start.Add(time.Duration(i) * time.Hour)
		v := float64(i%24*10+i%7) + 0.25
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{excelize.Cell{StyleID: style, Value: serial(t, false) + float64(i%24)/24}, v}
		fmt.Fprintf(w, "%s,%s", t.Format("2006-01-02 15:04:05"), strconv.FormatFloat(v, 'f', -1, 64))
		for k := 2; k <= cols; k++ {
			x := float64((i*7919+k*104729)%1000003) / 1e6 * float64(k) // six decimals, little repetition
			x = math.Round(x*1e6) / 1e6
			row = append(row, x)
			fmt.Fprintf(w, ",%s", strconv.FormatFloat(x, 'f', -1, 64))
		}
		fmt.Fprintln(w)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := cf.Close(); err != nil {
		return err
	}
	return f.SaveAs(name)
}
