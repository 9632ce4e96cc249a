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

// layout finds the table on a sheet's non-blank rows: the header (the
// first row of text cells over rows of consistent types), the data rows
// below it, the rows at the end that are not data, and the columns used.
// score rates the sheet for the default choice: 2 with a date and a number
// column, 1 with a number column, 0 with anything, -1 when empty. The
// table keeps rows for its cells.
func layout(rows *store) (t *Table, score int) {
	t = &Table{data: rows}
	if rows.len() == 0 {
		return t, -1
	}
	h := findHeader(rows)
	first := h + 1
	if h >= 0 {
		t.HeaderRow = rows.num(h)
	}
	major := majorities(rows, first)
	n := footer(rows, first, major)
	end := rows.len() - n
	for i := end; i < rows.len(); i++ {
		t.Skipped = append(t.Skipped, Skipped{Row: rows.num(i), Text: label(rows, i)})
	}
	t.cols = usedColumns(rows, max(h, 0), end)
	if h >= 0 {
		t.Header = make([]string, len(t.cols))
		for i, c := range t.cols {
			t.Header[i] = strings.TrimSpace(rows.str(h, c))
		}
	}
	t.first, t.n = first, end-first
	return t, rate(t.Header, t.cols, major)
}

// findHeader returns the index of the header row, or -1: the first of the
// first headerScan rows whose cells are all text while the rows below
// keep the types of the first of them (half of the next typeScan). A
// single text cell over a wider table, left of or above its first column,
// is a title, not a header.
func findHeader(rows *store) int {
	for i := 0; i+1 < rows.len() && i < headerScan; i++ {
		if isHeader(rows, i) {
			return i
		}
	}
	return -1
}

func isHeader(rows *store, i int) bool {
	text := 0
	for c := range rows.width(i) {
		switch rows.kind(i, c) {
		case kindText:
			text++
		case kindNumber, kindDate:
			return false
		}
	}
	var typed []int
	filled := 0
	for c := range rows.width(i + 1) {
		k := rows.kind(i+1, c)
		if k != kindEmpty {
			filled++
		}
		if k == kindNumber || k == kindDate {
			typed = append(typed, c)
		}
	}
	if text == 0 || len(typed) == 0 {
		return false
	}
	if text == 1 && filled > 1 && firstFilled(rows, i) <= firstFilled(rows, i+1) {
		return false
	}
	agree, n := 0, 0
	for k := i + 1; k < rows.len() && n < typeScan; k++ {
		n++
		same := true
		for _, c := range typed {
			if got := rows.kind(k, c); got != kindEmpty && got != rows.kind(i+1, c) {
				same = false
			}
		}
		if same {
			agree++
		}
	}
	return 2*agree >= n
}

func firstFilled(rows *store, i int) int {
	for c := range rows.width(i) {
		if rows.kind(i, c) != kindEmpty {
			return c
		}
	}
	return rows.width(i)
}

// majorities returns the most common kind of each column among the
// non-empty cells of the rows from first on (kindEmpty for a column
// without any).
func majorities(rows *store, first int) []cellKind {
	var counts [][4]int
	for i := first; i < rows.len(); i++ {
		for c := range rows.width(i) {
			for len(counts) <= c {
				counts = append(counts, [4]int{})
			}
			counts[c][rows.kind(i, c)]++
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

// footer counts the rows at the end (of those from first on) that are
// not data: with a date column (the first whose cells are mostly dates),
// those whose cell there is not a date ("Total", a note, a sum without a
// label); without one, those with text in a column of numbers. At most
// maxFooter rows and half of the rows are skipped.
func footer(rows *store, first int, major []cellKind) int {
	key := -1
	for c, k := range major {
		if k == kindDate {
			key = c
			break
		}
	}
	n, data := 0, rows.len()-first
	for k := rows.len() - 1; k >= first && n < maxFooter && 2*(n+1) <= data; k-- {
		if key >= 0 {
			if rows.kind(k, key) == kindDate {
				break
			}
		} else if !textInNumbers(rows, k, major) {
			break
		}
		n++
	}
	return n
}

func textInNumbers(rows *store, i int, major []cellKind) bool {
	for c := range rows.width(i) {
		if rows.kind(i, c) == kindText && c < len(major) && major[c] == kindNumber {
			return true
		}
	}
	return false
}

// label is what names a skipped row: its first text cell, else its first
// non-empty cell.
func label(rows *store, i int) string {
	for c := range rows.width(i) {
		if rows.kind(i, c) == kindText {
			return strings.TrimSpace(rows.str(i, c))
		}
	}
	for c := range rows.width(i) {
		if rows.kind(i, c) != kindEmpty {
			return strings.TrimSpace(rows.str(i, c))
		}
	}
	return ""
}

// usedColumns lists, in order, the columns with a cell in rows from to
// end (the header, if any, and the data); empty columns (a margin, a
// spacer) are left out.
func usedColumns(rows *store, from, end int) []int {
	var used []bool
	for i := from; i < end; i++ {
		for c := range rows.width(i) {
			if rows.kind(i, c) != kindEmpty {
				for len(used) <= c {
					used = append(used, false)
				}
				used[c] = true
			}
		}
	}
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
