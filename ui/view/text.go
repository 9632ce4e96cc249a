package view

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// Text for people: numbers, shares, durations and names as the window shows
// them, numbers written as the window's language writes them (i18n.Number:
// a decimal comma in German). Files written keep the machine form.

func Pct(v float64) string {
	if math.IsNaN(v) {
		return i18n.T("n/a")
	}
	return i18n.Numf("%.0f", 100*v) + "%"
}

// FixedNum formats one number on its own (a summary's MASE): three
// significant digits, at most six decimals, thousands separated. Numbers
// in a column use Fixed with the column's decimals instead.
func FixedNum(v float64) string {
	return Fixed(v, ColumnDecimals([]float64{v}, 3, 0))
}

// maxShown is the most decimals the screen shows.
const maxShown = 6

// Fixed formats v with exactly dec decimals (0 to 6), a "." decimal mark
// and "," between thousands: Fixed(1234.5, 2) is "1,234.50" — in German
// "1.234,50" (the marks of the window's language, i18n.Lang). NaN and
// infinities read "–"; a value that rounds to zero reads without a sign.
func Fixed(v float64, dec int) string { return fixedIn(i18n.Lang(), v, dec) }

// marks are the thousands separator and decimal mark of a language.
func marks(code string) (thousands, decimal byte) {
	if code == "de" {
		return '.', ','
	}
	return ',', '.'
}

// axisLabel rewrites a chart's axis label as the window's language writes
// it: a number written with "," between thousands and "." as the decimal
// mark reads "1.250,5" in German, and a month's English abbreviation
// ("Jan 1960", "02 Jan") is the language's ("Mär 1960", "1月 1960").
func axisLabel(s string) string { return marksIn(i18n.Lang(), monthsIn(i18n.Lang(), s)) }

// months are the month abbreviations of the charts' time axes (Go's
// "Jan"), by language.
var months = map[string][]string{
	"de": {"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"},
	"zh": {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
}

// monthsIn replaces the English month abbreviations of s (whole words)
// by those of the language code.
func monthsIn(code, s string) string {
	names, ok := months[code]
	if !ok {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		for m := time.January; m <= time.December; m++ {
			if w == m.String()[:3] {
				words[i] = names[m-1]
			}
		}
	}
	return strings.Join(words, " ")
}

// marksIn rewrites the number marks of s (written with "," between
// thousands, "." as the decimal mark) as the language code writes them.
func marksIn(code, s string) string {
	thousands, decimal := marks(code)
	if thousands == ',' {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ',':
			return rune(thousands)
		case '.':
			return rune(decimal)
		}
		return r
	}, s)
}

// fixedIn is Fixed in the language code.
func fixedIn(code string, v float64, dec int) string {
	thousands, decimal := marks(code)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	dec = min(max(dec, 0), maxShown)
	s := strconv.FormatFloat(v, 'f', dec, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if strings.Trim(s, "0.") == "" {
		neg = false // "-0.00"
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// ColumnDecimals chooses one number of decimals for a column of values
// (a table column shows them all with it, so their decimal points align):
// enough for sig significant digits of the column's typical (median
// absolute, non-zero) value, at least minDec, at most 6. A column of
// hundreds with sig 3 gets 0 decimals, one of values near 0.05 gets 3.
func ColumnDecimals(values []float64, sig, minDec int) int {
	var a []float64
	for _, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) && v != 0 {
			a = append(a, math.Abs(v))
		}
	}
	if len(a) == 0 {
		return min(max(minDec, 0), maxShown)
	}
	slices.Sort(a)
	d := sig - 1 - int(math.Floor(math.Log10(a[len(a)/2])))
	return min(max(d, minDec, 0), maxShown)
}

// FirstLine is the first line of explain(err), what went wrong for a
// person ("" for nil).
func FirstLine(explain func(error) string, err error) string {
	if err == nil {
		return ""
	}
	s := explain(err)
	if i := strings.IndexByte(s, '\n'); i > 0 {
		s = s[:i]
	}
	return s
}

func Duration(d time.Duration) string {
	if d < 10*time.Second {
		return i18n.Numf("%.1f", d.Seconds()) + "s"
	}
	d = d.Round(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d.Seconds()))
	}
	if d < time.Hour {
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// Num formats a number for a status line or a summary: four significant
// digits, never an exponent, thousands separated, trailing zeros dropped,
// at most six decimals, so a learning rate of 6.25e-4 reads 0.000625 and a
// smoothing weight of 4.77e-15 reads 0.
func Num(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	case v == 0:
		return "0"
	}
	d := max(3-int(math.Floor(math.Log10(math.Abs(v)))), 0)
	s := Fixed(v, d)
	if _, decimal := marks(i18n.Lang()); strings.IndexByte(s, decimal) >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), string(decimal))
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// ShortName is a name from a file (a column, a series, a file name) as a
// label, select option or chart title shows it: one printable line of at
// most MaxName runes.
func ShortName(s string) string { return app.Clip(s, MaxName) }

// MaxName is how many runes of a column, series or file name a label,
// select or chart shows.
const MaxName = 80
