package tsdata

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/sheet"
)

// HeaderMode says whether the first row holds column names.
type HeaderMode int

const (
	HeaderAuto HeaderMode = iota // detect from the cell types
	HeaderYes
	HeaderNo
)

// DayOrder says how to read dates like 01/02/2006.
type DayOrder int

const (
	DayOrderAuto DayOrder = iota // infer from the data; month first when truly ambiguous
	DayOrderDMY                  // 02/01/2006 is 2 January
	DayOrderMDY                  // 01/02/2006 is 2 January
)

// Default limits of ReadOptions.
const (
	DefaultMaxLineBytes = 1 << 20 // 1 MiB
	DefaultMaxColumns   = 4096
	DefaultMaxBytes     = 1 << 30 // 1 GiB
)

// ReadOptions adjusts ReadCSV. The zero value detects everything.
type ReadOptions struct {
	Delimiter    rune       // 0 = detect among ',', ';', '\t', '|'
	DecimalComma *bool      // nil = detect
	Header       HeaderMode // HeaderAuto = detect
	DayOrder     DayOrder   // DayOrderAuto = infer from the data
	MaxLineBytes int        // 0 = DefaultMaxLineBytes; longer records are an error
	MaxColumns   int        // 0 = DefaultMaxColumns
	MaxBytes     int64      // 0 = DefaultMaxBytes
	Sheet        string     // a workbook's sheet to read; "" = the first with dates and numbers
	// Progress, when set, is called now and then while ReadFile reads:
	// done of total bytes of a CSV file, or rows of a workbook's sheet
	// (total 0 when unknown). An error it returns stops the read, and
	// ReadFile returns it (wrapped): return ctx.Err() to cancel.
	Progress func(done, total int64) error
}

// ColumnType is the inferred type of a column.
type ColumnType int

const (
	TypeText ColumnType = iota
	TypeNumber
	TypeDate
)

func (c ColumnType) String() string {
	switch c {
	case TypeNumber:
		return "number"
	case TypeDate:
		return "date"
	}
	return "text"
}

// MarshalText encodes the type as "number", "date" or "text".
func (c ColumnType) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Column is one parsed column of a Table. Cells are indexed by data row
// (0 = first row after the header).
type Column struct {
	Name    string
	Type    ColumnType
	Missing int // cells holding a missing token (empty, NA, NaN, null, -, N/A …)

	// Numbers holds the values when every non-missing cell is a number (also
	// for year or Unix-time columns, whose Type is TypeDate); NaN marks a
	// missing cell. Nil otherwise.
	Numbers []float64
	// Times holds the parsed dates when Type is TypeDate; NoTime marks a
	// missing cell.
	Times []time.Time
	// Text holds the trimmed cells of text columns; nil otherwise.
	Text []string
	// DateLayout describes the date layout, e.g. "ISO 8601 (2006-01-02)".
	DateLayout string
	// DayFirst is true when dates like 02/01/2006 were read day first.
	DayFirst bool
	// NotDates counts the cells of a date column that are not dates (a
	// "Total" footer …); they are NoTime in Times, and Series drops their rows.
	NotDates int

	nonFinite int // index of the first ±Inf cell + 1 (0 = none)
}

// Table is a parsed CSV file.
type Table struct {
	Name         string // file name used in messages
	Columns      []Column
	Rows         int  // data rows (header and blank lines excluded)
	Header       bool // the first row held column names
	Delimiter    rune
	DecimalComma bool
	// DateColumn is the proposed date column ("" = none: use the row index).
	DateColumn string
	// DayFirst and DayAmbiguous describe how the proposed date column was read.
	DayFirst     bool
	DayAmbiguous bool
	Warnings     []string
	// Workbook is the sheet of a workbook the table came from (its cells
	// parsed into Columns, so without Rows); nil for a CSV file.
	Workbook *sheet.Table

	lines []int32 // file line number of each data row (a workbook's row number)
}

// Line returns the 1-based line number in the file of data row i.
func (t *Table) Line(i int) int {
	if i >= 0 && i < len(t.lines) {
		return int(t.lines[i])
	}
	return 0
}

// Column returns the column called name, matched exactly, then ignoring case.
func (t *Table) Column(name string) (*Column, bool) {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i], true
		}
	}
	for i := range t.Columns {
		if strings.EqualFold(t.Columns[i].Name, name) {
			return &t.Columns[i], true
		}
	}
	return nil, false
}

// ColumnNames returns the column names in file order.
func (t *Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i := range t.Columns {
		names[i] = t.Columns[i].Name
	}
	return names
}

// NumericColumns returns the names of the columns usable as values.
func (t *Table) NumericColumns() []string {
	var names []string
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Numbers != nil && c.Type == TypeNumber {
			names = append(names, c.Name)
		}
	}
	return names
}

// ReadFile reads and parses a CSV file or a workbook (see Reading in the
// package documentation); it never modifies the file. A CSV file
// over 5 MiB is read in pieces of 4 MiB, so that the memory it takes is
// that of the Table (see Memory in the package documentation). Only a
// regular file is read: a directory, named pipe, device or socket is refused
// before a byte is read (an InputError wrapping fileio.ErrNotRegular).
// Messages name the file by its base name.
func ReadFile(path string, opt ReadOptions) (*Table, error) {
	name := filepath.Base(path)
	f, fi, err := fileio.OpenInput(path)
	if fe, ok := err.(*fileio.Error); ok {
		// a directory, FIFO, device or socket: refused before reading
		return nil, &InputError{File: name, Msg: fe.Msg, Hint: "choose a CSV file", Err: fe}
	}
	if err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	defer f.Close()
	max := opt.maxBytes()
	if fi.Size() > max {
		return nil, tooLarge(name, max)
	}
	t, isBook, warn, err := readWorkbook(f, path, fi.Size(), opt)
	if isBook {
		return t, err
	}
	t, err = readCSVFile(f, name, fi.Size(), opt)
	if t != nil && warn != "" {
		t.Warnings = append([]string{warn}, t.Warnings...)
	}
	return t, err
}

// readCSVFile reads the opened file f as CSV.
func readCSVFile(f *os.File, name string, size int64, opt ReadOptions) (*Table, error) {
	max := opt.maxBytes()
	var r io.Reader = f
	pr := &progressReader{r: f, total: size, fn: opt.Progress}
	if opt.Progress != nil {
		r = pr
	}
	if defaultStream.streams(size, opt) {
		if t, ok := readStream(r, name, opt, size, defaultStream); ok {
			return t, nil
		}
		if pr.err != nil {
			return nil, fmt.Errorf("forecast: reading stopped: %w", pr.err)
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, fmt.Errorf("forecast: %w", err)
		}
		pr.done, pr.told = 0, 0
	}
	data := make([]byte, 0, size+1)
	data, err := readAllInto(data, r, max)
	if err != nil {
		if ie, ok := err.(*InputError); ok {
			ie.File = name
		}
		return nil, err
	}
	return parseCSV(data, name, opt)
}

// progressReader reports the bytes read through fn, at most every
// progressStep bytes; an error from fn stops the reading (err keeps it).
type progressReader struct {
	r          io.Reader
	total      int64
	done, told int64
	fn         func(done, total int64) error
	err        error
}

var progressStep int64 = 1 << 20

func (p *progressReader) Read(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.r.Read(b)
	p.done += int64(n)
	if p.done-p.told >= progressStep || err == io.EOF && p.done > p.told {
		p.told = p.done
		if p.err = p.fn(p.done, p.total); p.err != nil {
			return n, p.err
		}
	}
	return n, err
}

// ReadCSV parses CSV data from r. name is used in messages (e.g. the file
// name). See the package documentation for what is detected.
func ReadCSV(r io.Reader, name string, opt ReadOptions) (*Table, error) {
	data, err := readAllInto(nil, r, opt.maxBytes())
	if err != nil {
		if ie, ok := err.(*InputError); ok {
			ie.File = name
		}
		return nil, err
	}
	return parseCSV(data, name, opt)
}

func (o ReadOptions) maxBytes() int64 {
	if o.MaxBytes > math.MaxUint32 {
		return math.MaxUint32 // cells are located by 32-bit offsets
	}
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

func tooLarge(name string, max int64) error {
	return &InputError{File: name, Msg: fmt.Sprintf("file is larger than %d MiB", max>>20),
		Hint: "split the file or aggregate it to a coarser frequency", Err: ErrFileTooLarge}
}

func readAllInto(buf []byte, r io.Reader, max int64) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return nil, tooLarge("", max)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("forecast: reading: %w", err)
		}
	}
}

// span locates a trimmed cell in the data buffer.
type span struct{ off, n uint32 }

type parser struct {
	name     string
	opt      ReadOptions
	data     []byte
	delim    byte
	maxLine  int
	maxCols  int
	cols     [][]span // cols[c][k]: cell c of record base+k
	lines    []int32  // file line of every record split so far
	base     int      // records of earlier pieces (streaming); 0 for a whole file
	pos      int      // where split resumes in data
	line     int      // file line at pos
	more     bool     // data is a piece of the file and more follows (streaming)
	short    int      // rows with fewer fields than columns
	first    int      // index of the first data record (1 after a header)
	header   bool
	warnings []string
}

// errIncomplete stops split at a record that may go on past the end of a
// piece (streaming); the caller reads the file whole instead.
var errIncomplete = errors.New("tsdata: record runs past the piece")

func newParser(name string, opt ReadOptions) *parser {
	p := &parser{name: name, opt: opt, maxLine: opt.MaxLineBytes, maxCols: opt.MaxColumns, line: 1}
	if p.maxLine <= 0 {
		p.maxLine = DefaultMaxLineBytes
	}
	if p.maxCols <= 0 {
		p.maxCols = DefaultMaxColumns
	}
	return p
}

func (p *parser) errf(line int, col string, sentinel error, hint, format string, args ...any) error {
	return &InputError{File: p.name, Row: line, Column: col, Msg: fmt.Sprintf(format, args...), Hint: hint, Err: sentinel}
}

func parseCSV(data []byte, name string, opt ReadOptions) (*Table, error) {
	p := newParser(name, opt)
	data, err := p.decode(data)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, p.errf(0, "", ErrEmptyFile, "export the data again: a header row and one row per date", "file is empty")
	}
	p.data = data
	if opt.Delimiter != 0 {
		if !validDelimiter(opt.Delimiter) {
			return nil, fmt.Errorf("forecast: unsupported delimiter %q", opt.Delimiter)
		}
		p.delim = byte(opt.Delimiter)
	} else {
		p.delim, _ = detectDelimiter(data)
	}
	if err := p.split(len(data)); err != nil {
		return nil, err
	}
	return p.build()
}

// validDelimiter: a delimiter is an ASCII character other than a quote or
// a line ending.
func validDelimiter(d rune) bool { return d <= 127 && d != '"' && d != '\n' && d != '\r' }

// decode strips a BOM, decodes UTF-16 and rejects binary data. Text that is
// not valid UTF-8 is read as Latin-1 (Windows exports) with a warning.
func (p *parser) decode(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF):
		be := data[0] == 0xFE
		data = data[2:]
		u := make([]uint16, len(data)/2)
		for i := range u {
			if be {
				u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
			} else {
				u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
			}
		}
		data = []byte(string(utf16.Decode(u)))
		p.warnings = append(p.warnings, "file is UTF-16 encoded; decoded it")
	}
	head := data[:min(len(data), textHead)]
	if err := p.checkText(head); err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		// Decide on the first KB whether this is binary or Latin-1 text.
		bad, hi := 0, 0
		for i := 0; i < len(head); {
			r, n := utf8.DecodeRune(head[i:])
			if r == utf8.RuneError && n == 1 && len(head)-i >= utf8.UTFMax {
				bad++
			}
			if head[i] >= 0x80 {
				hi++
			}
			i += n
		}
		if bad > len(head)/10 || hi > len(head)*3/10 {
			return nil, p.errf(0, "", ErrBinaryFile, "choose a CSV text file saved as UTF-8", "binary data (invalid UTF-8), not a CSV text file")
		}
		out := make([]byte, 0, len(data)+len(data)/8)
		for _, c := range data {
			if c < 0x80 {
				out = append(out, c)
			} else {
				out = utf8.AppendRune(out, rune(c))
			}
		}
		data = out
		p.warnings = append(p.warnings, "file is not valid UTF-8; read it as Latin-1")
	}
	crLines(data)
	return data, nil
}

// textHead is how much of the start of a file decides whether it is text.
const textHead = 1024

// checkText refuses a file whose start (head) is binary: a NUL byte, or
// more than one byte in 20 a control character.
func (p *parser) checkText(head []byte) error {
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			return p.errf(0, "", ErrBinaryFile, "choose a CSV text file (export it as CSV from the spreadsheet)", "binary data (NUL bytes), not a CSV text file")
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl > len(head)/20 {
		return p.errf(0, "", ErrBinaryFile, "choose a CSV text file (export it as CSV from the spreadsheet)", "binary data (control characters), not a CSV text file")
	}
	return nil
}

// crLines turns the line endings of a file that ends its lines with a lone
// CR (classic Mac OS, some exports) into newlines, in place. A file whose
// first line ends in LF or CRLF is left as it is.
func crLines(data []byte) {
	i := bytes.IndexAny(data, "\r\n")
	if i < 0 || data[i] != '\r' || i+1 < len(data) && data[i+1] == '\n' {
		return
	}
	for k, c := range data {
		if c == '\r' && (k+1 == len(data) || data[k+1] != '\n') {
			data[k] = '\n'
		}
	}
}

// delimiterLines is how many non-blank lines detectDelimiter looks at.
const delimiterLines = 50

// detectDelimiter picks the delimiter whose count per line (outside quotes)
// is the same non-zero number on most of the first lines. Tab, semicolon and
// pipe win ties over comma, which also appears inside decimal-comma numbers.
// all is true when data held all the lines looked at (delimiterLines of
// them), so that more data would not change the choice.
func detectDelimiter(data []byte) (delim byte, all bool) {
	cands := []byte{'\t', ';', '|', ','}
	const maxLines = delimiterLines
	var counts [4][maxLines]int
	lines := 0
	inQuote := false
	var cur [4]int
	blank := true
	for i := 0; i < len(data) && lines < maxLines; i++ {
		c := data[i]
		if c == '"' {
			inQuote = !inQuote
		}
		if inQuote {
			continue
		}
		if c == '\n' {
			if !blank {
				for k := range cands {
					counts[k][lines] = cur[k]
				}
				lines++
			}
			cur = [4]int{}
			blank = true
			continue
		}
		if c != ' ' && c != '\r' && c != '\t' {
			blank = false
		}
		for k, d := range cands {
			if c == d {
				cur[k]++
				if d == '\t' {
					blank = false
				}
			}
		}
	}
	all = lines == maxLines
	if !blank && lines < maxLines {
		for k := range cands {
			counts[k][lines] = cur[k]
		}
		lines++
	}
	best, bestScore := byte(','), 0.0
	for k, d := range cands {
		// Most common non-zero count and how many lines have it.
		freq := map[int]int{}
		for l := 0; l < lines; l++ {
			if counts[k][l] > 0 {
				freq[counts[k][l]]++
			}
		}
		modeN := 0
		for _, n := range freq {
			if n > modeN {
				modeN = n
			}
		}
		if modeN == 0 {
			continue
		}
		score := float64(modeN) / float64(lines)
		if score >= 0.9 {
			score = 0.9 // consistent enough: fall back to the preference order
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best, all
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// split cuts the records that start before limit, from p.pos on, into
// trimmed cells, appending to p.cols and p.lines. With p.more set (a piece
// of a streamed file) a record that reaches the end of the data may go on
// in the next piece: split stops with errIncomplete.
func (p *parser) split(limit int) error {
	data := p.data
	est := bytes.Count(data[p.pos:], []byte{'\n'}) + 1
	if p.lines == nil {
		p.lines = make([]int32, 0, est)
	}
	trimTab := p.delim != '\t'
	line := p.line
	pos := p.pos
	ncols := len(p.cols)
	defer func() { p.pos, p.line = pos, line }()
	for pos < limit {
		nl := bytes.IndexByte(data[pos:], '\n')
		end, next := len(data), len(data)
		if nl >= 0 {
			end, next = pos+nl, pos+nl+1
		}
		if end-pos > p.maxLine {
			return p.errf(line, "", ErrLineTooLong, "is this really a CSV file? check the delimiter and line endings",
				"line is longer than %d bytes", p.maxLine)
		}
		rec := data[pos:end]
		if len(rec) > 0 && rec[len(rec)-1] == '\r' {
			rec = rec[:len(rec)-1]
		}
		if isBlank(rec) {
			if p.more && nl < 0 {
				return errIncomplete
			}
			pos = next
			line++
			continue
		}
		a := &cellAdder{p: p, trimTab: trimTab, firstRec: len(p.lines) == 0, startLine: line,
			rows: len(p.lines) - p.base, est: est, ncols: ncols}
		if bytes.IndexByte(rec, '"') < 0 {
			if err := p.splitPlain(rec, pos, a.add); err != nil {
				return err
			}
			pos = next
			line++
		} else {
			var err error
			pos, line, err = p.quotedRecord(pos, line, a.add)
			if err != nil {
				return err
			}
		}
		ncols = a.ncols
		field, startLine := a.field, a.startLine
		if p.more && pos >= len(data) {
			return errIncomplete
		}
		if field < ncols {
			p.short++
			for ; field < ncols; field++ {
				p.cols[field] = append(p.cols[field], span{})
			}
		}
		p.lines = append(p.lines, int32(startLine))
	}
	return nil
}

// cellAdder appends the cells of one record to the columns: it trims the
// spaces around each cell and grows the columns when a record is wider
// than the header (earlier rows are missing there).
type cellAdder struct {
	p                 *parser
	trimTab, firstRec bool
	startLine         int // the record's line, for messages
	rows              int // records of this piece before this one
	est               int // the piece's estimated records, for new columns
	ncols, field      int
}

func (a *cellAdder) add(off, n int) error {
	p, data := a.p, a.p.data
	for n > 0 && (data[off] == ' ' || a.trimTab && data[off] == '\t') {
		off++
		n--
	}
	for n > 0 && (data[off+n-1] == ' ' || a.trimTab && data[off+n-1] == '\t') {
		n--
	}
	if a.field >= a.ncols {
		if !a.firstRec && n == 0 {
			a.field++
			return nil // trailing empty field beyond the header
		}
		if a.field >= p.maxCols {
			return p.errf(a.startLine, "", ErrTooManyColumns, "check the delimiter, or remove columns you do not need",
				"more than %d columns", p.maxCols)
		}
		for a.ncols <= a.field {
			col := make([]span, a.rows, max(a.est, a.rows+1)) // earlier rows: missing
			if a.ncols < a.field {
				col = append(col, span{}) // an empty field skipped in this row
			}
			p.cols = append(p.cols, col)
			a.ncols++
		}
	}
	p.cols[a.field] = append(p.cols[a.field], span{uint32(off), uint32(n)})
	a.field++
	return nil
}

// splitPlain cuts a record without quotes, starting at offset pos of the
// data, at the delimiter.
func (p *parser) splitPlain(rec []byte, pos int, add func(off, n int) error) error {
	i := 0
	for {
		j := bytes.IndexByte(rec[i:], p.delim)
		if j < 0 {
			return add(pos+i, len(rec)-i)
		}
		if err := add(pos+i, j); err != nil {
			return err
		}
		i += j + 1
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// quotedRecord parses one record that contains quotes, starting at pos.
// Escaped quotes ("") are unescaped in place. It returns the position and
// line number after the record.
func (p *parser) quotedRecord(pos, line int, add func(off, n int) error) (int, int, error) {
	data := p.data
	start, startLine := pos, line
	i := pos
	for {
		// skip leading spaces
		j := i
		for j < len(data) && (data[j] == ' ' || (data[j] == '\t' && p.delim != '\t')) {
			j++
		}
		if j < len(data) && data[j] == '"' {
			// quoted field
			w := j + 1 // write position (in-place unescape)
			r := j + 1
			for {
				if r-start > p.maxLine {
					return 0, 0, p.errf(startLine, "", ErrLineTooLong, "check for an unbalanced quote (\")",
						"record is longer than %d bytes", p.maxLine)
				}
				k := bytes.IndexByte(data[r:], '"')
				if k < 0 {
					return 0, 0, p.errf(startLine, "", ErrBadQuote, "close the quote or remove it", "quoted field is never closed")
				}
				line += bytes.Count(data[r:r+k], []byte{'\n'})
				copy(data[w:], data[r:r+k])
				w += k
				r += k + 1
				if r < len(data) && data[r] == '"' {
					data[w] = '"'
					w++
					r++
					continue
				}
				break
			}
			if err := add(j+1, w-j-1); err != nil {
				return 0, 0, err
			}
			// after the closing quote: spaces, then delimiter or end of line
			for r < len(data) && (data[r] == ' ' || data[r] == '\t' && p.delim != '\t' || data[r] == '\r') {
				r++
			}
			if r >= len(data) {
				return r, line + 1, nil
			}
			if data[r] == '\n' {
				return r + 1, line + 1, nil
			}
			if data[r] == p.delim {
				i = r + 1
				continue
			}
			return 0, 0, p.errf(line, "", ErrBadQuote, "quote the whole field, doubling quotes inside it (\"\")",
				"unexpected text after a closing quote")
		}
		// unquoted field: up to delimiter or newline
		k := j
		for k < len(data) && data[k] != p.delim && data[k] != '\n' {
			k++
		}
		e := k
		if e > i && data[e-1] == '\r' && (k == len(data) || data[k] == '\n') {
			e--
		}
		if err := add(i, e-i); err != nil {
			return 0, 0, err
		}
		if k >= len(data) {
			return k, line + 1, nil
		}
		if data[k] == '\n' {
			return k + 1, line + 1, nil
		}
		i = k + 1
	}
}

// cell returns the bytes of a span.
func (p *parser) cell(s span) []byte { return p.data[s.off : s.off+s.n] }

// build decides the header and the column types and parses every column.
func (p *parser) build() (*Table, error) {
	nrec := len(p.lines)
	if nrec == 0 || len(p.cols) == 0 {
		return nil, p.errf(0, "", ErrEmptyFile, "export the data again: a header row and one row per date", "file has no rows")
	}
	np, names := p.decide()
	if nrec-p.first == 0 {
		return nil, p.errf(int(p.lines[0]), "", ErrHeaderOnly, "the file needs data rows below the header", "file has a header but no data rows")
	}
	cols := make([]Column, len(p.cols))
	for ci, col := range p.cols {
		cols[ci] = p.parseColumn(names[ci], col[p.first:], np, ci == 0)
	}
	return p.table(cols, np), nil
}

// decide detects the decimal separator and the header row from the records
// split so far (the first 200 non-empty cells of each column, the first 21
// records) and names the columns.
func (p *parser) decide() (*numParser, []string) {
	dec := byte('.')
	if p.opt.DecimalComma != nil {
		if *p.opt.DecimalComma {
			dec = ','
		}
	} else {
		votes := 0
		for _, col := range p.cols {
			k := 0
			for r := 0; r < len(col) && k < decimalCells; r++ {
				if col[r].n > 0 {
					votes += decimalVote(p.cell(col[r]))
					k++
				}
			}
		}
		if votes > 0 {
			dec = ','
		}
	}
	np := &numParser{dec: dec}
	switch p.opt.Header {
	case HeaderYes:
		p.header = true
	case HeaderNo:
	default:
		p.header = p.detectHeader(np)
	}
	p.first = 0
	if p.header {
		p.first = 1
	}
	names := make([]string, len(p.cols))
	seen := map[string]int{}
	for ci, col := range p.cols {
		name := ""
		if p.header {
			name = strings.TrimSpace(string(p.cell(col[0])))
		}
		if name == "" {
			name = fmt.Sprintf("col%d", ci+1)
		}
		if n := seen[name]; n > 0 {
			seen[name] = n + 1
			name = fmt.Sprintf("%s_%d", name, n+1)
		}
		seen[name]++
		names[ci] = name
	}
	return np, names
}

// Cells the detection looks at: the decimal separator votes over the first
// decimalCells non-empty cells of each column, the header over the first
// headerRecords records, a column's type over its first sampleCells
// non-missing cells.
const (
	decimalCells  = 200
	headerRecords = 21
	sampleCells   = 64
)

// table assembles the Table from the parsed columns: the warnings, and the
// proposed date column.
func (p *parser) table(cols []Column, np *numParser) *Table {
	t := &Table{Name: p.name, Delimiter: rune(p.delim), DecimalComma: np.dec == ',', Header: p.header,
		Rows: len(p.lines) - p.first, lines: p.lines[p.first:], Columns: cols}
	t.Warnings = p.warnings
	if p.short > 0 {
		t.Warnings = append(t.Warnings, fmt.Sprintf("%d rows have fewer fields than columns; the missing cells are treated as missing values", p.short))
	}
	// propose the date column
	best := -1
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Type != TypeDate {
			continue
		}
		if best < 0 || (!calendar.DateNameHint(t.Columns[best].Name) && calendar.DateNameHint(c.Name)) {
			best = i
		}
	}
	if best >= 0 {
		c := &t.Columns[best]
		t.DateColumn = c.Name
		t.DayFirst = c.DayFirst
		if c.DateLayout == ambiguousLayout {
			t.DayAmbiguous = true
			t.Warnings = append(t.Warnings, fmt.Sprintf("column %q: dates like 01/02/2006 are ambiguous in this file; read them month first (US); if they are day/month, set Day order to day first (Data tab)", c.Name))
			c.DateLayout = calendar.KindAB.Describe(false, '/', "")
		}
	}
	if best < 0 && len(t.Columns) > 1 {
		// No dates: a column of numbers named as a time (time, year,
		// quarter …) that steps evenly — 1…n, 1871…, 1990.25 … as R's
		// write.csv of time(x) gives them — is the time, not a value.
		for i := range t.Columns {
			c := &t.Columns[i]
			if c.Type == TypeNumber && calendar.DateNameHint(c.Name) {
				if _, err := t.numericTimes(c); err == nil {
					t.DateColumn = c.Name
					break
				}
			}
		}
	}
	for i := range t.Columns {
		if t.Columns[i].DateLayout == ambiguousLayout {
			t.Columns[i].DateLayout = calendar.KindAB.Describe(false, '/', "")
		}
	}
	return t
}

const ambiguousLayout = "\x00ambiguous"

// classify returns 0 missing, 1 number, 2 date, 3 text for header detection.
func classify(b []byte, np *numParser) int {
	if isMissing(b) {
		return 0
	}
	if _, ok := np.parse(b); ok {
		return 1
	}
	if k, _ := calendar.GuessKind(b); k != calendar.KindNone {
		dp := &calendar.DateParser{Kind: k}
		if k == calendar.KindLayout {
			return 2
		}
		if k == calendar.KindAB {
			if _, ok := dp.Parse(b); ok {
				return 2
			}
			dp.DayFirst = true
		}
		if _, ok := dp.Parse(b); ok {
			return 2
		}
	}
	return 3
}

// detectHeader: the first row is a header when one of its cells is text
// while the cells below it are mostly numbers or dates, or when every row
// is text.
func (p *parser) detectHeader(np *numParser) bool {
	nrec := len(p.lines)
	anyText0, allText0 := false, true
	for _, col := range p.cols {
		k0 := classify(p.cell(col[0]), np)
		if k0 == 3 {
			anyText0 = true
		} else if k0 != 0 {
			allText0 = false
		}
		if k0 != 3 {
			continue
		}
		typed, text := 0, 0
		for r := 1; r < nrec && r < headerRecords; r++ {
			switch classify(p.cell(col[r]), np) {
			case 1, 2:
				typed++
			case 3:
				text++
			}
		}
		if typed > text {
			return true
		}
	}
	if nrec == 1 {
		return anyText0 && allText0
	}
	return anyText0 && allText0
}

// parseColumn infers the type of one column and parses all its cells.
func (p *parser) parseColumn(name string, cells []span, np *numParser, firstCol bool) Column {
	c := Column{Name: name, Missing: p.countMissing(cells)}
	n := len(cells)
	sample := p.sample(cells)
	if len(sample) == 0 {
		c.Type = TypeNumber
		c.Numbers = make([]float64, n)
		for i := range c.Numbers {
			c.Numbers[i] = math.NaN()
		}
		return c
	}
	if allNumbers(sample, np) {
		if nums, ok := p.appendNumbers(make([]float64, 0, n), cells, np, 0, &c.nonFinite); ok {
			c.Type = TypeNumber
			c.Numbers = nums
			p.maybeNumericDate(&c, firstCol)
			return c
		}
	}
	if kind, layout := calendar.GuessKind(sample[0]); kind != calendar.KindNone {
		if times, bad, dayFirst, desc, ok := p.parseDates(cells, kind, layout); ok {
			c.Type = TypeDate
			c.Times = times
			c.DayFirst = dayFirst
			c.DateLayout = desc
			if len(bad) > 0 {
				p.notDates(&c, len(bad), int(p.lines[p.first+bad[0]]), string(p.cell(cells[bad[0]])))
			}
			return c
		}
	}
	c.Type = TypeText
	c.Text = p.appendText(make([]string, 0, n), cells)
	return c
}

// sample returns the first sampleCells non-missing cells, on which a
// column's type is decided.
func (p *parser) sample(cells []span) [][]byte {
	sample := make([][]byte, 0, sampleCells)
	for r := 0; r < len(cells) && len(sample) < sampleCells; r++ {
		if b := p.cell(cells[r]); !isMissing(b) {
			sample = append(sample, b)
		}
	}
	return sample
}

func allNumbers(sample [][]byte, np *numParser) bool {
	for _, b := range sample {
		if _, ok := np.parse(b); !ok {
			return false
		}
	}
	return true
}

// countMissing counts the cells holding a missing token.
func (p *parser) countMissing(cells []span) int {
	n := 0
	for _, s := range cells {
		if isMissing(p.cell(s)) {
			n++
		}
	}
	return n
}

// appendNumbers appends the values of cells to dst, NaN for a missing cell;
// ok is false at the first cell that is not a number. row0 is the data row
// of cells[0]; the first infinite value's row + 1 goes to *nonFinite.
func (p *parser) appendNumbers(dst []float64, cells []span, np *numParser, row0 int, nonFinite *int) (nums []float64, ok bool) {
	for r, s := range cells {
		b := p.cell(s)
		if s.n == 0 || isMissing(b) {
			dst = append(dst, math.NaN())
			continue
		}
		v, good := np.parse(b)
		if !good {
			return dst, false
		}
		if math.IsInf(v, 0) && *nonFinite == 0 {
			*nonFinite = row0 + r + 1
		}
		dst = append(dst, v)
	}
	return dst, true
}

// appendText appends the cells as strings. A cell equal to the one before
// shares its string, so an id column of a long file (the same store on
// every row of its series) costs a string header a row, not a string.
func (p *parser) appendText(dst []string, cells []span) []string {
	for _, s := range cells {
		b := p.cell(s)
		if n := len(dst); n > 0 && dst[n-1] == string(b) {
			dst = append(dst, dst[n-1])
			continue
		}
		dst = append(dst, string(b))
	}
	return dst
}

// notDates records the cells of date column c that are not dates: how
// many, and the first one (its file line and text) in a warning.
func (p *parser) notDates(c *Column, n, line int, cell string) {
	c.NotDates = n
	p.warnings = append(p.warnings, fmt.Sprintf("column %q: %d cells are not dates (first: row %d, %s); their rows are dropped",
		c.Name, n, line, quoteCell(cell)))
}

// maybeNumericDate turns an integer column into a date column when it holds
// years or Unix times and its name (or position and order) says so.
func (p *parser) maybeNumericDate(c *Column, firstCol bool) {
	// Without a name to go by, only the first column of a headerless file
	// is read as years or Unix times, when strictly increasing.
	firstCol = firstCol && !p.header
	lo, hi := math.Inf(1), math.Inf(-1)
	ups, downs := 0, 0
	prev := math.NaN()
	cnt := 0
	for _, v := range c.Numbers {
		if math.IsNaN(v) {
			continue
		}
		if v != math.Trunc(v) || math.IsInf(v, 0) {
			return
		}
		if v > prev {
			ups++
		} else if v < prev {
			downs++
		}
		prev = v
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		cnt++
	}
	if cnt < 2 || c.Missing > 0 {
		return
	}
	// A time index is (nearly) monotone; panel data may repeat values.
	steps := cnt - 1
	increasing := downs == 0 && ups == steps
	if !(downs*10 <= steps || ups*10 <= steps) {
		return
	}
	hint := calendar.DateNameHint(c.Name)
	kind := calendar.KindNone
	switch {
	case lo >= -9999 && hi <= 9999 && (calendar.YearNameHint(c.Name) || firstCol && increasing && lo >= 1000 && hi <= 2999 && hi-lo < float64(cnt)*2):
		kind = calendar.KindYear
	case lo >= 1e8 && hi <= 1e10 && (hint || firstCol && increasing):
		kind = calendar.KindUnixS
	case lo >= 1e11 && hi <= 1e13 && (hint || firstCol && increasing):
		kind = calendar.KindUnixMS
	}
	if kind == calendar.KindNone {
		return
	}
	dp := &calendar.DateParser{Kind: kind}
	c.Times = make([]time.Time, len(c.Numbers))
	for i, v := range c.Numbers {
		c.Times[i] = calendar.NoTime
		if !math.IsNaN(v) {
			c.Times[i] = dp.FromNumber(v)
		}
	}
	c.Type = TypeDate
	c.DateLayout = kind.Describe(false, 0, "")
}

// parseDates parses all cells with the layout family kind. For day/month
// ambiguous layouts it decides the order from the data.
func (p *parser) parseDates(cells []span, kind calendar.DateKind, layout string) ([]time.Time, []int, bool, string, bool) {
	dp := &calendar.DateParser{Kind: kind, Layout: layout}
	var sep byte
	ambiguous := false
	if kind == calendar.KindAB || kind == calendar.KindDotDMY {
		maxA, maxB := 0, 0
		for _, s := range cells {
			b := p.cell(s)
			if isMissing(b) {
				continue
			}
			a, i, ok := calendar.ReadInt(b, 0, 1, 2)
			if !ok || i >= len(b) {
				continue // not a date: parseAll counts it
			}
			sep = b[i]
			bb, _, ok := calendar.ReadInt(b, i+1, 1, 2)
			if !ok {
				continue
			}
			maxA, maxB = max(maxA, a), max(maxB, bb)
		}
		switch {
		case maxA > 12 && maxB > 12:
			return nil, nil, false, "", false
		case p.opt.DayOrder == DayOrderDMY:
			dp.DayFirst = true
		case p.opt.DayOrder == DayOrderMDY:
			dp.DayFirst = false
			if kind == calendar.KindDotDMY {
				kind = calendar.KindAB
				dp.Kind = calendar.KindAB
			}
		case maxA > 12:
			dp.DayFirst = true
		case maxB > 12:
			dp.DayFirst = false
			kind, dp.Kind = calendar.KindAB, calendar.KindAB // 01.31.2006: month first after all
		case kind == calendar.KindDotDMY:
			dp.DayFirst = true
		default:
			// Both readings are valid dates: prefer the one that gives
			// an ordered, regular sequence; truly ambiguous otherwise.
			dp.DayFirst = false
			mf, badM, okM := parseAll(p, cells, dp)
			dp2 := &calendar.DateParser{Kind: calendar.KindAB, DayFirst: true}
			df, badD, okD := parseAll(p, cells, dp2)
			switch {
			case okM && !okD:
				return mf, badM, false, kind.Describe(false, sep, ""), true
			case okD && !okM:
				return df, badD, true, kind.Describe(true, sep, ""), true
			case !okM && !okD:
				return nil, nil, false, "", false
			}
			sm, sd := orderScore(mf), orderScore(df)
			if sd > sm {
				return df, badD, true, kind.Describe(true, sep, ""), true
			}
			if sm == sd {
				ambiguous = true
			}
			if ambiguous {
				return mf, badM, false, ambiguousLayout, true
			}
			return mf, badM, false, kind.Describe(false, sep, ""), true
		}
	}
	times, bad, ok := parseAll(p, cells, dp)
	if !ok {
		return nil, nil, false, "", false
	}
	return times, bad, dp.DayFirst, kind.Describe(dp.DayFirst, sep, layout), true
}

// parseAll parses every cell with dp. A few cells that are not dates
// (a "Total" footer, a stray note: at most 1 % of the cells, at least one
// allowed) become NoTime and are listed in bad; more make it fail.
func parseAll(p *parser, cells []span, dp *calendar.DateParser) (times []time.Time, bad []int, ok bool) {
	times, bad, good, ok := p.appendDates(make([]time.Time, 0, len(cells)), cells, dp, 0, nil, maxNotDates(len(cells)))
	if !ok || !enoughDates(good, len(bad)) {
		return nil, nil, false
	}
	return times, bad, true
}

// maxNotDates is the number of cells that are not dates a date column of n
// cells may have.
func maxNotDates(n int) int { return max(1, n/100) }

// enoughDates: a date column has dates, and twice as many as cells that are not.
func enoughDates(good, bad int) bool { return good >= 2*bad && good > 0 }

// appendDates appends the dates of cells to dst, NoTime for a missing cell
// or one that is not a date; those are appended to bad as data rows (row0
// is the row of cells[0]). ok is false once bad holds more than maxBad.
func (p *parser) appendDates(dst []time.Time, cells []span, dp *calendar.DateParser, row0 int, bad []int, maxBad int) (times []time.Time, badOut []int, good int, ok bool) {
	for r, s := range cells {
		b := p.cell(s)
		if s.n == 0 || isMissing(b) {
			dst = append(dst, calendar.NoTime)
			continue
		}
		t, ok := dp.Parse(b)
		if !ok {
			if bad = append(bad, row0+r); len(bad) > maxBad {
				return dst, bad, good, false
			}
			dst = append(dst, calendar.NoTime)
			continue
		}
		good++
		dst = append(dst, t)
	}
	return dst, bad, good, true
}

// orderScore rates how much a date sequence looks like a time index: steps
// that go forward, plus steps that land on the next point of the inferred
// calendar.
func orderScore(ts []time.Time) int {
	var seq []time.Time
	for _, t := range ts {
		if !calendar.IsNoTime(t) {
			seq = append(seq, t)
		}
	}
	fwd := 0
	for i := 1; i < len(seq); i++ {
		if seq[i].After(seq[i-1]) {
			fwd++
		}
	}
	f := calendar.InferFreq(calendar.SortedUnique(seq))
	reg := 0
	if f.Unit != calendar.FreqNone {
		for i := 1; i < len(seq); i++ {
			if seq[i].Equal(f.Next(seq[i-1], 1)) {
				reg++
			}
		}
	}
	return fwd + reg
}
