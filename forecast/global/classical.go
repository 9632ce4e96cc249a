package global

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
)

// origins are the points a series is forecast from: its validation
// origins (the earliest first), its holdout origin (with a holdout) and its
// end.
type origins struct {
	val          []int
	hold, future int
}

// preds holds one method's forecasts of one series from each origin (nil
// where the method has none): val[i] from the i-th validation origin.
type preds struct {
	val          [][]float64
	hold, future []float64
}

// classical forecasts v from every origin with the naive, the seasonal
// naive, Theta and AutoETS, and returns AutoETS's path along v, the ETS
// candidate for the network's anchor (nil without one).
//
// AutoETS (classic.AutoETS, R's forecast::ets: the model of smallest AICc
// over error, trend, damping and season) is fitted once on v[:o.val[0]],
// the training part (every training target lies in it), and carried
// through the later points with its parameters fixed
// (classic.NewETSModelPath): the validation forecasts, the anchor from
// every origin and the forecast past the end come from that one fit. With a holdout it is fitted again
// on v[:o.hold] for the holdout's forecast, as a person fitting it to the
// series before the holdout would. Theta costs little and is fitted at
// each origin. A series a method cannot fit has no forecast by it.
func classical(v []float64, o origins, h, m int, holdout, narrow bool) (map[string]preds, *classic.ETSPath) {
	out := map[string]preds{}
	for _, name := range []string{forecast.MethodNaive, forecast.MethodSeasonalNaive, forecast.MethodTheta} {
		f := func(t int) []float64 {
			switch name {
			case forecast.MethodNaive:
				return classic.Naive(v[:t], h)
			case forecast.MethodSeasonalNaive:
				return classic.SeasonalNaive(v[:t], h, m)
			}
			th, err := classic.Theta(v[:t], m)
			if err != nil {
				return nil
			}
			return th.Forecast(h).Mean
		}
		p := preds{val: make([][]float64, len(o.val)), future: f(o.future)}
		for i, t := range o.val {
			p.val[i] = f(t)
		}
		if holdout {
			p.hold = f(o.hold)
		}
		if p.complete(holdout) {
			out[name] = p
		}
	}
	p, path := autoETS(v, o, h, m, holdout, narrow)
	if p.complete(holdout) {
		out[forecast.MethodAutoETS] = p
	}
	return out, path
}

// complete reports whether p has a finite forecast from every origin (the
// holdout's only with a holdout).
func (p preds) complete(holdout bool) bool {
	if len(p.val) == 0 || p.future == nil || (p.hold == nil && holdout) || !finite(p.hold) || !finite(p.future) {
		return false
	}
	for _, f := range p.val {
		if f == nil || !finite(f) {
			return false
		}
	}
	return true
}

// autoETS is AutoETS's forecasts (empty when it cannot be fitted) and path
// (nil when it cannot be fitted), its search narrowed as fitAutoETS says.
// The forecast past the end is the path's from the last origin: the model
// fitted on the training part, its states filtered over the rest.
func autoETS(v []float64, o origins, h, m int, holdout, narrow bool) (preds, *classic.ETSPath) {
	e, err := fitAutoETS(v[:o.val[0]], m, narrow)
	if err != nil {
		return preds{}, nil
	}
	path := classic.NewETSModelPath(e, v, h)
	p := preds{val: [][]float64{e.Forecast(h).Mean}}
	at := func(t int) []float64 {
		f := make([]float64, h)
		for k := range h {
			y, ok := path.At(t, k)
			if !ok {
				return nil
			}
			f[k] = y
		}
		return f
	}
	for _, t := range o.val[1:] {
		if p.val = append(p.val, at(t)); p.val[len(p.val)-1] == nil {
			return preds{}, path
		}
	}
	if p.future = at(len(v)); p.future == nil {
		return preds{}, path
	}
	if holdout {
		if e, err = fitAutoETS(v[:o.hold], m, narrow); err != nil {
			return preds{}, path
		}
		p.hold = e.Forecast(h).Mean
	}
	return p, path
}

// largePanel is the number of series above which fitAutoETS narrows its
// search. The full search (15 models for a positive seasonal series, 9 of
// them seasonal, each with more than m parameters to estimate) costs about
// 40 ms a monthly series of 100 points, on 10,000 series far more than the
// network's training; narrowed it costs about a third less, which keeps
// the 10,000 monthly series of docs/panel.md within five minutes on two
// cores. On the synthetic panels there the narrowed search forecast as
// well as the full one.
const largePanel = 1000

// narrowSpecs are the models fitAutoETS searches when narrowed: those with
// multiplicative error, for positive series.
var narrowSpecs = func() []classic.ETSSpec {
	var out []classic.ETSSpec
	A, M, N := classic.ETSAdditive, classic.ETSMultiplicative, classic.ETSNone
	for _, trend := range []classic.ETSComponent{N, A} {
		for _, season := range []classic.ETSComponent{N, A, M} {
			for _, damped := range []bool{false, true} {
				if damped && trend == N {
					continue
				}
				out = append(out, classic.ETSSpec{Error: M, Trend: trend, Season: season, Damped: damped})
			}
		}
	}
	return out
}()

// fitAutoETS is classic.AutoETS(y, m): the ETS model of smallest AICc. With
// narrow (a panel of more than largePanel series) and y positive and not
// constant, the search is among the models with multiplicative error only
// (narrowSpecs), 9 models instead of 15: for a given trend and season the
// error's form changes the point forecast only through the estimates, and
// on the positive series of the synthetic panels the full search chose
// multiplicative error for most series anyway. Where no narrowed model
// fits, the full search runs.
func fitAutoETS(y []float64, m int, narrow bool) (*classic.ETSModel, error) {
	if !narrow || !(slices.Min(y) > 0) || slices.Min(y) == slices.Max(y) {
		return classic.AutoETS(y, m)
	}
	var best *classic.ETSModel
	for _, spec := range narrowSpecs {
		fit, err := classic.FitETSModel(y, m, spec)
		if err != nil || math.IsNaN(fit.AICc) || math.IsInf(fit.AICc, 0) {
			continue
		}
		if best == nil || fit.AICc < best.AICc {
			best = fit
		}
	}
	if best == nil {
		return classic.AutoETS(y, m)
	}
	return best, nil
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
