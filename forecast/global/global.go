package global

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/lstm"
)

// MethodGlobal names the global LSTM's forecasts in SeriesResult's maps.
const MethodGlobal = "global"

// Options are the choices of one global run.
type Options struct {
	Horizon int // steps ahead H; also the validation and holdout length
	Season  int // seasonal period m; 0: the first series' frequency decides
	Window  int // lookback W; 0: defaultWindow(m, H)
	// Holdout holds the last Horizon points of every series out: they are
	// forecast from the points before them by every method and scored.
	Holdout bool
	// Local also trains the per-series LSTM (forecast.Train, settings
	// LocalNet) on every series, for comparison on the holdout (Holdout
	// only; it is never a candidate for the recommended forecast).
	Local    bool
	LocalNet config.Settings
	// Net holds the network's and the training loop's settings (hidden
	// units, layers, loss, optimiser, rate, epochs, batch, patience, seed,
	// ensemble, clipping, initialisers); its data fields are ignored.
	Net config.Settings
	// AnchorInputs gives the network the anchor's forecast from each
	// window's origin (its H steps, scaled as the window's values) as
	// inputs beside the window, so it sees what it corrects.
	AnchorInputs bool
	// Static, when not nil, holds inputs of each series besides its
	// values (EncodeStatic): Static.X[j] belongs to Run's series j and is
	// fed to the network at every step of the series' windows.
	Static *Static
	// Progress, when not nil, is told how far the run is. It is called from
	// the goroutines doing the work, one call at a time, and must return
	// quickly.
	Progress func(Progress)
}

// DefaultOptions are the options for horizon h: one network of 32 units
// trained with Adam on minibatches of 256 windows, at most 60 epochs of 50
// steps with patience 10. One, not the single-series default of three: on
// a synthetic panel of 300 series an ensemble of 3 gained 0.005 of MASE
// (docs/panel.md) for three times the training of 10,000 series. The
// anchor's path is an input (AnchorInputs): on the six panels of
// docs/panel.md it lowered the global LSTM's MASE most on the varied one.
func DefaultOptions(h int) Options {
	n := config.DefaultSettings()
	n.Hidden, n.Batch, n.Epochs, n.Patience = 32, 256, 60, 10
	n.Ensemble = 1
	n.LR = 0.003
	n.Horizon = h
	l := config.DefaultSettings()
	l.Horizon = h
	return Options{Horizon: h, Net: n, LocalNet: l, AnchorInputs: true}
}

// defaultWindow is the lookback for season m and horizon h: max(2m, h, 4).
func defaultWindow(m, h int) int { return max(2*m, h, 4) }

// Phase is the part of a run Progress reports on.
type Phase int

const (
	PhaseClassical Phase = iota // naive, seasonal naive, Theta and AutoETS per series
	PhaseTraining               // the global network's epochs
	PhaseForecast               // the network's forecasts, intervals and scores
	PhaseLocal                  // the per-series LSTMs (Options.Local)
)

var phaseNames = [...]string{"classical fits", "training", "forecasting", "per-series LSTMs"}

func (p Phase) String() string { return phaseNames[p] }

// Progress says how far a run is: Done of Total units of the phase (series,
// or epochs when training), and the time left, an upper bound while
// training (early stopping ends it sooner).
type Progress struct {
	Phase       Phase
	Done, Total int
	Series      int // series in the model
	Windows     int // training windows
	// While training: the lookback being trained, the Candidate-th (from
	// 1) of Candidates tried; Done and Total count its epochs.
	Lookback, Candidate, Candidates int
	Elapsed                         time.Duration
	Left                            time.Duration
}

// SeriesResult is one series' outcome.
type SeriesResult struct {
	ID     string
	Points int
	Anchor string // the global model's anchor for the series: "naive", "seasonal naive (m=12)" or the AutoETS model, e.g. "ETS(M,Ad,M)"
	// Recommended is the method (or blend "global+auto_ets") recommended on the
	// validation windows: the panel's best unless the series' own best is
	// far better there (see recommendAll).
	Recommended string
	Validation  map[string]float64 // method → mean absolute error over the validation windows
	// Forecasts holds every method's forecast past the end with 80 % and
	// 95 % intervals, and forecast.MethodRecommended's.
	Forecasts map[string]forecast.Forecast
	// With a holdout: the last Horizon values, every method's forecast of
	// them and its metrics (MASE scaled by the points before the holdout).
	Actual   []float64
	Holdout  map[string][]float64
	Metrics  map[string]classic.Metrics
	Coverage map[string]forecast.Coverage
}

// Skipped is a series left out of the run, and why.
type Skipped struct {
	ID     string
	Reason string
}

// Result is a global run's outcome.
type Result struct {
	Series    []SeriesResult
	Skipped   []Skipped
	Net       config.Settings // the network's settings as run (window, horizon, season filled in)
	Windows   int             // training windows over all series
	History   []fit.EpochEvent
	Stop      config.StopReason
	BestEpoch int
	// WindowErrors are the validation errors of the lookbacks tried, in
	// order; Net.Window is the one kept (the lowest).
	WindowErrors []WindowError
	Seconds      float64
}

// ErrNoSeries is returned when no series is long enough for the run.
var ErrNoSeries = errors.New("global: no series is long enough")

// Run trains one network on the windows of every series and forecasts each
// series with it, next to the naive, the seasonal naive, Theta and AutoETS
// fitted per series; see the package documentation for the split. It returns within
// one optimiser step of ctx being cancelled (the error wraps
// context.Canceled). Series too short or not finite are skipped and listed;
// series of different frequencies are refused.
func Run(ctx context.Context, series []*tsdata.Series, opt Options) (*Result, error) {
	start := time.Now()
	if opt.Horizon < 1 {
		return nil, fmt.Errorf("global: horizon %d: use 1 or more", opt.Horizon)
	}
	if len(series) == 0 {
		return nil, ErrNoSeries
	}
	if err := sameFreq(series); err != nil {
		return nil, err
	}
	h, m, W := opt.Horizon, opt.Season, opt.Window
	if m == 0 {
		m = series[0].Freq.SeasonalPeriod()
	}
	m = max(m, 1)
	if W == 0 {
		W = defaultWindow(m, h)
	}
	set := opt.Net
	set.Window, set.Horizon, set.Season = W, h, m
	set.Strategy = config.StrategyDirect
	if err := set.Validate(); err != nil {
		return nil, err
	}
	res := &Result{Net: set}
	nStatic := 0
	if st := opt.Static; st != nil {
		if len(st.X) != len(series) {
			return nil, fmt.Errorf("global: static inputs for %d series; want one for each of the %d", len(st.X), len(series))
		}
		nStatic = len(st.Names)
		for j, x := range st.X {
			if len(x) != nStatic {
				return nil, fmt.Errorf("global: series %s has %d static inputs; want %d", series[j].Name, len(x), nStatic)
			}
		}
	}
	ser := members(series, W, h, opt.Holdout, res)
	for _, s := range ser {
		if opt.Static != nil {
			s.static = opt.Static.X[s.idx]
		}
	}
	if len(ser) == 0 {
		parts := "a training and a validation window"
		if opt.Holdout {
			parts = "a training window, a validation window and the holdout"
		}
		return nil, fmt.Errorf("%w: each needs at least %d points (the lookback %d, then %s, of %d each)", ErrNoSeries, need(W, h, opt.Holdout), W, parts, h)
	}
	rep := &reporter{f: opt.Progress, start: start, series: len(ser)}

	// Classical fits (with each series' AutoETS path, the anchor).
	cls := make([]map[string]preds, len(ser))
	paths := make([]*classic.ETSPath, len(ser))
	errs := make([]error, len(ser))
	rep.phase(PhaseClassical, len(ser))
	err := each(ctx, len(ser), func(j int) {
		s := ser[j]
		cls[j], paths[j] = classical(s.v, s.origins(h), h, m, opt.Holdout, len(ser) > largePanel)
		s.nrm, errs[j] = fitNorm(s.v, s.firstVal(h), W, h, m, paths[j])
	}, rep.tick)
	if err != nil {
		return nil, fmt.Errorf("global: %w", err)
	}
	var keep []int
	ser, cls, keep = dropFailed(ser, cls, errs, series, res)
	if len(ser) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoSeries, res.Skipped[len(res.Skipped)-1].Reason)
	}
	for i, j := range keep {
		paths[i] = paths[j]
	}
	paths = paths[:len(keep)]
	nIn := 1 + nStatic
	if opt.AnchorInputs {
		nIn += h
	}

	// The network: one per candidate window, the lowest validation error
	// kept.
	wins := []int{W}
	if opt.Window == 0 {
		wins = windowCandidates(W, ser, h, opt.Holdout)
	}
	tr := trainer{ser: ser, paths: paths, h: h, m: m, nIn: nIn, anchorIn: opt.AnchorInputs, set: set, rep: rep}
	rep.series, rep.cands, rep.epochs = len(ser), len(wins), set.Epochs
	rep.phase(PhaseTraining, len(wins)*set.Epochs)
	var best *trained
	for c, w := range wins {
		t, err := tr.train(ctx, w, c)
		if err != nil {
			return nil, err
		}
		if t == nil { // a series' normalisation failed with this window
			continue
		}
		res.WindowErrors = append(res.WindowErrors, WindowError{Window: w, MASE: t.score})
		if best == nil || t.score < best.score {
			best = t
		}
	}
	if best == nil { // a series could not be normalised for any longer lookback
		rep.cands = 1
		if best, err = tr.train(ctx, W, 0); err != nil {
			return nil, err
		}
		res.WindowErrors = append(res.WindowErrors, WindowError{Window: W, MASE: best.score})
	}
	ser, W = best.ser, best.W
	res.Net.Window = W
	res.Windows = best.pw.cum[len(ser)]
	res.History, res.Stop, res.BestEpoch = best.fits[0].History, best.fits[0].Stop, best.fits[0].BestEpoch
	nets := make([]*lstm.Model, len(best.fits))
	for i, f := range best.fits {
		nets[i] = f.Net
	}
	pw := best.pw

	rep.phase(PhaseForecast, len(ser))
	g := (&predictor{nets: nets, pw: pw}).all(ser, h, opt.Holdout)
	out := make([]SeriesResult, len(ser))
	for j, s := range ser {
		cls[j][MethodGlobal] = g[j]
		if e, ok := cls[j][forecast.MethodAutoETS]; ok {
			cls[j][MethodBlend] = blend(g[j], e)
			if th, ok := cls[j][forecast.MethodTheta]; ok {
				cls[j][MethodBlend3] = blend(g[j], e, th)
			}
		}
		out[j] = s.result(series[s.idx], cls[j], h, m, opt.Holdout)
	}
	calibrate(out, ser, cls, h, m, opt.Holdout)
	if opt.Local && opt.Holdout {
		if err := local(ctx, out, ser, series, opt.LocalNet, h, m, rep); err != nil {
			return nil, err
		}
	}
	res.Series = out
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// need is the fewest points a series needs: W inputs, one training window,
// the validation window and the holdout.
func need(W, h int, holdout bool) int {
	n := W + 2*h
	if holdout {
		n += h
	}
	return n
}

// sameFreq refuses series of different frequencies, naming them.
func sameFreq(series []*tsdata.Series) error {
	f := series[0].Freq
	var odd []string
	for _, s := range series[1:] {
		if s.Freq != f {
			odd = append(odd, fmt.Sprintf("%s (%s)", s.Name, s.Freq))
		}
	}
	if len(odd) == 0 {
		return nil
	}
	if len(odd) > 5 {
		odd = append(odd[:5], fmt.Sprintf("and %d more", len(odd)-5))
	}
	return fmt.Errorf("global: series of different frequencies in one model: %s is %s, but %s; forecast each frequency apart", series[0].Name, f, strings.Join(odd, ", "))
}

// members are the series long enough for the run, the others listed in
// res.Skipped.
func members(series []*tsdata.Series, W, h int, holdout bool, res *Result) []*member {
	var ser []*member
	for i, s := range series {
		v := s.Values
		skip := func(format string, args ...any) {
			res.Skipped = append(res.Skipped, Skipped{ID: s.Name, Reason: fmt.Sprintf(format, args...)})
		}
		if n := need(W, h, holdout); len(v) < n {
			skip("%d points; the window (%d) and horizon (%d) need at least %d", len(v), W, h, n)
			continue
		}
		if !finite(v) {
			skip("missing or infinite values; fill them on import")
			continue
		}
		end := len(v)
		if holdout {
			end -= h
		}
		ser = append(ser, &member{idx: i, v: v, end: end, nval: valWindows(end, W, h)})
	}
	return ser
}

// dropFailed leaves out the series whose normalisation failed (errs),
// listing them in res.Skipped.
func dropFailed(ser []*member, cls []map[string]preds, errs []error, series []*tsdata.Series, res *Result) ([]*member, []map[string]preds, []int) {
	var keep []*member
	var kc []map[string]preds
	var idx []int
	for j, s := range ser {
		if errs[j] != nil {
			res.Skipped = append(res.Skipped, Skipped{ID: series[s.idx].Name, Reason: errs[j].Error()})
			continue
		}
		keep, kc, idx = append(keep, s), append(kc, cls[j]), append(idx, j)
	}
	return keep, kc, idx
}

// origins are s's forecast origins.
func (s *member) origins(h int) origins {
	o := origins{val: make([]int, s.nval), hold: s.end, future: len(s.v)}
	for i := range o.val {
		o.val[i] = s.valOrigin(h, i)
	}
	return o
}

// result fills a series' forecasts, validation errors and holdout
// predictions from every method's predictions (intervals come later).
func (s *member) result(src *tsdata.Series, p map[string]preds, h, m int, holdout bool) SeriesResult {
	r := SeriesResult{ID: src.Name, Points: len(s.v), Validation: map[string]float64{}, Forecasts: map[string]forecast.Forecast{}}
	switch {
	case s.nrm.ets != nil:
		r.Anchor = s.nrm.ets.String()
	case s.nrm.lag > 1:
		r.Anchor = fmt.Sprintf("seasonal naive (m=%d)", s.nrm.lag)
	default:
		r.Anchor = "naive"
	}
	times := src.FutureTimes(h)
	index := make([]int, h)
	for k := range index {
		index[k] = len(s.v) + k
	}
	for name, f := range p {
		r.Validation[name] = s.valMAE(f.val, h)
		r.Forecasts[name] = forecast.Forecast{Times: times, Index: index, Mean: f.future}
	}
	if holdout {
		r.Actual = s.v[s.end:]
		r.Holdout = map[string][]float64{}
		r.Metrics = map[string]classic.Metrics{}
		for name, f := range p {
			r.Holdout[name] = f.hold
			r.Metrics[name] = classic.Evaluate(r.Actual, f.hold, s.v[:s.end], m)
		}
	}
	return r
}

// valMAE is the mean absolute error of forecasts f from s's validation
// origins, over all of them.
func (s *member) valMAE(f [][]float64, h int) float64 {
	var e float64
	for i, fi := range f {
		t := s.valOrigin(h, i)
		e += classic.MAE(s.v[t:t+h], fi)
	}
	return e / float64(len(f))
}

// predictor forecasts with the trained network(s): the median of the
// members' outputs.
type predictor struct {
	nets []*lstm.Model
	pw   *panelWindows
}

// predictChunk is the number of windows predicted at once.
const predictChunk = 256

// at forecasts every series from the origin org(s), in values.
func (p *predictor) at(ser []*member, h int, org func(*member) int) [][]float64 {
	W, I := p.pw.W, p.pw.I
	out := make([][]float64, len(ser))
	x := make([]float64, predictChunk*W*I)
	u := make([][]float64, len(p.nets))
	for i := range u {
		u[i] = make([]float64, predictChunk*h)
	}
	col := make([]float64, len(p.nets))
	for b0 := 0; b0 < len(ser); b0 += predictChunk {
		n := min(len(ser), b0+predictChunk) - b0
		for r := range n {
			s := ser[b0+r]
			p.pw.inputs(x[r*W*I:(r+1)*W*I], s, org(s))
		}
		for i, net := range p.nets {
			net.Predict(u[i][:n*h], x[:n*W*I], n, W)
		}
		for r := range n {
			s := ser[b0+r]
			t := org(s)
			f := make([]float64, h)
			for k := range h {
				for i := range p.nets {
					col[i] = u[i][r*h+k]
				}
				f[k] = s.nrm.value(median(col), s.v, t, k)
			}
			out[b0+r] = f
		}
	}
	return out
}

// vals forecasts every series from each of its validation origins:
// out[j][i] is series j's from its i-th.
func (p *predictor) vals(ser []*member, h int) [][][]float64 {
	out := make([][][]float64, len(ser))
	for j, s := range ser {
		out[j] = make([][]float64, s.nval)
	}
	for i := range maxValWindows {
		var sub []*member
		var idx []int
		for j, s := range ser {
			if i < s.nval {
				sub, idx = append(sub, s), append(idx, j)
			}
		}
		if len(sub) == 0 {
			break
		}
		f := p.at(sub, h, func(s *member) int { return s.valOrigin(h, i) })
		for r, j := range idx {
			out[j][i] = f[r]
		}
	}
	return out
}

// all forecasts every series from each of its origins.
func (p *predictor) all(ser []*member, h int, holdout bool) []preds {
	val := p.vals(ser, h)
	fut := p.at(ser, h, func(s *member) int { return len(s.v) })
	var hold [][]float64
	if holdout {
		hold = p.at(ser, h, func(s *member) int { return s.end })
	}
	out := make([]preds, len(ser))
	for j := range ser {
		out[j] = preds{val: val[j], future: fut[j]}
		if holdout {
			out[j].hold = hold[j]
		}
	}
	return out
}

// median of a few values (sorted in place).
func median(a []float64) float64 {
	if len(a) == 1 {
		return a[0]
	}
	slices.Sort(a)
	n := len(a)
	if n%2 == 1 {
		return a[n/2]
	}
	return (a[n/2-1] + a[n/2]) / 2
}

// finite reports whether every value of a is finite.
func finite(a []float64) bool {
	for _, x := range a {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// reporter turns the run's events into Progress calls, and is the
// training loop's fit.Observer.
type reporter struct {
	f               func(Progress)
	start           time.Time
	phaseStart      time.Time
	p               Phase
	done, total     int // over every candidate lookback while training
	series, windows int
	// training: the candidate lookback (cand from 0, of cands), epochs each
	lookback, cand, cands, epochs int
}

var _ fit.Observer = (*reporter)(nil)

func (r *reporter) phase(p Phase, total int) {
	r.p, r.done, r.total, r.phaseStart = p, 0, total, time.Now()
	r.send()
}

func (r *reporter) tick() {
	r.done++
	r.send()
}

// candidate starts training the c-th candidate lookback W, of n windows.
func (r *reporter) candidate(c, W, n int) {
	r.cand, r.lookback, r.windows = c, W, n
	r.done = c * r.epochs
	r.send()
}

func (r *reporter) send() {
	if r.f == nil {
		return
	}
	el := time.Since(r.phaseStart)
	var left time.Duration
	if r.done > 0 {
		left = time.Duration(float64(el) / float64(r.done) * float64(r.total-r.done))
	}
	p := Progress{Phase: r.p, Done: r.done, Total: r.total, Series: r.series, Windows: r.windows,
		Elapsed: time.Since(r.start), Left: left}
	if r.p == PhaseTraining && r.cands > 0 {
		p.Done, p.Total = r.done-r.cand*r.epochs, r.epochs
		p.Lookback, p.Candidate, p.Candidates = r.lookback, r.cand+1, r.cands
	}
	r.f(p)
}

// Step is fit.Observer's: steps are not reported.
func (r *reporter) Step(fit.StepEvent) {}

// Epoch reports the first member's epochs.
func (r *reporter) Epoch(e fit.EpochEvent) {
	if e.Member == 0 {
		r.tick()
	}
}
