package global

import (
	"context"
	"errors"
	"math"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// smallOptions are quick settings for tests: 16 units, 15 epochs.
func smallOptions() Options {
	opt := DefaultOptions(12)
	opt.Holdout = true
	opt.Net.Hidden, opt.Net.Epochs, opt.Net.Batch = 16, 15, 128
	return opt
}

// TestGlobalBeatsNaive: on 120 synthetic seasonal series with trends and
// noise of different sizes, the global network's mean MASE on the holdout
// is well below the naive's and below the seasonal naive's, its intervals
// cover about what they promise, and each series' result is complete.
func TestGlobalBeatsNaive(t *testing.T) {
	if raceEnabled {
		t.Skip("training a panel takes minutes under the race detector; TestRunRace covers the concurrent parts")
	}
	panel := synthPanel(120, 1)
	res, err := Run(context.Background(), panel, smallOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Series) != 120 || len(res.Skipped) != 0 {
		t.Fatalf("%d series, %d skipped; want 120, 0", len(res.Series), len(res.Skipped))
	}
	agg := aggregate(res.Series)
	g, n, sn := agg[MethodGlobal], agg[forecast.MethodNaive], agg[forecast.MethodSeasonalNaive]
	t.Logf("MASE global %.3f naive %.3f seasonal naive %.3f auto_ets %.3f; coverage80 %.2f coverage95 %.2f",
		g.MASE, n.MASE, sn.MASE, agg[forecast.MethodAutoETS].MASE, g.Coverage80, g.Coverage95)
	if !(g.MASE < 0.7*n.MASE) || !(g.MASE < sn.MASE) {
		t.Errorf("global MASE %.3f; want below 0.7 × naive (%.3f) and below seasonal naive (%.3f)", g.MASE, n.MASE, sn.MASE)
	}
	// 120 series × 12 steps; the intervals are calibrated on other windows
	// (the validation ones), so allow ±0.08 around the nominal level.
	if math.Abs(g.Coverage80-0.8) > 0.08 || math.Abs(g.Coverage95-0.95) > 0.05 {
		t.Errorf("coverage %.2f / %.2f; want about 0.80 / 0.95", g.Coverage80, g.Coverage95)
	}
	for _, r := range res.Series[:5] {
		f, ok := r.Forecasts[forecast.MethodRecommended]
		if !ok || len(f.Mean) != 12 || len(f.Times) != 12 || r.Recommended == "" {
			t.Fatalf("%s: recommended %q forecast %+v", r.ID, r.Recommended, f)
		}
		for k := range f.Mean {
			if !(f.Lower95[k] <= f.Lower80[k] && f.Lower80[k] <= f.Mean[k] && f.Mean[k] <= f.Upper80[k] && f.Upper80[k] <= f.Upper95[k]) {
				t.Fatalf("%s step %d: intervals out of order: %v %v %v %v %v", r.ID, k, f.Lower95[k], f.Lower80[k], f.Mean[k], f.Upper80[k], f.Upper95[k])
			}
		}
		last := panel[0].Times[len(panel[0].Times)-1]
		if r.ID == panel[0].Name && !f.Times[0].Equal(last.AddDate(0, 1, 0)) {
			t.Fatalf("first forecast date %v; want the month after %v", f.Times[0], last)
		}
	}
}

// TestRunDeterministic: the same panel and seed give the same forecasts to
// the bit with one core and with two (the classical fits and the network's
// halves run concurrently), and the input series are not modified.
func TestRunDeterministic(t *testing.T) {
	panel := synthPanel(12, 2)
	before := make([][]float64, len(panel))
	for i, s := range panel {
		before[i] = append([]float64(nil), s.Values...)
	}
	opt := smallOptions()
	opt.Net.Epochs = 3
	prev := runtime.GOMAXPROCS(1)
	a, err := Run(context.Background(), panel, opt)
	runtime.GOMAXPROCS(max(prev, 2))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), panel, opt)
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	for j := range a.Series {
		for name, fa := range a.Series[j].Forecasts {
			fb := b.Series[j].Forecasts[name]
			for k := range fa.Mean {
				if fa.Mean[k] != fb.Mean[k] || fa.Upper95[k] != fb.Upper95[k] {
					t.Fatalf("%s %s step %d: %v vs %v", a.Series[j].ID, name, k, fa.Mean[k], fb.Mean[k])
				}
			}
		}
	}
	for i, s := range panel {
		for k, v := range s.Values {
			if v != before[i][k] {
				t.Fatalf("series %d value %d modified", i, k)
			}
		}
	}
}

// TestRunCancel: a cancel during the classical fits or during training
// returns promptly with an error wrapping context.Canceled.
func TestRunCancel(t *testing.T) {
	if raceEnabled {
		t.Skip("slow under the race detector; TestEachRace covers cancelling the fits")
	}
	panel := synthPanel(40, 3)
	for _, phase := range []Phase{PhaseClassical, PhaseTraining} {
		ctx, cancel := context.WithCancel(context.Background())
		opt := smallOptions()
		opt.Net.Epochs = 1000
		var once atomic.Bool
		var at time.Time
		opt.Progress = func(p Progress) {
			if p.Phase == phase && p.Done >= 1 && !once.Swap(true) {
				at = time.Now()
				cancel()
			}
		}
		_, err := Run(ctx, panel, opt)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("%s: err = %v; want context.Canceled", phase, err)
		}
		if d := time.Since(at); d > 2*time.Second {
			t.Errorf("%s: returned %v after the cancel", phase, d)
		}
		cancel()
	}
}

// TestRunSkipsAndRefuses: a series too short or with a missing value is
// skipped with the reason and the rest forecast; a panel of mixed
// frequencies is refused naming the odd series; a panel with no usable
// series is an error saying how many points are needed.
func TestRunSkipsAndRefuses(t *testing.T) {
	panel := synthPanel(6, 4)
	short := *panel[0]
	short.Name, short.Values, short.Times = "short", short.Values[:40], short.Times[:40]
	gap := *panel[1]
	gap.Name = "gap"
	gap.Values = append([]float64(nil), gap.Values...)
	gap.Values[50] = math.NaN()
	opt := smallOptions()
	opt.Net.Epochs = 2
	res, err := Run(context.Background(), append(panel, &short, &gap), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Series) != 6 || len(res.Skipped) != 2 {
		t.Fatalf("%d series, %d skipped; want 6, 2", len(res.Series), len(res.Skipped))
	}
	if s := res.Skipped[0]; s.ID != "short" || !strings.Contains(s.Reason, "40 points") || !strings.Contains(s.Reason, "at least 60") {
		t.Errorf("skipped %+v; want short, 40 points, at least 60", s)
	}
	if s := res.Skipped[1]; s.ID != "gap" || !strings.Contains(s.Reason, "missing") {
		t.Errorf("skipped %+v; want gap, missing values", s)
	}

	weekly := *panel[2]
	weekly.Name, weekly.Freq = "weekly", calendar.Freq{Unit: calendar.FreqWeek, K: 1}
	_, err = Run(context.Background(), []*tsdata.Series{panel[0], &weekly}, opt)
	if err == nil || !strings.Contains(err.Error(), "weekly (") || !strings.Contains(err.Error(), "different frequencies") {
		t.Errorf("mixed frequencies: err = %v", err)
	}
	_, err = Run(context.Background(), []*tsdata.Series{&short}, opt)
	if !errors.Is(err, ErrNoSeries) || !strings.Contains(err.Error(), "at least 60 points") {
		t.Errorf("only a short series: err = %v", err)
	}
}

// TestEachRace: each calls f once for every index on several goroutines,
// done one call at a time (run with -race), and stops early on cancel.
func TestEachRace(t *testing.T) {
	const n = 1000
	hits := make([]int32, n)
	done := 0
	if err := each(context.Background(), n, func(i int) { atomic.AddInt32(&hits[i], 1) }, func() { done++ }); err != nil {
		t.Fatal(err)
	}
	for i, h := range hits {
		if h != 1 {
			t.Fatalf("index %d ran %d times", i, h)
		}
	}
	if done != n {
		t.Fatalf("done called %d times; want %d", done, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int32
	err := each(ctx, n, func(i int) {
		if ran.Add(1) == 10 {
			cancel()
		}
		time.Sleep(time.Millisecond) // each item takes time, so cancelling at the 10th stops well before the 1000th (without it the workers could finish all under -race before they look at ctx)
	}, nil)
	if !errors.Is(err, context.Canceled) || ran.Load() >= n {
		t.Fatalf("after cancel: err %v, %d of %d ran", err, ran.Load(), n)
	}
}

// TestRunRace runs a small panel through every concurrent part (classical
// fits, training with two halves and an ensemble of two, per-series LSTMs,
// progress calls) for the race detector.
func TestRunRace(t *testing.T) {
	panel := synthPanel(4, 5)
	opt := smallOptions()
	opt.Net.Epochs, opt.Net.Ensemble, opt.Net.Hidden, opt.Net.Batch = 2, 2, 32, 64
	opt.Local = true
	opt.LocalNet.Epochs = 2
	calls := 0
	opt.Progress = func(Progress) { calls++ }
	res, err := Run(context.Background(), panel, opt)
	if err != nil {
		t.Fatal(err)
	}
	if agg := aggregate(res.Series); agg[forecast.MethodLSTM].Series != len(panel) || calls == 0 {
		t.Fatalf("per-series LSTM in the aggregate: %+v; progress: %d calls", agg[forecast.MethodLSTM], calls)
	}
}
