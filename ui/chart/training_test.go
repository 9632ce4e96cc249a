package chart

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
)

// twoLayerRun is the telemetry of a two-layer run of 300 epochs whose
// gate norms spread over three decades and whose clipping eases off, with
// a learning rate halved at epoch 150.
func twoLayerRun() *monitor.History {
	h := monitor.NewHistory()
	for e := 1; e <= 300; e++ {
		for s := 1; s <= 10; s++ {
			g := math.Pow(10, -2+3*float64(s)/10) / float64(e)
			h.Step(fit.StepEvent{Epoch: e, Step: s, GradNorm: g, ClippedNorm: math.Min(g, 1), Clipped: g > 1,
				LayerNorms: []float64{g, g / 10}, GateNorms: [][4]float64{{g / 2, g / 3, g / 4, g / 5}, {g / 20, g / 30, g / 40, g / 50}}})
		}
		lr := 0.01
		if e > 150 {
			lr = 0.005
		}
		clipped := max(0, 10-e/10)
		prof := [][]float64{{1, 2, 3, 4}, {1e-4, 1e-2, 0.1, 1}}
		h.Epoch(fit.EpochEvent{Epoch: e, Steps: 10 * e, Clipped: clipped, LR: lr, TrainLoss: 1, ValLoss: 1, HGradByTime: prof})
	}
	return h
}

// TestRenderTrainingCharts draws the norm histogram of a layer and of a
// gate, the clip-rate and learning-rate panels and the second layer's heat
// map, in both styles, and exports the panels as PNG and SVG.
func TestRenderTrainingCharts(t *testing.T) {
	h := twoLayerRun()
	for _, st := range []struct {
		name string
		s    Style
	}{{"light", Light()}, {"dark", Dark()}} {
		plots := map[string]*plot.Plot{
			"norms-layer": NormHistogram(st.s, "Layer 1", h.LayerNorms[0]),
			"norms-gate":  NormHistogram(st.s, "Layer 2 · forget gate", h.GateNorms[1][1]),
			"heat-2":      LayerHeat(st.s, h.Heat(1), 2, 2),
		}
		for name, p := range plots {
			if isMessage(p) {
				t.Errorf("%s: a message plot for valid data", name)
			}
			img := Render(p, 500, 300, 1)
			if inked(img) < 500*300/20 {
				t.Errorf("%s %s: %d inked pixels", st.name, name, inked(img))
			}
			save(t, st.name+"-"+name, img)
		}
		panels := ClipAndLR(st.s, h, config.ClipNorm, 1, 500)
		if len(panels) != 2 || isMessage(panels[0]) || isMessage(panels[1]) {
			t.Fatalf("ClipAndLR: %d panels, messages %v", len(panels), panels)
		}
		img := RenderPanels(panels, 500, 400, 1)
		if inked(img) < 500*400/50 {
			t.Errorf("%s clip and lr: %d inked pixels", st.name, inked(img))
		}
		save(t, st.name+"-clip-lr", img)
	}
	if p := LayerHeat(Light(), h.Heat(1), 2, 2); !strings.HasPrefix(p.Title.Text, "Layer 2:") {
		t.Errorf("heat map title %q does not name the layer", p.Title.Text)
	}
	if ps := ClipAndLR(Light(), h, config.ClipNone, 0, 400); !isMessage(ps[0]) {
		t.Error("clip rate drawn although clipping is off")
	}
	for _, ext := range []string{"png", "svg"} {
		b, err := EncodePanels(ClipAndLR(Light(), h, config.ClipNorm, 1, 600), "x."+ext, 6*vg.Inch, 4*vg.Inch)
		if err != nil || len(b) < 1000 {
			t.Fatalf("EncodePanels %s: %d bytes, %v", ext, len(b), err)
		}
		if ext == "png" {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil || inked(img) < 1000 {
				t.Errorf("exported PNG: %v", err)
			}
		}
	}
	if _, err := EncodePanels(ClipAndLR(Light(), h, config.ClipNorm, 1, 600), "x.txt", vg.Inch, vg.Inch); err == nil {
		t.Error("EncodePanels accepted a .txt name")
	}
}

// TestNormHistogramShowsOpenEpoch: before an epoch ends its steps are shown
// as the last column; no step yet, or only non-finite ones, give a message.
func TestNormHistogramShowsOpenEpoch(t *testing.T) {
	h := monitor.NewHistory()
	if p := NormHistogram(Light(), "Layer 1", monitor.NormHist{}); !isMessage(p) {
		t.Error("empty histogram drawn")
	}
	h.Step(fit.StepEvent{LayerNorms: []float64{0.3}, GateNorms: make([][4]float64, 1)})
	if p := NormHistogram(Light(), "Layer 1", h.LayerNorms[0]); isMessage(p) {
		t.Error("the open epoch's step is not drawn")
	}
	var nh monitor.NormHist
	nh.Add(math.NaN())
	if p := NormHistogram(Light(), "Layer 1", nh); !isMessage(p) || !strings.Contains(p.Title.Text, "Gradient norms") {
		t.Errorf("non-finite only: %q", p.Title.Text)
	}
}

// TestRenderBacktestCharts draws rolling-origin windows on AirPassengers
// and per-step MASE and coverage; bad windows give a message.
func TestRenderBacktestCharts(t *testing.T) {
	s := airPassengers(t)
	x, isTime := FromTimes(s.Times, s.Len())
	ts := TS{Name: "passengers", X: x, Y: s.Values, Time: isTime}
	var wins []BacktestWindow
	for _, start := range []int{120, 126, 132} {
		w := BacktestWindow{Start: start}
		for k := range 12 {
			v := s.Values[start-12+k] * 1.1
			w.Pred = append(w.Pred, v)
			w.Lo95, w.Hi95 = append(w.Lo95, v-30), append(w.Hi95, v+30)
		}
		wins = append(wins, w)
	}
	mase := []StepCurve{{Label: "LSTM", Y: []float64{0.5, 0.6, 0.8, 0.9}, Bold: true}, {Label: "Naive", Y: []float64{1, 2, math.NaN(), 3}}}
	plots := map[string]*plot.Plot{
		"windows":  BacktestWindows(Light(), ts, wins, 800),
		"mase":     PerStep(Light(), "MASE per step", "MASE", mase, []Reference{{"1 = in-sample seasonal naive", 1}}, false),
		"coverage": PerStep(Light(), "Coverage per step", "covered", []StepCurve{{Label: "80 %", Y: []float64{0.5, 1, 0.75, 1}}}, []Reference{{"nominal 80 %", 0.8}}, true),
	}
	for name, p := range plots {
		if isMessage(p) {
			t.Errorf("%s: a message plot for valid data", name)
		}
		img := Render(p, 600, 300, 1)
		if inked(img) < 600*300/50 {
			t.Errorf("%s: %d inked pixels", name, inked(img))
		}
		save(t, "backtest-"+name, img)
	}
	for name, p := range map[string]*plot.Plot{
		"no windows":    BacktestWindows(Light(), ts, nil, 400),
		"window at 0":   BacktestWindows(Light(), ts, []BacktestWindow{{Start: 0, Pred: []float64{1}}}, 400),
		"no series":     BacktestWindows(Light(), TS{}, wins, 400),
		"no step curve": PerStep(Light(), "MASE", "", nil, nil, false),
		"all NaN":       PerStep(Light(), "MASE", "", []StepCurve{{Y: []float64{math.NaN()}}}, nil, false),
	} {
		if !isMessage(p) {
			t.Errorf("%s: a data plot; want a message", name)
		}
	}
}

// TestNormTicksNameNorms: the y ticks of a norm histogram name norms, in
// decades over a wide range and at the bins' edges over a narrow one,
// never the row numbers.
func TestNormTicksNameNorms(t *testing.T) {
	for _, c := range []struct {
		values []float64
		want   []string
	}{
		{[]float64{0.12, 0.2, 0.3}, []string{"0.1", "0.18", "0.32"}},
		{[]float64{1e-4, 0.5, 20}, []string{"1e-04", "0.01", "1"}},
	} {
		var nh monitor.NormHist
		for _, v := range c.values {
			nh.Add(v)
		}
		p := NormHistogram(Light(), "Layer 1", nh)
		var labels []string
		for _, tk := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		got := strings.Join(labels, " ")
		for _, w := range c.want {
			if !strings.Contains(" "+got+" ", " "+w+" ") {
				t.Errorf("norms %v: tick labels %q lack %q", c.values, got, w)
			}
		}
	}
}

// TestPercentTicks: the clip-rate panel is short, so only 0 %, 50 % and
// 100 % are labelled (five labels overlapped under Xvfb); 25 and 75 stay
// as unlabelled ticks.
func TestPercentTicks(t *testing.T) {
	var labels []string
	for _, tk := range (percentTicks{}).Ticks(0, 100) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if strings.Join(labels, " ") != "0% 50% 100%" {
		t.Errorf("labels %q; want 0%% 50%% 100%%", labels)
	}
}
