package tsdata

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// streamFile writes n rows of a date,value,note file with the awkward
// things a streamed read must get exactly as the whole-file read: missing
// values, quoted fields with doubled quotes, delimiters and newlines (some
// across piece boundaries), CRLF line endings, blank lines, short rows,
// spaces around fields, an infinite value and a footer that is not a date.
func streamFile(n int) string {
	var b strings.Builder
	b.WriteString("date , value,note\r\n")
	t0 := time.Date(2001, 2, 3, 4, 5, 0, 0, time.UTC)
	for i := range n {
		d := t0.Add(time.Duration(i) * 17 * time.Minute).Format("2006-01-02 15:04:05")
		v := fmt.Sprintf("%.3f", 100*math.Sin(float64(i)/7))
		note := "plain"
		switch {
		case i%97 == 0:
			v = ""
		case i%89 == 0:
			v = "NA"
		case i%71 == 0:
			v = `"1,234.5"`
		case i == 1234:
			v = "1e999"
		}
		switch {
		case i%53 == 0:
			note = "\"two\nlines, \"\"quoted\"\"\""
		case i%41 == 0:
			note = `"` + strings.Repeat("x", i%60) + `"`
		}
		switch {
		case i%61 == 0:
			fmt.Fprintf(&b, "%s,%s\r\n", d, v) // short row
		case i%67 == 0:
			fmt.Fprintf(&b, " %s , %s , %s \r\n\r\n", d, v, note)
		default:
			fmt.Fprintf(&b, "%s,%s,%s\r\n", d, v, note)
		}
	}
	b.WriteString("Total,12,\r\n")
	return b.String()
}

// sameTable reports the first difference between two tables, "" when they
// are the same to the bit (times to the instant, zone and representation).
func sameTable(a, b *Table) string {
	if a.Name != b.Name || a.Rows != b.Rows || a.Header != b.Header || a.Delimiter != b.Delimiter || a.DecimalComma != b.DecimalComma ||
		a.DateColumn != b.DateColumn || a.DayFirst != b.DayFirst || a.DayAmbiguous != b.DayAmbiguous {
		return fmt.Sprintf("table %+v; want %+v", *a, *b)
	}
	if fmt.Sprint(a.Warnings) != fmt.Sprint(b.Warnings) {
		return fmt.Sprintf("warnings %q; want %q", a.Warnings, b.Warnings)
	}
	if fmt.Sprint(a.lines) != fmt.Sprint(b.lines) {
		return "line numbers differ"
	}
	if len(a.Columns) != len(b.Columns) {
		return fmt.Sprintf("%d columns; want %d", len(a.Columns), len(b.Columns))
	}
	for j := range a.Columns {
		x, y := &a.Columns[j], &b.Columns[j]
		if x.Name != y.Name || x.Type != y.Type || x.Missing != y.Missing || x.DateLayout != y.DateLayout ||
			x.DayFirst != y.DayFirst || x.NotDates != y.NotDates || x.nonFinite != y.nonFinite {
			return fmt.Sprintf("column %d: %q %v missing %d layout %q notdates %d inf %d; want %q %v %d %q %d %d", j,
				x.Name, x.Type, x.Missing, x.DateLayout, x.NotDates, x.nonFinite, y.Name, y.Type, y.Missing, y.DateLayout, y.NotDates, y.nonFinite)
		}
		if (x.Numbers == nil) != (y.Numbers == nil) || len(x.Numbers) != len(y.Numbers) ||
			(x.Times == nil) != (y.Times == nil) || len(x.Times) != len(y.Times) ||
			(x.Text == nil) != (y.Text == nil) || len(x.Text) != len(y.Text) {
			return fmt.Sprintf("column %q: lengths %d/%d/%d; want %d/%d/%d", x.Name, len(x.Numbers), len(x.Times), len(x.Text),
				len(y.Numbers), len(y.Times), len(y.Text))
		}
		for i := range x.Numbers {
			if math.Float64bits(x.Numbers[i]) != math.Float64bits(y.Numbers[i]) {
				return fmt.Sprintf("column %q row %d: %v; want %v", x.Name, i, x.Numbers[i], y.Numbers[i])
			}
		}
		for i := range x.Times {
			if !sameTime(x.Times[i], y.Times[i]) {
				return fmt.Sprintf("column %q row %d: %v; want %v", x.Name, i, x.Times[i], y.Times[i])
			}
		}
		for i := range x.Text {
			if x.Text[i] != y.Text[i] {
				return fmt.Sprintf("column %q row %d: %q; want %q", x.Name, i, x.Text[i], y.Text[i])
			}
		}
	}
	return ""
}

// sameTime: the same time.Time value, but for the *Location of a fixed
// offset, which every read makes anew (compared by name and offset).
func sameTime(a, b time.Time) bool {
	if a == b {
		return true
	}
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return a.Equal(b) && an == bn && ao == bo && a.Location() != time.UTC && b.Location() != time.UTC &&
		a.Location() != time.Local && b.Location() != time.Local
}

// streamed reads data in pieces of sz, and whole, with the same options.
func streamed(t testing.TB, data string, opt ReadOptions, sz streamSizes) (got, want *Table, ok bool) {
	t.Helper()
	want, werr := ReadCSV(strings.NewReader(data), "s.csv", opt)
	got, ok = readStream(strings.NewReader(data), "s.csv", opt, int64(len(data)), sz)
	if ok && werr != nil {
		t.Fatalf("streamed read gave a table; the whole-file read says %v", werr)
	}
	return got, want, ok
}

// A streamed read gives the whole-file read's Table, for pieces of any size
// (a record across every kind of boundary).
func TestReadStreamSameTable(t *testing.T) {
	data := streamFile(3000)
	opt := ReadOptions{MaxLineBytes: 200}
	for _, piece := range []int{1, 7, 64, 333, 4096} {
		got, want, ok := streamed(t, data, opt, streamSizes{first: 16 << 10, piece: piece})
		if !ok {
			t.Fatalf("piece %d: the file was not streamed", piece)
		}
		if d := sameTable(got, want); d != "" {
			t.Fatalf("piece %d: %s", piece, d)
		}
	}
	// The features are there: a text column with quoted newlines, missing
	// values, an infinite value, a footer that is not a date.
	_, want, _ := streamed(t, data, opt, streamSizes{first: 16 << 10, piece: 64})
	note := want.Columns[2]
	if want.Columns[0].NotDates != 1 || want.Columns[1].Missing == 0 || want.Columns[1].nonFinite == 0 ||
		note.Type != TypeText || !strings.Contains(note.Text[53], "\n") || !strings.Contains(fmt.Sprint(want.Warnings), "fewer fields") {
		t.Errorf("streamFile lacks a feature: %+v", want.Warnings)
	}
}

// More shapes, each streamed and read whole: decimal commas, numbers that
// are years or Unix times, RFC 3339 with offsets, a BOM, tabs.
func TestReadStreamShapes(t *testing.T) {
	rows := func(n int, f func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(f(i))
		}
		return b.String()
	}
	cases := map[string]string{
		"decimal comma": "Datum;Wert\n" + rows(2000, func(i int) string {
			return fmt.Sprintf("%s;%d,%02d\n", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02"), i, i%100)
		}),
		"years": "year,v\n" + rows(1500, func(i int) string { return fmt.Sprintf("%d,%d\n", 500+i, i*i) }),
		"unix":  "timestamp,v\n" + rows(2000, func(i int) string { return fmt.Sprintf("%d,%g\n", 1600000000+3600*i, float64(i)/3) }),
		"offsets": "t,v\n" + rows(2000, func(i int) string {
			return fmt.Sprintf("2020-01-01T%02d:00:00+0%d:00,%d\n", i%24, i%3, i)
		}),
		"bom tabs":  "\xef\xbb\xbfa\tb\tc\n" + rows(2000, func(i int) string { return fmt.Sprintf("%d\t x%d \t%d\n", i, i, -i) }),
		"no header": rows(2000, func(i int) string { return fmt.Sprintf("%d,%d\n", 2000+i, i) }),
	}
	for name, data := range cases {
		for _, piece := range []int{5, 100} {
			got, want, ok := streamed(t, data, ReadOptions{MaxLineBytes: 100}, streamSizes{first: 8 << 10, piece: piece})
			if !ok {
				t.Fatalf("%s: not streamed", name)
			}
			if d := sameTable(got, want); d != "" {
				t.Fatalf("%s, piece %d: %s", name, piece, d)
			}
		}
	}
}

// What the first piece cannot decide, or the whole-file reader treats
// specially, is left to the whole-file reader.
func TestReadStreamDeclines(t *testing.T) {
	base := streamFile(3000)
	at := strings.Index(base, "2001-02-21") // a row well past the first piece
	cases := map[string]string{
		"type changes":    base[:at] + "2001-02-21 00:00:00,abc,x\n" + base[at:],
		"new column":      base[:at] + "2001-02-21 00:00:00,1,x,extra\n" + base[at:],
		"latin-1":         base[:at] + "2001-02-21 00:00:00,1,caf\xe9\n" + base[at:],
		"lone CR":         strings.ReplaceAll(strings.ReplaceAll(base, "\r\n", "\n"), "\n", "\r"),
		"day order":       "d,v\n" + strings.Repeat("01/02/2020,1\n", 3000),
		"utf-16":          "\xff\xfe" + base,
		"too many dates":  base[:at] + strings.Repeat("2001-02-21 00:00:00,1,x\nnot a date,2,y\n", 100) + base[at:],
		"sparse column":   "a,b\n" + strings.Repeat("1,\n", 3000) + "2,3\n",
		"unclosed quote":  base[:at] + "2001-02-21 00:00:00,1,\"open\n" + base[at:],
		"line too long":   base[:at] + "2001-02-21 00:00:00,1," + strings.Repeat("y", 300) + "\n" + base[at:],
		"delimiter later": "a\n" + strings.Repeat("1\n", 10) + strings.Repeat("1,2\n", 3000),
		// 100 values in the first piece; "1,500" later votes for a decimal comma
		"decimal votes later": "a;b\n" + strings.Repeat("x;7\n", 100) + strings.Repeat("x;\n", 10000) + strings.Repeat("x;1,500\n", 1000),
		"blank start":         strings.Repeat("\n", 20000) + base,
	}
	for name, data := range cases {
		_, _, ok := streamed(t, data, ReadOptions{MaxLineBytes: 200}, streamSizes{first: 16 << 10, piece: 100})
		if ok {
			t.Errorf("%s: streamed; want the whole-file read", name)
		}
	}
}

// ReadFile streams a large file and gives the Table ReadCSV gives.
func TestReadFileStreamsLargeFile(t *testing.T) {
	data := streamFile(200_000) // about 9 MB
	if !defaultStream.streams(int64(len(data)), ReadOptions{}) {
		t.Fatalf("a %d-byte file is not streamed", len(data))
	}
	p := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(p, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReadCSV(strings.NewReader(data), "big.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := sameTable(got, want); d != "" {
		t.Fatal(d)
	}
	if _, ok := readStream(bytes.NewReader([]byte(data)), "big.csv", ReadOptions{}, int64(len(data)), defaultStream); !ok {
		t.Error("the file fell back to the whole-file read")
	}
	if b, _ := os.ReadFile(p); string(b) != data {
		t.Error("the file was modified")
	}
}
