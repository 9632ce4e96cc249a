package tsdata

import (
	"bytes"
	"io"
	"time"
	"unicode/utf8"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// A large file is read in pieces rather than whole (readStream): the
// delimiter, the decimal separator, the header and each column's type are
// decided on the first piece exactly as on the whole file, then every piece
// is cut into records and its cells parsed straight into the columns, so
// the file's text and the cells' spans are never all in memory. Whatever
// the first piece cannot decide alone, and whatever the whole-file reader
// would treat specially, sends the file to the whole-file reader, read
// again from the start: text that is not UTF-8 (Latin-1, UTF-16), lone-CR
// line endings, dates whose day order is read from the whole column
// (01/02/2006, 02.01.2006), a column whose type changes after the first
// piece or gains a column, a column with fewer than sampleCells values in
// the first piece, and every error (so errors are the whole-file reader's,
// word for word). The Table is the same either way.

// streamSizes are the pieces of a streamed read.
type streamSizes struct {
	first int // bytes of the first piece, on which everything is decided
	piece int // bytes read for each later piece
}

// defaultStream reads 4 MiB at a time: the first piece holds some 150,000
// records of a date,value file.
var defaultStream = streamSizes{first: 4 << 20, piece: 4 << 20}

// maxStreamLine: with longer records allowed (ReadOptions.MaxLineBytes) a
// file is read whole; a piece holds a whole record past its end.
const maxStreamLine = 16 << 20

// streams reports whether ReadFile reads a file of size bytes in pieces.
func (sz streamSizes) streams(size int64, opt ReadOptions) bool {
	line := opt.MaxLineBytes
	if line <= 0 {
		line = DefaultMaxLineBytes
	}
	return line <= maxStreamLine && size > int64(sz.first+line+2)
}

// colStream parses one column piece by piece, as the type decided on the
// first piece.
type colStream struct {
	c        Column
	np       *numParser           // TypeNumber
	dp       *calendar.DateParser // TypeDate
	bad      []int                // TypeDate: rows that are not dates
	good     int                  // TypeDate: rows that are dates
	maxBad   int                  // TypeDate: beyond this many bad rows the column cannot be dates
	badLine  int                  // file line and text of the first bad row
	badCell  string
	firstCol bool
}

// readStream parses CSV from r in pieces; size is the expected length of
// the file (a hint for the capacities). ok is false when the file must be
// read whole instead (see above): r has then been read from, in part or to
// the end, and nothing is returned.
func readStream(r io.Reader, name string, opt ReadOptions, size int64, sz streamSizes) (t *Table, ok bool) {
	p := newParser(name, opt)
	if p.maxLine > maxStreamLine {
		return nil, false
	}
	// A record that starts before the last window bytes of a piece ends
	// in it, unless it is longer than a line may be (then split stops).
	window := p.maxLine + 2
	buf := make([]byte, 0, max(sz.first, sz.piece)+window)
	limitBytes := opt.maxBytes()
	var total int64
	eof := false
	fill := func(target int) bool {
		for len(buf) < target && !eof {
			n, err := r.Read(buf[len(buf):target])
			buf = buf[:len(buf)+n]
			if total += int64(n); total > limitBytes {
				return false
			}
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return false
			}
		}
		return true
	}
	if !fill(sz.first+window) || eof {
		return nil, false
	}
	// The start of the file: the whole-file reader's decode and delimiter
	// detection, for a UTF-8 file with LF or CRLF line endings.
	switch {
	case len(buf) >= 2 && (buf[0] == 0xFF && buf[1] == 0xFE || buf[0] == 0xFE && buf[1] == 0xFF):
		return nil, false // UTF-16
	case bytes.HasPrefix(buf, []byte{0xEF, 0xBB, 0xBF}):
		buf = buf[:copy(buf, buf[3:])]
	}
	if p.checkText(buf[:min(len(buf), textHead)]) != nil {
		return nil, false
	}
	if i := bytes.IndexAny(buf, "\r\n"); i < 0 || buf[i] == '\r' && (i+1 == len(buf) || buf[i+1] != '\n') {
		return nil, false // lone-CR line endings, or no line end in sight
	}
	if opt.Delimiter != 0 {
		if !validDelimiter(opt.Delimiter) {
			return nil, false
		}
		p.delim = byte(opt.Delimiter)
	} else {
		var all bool
		if p.delim, all = detectDelimiter(buf); !all {
			return nil, false
		}
	}

	var cols []*colStream
	valid := 0 // buf[:valid] is known to be UTF-8
	for {
		p.data, p.more = buf, !eof
		limit, upto := len(buf), len(buf)
		if !eof {
			limit -= window
			upto = max(valid, bytes.LastIndexByte(buf, '\n')+1)
		}
		// Records end at a newline, which is never inside a UTF-8
		// sequence: the file is UTF-8 if every piece up to its last
		// newline is.
		if !utf8.Valid(buf[valid:upto]) {
			return nil, false
		}
		valid = upto
		if p.split(limit) != nil {
			return nil, false
		}
		skip := 0
		if cols == nil {
			if cols = p.planColumns(size); cols == nil {
				return nil, false
			}
			skip = p.first
		} else if len(p.cols) != len(cols) {
			return nil, false // a column appeared after the first piece
		}
		row0 := p.base + skip - p.first // data row of the piece's first cell
		for ci, cs := range cols {
			if !cs.add(p, p.cols[ci][skip:], row0) {
				return nil, false
			}
		}
		if eof {
			break
		}
		// The unsplit tail moves to the front; the next piece is read after it.
		buf = buf[:copy(buf, buf[p.pos:])]
		valid -= p.pos
		p.pos = 0
		p.base = len(p.lines)
		for ci := range p.cols {
			p.cols[ci] = p.cols[ci][:0]
		}
		if !fill(sz.piece + window) {
			return nil, false
		}
	}
	columns := make([]Column, len(cols))
	for ci, cs := range cols {
		if !cs.finish(p) {
			return nil, false
		}
		columns[ci] = cs.c
	}
	p.lines = trimCap(p.lines)
	return p.table(columns, cols[0].np), true
}

// planColumns makes the decisions of the whole-file reader on the first
// piece, or returns nil when the piece is too small to make them as on the
// whole file: fewer than headerRecords records, fewer than decimalCells
// non-empty cells in a column (when the decimal separator is detected),
// fewer than sampleCells values in a column, or dates whose day order the
// whole column decides. size (the file's length) sizes the columns.
func (p *parser) planColumns(size int64) []*colStream {
	nrec := len(p.lines)
	if nrec < headerRecords || len(p.cols) == 0 {
		return nil
	}
	if p.opt.DecimalComma == nil {
		for _, col := range p.cols {
			k := 0
			for r := 0; r < len(col) && k < decimalCells; r++ {
				if col[r].n > 0 {
					k++
				}
			}
			if k < decimalCells {
				return nil
			}
		}
	}
	np, names := p.decide()
	// Rows expected in the file, from the bytes per record so far: the
	// capacity of the lines and columns (trimmed at the end if too large).
	est := int(float64(size)*float64(nrec)/float64(max(p.pos, 1))*1.02) + 64
	p.lines = append(make([]int32, 0, est), p.lines...)
	cols := make([]*colStream, len(p.cols))
	for ci, col := range p.cols {
		cells := col[p.first:]
		sample := p.sample(cells)
		if len(sample) < sampleCells {
			return nil
		}
		cs := &colStream{c: Column{Name: names[ci]}, np: np, firstCol: ci == 0}
		switch kind, layout := calendar.GuessKind(sample[0]); {
		case allNumbers(sample, np):
			cs.c.Type = TypeNumber
			cs.c.Numbers = make([]float64, 0, est)
		case kind == calendar.KindAB || kind == calendar.KindDotDMY:
			return nil // day or month first: decided on the whole column
		case kind != calendar.KindNone:
			cs.c.Type = TypeDate
			cs.dp = &calendar.DateParser{Kind: kind, Layout: layout}
			cs.c.DateLayout = kind.Describe(false, 0, layout)
			cs.c.Times = make([]time.Time, 0, est)
			// A file of size bytes has at most size/2+1 records.
			cs.maxBad = maxNotDates(int(size/2) + 1)
		default:
			cs.c.Type = TypeText
			cs.c.Text = make([]string, 0, est)
		}
		cols[ci] = cs
	}
	return cols
}

// add parses the cells of one piece, data rows row0 on; false when the
// column turns out not to be of its type.
func (cs *colStream) add(p *parser, cells []span, row0 int) bool {
	c := &cs.c
	c.Missing += p.countMissing(cells)
	var ok bool
	switch c.Type {
	case TypeNumber:
		c.Numbers, ok = p.appendNumbers(c.Numbers, cells, cs.np, row0, &c.nonFinite)
		return ok
	case TypeDate:
		had := len(cs.bad)
		var good int
		c.Times, cs.bad, good, ok = p.appendDates(c.Times, cells, cs.dp, row0, cs.bad, cs.maxBad)
		cs.good += good
		if had == 0 && len(cs.bad) > 0 {
			r := cs.bad[0]
			cs.badLine, cs.badCell = int(p.lines[p.first+r]), string(p.cell(cells[r-row0]))
		}
		return ok
	}
	c.Text = p.appendText(c.Text, cells)
	return true
}

// finish completes the column as parseColumn would; false when its dates
// are too few.
func (cs *colStream) finish(p *parser) bool {
	c := &cs.c
	switch c.Type {
	case TypeNumber:
		c.Numbers = trimCap(c.Numbers)
		p.maybeNumericDate(c, cs.firstCol)
	case TypeDate:
		if len(cs.bad) > maxNotDates(len(c.Times)) || !enoughDates(cs.good, len(cs.bad)) {
			return false
		}
		c.Times = trimCap(c.Times)
		if len(cs.bad) > 0 {
			p.notDates(c, len(cs.bad), cs.badLine, cs.badCell)
		}
	default:
		c.Text = trimCap(c.Text)
	}
	return true
}

// trimCap returns s in an array of its length when s leaves more than 1/16
// of its array unused (the capacities come from an estimate of the rows).
func trimCap[T any](s []T) []T {
	if cap(s)-len(s) <= len(s)/16 {
		return s
	}
	return append(make([]T, 0, len(s)), s...)
}
