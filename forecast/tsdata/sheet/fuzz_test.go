package sheet

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzReadODS feeds content.xml bodies to the OpenDocument reader: it
// must return a table or an *Error, never panic, and a table's rows are
// as wide as its header, numbered in increasing order within MaxRows.
// Run it with
//
//	go test ./forecast/tsdata/sheet/ -run '^$' -fuzz FuzzReadODS -fuzztime 60s
func FuzzReadODS(f *testing.F) {
	for _, s := range []string{
		``,
		`<table:table table:name="S"/>`,
		`<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>d</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>v</text:p></table:table-cell></table:table-row>` +
			`<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="date" office:date-value="2020-01-01"/><table:table-cell office:value-type="float" office:value="1.5"/></table:table-row>` +
			`<table:table-row><table:table-cell><text:p>Total</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="4"/></table:table-row></table:table>`,
		`<table:table table:name="A"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table><table:table table:name="B"><table:table-header-rows><table:table-row><table:table-cell><text:p>x<text:s text:c="3"/>y</text:p></table:table-cell></table:table-row></table:table-header-rows></table:table>`,
	} {
		f.Add([]byte(odsContent(s)))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		data := zipBytes(t, [2]string{"content.xml", string(content)})
		tab, err := Read("fuzz.ods", bytes.NewReader(data), int64(len(data)), Options{MaxTextBytes: 64 << 10})
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			return
		}
		prev := 0
		for i, r := range rowsOf(tab) {
			if tab.Header != nil && len(r) != len(tab.Header) || len(r) != len(rowsOf(tab)[0]) {
				t.Fatalf("row %d has %d cells; header %d", numsOf(tab)[i], len(r), len(tab.Header))
			}
			if numsOf(tab)[i] <= prev || numsOf(tab)[i] > MaxRows {
				t.Fatalf("row numbers %v", numsOf(tab))
			}
			prev = numsOf(tab)[i]
		}
	})
}

// FuzzReadXLSX feeds worksheet bodies (the XML inside sheetData) to the
// .xlsx reader through excelize: a table or an *Error, never a panic.
//
//	go test ./forecast/tsdata/sheet/ -run '^$' -fuzz FuzzReadXLSX -fuzztime 60s
func FuzzReadXLSX(f *testing.F) {
	for _, s := range []string{
		``,
		`<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c><c r="B1" t="inlineStr"><is><t>v</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2020-01-01</t></is></c><c r="B2"><v>1.5</v></c></row>`,
		`<row r="3"><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="s"><v>7</v></c></row>`,
		`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		path := xlsxRaw(t, body)
		_, err := readPath(t, path, Options{MaxTextBytes: 64 << 10})
		var se *Error
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("error %v (%T) is not an *Error", err, err)
		}
	})
}
