package tsdata

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadCSV checks that the reader and the series extraction never panic
// and that a series they accept is clean: as many times as values, no NaN
// or infinity, times strictly increasing; and that a file read in pieces
// (readStream, with small pieces) gives the Table of the whole-file read,
// or is left to it. Its corpus is in
// testdata/fuzz/FuzzReadCSV; run it with
//
//	go test ./forecast/ -run '^$' -fuzz FuzzReadCSV -fuzztime 60s -fuzzminimizetime 5s
func FuzzReadCSV(f *testing.F) {
	seeds := []string{
		"", "\n", "a,b\n", "d,v\n2020-01-01,1\n2020-01-02,2\n",
		"Datum;Wert\n01.02.2020;1,5\n02.02.2020;2,5\n",
		"t\tv\r\n2020-01-01T00:00:00Z\t1\r\n2020-01-01T01:00:00+02:00\t2\r\n",
		"year,x\n-6000,1\n-5999,NA\n-5998,3\n",
		"d,v\n01/02/2020,1\n02/02/2020,\"1,234.5\"\n",
		"\"a\"\"b\",c\n\"x\ny\",1\n",
		"ts,v\n1600000000,1\n1600003600,2\n",
		"q|v\n2020Q1|1\n2020Q3|3\n",
		"d,v\n2020-01-31,1\n2020-03-31,1e308\n2020-02-29,-1e308\n",
		"\xef\xbb\xbfx\n1\n2\n", "\xff\xfex\x00\n\x001\x00\n\x00",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(streamFile(600)))
	var rows strings.Builder
	rows.WriteString("d,v\n")
	for i := range 1000 {
		fmt.Fprintf(&rows, "2020-01-%02d %02d:00,%d\n", 1+i/24%28, i%24, i%37)
	}
	f.Add([]byte(rows.String()))
	for _, name := range []string{"air_passengers_monthly.csv", "new_haven_temp_yearly.csv"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := append([]byte(nil), data...)

		tab, err := ReadCSV(strings.NewReader(string(data)), "fuzz.csv", ReadOptions{MaxLineBytes: 4096, MaxColumns: 64})
		if string(in) != string(data) {
			t.Fatal("ReadCSV modified its input")
		}
		small := ReadOptions{MaxLineBytes: 128, MaxColumns: 64}
		if got, ok := readStream(strings.NewReader(string(data)), "fuzz.csv", small, int64(len(data)), streamSizes{first: 12 << 10, piece: 16}); ok {
			want, err := ReadCSV(strings.NewReader(string(data)), "fuzz.csv", small)
			if err != nil {
				t.Fatalf("streamed read gave a table; the whole-file read says %v", err)
			}
			if d := sameTable(got, want); d != "" {
				t.Fatalf("streamed read: %s", d)
			}
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "forecast: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		_ = tab.Report().Text()
		for _, policy := range []MissingPolicy{MissingInterpolate, MissingDrop} {
			s, rep, err := tab.Series(SeriesSpec{Missing: policy})
			if err != nil {
				if !strings.HasPrefix(err.Error(), "forecast: ") {
					t.Fatalf("error without prefix: %v", err)
				}
				continue
			}
			_ = rep.Text()
			if s.Times != nil && len(s.Times) != len(s.Values) {
				t.Fatalf("%d times, %d values", len(s.Times), len(s.Values))
			}
			for i, v := range s.Values {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("value %d = %v", i, v)
				}
				if i > 0 && s.Times != nil && !s.Times[i].After(s.Times[i-1]) {
					t.Fatalf("times not increasing at %d: %v, %v", i, s.Times[i-1], s.Times[i])
				}
			}
			_ = s.FutureTimes(3)
		}
	})
}
