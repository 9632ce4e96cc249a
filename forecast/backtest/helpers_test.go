package backtest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// quick returns settings small enough for tests to train in about a second.
func quick(h int) config.Settings {
	s := config.DefaultSettings()
	s.Horizon = h
	s.Epochs = 60
	s.Hidden = 16
	return s
}

// airPassengers reads the airline sample from forecast/testdata (or the
// shared data beside the repository); it skips the test without it.
func airPassengers(t testing.TB) *tsdata.Series {
	t.Helper()
	for _, dir := range []string{filepath.Join("..", "testdata"), filepath.Join("..", "..", "..", "shared", "data")} {
		p := filepath.Join(dir, "air_passengers_monthly.csv")
		if _, err := os.Stat(p); err != nil {
			continue
		}
		tab, err := tsdata.ReadFile(p, tsdata.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s, _, err := tab.Series(tsdata.SeriesSpec{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	t.Skip("air_passengers_monthly.csv not found")
	return nil
}
