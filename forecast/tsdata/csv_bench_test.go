package tsdata

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
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
// scripts/bench_pandas.py.
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
	b.Run("ReadFile", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			t, err := ReadFile(path, ReadOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if t.Rows != 1_000_000 || t.Columns[0].Type != TypeDate {
				b.Fatalf("rows %d type %v", t.Rows, t.Columns[0].Type)
			}
		}
	})
	b.Run("ReadFile+Series", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			t, err := ReadFile(path, ReadOptions{})
			if err != nil {
				b.Fatal(err)
			}
			s, _, err := t.Series(SeriesSpec{})
			if err != nil || len(s.Values) != 1_000_000 || s.Freq.Unit != FreqHour {
				b.Fatal(err, s.Freq)
			}
		}
	})
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
