package view

import (
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/ui/chart"
)

// TestChartQueuesOneFrame: while the UI goroutine runs nothing (a slow
// frame under load), a chart marked dirty again and again hands it one
// frame, not one per render that the window would replay late; once that
// frame is shown, the chart renders again.
func TestChartQueuesOneFrame(t *testing.T) {
	h := newTestHost(t)
	var mu sync.Mutex
	var queued []func()
	h.Do = func(f func()) { // a UI goroutine that is busy: nothing runs
		mu.Lock()
		queued = append(queued, f)
		mu.Unlock()
	}
	c := NewChart(h, 100, 80)
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(200, 150))
	c.Set(func(st chart.Style, px int) *plot.Plot { return plot.New() })
	for range 6 { // 6 × 150 ms: six frames' worth at MinFrame = 100 ms
		c.MarkDirty()
		time.Sleep(150 * time.Millisecond)
	}
	mu.Lock()
	n := len(queued)
	mu.Unlock()
	if n != 1 {
		t.Fatalf("%d frames queued on a busy UI goroutine; want 1", n)
	}
	mu.Lock()
	f := queued[0]
	queued = nil
	mu.Unlock()
	f() // the UI goroutine catches up
	c.MarkDirty()
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		n = len(queued)
		mu.Unlock()
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no frame queued after the first was shown")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestFitTitle: a title wider than its chart is cut at a word with "…" and
// then fits; one that fits is left alone.
func TestFitTitle(t *testing.T) {
	st := chart.Dark()
	long := "Clip rate: share of each epoch's steps clipped (norm at 1)"
	p := chart.Message(st, long, "")
	w := p.Title.TextStyle.Width(long)
	fitTitle(p, w)
	if p.Title.Text != long {
		t.Errorf("a title that fits became %q", p.Title.Text)
	}
	fitTitle(p, w/2)
	if got := p.Title.Text; !strings.HasSuffix(got, "…") || p.Title.TextStyle.Width(got) > w/2 || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("cut to half its width: %q (%v of %v)", got, p.Title.TextStyle.Width(got), w/2)
	}
}

// TestChartSurvivesAPanickingPlot: a plot builder or gonum/plot panicking
// (a log axis with nothing on it did, under Xvfb) is drawn as a message
// and the chart goes on drawing; before, the chart's goroutine died and
// took the window with it.
func TestChartSurvivesAPanickingPlot(t *testing.T) {
	h := newTestHost(t)
	c := NewChart(h, 100, 80)
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(300, 200))
	wait := func(n int64) {
		deadline := time.Now().Add(10 * time.Second)
		for c.renders.Load() < n {
			if time.Now().After(deadline) {
				t.Fatalf("%d frames rendered; want %d", c.renders.Load(), n)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	c.Set(func(st chart.Style, px int) *plot.Plot { panic("a bad plot") })
	wait(1)
	c.Set(func(st chart.Style, px int) *plot.Plot {
		p := plot.New()
		p.Y.Scale = plot.LogScale{} // nothing on it: gonum panics on its −1…1 range unless drawable steps in
		return p
	})
	wait(2)
	c.Set(func(st chart.Style, px int) *plot.Plot { return plot.New() })
	wait(3)
}
