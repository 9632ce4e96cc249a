package view

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestSparkline: the points land where the scale puts them (hand-computed:
// x = i/(n-1)·(w-1), y = (1-(v-lo)/(hi-lo))·(h-1)), the forecast in its own
// colour, and degenerate input gives an empty image.
func TestSparkline(t *testing.T) {
	red, blue := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}
	img := Sparkline([]float64{0, 10, 5}, []float64{10}, 31, 11, red, blue)
	for _, p := range []struct {
		x, y int
		c    color.RGBA
	}{{0, 10, red}, {5, 5, red}, {10, 0, red}, {20, 5, blue}, {30, 0, blue}} { // the forecast's segment starts at the last value
		if got := img.RGBAAt(p.x, p.y); got != p.c {
			t.Errorf("pixel (%d,%d) = %v; want %v", p.x, p.y, got, p.c)
		}
	}
	if got := img.RGBAAt(0, 0); got.A != 0 {
		t.Errorf("pixel (0,0) = %v; want transparent", got)
	}
	for _, v := range [][]float64{nil, {1}, {math.NaN(), math.NaN()}} {
		img := Sparkline(v, nil, 10, 10, red, nil)
		for i := 0; i < len(img.Pix); i += 4 {
			if img.Pix[i+3] != 0 {
				t.Fatalf("Sparkline(%v) drew a pixel", v)
			}
		}
	}
}

// TestSeriesListOrder: search, the three orders (series without an error
// last when sorting by error) and selection by a person.
func TestSeriesListOrder(t *testing.T) {
	test.NewTempApp(t)
	l := NewSeriesList()
	var picked []string
	l.OnSelected = func(id string) { picked = append(picked, id) }
	l.SetItems([]SeriesItem{
		{ID: "b", Values: make([]float64, 5), Err: math.NaN()},
		{ID: "a", Values: make([]float64, 3), Err: math.NaN()},
		{ID: "c", Values: make([]float64, 9), Err: math.NaN()},
	}, color.Black)
	if got := l.Shown(); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("by name: %v", got)
	}
	l.Sort.SetSelected(SortSize)
	if got := l.Shown(); !slices.Equal(got, []string{"c", "b", "a"}) {
		t.Errorf("by size: %v", got)
	}
	l.SetErrors(map[string]float64{"a": 0.5, "c": 2})
	l.Sort.SetSelected(SortError)
	if got := l.Shown(); !slices.Equal(got, []string{"c", "a", "b"}) {
		t.Errorf("by error: %v; want the worst first, b (no error) last", got)
	}
	l.Search.SetText("B")
	if got := l.Shown(); !slices.Equal(got, []string{"b"}) {
		t.Errorf("search B: %v", got)
	}
	l.List.Select(0)
	l.Search.SetText("")
	l.Select("c") // the window's own choice: no callback
	if !slices.Equal(picked, []string{"b"}) {
		t.Errorf("OnSelected saw %v; want b only", picked)
	}
}

// TestSeriesListSelectFirstBeforeLayout: the window selects a file's first
// series before the list has its size; once laid out, the list shows it at
// the top instead of scrolled one row past it.
func TestSeriesListSelectFirstBeforeLayout(t *testing.T) {
	test.NewTempApp(t)
	l := NewSeriesList()
	items := make([]SeriesItem, 50)
	for i := range items {
		items[i] = SeriesItem{ID: fmt.Sprintf("S%03d", i+1), Values: make([]float64, 10), Err: math.NaN()}
	}
	l.SetItems(items, color.Black)
	l.Select("S001")
	w := test.NewWindow(l.Content)
	defer w.Close()
	w.Resize(fyne.NewSize(300, 400))
	if off := l.List.GetScrollOffset(); off != 0 {
		t.Errorf("scroll offset %v after selecting the first series; want 0 (its row at the top)", off)
	}
}
