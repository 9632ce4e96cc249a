package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
)

func cmdBacktest(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("backtest", "-csv FILE -horizon H [-season M] [settings…] [-json]", stderr)
	var sf seriesFlags
	sf.register(fs)
	set := settingsFlags(fs)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := validateFlags(set); err != nil {
		return failf(stderr, err)
	}
	_, s, _, err := sf.load()
	if err != nil {
		return failf(stderr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	prog := newProgress(stderr, set.Epochs*set.Ensemble)
	res, err := forecast.Train(ctx, s, *set, prog)
	prog.finish()
	if err != nil {
		return failf(stderr, err)
	}
	out := backtestJSON{Rows: s.Len(), Horizon: res.Settings.Horizon, Season: res.Settings.Season,
		Window: res.Settings.Window, Methods: res.Metrics, Coverage80: res.Coverage80, Coverage95: res.Coverage95,
		Epochs: len(res.History), BestEpoch: res.BestEpoch, Stop: res.StopReason, Diagnosis: res.Diagnosis,
		Seconds: time.Since(start).Seconds()}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(out); err != nil {
			return failf(stderr, err)
		}
		return 0
	}
	fmt.Fprintf(stdout, "%s: %d points, horizon %d, season %d, window %d; %d epochs (best %d, %s) in %.1f s\n",
		s.Name, out.Rows, out.Horizon, out.Season, out.Window, out.Epochs, out.BestEpoch, out.Stop, out.Seconds)
	if out.Diagnosis != "" {
		fmt.Fprintln(stdout, "diagnosis:", out.Diagnosis)
	}
	fmt.Fprintf(stdout, "%-15s %10s %10s %8s %8s %8s\n", "method", "MAE", "RMSE", "MAPE%", "sMAPE%", "MASE")
	for _, m := range forecast.Methods {
		r, ok := res.Metrics[m]
		if !ok {
			continue
		}
		fmt.Fprintf(stdout, "%-15s %10.4g %10.4g %8.2f %8.2f %8.3f\n", m, r.MAE, r.RMSE, r.MAPE, r.SMAPE, r.MASE)
	}
	fmt.Fprintf(stdout, "interval coverage on the holdout: 80%% → %.0f%%, 95%% → %.0f%%\n", 100*res.Coverage80, 100*res.Coverage95)
	return 0
}

// backtestJSON is the object `forecaster backtest -json` prints.
type backtestJSON struct {
	Rows       int                         `json:"rows"`
	Horizon    int                         `json:"horizon"`
	Season     int                         `json:"season"`
	Window     int                         `json:"window"`
	Methods    map[string]forecast.Metrics `json:"methods"`
	Coverage80 float64                     `json:"coverage80"`
	Coverage95 float64                     `json:"coverage95"`
	Epochs     int                         `json:"epochs"`
	BestEpoch  int                         `json:"best_epoch"`
	Stop       string                      `json:"stop"`
	Diagnosis  string                      `json:"diagnosis,omitempty"`
	Seconds    float64                     `json:"seconds"`
}
