// Package tsdata reads time series from files a person keeps: CSV in the
// many shapes spreadsheets and databases export, with dates in any common
// form, and turns a column into a clean, regular Series. It knows nothing of
// training or forecasting methods; package forecast and package classic
// take its Series.
//
// # Reading
//
// ReadCSV and ReadFile parse a file into a Table (ReadFile never modifies the
// file). Detected: the delimiter (comma, semicolon, tab, pipe: the one with
// the same count on most of the first 50 lines), a decimal comma (by votes
// over the cells: "1.234,5" and "0,25" vote comma), thousands separators
// ("1,234.5", "1.234,5", "1 234", "1'234"), a header row (a text cell over
// numbers or dates), a UTF-8 BOM, UTF-16 with BOM, Latin-1 (with a warning),
// quoted fields with doubled quotes and newlines, CRLF, blank lines and
// spaces around fields. Missing-value tokens: empty, NA, N/A, #N/A, NaN,
// null, None, "-", "?" and ".".
//
// ReadFile also reads workbooks (.xlsx, .ods, told by their first bytes):
// package sheet finds the sheet (ReadOptions.Sheet), the header below
// title rows and the rows at the end that are not data, and the cells are
// parsed as a CSV file's, so a workbook gives the Table of the same data
// as CSV. Table.Workbook and the Report name the sheet, header row and
// rows skipped; Table.Line gives the sheet's row numbers.
//
// Column types are inferred as number, date or text. Dates: ISO 8601
// (2006-01-02, with a time, RFC 3339 with offset), 2006-01, 2006/01/02,
// 02.01.2006, 01/02/2006 or 02/01/2006 (day order from the data: a first
// field above 12 means day first, a second above 12 month first; otherwise
// the reading that gives an ordered, regular calendar; when both do, month
// first with a warning and Table.DayAmbiguous set; ReadOptions.DayOrder
// overrides), 2006Q1, a few spelled-out layouts (Jan 2006, 02-Jan-2006 …),
// integer years (negative years allowed, astronomical numbering: 0 is 1 BC)
// in a column named like "year", and Unix seconds or milliseconds in a
// column named like a timestamp. The first date column is proposed as
// Table.DateColumn; without one the row index is used.
//
// Failures are *InputError values naming the file, the row (the line
// number in the file, header included), the column, what was expected and
// how to fix it; errors.Is matches the Err* sentinels (ErrEmptyFile,
// ErrHeaderOnly, ErrNoNumericColumn, ErrNotNumber, ErrAllMissing,
// ErrNonFinite, ErrBinaryFile, ErrLineTooLong, ErrTooManyColumns,
// ErrTooShort …). Limits (ReadOptions): 1 MiB per record, 4096 columns,
// 1 GiB per file. The reader never panics (FuzzReadCSV).
//
// Speed: records are cut with bytes.IndexByte into (offset, length) spans
// without per-cell allocations; numbers take an exact fast path (Clinger:
// ≤ 15 digits, exact power of ten) before strconv; ISO dates are parsed
// from their digits with a civil-day computation rather than time.Parse.
// BenchmarkReadCSV1M and scripts/bench_pandas.py compare a
// 1,000,000-row "date,value" file (27 MB, hourly "2006-01-02 15:04:05"
// timestamps) with pandas.read_csv(parse_dates=[0]):
//
//	FORECAST_BENCH_CSV=/tmp/bench1m.csv go test ./forecast/tsdata/ -run '^$' -bench ReadCSV1M -benchtime 5x
//	/usr/bin/python3 scripts/bench_pandas.py /tmp/bench1m.csv
//
// On the shared 2-core development VM (2026-11-25, Go 1.26, Debian pandas
// 1.5.3, runs alternated under the same load): ReadFile 0.21–0.39 s,
// ReadFile+Series 0.19–0.64 s, pandas best of 5 1.26–2.96 s; pandas/Go
// ratio 3.9–9.0 for the import, ≥ 2.5 including the series cleaning.
//
// # Memory
//
// A file of up to 5 MiB is read whole. ReadFile reads a larger one in 4 MiB
// pieces: the delimiter, decimal separator, header and column types are
// decided on the first piece as they would be on the whole file, and each
// piece's cells are parsed straight into the columns, so a read takes the
// memory of the Table it returns, not of the text: per row 4 bytes of line
// number, 8 a number column, 24 a date column (a time.Time), a string for
// text. Files whose first piece cannot decide (a column with fewer than 64
// values in it, dates like 01/02/2006 whose day order the whole column
// decides), files that need their whole text (Latin-1, UTF-16, lone-CR line
// endings) and files with an error are read whole instead, to the same
// Table or error. Table.Series copies only what it changes: for rows in
// time order with no missing value (the usual export) the Series' times and
// values are the Table's arrays.
//
// BenchmarkReadCSV1M reports the bytes allocated (alloc-B/row) and kept
// (kept-B/row) a row of its 27-byte-a-row file: ReadFile 46 and 37,
// ReadFile+Series 46 and 37 (reading whole: 80 and 136 allocated). On the
// development VM, `forecaster inspect` peaks at 216 MB RSS on a 133 MB,
// 5,000,000-row "time,value" file of minutes, and at 1.31 GB on a 964 MB,
// 36,150,000-row one, the size of the columns kept (read whole, 685 MB and
// 4.79 GB).
//
// # Series
//
// Table.Series extracts a Series for a SeriesSpec (date column, value
// column, covariates, missing-value policy) and a Report. Rows are sorted
// by time (out-of-order rows counted), duplicate timestamps keep the last
// row in file order (counted), the frequency is inferred (InferFreq: the
// most common step in seconds, minutes, hours, days, business days, weeks,
// months, quarters or years, with multiples and month-end anchoring), and
// missing steps of that calendar are inserted and filled like missing
// values: linear interpolation (default), forward fill, or dropped.
// Business-day data is not padded with weekends. Freq.Next gives future
// timestamps on the series' own calendar; Freq.SeasonalPeriod the usual
// season (months 12, quarters 4, days 7, business days 5, hours 24, weeks
// 52, years 1). A Series never holds NaN or ±Inf.
//
// Report is the JSON of `forecaster inspect -json` and what the window's
// Data tab shows; Report.Text is its human-readable form. Series.Head cuts
// a series at an earlier point (rolling origins).
//
// # Invariants
//
// The reader never modifies the file and never panics; a Series never holds
// NaN or ±Inf; Series.Head shares its arrays with the series it cuts, and a
// Series may share its times, values and covariates with the Table it came
// from: neither is written to once made.
package tsdata
