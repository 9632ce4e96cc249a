package chart

import (
	"image"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
)

// fakeHistory simulates a run: loss falling with noise, gradient norms with
// a few spikes, a heat map that vanishes towards t = 0.
func fakeHistory(epochs, steps, T int) *monitor.History {
	rng := rand.New(rand.NewPCG(1, 1))
	h := monitor.NewHistory()
	obs := h
	for e := 1; e <= epochs; e++ {
		for s := 1; s <= steps; s++ {
			g := math.Exp(rng.NormFloat64()*0.5) * 2 / math.Sqrt(float64(e))
			if rng.Float64() < 0.005 {
				g *= 100
			}
			obs.Step(fit.StepEvent{Epoch: e, Step: s, StepsPerEpoch: steps, Loss: 1 / float64(e), GradNorm: g, ClippedNorm: math.Min(g, 1), Clipped: g > 1})
		}
		prof := make([]float64, T)
		for t := range prof {
			prof[t] = math.Pow(0.8, float64(T-1-t)) * (1 + 0.1*rng.Float64()) / float64(e)
		}
		obs.Epoch(fit.EpochEvent{Epoch: e, Epochs: epochs, TrainLoss: 1/float64(e) + 0.02*rng.Float64(), ValLoss: 1.2/float64(e) + 0.05 + 0.03*rng.Float64(), HGradByTime: [][]float64{prof}})
	}
	return h
}

func series(n int) TS {
	rng := rand.New(rand.NewPCG(2, 2))
	x, y := make([]float64, n), make([]float64, n)
	t0 := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	v := 100.0
	for i := range x {
		x[i] = float64(t0.AddDate(0, 0, i).Unix())
		v += rng.NormFloat64()
		y[i] = v + 10*math.Sin(2*math.Pi*float64(i)/365)
	}
	return TS{Name: "random walk", X: x, Y: y, Time: true}
}

func save(t *testing.T, name string, img image.Image) {
	dir := os.Getenv("CHART_OUT")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestRenderAll(t *testing.T) {
	h := fakeHistory(300, 20, 24)
	ts := series(2000)
	fd := ForecastData{History: ts, HoldoutStart: 1970, Title: "Forecast"}
	for i := 1970; i < 2000; i++ {
		fd.HoldoutPred = append(fd.HoldoutPred, ts.Y[i]+3)
	}
	for i := 0; i < 30; i++ {
		fd.FutureX = append(fd.FutureX, ts.X[1999]+float64((i+1)*86400))
		m := ts.Y[1999] + float64(i)*0.1
		fd.Mean = append(fd.Mean, m)
		fd.Lo80, fd.Hi80 = append(fd.Lo80, m-3-float64(i)*0.2), append(fd.Hi80, m+3+float64(i)*0.2)
		fd.Lo95, fd.Hi95 = append(fd.Lo95, m-5-float64(i)*0.3), append(fd.Hi95, m+5+float64(i)*0.3)
	}
	fdRecent := fd
	fdRecent.RecentFrom = 120
	for _, st := range []struct {
		name string
		s    Style
	}{{"light", Light()}, {"dark", Dark()}} {
		plots := map[string]*plot.Plot{
			"loss":     Loss(st.s, h, 800),
			"grad":     GradNorm(st.s, h, config.ClipNorm, 1, 800),
			"heat":     Heat(st.s, h.Heat(0)),
			"series":   SeriesPreview(st.s, ts, Spans{ValStart: 1500, TestStart: 1970}, 800),
			"forecast": Forecast(st.s, fd, 800),
			"recent":   Forecast(st.s, fdRecent, 800),
			"empty":    Loss(st.s, nil, 800),
			"compare":  Compare(st.s, "Validation loss", "epoch", "loss", []RunCurve{{"Run 1", h.ValLoss.Buckets()}, {"Run 2", h.TrainLoss.Buckets()}}, true, 800),
		}
		for name, p := range plots {
			img := Render(p, 800, 300, 1)
			if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 300 {
				t.Errorf("%s: image %v; want 800×300", name, b)
			}
			save(t, st.name+"-"+name, img)
		}
	}
	for _, ext := range []string{"png", "svg"} {
		b, err := Encode(Forecast(Light(), fd, 800), "x."+ext, 600, 300)
		if err != nil || len(b) < 100 {
			t.Errorf("Encode %s: %d bytes, %v", ext, len(b), err)
		}
	}
	if _, err := Encode(Loss(Light(), h, 800), "x.txt", 100, 100); err == nil {
		t.Error("Encode(.txt) = nil error; want an error")
	}
}

func TestMinMaxKeepsExtremes(t *testing.T) {
	n := 100000
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = float64(i)
		y[i] = math.Sin(float64(i) / 100)
	}
	y[54321] = 50
	y[12345] = -50
	xy := MinMax(x, y, 400)
	if len(xy) > 800 {
		t.Errorf("MinMax: %d points; want ≤ 800", len(xy))
	}
	var lo, hi float64
	for i, p := range xy {
		lo, hi = math.Min(lo, p.Y), math.Max(hi, p.Y)
		if i > 0 && p.X < xy[i-1].X {
			t.Fatalf("MinMax: x not ascending at %d", i)
		}
	}
	if lo != -50 || hi != 50 {
		t.Errorf("MinMax lost the spikes: min %g max %g; want -50, 50", lo, hi)
	}
}

func BenchmarkRenderLossChart(b *testing.B) {
	h := fakeHistory(10000, 10, 24)
	b.ResetTimer()
	for b.Loop() {
		Render(Loss(Light(), h, 800), 800, 300, 1)
	}
}

func BenchmarkRenderGradChart(b *testing.B) {
	h := fakeHistory(10000, 10, 24)
	b.ResetTimer()
	for b.Loop() {
		Render(GradNorm(Light(), h, config.ClipNorm, 1, 800), 800, 300, 1)
	}
}

func BenchmarkRenderHeatMap(b *testing.B) {
	h := fakeHistory(10000, 1, 48)
	b.ResetTimer()
	for b.Loop() {
		Render(Heat(Light(), h.Heat(0)), 800, 300, 1)
	}
}

func BenchmarkRenderSeries100k(b *testing.B) {
	ts := series(100000)
	b.ResetTimer()
	for b.Loop() {
		Render(SeriesPreview(Light(), ts, Spans{ValStart: 80000, TestStart: 99000}, 800), 800, 300, 1)
	}
}

// BenchmarkRenderNoisySeries is the worst case for the rasteriser: 8,000
// points whose min–max span the full height in every pixel column.
func BenchmarkRenderNoisySeries(b *testing.B) {
	n := 7980
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = float64(time.Date(-6000+i, 1, 1, 0, 0, 0, 0, time.UTC).Unix())
		y[i] = float64(i % 7)
	}
	ts := TS{Name: "noise", X: x, Y: y, Time: true}
	for b.Loop() {
		Render(SeriesPreview(Light(), ts, Spans{ValStart: 6000, TestStart: 7960}, 800), 800, 300, 1)
	}
}

func TestTimeTicksLongSpans(t *testing.T) {
	year := func(y int) float64 { return float64(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Unix()) }
	for _, c := range []struct {
		from, to int
		want     string
	}{{-6000, 1979, "-6000"}, {1700, 2008, "1800"}, {1949, 1961, "1950"}} {
		var labels []string
		for _, tk := range (timeTicks{}).Ticks(year(c.from), year(c.to)) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		found := false
		for _, l := range labels {
			found = found || l == c.want
		}
		if !found || len(labels) < 2 {
			t.Errorf("ticks %d–%d = %v; want years including %s", c.from, c.to, labels, c.want)
		}
	}
}
