package ui

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/ui/chart"
)

// longRun records a 10,000-epoch run of 20 steps each (200,000 steps) with
// a 48-step window: the bounded history a chart redraw starts from.
func longRun() *monitor.History {
	rng := rand.New(rand.NewPCG(1, 2))
	h := monitor.NewHistory()
	o := h
	prof := make([]float64, 48)
	for e := 1; e <= 10000; e++ {
		for s := 1; s <= 20; s++ {
			g := math.Exp(rng.NormFloat64()) / math.Sqrt(float64(e))
			o.Step(fit.StepEvent{Epoch: e, Step: s, Loss: 1 / float64(e), GradNorm: g, ClippedNorm: math.Min(g, 1)})
		}
		for t := range prof {
			prof[t] = math.Pow(0.85, float64(47-t)) / float64(e)
		}
		o.Epoch(fit.EpochEvent{Epoch: e, TrainLoss: 1 / float64(e), ValLoss: 1.1/float64(e) + 0.01*rng.Float64(), HGradByTime: [][]float64{prof}})
	}
	return h
}

// BenchmarkRenderLossChart is one frame of the live loss chart at 800×300
// px: copy the session's bounded history, build the plot, rasterise it.
func BenchmarkRenderLossChart(b *testing.B) {
	h := longRun()
	st := chart.Light()
	for b.Loop() {
		c := h.Copy()
		chart.Render(chart.Loss(st, c, 800), 800, 300, 1)
	}
}

// BenchmarkRenderTrainingFrame is one redraw of all three live charts
// (loss, gradient norm, heat map) at 800×300 px each.
func BenchmarkRenderTrainingFrame(b *testing.B) {
	h := longRun()
	st := chart.Light()
	for b.Loop() {
		c := h.Copy()
		chart.Render(chart.Loss(st, c, 800), 800, 300, 1)
		chart.Render(chart.GradNorm(st, c, config.ClipNorm, 1, 800), 800, 300, 1)
		chart.Render(chart.Heat(st, c.Heat(0)), 800, 300, 1)
	}
}

// BenchmarkRenderSeries100k draws a 100,000-point series preview at
// 800×300 px (decimated to min/max per pixel column first).
func BenchmarkRenderSeries100k(b *testing.B) {
	n := 100000
	x, y := make([]float64, n), make([]float64, n)
	t0 := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(3, 4))
	v := 0.0
	for i := range x {
		x[i] = float64(t0.Add(time.Duration(i) * time.Hour).Unix())
		v += rng.NormFloat64()
		y[i] = v + 20*rng.NormFloat64() // noise spanning each pixel column: the rasteriser's worst case
	}
	ts := chart.TS{Name: "random walk", X: x, Y: y, Time: true}
	st := chart.Light()
	for b.Loop() {
		chart.Render(chart.SeriesPreview(st, ts, chart.Spans{ValStart: 80000, TestStart: 99000}, 800), 800, 300, 1)
	}
}
