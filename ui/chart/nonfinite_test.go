package chart

import (
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
)

// TestLogChartsWithoutFiniteValues: a run whose losses and gradient norms
// are not finite (a network that diverged at its first step), or a
// comparison or experiment with nothing positive to draw, gives log-scale
// charts with no point on them. gonum/plot panics on such an axis (its
// empty range is −1…1); the window's chart goroutine died with it and took
// the app and the user's unsaved work along (seen once under Xvfb). Each
// says in words that there is nothing to draw, and renders, in both
// styles, to PNG and SVG; so does a bare log chart with no point or one
// value (the safety net, drawable).
func TestLogChartsWithoutFiniteValues(t *testing.T) {
	h := monitor.NewHistory()
	for e := 1; e <= 3; e++ {
		h.Step(fit.StepEvent{Epoch: e, Step: 1, GradNorm: math.Inf(1), ClippedNorm: math.NaN()})
		h.Epoch(fit.EpochEvent{Epoch: e, Steps: e, LR: 0.01, TrainLoss: math.NaN(), ValLoss: math.Inf(1)})
	}
	res := &experiment.Result{Target: math.NaN(), Cells: []experiment.CellSummary{{Name: "a", ValMedian: []float64{math.NaN(), -1}, Profile: []float64{0, math.Inf(1)}}}}
	for _, s := range []Style{Light(), Dark()} {
		plots := map[string]*plot.Plot{
			"loss":        Loss(s, h, 400),
			"grad":        GradNorm(s, h, config.ClipNorm, 1, 400),
			"grad-noclip": GradNorm(s, h, config.ClipNone, 0, 400),
			"compare":     Compare(s, "Validation loss", "epoch", "loss (log)", []RunCurve{{Label: "run 1", Curve: h.ValLoss.Buckets()}}, true, 400),
			"exp-curves":  ExperimentCurves(s, res),
			"exp-prof":    ExperimentProfiles(s, res),
		}
		for _, p := range ClipAndLR(s, h, config.ClipNorm, 1, 400) {
			plots["cliplr-"+p.Title.Text] = p
		}
		for name, p := range plots {
			if !isMessage(p) && !strings.HasPrefix(name, "cliplr") {
				t.Errorf("%s: a chart with nothing finite on it; want a message saying so", name)
			}
		}
		bare := newPlot(s, "bare", "", "")
		setLogY(bare)
		plots["bare"] = bare
		one := newPlot(s, "one value", "", "")
		setLogY(one)
		one.Add(&hline{Y: 0.5, Color: s.Muted})
		plots["one"] = one
		for name, p := range plots {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s: %v", name, r)
					}
				}()
				if img := Render(p, 400, 300, 1); img.Bounds().Dx() != 400 {
					t.Errorf("%s: %v", name, img.Bounds())
				}
				for _, f := range []string{"x.png", "x.svg"} {
					if _, err := Encode(p, f, 300, 200); err != nil {
						t.Errorf("%s %s: %v", name, f, err)
					}
				}
			}()
		}
	}
}

// TestLossWithOneFiniteCurve: a run whose validation loss is not finite
// but whose training loss is still draws the training loss.
func TestLossWithOneFiniteCurve(t *testing.T) {
	h := monitor.NewHistory()
	for e := 1; e <= 5; e++ {
		h.Epoch(fit.EpochEvent{Epoch: e, Steps: e, LR: 0.01, TrainLoss: 1 / float64(e), ValLoss: math.NaN()})
	}
	p := Loss(Light(), h, 400)
	if isMessage(p) {
		t.Fatal("a message for a run with a finite training loss")
	}
	if img := Render(p, 400, 300, 1); inked(img) < 400*300/50 {
		t.Errorf("%d inked pixels", inked(img))
	}
}

// TestMessageWraps: a message wider than its chart is wrapped between
// words and drawn; gonum/plot drew no part of a label wider than its
// canvas, so the Compare tab's third-of-the-window charts showed a title
// over nothing.
func TestMessageWraps(t *testing.T) {
	long := "None of the runs ticked trained a network, so there is no curve to draw"
	inkedMid := func(msg string) int {
		img := Render(Message(Light(), "Validation loss", msg), 300, 220, 1)
		bg, n := img.At(0, 0), 0
		for y := 40; y < 200; y++ {
			for x := 0; x < 300; x++ {
				if img.At(x, y) != bg {
					n++
				}
			}
		}
		return n
	}
	if empty, got := inkedMid(""), inkedMid(long); got < empty+300 {
		t.Errorf("a long message inked %d pixels, an empty one %d: not drawn", got, empty)
	}
	width := func(s string) vg.Length { return vg.Length(len([]rune(s))) }
	for _, c := range []struct {
		in   string
		max  vg.Length
		want []string
	}{
		{"no curve to draw here", 10, []string{"no curve", "to draw", "here"}},
		{"short", 10, []string{"short"}},
		{"", 10, []string{""}},
		{"averyverylongword and more", 10, []string{"averyverylongword", "and more"}},
		{"没有可绘制的曲线", 3, []string{"没有可", "绘制的", "曲线"}},
	} {
		if got := wrapWords(c.in, c.max, width); !slices.Equal(got, c.want) {
			t.Errorf("wrapWords(%q, %v) = %q; want %q", c.in, c.max, got, c.want)
		}
	}
}
