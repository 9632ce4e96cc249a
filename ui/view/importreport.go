package view

import (
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// The Data tab's import report: how a file was read and what was filled.

// ReadAs says how the file was read, as the CLI's inspect does:
// delimiter, decimal mark, header and the dates' layout.
func ReadAs(r *tsdata.Report) string {
	dec := i18n.T("decimal point")
	if r.DecimalComma {
		dec = i18n.T("decimal comma")
	}
	head := i18n.T("header row")
	if !r.Header {
		head = i18n.T("no header row")
	}
	s := i18n.T("%s-separated, %s, %s", i18n.Message(r.Delimiter), dec, head)
	if r.Format != "" { // a workbook: cells, not delimited text
		s = i18n.T("%s workbook, %s", r.Format, head)
	}
	if r.DateLayout != "" {
		s += i18n.T("; dates %s", r.DateLayout)
	}
	return s
}

// RangeText is the series' first and last date written alike: with the
// time of day on both ends when either has one (the report's own dates
// drop a midnight time, which printed "2024-01-01 to 2024-03-05 13:00:00").
func RangeText(r *tsdata.Report, s *tsdata.Series) string {
	if s == nil || len(s.Times) == 0 {
		return i18n.T("%s to %s", i18n.DateText(ShortName(r.Start)), i18n.DateText(ShortName(r.End)))
	}
	a, b := s.Times[0], s.Times[len(s.Times)-1]
	if a.Year() < 0 || b.Year() > 9999 {
		return i18n.T("%s to %s", i18n.DateText(ShortName(r.Start)), i18n.DateText(ShortName(r.End)))
	}
	midnight := func(t time.Time) bool { return t.Equal(t.Truncate(24 * time.Hour)) }
	layout := "2006-01-02"
	switch {
	case a.Second() != 0 || b.Second() != 0:
		layout = "2006-01-02 15:04:05"
	case !midnight(a) || !midnight(b):
		layout = "2006-01-02 15:04"
	}
	return i18n.T("%s to %s", i18n.DateText(a.Format(layout)), i18n.DateText(b.Format(layout)))
}

// GapsText counts the dates missing from the calendar and says what was
// done with them, so that it agrees with the Missing row.
func GapsText(r *tsdata.Report) string {
	g := r.Gaps
	if g.Count == 0 {
		return i18n.T("none")
	}
	s := i18n.T("%s dates missing from the %s calendar", Fixed(float64(g.Count), 0), i18n.Message(r.Frequency))
	if r.Missing.Policy == tsdata.MissingDrop.String() {
		s += i18n.T(", left out (Missing values: drop rows)")
	} else {
		s += i18n.T(", filled by %s", fillText(r.Missing.Policy))
	}
	if len(g.Examples) > 0 {
		s += i18n.T("; e.g. %s", strings.Join(g.Examples, "; "))
	}
	return s
}

// MissingText counts the empty cells of the value column; the dates the
// file lacks are the Gaps row's.
func MissingText(r *tsdata.Report) string {
	m := r.Missing
	if m.Count == 0 {
		if r.Gaps.Count > 0 {
			return i18n.T("no empty cells (the missing dates are under Gaps)")
		}
		return i18n.T("none")
	}
	s := i18n.T("%s empty cells, filled by %s", Fixed(float64(m.Count), 0), fillText(m.Policy))
	if m.Policy == tsdata.MissingDrop.String() {
		s = i18n.T("%s empty cells, their rows dropped", Fixed(float64(m.Count), 0))
	}
	if len(m.Examples) > 0 {
		s += i18n.T(" (e.g. %s)", strings.Join(m.Examples, "; "))
	}
	return s
}

// fillText names a missing-value policy (tsdata.MissingPolicy.String) as
// the Missing values picker does.
func fillText(policy string) string {
	switch policy {
	case tsdata.MissingForwardFill.String():
		return i18n.T("forward fill")
	case tsdata.MissingInterpolate.String():
		return i18n.T("interpolation")
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
	parts := []string{i18n.T("sheet “%s”", r.Sheet)}
	if r.HeaderRow > 0 {
		parts = append(parts, i18n.T("header in row %d", r.HeaderRow))
	} else {
		parts = append(parts, i18n.T("no header row"))
	}
	for _, sk := range r.Skipped {
		parts = append(parts, i18n.Message(sk))
	}
	return "; " + strings.Join(parts, ", ")
}
