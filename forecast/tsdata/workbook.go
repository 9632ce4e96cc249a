package tsdata

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/sheet"
)

// Workbook says where in a workbook a Table was read.
type Workbook struct {
	Format    string   // "xlsx" or "ods"
	Sheet     string   // the sheet read
	Sheets    []string // every sheet, in order
	HeaderRow int      // 1-based row of the header; 0 when none was found
	Skipped   []string // rows at the end that are not data: "row 27 'Total' skipped"
}

// workbookExt are the names of workbook files.
var workbookExt = map[string]bool{".xlsx": true, ".xlsm": true, ".ods": true, ".xls": true}

// sniffWorkbook reads the first bytes of f: a zip archive or an OLE2 file
// is read as a workbook (see package sheet) into t, or refused; ok is
// false for a text file, which a warning names when it is called like a
// workbook.
func sniffWorkbook(f *os.File, path string, size int64, opt ReadOptions) (t *Table, ok bool, warn string, err error) {
	name := filepath.Base(path)
	head := make([]byte, 8)
	n, _ := f.ReadAt(head, 0)
	switch sheet.Sniff(head[:n]) {
	case sheet.XLSX:
		t, err := readWorkbook(f, path, size, opt)
		return t, true, "", err
	case sheet.Encrypted:
		return nil, true, "", &InputError{File: name, Msg: "a password-protected workbook, or an old .xls file, not read here",
			Hint: "save it again as .xlsx without a password, or export the sheet as CSV", Err: sheet.ErrEncrypted}
	}
	if ext := strings.ToLower(filepath.Ext(path)); workbookExt[ext] {
		warn = fmt.Sprintf("the file is named %s but holds text, not a workbook; read it as CSV", ext)
	} else if opt.Sheet != "" {
		warn = fmt.Sprintf("the file is CSV text, not a workbook: the sheet %q asked for is ignored", opt.Sheet)
	}
	return nil, false, warn, nil
}

// readWorkbook reads a sheet of a workbook into a Table, as ReadFile reads
// a CSV file: the sheet package finds the sheet, the header and the rows
// that are not data; the cells are then typed and parsed as a CSV file's
// would be (numbers as stored, dates as ISO 8601).
func readWorkbook(f *os.File, path string, size int64, opt ReadOptions) (*Table, error) {
	name := filepath.Base(path)
	st, err := sheet.Read(path, f, size, sheet.Options{Sheet: opt.Sheet, MaxTextBytes: opt.maxBytes()})
	if err != nil {
		var se *sheet.Error
		if errors.As(err, &se) {
			msg := se.Msg
			if se.Sheet != "" {
				msg = fmt.Sprintf("sheet %q: %s", se.Sheet, msg)
			}
			return nil, &InputError{File: name, Row: se.Row, Msg: msg, Hint: se.Hint, Err: se.Err}
		}
		return nil, fmt.Errorf("forecast: %s: %w", name, err)
	}
	t, err := tableFromSheet(st, name, opt)
	if err != nil {
		return nil, err
	}
	wb := &Workbook{Format: st.Format.String(), Sheet: st.Sheet, Sheets: st.Sheets, HeaderRow: st.HeaderRow}
	for _, s := range st.Skipped {
		wb.Skipped = append(wb.Skipped, s.String())
	}
	t.Workbook = wb
	t.Warnings = append(t.Warnings, st.Warnings...)
	return t, nil
}

// tableFromSheet parses a sheet's cells with the CSV reader's typing: the
// cells are laid end to end in one buffer, located by spans, with the
// sheet's row numbers as the lines.
func tableFromSheet(st *sheet.Table, name string, opt ReadOptions) (*Table, error) {
	p := newParser(name, opt)
	dot := false
	p.opt.DecimalComma = &dot
	p.opt.Header = HeaderNo
	records := st.Rows
	lines := st.RowNums
	if st.Header != nil {
		p.opt.Header = HeaderYes
		records = append([][]string{st.Header}, records...)
		lines = append([]int{st.HeaderRow}, lines...)
	}
	if len(records) == 0 || len(records[0]) == 0 {
		return nil, p.errf(0, "", ErrEmptyFile, "choose the sheet that holds the data", "sheet %q has no rows", st.Sheet)
	}
	size := 0
	for _, rec := range records {
		for _, c := range rec {
			size += len(c)
		}
	}
	p.data = make([]byte, 0, size)
	p.cols = make([][]span, len(records[0]))
	for c := range p.cols {
		p.cols[c] = make([]span, 0, len(records))
	}
	p.lines = make([]int32, 0, len(records))
	for k, rec := range records {
		for c, s := range rec {
			s = strings.TrimSpace(s)
			p.cols[c] = append(p.cols[c], span{uint32(len(p.data)), uint32(len(s))})
			p.data = append(p.data, s...)
		}
		p.lines = append(p.lines, int32(lines[k]))
	}
	return p.build()
}
