package sheet

import (
	"testing"
	"time"
)

// The serial numbers are Microsoft's ("Date systems in Excel": 1 January
// 2008 is 39448 in the 1900 system and 37986 in the 1904 system; serial 1
// is 1 January 1900; 60 is the 29 February 1900 Excel shows, a day that
// never was; 61 is 1 March 1900) and the fractions hours of the day.
func TestSerialTime(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		v      float64
		d1904  bool
		want   time.Time
		wantOK bool
	}{
		{39448, false, day(2008, 1, 1), true},
		{37986, true, day(2008, 1, 1), true},
		{1, false, day(1900, 1, 1), true},
		{59, false, day(1900, 2, 28), true},
		{60, false, time.Time{}, false},
		{60.5, false, time.Time{}, false},
		{61, false, day(1900, 3, 1), true},
		{0, true, day(1904, 1, 1), true},
		{60, true, day(1904, 3, 1), true},
		{39448.5, false, day(2008, 1, 1).Add(12 * time.Hour), true},
		{39448 + 1.0/24, false, day(2008, 1, 1).Add(time.Hour), true},
		{39448 + 23.0/24, false, day(2008, 1, 1).Add(23 * time.Hour), true},
		{39448.99999999999, false, day(2008, 1, 2), true},
		{2958465, false, day(9999, 12, 31), true},
		{2958466, false, time.Time{}, false},
		{-1, false, time.Time{}, false},
	}
	for _, c := range cases {
		got, ok := serialTime(c.v, c.d1904)
		if ok != c.wantOK || ok && !got.Equal(c.want) {
			t.Errorf("serialTime(%v, %v) = %v, %v; want %v, %v", c.v, c.d1904, got, ok, c.want, c.wantOK)
		}
	}
}

func TestIsoText(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(1949, 1, 1, 0, 0, 0, 0, time.UTC), "1949-01-01"},
		{time.Date(2008, 1, 1, 13, 5, 0, 0, time.UTC), "2008-01-01 13:05:00"},
		{time.Date(2008, 1, 1, 13, 5, 0, 250e6, time.UTC), "2008-01-01 13:05:00.250"},
	} {
		if got := isoText(c.t); got != c.want {
			t.Errorf("isoText(%v) = %q; want %q", c.t, got, c.want)
		}
	}
}

// The built-in numbers are ECMA-376 Part 1, 18.8.30 (numFmt): 14–17 and 22
// are dates, 18–21 and 45–47 times and durations, 0–13 numbers.
func TestIsDateFormat(t *testing.T) {
	for _, c := range []struct {
		id   int
		code string
		want bool
	}{
		{14, "", true}, {17, "", true}, {22, "", true}, {0, "", false}, {2, "", false}, {18, "", false},
		{46, "", false}, {49, "", false},
		{164, "yyyy-mm-dd", true}, {164, "mmm-yy", true}, {164, "mmmm", true}, {164, "dd/mm/yyyy hh:mm", true},
		{164, "[$-409]d-mmm-yy;@", true}, {164, "hh:mm:ss", false}, {164, "[h]:mm", false}, {164, "mm:ss", false},
		{164, "0.00", false}, {164, `#,##0 "days"`, false}, {164, `0.0\d`, false}, {164, "[Red]0.00;[Blue]-0.00", false},
		{164, "General", false}, {164, "0.00E+00", false}, {164, `"unclosed`, false},
	} {
		if got := isDateFormat(c.id, c.code); got != c.want {
			t.Errorf("isDateFormat(%d, %q) = %v; want %v", c.id, c.code, got, c.want)
		}
	}
}
