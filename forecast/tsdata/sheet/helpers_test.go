package sheet

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// fixture is the path of a workbook written by scripts/sheetfixtures.
func fixture(name string) string { return filepath.Join("..", "testdata", name) }

// readPath reads the workbook at path with opt.
func readPath(t testing.TB, path string, opt Options) (*Table, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return Read(path, f, fi.Size(), opt)
}

// zipFile writes a zip archive of the named members (in order) to a file
// in a temporary directory and returns its path.
func zipFile(t testing.TB, name string, members ...[2]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, zipBytes(t, members...), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func zipBytes(t testing.TB, members ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// odsContent wraps table XML in an OpenDocument content.xml.
func odsContent(tables string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>` +
		tables + `</office:spreadsheet></office:body></office:document-content>`
}

// odsFile writes an .ods holding the given tables.
func odsFile(t testing.TB, tables string) string {
	t.Helper()
	return zipFile(t, "book.ods", [2]string{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		[2]string{"content.xml", odsContent(tables)})
}

// xlsxRaw writes a minimal .xlsx whose one sheet "S" holds sheetData (the
// XML inside <sheetData>), for cells excelize has no setter for.
func xlsxRaw(t testing.TB, sheetData string) string {
	t.Helper()
	return zipFile(t, "raw.xlsx",
		[2]string{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		[2]string{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		[2]string{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		[2]string{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		[2]string{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData></worksheet>`},
	)
}

// rowsOf is the table's data rows as text.
func rowsOf(t *Table) [][]string {
	out := [][]string{}
	for k := range t.Len() {
		r := make([]string, t.Width())
		for i := range r {
			r[i] = string(t.Cell(k, i))
		}
		out = append(out, r)
	}
	return out
}

// numsOf is the sheet's number of each data row.
func numsOf(t *Table) []int {
	out := []int{}
	for k := range t.Len() {
		out = append(out, t.RowNum(k))
	}
	return out
}
