package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/global"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

// TestPanelGlobal: the global forecaster gives every series the forecast
// of the method asked for from one global run (the same numbers as
// global.Run), scores every method with a holdout (the per-series LSTM
// too), forecasts a series too short for the window on its own with the
// per-series pipeline, saying why (before, it failed though the classical
// methods could forecast it), lets one too short for that too fail alone
// with both reasons, and reports the network's epochs and windows.
func TestPanelGlobal(t *testing.T) {
	p, err := LoadPanel(storesFile, panel.Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}})
	if err != nil {
		t.Fatal(err)
	}
	set := quickPanelSettings()
	short := *p.Panel
	short.Members = slices.Clone(p.Members)
	short.Members[2].Series = short.Members[2].Series.Head(20) // window 12 + 2 × 6 needs 24
	q := &Panel{Panel: &short}
	var epochs, windows int
	run, err := q.Forecast(context.Background(), "global", PanelJob{Settings: set, Method: forecast.MethodLSTM}, func(pr PanelProgress) {
		epochs, windows = max(epochs, pr.Epoch), max(windows, pr.Windows)
	})
	if err != nil {
		t.Fatal(err)
	}
	if f := run.Failed(); len(f) != 0 {
		t.Fatalf("failed = %+v; want none", f)
	}
	s3 := run.Results[2]
	if a := run.Alone(); len(a) != 1 || a[0].ID != "S3" || !strings.Contains(s3.Alone, "20 points") {
		t.Fatalf("forecast alone: %+v; want S3, with its 20 points", a)
	}
	own, err := forecast.TrainFull(context.Background(), short.Members[2].Series, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s3.Method != own.Recommended || !slices.Equal(s3.Forecast.Mean, own.Forecast.Mean) || len(s3.Forecast.Mean) != set.Horizon || s3.Window != 0 {
		t.Errorf("S3: %s %v (window %d); want its own pipeline's %s %v", s3.Method, s3.Forecast.Mean, s3.Window, own.Recommended, own.Forecast.Mean)
	}
	tiny := short
	tiny.Members = slices.Clone(short.Members)
	tiny.Members[2].Series = short.Members[2].Series.Head(6)
	run6, err := (&Panel{Panel: &tiny}).Forecast(context.Background(), "global", PanelJob{Settings: set, Method: forecast.MethodLSTM}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := run6.Failed(); len(f) != 1 || f[0].ID != "S3" || !strings.Contains(Message(f[0].Err), "left out of the global model (6 points") || !strings.Contains(Message(f[0].Err), "at least 8") {
		t.Fatalf("6 points: failed = %+v; want S3 with both reasons", f)
	}
	if epochs == 0 || windows == 0 {
		t.Errorf("progress saw %d epochs, %d windows", epochs, windows)
	}
	opt := global.DefaultOptions(set.Horizon)
	opt.Net.Seed = set.Seed
	alone, err := global.Run(context.Background(), []*tsdata.Series{short.Members[0].Series, short.Members[1].Series, short.Members[2].Series}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if run.Lookback != alone.Net.Window || len(run.Lookbacks) != len(alone.WindowErrors) || run.Lookbacks[0] != alone.WindowErrors[0].Window {
		t.Errorf("run's lookback %d of %v; global.Run kept %d of %v", run.Lookback, run.Lookbacks, alone.Net.Window, alone.WindowErrors)
	}
	for _, r := range run.Results {
		if r.Holdout != nil {
			t.Errorf("%s: a holdout prediction %v from a run without a holdout", r.ID, r.Holdout)
		}
	}
	for i := range 2 {
		r, want := run.Results[i], alone.Series[i].Forecasts[global.MethodGlobal]
		if r.Method != global.MethodGlobal || !slices.Equal(r.Forecast.Mean, want.Mean) || !slices.Equal(r.Forecast.Lower95, want.Lower95) {
			t.Errorf("%s: %s %v; global.Run %v", r.ID, r.Method, r.Forecast.Mean, want.Mean)
		}
	}

	run, err = p.Forecast(context.Background(), "global", PanelJob{Settings: set, Method: forecast.MethodRecommended, Holdout: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range run.Results {
		if r.Err != nil || r.Method == "" || r.Method == forecast.MethodRecommended {
			t.Fatalf("%s: method %q, err %v; want the method chosen", r.ID, r.Method, r.Err)
		}
		checkHoldoutPred(t, r, p.Members[i].Series.Values, set.Horizon, forecast.MethodRecommended)
		for _, m := range []string{global.MethodGlobal, forecast.MethodLSTM, forecast.MethodAutoETS, forecast.MethodTheta, forecast.MethodNaive, forecast.MethodRecommended} {
			if _, ok := r.Metrics[m]; !ok {
				t.Errorf("%s: no holdout metrics for %s", r.ID, m)
			}
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	run, err = p.Forecast(ctx, "global", PanelJob{Settings: set}, nil)
	if !errors.Is(err, ErrStopped) || len(run.Failed()) != 3 {
		t.Errorf("cancelled: %v, %d failed", err, len(run.Failed()))
	}
}

// TestPanelGlobalMethods: asked for ets, the global run gives its
// exponential smoothing, R's ets model choice (auto_ets); asked for a
// method it does not fit, every series fails with the methods it has.
func TestPanelGlobalMethods(t *testing.T) {
	p, err := LoadPanel(storesFile, panel.Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}})
	if err != nil {
		t.Fatal(err)
	}
	set := quickPanelSettings()
	run, err := p.Forecast(context.Background(), "global", PanelJob{Settings: set, Method: forecast.MethodETS}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range run.Results {
		if r.Err != nil || r.Method != forecast.MethodAutoETS || len(r.Forecast.Mean) != set.Horizon {
			t.Errorf("%s asked for ets: method %q, %d steps, err %v; want auto_ets", r.ID, r.Method, len(r.Forecast.Mean), r.Err)
		}
	}
	run, err = p.Forecast(context.Background(), "global", PanelJob{Settings: set, Method: forecast.MethodARIMA}, nil)
	if err == nil {
		for _, r := range run.Results {
			if r.Err == nil || !strings.Contains(r.Err.Error(), "no arima forecast; choose one of auto_ets, global") {
				t.Errorf("%s asked for arima: err %v; want the methods the global model has", r.ID, r.Err)
			}
		}
	} else if !strings.Contains(err.Error(), "no arima forecast; choose one of auto_ets, global") {
		t.Errorf("asked for arima: %v; want the methods the global model has", err)
	}
}

// TestPanelStatic: the static columns a job names reach the global
// network as the same inputs global.EncodeStatic gives (the forecasts
// equal global.Run's with them); the local model, a column not read as
// static and a column of too many values are refused before any work.
func TestPanelStatic(t *testing.T) {
	p, err := LoadPanel("../cmd/forecaster/testdata/stores_region_long.csv", panel.Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, StaticCols: []string{"region", "store"}})
	if err != nil {
		t.Fatal(err)
	}
	set := quickPanelSettings()
	run, err := p.Forecast(context.Background(), "global", PanelJob{Settings: set, Method: forecast.MethodLSTM, Static: []string{"region"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(run.StaticInputs, []string{"region=north", "region=south"}) {
		t.Errorf("static inputs %v", run.StaticInputs)
	}
	opt := global.DefaultOptions(set.Horizon)
	opt.Net.Seed = set.Seed
	opt.Static = &global.Static{Names: run.StaticInputs, X: [][]float64{{1, 0}, {0, 1}, {1, 0}}} // S1 north, S2 south, S3 north
	var series []*tsdata.Series
	for _, m := range p.Members {
		series = append(series, m.Series)
	}
	alone, err := global.Run(context.Background(), series, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range run.Results {
		if want := alone.Series[i].Forecasts[global.MethodGlobal].Mean; r.Err != nil || !slices.Equal(r.Forecast.Mean, want) {
			t.Errorf("%s: %v (%v); global.Run with the region %v", r.ID, r.Forecast.Mean, r.Err, want)
		}
	}
	for _, c := range []struct {
		model  string
		static []string
		want   string
	}{
		{"local", []string{"region"}, "static inputs (region) are for the global model"},
		{"global", []string{"sales"}, "sales was not read as a static column"},
	} {
		if _, err := p.Forecast(context.Background(), c.model, PanelJob{Settings: set, Static: c.static}, nil); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %v: %v; want %q", c.model, c.static, err, c.want)
		}
	}
}
