// Package sheet reads the table on one sheet of a workbook — .xlsx (Office
// Open XML, with github.com/xuri/excelize/v2) or .ods (OpenDocument, with
// its own small streaming reader of content.xml) — as rows of cells in the
// text a CSV file would hold, with the sheet's row numbers. Package tsdata
// types and parses those cells exactly as it parses a CSV file's, so a
// workbook and the same data saved as CSV give the same Table.
//
// # Which sheet
//
// Options.Sheet names the sheet; a name the workbook does not have is an
// error listing the sheets it has (ErrNoSheet). Without a name the first
// sheet holding a date column and a number column is read (a column of
// numbers named like "year" counts as dates); failing that the first with
// a number column, then the first with anything on it.
//
// # Where the table is on the sheet
//
// Blank rows are left out. The header is the first of the first 50 rows
// whose cells are all text while the rows below keep the types of the first
// of them (dates and numbers in the same columns in at least half of the
// next ten): title and source lines, blank rows and the header above the
// header are skipped, and a single text cell left of or above a wider table
// is a title, not a header. Without such a row the table starts at the
// first non-blank row and has no header. Columns with no cell in the header
// or the data (a margin, a spacer) are left out.
//
// Rows at the end that are not data are skipped and named (Skipped: "row 27
// 'Total' skipped"): with a date column (the first whose cells are mostly
// dates), the last rows whose cell there is not a date — a total, a note, a
// sum without a label; without one, the last rows with text in a column of
// numbers. At most 50 rows and half of the rows are skipped this way.
//
// # Cells
//
// Values are read as stored: a formula cell gives the value the spreadsheet
// saved with it and is never recalculated; a formula that failed (#DIV/0!,
// #N/A, LibreOffice's Err:502 …) is read as missing and counted in a
// warning. Numbers keep their stored digits (the 2 decimals a format shows
// are not applied). A number with a date format is a date: the built-in
// date formats and custom ones with a year, a day or months (times of day
// and durations such as [h]:mm stay numbers). Serial numbers follow the
// workbook's date system: the 1900 system with its 29 February 1900 that
// never was (serial 60, refused: serials below it count from 1899-12-31,
// the others from 1899-12-30), or the 1904 system when the workbook's
// date1904 flag is set; times are kept to the millisecond. ODS cells take
// office:value for numbers, percentages and currencies and
// office:date-value for dates; text is the cell's paragraphs, one a line.
// Dates are written 2006-01-02, with " 15:04:05" when not at midnight.
//
// excelize has no streaming access to a cell's format, so the reader
// rewrites, in the workbook's styles held in memory, every date format as
// a marker text and every other format as General, and streams each sheet
// twice in step: formatted (a date shows the marker) and raw (its serial,
// and every other value as stored). The file is opened read-only and
// never written.
//
// # Memory and progress
//
// Rows are streamed, sheet by sheet, into a compact store: every cell's
// text in one buffer, a cell as an 8-byte span and kind, a row as 8 bytes
// (store.go); a repeated ODS row or cell shares its text. A Table hands
// its cells out by index (Cell, RowNum) and Release drops them once
// package tsdata has parsed them. Options.Progress is told every 4,096
// rows how far the read got — rows of an .xlsx sheet out of the last row
// of its dimension (0 when the writer left none, as excelize's
// StreamWriter does), bytes of an .ods file's content.xml — and an error
// it returns stops the read.
//
// # Limits
//
// A damaged or hostile workbook is refused with an *Error (ErrDamaged,
// ErrEncrypted, ErrTooLarge, ErrNotWorkbook …) and a hint, never a panic:
// an archive that unpacks to more than Options.MaxUnzipped (1 GiB) or has
// more than 10,000 members, more than MaxRows rows or MaxColumns columns
// with data, a cell over MaxCellBytes (a spreadsheet's own limit), more
// than Options.MaxTextBytes of cell text on a sheet (repeats counted).
// excelize unpacks a worksheet or the shared strings over 4 MiB to a
// temporary file rather than memory; the ODS reader streams content.xml,
// and repeated blank rows and cells (number-rows-repeated="1048000") cost
// nothing. FuzzReadODS and FuzzReadXLSX fuzz the two readers; a panic in
// excelize is returned as ErrDamaged. A password-protected .xlsx
// and a legacy .xls are OLE2 files, told apart from a zip so that
// Detect says so.
package sheet
