package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
)

// trainedModel trains a small recursive model on the airline sample, saves
// it and returns the session (with the sample loaded) and the file.
func trainedModel(t *testing.T) (*Session, string) {
	t.Helper()
	s := NewSession(nil)
	if _, err := s.LoadSample("air_passengers"); err != nil {
		t.Fatal(err)
	}
	set := s.Settings()
	set.Epochs, set.Hidden, set.Horizon, set.Strategy, set.Ensemble = 2, 4, 6, config.StrategyRecursive, 2
	res, err := forecast.Train(context.Background(), s.Data().Series, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "model.json")
	if err := res.Model.Save(path); err != nil {
		t.Fatal(err)
	}
	return s, path
}

// TestLoadModelCancel: LoadModel reports the forecast's network passes and
// stops at a cancel between two of them, keeping nothing; uncancelled, it
// keeps the model and its forecast.
func TestLoadModelCancel(t *testing.T) {
	s, path := trainedModel(t)
	ctx, cancel := context.WithCancel(context.Background())
	var calls []int
	_, err := s.LoadModel(ctx, path, func(done, total int) {
		calls = append(calls, done)
		if total != 12 {
			t.Errorf("progress total %d; want 12 (2 members × 6 steps)", total)
		}
		if done == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("LoadModel cancelled at pass 3 = %v; want context.Canceled", err)
	}
	if fmt.Sprint(calls) != "[1 2 3]" {
		t.Errorf("progress %v after the cancel; want [1 2 3]", calls)
	}
	if fc, src := s.LoadedModel(); fc != nil || src != "" {
		t.Errorf("a cancelled load kept the model of %q", src)
	}
	calls = nil
	fc, err := s.LoadModel(context.Background(), path, func(done, _ int) { calls = append(calls, done) })
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Mean) != 6 || len(calls) != 11 {
		t.Errorf("forecast of %d steps after %d progress calls; want 6 and 11", len(fc.Mean), len(calls))
	}
	if got, src := s.LoadedModel(); got != fc || src != path {
		t.Errorf("LoadedModel = %p, %q; want the forecast and %q", got, src, path)
	}
}

// TestLoadModelMessageBounded: a damaged model file's error is one line of
// at most MaxMessage runes even when the file's text is quoted, and still
// an ErrBadModel. Before, a 1 MB format field made a 1 MB message.
func TestLoadModelMessageBounded(t *testing.T) {
	s, path := trainedModel(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x\n", 5e5)
	for name, text := range map[string]string{
		"format": strings.Replace(string(b), `"forecaster-model"`, `"`+strings.ReplaceAll(long, "\n", `\n`)+`"`, 1),
		"scaler": strings.Replace(string(b), `"scaler": "window"`, `"scaler": "`+strings.ReplaceAll(long, "\n", `\n`)+`"`, 1),
	} {
		bad := filepath.Join(t.TempDir(), name+".json")
		if err := os.WriteFile(bad, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := s.LoadModel(context.Background(), bad, nil)
		msg := err.Error()
		if !errors.Is(err, forecast.ErrBadModel) || utf8.RuneCountInString(msg) > MaxMessage+len("app: ") || strings.ContainsAny(msg, "\n\r") {
			t.Errorf("%s: error of %d runes %.100q…; want an ErrBadModel of one line under %d runes", name, utf8.RuneCountInString(msg), msg, MaxMessage)
		}
	}
}
