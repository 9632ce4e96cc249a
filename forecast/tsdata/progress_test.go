package tsdata

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// progressBook writes n hourly rows (time, value) as an .xlsx (with the
// sheet's dimension, A1:Bn+1, as spreadsheet programs write it), as an
// .ods, and as CSV, and returns the three paths.
func progressBook(t *testing.T, n int) (xlsx, ods, csv string) {
	t.Helper()
	dir := t.TempDir()
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	value := func(i int) float64 { return float64(i%24*10+i%7) + 0.25 }

	f := excelize.NewFile()
	defer f.Close()
	code := "yyyy-mm-dd hh:mm"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("Sheet1", "A1", &[]any{"time", "value"}); err != nil {
		t.Fatal(err)
	}
	var c, o strings.Builder
	c.WriteString("time,value\n")
	o.WriteString(`<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>time</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>value</text:p></table:table-cell></table:table-row>`)
	for i := range n {
		tm := start.Add(time.Duration(i) * time.Hour)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow("Sheet1", cell, &[]any{tm, value(i)}); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&c, "%s,%v\n", tm.Format("2006-01-02 15:04:05"), value(i))
		fmt.Fprintf(&o, `<table:table-row><table:table-cell office:value-type="date" office:date-value="%s"/><table:table-cell office:value-type="float" office:value="%v"/></table:table-row>`,
			tm.Format("2006-01-02T15:04:05"), value(i))
	}
	o.WriteString(`</table:table>`)
	if err := f.SetCellStyle("Sheet1", "A2", fmt.Sprintf("A%d", n+1), style); err != nil {
		t.Fatal(err)
	}
	// excelize leaves the dimension at A1; Excel, LibreOffice and
	// openpyxl write the range the cells span.
	if err := f.SetSheetDimension("Sheet1", fmt.Sprintf("A1:B%d", n+1)); err != nil {
		t.Fatal(err)
	}
	xlsx, ods, csv = filepath.Join(dir, "big.xlsx"), filepath.Join(dir, "big.ods"), filepath.Join(dir, "big.csv")
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csv, []byte(c.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	of, err := os.Create(ods)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(of)
	for _, m := range [][2]string{{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		{"content.xml", `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>` +
			o.String() + `</office:spreadsheet></office:body></office:document-content>`}} {
		w, err := zw.Create(m[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(m[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	of.Close()
	return xlsx, ods, csv
}

// ReadFile reports its progress on a CSV file (bytes), an .xlsx sheet
// (rows, of the sheet's dimension) and an .ods file (bytes of its
// content): rising, within the total, reaching it (CSV: the last report
// is the file's size; xlsx: within a step of the end); the table is the
// same as without progress. An error from Progress stops the read and is
// returned. (A CSV file under 4 MiB is read in one piece: one report.)
func TestReadProgress(t *testing.T) {
	const n = 3 * 4096
	xlsx, ods, csv := progressBook(t, n)
	fi, _ := os.Stat(csv)
	for _, c := range []struct {
		path    string
		total   int64 // 0: not known in advance here
		step    int64 // the most the last report may be short of the total
		reports int   // at least
	}{
		{csv, fi.Size(), 0, 1},
		{xlsx, n + 1, 4096, 3},
		{ods, 0, 0, 3},
	} {
		t.Run(filepath.Ext(c.path), func(t *testing.T) {
			var done, totals []int64
			tab, err := ReadFile(c.path, ReadOptions{Progress: func(d, tot int64) error {
				done, totals = append(done, d), append(totals, tot)
				return nil
			}})
			if err != nil {
				t.Fatal(err)
			}
			if tab.Rows != n {
				t.Fatalf("%d rows; want %d", tab.Rows, n)
			}
			if len(done) < c.reports {
				t.Fatalf("progress reported %d times (%v); want %d or more", len(done), done, c.reports)
			}
			for i := range done {
				if totals[i] <= 0 || done[i] > totals[i] || i > 0 && (done[i] <= done[i-1] || totals[i] != totals[0]) {
					t.Fatalf("progress %v of %v: not rising within one total", done, totals)
				}
			}
			last := done[len(done)-1]
			if c.total > 0 && (totals[0] != c.total || last < c.total-c.step) {
				t.Errorf("last progress %d of %d; want near %d", last, totals[0], c.total)
			}
			plain, err := ReadFile(c.path, ReadOptions{})
			if err != nil || !equalTables(plain, tab) {
				t.Errorf("the table read with progress differs from the one without (%v)", err)
			}

			stop, stopAt, calls := errors.New("stopped by the test"), min(2, len(done)), 0
			_, err = ReadFile(c.path, ReadOptions{Progress: func(d, tot int64) error {
				if calls++; calls == stopAt {
					return stop
				}
				return nil
			}})
			if !errors.Is(err, stop) || calls != stopAt {
				t.Errorf("ReadFile with Progress failing at call %d = %v after %d calls; want the error, at once", stopAt, err, calls)
			}
		})
	}
}

// equalTables compares the columns' names, types and values.
func equalTables(a, b *Table) bool {
	if a.Rows != b.Rows || len(a.Columns) != len(b.Columns) {
		return false
	}
	for i := range a.Columns {
		x, y := a.Columns[i], b.Columns[i]
		if x.Name != y.Name || x.Type != y.Type || fmt.Sprint(x.Numbers) != fmt.Sprint(y.Numbers) || fmt.Sprint(x.Times) != fmt.Sprint(y.Times) {
			return false
		}
	}
	return true
}

// A CSV file read in pieces (over 4 MiB; small pieces here) reports its
// progress piece by piece, up to its size.
func TestReadProgressStreamed(t *testing.T) {
	defer func(s int64) { progressStep = s }(progressStep)
	progressStep = 16 << 10
	_, _, csv := progressBook(t, 4096)
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	var done []int64
	pr := &progressReader{r: strings.NewReader(string(b)), total: int64(len(b)), fn: func(d, _ int64) error {
		done = append(done, d)
		return nil
	}}
	tab, ok := readStream(pr, "big.csv", ReadOptions{MaxLineBytes: 256}, int64(len(b)), streamSizes{first: 16 << 10, piece: 16 << 10})
	if !ok || tab.Rows != 4096 {
		t.Fatalf("streamed read ok=%v", ok)
	}
	if len(done) < 4 || done[len(done)-1] != int64(len(b)) {
		t.Errorf("progress %v; want several reports up to %d", done, len(b))
	}
}
