package view

import "fyne.io/fyne/v2"

// Columns returns a layout of rows of cols cells (see columnsLayout).
func Columns(cols int) fyne.Layout { return columnsLayout{cols: cols} }

// columnsLayout lays objects out in rows of cols cells, each column as
// wide as its widest cell and each row as tall as its tallest; the width
// to spare goes to the first column (a table's names), so numbers stay
// flush right and the grid is only as wide as its text — a grid of equal
// columns is as wide as its widest cell times the columns, which pushed
// the forecast table's 95 % columns off a 1366-pixel screen.
type columnsLayout struct{ cols int }

func (l columnsLayout) sizes(objs []fyne.CanvasObject) (widths, heights []float32) {
	widths = make([]float32, l.cols)
	heights = make([]float32, (len(objs)+l.cols-1)/l.cols)
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		widths[i%l.cols] = max(widths[i%l.cols], m.Width)
		heights[i/l.cols] = max(heights[i/l.cols], m.Height)
	}
	return widths, heights
}

func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := l.sizes(objs)
	var s fyne.Size
	for _, x := range w {
		s.Width += x
	}
	for _, y := range h {
		s.Height += y
	}
	return s
}

func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w, h := l.sizes(objs)
	if min := l.MinSize(objs); size.Width > min.Width && len(w) > 0 {
		w[0] += size.Width - min.Width
	}
	var y float32
	for r := range h {
		var x float32
		for c := 0; c < l.cols; c++ {
			i := r*l.cols + c
			if i >= len(objs) {
				break
			}
			objs[i].Move(fyne.NewPos(x, y))
			objs[i].Resize(fyne.NewSize(w[c], h[r]))
			x += w[c]
		}
		y += h[r]
	}
}
