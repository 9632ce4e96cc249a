package tsdata

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors wrapped by *InputError, so callers can branch with errors.Is
// while showing the full message (which names file, row and column) to users.
var (
	ErrEmptyFile       = errors.New("forecast: empty file")
	ErrHeaderOnly      = errors.New("forecast: header only")
	ErrNoNumericColumn = errors.New("forecast: no numeric column")
	ErrNotNumber       = errors.New("forecast: not a number")
	ErrAllMissing      = errors.New("forecast: all values missing")
	ErrNonFinite       = errors.New("forecast: infinite or overflowing value")
	ErrBinaryFile      = errors.New("forecast: binary file")
	ErrLineTooLong     = errors.New("forecast: line too long")
	ErrTooManyColumns  = errors.New("forecast: too many columns")
	ErrFileTooLarge    = errors.New("forecast: file too large")
	ErrBadQuote        = errors.New("forecast: malformed quoted field")
	ErrUnknownColumn   = errors.New("forecast: unknown column")
	ErrTooShort        = errors.New("forecast: series too short")
	ErrNonPositive     = errors.New("forecast: value not positive")
	ErrNotDate         = errors.New("forecast: not a date")
)

// InputError reports bad input data: it names the file, the row (the line
// number in the file, counting the header, 1-based; 0 when not about one row),
// the column (empty when not about one column), what was expected and, in Hint,
// how to fix it. Err is one of the Err* sentinels above.
type InputError struct {
	File   string
	Row    int
	Column string
	Msg    string
	Hint   string
	Err    error
}

// Error returns e.g.
//
//	forecast: sales.csv row 12 column "sales": expected a number, found "abc"; fix the cell or choose another value column
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString("forecast: ")
	b.WriteString(e.File)
	if e.Row > 0 {
		if e.File != "" {
			b.WriteByte(' ')
		}
		b.WriteString("row ")
		b.WriteString(strconv.Itoa(e.Row))
	}
	if e.Column != "" {
		if e.File != "" || e.Row > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("column ")
		b.WriteString(strconv.Quote(e.Column))
	}
	if b.Len() > len("forecast: ") {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *InputError) Unwrap() error { return e.Err }

// quoteCell quotes a cell for an error message, shortening long cells.
func quoteCell(s string) string {
	const max = 40
	if len(s) > max {
		cut := max
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
