package tsdata

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

func read(t *testing.T, src string) *Table {
	t.Helper()
	tab, err := ReadCSV(strings.NewReader(src), "test.csv", ReadOptions{})
	if err != nil {
		t.Fatalf("ReadCSV(%q): %v", src, err)
	}
	return tab
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestReadCSVRealFiles(t *testing.T) {
	cases := []struct {
		file    string
		rows    int
		dateCol string
		freq    string
		season  int
		values  int // series length after cleaning
		missing int
	}{
		{"air_passengers_monthly.csv", 144, "month", "monthly", 12, 144, 0},
		{"mauna_loa_co2_weekly_with_gaps.csv", 2284, "week", "weekly", 52, 2284, 59},
		{"new_haven_temp_yearly.csv", 60, "year", "yearly", 1, 60, 0},
		{"eu_stock_ftse_smi_cac_daily.csv", 1860, "date", "business daily", 5, 1860, 0},
		{"uk_seatbelts_front_rear_monthly.csv", 192, "month", "monthly", 12, 192, 0},
		{"us_macro_quarterly.csv", 203, "quarter", "quarterly", 4, 203, 0},
		{"sunspots_yearly.csv", 309, "year", "yearly", 1, 309, 0},
		{"treering_yearly_long.csv", 7980, "year", "yearly", 1, 7980, 0},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			s, rep := loadSeries(t, c.file, SeriesSpec{})
			if rep.Rows != c.rows || rep.DateColumn != c.dateCol || rep.Frequency != c.freq ||
				rep.SeasonalPeriod != c.season || len(s.Values) != c.values || rep.Missing.Count != c.missing {
				t.Errorf("report = rows %d date %q freq %q season %d len %d missing %d; want %d %q %q %d %d %d",
					rep.Rows, rep.DateColumn, rep.Frequency, rep.SeasonalPeriod, len(s.Values), rep.Missing.Count,
					c.rows, c.dateCol, c.freq, c.season, c.values, c.missing)
			}
			if rep.Gaps.Count != 0 || rep.Duplicates.Count != 0 || rep.OutOfOrder.Count != 0 {
				t.Errorf("gaps %d duplicates %d out of order %d; want 0", rep.Gaps.Count, rep.Duplicates.Count, rep.OutOfOrder.Count)
			}
			for i, v := range s.Values {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("value %d = %v", i, v)
				}
			}
			if len(s.Times) != len(s.Values) {
				t.Fatalf("len(Times) = %d; want %d", len(s.Times), len(s.Values))
			}
		})
	}
}

func TestTreeringNegativeYears(t *testing.T) {
	s, _ := loadSeries(t, "treering_yearly_long.csv", SeriesSpec{})
	if y := s.Times[0].Year(); y != -6000 {
		t.Errorf("first year = %d; want -6000", y)
	}
	if y := s.Times[len(s.Times)-1].Year(); y != 1979 {
		t.Errorf("last year = %d; want 1979", y)
	}
	if got := s.FutureTimes(2); got[0].Year() != 1980 || got[1].Year() != 1981 {
		t.Errorf("FutureTimes = %v", got)
	}
}

func TestMaunaLoaInterpolation(t *testing.T) {
	// Row 8 (1958-05-10) is missing between 1958-05-03 (316.9) and 1958-05-17 (317.5)
	// in the file: linear interpolation gives 317.2.
	s, rep := loadSeries(t, "mauna_loa_co2_weekly_with_gaps.csv", SeriesSpec{})
	if rep.Missing.Examples[0] != "row 8 (1958-05-10)" {
		t.Errorf("first missing example = %q", rep.Missing.Examples[0])
	}
	if !approxEqual(s.Values[6], 317.2, 1e-12) {
		t.Errorf("interpolated value = %v; want 317.2 (between %v and %v)", s.Values[6], s.Values[5], s.Values[7])
	}
	s2, _ := loadSeries(t, "mauna_loa_co2_weekly_with_gaps.csv", SeriesSpec{Missing: MissingForwardFill})
	if s2.Values[6] != s2.Values[5] {
		t.Errorf("forward fill = %v; want %v", s2.Values[6], s2.Values[5])
	}
	s3, _ := loadSeries(t, "mauna_loa_co2_weekly_with_gaps.csv", SeriesSpec{Missing: MissingDrop})
	if len(s3.Values) != 2284-59 {
		t.Errorf("drop: %d values; want %d", len(s3.Values), 2284-59)
	}
}

func TestReadCSVFormats(t *testing.T) {
	cases := []struct {
		name, src    string
		delim        rune
		decComma     bool
		header       bool
		dateCol      string
		wantTimes    []time.Time
		wantValues   []float64
		valCol       string
		freq         string
		dayAmbiguous bool
	}{
		{name: "semicolon decimal comma", src: "Datum;Umsatz\n01.02.2020;1.234,5\n02.02.2020;2,25\n03.02.2020;-3\n",
			delim: ';', decComma: true, header: true, dateCol: "Datum",
			wantTimes: []time.Time{date(2020, 2, 1), date(2020, 2, 2), date(2020, 2, 3)}, wantValues: []float64{1234.5, 2.25, -3}, freq: "daily"},
		{name: "tab CRLF BOM", src: "\ufeffdate\tvalue\r\n2020-01-01\t1\r\n2020-01-02\t2\r\n\r\n2020-01-03\t3\r\n",
			delim: '\t', header: true, dateCol: "date",
			wantTimes: []time.Time{date(2020, 1, 1), date(2020, 1, 2), date(2020, 1, 3)}, wantValues: []float64{1, 2, 3}, freq: "daily"},
		{name: "pipe quoted thousands", src: "when|\"amount, EUR\"\n2020-01|\"1,234.5\"\n2020-02| \"2,000\" \n2020-03|3\n",
			delim: '|', header: true, dateCol: "when",
			wantTimes: []time.Time{date(2020, 1, 1), date(2020, 2, 1), date(2020, 3, 1)}, wantValues: []float64{1234.5, 2000, 3}, freq: "monthly"},
		{name: "quoted commas and escaped quotes", src: "d,note,v\n2020-01-01,\"a, \"\"b\"\"\",1.5\n2020-01-02,\"multi\nline\",2.5\n2020-01-03,x,3.5\n",
			delim: ',', header: true, dateCol: "d", wantValues: []float64{1.5, 2.5, 3.5}, valCol: "v", freq: "daily"},
		{name: "no header", src: "2020-01-01,5\n2020-01-02,6\n2020-01-03,7\n",
			delim: ',', header: false, dateCol: "col1", wantValues: []float64{5, 6, 7}, freq: "daily"},
		{name: "no date column", src: "x\n1\n2\n3\n4\n", delim: ',', header: true, wantValues: []float64{1, 2, 3, 4}},
		{name: "day first inferred", src: "d,v\n01/02/2020,1\n13/02/2020,2\n25/02/2020,3\n",
			header: true, delim: ',', dateCol: "d", wantTimes: []time.Time{date(2020, 2, 1), date(2020, 2, 13), date(2020, 2, 25)}, wantValues: []float64{1, 2, 3}},
		{name: "month first inferred", src: "d,v\n02/01/2020,1\n02/13/2020,2\n02/25/2020,3\n",
			header: true, delim: ',', dateCol: "d", wantTimes: []time.Time{date(2020, 2, 1), date(2020, 2, 13), date(2020, 2, 25)}, wantValues: []float64{1, 2, 3}},
		{name: "monthly day-first from regularity", src: "d,v\n01/11/2019,1\n01/12/2019,2\n01/01/2020,3\n01/02/2020,4\n01/03/2020,5\n",
			header: true, delim: ',', dateCol: "d", wantTimes: []time.Time{date(2019, 11, 1), date(2019, 12, 1), date(2020, 1, 1), date(2020, 2, 1), date(2020, 3, 1)}, freq: "monthly"},
		// Jan 1…5 daily (month first) or Jan…May monthly (day first): both regular.
		{name: "regular both ways", src: "d,v\n01/01/2020,1\n01/02/2020,2\n01/03/2020,3\n01/04/2020,4\n01/05/2020,5\n",
			header: true, delim: ',', dateCol: "d", wantTimes: []time.Time{date(2020, 1, 1), date(2020, 1, 2), date(2020, 1, 3), date(2020, 1, 4), date(2020, 1, 5)}, freq: "daily", dayAmbiguous: true},
		{name: "truly ambiguous", src: "d,v\n01/02/2020,1\n",
			header: true, delim: ',', dateCol: "d", wantTimes: []time.Time{date(2020, 1, 2)}, dayAmbiguous: true},
		{name: "slash ISO with time", src: "t,v\n2020/01/01 00:00,1\n2020/01/01 01:00,2\n2020/01/01 02:00,3\n",
			header: true, delim: ',', dateCol: "t", freq: "hourly"},
		{name: "RFC 3339", src: "t,v\n2020-01-01T00:00:00Z,1\n2020-01-01T00:15:00Z,2\n2020-01-01T00:30:00+00:00,3\n",
			header: true, delim: ',', dateCol: "t", freq: "every 15 minutes"},
		{name: "unix seconds", src: "timestamp,v\n1600000000,1\n1600003600,2\n1600007200,3\n",
			header: true, delim: ',', dateCol: "timestamp", freq: "hourly", wantValues: []float64{1, 2, 3}},
		{name: "unix millis", src: "ts,v\n1600000000000,1\n1600000060000,2\n1600000120000,3\n",
			header: true, delim: ',', dateCol: "ts", freq: "every minute"},
		{name: "quarters", src: "q,v\n2020Q1,1\n2020Q2,2\n2020Q3,3\n2020Q4,4\n2021Q1,5\n",
			header: true, delim: ',', dateCol: "q", freq: "quarterly"},
		{name: "missing tokens", src: "d,v\n2020-01-01,1\n2020-01-02,NA\n2020-01-03,null\n2020-01-04,-\n2020-01-05,N/A\n2020-01-06,NaN\n2020-01-07,7\n",
			header: true, delim: ',', dateCol: "d", wantValues: []float64{1, 2, 3, 4, 5, 6, 7}, freq: "daily"},
		{name: "dotted dates do not make a decimal comma", src: "Datum;Wert\n01.02.2020;1.234\n02.02.2020;5\n03.02.2020;7\n",
			delim: ';', header: true, dateCol: "Datum", wantValues: []float64{1.234, 5, 7}, freq: "daily"},
		{name: "spaces around", src: " d , v \n 2020-01-01 ,  1 \n2020-01-02, 2\n",
			header: true, delim: ',', dateCol: "d", wantValues: []float64{1, 2}},
		{name: "month end", src: "d,v\n2020-01-31,1\n2020-02-29,2\n2020-03-31,3\n2020-04-30,4\n",
			header: true, delim: ',', dateCol: "d", freq: "monthly (month end)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab := read(t, c.src)
			if c.delim != 0 && tab.Delimiter != c.delim {
				t.Errorf("delimiter = %q; want %q", tab.Delimiter, c.delim)
			}
			if tab.DecimalComma != c.decComma {
				t.Errorf("decimal comma = %v; want %v", tab.DecimalComma, c.decComma)
			}
			if tab.Header != c.header {
				t.Errorf("header = %v; want %v", tab.Header, c.header)
			}
			if tab.DateColumn != c.dateCol {
				t.Errorf("date column = %q; want %q (columns %+v)", tab.DateColumn, c.dateCol, tab.Report().Columns)
			}
			if tab.DayAmbiguous != c.dayAmbiguous {
				t.Errorf("ambiguous = %v; want %v", tab.DayAmbiguous, c.dayAmbiguous)
			}
			s, rep, err := tab.Series(SeriesSpec{ValueCol: c.valCol})
			if err != nil {
				t.Fatal(err)
			}
			if c.wantTimes != nil {
				if len(s.Times) != len(c.wantTimes) {
					t.Fatalf("times = %v; want %v", s.Times, c.wantTimes)
				}
				for i := range c.wantTimes {
					if !s.Times[i].Equal(c.wantTimes[i]) {
						t.Errorf("time %d = %v; want %v", i, s.Times[i], c.wantTimes[i])
					}
				}
			}
			if c.wantValues != nil {
				if len(s.Values) != len(c.wantValues) {
					t.Fatalf("values = %v; want %v", s.Values, c.wantValues)
				}
				for i := range c.wantValues {
					if !approxEqual(s.Values[i], c.wantValues[i], 1e-12) {
						t.Errorf("value %d = %v; want %v", i, s.Values[i], c.wantValues[i])
					}
				}
			}
			if c.freq != "" && rep.Frequency != c.freq {
				t.Errorf("frequency = %q; want %q", rep.Frequency, c.freq)
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	long := "d,v\n2020-01-01," + strings.Repeat("9", 2<<20) + "\n"
	many := strings.Repeat("a,", 5000) + "b\n" + strings.Repeat("1,", 5000) + "2\n"
	cases := []struct {
		name, src string
		sentinel  error
		want      string // substring of the message
		series    bool   // the error comes from Series, not ReadCSV
		spec      SeriesSpec
	}{
		{"empty", "", ErrEmptyFile, "test.csv: file is empty", false, SeriesSpec{}},
		{"blank lines", "\n\n  \n", ErrEmptyFile, "file is empty", false, SeriesSpec{}},
		{"header only", "date,sales\n", ErrHeaderOnly, "test.csv row 1: file has a header but no data rows", false, SeriesSpec{}},
		{"no numeric column", "a,b\nx,y\nz,w\n", ErrNoNumericColumn, "no numeric column", true, SeriesSpec{}},
		{"text in value column", "date,sales\n2020-01-01,1\n2020-01-02,2\n2020-01-03,abc\n", ErrNotNumber,
			`test.csv row 4 column "sales": expected a number, found "abc"`, true, SeriesSpec{ValueCol: "sales"}},
		{"all missing", "date,sales\n2020-01-01,NA\n2020-01-02,\n", ErrAllMissing, `column "sales": all values are missing`, true, SeriesSpec{ValueCol: "sales"}},
		{"infinite", "date,sales\n2020-01-01,1\n2020-01-02,1e999\n", ErrNonFinite, `row 3 column "sales": value +Inf is infinite`, true, SeriesSpec{ValueCol: "sales"}},
		{"binary", "PK\x03\x04\x00\x00binary", ErrBinaryFile, "binary data", false, SeriesSpec{}},
		{"invalid utf8 binary", string([]byte{0xff, 0xfe - 1, 0x80, 0x81, 0x90, 0xa0, 0xc3, 0xc4, 0xe0, 0xf0, 0x81, 0x82}), ErrBinaryFile, "binary", false, SeriesSpec{}},
		{"long line", long, ErrLineTooLong, "row 2: line is longer than 1048576 bytes", false, SeriesSpec{}},
		{"too many columns", many, ErrTooManyColumns, "more than 4096 columns", false, SeriesSpec{}},
		{"unterminated quote", "d,v\n2020-01-01,\"1\n", ErrBadQuote, "row 2: quoted field is never closed", false, SeriesSpec{}},
		{"unknown column", "d,v\n2020-01-01,1\n", ErrUnknownColumn, `column "w": no such column (columns: d, v)`, true, SeriesSpec{ValueCol: "w"}},
		{"date column not dates", "d,v\n2020-01-01,1\nfoo,2\n", ErrNotDate, `row 3 column "d": expected a date, found "foo"`, true, SeriesSpec{DateCol: "d"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, err := ReadCSV(strings.NewReader(c.src), "test.csv", ReadOptions{})
			if c.series {
				if err != nil {
					t.Fatalf("ReadCSV: %v", err)
				}
				_, _, err = tab.Series(c.spec)
			}
			if err == nil {
				t.Fatalf("no error; want %q", c.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T %v; want *InputError", err, err)
			}
			if !errors.Is(err, c.sentinel) {
				t.Errorf("errors.Is(%v, %v) = false", err, c.sentinel)
			}
			if !strings.HasPrefix(err.Error(), "forecast: ") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %q; want it to contain %q", err, c.want)
			}
		})
	}
}

func TestDateColumnWithFooter(t *testing.T) {
	src := "month,sales\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\nTotal,6\n"
	tab := read(t, src)
	if tab.DateColumn != "month" || tab.Columns[0].NotDates != 1 {
		t.Fatalf("date column %q, not dates %d", tab.DateColumn, tab.Columns[0].NotDates)
	}
	s, rep, err := tab.Series(SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Values) != 3 || !strings.Contains(strings.Join(rep.Warnings, "\n"), `column "month": 1 cells are not dates (first: row 5, "Total"); their rows are dropped`) {
		t.Errorf("values %v warnings %q", s.Values, rep.Warnings)
	}
	// half the cells not dates: a text column, and picking it is an error
	tab = read(t, "d,v\n2020-01-01,1\nfoo,2\nbar,3\n")
	if tab.Columns[0].Type != TypeText {
		t.Errorf("type = %v; want text", tab.Columns[0].Type)
	}
}

func TestNumericDateColumns(t *testing.T) {
	cases := []struct {
		src, dateCol string
	}{
		{"year,v\n2001,1\n2002,2\n2003,3\n", "year"},
		{"fiscal_year,v\n2003,1\n2002,2\n2001,3\n", "fiscal_year"}, // descending is still a time index
		{"yearly_sales,v\n2001,1\n2002,2\n2003,3\n", ""},           // a value, not years
		{"year,v\n2001,1\n1999,2\n2003,3\n1998,4\n2005,5\n", ""},   // not monotone
		{"id,v\n1,1\n2,2\n3,3\n", ""},                              // row numbers are no dates
		{"1990,5\n1991,6\n1992,7\n", "col1"},                       // first column of consecutive years
		{"uptime,v\n150000000,1\n150000001,2\n", ""},
		{"epoch,v\n1500000000,1\n1500000060,2\n", "epoch"},
	}
	for _, c := range cases {
		if tab := read(t, c.src); tab.DateColumn != c.dateCol {
			t.Errorf("%q: date column %q; want %q", c.src, tab.DateColumn, c.dateCol)
		}
	}
}

func TestReadCSVLatin1(t *testing.T) {
	src := []byte("Datum;Temp\xe9rature\n01.01.2020;1,5\n02.01.2020;2,5\n")
	tab, err := ReadCSV(strings.NewReader(string(src)), "l1.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Columns[1].Name != "Température" || len(tab.Warnings) == 0 {
		t.Errorf("name = %q, warnings %v", tab.Columns[1].Name, tab.Warnings)
	}
}

func TestReadFileDoesNotModify(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.csv")
	src := "d,v\n2020-01-01,\"1\"\"\"\n2020-01-02,2\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p, ReadOptions{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if string(b) != src {
		t.Errorf("file changed: %q", b)
	}
	if _, err := ReadFile(filepath.Join(dir, "nope.csv"), ReadOptions{}); err == nil || !strings.HasPrefix(err.Error(), "forecast: ") {
		t.Errorf("missing file: %v", err)
	}
}

func TestNumParser(t *testing.T) {
	point := &numParser{dec: '.'}
	comma := &numParser{dec: ','}
	cases := []struct {
		p    *numParser
		in   string
		want float64
		ok   bool
	}{
		{point, "0.1", 0.1, true}, {point, "-12.5", -12.5, true}, {point, "+3", 3, true},
		{point, "1e3", 1000, true}, {point, "1,234,567.25", 1234567.25, true}, {point, "1 234", 1234, true},
		{point, "1'234.5", 1234.5, true}, {point, "12,34", 0, false}, {point, "abc", 0, false},
		{point, ".5", 0.5, true}, {point, "5.", 5, true}, {point, ".", 0, false}, {point, "-", 0, false},
		{point, "1e", 0, false}, {point, "0x10", 0, false}, {point, "1.2.3", 0, false},
		{point, "123456789012345678901234", 123456789012345678901234, true},
		{point, "0.30000000000000004", 0.30000000000000004, true},
		{point, "1e400", math.Inf(1), true}, {point, "-inf", math.Inf(-1), true},
		{comma, "1.234,5", 1234.5, true}, {comma, "0,25", 0.25, true}, {comma, "1.234.567", 1234567, true},
	}
	for _, c := range cases {
		got, ok := c.p.parse([]byte(c.in))
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("parse(%q, dec %q) = %v, %v; want %v, %v", c.in, c.p.dec, got, ok, c.want, c.ok)
		}
	}
}

func TestSeriesCleaning(t *testing.T) {
	// out of order, a duplicate (the later row wins) and a gap of two months
	src := "month,v\n2020-03-01,3\n2020-01-01,1\n2020-02-01,2\n2020-02-01,20\n2020-06-01,6\n2020-07-01,7\n"
	tab := read(t, src)
	s, rep, err := tab.Series(SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 20, 3, 4, 5, 6, 7} // Apr, May interpolated between 3 and 6
	if len(s.Values) != len(want) {
		t.Fatalf("values = %v; want %v", s.Values, want)
	}
	for i := range want {
		if !approxEqual(s.Values[i], want[i], 1e-12) {
			t.Errorf("values = %v; want %v", s.Values, want)
			break
		}
	}
	if rep.OutOfOrder.Count != 1 || rep.Duplicates.Count != 1 || rep.Gaps.Count != 2 {
		t.Errorf("out of order %d duplicates %d gaps %d; want 1 1 2\n%s", rep.OutOfOrder.Count, rep.Duplicates.Count, rep.Gaps.Count, rep.Text())
	}
	if rep.Gaps.Examples[0] != "2020-04-01 … 2020-05-01 (2 missing)" || rep.Duplicates.Examples[0] != "row 4: 2020-02-01 (kept row 5)" {
		t.Errorf("examples: %q %q", rep.Gaps.Examples, rep.Duplicates.Examples)
	}
	if !s.Times[3].Equal(date(2020, 4, 1)) {
		t.Errorf("inserted time = %v", s.Times[3])
	}
}

func TestBusinessDaysNotPadded(t *testing.T) {
	// Friday → Monday is no gap; the missing Wednesday is.
	src := "d,v\n2024-01-04,1\n2024-01-05,2\n2024-01-08,3\n2024-01-09,4\n2024-01-11,6\n2024-01-12,7\n2024-01-15,8\n"
	s, rep, err := read(t, src).Series(SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Freq.Unit != calendar.FreqBusinessDay || rep.Gaps.Count != 1 || len(s.Values) != 8 || s.Values[4] != 5 {
		t.Errorf("freq %v gaps %d values %v", s.Freq, rep.Gaps.Count, s.Values)
	}
	if f := s.FutureTimes(2); !f[0].Equal(date(2024, 1, 16)) || !f[1].Equal(date(2024, 1, 17)) {
		t.Errorf("future = %v", f)
	}
}

func TestCovariates(t *testing.T) {
	s, _ := loadSeries(t, "uk_seatbelts_front_rear_monthly.csv", SeriesSpec{ValueCol: "front", Covariates: []string{"kms", "law"}})
	if len(s.Covariates) != 2 || len(s.Covariates[0]) != 192 || s.CovNames[1] != "law" || s.Covariates[0][0] != 9059 {
		t.Errorf("covariates: names %v lens %d", s.CovNames, len(s.Covariates))
	}
}

func TestRowIndexSeries(t *testing.T) {
	s, rep := loadSeries(t, "air_passengers_monthly.csv", SeriesSpec{DateCol: "-"})
	if s.Times != nil || rep.DateColumn != "" || s.Freq.Unit != calendar.FreqNone || len(s.Values) != 144 {
		t.Errorf("times %v date %q freq %v", s.Times != nil, rep.DateColumn, s.Freq)
	}
}
