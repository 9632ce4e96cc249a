package view

import (
	"image"
	"log"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/global"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// PlotFunc builds a chart for a width of px pixels in the given style. It is
// called off the UI goroutine and must only read data it owns (snapshots).
type PlotFunc func(st chart.Style, px int) *plot.Plot

// PanelsFunc is PlotFunc for several plots stacked top to bottom with
// their data areas aligned (chart.RenderPanels).
type PanelsFunc func(st chart.Style, px int) []*plot.Plot

// Host is what a view needs from its window: running a function on the
// UI goroutine (Do, fyne.Do underneath) or off it (Background, counted in
// BG), the chart style, and the channels closed when the window is built
// (Ready) and when it closes (Done). Render goroutines exit on Done.
type Host struct {
	Do          func(func())
	Background  func(func())
	Style       *atomic.Pointer[chart.Style]
	Ready, Done <-chan struct{}
	BG          *sync.WaitGroup
	// Explain turns an error into what went wrong, for a person (one
	// bounded line).
	Explain func(error) string

	// For the tabs that run jobs: the session, the window's dialogs, and
	// what to tell the other tabs when the shared job slot changes.
	Session       *app.Session
	ShowError     func(title string, err error)
	ShowMessage   func(title, what, todo string)
	SaveDialog    func(title, name string, exts []string, write func(path string) error)
	JobsChanged   func() // a job started or ended: the tabs update their buttons
	SettingsValid func() bool
}

// MethodLabels names each forecasting method for people, in English (the
// reports written to files); MethodLabel is the window's.
var MethodLabels = map[string]string{
	forecast.MethodLSTM:          "LSTM",
	forecast.MethodNaive:         i18n.N("Naive"),
	forecast.MethodSeasonalNaive: i18n.N("Seasonal naive"),
	forecast.MethodDrift:         i18n.N("Drift"),
	forecast.MethodETS:           i18n.N("ETS (Holt-Winters)"),
	forecast.MethodAutoETS:       i18n.N("ETS (auto, AICc)"),
	forecast.MethodTheta:         i18n.N("Theta"),
	forecast.MethodARIMA:         i18n.N("ARIMA (auto)"),
	forecast.MethodComb:          i18n.N("ETS+ARIMA+Theta mean"),
	forecast.MethodRecommended:   i18n.N("Recommended"),
	global.MethodGlobal:          i18n.N("Global LSTM"), // a part of a panel's choice ("global+auto_ets")
}

// MinFrame is the shortest time between two redraws of one chart (at most
// ten frames a second).
const MinFrame = 100 * time.Millisecond

// Chart shows a gonum/plot chart. Setting a new PlotFunc or resizing
// marks it dirty; its own goroutine renders the plot to an image at the
// widget's pixel size and swaps it in with fyne.Do, at most ten times a
// second and never while its previous frame is still queued. The UI
// goroutine never renders and never waits.
//
// The render goroutine starts with the view and exits when done is closed.
type Chart struct {
	widget.BaseWidget
	img *canvas.Image

	build   atomic.Pointer[PanelsFunc] // a PlotFunc is stored as one panel
	style   *atomic.Pointer[chart.Style]
	dirty   chan struct{}
	do      func(func()) // runs a function on the UI goroutine
	renders atomic.Int64 // frames rendered, for tests

	mu            sync.Mutex
	w, h, scale   float32
	minW, minH    float32
	lastRenderDur time.Duration
}

// NewChart returns a chart view of the host's window, at least minW × minH.
func NewChart(h *Host, minW, minH float32) *Chart {
	style, done, ready := h.Style, h.Done, h.Ready
	c := &Chart{
		do:    h.Do,
		img:   canvas.NewImageFromImage(image.NewNRGBA(image.Rect(0, 0, 1, 1))),
		style: style,
		dirty: make(chan struct{}, 1),
		minW:  minW, minH: minH,
	}
	c.img.FillMode = canvas.ImageFillStretch
	c.img.ScaleMode = canvas.ImageScaleSmooth
	c.ExtendBaseWidget(c)
	h.BG.Add(1)
	go func() {
		defer h.BG.Done()
		select { // wait until the window is built (see NewWithSession)
		case <-ready:
		case <-done:
			return
		}
		c.loop(done)
	}()
	return c
}

// Set replaces the chart's content; safe from any goroutine.
func (c *Chart) Set(f PlotFunc) {
	c.SetPanels(func(st chart.Style, px int) []*plot.Plot { return []*plot.Plot{f(st, px)} })
}

// SetPanels replaces the chart's content with stacked panels; safe from
// any goroutine.
func (c *Chart) SetPanels(f PanelsFunc) {
	c.build.Store(&f)
	c.MarkDirty()
}

func (c *Chart) MarkDirty() {
	select {
	case c.dirty <- struct{}{}:
	default:
	}
}

// Plot builds the current plot for export at px pixels wide, in the light
// style (exports go into documents and slides): the first panel when there
// are several (see Panels).
func (c *Chart) Plot(px int) *plot.Plot {
	ps := c.Panels(px)
	if len(ps) == 0 {
		return nil
	}
	return ps[0]
}

// Panels builds the current panels for export at px pixels wide, in the
// light style.
func (c *Chart) Panels(px int) []*plot.Plot {
	f := c.build.Load()
	if f == nil {
		return nil
	}
	return (*f)(chart.Light(), px)
}

// render builds and draws the chart at pw×ph pixels. A panic in a plot
// builder or in gonum/plot is caught here and drawn as a message naming
// it: this goroutine is the window's, and a chart that cannot be drawn
// must not take the window and the user's unsaved work with it.
func (c *Chart) render(build PanelsFunc, pw, ph int, scale float32) (img image.Image) {
	st := *c.style.Load()
	st.Scale = scale
	defer func() {
		if r := recover(); r != nil {
			log.Printf("chart: cannot draw: %v\n%s", r, debug.Stack())
			img = chart.Render(chart.Message(st, "", i18n.T("This chart could not be drawn (%v). Your data and runs are unaffected.", r)), pw, ph, scale)
		}
	}()
	ps := build(st, pw)
	for _, p := range ps {
		fitTitle(p, vg.Length(float64(pw)*72/float64(chart.DPI(scale)))-12)
		chart.FitXTicks(p, vg.Length(float64(pw)*72/float64(chart.DPI(scale)))*0.85) // less the y axis' labels
		localTicks(p)
	}
	if len(ps) == 1 {
		return chart.Render(ps[0], pw, ph, scale)
	}
	return chart.RenderPanels(ps, pw, ph, scale)
}

func (c *Chart) loop(done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case <-c.dirty:
		}
		t0 := time.Now()
		f := c.build.Load()
		c.mu.Lock()
		w, h, scale := c.w, c.h, c.scale
		c.mu.Unlock()
		if f != nil && w >= 8 && h >= 8 {
			if scale <= 0 {
				scale = 1
			}
			pw, ph := int(w*scale+0.5), int(h*scale+0.5)
			img := c.render(*f, pw, ph, scale)
			c.mu.Lock()
			c.lastRenderDur = time.Since(t0)
			c.mu.Unlock()
			// Wait until the UI goroutine has swapped this frame in before
			// rendering the next: a UI goroutine that falls behind then
			// holds one frame of this chart, not a queue of stale ones.
			shown := make(chan struct{})
			c.do(func() {
				c.img.Image = img
				c.img.Refresh()
				close(shown)
			})
			select {
			case <-shown:
			case <-done:
				return
			}
			c.renders.Add(1)
		}
		if d := MinFrame - time.Since(t0); d > 0 {
			select {
			case <-done:
				return
			case <-time.After(d):
			}
		}
	}
}

func (c *Chart) MinSize() fyne.Size { return fyne.NewSize(c.minW, c.minH) }

func (c *Chart) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{c: c}
}

type chartRenderer struct{ c *Chart }

func (r *chartRenderer) Layout(size fyne.Size) {
	c := r.c
	c.img.Resize(size)
	c.img.Move(fyne.NewPos(0, 0))
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		scale = cv.Scale()
	}
	c.mu.Lock()
	changed := c.w != size.Width || c.h != size.Height || c.scale != scale
	c.w, c.h, c.scale = size.Width, size.Height, scale
	c.mu.Unlock()
	if changed {
		c.MarkDirty()
	}
}

func (r *chartRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *chartRenderer) Refresh()                     { r.c.img.Refresh() }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.img} }
func (r *chartRenderer) Destroy()                     {}

// fitTitle shortens p's title, at a word, with "…", to fit w points: a
// narrow chart (a 1024-pixel window) otherwise cuts its title at both
// ends. Exports render their own plots at full width and keep the whole
// title.
func fitTitle(p *plot.Plot, w vg.Length) {
	if p == nil {
		return
	}
	st := p.Title.TextStyle
	t := p.Title.Text
	if t == "" || st.Font.Size == 0 || st.Width(t) <= w {
		return
	}
	words := strings.Fields(t)
	for n := len(words) - 1; n >= 1; n-- {
		s := strings.TrimRight(strings.Join(words[:n], " "), " ,;:·—–(") + "…"
		if st.Width(s) <= w {
			p.Title.Text = s
			return
		}
	}
	p.Title.Text = words[0]
}

// localTicks makes p's axes label their numbers and months as the
// window's language writes them (axisLabel); the exported charts keep
// English.
func localTicks(p *plot.Plot) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		if a.Tick.Marker != nil {
			a.Tick.Marker = localMarker{a.Tick.Marker}
		}
	}
}

// localMarker is a Ticker whose labels are written with axisLabel.
type localMarker struct{ plot.Ticker }

func (m localMarker) Ticks(min, max float64) []plot.Tick {
	ts := m.Ticker.Ticks(min, max)
	for i := range ts {
		ts[i].Label = axisLabel(ts[i].Label)
	}
	return ts
}
