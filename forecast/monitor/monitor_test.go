package monitor

import (
	"math"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
)

func TestCurveBounded(t *testing.T) {
	var c Curve
	c.Cap = 256
	n := 1_000_000
	for i := 0; i < n; i++ {
		y := math.Sin(float64(i) / 1000)
		if i == 777_777 {
			y = 1e6
		}
		if i == 3 {
			y = math.NaN()
		}
		c.Add(float64(i), y)
	}
	b := c.Buckets()
	if len(b) > 257 || len(b) < 64 {
		t.Errorf("%d buckets; want 64..257", len(b))
	}
	peak, cnt := 0.0, 0
	for i, k := range b {
		peak = math.Max(peak, k.Max)
		cnt += k.N
		if i > 0 && k.X0 <= b[i-1].X1 {
			t.Fatalf("buckets overlap at %d", i)
		}
	}
	if peak != 1e6 {
		t.Errorf("spike lost: max %g", peak)
	}
	if cnt != n-1 || c.Len() != n {
		t.Errorf("counted %d finite of %d; want %d of %d", cnt, c.Len(), n-1, n)
	}
}

func TestHistoryBounded(t *testing.T) {
	h := NewHistory()
	o := h
	for e := 1; e <= 10000; e++ {
		for s := 1; s <= 20; s++ {
			o.Step(forecast.StepEvent{Epoch: e, Step: s, Loss: 1, GradNorm: 1, ClippedNorm: 1})
		}
		o.Epoch(forecast.EpochEvent{Epoch: e, TrainLoss: 1, ValLoss: 1, HGradByTime: [][]float64{make([]float64, 48)}})
	}
	if n := len(h.GradNorm.Buckets()); n > 2048 {
		t.Errorf("grad-norm curve %d buckets", n)
	}
	if n := len(h.TrainLoss.Buckets()); n > 1024 {
		t.Errorf("loss curve %d buckets", n)
	}
	if n := len(h.Heat.Cols); n > 240 || n < 100 {
		t.Errorf("heat map %d columns; want 100..240", n)
	}
	if h.Heat.Epochs[len(h.Heat.Epochs)-1] != 10000 {
		t.Errorf("last heat column is epoch %g; want 10000", h.Heat.Epochs[len(h.Heat.Epochs)-1])
	}
}

func TestDiagnose(t *testing.T) {
	// a run whose gradient reaching the oldest step is 1e-5 of the newest
	h := NewHistory()
	prof := make([]float64, 24)
	for t := range prof {
		prof[t] = math.Pow(10, -5+5*float64(t)/23)
	}
	h.Step(forecast.StepEvent{Epoch: 1, Step: 1, Loss: 1, GradNorm: 0.5, ClippedNorm: 0.5})
	h.Epoch(forecast.EpochEvent{Epoch: 1, TrainLoss: 1, ValLoss: 1, HGradByTime: [][]float64{prof}})
	f := Diagnose(h, &forecast.Result{StopReason: config.StopCompleted, BestEpoch: 1}, config.DefaultSettings())
	var vanishing bool
	for _, x := range f {
		if x.Title == "Vanishing gradient" && x.Level == Warn {
			vanishing = true
		}
	}
	if !vanishing {
		t.Errorf("Diagnose did not flag the fake 1e-5 profile as vanishing: %+v", f)
	}
	div := &forecast.Result{StopReason: config.StopDiverged, Diagnosis: "gradient norm rose 10⁴× in 3 steps: enable clipping", BestEpoch: 4}
	f = Diagnose(NewHistory(), div, config.DefaultSettings())
	if len(f) == 0 || f[0].Level != Bad || !strings.Contains(f[0].Detail, "enable clipping") {
		t.Errorf("diverged run: %+v", f)
	}
}

func TestFraction1(t *testing.T) {
	for _, c := range []struct {
		r    float64
		want string
	}{{1e-3, "1/1,000"}, {1.0 / 1234, "1/1,200"}, {3e-5, "1/33,000"}, {1e-12, "1e-12"}, {0.04, "1/25"}} {
		if got := fraction1(c.r); got != c.want {
			t.Errorf("fraction1(%g) = %q; want %q", c.r, got, c.want)
		}
	}
}
