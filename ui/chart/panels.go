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
	bg := color.Color(color.White)
	if len(ps) > 0 && ps[0].BackgroundColor != nil {
		bg = ps[0].BackgroundColor
	}
	var buf bytes.Buffer
	switch strings.ToLower(strings.TrimPrefix(filepath.Ext(name), ".")) {
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96), vgimg.UseBackgroundColor(bg))
		drawPanels(draw.New(c), ps)
		if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("chart: %w", err)
		}
	case "svg":
		c := vgsvg.New(w, h)
		dc := draw.New(c)
		dc.SetColor(bg)
		dc.Fill(dc.Rectangle.Path())
		drawPanels(dc, ps)
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
	if len(ps) == 0 {
		return
	}
	pad := vg.Length(3)
	grid := make([][]*plot.Plot, len(ps))
	for i, p := range ps {
		grid[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(ps), Cols: 1, PadX: pad, PadY: pad, PadTop: pad, PadBottom: pad, PadLeft: pad, PadRight: pad}
	canvases := plot.Align(grid, tiles, dc)
	for i, p := range ps {
		p.Draw(canvases[i][0])
	}
}
