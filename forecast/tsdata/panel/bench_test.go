package panel

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// BenchmarkSplit10k reads and splits issue 12's scale file: 10,000 series
// × 120 months in long format (1.2 M rows, 31 MB), written to a temporary
// file, and reports the heap the Panel keeps a row (kept-B/row). Target: a
// few seconds and well under 2 GiB.
//
//	go test ./forecast/tsdata/panel -run '^$' -bench Split10k -benchtime 3x
func BenchmarkSplit10k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "panel.csv")
	writeStores(b, path, 10000, 120)
	b.ResetTimer()
	var p *Panel
	for range b.N {
		tab, err := tsdata.ReadFile(path, tsdata.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		p, err = Split(tab, Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/1.2e6, "kept-B/row")
	if len(p.Members) != 10000 {
		b.Fatalf("%d series; want 10000", len(p.Members))
	}
	runtime.KeepAlive(p)
}

// writeStores writes n series × months rows of store,date,sales.
func writeStores(b *testing.B, path string, n, months int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "store,date,sales")
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for k := range n {
		for i := range months {
			fmt.Fprintf(w, "S%05d,%s,%d.%02d\n", k, start.AddDate(0, i, 0).Format("2006-01-02"), 100+(k*7+i*13)%900, i%100)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}
