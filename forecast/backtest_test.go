package forecast

import (
	"context"
	"errors"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/classic"
)

// TestRunBacktest: each origin is Train on the series cut at that origin,
// bit for bit; the means are the plain averages over the origins.
func TestRunBacktest(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 20
	b, err := RunBacktest(context.Background(), s, set, 3, 6, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Origins) != 3 || b.Origins[0] != 132 || b.Origins[1] != 138 || b.Origins[2] != 144 {
		t.Fatalf("origins %v; want [132 138 144]", b.Origins)
	}
	for i, n := range b.Origins {
		want, err := Train(context.Background(), s.Head(n), set, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := b.Results[i]
		for _, m := range Methods {
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
		sum += r.Metrics[MethodLSTM].MASE
	}
	if mean := sum / 3; b.Mean[MethodLSTM].MASE != mean {
		t.Errorf("mean LSTM MASE %v; want %v", b.Mean[MethodLSTM].MASE, mean)
	}
	if want := classic.MeanMetrics([]classic.Metrics{b.Results[0].Metrics[MethodETS], b.Results[1].Metrics[MethodETS], b.Results[2].Metrics[MethodETS]}); b.Mean[MethodETS] != want {
		t.Errorf("mean ETS %+v; want %+v", b.Mean[MethodETS], want)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunBacktest(ctx, s, set, 2, 12, nil); !errors.Is(err, ErrCanceled) {
		t.Errorf("cancelled backtest: %v; want ErrCanceled", err)
	}
	if _, err := RunBacktest(context.Background(), s, set, 0, 12, nil); err == nil {
		t.Error("0 origins: no error")
	}
	// an origin too early for the settings is named
	if _, err := RunBacktest(context.Background(), s, set, 3, 50, nil); err == nil || err.Error()[:11] != "origin 1 of" {
		t.Errorf("too early an origin: %v", err)
	}
}
