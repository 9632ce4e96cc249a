package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
	"github.com/forecaster-dev/forecaster/lstm"
)

// modelFile trains a small network recursively (window 24, season 12) on
// a synthetic monthly series and saves it; hidden > 0 then replaces its
// network by a freshly initialised one of that many units (the settings
// say so too), a valid file whose forecast costs what that size costs.
func modelFile(t *testing.T, horizon, hidden int) string {
	t.Helper()
	s := &tsdata.Series{Name: "synthetic", Freq: calendar.Freq{Unit: calendar.FreqMonth, K: 1}}
	t0 := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2*horizon + 100 {
		s.Values = append(s.Values, 100+float64(i)/4+10*math.Sin(2*math.Pi*float64(i)/12))
		s.Times = append(s.Times, t0.AddDate(0, i, 0))
	}
	set := config.DefaultSettings()
	set.Horizon, set.Strategy, set.Hidden, set.Epochs, set.Window, set.Season = horizon, config.StrategyRecursive, 2, 1, 24, 12
	res, err := forecast.TrainFull(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := res.Model.Write(&buf); err != nil {
		t.Fatal(err)
	}
	text := buf.Bytes()
	if hidden > 0 {
		var f map[string]json.RawMessage
		if err := json.Unmarshal(text, &f); err != nil {
			t.Fatal(err)
		}
		var settings map[string]any
		json.Unmarshal(f["settings"], &settings)
		settings["hidden"] = hidden
		f["settings"], _ = json.Marshal(settings)
		var nets []struct {
			Config lstm.Config `json:"config"`
		}
		json.Unmarshal(f["networks"], &nets)
		cfg := nets[0].Config
		cfg.HiddenSize = hidden
		net, err := lstm.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var nb bytes.Buffer
		net.Save(&nb)
		f["networks"] = json.RawMessage("[" + strings.TrimSpace(nb.String()) + "]")
		if text, err = json.Marshal(f); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLoadModelShowsForecast: a model loads off the UI goroutine and its
// forecast of the current series shows.
func TestLoadModelShowsForecast(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	path := modelFile(t, 6, 0)
	openSample(t, u, "air_passengers")
	act(u, func() { u.Fc.loadModelPath(path) })
	eventually(t, u, "the loaded model's forecast", func() bool { return strings.Contains(u.Fc.Summary.Text, "loaded from") })
	if fc, src := u.Session.LoadedModel(); fc == nil || src != path || len(fc.Mean) != 6 {
		t.Errorf("LoadedModel = %v, %q; want 6 steps from %q", fc, src, path)
	}
	if u.Fc.LoadModel.Disabled() {
		t.Errorf("Load model stays disabled after the load")
	}
}

// TestLoadModelCancel: the load of a model whose forecast takes long (a
// recursive 256-unit network, 1000 passes) shows its progress, and Cancel
// stops it: no model is kept, no error is shown, Load model is enabled
// again. Before, the window could not stop a load.
func TestLoadModelCancel(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	path := modelFile(t, 1000, 256)
	openSample(t, u, "air_passengers")
	act(u, func() { u.Fc.loadModelPath(path) })
	if !u.Fc.LoadModel.Disabled() {
		t.Errorf("Load model is enabled during a load")
	}
	eventually(t, u, "the forecast's progress", func() bool { return strings.Contains(u.Fc.LoadStatus.Text, "network pass") })
	if !strings.Contains(u.Fc.LoadStatus.Text, "of 1000") {
		t.Errorf("progress %q; want … of 1000", u.Fc.LoadStatus.Text)
	}
	act(u, func() { test.Tap(u.Fc.LoadCancel) })
	eventually(t, u, "the load to stop", func() bool { return u.Fc.cancelLoad == nil })
	if fc, _ := u.Session.LoadedModel(); fc != nil {
		t.Errorf("a cancelled load kept its forecast")
	}
	if d := u.shownDialog(); d != "" {
		t.Errorf("dialog %q after a cancel; want none", d)
	}
	if u.Fc.LoadModel.Disabled() {
		t.Errorf("Load model stays disabled after the cancel")
	}
}

// TestOversizedModelSettings: settings whose model file would be larger
// than a model file may be are flagged on the hidden field with the size
// and what to lower, and Train is disabled, before any training.
func TestOversizedModelSettings(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	openSample(t, u, "air_passengers")
	eventually(t, u, "Train enabled", func() bool { return !u.Tr.TrainButton.Disabled() })
	act(u, func() {
		u.Set.Entries["layers"].SetText("4")
		u.Set.Entries["hidden"].SetText("1024")
		u.Set.Entries["ensemble"].SetText("2")
	})
	if u.Set.Valid() || !u.Tr.TrainButton.Disabled() {
		t.Fatal("4×1024 × 2 networks accepted")
	}
	if err := u.Set.Entries["hidden"].Validate(); err == nil || !strings.Contains(err.Error(), "599.3 MiB") || !strings.Contains(err.Error(), "lower hidden") {
		t.Errorf("hidden's inline error %v; want the file size and what to lower", err)
	}
	act(u, func() { u.Set.Entries["ensemble"].SetText("1") })
	if !u.Set.Valid() || u.Tr.TrainButton.Disabled() {
		t.Errorf("one 4×1024 network (314 MB) refused: %q", u.Set.Status.Text)
	}
}
