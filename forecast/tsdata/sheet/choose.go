package sheet

import (
	"fmt"
	"strconv"
)

// picker chooses the sheet to read as a workbook's sheets go by in order:
// the one named, or else the first with a date and a number column,
// falling back on the first with a number column, then the first with
// anything on it. It also holds the budget of cell text a sheet may take.
type picker struct {
	want     string
	budget   int64 // bytes of cell text a sheet may hold
	names    []string
	chosen   *Table
	fallback *Table
	fbScore  int
	spent    int64                         // text of the sheet being read
	errCells int                           // formula errors read as missing on the sheet being read
	progress func(done, total int64) error // Options.Progress
}

// tell reports progress, when asked for, every progressRows rows.
func (p *picker) tell(rows int, done, total int64) error {
	if p.progress == nil || rows%progressRows != 0 {
		return nil
	}
	return p.progress(done, total)
}

// add records a sheet's name and reports whether it must be read.
func (p *picker) add(name string) bool {
	p.names = append(p.names, name)
	if p.chosen != nil {
		return false
	}
	return p.want == "" || name == p.want
}

// offer hands the picker the non-blank rows of sheet name.
func (p *picker) offer(name string, rows *store) {
	t, score := layout(rows)
	t.Sheet = name
	if p.errCells > 0 {
		what := fmt.Sprintf("%d cells hold a formula error (#DIV/0!, #VALUE! …); they are", p.errCells)
		if p.errCells == 1 {
			what = "1 cell holds a formula error (#DIV/0!, #VALUE! …); it is"
		}
		t.Warnings = append(t.Warnings, what+" read as missing")
	}
	p.spent, p.errCells = 0, 0
	switch {
	case p.want != "" || score == 2:
		p.chosen, p.fallback = t, nil
	case p.fallback == nil || score > p.fbScore:
		p.fallback, p.fbScore = t, score
	}
}

// spend charges n bytes of text to the sheet being read.
func (p *picker) spend(name string, rowNum, n int) error {
	if n > MaxCellBytes {
		return &Error{Sheet: name, Row: rowNum, Msg: fmt.Sprintf("a cell holds %d bytes, more than the %d a spreadsheet cell can", n, MaxCellBytes),
			Hint: "the workbook was not written by a spreadsheet program; save it again from one", Err: ErrTooLarge}
	}
	p.spent += int64(n)
	if p.spent > p.budget {
		return &Error{Sheet: name, Row: rowNum, Msg: fmt.Sprintf("the sheet holds more than %d MiB of cells", p.budget>>20),
			Hint: "save the columns you need as CSV, or aggregate to a coarser frequency", Err: ErrTooLarge}
	}
	return nil
}

// result is the chosen table, with the workbook's sheet names.
func (p *picker) result() (*Table, error) {
	t := p.chosen
	if t == nil && p.want != "" {
		return nil, &Error{Msg: fmt.Sprintf("no sheet called %s; the sheets are %s", strconv.Quote(p.want), sheetNames(p.names)),
			Hint: "choose one of them", Err: ErrNoSheet}
	}
	if t == nil {
		t = p.fallback
	}
	if t == nil || t.Len() == 0 && t.Header == nil {
		name := p.want
		if t != nil {
			name = t.Sheet
		}
		if name == "" {
			return nil, &Error{Msg: "the workbook has no sheet with data", Hint: "choose a workbook with a table of dates and values", Err: ErrNoData}
		}
		return nil, &Error{Sheet: name, Msg: "the sheet is empty", Hint: "choose another sheet: " + sheetNames(p.names), Err: ErrNoData}
	}
	t.Sheets = p.names
	return t, nil
}
