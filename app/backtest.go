package app

import (
	"context"
	"fmt"

	"github.com/forecaster-dev/forecaster/forecast"
)

// MaxOrigins is the most forecast origins Backtest takes.
const MaxOrigins = 100

// Backtest runs forecast.RunBacktest on the loaded series with the current
// settings: origins rolling origins, step points apart (0: the horizon),
// the last holding out the series' final points. It runs in the caller's
// goroutine and does not take the job slot; obs, which may be nil, sees
// every origin's training in turn.
func (s *Session) Backtest(ctx context.Context, origins, step int, obs forecast.Observer) (*forecast.Backtest, error) {
	s.mu.Lock()
	series, set := s.series, s.settings
	s.mu.Unlock()
	if series == nil {
		return nil, ErrNoData
	}
	if origins < 1 || origins > MaxOrigins || step < 0 {
		return nil, fmt.Errorf("app: a backtest needs 1 to %d origins and a step ≥ 0 (got %d and %d)", MaxOrigins, origins, step)
	}
	if step == 0 {
		step = set.Horizon
	}
	return forecast.RunBacktest(ctx, series, set, origins, step, obs)
}
