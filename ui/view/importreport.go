package view

import (
	"fmt"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// The Data tab's import report: how a file was read and what was filled.

// ReadAs says how the file was read, as the CLI's inspect does:
// delimiter, decimal mark, header and the dates' layout.
func ReadAs(r *tsdata.Report) string {
	dec := "decimal point"
	if r.DecimalComma {
		dec = "decimal comma"
	}
	head := "header row"
	if !r.Header {
		head = "no header row"
	}
	s := fmt.Sprintf("%s-separated, %s, %s", r.Delimiter, dec, head)
	if r.Format != "" { // a workbook: cells, not delimited text
		s = r.Format + " workbook, " + head
	}
	if r.DateLayout != "" {
		s += "; dates " + r.DateLayout
	}
	return s
}

// RangeText is the series' first and last date written alike: with the
// time of day on both ends when either has one (the report's own dates
// drop a midnight time, which printed "2024-01-01 to 2024-03-05 13:00:00").
func RangeText(r *tsdata.Report, s *tsdata.Series) string {
	if s == nil || len(s.Times) == 0 {
		return ShortName(r.Start) + " to " + ShortName(r.End)
	}
	a, b := s.Times[0], s.Times[len(s.Times)-1]
	if a.Year() < 0 || b.Year() > 9999 {
		return ShortName(r.Start) + " to " + ShortName(r.End)
	}
	midnight := func(t time.Time) bool { return t.Equal(t.Truncate(24 * time.Hour)) }
	layout := "2006-01-02"
	switch {
	case a.Second() != 0 || b.Second() != 0:
		layout = "2006-01-02 15:04:05"
	case !midnight(a) || !midnight(b):
		layout = "2006-01-02 15:04"
	}
	return a.Format(layout) + " to " + b.Format(layout)
}

// GapsText counts the dates missing from the calendar and says what was
// done with them, so that it agrees with the Missing row.
func GapsText(r *tsdata.Report) string {
	g := r.Gaps
	if g.Count == 0 {
		return "none"
	}
	s := fmt.Sprintf("%s dates missing from the %s calendar", Fixed(float64(g.Count), 0), r.Frequency)
	if r.Missing.Policy == tsdata.MissingDrop.String() {
		s += ", left out (Missing values: drop rows)"
	} else {
		s += ", filled by " + fillText(r.Missing.Policy)
	}
	if len(g.Examples) > 0 {
		s += "; e.g. " + strings.Join(g.Examples, "; ")
	}
	return s
}

// MissingText counts the empty cells of the value column; the dates the
// file lacks are the Gaps row's.
func MissingText(r *tsdata.Report) string {
	m := r.Missing
	if m.Count == 0 {
		if r.Gaps.Count > 0 {
			return "no empty cells (the missing dates are under Gaps)"
		}
		return "none"
	}
	s := fmt.Sprintf("%s empty cells, filled by %s", Fixed(float64(m.Count), 0), fillText(m.Policy))
	if m.Policy == tsdata.MissingDrop.String() {
		s = fmt.Sprintf("%s empty cells, their rows dropped", Fixed(float64(m.Count), 0))
	}
	if len(m.Examples) > 0 {
		s += " (e.g. " + strings.Join(m.Examples, "; ") + ")"
	}
	return s
}

// fillText names a missing-value policy (tsdata.MissingPolicy.String) as
// the Missing values picker does.
func fillText(policy string) string {
	switch policy {
	case tsdata.MissingForwardFill.String():
		return "forward fill"
	case tsdata.MissingInterpolate.String():
		return "interpolation"
	}
	return policy
}

// FilledPoints returns the indices of d.Series' points the reader filled
// in: dates missing from the file (gaps) and empty cells of the value
// column (Filled, which the Data tab's Table shows). Nil when none were
// filled or it cannot be told.
func FilledPoints(d *app.Data) []int {
	if r := d.Report; r == nil || (r.Gaps.Count == 0 && r.Missing.Count == 0) {
		return nil
	}
	var out []int
	for i, f := range Filled(d) {
		if f != "" {
			out = append(out, i)
		}
	}
	return out
}

// WorkbookNote says where in a workbook the data were read, for the
// import report: "; sheet “Passengers”, header in row 4, row 149 'Total'
// skipped". Empty for a CSV file.
func WorkbookNote(r *tsdata.Report) string {
	if r.Format == "" {
		return ""
	}
	parts := []string{"sheet “" + r.Sheet + "”"}
	if r.HeaderRow > 0 {
		parts = append(parts, fmt.Sprintf("header in row %d", r.HeaderRow))
	} else {
		parts = append(parts, "no header row")
	}
	parts = append(parts, r.Skipped...)
	return "; " + strings.Join(parts, ", ")
}
