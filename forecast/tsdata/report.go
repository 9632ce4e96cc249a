package tsdata

import (
	"fmt"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/sheet"
)

// Report describes an imported file and, once a series is extracted, what
// cleaning found and did. It is the JSON of `forecaster inspect -json`.
type Report struct {
	File           string         `json:"file"`
	Rows           int            `json:"rows"`
	Columns        []ColumnReport `json:"columns"`
	DateColumn     string         `json:"date_column"`
	ValueColumn    string         `json:"value_column,omitempty"`
	DateLayout     string         `json:"date_layout,omitempty"`
	Frequency      string         `json:"frequency"`
	SeasonalPeriod int            `json:"seasonal_period"`
	DayFirst       bool           `json:"day_first"`
	Delimiter      string         `json:"delimiter"`
	DecimalComma   bool           `json:"decimal_comma"`
	Header         bool           `json:"header"`
	Format         string         `json:"format,omitempty"`       // a workbook's format: "xlsx", "ods"
	Sheet          string         `json:"sheet,omitempty"`        // the workbook's sheet read
	Sheets         []string       `json:"sheets,omitempty"`       // every sheet of the workbook
	HeaderRow      int            `json:"header_row,omitempty"`   // the sheet's row of the header
	Skipped        []string       `json:"skipped_rows,omitempty"` // rows at the end that are not data
	Start          string         `json:"start,omitempty"`
	End            string         `json:"end,omitempty"`
	SeriesLength   int            `json:"series_length"`
	Gaps           Issue          `json:"gaps"`
	Duplicates     Issue          `json:"duplicates"`
	OutOfOrder     Issue          `json:"out_of_order"`
	Missing        MissingReport  `json:"missing"`
	Warnings       []string       `json:"warnings"`
}

// ColumnReport is one column in a Report.
type ColumnReport struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Missing int    `json:"missing"`
}

// Issue counts a kind of problem and keeps the first few examples.
type Issue struct {
	Count    int      `json:"count"`
	Examples []string `json:"examples"`
}

// MissingReport counts missing values in the value column and names the
// policy used to fill them.
type MissingReport struct {
	Count    int      `json:"count"`
	Examples []string `json:"examples"`
	Policy   string   `json:"policy"`
}

// Report describes the table alone (before a series is chosen): columns and
// types, proposed date column, its frequency, delimiter and warnings.
func (t *Table) Report() *Report { return t.report(true) }

// report builds the table part of a Report; the frequency of the proposed
// date column only when withFreq (Series infers it on the cleaned times).
func (t *Table) report(withFreq bool) *Report {
	r := &Report{File: t.Name, Rows: t.Rows, DateColumn: t.DateColumn, DayFirst: t.DayFirst,
		Delimiter: delimName(t.Delimiter), DecimalComma: t.DecimalComma, Header: t.Header,
		Warnings: append([]string{}, t.Warnings...), Frequency: calendar.Freq{}.String(), SeasonalPeriod: 1}
	r.Gaps.Examples, r.Duplicates.Examples, r.OutOfOrder.Examples, r.Missing.Examples = []string{}, []string{}, []string{}, []string{}
	r.Missing.Policy = MissingInterpolate.String()
	if wb := t.Workbook; wb != nil {
		r.Delimiter = ""
		r.Format, r.Sheet, r.HeaderRow = wb.Format.String(), wb.Sheet, wb.HeaderRow
		r.Sheets, r.Skipped = append([]string{}, wb.Sheets...), wb.SkippedRows()
	}
	r.Columns = make([]ColumnReport, len(t.Columns))
	for i, c := range t.Columns {
		r.Columns[i] = ColumnReport{Name: c.Name, Type: c.Type.String(), Missing: c.Missing}
		if c.Name == t.DateColumn {
			r.DateLayout = c.DateLayout
			if withFreq {
				f := calendar.InferFreq(calendar.SortedUnique(c.Times))
				r.Frequency, r.SeasonalPeriod = f.String(), f.SeasonalPeriod()
			}
		}
	}
	return r
}

func delimName(d rune) string {
	switch d {
	case '\t':
		return "tab"
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '|':
		return "pipe"
	}
	return string(d)
}

// Text returns a human-readable summary, one fact per line.
func (r *Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "file:        %s\n", r.File)
	if r.Format != "" {
		b.WriteString(sheet.Summary(r.Format, r.Sheet, r.Sheets, r.Rows, r.HeaderRow, r.Skipped))
	} else {
		fmt.Fprintf(&b, "rows:        %d (delimiter %s, decimal %s, header %s)\n", r.Rows, r.Delimiter,
			map[bool]string{true: "comma", false: "point"}[r.DecimalComma], map[bool]string{true: "yes", false: "no"}[r.Header])
	}
	b.WriteString("columns:\n")
	for _, c := range r.Columns {
		fmt.Fprintf(&b, "  %-20s %-6s", c.Name, c.Type)
		if c.Missing > 0 {
			fmt.Fprintf(&b, " %d missing", c.Missing)
		}
		b.WriteByte('\n')
	}
	if r.DateColumn == "" {
		b.WriteString("date column: none (row index)\n")
	} else {
		fmt.Fprintf(&b, "date column: %s", r.DateColumn)
		if r.DateLayout != "" {
			fmt.Fprintf(&b, " (%s)", r.DateLayout)
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "frequency:   %s (season %d)\n", r.Frequency, r.SeasonalPeriod)
	if r.ValueColumn != "" {
		fmt.Fprintf(&b, "value:       %s, %d points", r.ValueColumn, r.SeriesLength)
		if r.Start != "" {
			fmt.Fprintf(&b, " from %s to %s", r.Start, r.End)
		}
		b.WriteByte('\n')
	}
	issue := func(name string, is Issue) {
		fmt.Fprintf(&b, "%-12s %d", name+":", is.Count)
		if len(is.Examples) > 0 {
			fmt.Fprintf(&b, " (e.g. %s)", strings.Join(is.Examples, "; "))
		}
		b.WriteByte('\n')
	}
	issue("gaps", r.Gaps)
	issue("duplicates", r.Duplicates)
	issue("out of order", r.OutOfOrder)
	fmt.Fprintf(&b, "%-12s %d, filled by %s", "missing:", r.Missing.Count, r.Missing.Policy)
	if len(r.Missing.Examples) > 0 {
		fmt.Fprintf(&b, " (e.g. %s)", strings.Join(r.Missing.Examples, "; "))
	}
	b.WriteByte('\n')
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	return b.String()
}
