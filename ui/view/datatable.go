package view

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// Why a point of the series is not a value read from the file.
const (
	asRead      = ""
	filledGap   = "gap"     // its time step was missing from the file
	filledEmpty = "missing" // its cell was empty or not a number
)

// DataTable lists the loaded series point by point: the time (or row
// number), the value, whether it was filled — a step missing from the
// file's calendar, or a missing cell, filled by the chosen policy — and the
// extra inputs. widget.Table builds only the cells on screen, so a series
// of 100,000 points scrolls as fast as one of 100. Values are written as
// read (shortest exact decimal), never rounded.
type DataTable struct {
	Content fyne.CanvasObject
	Table   *widget.Table
	Summary *widget.Label

	host  *Host
	cur   *tableData // UI goroutine
	stale bool       // cur changed while the table had no size (a hidden tab)
}

// maxTableColumns bounds the table's columns: time, value, filled and the
// first extra inputs.
const maxTableColumns = 24

// tableData is a series and its points' origin, ready to show.
type tableData struct {
	s      *tsdata.Series
	filled []string // per point: asRead, filledGap or filledEmpty; nil when unknown
	heads  []string
}

// NewDataTable returns an empty table view of the host's window.
func NewDataTable(h *Host) *DataTable {
	v := &DataTable{host: h, cur: &tableData{heads: i18n.All([]string{"time", "value", "filled"})}}
	v.Summary = widget.NewLabel(i18n.T("Open a file or a sample to see its points."))
	v.Summary.Wrapping = fyne.TextWrapWord
	v.Table = widget.NewTableWithHeaders(
		func() (int, int) { return v.size() },
		func() fyne.CanvasObject { return widget.NewLabel("0000-00-00 00:00:00") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.cell(id.Row, id.Col)) },
	)
	v.Table.ShowHeaderColumn = false
	v.Table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	v.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 && id.Col < len(v.cur.heads) {
			l.SetText(v.cur.heads[id.Col])
		} else {
			l.SetText("")
		}
	}
	v.sizeColumns(maxTableColumns)
	v.Content = container.NewBorder(v.Summary, nil, nil, nil, container.New(whenSized{v}, v.Table))
	return v
}

// Show lists d's series (nil clears the table). The points' origin is
// worked out off the UI goroutine; the table fills in when it is known.
// Call on the UI goroutine.
func (v *DataTable) Show(d *app.Data) {
	if d == nil || d.Series == nil {
		v.cur = &tableData{heads: i18n.All([]string{"time", "value", "filled"})}
		v.Summary.SetText(i18n.T("Open a file or a sample to see its points."))
		v.refresh()
		return
	}
	v.Summary.SetText(i18n.T("%d points; working out which were filled…", d.Series.Len()))
	v.host.Background(func() {
		td := newTableData(d)
		v.host.Do(func() {
			v.cur = td
			v.Summary.SetText(td.summary())
			v.refresh()
		})
	})
}

func newTableData(d *app.Data) *tableData {
	s := d.Series
	td := &tableData{s: s, filled: Filled(d)}
	time := i18n.T("time")
	if s.Times == nil {
		time = i18n.T("row")
	}
	td.heads = append(td.heads, time, ShortName(s.Name), i18n.T("filled"))
	for _, c := range s.CovNames {
		if len(td.heads) == maxTableColumns {
			break
		}
		td.heads = append(td.heads, ShortName(c))
	}
	return td
}

// Filled says, for each point of d.Series, whether it was read from the
// file ("") or filled in: "gap" for a date the file lacks, "missing" for
// a date whose value cell was empty or not a number. It looks each of the
// series' dates up among the file's (a row-indexed series is matched row
// by row, when no row was dropped). Nil when it cannot be told. The
// preview's marks (package ui) and the Table share it.
func Filled(d *app.Data) []string {
	s, t, r := d.Series, d.Table, d.Report
	if s == nil || t == nil || r == nil {
		return nil
	}
	val, ok := t.Column(r.ValueColumn)
	if !ok || val.Numbers == nil {
		return nil
	}
	out := make([]string, s.Len())
	if s.Times == nil {
		if len(val.Numbers) != s.Len() {
			return nil
		}
		for i, x := range val.Numbers {
			if math.IsNaN(x) {
				out[i] = filledEmpty
			}
		}
		return out
	}
	dc, ok := t.Column(r.DateColumn)
	if !ok || len(dc.Times) != len(val.Numbers) {
		return nil
	}
	present := make(map[int64]bool, len(dc.Times)) // the file's dates → a value was read
	for i, tm := range dc.Times {
		if calendar.IsNoTime(tm) {
			continue
		}
		k := tm.Unix()
		present[k] = present[k] || !math.IsNaN(val.Numbers[i])
	}
	gaps := 0
	for i, tm := range s.Times {
		read, seen := present[tm.Unix()]
		switch {
		case !seen:
			out[i] = filledGap
			gaps++
		case !read:
			out[i] = filledEmpty
		}
	}
	if 2*gaps > s.Len() {
		return nil // the series' dates are not the file's: the match cannot tell
	}
	return out
}

func (td *tableData) summary() string {
	gaps, empty := 0, 0
	for _, f := range td.filled {
		switch f {
		case filledGap:
			gaps++
		case filledEmpty:
			empty++
		}
	}
	var b strings.Builder
	b.WriteString(i18n.T("%d points", td.s.Len()))
	switch {
	case td.filled == nil:
		b.WriteString(i18n.T("; which were filled cannot be told for these columns"))
	case gaps+empty == 0:
		b.WriteString(i18n.T(", all read from the file"))
	default:
		b.WriteString(i18n.T(", %d filled: %d missing from the file's calendar (gap), %d with an empty or unreadable cell (missing)", gaps+empty, gaps, empty))
	}
	if n := len(td.s.CovNames); n > 0 {
		if n == 1 {
			b.WriteString(i18n.T("; 1 extra input"))
		} else {
			b.WriteString(i18n.T("; %d extra inputs", n))
		}
	}
	return b.String() + "."
}

// refresh shows the current data from the top. A table without a size
// (its tab hidden) would lay out a divider for every row, so it waits until
// it is laid out at a size (whenSized).
func (v *DataTable) refresh() {
	if s := v.Table.Size(); s.Width <= 0 || s.Height <= 0 {
		v.stale = true
		return
	}
	v.stale = false
	v.Table.ScrollToTop()
	v.Table.Refresh()
}

// whenSized lays out the table over the whole area and refreshes it when
// it gets a size with data it has not shown yet.
type whenSized struct{ v *DataTable }

func (l whenSized) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
	if l.v.stale && size.Width > 0 && size.Height > 0 {
		l.v.refresh()
	}
}

func (l whenSized) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

func (v *DataTable) size() (int, int) {
	if v.cur.s == nil {
		return 0, len(v.cur.heads)
	}
	return v.cur.s.Len(), len(v.cur.heads)
}

// cell is the text of row r, column c: time, value, filled, then the
// extra inputs.
func (v *DataTable) cell(r, c int) string {
	s := v.cur.s
	if s == nil || r < 0 || r >= s.Len() {
		return ""
	}
	switch c {
	case 0:
		if s.Times == nil {
			return strconv.Itoa(r + 1)
		}
		return i18n.DateText(forecast.FormatTime(s.Freq, s.Times[r]))
	case 1:
		return i18n.Number(strconv.FormatFloat(s.Values[r], 'f', -1, 64))
	case 2:
		if v.cur.filled == nil {
			return "?"
		}
		switch v.cur.filled[r] {
		case filledGap:
			return i18n.T(filledGap)
		case filledEmpty:
			return i18n.T(filledEmpty)
		}
		return ""
	}
	if j := c - 3; j < len(s.Covariates) {
		return i18n.Number(strconv.FormatFloat(s.Covariates[j][r], 'f', -1, 64))
	}
	return ""
}

// sizeColumns gives the time column room for a date and time, and the
// others for a number or a name of up to 16 characters. Set once, on the
// empty table: a table of many rows lays them all out again when a width
// changes before it has a size.
func (v *DataTable) sizeColumns(cols int) {
	probe := widget.NewLabel("0000-00-00 00:00:00")
	v.Table.SetColumnWidth(0, probe.MinSize().Width)
	probe.SetText("-0000000.00000000")
	for c := 1; c < cols; c++ {
		v.Table.SetColumnWidth(c, probe.MinSize().Width)
	}
}
