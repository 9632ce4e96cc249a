package sheet

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The OpenDocument namespaces read here.
const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

// readODS reads the sheets of an OpenDocument spreadsheet that p asks for,
// streaming content.xml: table:table holds table:table-row elements (also
// inside header rows and row groups), a row holds table:table-cell and
// table:covered-table-cell elements. Values come from office:value-type
// with office:value (numbers, percentages, currencies) or
// office:date-value, text from the cell's text:p paragraphs. Repeats
// (table:number-rows-repeated, table:number-columns-repeated) cost nothing
// when blank and count against MaxRows, MaxColumns and the text budget
// when not.
func readODS(zr *zip.Reader, p *picker) error {
	var content *zip.File
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			content = f
		}
	}
	rc, err := content.Open()
	if err != nil {
		return damaged("content.xml cannot be read (" + err.Error() + ")")
	}
	defer rc.Close()
	cr := &countReader{r: rc}
	dec := xml.NewDecoder(cr)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return odsError(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Space != nsTable || se.Name.Local != "table" {
			continue
		}
		name := attr(se, nsTable, "name")
		if !p.add(name) {
			if err := dec.Skip(); err != nil {
				return odsError(err)
			}
			continue
		}
		r := &odsReader{dec: dec, p: p, name: name, num: 1, rows: newStore(), read: cr, size: int64(min(content.UncompressedSize64, 1<<62))}
		if err := r.table(); err != nil {
			return err
		}
		p.offer(name, r.rows)
	}
}

func odsError(err error) error {
	var se *Error
	if errors.As(err, &se) {
		return se
	}
	if errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) {
		return damaged(err.Error())
	}
	return damaged("content.xml: " + err.Error())
}

func attr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// repeat reads a number-*-repeated attribute: 1 when absent.
func repeat(se xml.StartElement, local string) (int, error) {
	s := attr(se, nsTable, local)
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, damaged(fmt.Sprintf("table:%s=%q is not a count", local, s))
	}
	return n, nil
}

// odsReader reads one table:table.
type odsReader struct {
	dec  *xml.Decoder
	p    *picker
	name string
	num  int // the number of the next row
	rows *store
	read *countReader // content.xml as it is read, of size bytes, for progress
	size int64
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// table reads rows up to the end of the table.
func (r *odsReader) table() error {
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return odsError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == nsTable && t.Name.Local == "table-row":
				if err := r.row(t); err != nil {
					return err
				}
			case t.Name.Space == nsTable && (t.Name.Local == "table-header-rows" || t.Name.Local == "table-row-group" || t.Name.Local == "table-rows"):
				// rows inside: read on
			default:
				if err := r.dec.Skip(); err != nil {
					return odsError(err)
				}
			}
		case xml.EndElement:
			if t.Name.Space == nsTable && t.Name.Local == "table" {
				return nil
			}
		}
	}
}

// row reads one table:table-row and its repeats.
func (r *odsReader) row(se xml.StartElement) error {
	n, err := repeat(se, "number-rows-repeated")
	if err != nil {
		return err
	}
	var cells []sheetCell
	col, filled := 0, false
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return odsError(err)
		}
		if t, ok := tok.(xml.EndElement); ok && t.Name.Space == nsTable && t.Name.Local == "table-row" {
			break
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if t.Name.Space != nsTable || t.Name.Local != "table-cell" && t.Name.Local != "covered-table-cell" {
			if err := r.dec.Skip(); err != nil {
				return odsError(err)
			}
			continue
		}
		k, err := repeat(t, "number-columns-repeated")
		if err != nil {
			return err
		}
		c, err := r.cell(t)
		if err != nil {
			return err
		}
		if c.kind == kindEmpty {
			col += min(k, MaxColumns+1)
			continue
		}
		if col+k > MaxColumns {
			return &Error{Sheet: r.name, Row: r.num, Msg: fmt.Sprintf("more than %d columns", MaxColumns),
				Hint: "remove the columns you do not need, or save them as CSV", Err: ErrTooLarge}
		}
		for len(cells) < col {
			cells = append(cells, sheetCell{})
		}
		for ; k > 0; k-- {
			cells = append(cells, c)
			col++
		}
		filled = true
	}
	if !filled {
		r.num += min(n, MaxRows+1)
		return nil
	}
	if r.num+n-1 > MaxRows {
		return &Error{Sheet: r.name, Msg: fmt.Sprintf("more than %d rows", MaxRows), Hint: "save the rows you need as CSV", Err: ErrTooLarge}
	}
	for k := 0; k < n; k++ {
		for _, c := range cells {
			if err := r.p.spend(r.name, r.num, len(c.text)); err != nil {
				return err
			}
		}
		if k == 0 {
			r.rows.push(r.num, cells)
		} else {
			r.rows.pushRepeat(r.num)
		}
		r.num++
		if err := r.p.tell(r.rows.len(), r.read.n, r.size); err != nil {
			return err
		}
	}
	return nil
}

// cell reads one table cell: its typed value, or its text.
func (r *odsReader) cell(se xml.StartElement) (sheetCell, error) {
	text, err := r.text(se)
	if err != nil {
		return sheetCell{}, err
	}
	switch attr(se, nsOffice, "value-type") {
	case "float", "percentage", "currency":
		v := attr(se, nsOffice, "value")
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return sheetCell{kind: kindNumber, text: v}, nil
		}
	case "date":
		if t, ok := odsDate(attr(se, nsOffice, "date-value")); ok {
			return sheetCell{kind: kindDate, text: isoText(t)}, nil
		}
	case "boolean":
		return sheetCell{kind: kindText, text: strings.ToUpper(attr(se, nsOffice, "boolean-value"))}, nil
	}
	if errorValues[text] || strings.HasPrefix(text, "Err:") {
		r.p.errCells++
		return sheetCell{}, nil
	}
	return sheetCell{kind: classText(text), text: text}, nil
}

// odsDate parses an office:date-value: 2006-01-02 or 2006-01-02T15:04:05
// with an optional fraction of a second.
func odsDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05.999999999Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Round(time.Millisecond), true
		}
	}
	return time.Time{}, false
}

// text collects a cell's paragraphs (text:p, one a line), with text:s
// spaces, tabs and line breaks; an annotation is skipped. More than
// MaxCellBytes is an error.
func (r *odsReader) text(se xml.StartElement) (string, error) {
	var b strings.Builder
	paras, open, depth := 0, 0, 0
	add := func(s string) error {
		if b.Len()+len(s) > MaxCellBytes {
			return &Error{Sheet: r.name, Row: r.num, Msg: fmt.Sprintf("a cell holds more than %d bytes", MaxCellBytes),
				Hint: "the workbook was not written by a spreadsheet program; save it again from one", Err: ErrTooLarge}
		}
		b.WriteString(s)
		return nil
	}
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return "", odsError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsOffice && t.Name.Local == "annotation" {
				err = r.dec.Skip()
				break
			}
			depth++
			switch {
			case t.Name.Space == nsText && t.Name.Local == "p":
				if paras > 0 {
					err = add("\n")
				}
				paras++
				open++
			case t.Name.Space == nsText && t.Name.Local == "s":
				k, _ := strconv.Atoi(attr(t, nsText, "c"))
				err = add(strings.Repeat(" ", min(max(k, 1), MaxCellBytes+1)))
			case t.Name.Space == nsText && t.Name.Local == "tab":
				err = add("\t")
			case t.Name.Space == nsText && t.Name.Local == "line-break":
				err = add("\n")
			}
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
			if t.Name.Space == nsText && t.Name.Local == "p" {
				open--
			}
		case xml.CharData:
			if open > 0 {
				err = add(string(t))
			}
		}
		if err != nil {
			return "", odsError(err)
		}
	}
}
