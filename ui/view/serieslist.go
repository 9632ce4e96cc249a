package view

import (
	"cmp"
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// SeriesItem is one series in a SeriesList.
type SeriesItem struct {
	ID     string
	Values []float64 // the history, for the sparkline
	Err    float64   // the error it is sorted by (MASE); NaN before there is one
}

// Orders of a SeriesList.
const (
	SortName  = "Sort by name"
	SortSize  = "Sort by size (longest first)"
	SortError = "Sort by error (worst first)"
)

// SeriesList is the list of a file's series beside the tabs: a search
// field, an order (name, size, error) and a row per series with its
// sparkline, its name, its length and, once the series were scored, its
// error. OnSelected sees the id of the series a person picks.
type SeriesList struct {
	Content    fyne.CanvasObject
	Search     *widget.Entry
	Sort       *widget.Select
	List       *widget.List
	OnSelected func(id string)

	items    []SeriesItem
	sparks   []image.Image // items' sparklines, drawn once
	shown    []int         // indices into items, filtered and ordered
	selected string
	quiet    bool // set while the list selects a row itself
}

// Sparkline sizes in pixels.
const sparkW, sparkH = 72, 22

// NewSeriesList builds an empty list.
func NewSeriesList() *SeriesList {
	l := &SeriesList{}
	l.Search = widget.NewEntry()
	l.Search.SetPlaceHolder(i18n.T("Search series…"))
	l.Search.OnChanged = func(string) { l.refresh() }
	l.Sort = widget.NewSelect([]string{i18n.T(SortName), i18n.T(SortSize), i18n.T(SortError)}, nil) // matched by their text in the language in use
	l.Sort.SetSelected(i18n.T(SortName))
	l.Sort.OnChanged = func(string) { l.refresh() }
	l.List = widget.NewList(func() int { return len(l.shown) }, l.newRow, l.updateRow)
	l.List.OnSelected = func(i widget.ListItemID) {
		if i < 0 || i >= len(l.shown) {
			return
		}
		id := l.items[l.shown[i]].ID
		if l.quiet || id == l.selected {
			return
		}
		l.selected = id
		if l.OnSelected != nil {
			l.OnSelected(id)
		}
	}
	l.Content = container.NewBorder(container.NewVBox(l.Search, l.Sort), nil, nil, nil, l.List)
	return l
}

func (l *SeriesList) newRow() fyne.CanvasObject {
	img := canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, sparkW, sparkH)))
	img.FillMode = canvas.ImageFillStretch
	img.SetMinSize(fyne.NewSize(sparkW, sparkH))
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("")
	detail.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, img, detail, name)
}

func (l *SeriesList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(l.shown) {
		return
	}
	k := l.shown[i]
	it := l.items[k]
	row := o.(*fyne.Container)
	name := row.Objects[0].(*widget.Label)
	img := row.Objects[1].(*canvas.Image)
	detail := row.Objects[2].(*widget.Label)
	name.SetText(it.ID)
	d := fmt.Sprintf("%d", len(it.Values))
	if !math.IsNaN(it.Err) {
		d += " · MASE " + Fixed(it.Err, 2)
	}
	detail.SetText(d)
	img.Image = l.sparks[k]
	img.Refresh()
}

// SetItems shows items (the list keeps them), ordered and filtered as
// chosen; the sparklines are drawn in the line colour c.
func (l *SeriesList) SetItems(items []SeriesItem, c color.Color) {
	l.items = items
	l.sparks = make([]image.Image, len(items))
	for k, it := range items {
		l.sparks[k] = Sparkline(it.Values, nil, sparkW, sparkH, c, nil)
	}
	l.selected = ""
	l.refresh()
}

// SetErrors sets each series' error (missing ids: none) and re-sorts.
func (l *SeriesList) SetErrors(errs map[string]float64) {
	for k := range l.items {
		e, ok := errs[l.items[k].ID]
		if !ok {
			e = math.NaN()
		}
		l.items[k].Err = e
	}
	l.refresh()
}

// Select marks the series id as selected without calling OnSelected.
func (l *SeriesList) Select(id string) {
	l.selected = id
	for i, k := range l.shown {
		if l.items[k].ID == id {
			l.quiet = true
			l.List.Select(i)
			l.quiet = false
			if i == 0 {
				// Select scrolls the row into view; before the list has
				// its size (a file just opened) that leaves the first row
				// one row above the top
				l.List.ScrollToTop()
			}
			return
		}
	}
}

// Selected is the id of the series marked in the list ("" for none).
func (l *SeriesList) Selected() string { return l.selected }

// Shown returns the ids shown, in order.
func (l *SeriesList) Shown() []string {
	out := make([]string, len(l.shown))
	for i, k := range l.shown {
		out[i] = l.items[k].ID
	}
	return out
}

// refresh filters by the search text and orders by the chosen order.
func (l *SeriesList) refresh() {
	q := strings.ToLower(strings.TrimSpace(l.Search.Text))
	l.shown = l.shown[:0]
	for k, it := range l.items {
		if q == "" || strings.Contains(strings.ToLower(it.ID), q) {
			l.shown = append(l.shown, k)
		}
	}
	by := func(a, b int) int { return strings.Compare(l.items[a].ID, l.items[b].ID) }
	switch l.Sort.Selected {
	case i18n.T(SortSize):
		by = func(a, b int) int {
			return cmp.Or(cmp.Compare(len(l.items[b].Values), len(l.items[a].Values)), strings.Compare(l.items[a].ID, l.items[b].ID))
		}
	case i18n.T(SortError):
		by = func(a, b int) int {
			ea, eb := l.items[a].Err, l.items[b].Err
			switch {
			case math.IsNaN(ea) && !math.IsNaN(eb):
				return 1
			case !math.IsNaN(ea) && math.IsNaN(eb):
				return -1
			}
			return cmp.Or(cmp.Compare(eb, ea), strings.Compare(l.items[a].ID, l.items[b].ID))
		}
	}
	slices.SortStableFunc(l.shown, by)
	l.List.UnselectAll()
	l.List.Refresh()
	if l.selected != "" {
		l.Select(l.selected)
	}
}
