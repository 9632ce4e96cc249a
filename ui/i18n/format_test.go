package i18n

import (
	"testing"
	"time"
)

func TestNumberIn(t *testing.T) {
	for _, c := range []struct{ code, in, want string }{
		{"de", "1234.5", "1.234,5"},
		{"de", "-1234567.25", "-1.234.567,25"},
		{"de", "123.5", "123,5"},
		{"de", "0.042", "0,042"},
		{"de", "1.20e-05", "1,20e-05"},
		{"de", "12%", "12%"},
		{"de", "NaN", "NaN"},
		{"de", "–", "–"},
		{"de", "2024", "2.024"},
		{"en", "1234.5", "1234.5"},
		{"zh", "-0.5", "-0.5"},
	} {
		if got := numberIn(c.code, c.in); got != c.want {
			t.Errorf("numberIn(%q, %q) = %q; want %q", c.code, c.in, got, c.want)
		}
	}
}

func TestDateIn(t *testing.T) {
	day := time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)
	hour := time.Date(2024, 1, 31, 15, 4, 0, 0, time.UTC)
	for _, c := range []struct {
		code string
		t    time.Time
		want string
	}{
		{"en", day, "2024-01-31"},
		{"zh", day, "2024-01-31"},
		{"de", day, "31.01.2024"},
		{"de", hour, "31.01.2024 15:04"},
	} {
		if got := dateIn(c.code, c.t); got != c.want {
			t.Errorf("dateIn(%q, %v) = %q; want %q", c.code, c.t, got, c.want)
		}
	}
}

// TestTFloats: T writes float arguments as the language writes numbers, with
// the format's precision.
func TestTFloats(t *testing.T) {
	defer Setup("en")
	Setup("de")
	if got, want := T("Q = %.4g at lag %d, %.1f%%", 12345.678, 24, 0.25), "Q = 1,235e+04 at lag 24, 0,2%"; got != want {
		t.Errorf("de: T = %q; want %q", got, want)
	}
	if got, want := T("%8.2f|", 1234.5), "1.234,50|"; got != want {
		t.Errorf("de: T = %q; want %q", got, want)
	}
	Setup("en")
	if got, want := T("%.1f s", 1234.56), "1234.6 s"; got != want {
		t.Errorf("en: T = %q; want %q", got, want)
	}
}

// TestDateText: a date at the start of a text is rewritten in German only.
func TestDateText(t *testing.T) {
	defer Setup("en")
	Setup("de")
	for in, want := range map[string]string{"1961-01-01": "01.01.1961", "1961-01-01 12:30": "01.01.1961 12:30", "row 5": "row 5", "1961-13-01": "1961-13-01"} {
		if got := DateText(in); got != want {
			t.Errorf("de: DateText(%q) = %q; want %q", in, got, want)
		}
	}
	Setup("zh")
	if got := DateText("1961-01-01"); got != "1961-01-01" {
		t.Errorf("zh: DateText = %q", got)
	}
}
