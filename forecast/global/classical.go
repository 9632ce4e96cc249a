package global

import (
	"context"
	"runtime"
	"sync"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
)

// origins are the points a series is forecast from: its validation origin,
// its holdout origin (with a holdout) and its end.
type origins struct {
	val, hold, future int
}

// preds holds one method's forecasts of one series from each origin (nil
// where the method has none).
type preds struct {
	val, hold, future []float64
}

// classical forecasts v from every origin with the naive, the seasonal
// naive and ETS, and returns ETS's path along v for the network's anchor
// (nil without one). ETS is fitted once on v[:o.val], the training part
// (every training target lies in it), and carried through the later points
// with its parameters fixed (classic.ETS.Trace); with a holdout it is fitted
// again on v[:o.hold] for the holdout's forecast, as a person fitting ETS to
// the series before the holdout would. A series ETS cannot fit has no ETS
// forecast.
func classical(v []float64, o origins, h, m int, holdout bool) (map[string]preds, *classic.ETSPath) {
	out := map[string]preds{}
	for _, name := range []string{forecast.MethodNaive, forecast.MethodSeasonalNaive} {
		f := func(t int) []float64 {
			if name == forecast.MethodNaive {
				return classic.Naive(v[:t], h)
			}
			return classic.SeasonalNaive(v[:t], h, m)
		}
		p := preds{val: f(o.val), future: f(o.future)}
		if holdout {
			p.hold = f(o.hold)
		}
		out[name] = p
	}
	e, err := classic.FitETS(v[:o.val], m)
	if err != nil {
		return out, nil
	}
	p := preds{val: e.Forecast(h)}
	path := classic.NewETSPath(e, v, h) // e's states are now those after v
	p.future = e.Forecast(h)
	if holdout {
		if e, err = classic.FitETS(v[:o.hold], m); err != nil {
			return out, path
		}
		p.hold = e.Forecast(h)
	}
	if finite(p.val) && finite(p.hold) && finite(p.future) {
		out[forecast.MethodETS] = p
	}
	return out, path
}

// each calls f(i) for i in [0, n) on up to GOMAXPROCS goroutines, then
// returns; it stops handing out indices once ctx is done and returns its
// error. done (if not nil) is called after each index, one call at a time.
// The results must not depend on the order: f writes only its own slot.
func each(ctx context.Context, n int, f func(i int), done func()) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range workers {
		wg.Add(1)
		go func() { // ends when next is closed
			defer wg.Done()
			for i := range next {
				f(i)
				if done != nil {
					mu.Lock()
					done()
					mu.Unlock()
				}
			}
		}()
	}
	var err error
	for i := range n {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return err
}
