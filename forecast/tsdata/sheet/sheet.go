package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// Format is the kind of workbook a file holds.
type Format int

const (
	NotWorkbook Format = iota // not a workbook: read the file as text
	XLSX                      // Office Open XML workbook (.xlsx, .xlsm)
	ODS                       // OpenDocument spreadsheet (.ods)
	Encrypted                 // an OLE2 compound file: a password-protected .xlsx or a legacy .xls
)

func (f Format) String() string {
	switch f {
	case XLSX:
		return "xlsx"
	case ODS:
		return "ods"
	case Encrypted:
		return "encrypted or legacy workbook"
	}
	return "text"
}

// Magic numbers of the formats: a zip archive, an OLE2 compound file.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// sniff tells from the first bytes of a file whether it is a zip archive
// (XLSX here: Read looks inside and may find an ODS or no workbook), an
// OLE2 compound file (Encrypted), or neither (NotWorkbook).
func sniff(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return XLSX
	case bytes.HasPrefix(head, oleMagic):
		return Encrypted
	}
	return NotWorkbook
}

// workbookExt are the names of workbook files.
var workbookExt = map[string]bool{".xlsx": true, ".xlsm": true, ".ods": true, ".xls": true}

// Detect decides from the first bytes of the file at path whether it is a
// workbook to Read (book), or text; warn names text called like a workbook
// (book.xlsx holding CSV) or a sheet asked of a text file. An OLE2 file, a
// password-protected .xlsx or a legacy .xls, is refused (ErrEncrypted).
func Detect(head []byte, path, sheet string) (book bool, warn string, err error) {
	switch sniff(head) {
	case XLSX:
		return true, "", nil
	case Encrypted:
		return true, "", &Error{Msg: "a password-protected workbook, or an old .xls file, not read here",
			Hint: "save it again as .xlsx without a password, or export the sheet as CSV", Err: ErrEncrypted}
	}
	if ext := strings.ToLower(filepath.Ext(path)); workbookExt[ext] {
		return false, fmt.Sprintf("the file is named %s but holds text, not a workbook; read it as CSV", ext), nil
	}
	if sheet != "" {
		return false, fmt.Sprintf("the file is CSV text, not a workbook: the sheet %q asked for is ignored", sheet), nil
	}
	return false, "", nil
}

// Summary writes where in a workbook a table was read, as two report lines:
//
//	sheet:       Passengers (xlsx; sheets Notes, Passengers, Chart)
//	rows:        144 (header in row 4; row 149 'Total' skipped)
func Summary(format, sheet string, sheets []string, rows, headerRow int, skipped []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "sheet:       %s (%s", sheet, format)
	if len(sheets) > 1 {
		fmt.Fprintf(&b, "; sheets %s", strings.Join(sheets, ", "))
	}
	fmt.Fprintf(&b, ")\nrows:        %d (", rows)
	if headerRow > 0 {
		fmt.Fprintf(&b, "header in row %d", headerRow)
	} else {
		b.WriteString("no header row")
	}
	for _, s := range skipped {
		b.WriteString("; " + s)
	}
	b.WriteString(")\n")
	return b.String()
}

// Options adjusts Read. The zero value takes the defaults.
type Options struct {
	// Sheet names the sheet to read; "" takes the first sheet that holds a
	// date column and a number column.
	Sheet string
	// MaxUnzipped bounds the total size of the archive's members once
	// unpacked (0 = DefaultMaxUnzipped); MaxTextBytes the text of the
	// cells kept (0 = DefaultMaxTextBytes).
	MaxUnzipped  int64
	MaxTextBytes int64
	// Progress, when set, is called every progressRows rows of the sheet
	// being read: rows of an .xlsx sheet (total from its dimension; 0 when
	// it has none), bytes of an .ods file's content. An error it returns
	// stops the read and is returned as it is.
	Progress func(done, total int64) error
}

// progressRows is how often Options.Progress is called.
const progressRows = 4096

// Default limits of Options, and the fixed limits of a sheet.
const (
	DefaultMaxUnzipped  = 1 << 30 // 1 GiB
	DefaultMaxTextBytes = 1 << 30
	MaxRows             = 1 << 20 // as many rows as Excel allows
	MaxColumns          = 4096    // as many columns as the CSV reader allows
	MaxCellBytes        = 32767   // Excel's limit on the text of one cell
	maxMembers          = 10000   // members of the zip archive
	headerScan          = 50      // rows searched for the header
	typeScan            = 10      // data rows that confirm a header
	maxFooter           = 50      // trailing rows a footer may have
)

func (o Options) maxUnzipped() int64 {
	if o.MaxUnzipped > 0 {
		return o.MaxUnzipped
	}
	return DefaultMaxUnzipped
}

func (o Options) maxText() int64 {
	if o.MaxTextBytes > 0 {
		return min(o.MaxTextBytes, maxStoreText)
	}
	return DefaultMaxTextBytes
}

// cellKind is the type of a cell as the header and footer detection sees it.
type cellKind uint8

const (
	kindEmpty cellKind = iota
	kindText
	kindNumber // a number, or text that reads as one
	kindDate   // a date-formatted number, a date value, or text that reads as a date
)

// sheetCell is one cell: its kind and its text as a CSV file would hold it:
// numbers as stored (the shortest decimal that reads back to the same
// float64), dates in ISO 8601 (2006-01-02, with " 15:04:05" when the
// time is not midnight).
type sheetCell struct {
	kind cellKind
	text string
}

// Table is the table found on one sheet of a workbook.
type Table struct {
	Format    Format
	Sheet     string    // the sheet read
	Sheets    []string  // every sheet of the workbook, in order
	HeaderRow int       // 1-based row of the header; 0 when no row looked like one
	Header    []string  // column names ("" when the header cell is empty)
	Skipped   []Skipped // rows at the end that are not data (a total, a note)
	Warnings  []string

	data     *store // the sheet's non-blank rows; nil once released
	first, n int    // the table's rows are data's first to first+n-1
	cols     []int  // the sheet's columns the table's are
}

// Len is the number of data rows (0 once released).
func (t *Table) Len() int {
	if t.data == nil {
		return 0
	}
	return t.n
}

// Width is the number of columns.
func (t *Table) Width() int { return len(t.cols) }

// RowNum is the sheet's 1-based number of data row k.
func (t *Table) RowNum(k int) int { return t.data.num(t.first + k) }

// Cell is the text of column i of data row k, as a CSV file would hold it
// ("" when empty). It points into the reader's buffer: copy what you keep.
func (t *Table) Cell(k, i int) []byte { return t.data.bytes(t.first+k, t.cols[i]) }

// Release drops the rows, once they were parsed: the rest (the sheet, the
// header, the skipped rows) is what an import report shows.
func (t *Table) Release() { t.data = nil }

// SkippedRows returns the skipped rows as "row 27 'Total' skipped".
func (t *Table) SkippedRows() []string {
	out := []string{}
	for _, s := range t.Skipped {
		out = append(out, s.String())
	}
	return out
}

// Skipped is a row left out of the data: its number and its first text.
type Skipped struct {
	Row  int
	Text string
}

// String returns e.g. "row 27 'Total' skipped".
func (s Skipped) String() string {
	if s.Text == "" {
		return fmt.Sprintf("row %d skipped", s.Row)
	}
	return fmt.Sprintf("row %d %s skipped", s.Row, quote(s.Text))
}

// quote puts a cell's text in single quotes, cut to 40 bytes on a rune
// boundary, with control characters escaped.
func quote(s string) string {
	const n = 40
	if len(s) > n {
		cut := n
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	q := strconv.Quote(s)
	return "'" + strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`) + "'"
}

// Read reads the table of one sheet of the workbook in r (size bytes,
// named path: excelize opens .xlsx files by name, read-only). It never
// writes to the file. See the package documentation for how the sheet,
// the header and the skipped rows are found.
func Read(path string, r io.ReaderAt, size int64, opt Options) (t *Table, err error) {
	defer func() {
		// excelize parses what a hostile file holds; a panic there is a
		// damaged workbook to the user, not a crash.
		if p := recover(); p != nil {
			t, err = nil, damaged(fmt.Sprint("the reader failed: ", p))
		}
	}()
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, damaged("not a readable zip archive (" + err.Error() + ")")
	}
	if len(zr.File) > maxMembers {
		return nil, damaged(fmt.Sprintf("the archive has %d members (at most %d)", len(zr.File), maxMembers))
	}
	var total uint64
	format := NotWorkbook
	for _, f := range zr.File {
		total += f.UncompressedSize64
		switch f.Name {
		case "xl/workbook.xml":
			format = XLSX
		case "content.xml":
			if format == NotWorkbook {
				format = ODS
			}
		}
	}
	if total > uint64(opt.maxUnzipped()) {
		return nil, &Error{Msg: fmt.Sprintf("the workbook unpacks to %d MiB, more than the %d MiB allowed", total>>20, opt.maxUnzipped()>>20),
			Hint: "save the sheet you need as CSV, or split the workbook", Err: ErrTooLarge}
	}
	p := &picker{want: opt.Sheet, budget: opt.maxText(), progress: opt.Progress}
	switch format {
	case XLSX:
		err = readXLSX(path, opt, p)
	case ODS:
		err = readODS(zr, p)
	default:
		return nil, &Error{Msg: "a zip archive, but not a workbook (no xl/workbook.xml or content.xml inside)",
			Hint: "choose an .xlsx, .ods or CSV file", Err: ErrNotWorkbook}
	}
	if err != nil {
		return nil, err
	}
	if t, err = p.result(); err != nil {
		return nil, err
	}
	t.Format = format
	return t, nil
}
