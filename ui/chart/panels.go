package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// EncodePanels writes plots stacked top to bottom (as RenderPanels draws
// them) as PNG or SVG, chosen by the file name's extension, at w×h points.
func EncodePanels(ps []*plot.Plot, name string, w, h vg.Length) ([]byte, error) {
	if len(ps) == 1 {
		return Encode(ps[0], name, w, h)
	}
	rows := make([][]*plot.Plot, len(ps))
	for i, p := range ps {
		rows[i] = []*plot.Plot{p}
	}
	return EncodeGrid(rows, name, w, h)
}

// EncodeGrid writes plots laid out in rows (every row as long as the
// first; nil cells stay empty) as PNG or SVG, chosen by the file name's
// extension, at w×h points, their data areas aligned.
func EncodeGrid(rows [][]*plot.Plot, name string, w, h vg.Length) ([]byte, error) {
	bg := color.Color(color.White)
	for _, r := range rows {
		for _, p := range r {
			if p != nil && p.BackgroundColor != nil {
				bg = p.BackgroundColor
			}
		}
	}
	var buf bytes.Buffer
	switch strings.ToLower(strings.TrimPrefix(filepath.Ext(name), ".")) {
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96), vgimg.UseBackgroundColor(bg))
		drawGrid(draw.New(c), rows)
		if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("chart: %w", err)
		}
	case "svg":
		c := vgsvg.New(w, h)
		dc := draw.New(c)
		dc.SetColor(bg)
		dc.Fill(dc.Rectangle.Path())
		drawGrid(dc, rows)
		if _, err := c.WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("chart: %w", err)
		}
	default:
		return nil, fmt.Errorf("chart: cannot write %q: use a .png or .svg file name", name)
	}
	return buf.Bytes(), nil
}

// drawPanels draws ps stacked top to bottom on dc, their data areas
// aligned.
func drawPanels(dc draw.Canvas, ps []*plot.Plot) {
	rows := make([][]*plot.Plot, len(ps))
	for i, p := range ps {
		rows[i] = []*plot.Plot{p}
	}
	drawGrid(dc, rows)
}

// drawGrid draws rows of plots on dc, their data areas aligned.
func drawGrid(dc draw.Canvas, rows [][]*plot.Plot) {
	if len(rows) == 0 || len(rows[0]) == 0 {
		return
	}
	cols := len(rows[0])
	for _, r := range rows {
		for _, p := range r {
			if p != nil { // an empty cell of the grid
				drawable(p)
			}
		}
	}
	grid := make([][]*plot.Plot, len(rows))
	for i, r := range rows {
		grid[i] = make([]*plot.Plot, cols)
		copy(grid[i], r)
	}
	pad := vg.Length(3)
	tiles := draw.Tiles{Rows: len(grid), Cols: cols, PadX: pad * 3, PadY: pad, PadTop: pad, PadBottom: pad, PadLeft: pad, PadRight: pad}
	canvases := plot.Align(grid, tiles, dc)
	for i, r := range grid {
		for j, p := range r {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
}
