package global

import (
	"context"
	"math"
	"slices"
	"testing"
)

func TestWindowCandidates(t *testing.T) {
	panelOf := func(n, length int) []*member {
		out := make([]*member, n)
		for j := range out {
			out[j] = &member{v: make([]float64, length)}
		}
		return out
	}
	for _, c := range []struct {
		name    string
		w0      int
		ser     []*member
		holdout bool
		want    []int
	}{
		{"monthly, long series", 24, panelOf(30, 120), true, []int{24, 36, 48}},
		// forecastable(48, 12, holdout) = 72 points; forecastable(36) = 60
		{"one series of 71 points", 24, append(panelOf(29, 120), panelOf(1, 71)...), true, []int{24, 36}},
		{"no holdout", 24, append(panelOf(29, 120), panelOf(1, 71)...), false, []int{24, 36, 48}},
		{"too short for any longer", 24, panelOf(30, 59), true, []int{24}},
		{"fewer than 20 series", 24, panelOf(19, 500), true, []int{24}},
		{"more than 1,000 series: the longest", 24, panelOf(1001, 120), true, []int{48}},
		{"capped", 104, panelOf(30, 5000), true, []int{104}},
		{"yearly", 6, panelOf(30, 100), true, []int{6, 9, 12}},
	} {
		if got := windowCandidates(c.w0, c.ser, 12, c.holdout); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v; want %v", c.name, got, c.want)
		}
	}
}

// TestWindowChoice: with Options.Window 0 the network is trained at each
// candidate lookback and the one of lowest validation error is kept; the
// first candidate is trained exactly as a run with that window fixed. On
// the synthetic panel (two harmonics, AR noise, as docs/panel.md's varied
// panel) the longer lookback is chosen and forecasts the holdout better.
func TestWindowChoice(t *testing.T) {
	if raceEnabled {
		t.Skip("training a panel takes minutes under the race detector; TestRunRace covers the concurrent parts")
	}
	panel := synthPanel(60, 5)
	opt := smallOptions()
	chosen, err := Run(context.Background(), panel, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Window = 24
	fixed, err := Run(context.Background(), panel, opt)
	if err != nil {
		t.Fatal(err)
	}
	var wins []int
	for _, e := range chosen.WindowErrors {
		wins = append(wins, e.Window)
	}
	if !slices.Equal(wins, []int{24, 36, 48}) {
		t.Fatalf("lookbacks tried %v; want 24, 36, 48", wins)
	}
	best := slices.MinFunc(chosen.WindowErrors, func(a, b WindowError) int {
		if a.MASE < b.MASE {
			return -1
		}
		if a.MASE > b.MASE {
			return 1
		}
		return 0
	})
	if chosen.Net.Window != best.Window {
		t.Errorf("kept lookback %d; the lowest validation error was %d's (%v)", chosen.Net.Window, best.Window, chosen.WindowErrors)
	}
	if len(fixed.WindowErrors) != 1 || fixed.WindowErrors[0] != chosen.WindowErrors[0] {
		t.Errorf("a fixed window of 24 gave %v; want exactly the first candidate's %v", fixed.WindowErrors, chosen.WindowErrors[0])
	}
	mc, mf := aggregate(chosen.Series)[MethodGlobal].MASE, aggregate(fixed.Series)[MethodGlobal].MASE
	t.Logf("validation %v; kept %d; holdout MASE %.3f (window 24: %.3f)", chosen.WindowErrors, chosen.Net.Window, mc, mf)
	if chosen.Net.Window == 24 || !(mc < mf) {
		t.Errorf("kept lookback %d with holdout MASE %.3f; want a longer one, better than window 24's %.3f", chosen.Net.Window, mc, mf)
	}
}

// TestShortSeriesLongerLookback: series long enough to be forecast at a
// longer lookback but too short for a training window of their own there
// do not stop it from being tried; they are forecast and scored with the
// others.
func TestShortSeriesLongerLookback(t *testing.T) {
	panel := synthPanel(40, 7)
	for _, s := range panel[:4] { // need(24) = 60 with the holdout; forecastable(36) = 60
		n := len(s.Values)
		s.Values, s.Times = s.Values[n-62:], s.Times[n-62:]
	}
	opt := smallOptions()
	opt.Net.Epochs = 3
	res, err := Run(context.Background(), panel, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.WindowErrors) != 2 || res.WindowErrors[1].Window != 36 || len(res.Series) != 40 || len(res.Skipped) != 0 {
		t.Fatalf("lookbacks %v, %d series, skipped %v; want 24 and 36 tried and all 40 forecast", res.WindowErrors, len(res.Series), res.Skipped)
	}
	for _, e := range res.WindowErrors {
		if !(e.MASE > 0) || math.IsInf(e.MASE, 0) {
			t.Errorf("lookback %d: validation error %v", e.Window, e.MASE)
		}
	}
	for _, r := range res.Series[:4] {
		for name, f := range r.Forecasts {
			for k, v := range f.Mean {
				if math.IsNaN(v) || math.IsInf(v, 0) || math.IsNaN(f.Upper95[k]) {
					t.Fatalf("%s %s step %d: %v (upper95 %v)", r.ID, name, k, v, f.Upper95[k])
				}
			}
		}
	}
}
