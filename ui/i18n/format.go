package i18n

import (
	"fmt"
	"strings"
	"time"
)

// Number writes a number formatted in the machine form ("-1234.5",
// "1.2e-05", "12%", "NaN") as the language in use writes it: German swaps
// the decimal point for a comma and puts '.' between thousands (4 or more
// digits before the point); English and Chinese keep it as it is.
func Number(s string) string { return numberIn(Lang(), s) }

// numberIn is Number for the language code.
func numberIn(code, s string) string {
	if code != "de" {
		return s
	}
	// The digits before the first '.', 'e' or non-digit are the integer
	// part; only they are grouped.
	start := 0
	for start < len(s) && (s[start] == '-' || s[start] == '+') {
		start++
	}
	end := start
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	var b strings.Builder
	b.WriteString(s[:start])
	digits := s[start:end]
	if n := len(digits); n >= 4 && !strings.ContainsAny(s[end:], "e") {
		for i := 0; i < n; i++ {
			if i > 0 && (n-i)%3 == 0 {
				b.WriteByte('.')
			}
			b.WriteByte(digits[i])
		}
	} else {
		b.WriteString(digits)
	}
	rest := s[end:]
	if strings.HasPrefix(rest, ".") {
		b.WriteByte(',')
		rest = rest[1:]
	}
	b.WriteString(rest)
	return b.String()
}

// Numf is fmt.Sprintf(format, v) written as the language in use writes
// numbers (see Number): format holds one verb for a number.
func Numf(format string, v float64) string { return Number(fmt.Sprintf(format, v)) }

// dateIn writes a day as the language code writes it: 2024-01-31 in
// English and Chinese, 31.01.2024 in German; a time of day other than
// midnight follows (15:04).
func dateIn(code string, t time.Time) string {
	layout := "2006-01-02"
	if code == "de" {
		layout = "02.01.2006"
	}
	if h, m, s := t.Clock(); h != 0 || m != 0 || s != 0 {
		layout += " 15:04"
		if s != 0 {
			layout += ":05"
		}
	}
	return t.Format(layout)
}

// DateText rewrites a date written as 2006-01-02 (optionally followed by a
// time) as the language in use writes it; other text is returned as it is.
func DateText(s string) string {
	if Lang() != "de" || len(s) < 10 {
		return s
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return s
	}
	return dateIn("de", t) + s[10:]
}
