package tsdata

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// writeBenchCSV writes the benchmark file: a header "date,value" and n
// hourly rows from 2000-01-01 00:00:00, value = 1000 + 100·sin(i/24) +
// (i·7919 mod 1000)/100 with two decimals. scripts/bench_pandas.py writes
// the same bytes when the file does not exist.
func writeBenchCSV(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("date,value\n")
	t0 := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	var buf []byte
	for i := 0; i < n; i++ {
		buf = t0.Add(time.Duration(i)*time.Hour).AppendFormat(buf[:0], "2006-01-02 15:04:05")
		buf = append(buf, ',')
		v := 1000 + 100*math.Sin(float64(i)/24) + float64(i*7919%1000)/100
		buf = strconv.AppendFloat(buf, math.Round(v*100)/100, 'f', 2, 64)
		buf = append(buf, '\n')
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// BenchmarkReadCSV1M imports a 1,000,000-row date,value file and builds the
// series. Set FORECAST_BENCH_CSV=/path/to/file.csv to keep the file for
// scripts/bench_pandas.py. Besides the time it reports the memory per row:
// alloc-B/row, every byte allocated, and kept-B/row, the heap the Table (and
// Series) hold once read. The file has 27 bytes a row; the kept bytes are
// the line numbers (4), the times (24) and the values (8); a series of a
// clean file shares the table's arrays.
func BenchmarkReadCSV1M(b *testing.B) {
	path := os.Getenv("FORECAST_BENCH_CSV")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench1m.csv")
	}
	if _, err := os.Stat(path); err != nil {
		if err := writeBenchCSV(path, 1_000_000); err != nil {
			b.Fatal(err)
		}
	}
	fi, _ := os.Stat(path)
	b.SetBytes(fi.Size())
	const rows = 1_000_000
	read := func(b *testing.B, series bool) any {
		t, err := ReadFile(path, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if t.Rows != rows || t.Columns[0].Type != TypeDate {
			b.Fatalf("rows %d type %v", t.Rows, t.Columns[0].Type)
		}
		if !series {
			return t
		}
		s, _, err := t.Series(SeriesSpec{})
		if err != nil || len(s.Values) != rows || s.Freq.Unit != calendar.FreqHour {
			b.Fatal(err, s.Freq)
		}
		return []any{t, s}
	}
	for _, series := range []bool{false, true} {
		name := "ReadFile"
		if series {
			name = "ReadFile+Series"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			for b.Loop() {
				read(b, series)
			}
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(b.N)/rows, "alloc-B/row")
			b.ReportMetric(float64(keptBytes(func() any { return read(b, series) }))/rows, "kept-B/row")
		})
	}
}

// keptBytes returns how much more heap is in use, after a collection, while
// the result of f is kept than before f ran.
func keptBytes(f func() any) uint64 {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(v)
	if m1.HeapAlloc < m0.HeapAlloc {
		return 0
	}
	return m1.HeapAlloc - m0.HeapAlloc
}

func TestWriteBenchCSVFormat(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b.csv")
	if err := writeBenchCSV(p, 3); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	// i=1: 1000 + 100·sin(1/24) + 919/100 = 1013.3554… → 1013.36
	want := "date,value\n2000-01-01 00:00:00,1000.00\n2000-01-01 01:00:00,1013.36\n2000-01-01 02:00:00,1016.70\n"
	if string(b) != want {
		t.Errorf("bench file =\n%s\nwant\n%s", b, want)
	}
}
