package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xmlInMemory is the size above which excelize unpacks a worksheet or the
// shared strings to a temporary file instead of memory.
const xmlInMemory = 4 << 20

// dateMark is what a date-formatted number reads as once markDates has
// given every date format this text as its format (a text cell shows its
// text, so only a number that shows it is a date; short, as excelize
// parses the format of every cell it formats).
const dateMark = "D"

// readXLSX reads the sheets of the .xlsx file at path that p asks for.
// Values are read as stored: a formula cell gives the value the
// spreadsheet saved with it, never a recalculation.
func readXLSX(path string, opt Options, p *picker) error {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: opt.maxUnzipped(), UnzipXMLSizeLimit: min(xmlInMemory, opt.maxUnzipped())})
	if err != nil {
		return xlsxError(err)
	}
	defer f.Close()
	props, err := f.GetWorkbookProps()
	if err != nil {
		return xlsxError(err)
	}
	date1904 := props.Date1904 != nil && *props.Date1904
	if err := markDates(f); err != nil {
		return xlsxError(err)
	}
	for _, name := range f.GetSheetList() {
		if !p.add(name) {
			continue
		}
		rows, err := xlsxRows(f, name, date1904, p)
		if err != nil {
			return err
		}
		p.offer(name, rows)
	}
	return nil
}

// xlsxError turns excelize's errors into the package's.
func xlsxError(err error) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return &Error{Msg: "the workbook is password-protected or not in a format read here",
			Hint: "save it again without a password as .xlsx, or export the sheet as CSV", Err: ErrEncrypted}
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return &Error{Msg: "the workbook unpacks to more than the size allowed", Hint: "save the sheet you need as CSV", Err: ErrTooLarge}
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum):
		return damaged(err.Error())
	}
	var se *Error
	if errors.As(err, &se) {
		return se
	}
	return damaged(err.Error())
}

// markDates gives every cell format with a date format (see isDateFormat)
// the format dateMark, and every other the General format, in the
// workbook's styles held in memory (the file is never written): a streamed
// row read with formatting then says which numbers are dates, and a row
// read raw gives their serial numbers and every other number as stored.
func markDates(f *excelize.File) error {
	if f.Styles == nil || f.Styles.CellXfs == nil {
		return nil
	}
	custom := map[int]string{}
	if f.Styles.NumFmts != nil {
		for _, nf := range f.Styles.NumFmts.NumFmt {
			if nf != nil {
				custom[nf.NumFmtID] = nf.FormatCode
			}
		}
	}
	n := len(f.Styles.CellXfs.Xf)
	isDate := make([]bool, n)
	any := false
	for i, xf := range f.Styles.CellXfs.Xf {
		if xf.NumFmtID != nil {
			isDate[i] = isDateFormat(*xf.NumFmtID, custom[*xf.NumFmtID])
			any = any || isDate[i]
		}
	}
	code := `"` + dateMark + `"`
	mark := 0
	if any {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return err
		}
		if id >= len(f.Styles.CellXfs.Xf) || f.Styles.CellXfs.Xf[id].NumFmtID == nil {
			return errors.New("sheet: no format for the date mark")
		}
		mark = *f.Styles.CellXfs.Xf[id].NumFmtID
	}
	general := 0
	for i := 0; i < n; i++ {
		if isDate[i] {
			f.Styles.CellXfs.Xf[i].NumFmtID = &mark
		} else {
			f.Styles.CellXfs.Xf[i].NumFmtID = &general
		}
	}
	return nil
}

// isDateFormat reports whether number format id (with code, for a custom
// one) shows a date: the built-in date formats (14–17, 22, and the East
// Asian 27–36 and 50–58), or a code that, outside quotes, escapes and
// brackets, has a year or day, or months without hours or seconds.
// Times of day and durations ([h]:mm) stay numbers.
func isDateFormat(id int, code string) bool {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return true
	case id < 164:
		return false
	}
	code, _, _ = strings.Cut(code, ";")
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			if strings.Trim(strings.ToLower(code[i+1:i+j]), "hms") == "" {
				b.WriteByte('h') // elapsed time, [h]:mm: a duration
			}
			i += j
		default:
			b.WriteByte(c | 0x20)
		}
	}
	s := b.String()
	if strings.ContainsAny(s, "yd") {
		return true
	}
	return strings.Contains(s, "m") && !strings.ContainsAny(s, "hs")
}

// errorValues are the values a formula that failed stores.
var errorValues = map[string]bool{"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true,
	"#NAME?": true, "#NUM!": true, "#N/A": true, "#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true}

// xlsxRows streams the non-blank rows of sheet name twice in step: raw
// values and marked formats (see markDates).
func xlsxRows(f *excelize.File, name string, date1904 bool, p *picker) (*store, error) {
	raw, err := f.Rows(name)
	if err != nil {
		return nil, xlsxError(err)
	}
	defer raw.Close()
	fm, err := f.Rows(name)
	if err != nil {
		return nil, xlsxError(err)
	}
	defer fm.Close()
	rows := newStore()
	var cells []sheetCell
	total := xlsxRowCount(f, name, p)
	for num := 1; raw.Next(); num++ {
		if err := p.tell(num, int64(num), total); err != nil {
			return nil, err
		}
		fm.Next()
		if num > MaxRows {
			return nil, &Error{Sheet: name, Msg: fmt.Sprintf("more than %d rows", MaxRows), Err: ErrTooLarge}
		}
		rv, err := raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, xlsxError(err)
		}
		fv, err := fm.Columns()
		if err != nil {
			return nil, xlsxError(err)
		}
		if cells, err = xlsxCells(cells[:0], rv, fv, date1904, name, num, p); err != nil {
			return nil, err
		}
		rows.push(num, cells)
	}
	if err := raw.Error(); err != nil {
		return nil, xlsxError(err)
	}
	return rows, nil
}

// xlsxRowCount is the last row of sheet name's dimension (the range its
// cells span, written at the head of the sheet), for progress: 0 when
// progress is not asked for or the sheet has no dimension.
func xlsxRowCount(f *excelize.File, name string, p *picker) int64 {
	if p.progress == nil {
		return 0
	}
	ref, err := f.GetSheetDimension(name)
	if err != nil {
		return 0
	}
	_, last, _ := strings.Cut(ref, ":")
	if _, row, err := excelize.CellNameToCoordinates(last); err == nil && row > 1 {
		return int64(row)
	}
	return 0
}

// xlsxCells appends to cells those of one row from its raw values rv and
// marked formats fv; none for a blank row.
func xlsxCells(cells []sheetCell, rv, fv []string, date1904 bool, name string, num int, p *picker) ([]sheetCell, error) {
	for len(rv) > 0 && rv[len(rv)-1] == "" {
		rv = rv[:len(rv)-1]
	}
	if len(rv) == 0 {
		return cells, nil
	}
	if len(rv) > MaxColumns {
		return nil, &Error{Sheet: name, Row: num, Msg: fmt.Sprintf("more than %d columns", MaxColumns),
			Hint: "remove the columns you do not need, or save them as CSV", Err: ErrTooLarge}
	}
	cells = slices.Grow(cells[:0], len(rv))[:len(rv)]
	clear(cells)
	for c, s := range rv {
		switch {
		case s == "":
			continue
		case errorValues[s]:
			p.errCells++
			continue
		}
		if err := p.spend(name, num, len(s)); err != nil {
			return nil, err
		}
		if c < len(fv) && fv[c] == dateMark {
			if v, err := strconv.ParseFloat(s, 64); err == nil {
				if t, ok := serialTime(v, date1904); ok {
					cells[c] = sheetCell{kind: kindDate, text: isoText(t)}
					continue
				}
			}
		}
		cells[c] = sheetCell{kind: classText(s), text: s}
	}
	return cells, nil
}
