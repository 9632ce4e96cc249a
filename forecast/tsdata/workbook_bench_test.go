package tsdata

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkReadWorkbookVsCSV reads the workbook named by
// FORECAST_BENCH_BOOK and the CSV file of the same rows next to it (the
// same name ending in .csv), as written by
//
//	go run ./scripts/sheetfixtures -big 1000000 -o /tmp/big.xlsx
//	FORECAST_BENCH_BOOK=/tmp/big.xlsx go test ./forecast/tsdata/ -run '^$' -bench WorkbookVsCSV -benchtime 2x
//
// so that the two times, side by side in one run, give the ratio the
// README quotes. Besides ns/op it reports ns/row, alloc-B/row and
// kept-B/row (the heap the Table holds once read). Peak memory is the
// process's: run one sub-benchmark under /usr/bin/time -v.
func BenchmarkReadWorkbookVsCSV(b *testing.B) {
	book := os.Getenv("FORECAST_BENCH_BOOK")
	if book == "" {
		b.Skip("FORECAST_BENCH_BOOK is not set")
	}
	csv := strings.TrimSuffix(book, ".xlsx") + ".csv"
	for _, path := range []string{csv, book} {
		name := "csv"
		if path == book {
			name = "xlsx"
		}
		b.Run(name, func(b *testing.B) {
			rows := 0
			read := func() any {
				t, err := ReadFile(path, ReadOptions{})
				if err != nil {
					b.Fatal(err)
				}
				rows = t.Rows
				return t
			}
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			for b.Loop() {
				read()
			}
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
			b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(b.N)/float64(rows), "alloc-B/row")
			b.ReportMetric(float64(keptBytes(read))/float64(rows), "kept-B/row")
		})
	}
}
