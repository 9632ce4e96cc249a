package recommend

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"sync"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/classic/arima"
	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// combParts are the methods MethodComb averages.
var combParts = []string{AutoETS, ARIMA, Theta}

// maxARIMASeason is the longest seasonal period auto ARIMA is searched
// for: above it (weekly data, m = 52) the seasonal search takes minutes
// (arima/doc.go: 16 s and 194 s on weekly CO₂) and ARIMA is left out.
const maxARIMASeason = 24

// selection holds the models AutoETS and auto ARIMA chose, once per run,
// on the history before the last validation origin (see selectModels).
// Every other origin, the holdout and the forecast past the end
// re-estimate these models on their own history instead of searching
// again: the search is what costs (seconds for ARIMA on a seasonal series
// against a tenth of that for one fit), and the model forecast is the one
// the validation judged.
type Selection struct {
	ets      *classic.ETSSpec // nil when AutoETS could not fit
	etsName  string
	arima    *arima.Order // nil when left out or not fitted
	constant bool         // ARIMA's mean or drift
	arName   string
	Notes    []string // why a method is missing, for the run's warnings
	seconds  float64  // time the selection took
}

// selectModels runs AutoETS and arima.Auto on hist with period m.
func selectModels(hist []float64, m int) *Selection {
	start := time.Now()
	sel := &Selection{}
	if e, err := classic.AutoETS(hist, m); err == nil {
		sel.ets, sel.etsName = &e.Spec, e.Method()
	} else {
		sel.Notes = append(sel.Notes, "ETS (auto) could not be fitted: "+err.Error())
	}
	if m > maxARIMASeason {
		sel.Notes = append(sel.Notes, fmt.Sprintf("auto ARIMA is left out for a season of %d (its seasonal search takes minutes above %d)", m, maxARIMASeason))
	} else if a, _, err := arima.Auto(hist, m); err == nil {
		sel.arima, sel.constant, sel.arName = &a.Order, a.Constant, a.Method()
	} else {
		sel.Notes = append(sel.Notes, "auto ARIMA could not be fitted: "+err.Error())
	}
	sel.seconds = time.Since(start).Seconds()
	return sel
}

// selectAsync starts selectModels in a goroutine, so the search runs while
// the network trains; wait returns its result.
type Pending struct {
	done chan struct{}
	sel  *Selection
}

func SelectAsync(hist []float64, m int) *Pending {
	p := &Pending{done: make(chan struct{})}
	go func() { // ends when the selection is made
		p.sel = cache.selection(hist, m)
		close(p.done)
	}()
	return p
}

// wait returns the selection, or ErrCanceled when ctx ends first (the
// search then finishes in the background; it holds no lock and writes
// nothing shared).
func (p *Pending) Wait(ctx context.Context) (*Selection, error) {
	select {
	case <-p.done:
		return p.sel, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("forecast: stopped while selecting the ETS and ARIMA models: %w", fit.ErrCanceled)
	}
}

// classicalFit is every classical method's forecast h steps after one
// history: the point forecasts, the model-based standard deviations of
// the methods that have them, the fitted Holt-Winters (the LSTM's
// residual checks use it) and warnings for methods that could not fit.
type Fit struct {
	Mean map[string][]float64
	SD   map[string][]float64
	HW   *classic.ETS
	// Resid are the residuals of the fitted models a statistician checks
	// (AutoETS, Theta, ARIMA), as R's residuals() gives them; shared with
	// the cache, so only read.
	Resid map[string]Resid
	Warn  []string
}

// Resid are one fitted model's residuals over its whole history (one a
// point, from the first) and the degrees of freedom its residual check
// takes off, as forecast::checkresiduals counts them.
//
//	AutoETS  the innovations: y − ŷ, or (y − ŷ)/ŷ for a model with
//	         multiplicative error (Relative); FitDF the smoothing
//	         parameters and initial states (modeldf.ets: length(fit$par))
//	Theta    y minus thetaf's fitted values (the smoothing's one-step
//	         fit, reseasonalised, without the drift); FitDF 2, the α and
//	         initial level of that smoothing as modeldf.ets counts them
//	         (R's checkresiduals gives thetaf no test)
//	ARIMA    the standardised one-step innovations of the Kalman filter;
//	         FitDF p + q + P + Q (modeldf.Arima: the mean or drift not
//	         counted)
type Resid struct {
	Values   []float64
	FitDF    int
	Relative bool
}

// classicalForecasts forecasts h steps after hist with every classical
// method, ETS and ARIMA as sel chose them (sel may be nil: then only the
// methods that need no selection). A method that cannot be fitted is left
// out and explained in warn.
func classicalForecasts(hist []float64, h, m int, sel *Selection) Fit {
	out := Fit{
		Mean: map[string][]float64{
			Naive:         classic.Naive(hist, h),
			SeasonalNaive: classic.SeasonalNaive(hist, h, m),
			Drift:         classic.Drift(hist, h),
		},
		SD:    lagwalkSD(hist, h, m),
		Resid: map[string]Resid{},
	}
	add := func(name string, f classic.Forecast) {
		if allFinite(f.Mean) && allFinite(f.SD) {
			out.Mean[name], out.SD[name] = f.Mean, f.SD
		} else {
			out.Warn = append(out.Warn, name+" gave a forecast that is not finite")
		}
	}
	if e, err := classic.FitETS(hist, m); err == nil {
		out.Mean[ETS], out.HW = e.Forecast(h), e
	} else {
		out.Warn = append(out.Warn, "exponential smoothing could not be fitted: "+err.Error())
	}
	if th, err := classic.Theta(hist, m); err == nil {
		add(Theta, th.Forecast(h))
		r := make([]float64, len(hist))
		for i, y := range hist {
			r[i] = y - th.Fitted[i]
		}
		out.Resid[Theta] = Resid{Values: r, FitDF: 2}
	} else {
		out.Warn = append(out.Warn, "Theta could not be fitted: "+err.Error())
	}
	if sel != nil && sel.ets != nil {
		e, err := classic.FitETSModel(hist, m, *sel.ets)
		if err != nil { // the selected model does not suit this history: select again
			e, err = classic.AutoETS(hist, m)
		}
		if err == nil {
			add(AutoETS, e.Forecast(h))
			out.Resid[AutoETS] = Resid{Values: e.Residuals, FitDF: e.NPar, Relative: e.Spec.Error == classic.ETSMultiplicative}
		} else {
			out.Warn = append(out.Warn, "ETS (auto) could not be fitted: "+err.Error())
		}
	}
	if sel != nil && sel.arima != nil {
		a, err := arima.Fit(hist, *sel.arima, sel.constant)
		if err != nil && sel.constant { // a drift the shorter history cannot estimate
			a, err = arima.Fit(hist, *sel.arima, false)
		}
		if err == nil {
			add(ARIMA, a.Forecast(h))
			o := a.Order
			out.Resid[ARIMA] = Resid{Values: a.Residuals, FitDF: o.P + o.Q + o.SP + o.SQ}
		} else {
			out.Warn = append(out.Warn, sel.arName+" could not be re-estimated: "+err.Error())
		}
	}
	out.comb(sel, h)
	return out
}

// comb adds MethodComb when every part the selection allows was fitted:
// the mean of the parts' forecasts, and the mean of their standard
// deviations (the parts' errors are strongly correlated, so the standard
// deviation of the mean is at most this).
func (c *Fit) comb(sel *Selection, h int) {
	parts := combOf(sel)
	if len(parts) < 2 {
		return
	}
	mean, sd := make([]float64, h), make([]float64, h)
	for _, p := range parts {
		f, ok := c.Mean[p]
		if !ok {
			return
		}
		for k := range h {
			mean[k] += f[k] / float64(len(parts))
			sd[k] += c.SD[p][k] / float64(len(parts))
		}
	}
	c.Mean[Comb], c.SD[Comb] = mean, sd
}

// combOf is the parts MethodComb averages under sel: the three, without
// ARIMA when it was left out, none without a selection.
func combOf(sel *Selection) []string {
	if sel == nil || sel.ets == nil {
		return nil
	}
	var parts []string
	for _, p := range combParts {
		if p != ARIMA || sel.arima != nil {
			parts = append(parts, p)
		}
	}
	return parts
}

// models names the model each selected method fitted, for Result.Models.
func (sel *Selection) Models() map[string]string {
	out := map[string]string{}
	if sel == nil {
		return out
	}
	if sel.ets != nil {
		out[AutoETS] = sel.etsName
	}
	if sel.arima != nil {
		out[ARIMA] = sel.arName
	}
	if parts := combOf(sel); len(parts) > 0 {
		s := "mean of"
		for i, p := range parts {
			if i > 0 {
				s += ","
			}
			s += " " + p
		}
		out[Comb] = s
	}
	return out
}

// modelWidths are the half-widths z·sd of a model-based interval at level.
func modelWidths(sd []float64, level float64) []float64 {
	lo, hi := classic.Forecast{Mean: make([]float64, len(sd)), SD: sd}.Interval(level)
	out := make([]float64, len(sd))
	for k := range out {
		out[k] = (hi[k] - lo[k]) / 2
	}
	return out
}

// widenToModel raises validation-based half-widths to the model-based ones
// where the validation had fewer residuals per step than the level needs
// for a conformal quantile (n < ⌈level/(1−level)⌉: 4 for 80 %, 19 for
// 95 %): with few residuals the model's own error variance is the honest
// width, and the wider of the two is kept. The 95 % widths stay strictly
// above the 80 % ones.
func widenToModel(q80, q95, sd []float64, n int) {
	if sd == nil {
		return
	}
	for _, l := range []struct {
		q     []float64
		level float64
		need  int
	}{{q80, 0.80, 4}, {q95, 0.95, 19}} {
		if n >= l.need {
			continue
		}
		w := modelWidths(sd, l.level)
		for k := range l.q {
			if math.IsNaN(l.q[k]) || w[k] > l.q[k] {
				l.q[k] = w[k]
			}
		}
	}
	for k := range q95 {
		if q80[k] > 0 && !(q95[k] > q80[k]) {
			q95[k] = q80[k] * 1.959963984540054 / 1.2815515655446004
		}
	}
}

// lagwalkSD is the forecast standard deviation of naive, seasonal naive and
// drift as R's forecast::rwf and snaive give it (lagwalk): with d the
// lag-differences of hist (lag 1, or m for seasonal naive) and k the step,
// naive and seasonal naive σ·√⌈k/lag⌉ with σ² = mean(d²); drift
// σ·√(k + (k·σ/√n_d)²) with σ² the variance of d (n_d − 1 degrees of
// freedom), n_d differences. Methods whose history is too short get none.
func lagwalkSD(hist []float64, h, m int) map[string][]float64 {
	out := map[string][]float64{}
	walk := func(lag int, drift bool) []float64 {
		nd := len(hist) - lag
		if nd < 1 || (drift && nd < 2) {
			return nil
		}
		var mean, ss float64
		for t := lag; t < len(hist); t++ {
			mean += (hist[t] - hist[t-lag]) / float64(nd)
		}
		for t := lag; t < len(hist); t++ {
			d := hist[t] - hist[t-lag]
			if drift {
				d -= mean
			}
			ss += d * d
		}
		sd := make([]float64, h)
		if drift {
			sigma := math.Sqrt(ss / float64(nd-1))
			bse := sigma / math.Sqrt(float64(nd))
			for k := range sd {
				step := float64(k + 1)
				sd[k] = math.Sqrt(step*sigma*sigma + step*step*bse*bse)
			}
			return sd
		}
		sigma := math.Sqrt(ss / float64(nd))
		for k := range sd {
			sd[k] = sigma * math.Sqrt(float64(k/lag+1))
		}
		return sd
	}
	if sd := walk(1, false); sd != nil {
		out[Naive] = sd
	}
	if sd := walk(1, true); sd != nil {
		out[Drift] = sd
	}
	lag := 1
	if m > 1 && len(hist) >= m {
		lag = m // classic.SeasonalNaive falls back to naive below one season
	}
	if sd := walk(lag, false); sd != nil {
		out[SeasonalNaive] = sd
	}
	return out
}

// The selection and the classical forecasts depend only on the history,
// the horizon and the season, so they are kept for the runs that follow:
// training the same series again with other network settings, the
// backtest's overlapping histories and the window's retries do not search
// again. At most classicalCacheSize entries of each are kept (the oldest
// dropped).
const classicalCacheSize = 256

type classicalKey struct {
	sum  uint64 // FNV-1a of the history's bits
	n, h int
	m    int
	sel  string // the selection's models ("" for a selection)
}

type classicalCache struct {
	mu    sync.Mutex
	sels  map[classicalKey]*Selection
	fits  map[classicalKey]Fit
	order []classicalKey
	// searching holds the selections being made, so that a second request
	// for the same history (a run's holdout and future selections when
	// the two histories coincide) waits for the first instead of
	// searching again beside it.
	searching map[classicalKey]*search
}

// search is a selection being made; sel is set before done is closed.
type search struct {
	done chan struct{}
	sel  *Selection
}

var cache = &classicalCache{sels: map[classicalKey]*Selection{}, fits: map[classicalKey]Fit{}, searching: map[classicalKey]*search{}}

func keyOf(hist []float64, h, m int, sel *Selection) classicalKey {
	f := fnv.New64a()
	var b [8]byte
	for _, v := range hist {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		f.Write(b[:])
	}
	k := classicalKey{sum: f.Sum64(), n: len(hist), h: h, m: m}
	if sel != nil {
		k.sel = "ets " + sel.etsName + " arima " + sel.arName + fmt.Sprint(sel.arima)
	}
	return k
}

// remember records a key, dropping the oldest entries beyond the bound.
// The caller holds mu.
func (c *classicalCache) remember(k classicalKey) {
	c.order = append(c.order, k)
	for len(c.order) > 2*classicalCacheSize {
		old := c.order[0]
		c.order = c.order[1:]
		delete(c.sels, old)
		delete(c.fits, old)
	}
}

// selection is selectModels(hist, m), from the cache when it was made
// before, or from the search for the same history under way.
func (c *classicalCache) selection(hist []float64, m int) *Selection {
	k := keyOf(hist, 0, m, nil)
	c.mu.Lock()
	if s, ok := c.sels[k]; ok {
		c.mu.Unlock()
		return s
	}
	if f, ok := c.searching[k]; ok {
		c.mu.Unlock()
		<-f.done
		return f.sel
	}
	f := &search{done: make(chan struct{})}
	c.searching[k] = f
	c.mu.Unlock()
	f.sel = selectModels(hist, m)
	c.mu.Lock()
	c.sels[k] = f.sel
	c.remember(k)
	delete(c.searching, k)
	c.mu.Unlock()
	close(f.done)
	return f.sel
}

// forecasts is classicalForecasts(hist, h, m, sel), from the cache when it
// was computed before (its slices are shared and never written).
func (c *classicalCache) forecasts(hist []float64, h, m int, sel *Selection) Fit {
	k := keyOf(hist, h, m, sel)
	c.mu.Lock()
	f, ok := c.fits[k]
	c.mu.Unlock()
	if ok {
		return f
	}
	f = classicalForecasts(hist, h, m, sel)
	c.mu.Lock()
	c.fits[k] = f
	c.remember(k)
	c.mu.Unlock()
	return f
}

// Forecasts is every classical method's forecast h steps after hist, ETS
// and ARIMA as sel chose them, from the cache when it was computed before
// (its slices are shared and never written).
func Forecasts(hist []float64, h, m int, sel *Selection) Fit { return cache.forecasts(hist, h, m, sel) }

// allFinite reports whether every value of x is finite.
func allFinite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
