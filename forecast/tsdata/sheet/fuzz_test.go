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
		for i, r := range tab.Rows {
			if tab.Header != nil && len(r) != len(tab.Header) || len(r) != len(tab.Rows[0]) {
				t.Fatalf("row %d has %d cells; header %d", tab.RowNums[i], len(r), len(tab.Header))
			}
			if tab.RowNums[i] <= prev || tab.RowNums[i] > MaxRows {
				t.Fatalf("row numbers %v", tab.RowNums)
			}
			prev = tab.RowNums[i]
		}
	})
}
