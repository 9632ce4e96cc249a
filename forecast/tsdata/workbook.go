package tsdata

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/sheet"
)

// readWorkbook reads the first bytes of f (see sheet.Detect) and, for a
// workbook (book), the Table of one of its sheets: package sheet finds
// the sheet, the header and the rows that are not data, and the cells are
// typed and parsed as a CSV file's (numbers as stored, dates as ISO 8601).
// For text, warn is what sheet.Detect says of it.
func readWorkbook(f *os.File, path string, size int64, opt ReadOptions) (t *Table, book bool, warn string, err error) {
	head := make([]byte, 8)
	n, _ := f.ReadAt(head, 0)
	name := filepath.Base(path)
	if book, warn, err = sheet.Detect(head[:n], path, opt.Sheet); !book || err != nil {
		return nil, book, warn, inputError(name, err)
	}
	st, err := sheet.Read(path, f, size, sheet.Options{Sheet: opt.Sheet, MaxTextBytes: opt.maxBytes(), Progress: opt.Progress})
	var se *sheet.Error
	if err != nil && !errors.As(err, &se) {
		return nil, true, "", fmt.Errorf("forecast: reading stopped: %w", err) // by Progress
	}
	if err != nil {
		return nil, true, "", inputError(name, err)
	}
	if t, err = tableFromSheet(st, name, opt); err != nil {
		return nil, true, "", err
	}
	t.Warnings = append(t.Warnings, st.Warnings...)
	st.Release() // parsed into t
	t.Workbook = st
	return t, true, "", nil
}

// inputError gives a sheet.Error the file's name, as an *InputError.
func inputError(name string, err error) error {
	var se *sheet.Error
	if !errors.As(err, &se) {
		return err
	}
	msg := se.Msg
	if se.Sheet != "" {
		msg = fmt.Sprintf("sheet %q: %s", se.Sheet, msg)
	}
	return &InputError{File: name, Row: se.Row, Msg: msg, Hint: se.Hint, Err: se.Err}
}

// tableFromSheet parses a sheet's cells with the CSV reader's typing: the
// cells are laid end to end in one buffer, located by spans, with the
// sheet's row numbers as the lines.
func tableFromSheet(st *sheet.Table, name string, opt ReadOptions) (*Table, error) {
	p, dot := newParser(name, opt), false
	p.opt.DecimalComma, p.opt.Header = &dot, HeaderNo
	rows := st.Len()
	if st.Header != nil {
		p.opt.Header = HeaderYes
		rows++
	}
	if rows == 0 || st.Width() == 0 {
		return nil, p.errf(0, "", ErrEmptyFile, "choose the sheet that holds the data", "sheet %q has no rows", st.Sheet)
	}
	p.cols = make([][]span, st.Width())
	for c := range p.cols {
		p.cols[c] = make([]span, 0, rows)
	}
	p.lines = make([]int32, 0, rows)
	add := func(c int, b []byte) {
		b = bytes.TrimSpace(b)
		p.cols[c] = append(p.cols[c], span{uint32(len(p.data)), uint32(len(b))})
		p.data = append(p.data, b...)
	}
	if st.Header != nil {
		for c, h := range st.Header {
			add(c, []byte(h))
		}
		p.lines = append(p.lines, int32(st.HeaderRow))
	}
	for k := range st.Len() {
		for c := range st.Width() {
			add(c, st.Cell(k, c))
		}
		p.lines = append(p.lines, int32(st.RowNum(k)))
	}
	return p.build()
}
