package sheet

import (
	"strconv"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

var thousands = strings.NewReplacer(",", "", "'", "", " ", "")

// classText is the kind of a text cell: a number or a date when it reads
// as one, text otherwise.
func classText(s string) cellKind {
	s = strings.TrimSpace(s)
	if s == "" {
		return kindEmpty
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return kindNumber
	}
	if strings.ContainsAny(s, ",' ") && s[0] != ',' {
		if _, err := strconv.ParseFloat(thousands.Replace(s), 64); err == nil {
			return kindNumber // 1,234.5 1'234 1 234
		}
	}
	if k, _ := calendar.GuessKind([]byte(s)); k != calendar.KindNone {
		return kindDate
	}
	return kindText
}

// kindAt is the kind of cell c of a row (kindEmpty beyond its end).
func kindAt(cells []sheetCell, c int) cellKind {
	if c < len(cells) {
		return cells[c].kind
	}
	return kindEmpty
}

// layout finds the table on a sheet's non-blank rows: the header (the
// first row of text cells over rows of consistent types), the data rows
// below it, the rows at the end that are not data, and the columns used.
// score rates the sheet for the default choice: 2 with a date and a number
// column, 1 with a number column, 0 with anything, -1 when empty.
func layout(rows []row) (t *Table, score int) {
	t = &Table{}
	if len(rows) == 0 {
		return t, -1
	}
	h := findHeader(rows)
	data := rows[h+1:]
	if h >= 0 {
		t.HeaderRow = rows[h].num
	}
	major := majorities(data)
	n := footer(data, major)
	for _, r := range data[len(data)-n:] {
		t.Skipped = append(t.Skipped, Skipped{Row: r.num, Text: label(r.cells)})
	}
	data = data[:len(data)-n]
	cols := usedColumns(rows[max(h, 0):h+1], data)
	if h >= 0 {
		t.Header = make([]string, len(cols))
		for i, c := range cols {
			if c < len(rows[h].cells) {
				t.Header[i] = strings.TrimSpace(rows[h].cells[c].text)
			}
		}
	}
	t.Rows = make([][]string, len(data))
	t.RowNums = make([]int, len(data))
	for k, r := range data {
		out := make([]string, len(cols))
		for i, c := range cols {
			if c < len(r.cells) {
				out[i] = r.cells[c].text
			}
		}
		t.Rows[k], t.RowNums[k] = out, r.num
	}
	return t, rate(t.Header, cols, major)
}

// findHeader returns the index of the header row, or -1: the first of the
// first headerScan rows whose cells are all text while the rows below
// keep the types of the first of them (half of the next typeScan). A
// single text cell over a wider table, left of or above its first column,
// is a title, not a header.
func findHeader(rows []row) int {
	for i := 0; i+1 < len(rows) && i < headerScan; i++ {
		if isHeader(rows, i) {
			return i
		}
	}
	return -1
}

func isHeader(rows []row, i int) bool {
	h, first := rows[i].cells, rows[i+1].cells
	text := 0
	for _, c := range h {
		switch c.kind {
		case kindText:
			text++
		case kindNumber, kindDate:
			return false
		}
	}
	var typed []int
	filled := 0
	for c, cell := range first {
		if cell.kind != kindEmpty {
			filled++
		}
		if cell.kind == kindNumber || cell.kind == kindDate {
			typed = append(typed, c)
		}
	}
	if text == 0 || len(typed) == 0 {
		return false
	}
	if text == 1 && filled > 1 && firstFilled(h) <= firstFilled(first) {
		return false
	}
	agree, n := 0, 0
	for k := i + 1; k < len(rows) && n < typeScan; k++ {
		n++
		same := true
		for _, c := range typed {
			if got := kindAt(rows[k].cells, c); got != kindEmpty && got != first[c].kind {
				same = false
			}
		}
		if same {
			agree++
		}
	}
	return 2*agree >= n
}

func firstFilled(cells []sheetCell) int {
	for c, cell := range cells {
		if cell.kind != kindEmpty {
			return c
		}
	}
	return len(cells)
}

// majorities returns the most common kind of each column among the rows'
// non-empty cells (kindEmpty for a column without any).
func majorities(rows []row) []cellKind {
	var counts [][4]int
	for _, r := range rows {
		for c, cell := range r.cells {
			for len(counts) <= c {
				counts = append(counts, [4]int{})
			}
			counts[c][cell.kind]++
		}
	}
	major := make([]cellKind, len(counts))
	for c, k := range counts {
		best := 0
		for kind := kindText; kind <= kindDate; kind++ {
			if k[kind] > best {
				major[c], best = kind, k[kind]
			}
		}
	}
	return major
}

// footer counts the rows at the end that are not data: with a date
// column (the first whose cells are mostly dates), those whose cell there
// is not a date ("Total", a note, a sum without a label); without one,
// those with text in a column of numbers. At most maxFooter rows and half
// of the rows are skipped.
func footer(data []row, major []cellKind) int {
	key := -1
	for c, k := range major {
		if k == kindDate {
			key = c
			break
		}
	}
	n := 0
	for k := len(data) - 1; k >= 0 && n < maxFooter && 2*(n+1) <= len(data); k-- {
		cells := data[k].cells
		if key >= 0 {
			if kindAt(cells, key) == kindDate {
				break
			}
		} else if !textInNumbers(cells, major) {
			break
		}
		n++
	}
	return n
}

func textInNumbers(cells []sheetCell, major []cellKind) bool {
	for c, cell := range cells {
		if cell.kind == kindText && c < len(major) && major[c] == kindNumber {
			return true
		}
	}
	return false
}

// label is what names a skipped row: its first text cell, else its first
// non-empty cell.
func label(cells []sheetCell) string {
	for _, c := range cells {
		if c.kind == kindText {
			return strings.TrimSpace(c.text)
		}
	}
	for _, c := range cells {
		if c.kind != kindEmpty {
			return strings.TrimSpace(c.text)
		}
	}
	return ""
}

// usedColumns lists, in order, the columns with a cell in the header or
// the data rows; empty columns (a margin, a spacer) are left out.
func usedColumns(header, data []row) []int {
	var used []bool
	mark := func(rows []row) {
		for _, r := range rows {
			for c, cell := range r.cells {
				if cell.kind != kindEmpty {
					for len(used) <= c {
						used = append(used, false)
					}
					used[c] = true
				}
			}
		}
	}
	mark(header)
	mark(data)
	var cols []int
	for c, u := range used {
		if u {
			cols = append(cols, c)
		}
	}
	return cols
}

// rate scores a table: 2 with a date column (mostly dates, or numbers
// under a name like "year") and another of numbers, 1 with a number
// column, 0 otherwise.
func rate(header []string, cols []int, major []cellKind) int {
	dates, numbers := 0, 0
	for i, c := range cols {
		if c >= len(major) {
			continue
		}
		name := ""
		if header != nil {
			name = header[i]
		}
		switch {
		case major[c] == kindDate, major[c] == kindNumber && calendar.YearNameHint(name):
			dates++
		case major[c] == kindNumber:
			numbers++
		}
	}
	switch {
	case dates > 0 && numbers > 0:
		return 2
	case numbers > 0:
		return 1
	}
	return 0
}
