package view

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/app"
)

// Text for people: numbers, shares, durations and names as the window shows them.

func Pct(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*v)
}

func FixedNum(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "–"
	case math.Abs(v) >= 1000:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 10:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3f", v)
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
		return fmt.Sprintf("%.1fs", d.Seconds())
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

// Num formats a number compactly for a status line.
func Num(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 0):
		return fmt.Sprint(v)
	case v == 0:
		return "0"
	case math.Abs(v) >= 1e5 || math.Abs(v) < 1e-3:
		return fmt.Sprintf("%.2e", v)
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.4g", v)
}

// ShortName is a name from a file (a column, a series, a file name) as a
// label, select option or chart title shows it: one printable line of at
// most MaxName runes.
func ShortName(s string) string { return app.Clip(s, MaxName) }

// MaxName is how many runes of a column, series or file name a label,
// select or chart shows.
const MaxName = 80
