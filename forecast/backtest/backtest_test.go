package backtest

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// TestRunBacktest: each origin is Train on the series cut at that origin,
// bit for bit; the means are the plain averages over the origins.
func TestRun(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 20
	b, err := Run(context.Background(), s, set, 3, 6, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Origins) != 3 || b.Origins[0] != 132 || b.Origins[1] != 138 || b.Origins[2] != 144 {
		t.Fatalf("origins %v; want [132 138 144]", b.Origins)
	}
	for i, n := range b.Origins {
		want, err := forecast.Train(context.Background(), s.Head(n), set, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := b.Results[i]
		for _, m := range forecast.Methods {
			if got.Metrics[m] != want.Metrics[m] {
				t.Errorf("origin %d %s: backtest %+v; Train on the first %d points %+v", i, m, got.Metrics[m], n, want.Metrics[m])
			}
		}
		if got.Holdout.Start != n-12 {
			t.Errorf("origin %d holds out from %d; want %d", i, got.Holdout.Start, n-12)
		}
	}
	var sum float64
	for _, r := range b.Results {
		sum += r.Metrics[forecast.MethodLSTM].MASE
	}
	if mean := sum / 3; b.Mean[forecast.MethodLSTM].MASE != mean {
		t.Errorf("mean LSTM MASE %v; want %v", b.Mean[forecast.MethodLSTM].MASE, mean)
	}
	if want := classic.MeanMetrics([]classic.Metrics{b.Results[0].Metrics[forecast.MethodETS], b.Results[1].Metrics[forecast.MethodETS], b.Results[2].Metrics[forecast.MethodETS]}); b.Mean[forecast.MethodETS] != want {
		t.Errorf("mean ETS %+v; want %+v", b.Mean[forecast.MethodETS], want)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, s, set, 2, 12, nil); !errors.Is(err, fit.ErrCanceled) {
		t.Errorf("cancelled backtest: %v; want ErrCanceled", err)
	}
	if _, err := Run(context.Background(), s, set, 0, 12, nil); err == nil {
		t.Error("0 origins: no error")
	}
	// an origin too early for any method is named (10 points before holdout of 12)
	if _, err := Run(context.Background(), s, set, 3, 67, nil); err == nil || err.Error()[:11] != "origin 1 of" {
		t.Errorf("too early an origin: %v", err)
	}
}

// TestBacktestByStep: the per-step MASE of each method averages (over the
// steps) to its backtest mean MASE, and the per-step coverage averages to
// the mean coverage; both from hand-counted holdouts.
func TestBacktestByStep(t *testing.T) {
	s := airPassengers(t)
	set := quick(6)
	set.Epochs = 8
	b, err := Run(context.Background(), s, set, 4, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := b.ByStep(s)
	if sc.Origins != 4 || len(sc.Coverage95) != 6 {
		t.Fatalf("%d origins, %d steps; want 4 and 6", sc.Origins, len(sc.Coverage95))
	}
	for _, m := range forecast.Methods {
		per := sc.MASE[m]
		if len(per) != 6 {
			t.Fatalf("%s: %d steps of MASE; want 6", m, len(per))
		}
		var mean float64
		for _, v := range per {
			mean += v / 6
		}
		if want := b.Mean[m].MASE; math.Abs(mean-want) > 1e-12*want {
			t.Errorf("%s: per-step MASE averages to %.15g; the backtest mean is %.15g", m, mean, want)
		}
	}
	var c95 float64
	for _, v := range sc.Coverage95 {
		c95 += v / 6
	}
	if math.Abs(c95-b.Coverage95) > 1e-12 {
		t.Errorf("per-step 95%% coverage averages to %v; the backtest's is %v", c95, b.Coverage95)
	}
	// Step 1 by hand.
	in := 0
	for _, r := range b.Results {
		if a := r.Holdout.Actual[0]; a >= r.Holdout.Lower80[0] && a <= r.Holdout.Upper80[0] {
			in++
		}
	}
	if sc.Coverage80[0] != float64(in)/4 {
		t.Errorf("80%% coverage at step 1 = %v; counted %d of 4", sc.Coverage80[0], in)
	}
}
