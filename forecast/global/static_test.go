package global

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// TestEncodeStatic against values computed by hand: a numeric column is its
// z-score over the series (population sd; the mean where missing), a text
// column one input per value in sorted order (all 0 where missing).
func TestEncodeStatic(t *testing.T) {
	st, err := EncodeStatic([]string{"size", "region"}, [][]string{{"1", "north"}, {"3", "south"}, {"", "north"}, {"5", ""}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.Names, []string{"size", "region=north", "region=south"}) {
		t.Errorf("names %v", st.Names)
	}
	// size: mean 3, population sd sqrt(8/3) = 1.632993
	z := 2 / math.Sqrt(8.0/3)
	want := [][]float64{{-z, 1, 0}, {0, 0, 1}, {0, 1, 0}, {z, 0, 0}}
	for j := range want {
		for i := range want[j] {
			if math.Abs(st.X[j][i]-want[j][i]) > 1e-12 {
				t.Fatalf("series %d: %v; want %v", j, st.X[j], want[j])
			}
		}
	}
	many := make([][]string, MaxLevels+1)
	for j := range many {
		many[j] = []string{fmt.Sprintf("P%03d", j)}
	}
	if _, err := EncodeStatic([]string{"product"}, many); err == nil || !strings.Contains(err.Error(), "static column product has more than 64 values") {
		t.Errorf("%d products: error %v", len(many), err)
	}
	if _, err := EncodeStatic([]string{"a", "b"}, [][]string{{"1"}}); err == nil {
		t.Error("a series with one of two static values: no error")
	}
}

// groupPanel is n yearly series of 60 to 71 points around 100 with small
// noise and a twelve-year cycle that is flat for six years, then rises by
// 1, 2, 3, 2, 1 (group "up") or falls as much (group "down"). A window of
// four flat years looks the same in both groups, while the group says
// which way the next years go. The season is not given (Options.Season 1),
// so neither the window nor AutoETS knows the cycle.
func groupPanel(n int, seed uint64) ([]*tsdata.Series, [][]string) {
	r := rand.New(rand.NewPCG(seed, 7))
	bump := []float64{0, 0, 0, 0, 0, 0, 1, 2, 3, 2, 1, 0}
	out := make([]*tsdata.Series, n)
	groups := make([][]string, n)
	t0 := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		d, g := 1.0, "up"
		if i%2 == 1 {
			d, g = -1, "down"
		}
		v := make([]float64, 60+(i/2)%12)
		ts := make([]time.Time, len(v))
		for k := range v {
			v[k], ts[k] = 100+d*bump[k%12]+0.2*r.NormFloat64(), t0.AddDate(k, 0, 0)
		}
		out[i] = &tsdata.Series{Name: fmt.Sprintf("s%03d", i), Times: ts, Values: v, Freq: calendar.Freq{Unit: calendar.FreqYear, K: 1}}
		groups[i] = []string{g}
	}
	return out, groups
}

// TestStaticInputs: the static inputs reach the network (one input more a
// value of the group column) and it uses them: on groupPanel's series,
// whose next years only the group tells, the global LSTM's holdout MASE with the group
// as an input is at least 10 % below its MASE without (measured: see the
// log line), and the series' results are otherwise complete. Static inputs
// of the wrong number are refused.
func TestStaticInputs(t *testing.T) {
	if raceEnabled {
		t.Skip("training two panels takes minutes under the race detector")
	}
	panel, groups := groupPanel(120, 1)
	st, err := EncodeStatic([]string{"group"}, groups)
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions(4)
	opt.Holdout, opt.Season = true, 1
	without, err := Run(context.Background(), panel, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Static = st
	with, err := Run(context.Background(), panel, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(with.Series) != len(panel) {
		t.Fatalf("%d series with static inputs; want %d", len(with.Series), len(panel))
	}
	a, b := aggregate(without.Series)[MethodGlobal], aggregate(with.Series)[MethodGlobal]
	t.Logf("epochs %d/%d best %d/%d, windows %d", len(without.History), len(with.History), without.BestEpoch, with.BestEpoch, with.Windows)
	t.Logf("global MASE without the group %.3f, with it %.3f (auto_ets %.3f, naive %.3f)", a.MASE, b.MASE,
		aggregate(with.Series)[forecast.MethodAutoETS].MASE, aggregate(with.Series)[forecast.MethodNaive].MASE)
	if !(b.MASE < 0.9*a.MASE) {
		t.Errorf("global MASE with the group %.3f; want below 0.9 × %.3f without", b.MASE, a.MASE)
	}
	opt.Static = &Static{Names: []string{"x"}, X: st.X[:3]}
	if _, err := Run(context.Background(), panel, opt); err == nil || !strings.Contains(err.Error(), "static inputs for 3 series") {
		t.Errorf("static inputs for 3 of %d series: %v", len(panel), err)
	}
}
