package forecast

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// longSeries is n hourly points of a daily season, a trend and noise, with
// a covariate that moves the level (seeded, so the same every run).
func longSeries(n int) *tsdata.Series {
	rng := rand.New(rand.NewPCG(1, 1))
	s := &tsdata.Series{Name: "y", Values: make([]float64, n), Covariates: [][]float64{make([]float64, n)}, CovNames: []string{"x"},
		Freq: calendar.Freq{Unit: calendar.FreqHour, K: 1}}
	for i := range n {
		x := float64(i % 9 / 7)
		s.Covariates[0][i] = x
		s.Values[i] = 200 + float64(i)/50 + 20*math.Sin(2*math.Pi*float64(i)/24) + 5*x + rng.NormFloat64()
	}
	return s
}

// The windows the pipeline builds on demand are the ones it stores, and
// train the same networks to the bit, for every preparation: the window
// scaler with an ETS anchor, zscore, recursive and differenced runs.
func TestDatasetOnDemand(t *testing.T) {
	s := longSeries(3000)
	configs := map[string]func(*config.Settings){
		"window+ets": func(set *config.Settings) { set.Anchor = config.AnchorETS },
		"zscore":     func(set *config.Settings) { set.Scaler = config.ScaleZScore },
		"recursive":  func(set *config.Settings) { set.Strategy = config.StrategyRecursive },
		"diff":       func(set *config.Settings) { set.Transform = config.TransformDiff },
	}
	for name, adjust := range configs {
		set := quick(12)
		set.Window, set.Season, set.Epochs = 24, 24, 2
		adjust(&set)
		pr, err := prepare(s, set, false)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		stored := pr.data
		if stored.Src != nil {
			t.Fatalf("%s: %d windows were not stored", name, stored.N+stored.VN)
		}
		demand := pr.p.windows(pr.z, pr.ep, s.Covariates, pr.plan)
		if err := demand.Check(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again := *demand
		again.Store()
		for _, a := range [][2][]float64{{again.X, stored.X}, {again.Y, stored.Y}, {again.VX, stored.VX}, {again.VY, stored.VY}} {
			if len(a[0]) != len(a[1]) {
				t.Fatalf("%s: %d floats on demand; %d stored", name, len(a[0]), len(a[1]))
			}
			for i := range a[0] {
				if math.Float64bits(a[0][i]) != math.Float64bits(a[1][i]) {
					t.Fatalf("%s: window value %d differs", name, i)
				}
			}
		}
		f1, err1 := fit.Members(context.Background(), stored, set, nil, time.Now())
		f2, err2 := fit.Members(context.Background(), demand, set, nil, time.Now())
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", name, err1, err2)
		}
		w1, w2 := f1[0].Net.Weights(), f2[0].Net.Weights()
		for i := range w1 {
			if math.Float64bits(w1[i]) != math.Float64bits(w2[i]) {
				t.Fatalf("%s: training on demand gave other weights", name)
			}
		}
		for e := range f1[0].History {
			if h1, h2 := f1[0].History[e], f2[0].History[e]; math.Float64bits(h1.ValLoss) != math.Float64bits(h2.ValLoss) {
				t.Fatalf("%s: epoch %d validation loss %v on demand; %v stored", name, e+1, h2.ValLoss, h1.ValLoss)
			}
		}
	}
}

// An ordinary series stores its windows; one whose windows would take more
// than maxStoredFloats builds them on demand and stores none.
func TestDatasetStoredOrOnDemand(t *testing.T) {
	set := quick(12)
	set.Window, set.Season, set.Anchor = 168, 24, config.AnchorNaive
	for _, c := range []struct {
		n      int
		stored bool
	}{{2000, true}, {120_000, false}} {
		pr, err := prepare(longSeries(c.n), set, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := pr.data.Src == nil; got != c.stored {
			t.Errorf("%d points: stored %v; want %v", c.n, got, c.stored)
		}
		if !c.stored && (pr.data.X != nil || pr.data.VX != nil) {
			t.Errorf("%d points: windows on demand, yet %d floats stored", c.n, len(pr.data.X)+len(pr.data.VX))
		}
	}
}
