package tsdata

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// TestNumericTimeColumn: integer and decimal time columns chosen as the
// time are time indices, not values (issue: a series indexed 1…100 by
// minute was refused as "expected dates, found number values").
func TestNumericTimeColumn(t *testing.T) {
	table := func(head string, rows int, f func(i int) string) *Table {
		var b strings.Builder
		b.WriteString(head + "\n")
		for i := range rows {
			fmt.Fprintf(&b, "%s,%d\n", f(i), 100+i%7)
		}
		tab, err := ReadCSV(strings.NewReader(b.String()), "t.csv", ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return tab
	}
	// 1…100: an index with no calendar
	tab := table("minute,load", 100, func(i int) string { return fmt.Sprint(i + 1) })
	s, rep, err := tab.Series(SeriesSpec{DateCol: "minute"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "load" || s.Len() != 100 || s.Times != nil || s.Freq.Unit != calendar.FreqNone {
		t.Errorf("index: %s, %d points, times %v, freq %v", s.Name, s.Len(), s.Times != nil, s.Freq)
	}
	if !strings.Contains(strings.Join(rep.Warnings, " "), "index with no calendar") {
		t.Errorf("no warning about the index: %v", rep.Warnings)
	}
	// 1871…1970: years
	tab = table("t,flow", 100, func(i int) string { return fmt.Sprint(1871 + i) })
	s, _, err = tab.Series(SeriesSpec{DateCol: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Freq.Unit != calendar.FreqYear || s.Times[0].Year() != 1871 || s.Times[99].Year() != 1970 {
		t.Errorf("years: freq %v, %v … %v", s.Freq, s.Times[0], s.Times[99])
	}
	// 1990.00, 1990.25 …: quarters, as R's time(ts(x, start = 1990, frequency = 4))
	tab = table("time,gdp", 40, func(i int) string { return fmt.Sprint(1990 + float64(i)/4) })
	s, _, err = tab.Series(SeriesSpec{DateCol: "time"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Freq.Unit != calendar.FreqQuarter || s.Freq.SeasonalPeriod() != 4 || s.Times[1].Format("2006-01") != "1990-04" || s.Times[39].Format("2006-01") != "1999-10" {
		t.Errorf("quarters: freq %v, %v, %v", s.Freq, s.Times[1], s.Times[39])
	}
	// 1990 + k/12: months
	tab = table("time,sales", 30, func(i int) string { return fmt.Sprintf("%.6f", 1990+float64(i)/12) })
	s, _, err = tab.Series(SeriesSpec{DateCol: "time"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Freq.Unit != calendar.FreqMonth || s.Times[5].Format("2006-01") != "1990-06" || s.Times[29].Format("2006-01") != "1992-06" {
		t.Errorf("months: freq %v, %v, %v", s.Freq, s.Times[5], s.Times[29])
	}
	// not a time index: a step back, named with its row
	tab = table("k,v", 10, func(i int) string { return fmt.Sprint([]int{1, 2, 3, 4, 3, 6, 7, 8, 9, 10}[i]) })
	_, _, err = tab.Series(SeriesSpec{DateCol: "k"})
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, ErrNotDate) || ie.Row != 6 || !strings.Contains(err.Error(), "from 4 to 3") {
		t.Errorf("decreasing time: %v", err)
	}
	// uneven steps
	tab = table("k,v", 5, func(i int) string { return fmt.Sprint([]int{1, 2, 4, 5, 6}[i]) })
	if _, _, err = tab.Series(SeriesSpec{DateCol: "k"}); !errors.Is(err, ErrNotDate) || !strings.Contains(err.Error(), "constant step") {
		t.Errorf("uneven steps: %v", err)
	}
}

// TestNumericTimeColumnProposed: without dates, a column of numbers named
// as a time that steps evenly is proposed as the time column, so a file
// written by R (time,value with 1…100, 1871…, 1990.25 …) is read as the
// issue asks without choosing columns; a column without such a name, or
// one that does not step evenly, stays a value.
func TestNumericTimeColumnProposed(t *testing.T) {
	for _, c := range []struct {
		head  string
		times func(i int) string
		date  string
		freq  calendar.FreqUnit
	}{
		{"time,value", func(i int) string { return fmt.Sprint(i + 1) }, "time", calendar.FreqNone},
		{"year,flow", func(i int) string { return fmt.Sprint(1871 + i) }, "year", calendar.FreqYear},
		{"time,value", func(i int) string { return fmt.Sprintf("%.2f", 1971.25+float64(i)/4) }, "time", calendar.FreqQuarter},
		{"k,v", func(i int) string { return fmt.Sprint(i + 1) }, "", calendar.FreqNone},
		{"time,v", func(i int) string { return fmt.Sprint(i * i) }, "", calendar.FreqNone},
	} {
		var b strings.Builder
		b.WriteString(c.head + "\n")
		for i := range 40 {
			fmt.Fprintf(&b, "%s,%d\n", c.times(i), 100+i%7)
		}
		tab, err := ReadCSV(strings.NewReader(b.String()), "t.csv", ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if tab.DateColumn != c.date {
			t.Errorf("%s: proposed time column %q; want %q", c.head, tab.DateColumn, c.date)
			continue
		}
		s, _, err := tab.Series(SeriesSpec{})
		if err != nil {
			t.Fatal(err)
		}
		if c.date != "" && (s.Name == c.date || s.Values[0] != 100 || s.Freq.Unit != c.freq) {
			t.Errorf("%s: value column %q (first %v), freq %v; want the other column, freq %v", c.head, s.Name, s.Values[0], s.Freq, c.freq)
		}
	}
}
