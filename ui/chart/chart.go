package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
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
	// Scale is the GUI scale the chart is drawn at (0: 1, 96 DPI): with
	// the width in pixels a builder gets, it gives the width in points
	// (Style.widthPt) that a legend's labels must fit.
	Scale float32
	// T translates a chart's own English text (titles, axes, legends,
	// messages), a fmt format with its arguments; nil: English (the CLI,
	// the reports). The window sets its language's (i18n.T).
	T func(format string, args ...any) string
}

// tr is s.T(format, args...), or fmt.Sprintf without a translator.
func (s Style) tr(format string, args ...any) string {
	if s.T != nil {
		return s.T(format, args...)
	}
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
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
	p.X.Tick.Marker, p.Y.Tick.Marker = numTicks{}, numTicks{}
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

// widthPt is the width in points of a chart px pixels wide at s.Scale.
func (s Style) widthPt(px int) vg.Length {
	return vg.Length(float64(px) * 72 / float64(DPI(s.Scale)))
}

// fitLegend shortens label, with "…", to at most share of the width of
// p drawn px pixels wide, less the legend's line sample: a label wider
// than the chart runs off its edge (a renamed run, or "Recommended
// (ETS+ARIMA+Theta mean, run 1)" in the Compare tab's narrow charts).
func fitLegend(s Style, p *plot.Plot, label string, px int, share float64) string {
	w := s.widthPt(px)*vg.Length(share) - p.Legend.ThumbnailWidth - p.Legend.Padding
	st := p.Legend.TextStyle
	if st.Width(label) <= w {
		return label
	}
	r := []rune(label)
	for n := len(r) - 1; n > 0; n-- {
		if t := strings.TrimRight(string(r[:n]), " ,;:(") + "…"; st.Width(t) <= w {
			return t
		}
	}
	return "…"
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
	drawable(p)
	p.Draw(draw.Crop(dc, pad/2, -pad*2, pad/2, -pad/2))
	return c.Image()
}

// drawable makes p safe to draw. gonum/plot panics on a log axis whose
// range is not positive, and a log chart with no finite point on it has
// such a range (its empty range becomes −1…1 when drawn; a single value v
// becomes v−1…v+1). The builders say in words when they have nothing to
// draw (Loss, GradNorm, Compare, the experiment charts); this is for any
// other way a log chart ends up empty, so that a chart never takes the
// window down: an empty range becomes a linear 0…1 without ticks, a single
// value a factor of two either side.
func drawable(p *plot.Plot) {
	if _, isLog := p.Y.Scale.(plot.LogScale); !isLog {
		return
	}
	lo, hi := p.Y.Min, p.Y.Max
	switch {
	case lo > 0 && hi > lo && !math.IsInf(hi, 1):
	case lo > 0 && lo == hi && !math.IsInf(hi, 1):
		p.Y.Min, p.Y.Max = lo/2, hi*2
	default:
		p.Y.Scale, p.Y.Tick.Marker = plot.LinearScale{}, plot.ConstantTicks{}
		p.Y.Min, p.Y.Max = 0, 1
	}
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
	drawable(p)
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

// timeTicks labels a time axis whose values are Unix seconds (UTC) at
// calendar boundaries — whole years, months, days, hours or minutes, at a
// step that gives at most maxTimeTicks labels — never finer than Step, the
// data's own spacing: daily data get no times of day, monthly data no
// days. Each tick is another point of the calendar at its labels'
// resolution, so no two labels read the same ("2022, 2023, 2023, 2024"
// came from round numbers of seconds labelled with their year).
type timeTicks struct {
	Step float64 // seconds between the data's points; 0 = unknown
	// Width is the axis' length and Font the labels' size (FitXTicks sets
	// them when the plot's size is known): a narrow chart gets fewer
	// labels, so "1955" and "1956" never run into each other. Zero means
	// unknown: at most maxTimeTicks labels.
	Width, Font vg.Length
}

// FitXTicks tells p's time axis (if it has one) how wide the plot is, so
// that its labels fit side by side.
func FitXTicks(p *plot.Plot, width vg.Length) {
	if tt, ok := p.X.Tick.Marker.(timeTicks); ok {
		tt.Width, tt.Font = width, p.X.Tick.Label.Font.Size
		p.X.Tick.Marker = tt
	}
}

// fits reports whether n labels of layout format fit side by side on the
// axis: each about 0.6 em a character plus 1.5 em between labels.
func (tt timeTicks) fits(n float64, format string) bool {
	if tt.Width <= 0 || tt.Font <= 0 {
		return true
	}
	return n*(0.6*float64(len(format))+1.5)*float64(tt.Font) <= float64(tt.Width)
}

// maxTimeTicks is the most labelled ticks on a time axis.
const maxTimeTicks = 7

// timeUnit is a calendar step of a time axis: n of a unit, about approx
// seconds long.
type timeUnit struct {
	approx float64
	n      int
	unit   byte // 'y' year, 'm' month, 'd' day, 'h' hour, 'i' minute
}

var timeUnits = func() []timeUnit {
	const minute, hour, day = 60.0, 3600.0, 86400.0
	var u []timeUnit
	for _, n := range []int{1, 2, 5, 10, 15, 30} {
		u = append(u, timeUnit{float64(n) * minute, n, 'i'})
	}
	for _, n := range []int{1, 2, 3, 6, 12} {
		u = append(u, timeUnit{float64(n) * hour, n, 'h'})
	}
	for _, n := range []int{1, 2, 7, 14} {
		u = append(u, timeUnit{float64(n) * day, n, 'd'})
	}
	for _, n := range []int{1, 2, 3, 6} {
		u = append(u, timeUnit{float64(n) * 30.44 * day, n, 'm'})
	}
	for _, n := range []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000} {
		u = append(u, timeUnit{float64(n) * 365.25 * day, n, 'y'})
	}
	return u
}()

func (tt timeTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: time.Unix(int64(min), 0).UTC().Format("02 Jan 2006")}}
	}
	span := max - min // seconds; a time.Duration would overflow past 292 years
	t0, t1 := time.Unix(int64(math.Floor(min)), 0).UTC(), time.Unix(int64(math.Ceil(max)), 0).UTC()
	u := timeUnits[len(timeUnits)-1]
	for _, c := range timeUnits {
		// A unit a little shorter than the data's step is the step itself
		// (a month of 28 days against 30.44, a week of business days).
		if n := span / c.approx; c.approx >= 0.9*tt.Step && n <= maxTimeTicks && tt.fits(n, c.format(t0, t1)) {
			u = c
			break
		}
	}
	format := u.format(t0, t1)
	var ticks []plot.Tick
	for t := u.floor(t0); !t.After(t1) && len(ticks) < 4*maxTimeTicks; t = u.next(t) {
		if v := float64(t.Unix()); v >= min && v <= max {
			ticks = append(ticks, plot.Tick{Value: v, Label: t.Format(format)})
		}
	}
	if len(ticks) == 0 { // a span shorter than the unit: label its ends
		ticks = []plot.Tick{{Value: min, Label: t0.Format(format)}, {Value: max, Label: t1.Format(format)}}
		if ticks[0].Label == ticks[1].Label {
			ticks = ticks[:1]
		}
	}
	return ticks
}

// format is the labels' layout: as fine as the unit, with the year when
// the axis crosses one (or the day when hours cross midnight).
func (u timeUnit) format(t0, t1 time.Time) string {
	sameYear := t0.Year() == t1.Year()
	switch u.unit {
	case 'y':
		return "2006"
	case 'm':
		return "Jan 2006"
	case 'd':
		if sameYear {
			return "02 Jan"
		}
		return "02 Jan 2006"
	}
	if t0.YearDay() == t1.YearDay() && sameYear {
		return "15:04"
	}
	return "02 Jan 15:04"
}

// floor is the last boundary of u at or before t.
func (u timeUnit) floor(t time.Time) time.Time {
	switch u.unit {
	case 'y':
		y := t.Year()
		y -= ((y % u.n) + u.n) % u.n
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	case 'm':
		m := int(t.Month()) - 1
		m -= m % u.n
		return time.Date(t.Year(), time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
	case 'd':
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if u.n == 7 || u.n == 14 { // weeks start on Monday
			d = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		}
		return d
	case 'h':
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour()-t.Hour()%u.n, 0, 0, 0, time.UTC)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute()-t.Minute()%u.n, 0, 0, time.UTC)
}

func (u timeUnit) next(t time.Time) time.Time {
	switch u.unit {
	case 'y':
		return t.AddDate(u.n, 0, 0)
	case 'm':
		return t.AddDate(0, u.n, 0)
	case 'd':
		return t.AddDate(0, 0, u.n)
	case 'h':
		return t.Add(time.Duration(u.n) * time.Hour)
	}
	return t.Add(time.Duration(u.n) * time.Minute)
}

// dataStep is the typical (median) spacing of sorted x values, from at
// most the first 1,000 gaps; 0 for fewer than two values.
func dataStep(x []float64) float64 {
	var d []float64
	for i := 1; i < len(x) && i <= 1000; i++ {
		if g := x[i] - x[i-1]; g > 0 {
			d = append(d, g)
		}
	}
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[len(d)/2]
}

// numTicks is gonum's default ticks labelled for reading: every label with
// the same decimals, the fewest that tell the ticks apart, and thousands
// separated ("250", "1,250" rather than "250.00", "1250.00").
type numTicks struct{}

func (numTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	dec := 0
	for ; dec < 10; dec++ {
		ok := true
		p := math.Pow(10, float64(dec))
		for _, t := range ticks {
			if t.Label != "" && math.Abs(math.Round(t.Value*p)/p-t.Value) > 1e-9*math.Max(math.Abs(t.Value), 1e-300) {
				ok = false
				break
			}
		}
		if ok {
			break
		}
	}
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = groupThousands(strconv.FormatFloat(ticks[i].Value, 'f', dec, 64))
		}
	}
	return ticks
}

// groupThousands puts "," between the thousands of a formatted number.
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	if s == "0" || strings.Trim(s, "0.") == "" {
		sign = ""
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
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

// Message returns a plot with a centred note instead of data (for "no
// data yet"), wrapped to the chart's width when drawn.
func Message(s Style, title, msg string) *plot.Plot {
	p := newPlot(s, title, "", "")
	p.HideAxes()
	// The charts' font (plot.DefaultFont: the Chinese one in Chinese, see
	// look.UseChartFont), whose glyphs a Chinese message needs; plotter's
	// labels started from their own Latin default.
	f := plot.DefaultFont
	f.Size = s.FontSize + 1
	p.Add(note{text: msg, style: text.Style{Color: s.Muted, Font: f, XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}})
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	return p
}

// note is a message drawn in the middle of the data area, its words
// wrapped to fit the area's width: gonum/plot draws no part of a label
// wider than its canvas, and a chart's messages are sentences in charts a
// third of the window wide.
type note struct {
	text  string
	style text.Style
}

func (n note) Plot(c draw.Canvas, _ *plot.Plot) {
	lines := wrapWords(n.text, 0.94*(c.Max.X-c.Min.X), n.style.Width)
	step := n.style.Font.Size * 1.35
	mid := c.Center()
	y := mid.Y + step*vg.Length(len(lines)-1)/2
	for _, l := range lines {
		c.FillText(n.style, vg.Point{X: mid.X, Y: y}, l)
		y -= step
	}
}

// wrapWords breaks s into lines no wider than max (as width measures
// them), between words, and between any two Chinese characters (Chinese
// has no spaces); a word wider than max gets a line of its own.
func wrapWords(s string, max vg.Length, width func(string) vg.Length) []string {
	var tokens []string // words with their trailing space, and single CJK runes
	cur := ""
	for _, r := range s {
		switch {
		case r == ' ':
			tokens, cur = append(tokens, cur+" "), ""
		case unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef):
			if cur != "" {
				tokens = append(tokens, cur)
			}
			tokens, cur = append(tokens, string(r)), ""
		default:
			cur += string(r)
		}
	}
	if cur != "" {
		tokens = append(tokens, cur)
	}
	var lines []string
	line := ""
	for _, t := range tokens {
		if line != "" && width(strings.TrimRight(line+t, " ")) > max {
			lines, line = append(lines, strings.TrimRight(line, " ")), ""
		}
		line += t
	}
	if line = strings.TrimRight(line, " "); line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// Legend placement: a legend has no background, so a curve under it makes
// both unreadable (the loss legend sat on the lines, the clipping
// threshold ran through the gradient legend).
const (
	legendWidth = 0.45 // share of the data area's width a legend takes
	legendRow   = 0.08 // share of its height per legend entry
	maxHeadroom = 0.45 // the most of the height given to a legend above the data
)

// placeLegend puts p's legend of rows entries in the corner of the data
// area that covers the fewest points of xys and of the horizontal lines
// at hys and vertical lines at vxs; when every corner covers some, it
// raises the top of the y axis so that the legend, top left (top right when
// only the left holds a vertical line), sits above the data. Call it after
// everything is added and the axis ranges are final.
func placeLegend(p *plot.Plot, rows int, xys []plotter.XYs, hys, vxs []float64) {
	if rows == 0 || !(p.X.Max > p.X.Min) || !(p.Y.Max > p.Y.Min) {
		return
	}
	h := legendHeight(rows)
	best, bestN := corner{true, true}, math.MaxInt
	for _, c := range []corner{{true, true}, {true, false}, {false, true}, {false, false}} {
		if n := covered(p, c, h, xys, hys, vxs); n < bestN {
			best, bestN = c, n
		}
	}
	p.Legend.Top, p.Legend.Left = best.top, best.left
	if bestN == 0 {
		return
	}
	p.Legend.Top, p.Legend.Left = true, true
	if covered(p, corner{true, true}, 1, nil, nil, vxs) > 0 && covered(p, corner{true, false}, 1, nil, nil, vxs) == 0 {
		p.Legend.Left = false
	}
	raiseTop(p, h)
}

// placeLegends puts p's legend of rows entries top left and second, of
// secondRows entries, top right, raising the top of the y axis when either
// would cover a point of xys.
func placeLegends(p *plot.Plot, rows int, second *plot.Legend, secondRows int, xys []plotter.XYs) {
	if !(p.X.Max > p.X.Min) || !(p.Y.Max > p.Y.Min) {
		return
	}
	p.Legend.Top, p.Legend.Left = true, true
	second.Top, second.Left = true, false
	h := legendHeight(max(rows, secondRows))
	if covered(p, corner{true, true}, legendHeight(rows), xys, nil, nil) > 0 || covered(p, corner{true, false}, legendHeight(secondRows), xys, nil, nil) > 0 {
		raiseTop(p, h)
	}
}

type corner struct{ top, left bool }

// legendHeight is the share of the data area's height a legend of rows
// entries takes.
func legendHeight(rows int) float64 { return math.Min(legendRow*float64(rows)+0.04, maxHeadroom) }

// covered counts what a legend in corner c, h of the height tall, would
// cover: points of xys, and (1000 each) horizontal lines at hys and
// vertical lines at vxs.
func covered(p *plot.Plot, c corner, h float64, xys []plotter.XYs, hys, vxs []float64) int {
	nx := func(x float64) float64 { return p.X.Scale.Normalize(p.X.Min, p.X.Max, x) }
	ny := func(y float64) float64 { return p.Y.Scale.Normalize(p.Y.Min, p.Y.Max, y) }
	in := func(x, y float64) bool {
		inX := (c.left && x <= legendWidth) || (!c.left && x >= 1-legendWidth)
		inY := (c.top && y >= 1-h) || (!c.top && y <= h)
		return inX && inY
	}
	n := 0
	for _, xy := range xys {
		for _, pt := range xy {
			if in(nx(pt.X), ny(pt.Y)) {
				n++
			}
		}
	}
	for _, y := range hys {
		if in(0.5*legendWidth, ny(y)) || in(1-0.5*legendWidth, ny(y)) {
			n += 1000 // a line across the whole legend
		}
	}
	for _, x := range vxs {
		if in(nx(x), 1-0.5*h) || in(nx(x), 0.5*h) {
			n += 1000
		}
	}
	return n
}

// raiseTop raises the top of p's y axis so that the data keep the lower
// 1-h of the height.
func raiseTop(p *plot.Plot, h float64) {
	if _, isLog := p.Y.Scale.(plot.LogScale); isLog && p.Y.Min > 0 {
		lo, hi := math.Log(p.Y.Min), math.Log(p.Y.Max)
		p.Y.Max = math.Exp(lo + (hi-lo)/(1-h))
		return
	}
	p.Y.Max = p.Y.Min + (p.Y.Max-p.Y.Min)/(1-h)
}

// legendPlotter draws a second legend (a plot draws only its own).
type legendPlotter struct{ l *plot.Legend }

func (lp legendPlotter) Plot(c draw.Canvas, _ *plot.Plot) { lp.l.Draw(c) }
