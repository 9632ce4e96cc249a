package sheet

import (
	"os"
	"testing"
)

// BenchmarkReadWorkbook reads the workbook named by FORECAST_BENCH_SHEET,
// e.g. one written by
//
//	go run ./scripts/sheetfixtures -big 1000000 -o /tmp/big.xlsx
//	FORECAST_BENCH_SHEET=/tmp/big.xlsx go test ./forecast/tsdata/sheet/ -run '^$' -bench ReadWorkbook -benchtime 1x
//
// and reports the bytes allocated a row.
func BenchmarkReadWorkbook(b *testing.B) {
	path := os.Getenv("FORECAST_BENCH_SHEET")
	if path == "" {
		b.Skip("FORECAST_BENCH_SHEET is not set")
	}
	rows := 0
	var alloc uint64
	for b.Loop() {
		var tab *Table
		var err error
		alloc += heap(func() { tab, err = readPath(b, path, Options{}) })
		if err != nil {
			b.Fatal(err)
		}
		rows = len(rowsOf(tab))
	}
	b.ReportMetric(float64(alloc)/float64(b.N)/float64(rows), "alloc-B/row")
}
