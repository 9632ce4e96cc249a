package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"time"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Style is the look of a chart, normally taken from the GUI theme.
type Style struct {
	Background color.Color
	Foreground color.Color // text, axes
	Grid       color.Color
	Muted      color.Color // secondary text, shaded spans' labels
	Colors     []color.Color
	FontSize   vg.Length // tick labels; titles are slightly larger
}

// Light is the default style on a light background.
func Light() Style {
	return Style{
		Background: color.NRGBA{0xff, 0xff, 0xff, 0xff},
		Foreground: color.NRGBA{0x33, 0x33, 0x38, 0xff},
		Grid:       color.NRGBA{0xe4, 0xe4, 0xea, 0xff},
		Muted:      color.NRGBA{0x80, 0x80, 0x88, 0xff},
		Colors:     tab10,
		FontSize:   9,
	}
}

// Dark is the style for a dark theme.
func Dark() Style {
	return Style{
		Background: color.NRGBA{0x1e, 0x1e, 0x22, 0xff},
		Foreground: color.NRGBA{0xdd, 0xdd, 0xe2, 0xff},
		Grid:       color.NRGBA{0x38, 0x38, 0x40, 0xff},
		Muted:      color.NRGBA{0x90, 0x90, 0x98, 0xff},
		Colors:     tab10Bright,
		FontSize:   9,
	}
}

var tab10 = []color.Color{
	color.NRGBA{0x1f, 0x77, 0xb4, 0xff}, // blue
	color.NRGBA{0xff, 0x7f, 0x0e, 0xff}, // orange
	color.NRGBA{0x2c, 0xa0, 0x2c, 0xff}, // green
	color.NRGBA{0xd6, 0x27, 0x28, 0xff}, // red
	color.NRGBA{0x94, 0x67, 0xbd, 0xff}, // purple
	color.NRGBA{0x8c, 0x56, 0x4b, 0xff}, // brown
	color.NRGBA{0xe3, 0x77, 0xc2, 0xff}, // pink
	color.NRGBA{0x7f, 0x7f, 0x7f, 0xff}, // grey
	color.NRGBA{0xbc, 0xbd, 0x22, 0xff}, // olive
	color.NRGBA{0x17, 0xbe, 0xcf, 0xff}, // cyan
}

var tab10Bright = []color.Color{
	color.NRGBA{0x4e, 0xa5, 0xe6, 0xff},
	color.NRGBA{0xff, 0x9f, 0x45, 0xff},
	color.NRGBA{0x5c, 0xc8, 0x5c, 0xff},
	color.NRGBA{0xf0, 0x5a, 0x5b, 0xff},
	color.NRGBA{0xb3, 0x8f, 0xdb, 0xff},
	color.NRGBA{0xc0, 0x8a, 0x7e, 0xff},
	color.NRGBA{0xf2, 0x9c, 0xd6, 0xff},
	color.NRGBA{0xa8, 0xa8, 0xa8, 0xff},
	color.NRGBA{0xd8, 0xd9, 0x4a, 0xff},
	color.NRGBA{0x4c, 0xd8, 0xe6, 0xff},
}

// Color returns the i-th series colour.
func (s Style) Color(i int) color.Color {
	if len(s.Colors) == 0 {
		return color.Black
	}
	return s.Colors[i%len(s.Colors)]
}

// alpha returns c with the given opacity (0..1).
func alpha(c color.Color, a float64) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a * 255)}
}

func init() {
	// Sans-serif text, like the GUI around the charts.
	plot.DefaultFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
}

// newPlot returns an empty plot styled with s.
func newPlot(s Style, title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = s.Background
	p.Title.Text = title
	p.Title.TextStyle.Color = s.Foreground
	p.Title.TextStyle.Font.Size = s.FontSize + 2
	p.Title.TextStyle.Font.Weight = xfont.WeightBold
	p.Title.Padding = vg.Points(4)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color = s.Muted
		a.Label.TextStyle.Color = s.Foreground
		a.Label.TextStyle.Font.Size = s.FontSize
		a.Tick.Label.Color = s.Foreground
		a.Tick.Label.Font.Size = s.FontSize
		a.Tick.Color = s.Muted
		a.LineStyle.Color = s.Muted
		a.Padding = vg.Points(2)
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Color = s.Foreground
	p.Legend.TextStyle.Font.Size = s.FontSize
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.Padding = vg.Points(2)
	p.Legend.ThumbnailWidth = vg.Points(14)
	g := plotter.NewGrid()
	g.Vertical.Color = s.Grid
	g.Horizontal.Color = s.Grid
	g.Vertical.Width = vg.Points(0.5)
	g.Horizontal.Width = vg.Points(0.5)
	p.Add(g)
	return p
}

// DPI returns the rendering resolution for a GUI scale factor.
func DPI(scale float32) int {
	if scale <= 0 {
		scale = 1
	}
	return int(math.Round(96 * float64(scale)))
}

// Render draws p into a new image of w×h pixels at the given GUI scale
// (1 = 96 DPI).
func Render(p *plot.Plot, w, h int, scale float32) image.Image {
	w, h = max(w, 16), max(h, 16)
	dpi := DPI(scale)
	wpt := vg.Length(float64(w) * 72 / float64(dpi))
	hpt := vg.Length(float64(h) * 72 / float64(dpi))
	c := vgimg.NewWith(vgimg.UseWH(wpt, hpt), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(p.BackgroundColor))
	dc := draw.New(c)
	pad := vg.Length(6)
	p.Draw(draw.Crop(dc, pad/2, -pad*2, pad/2, -pad/2))
	return c.Image()
}

// Encode writes p as PNG or SVG (chosen by the file name's extension) at
// w×h points and returns the bytes.
func Encode(p *plot.Plot, name string, w, h vg.Length) ([]byte, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	switch ext {
	case "png", "svg", "pdf", "jpg", "jpeg":
	default:
		return nil, fmt.Errorf("chart: cannot write %q: use a .png or .svg file name", name)
	}
	wt, err := p.WriterTo(w, h, ext)
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

// timeTicks labels a time axis whose values are Unix seconds, with a format
// suited to the span shown.
type timeTicks struct{}

func (timeTicks) Ticks(min, max float64) []plot.Tick {
	const day = 86400.0
	span := max - min // seconds; a time.Duration would overflow past 292 years
	format := "2006"
	switch {
	case span < 3*day:
		format = "02 Jan 15:04"
	case span < 120*day:
		format = "02 Jan"
	case span < 3*365*day:
		format = "Jan 2006"
	}
	if span >= 3*365*day {
		// Whole years at round steps.
		y0 := time.Unix(int64(min), 0).UTC().Year()
		y1 := time.Unix(int64(max), 0).UTC().Year()
		step := niceStep(float64(y1-y0) / 6)
		var ticks []plot.Tick
		first := int(math.Ceil(float64(y0)/step) * step)
		for y := first; y <= y1; y += int(step) {
			v := float64(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Unix())
			if v >= min && v <= max {
				ticks = append(ticks, plot.Tick{Value: v, Label: fmt.Sprint(y)})
			}
			if step < 1 {
				break
			}
		}
		if len(ticks) >= 2 {
			return ticks
		}
	}
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = time.Unix(int64(ticks[i].Value), 0).UTC().Format(format)
		}
	}
	return ticks
}

func niceStep(raw float64) float64 {
	if raw <= 1 {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// IntTicks labels an axis of whole numbers (epochs, steps, time steps)
// without fractions; use it as an Axis.Tick.Marker.
type IntTicks struct{}

func (IntTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(min, max) {
		if t.Value != math.Trunc(t.Value) {
			continue
		}
		if t.Label != "" {
			t.Label = fmt.Sprintf("%.0f", t.Value)
		}
		out = append(out, t)
	}
	if len(out) < 2 {
		lo, hi := math.Ceil(min), math.Floor(max)
		step := math.Max(1, niceStep((hi-lo)/4))
		for v := lo; v <= hi; v += step {
			out = append(out, plot.Tick{Value: v, Label: fmt.Sprintf("%.0f", v)})
		}
	}
	return out
}

// logTicks labels a log axis with powers of ten (and 2×, 5× when the range
// is narrow).
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	if min <= 0 || max <= 0 || !(max > min) {
		return plot.DefaultTicks{}.Ticks(min, max)
	}
	lo, hi := math.Floor(math.Log10(min)), math.Ceil(math.Log10(max))
	decades := hi - lo
	var ticks []plot.Tick
	stride := math.Max(1, math.Ceil(decades/6))
	for e := lo; e <= hi; e++ {
		base := math.Pow(10, e)
		major := math.Mod(e-lo, stride) == 0
		if base >= min && base <= max {
			lbl := ""
			if major {
				lbl = formatPow(base)
			}
			ticks = append(ticks, plot.Tick{Value: base, Label: lbl})
		}
		if decades <= 2 {
			for _, m := range []float64{2, 5} {
				v := m * base
				if v >= min && v <= max {
					ticks = append(ticks, plot.Tick{Value: v, Label: formatPow(v)})
				}
			}
		}
	}
	if len(ticks) < 2 {
		return plot.DefaultTicks{}.Ticks(min, max)
	}
	return ticks
}

func formatPow(v float64) string {
	switch {
	case v >= 1e-3 && v < 1e4:
		return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.4f", v), "0"), ".")
	default:
		return fmt.Sprintf("%.0e", v)
	}
}

// setLogY switches p's y axis to a log scale. Values must be positive.
func setLogY(p *plot.Plot) {
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = logTicks{}
}

// positive returns v, or a tiny positive value for v ≤ 0 or NaN, so a log
// axis never sees a non-positive number.
func positive(v float64) float64 {
	if math.IsNaN(v) || v <= 1e-12 {
		return 1e-12
	}
	if math.IsInf(v, 1) {
		return 1e12
	}
	return v
}

// message returns a plot with a centred note instead of data (for "no data
// yet").
func Message(s Style, title, msg string) *plot.Plot {
	p := newPlot(s, title, "", "")
	p.HideAxes()
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: 0.5, Y: 0.5}}, Labels: []string{msg}})
	if err == nil {
		l.TextStyle[0].Color = s.Muted
		l.TextStyle[0].Font.Variant = "Sans"
		l.TextStyle[0].Font.Size = s.FontSize + 1
		l.TextStyle[0].XAlign = draw.XCenter
		l.TextStyle[0].YAlign = draw.YCenter
		p.Add(l)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	return p
}
