package app

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/config"
)

// TestRealTraining runs the whole workflow with forecast.Train: a short
// training on the airline series, stop during a second run, save the model,
// load it back and forecast again.
func TestRealTraining(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a real network")
	}
	s := NewSession(nil)
	if _, err := s.LoadSample("air_passengers"); err != nil {
		t.Fatal(err)
	}
	set := s.Settings()
	set.Epochs, set.Hidden, set.Patience = 8, 8, 0
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Start(); err != ErrBusy {
		t.Errorf("second Start during a real run = %v; want ErrBusy", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	r, err := s.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.State != Done || r.Result == nil {
		t.Fatalf("real run: %v %v", r.State, r.Err)
	}
	res := r.Result
	if len(res.Forecast.Mean) != 12 || len(res.Metrics) < 5 {
		t.Errorf("forecast %d steps, %d methods; want 12 and 5", len(res.Forecast.Mean), len(res.Metrics))
	}
	for _, v := range res.Forecast.Mean {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("non-finite forecast %v", res.Forecast.Mean)
		}
	}
	if r.History.Epochs == 0 || r.History.Steps == 0 || len(r.History.Heat(0).Cols) == 0 {
		t.Errorf("history not recorded: %d epochs %d steps %d heat columns", r.History.Epochs, r.History.Steps, len(r.History.Heat(0).Cols))
	}
	dir := t.TempDir()
	mp := filepath.Join(dir, "model.json")
	if err := s.SaveModel(mp, 0); err != nil {
		t.Fatal(err)
	}
	fc, err := s.LoadModel(context.Background(), mp, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Mean) != 12 {
		t.Errorf("loaded model forecast %d steps; want 12", len(fc.Mean))
	}
	for i := range fc.Mean {
		if math.Abs(fc.Mean[i]-res.Forecast.Mean[i]) > 1e-6*math.Max(1, math.Abs(fc.Mean[i])) {
			t.Errorf("loaded model forecasts %v; trained one %v", fc.Mean, res.Forecast.Mean)
			break
		}
	}
	if err := s.ExportHistory(filepath.Join(dir, "h.csv"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadModel(context.Background(), filepath.Join(dir, "h.csv"), nil); err == nil {
		t.Error("LoadModel(a CSV file) = nil error")
	}
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"version":99}`), 0o644)
	if _, err := s.LoadModel(context.Background(), filepath.Join(dir, "bad.json"), nil); err == nil {
		t.Error("LoadModel(bad.json) = nil error")
	}

	// Stop a long real run.
	set.Epochs = 100000
	s.SetSettings(set)
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for s.Progress().Epoch < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	s.Stop()
	r, _ = s.Wait(ctx)
	if r.State != Done || r.Result == nil || r.Result.StopReason != config.StopCanceled {
		t.Errorf("stopped real run: %v, %+v", r.State, r.Result)
	}
}
