package sheet

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors wrapped by *Error, for errors.Is.
var (
	ErrNotWorkbook = errors.New("sheet: not a workbook")
	ErrEncrypted   = errors.New("sheet: password-protected or legacy workbook")
	ErrDamaged     = errors.New("sheet: damaged workbook")
	ErrTooLarge    = errors.New("sheet: workbook too large")
	ErrNoSheet     = errors.New("sheet: no such sheet")
	ErrNoData      = errors.New("sheet: no data")
)

// Error reports a workbook that cannot be read: the sheet and row when the
// problem is in one (else "" and 0), what is wrong and, in Hint, what to do.
// Err is one of the sentinels above.
type Error struct {
	Sheet string
	Row   int
	Msg   string
	Hint  string
	Err   error
}

// Error returns e.g. `sheet "Data" row 12: cell holds more than 32767 bytes; shorten it`.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Sheet != "" {
		b.WriteString("sheet ")
		b.WriteString(strconv.Quote(e.Sheet))
	}
	if e.Row > 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("row ")
		b.WriteString(strconv.Itoa(e.Row))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns the sentinel, for errors.Is.
func (e *Error) Unwrap() error { return e.Err }

func damaged(msg string) *Error {
	return &Error{Msg: "the workbook is damaged: " + msg, Hint: "open it in a spreadsheet program and save it again, or export the sheet as CSV", Err: ErrDamaged}
}

// sheetNames lists names for a message: "Data", "Notes".
func sheetNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
