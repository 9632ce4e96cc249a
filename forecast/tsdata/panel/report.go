package panel

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Report describes a panel: the file, the columns, how many series and how
// long, which had gaps, missing values or duplicate dates, the worst of
// them, and the series skipped with the reason. It is the JSON of
// `forecaster inspect -id-col … -json`.
type Report struct {
	File           string    `json:"file"`
	Format         string    `json:"format"` // "long" or "wide"
	Rows           int       `json:"rows"`
	IDColumns      []string  `json:"id_columns,omitempty"`
	DateColumn     string    `json:"date_column"`
	ValueColumns   []string  `json:"value_columns"`
	Frequency      string    `json:"frequency"`
	SeasonalPeriod int       `json:"seasonal_period"`
	Series         int       `json:"series"`
	Points         int       `json:"points"` // all series' lengths after cleaning
	Shortest       Summary   `json:"shortest"`
	Longest        Summary   `json:"longest"`
	MedianLength   int       `json:"median_length"`
	WithGaps       int       `json:"with_gaps"`
	WithMissing    int       `json:"with_missing"`
	WithDuplicates int       `json:"with_duplicates"`
	Worst          []Summary `json:"worst"`
	Skipped        []Skip    `json:"skipped"`
	Warnings       []string  `json:"warnings"`
	Each           []Summary `json:"each"`
}

// Summary is one series in a Report.
type Summary struct {
	ID         string `json:"id"`
	Length     int    `json:"length"` // after cleaning (gaps filled)
	Start      string `json:"start,omitempty"`
	End        string `json:"end,omitempty"`
	Gaps       int    `json:"gaps"`
	Missing    int    `json:"missing"`
	Duplicates int    `json:"duplicates"`
	OutOfOrder int    `json:"out_of_order"`
}

// Skip is a series left out and why.
type Skip struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// WorstShown is the number of series Report.Worst lists.
const WorstShown = 10

// issues is the share of a series' points that were filled or dropped.
func (s Summary) issues() float64 {
	return float64(s.Gaps+s.Missing+s.Duplicates) / float64(max(s.Length, 1))
}

// summarise fills the per-series part of the report.
func (r *Report) summarise(p *Panel) {
	r.Frequency, r.SeasonalPeriod = p.Freq.String(), p.Freq.SeasonalPeriod()
	r.Series = len(p.Members)
	r.Each = make([]Summary, len(p.Members))
	lengths := make([]int, len(p.Members))
	for i, m := range p.Members {
		sr := m.Report
		s := Summary{ID: m.ID, Length: m.Series.Len(), Gaps: sr.Gaps.Count, Missing: sr.Missing.Count,
			Duplicates: sr.Duplicates.Count, OutOfOrder: sr.OutOfOrder.Count}
		s.Start, s.End = span(m.Series)
		r.Each[i] = s
		lengths[i] = s.Length
		r.Points += s.Length
		if s.Gaps > 0 {
			r.WithGaps++
		}
		if s.Missing > 0 {
			r.WithMissing++
		}
		if s.Duplicates > 0 {
			r.WithDuplicates++
		}
		if i == 0 || s.Length < r.Shortest.Length {
			r.Shortest = s
		}
		if i == 0 || s.Length > r.Longest.Length {
			r.Longest = s
		}
	}
	slices.Sort(lengths)
	r.MedianLength = lengths[len(lengths)/2]
	r.Worst = []Summary{}
	for _, s := range r.Each {
		if s.issues() > 0 {
			r.Worst = append(r.Worst, s)
		}
	}
	slices.SortStableFunc(r.Worst, func(a, b Summary) int { return cmp.Compare(b.issues(), a.issues()) })
	if len(r.Worst) > WorstShown {
		r.Worst = r.Worst[:WorstShown]
	}
}

// Text is the report for a person: the file and columns, the lengths, the
// series with problems and the worst of them, and the skipped series.
func (r *Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "file: %s (%d rows, %s format)\n", r.File, r.Rows, r.Format)
	if len(r.IDColumns) > 0 {
		fmt.Fprintf(&b, "id column: %s\n", strings.Join(r.IDColumns, ", "))
	}
	date := r.DateColumn
	if date == "" {
		date = "(none: row order)"
	}
	fmt.Fprintf(&b, "date column: %s\nvalue column: %s\n", date, strings.Join(r.ValueColumns, ", "))
	fmt.Fprintf(&b, "frequency: %s (seasonal period %d)\n", r.Frequency, r.SeasonalPeriod)
	fmt.Fprintf(&b, "series: %d (%d points); length %d to %d, median %d\n", r.Series, r.Points, r.Shortest.Length, r.Longest.Length, r.MedianLength)
	fmt.Fprintf(&b, "shortest: %s (%d, %s … %s); longest: %s (%d, %s … %s)\n", r.Shortest.ID, r.Shortest.Length, r.Shortest.Start, r.Shortest.End,
		r.Longest.ID, r.Longest.Length, r.Longest.Start, r.Longest.End)
	fmt.Fprintf(&b, "with gaps: %d; with missing values: %d; with duplicate dates: %d\n", r.WithGaps, r.WithMissing, r.WithDuplicates)
	if len(r.Worst) > 0 {
		fmt.Fprintf(&b, "worst (share of points filled or dropped):\n")
		for _, s := range r.Worst {
			fmt.Fprintf(&b, "  %-20s %5d points, %d gaps, %d missing, %d duplicates (%.0f%%)\n", s.ID, s.Length, s.Gaps, s.Missing, s.Duplicates, 100*s.issues())
		}
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, "skipped: %d series\n", len(r.Skipped))
		for i, s := range r.Skipped {
			if i == WorstShown {
				fmt.Fprintf(&b, "  … and %d more\n", len(r.Skipped)-WorstShown)
				break
			}
			fmt.Fprintf(&b, "  %-20s %s\n", s.ID, s.Reason)
		}
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	return b.String()
}

// skipText lists the first n skipped series with their reasons.
func skipText(s []Skip, n int) string {
	var parts []string
	for i, k := range s {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(s)-n))
			break
		}
		parts = append(parts, k.ID+": "+k.Reason)
	}
	return strings.Join(parts, "; ")
}
