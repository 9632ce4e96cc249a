package forecast

import (
	"context"
	"errors"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// cancelAfterEpochs cancels its context when an epoch numbered at least
// epoch ends.
type cancelAfterEpochs struct {
	epoch  int
	cancel context.CancelFunc
}

func (o *cancelAfterEpochs) Step(fit.StepEvent) {}
func (o *cancelAfterEpochs) Epoch(e fit.EpochEvent) {
	if e.Epoch >= o.epoch {
		o.cancel()
	}
}

// TestCalibrationHonoursCancel: a cancel that arrives once training has
// run every epoch, while the intervals are calibrated, stops the
// calibration (it used to run to the end whatever the context said: 27 s on
// 5 M rows with Ctrl+C ignored); a cancel that stopped training still gives
// the kept weights their intervals.
func TestCalibrationHonoursCancel(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 3
	set.Patience = 0
	set.Ensemble = 1 // one network: the epoch count below is that network's

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := TrainFull(ctx, s, set, &cancelAfterEpochs{epoch: 3, cancel: cancel})
	if !errors.Is(err, fit.ErrCanceled) || res != nil {
		t.Fatalf("cancel during calibration: result %v, err %v; want no result and ErrCanceled", res != nil, err)
	}

	long := set
	long.Epochs = 1000
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	stopped, err := TrainFull(ctx, s, long, &cancelAfterEpochs{epoch: 3, cancel: cancel})
	if err != nil {
		t.Fatalf("cancel during training: %v; want the best weights kept", err)
	}
	if stopped.StopReason != config.StopCanceled || len(stopped.History) != 3 {
		t.Fatalf("stopped run: %s after %d epochs; want cancelled after 3", stopped.StopReason, len(stopped.History))
	}
	if len(stopped.Forecast.Lower95) != 12 {
		t.Fatalf("intervals for %d steps; want 12", len(stopped.Forecast.Lower95))
	}
	for k, m := range stopped.Forecast.Mean {
		if !(stopped.Forecast.Lower95[k] < m && m < stopped.Forecast.Upper95[k]) {
			t.Errorf("step %d: %v not inside [%v, %v]", k, m, stopped.Forecast.Lower95[k], stopped.Forecast.Upper95[k])
		}
	}
}
