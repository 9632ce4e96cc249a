package tsdata

import (
	"math"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// Subset returns a Table of the rows rows (data-row indices of t, in the
// order given) and the columns cols (all when cols is empty), for one
// series of a file that holds many (package tsdata/panel). Line numbers,
// column types, date layouts and the proposed date column carry over, so
// the Subset's Series and its messages name the rows of the file; missing
// counts are those of the rows kept. The Table's warnings stay with t. An
// unknown column is an *InputError.
func (t *Table) Subset(rows []int, cols ...string) (*Table, error) {
	s := &Table{Name: t.Name, Rows: len(rows), Header: t.Header, Delimiter: t.Delimiter,
		DecimalComma: t.DecimalComma, DayFirst: t.DayFirst, DayAmbiguous: t.DayAmbiguous}
	s.lines = make([]int32, len(rows))
	for k, r := range rows {
		if r < len(t.lines) {
			s.lines[k] = t.lines[r]
		}
	}
	pick := make([]*Column, 0, len(cols))
	if len(cols) == 0 {
		for i := range t.Columns {
			pick = append(pick, &t.Columns[i])
		}
	}
	for _, name := range cols {
		c, ok := t.Column(name)
		if !ok {
			return nil, t.unknownColumn(name)
		}
		pick = append(pick, c)
	}
	s.Columns = make([]Column, len(pick))
	for j, c := range pick {
		s.Columns[j] = c.subset(rows)
		if c.Name == t.DateColumn {
			s.DateColumn = c.Name
		}
	}
	return s, nil
}

// subset is the column at rows, its counts recomputed.
func (c *Column) subset(rows []int) Column {
	out := Column{Name: c.Name, Type: c.Type, DateLayout: c.DateLayout, DayFirst: c.DayFirst}
	if c.Numbers != nil {
		out.Numbers = make([]float64, len(rows))
		for k, r := range rows {
			v := c.Numbers[r]
			out.Numbers[k] = v
			if math.IsNaN(v) {
				out.Missing++
			} else if math.IsInf(v, 0) && out.nonFinite == 0 {
				out.nonFinite = k + 1
			}
		}
	}
	if c.Times != nil {
		out.Times = make([]time.Time, len(rows))
		for k, r := range rows {
			out.Times[k] = c.Times[r]
			if calendar.IsNoTime(c.Times[r]) && c.Numbers == nil {
				out.Missing++
			}
		}
	}
	if c.Text != nil {
		out.Text = make([]string, len(rows))
		for k, r := range rows {
			out.Text[k] = c.Text[r]
			if isMissing([]byte(c.Text[r])) {
				out.Missing++
			}
		}
	}
	if c.NotDates > 0 { // a cell that is not a date is not told apart from a missing one here
		out.NotDates = min(c.NotDates, out.Missing)
	}
	return out
}
