package forecast

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/recommend"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// Train fits the forecaster to s with the last Horizon points held out,
// scores it and the baselines on them, and forecasts Horizon steps past the
// last observation. It returns within one optimiser step of ctx being
// cancelled, with the best weights so far (ErrCanceled if there are none),
// their intervals calibrated; a cancel that comes after training, during the
// interval calibration, stops that too and returns ErrCanceled. obs may be
// nil.
func Train(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*Result, error) {
	return run(ctx, s, set, obs, true)
}

// TrainFull is Train without a holdout: every point is used for training and
// validation, so Result.Metrics and Result.Holdout are empty. The CLI's
// forecast and train commands use it.
func TrainFull(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*Result, error) {
	return run(ctx, s, set, obs, false)
}

// run is Train and TrainFull: prepare the data on the Plan, train the
// networks, calibrate the intervals on the validation windows, score every
// method on the holdout, and forecast past the end.
func run(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer, holdout bool) (*Result, error) {
	start := time.Now()
	pr, err := prepare(s, set, holdout)
	if errors.Is(err, tsdata.ErrTooShort) {
		// Too few windows for the network: the classical methods alone.
		return classicalRun(ctx, s, set, holdout, err, start)
	}
	if err != nil {
		return nil, err
	}
	set, p, lay, z, ep := pr.set, pr.p, pr.plan, pr.z, pr.ep
	v := s.Values
	warnings := pr.warnings
	// ETS and ARIMA are selected on the history before the last validation
	// origin while the network trains.
	pending := recommend.SelectAsync(v[:max(lay.End+lay.Lag-set.Horizon, 0)], set.Season)
	// With few training windows the recommended forecast is the
	// combination (minChooseWindows), and the holdout's and the future's
	// models are selected on their own histories, as for a series without
	// the network: on so short a series the history before the last
	// validation origin is a season or more shorter (on monthly segments
	// of 30 points, horizon 3, the combination's mean OWA 0.932 with one
	// selection, 0.802 with these).
	pendHold, pendAll := pending, pending
	if lay.TrainWindows() < minChooseWindows {
		pendHold, pendAll = recommend.SelectAsync(v[:lay.End+lay.Lag], set.Season), recommend.SelectAsync(v, set.Season) // one search when they coincide (the cache)
	}

	model := &Model{Settings: set, Prep: *p, Name: s.Name, CovNames: s.CovNames, Freq: s.Freq.String()}
	res := &Result{Settings: set, Series: s.Name, Anchor: p.anchorText()}
	fits, err := fit.Members(ctx, pr.data, set, obs, start)
	if err != nil {
		return nil, err
	}
	for _, f := range fits {
		model.nets = append(model.nets, f.Net)
	}
	main := fits[0]
	res.History = main.History
	res.StopReason, res.Diagnosis, res.BestEpoch = main.Stop, main.Diagnosis, main.BestEpoch
	for _, f := range fits[1:] {
		res.History = append(res.History, f.History...)
		if f.Stop == config.StopDiverged && res.Diagnosis == "" {
			res.Diagnosis = f.Diagnosis
		}
	}

	// Split-conformal intervals from the validation windows' residuals. A
	// cancel during calibration stops it; a cancel that already stopped
	// training does not, so the weights it kept get their intervals.
	calCtx := ctx
	for _, f := range fits {
		if f.Stop == config.StopCanceled {
			calCtx = context.WithoutCancel(ctx)
		}
	}
	var val *recommend.Validation
	model.Q80, model.Q95, val, err = model.calibrate(calCtx, v, z, ep, s.Covariates, lay)
	if err != nil {
		return nil, err
	}
	sel, err := pending.Wait(ctx)
	if err != nil {
		if calCtx.Err() != nil {
			return nil, err
		}
		// Training was stopped and its weights kept: no waiting for the search.
		sel = &recommend.Selection{Notes: []string{"training was stopped before the ETS and ARIMA models were selected; they are left out"}}
	}
	selHold, selAll := sel, sel
	if pendHold != pending && err == nil {
		h, errH := pendHold.Wait(ctx)
		a, errA := pendAll.Wait(ctx)
		switch {
		case errH == nil && errA == nil:
			selHold, selAll = h, a
		case calCtx.Err() != nil:
			return nil, cmp.Or(errH, errA)
		} // else stopped with its weights kept: the selection made already
	}
	warnings = append(warnings, selAll.Notes...)
	res.Models = selAll.Models()
	// The recommended forecast is chosen on the validation origins only;
	// for a long series it is the mean of the two best methods.
	val.Pair = lay.TrainWindows() >= minPairWindows
	val.Thin(recommend.MaxOrigins)
	if err := val.AddClassical(calCtx, v, set.Horizon, set.Season, sel); err != nil {
		return nil, err
	}
	rec, over := val.Choose()
	if lay.TrainWindows() < minChooseWindows {
		rec, over, res.ShortRule = recommend.Short(selAll, set.Season, len(val.Origins)), "", true
	}
	res.Recommended, res.FellBackFrom, res.Validation = rec.Name(), over, val.Scores(rec)
	hist := v[:lay.End+lay.Lag]
	var cf recommend.Fit // the classical methods fitted on hist
	if holdout {
		if cf, err = scoreHoldout(res, model, s, z[:lay.End], ep, selHold); err != nil {
			return nil, err
		}
		warnings = append(warnings, cf.Warn...)
		scoreRecommended(res, rec, val)
	} else {
		cf = recommend.Forecasts(hist, set.Horizon, set.Season, selAll)
	}
	if res.Residuals, err = oneStepResiduals(calCtx, hist, set.Season, model, z[:lay.End], ep, s.Covariates, cf); err != nil {
		return nil, err
	}
	mean, err := model.forecastAt(v, z, ep, s.Covariates, set.Horizon, nil)
	if err != nil {
		return nil, err
	}
	res.Forecast = model.future(s, mean)
	res.Forecasts, res.Recommended = futures(res.Forecast, rec, val, set.Horizon, recommend.Forecasts(v, set.Horizon, set.Season, selAll))
	res.ShortRule = res.ShortRule && res.Recommended == rec.Name() // else the method of lowest validation error stood in
	res.Model = model
	res.Seconds = time.Since(start).Seconds()
	if len(warnings) > 0 && len(res.History) > 0 {
		last := &res.History[len(fits[0].History)-1]
		last.Warnings = append(last.Warnings, warnings...)
	}
	return res, nil
}

// prepared is a series made ready for training: the resolved settings, the
// Plan, the fitted preparation, the transformed values z, the ETS anchor's
// path over z (nil without one) and the windows in network units.
type prepared struct {
	set      config.Settings
	plan     Plan
	p        *prep
	z        []float64
	ep       *classic.ETSPath
	data     *fit.Dataset
	warnings []string
}

// prepare resolves the settings, transforms the series, lays out the Plan,
// fits the scaler and the anchor on the training part only, and builds the
// training and validation windows.
func prepare(s *tsdata.Series, set config.Settings, holdout bool) (*prepared, error) {
	set, err := Resolve(s, set)
	if err != nil {
		return nil, err
	}
	p := &prep{Transform: set.Transform, Period: set.Season}
	z, err := p.transform(s.Values)
	if err != nil {
		return nil, err
	}
	lay, err := NewPlan(s.Len(), set, holdout)
	if err != nil {
		return nil, err
	}
	pr := &prepared{set: set, plan: lay, p: p, z: z}
	if lay.Overlap() {
		pr.warnings = append(pr.warnings, "the series is short: validation windows overlap the training windows, so early stopping and intervals are optimistic")
	}
	trainEnd := lay.TrainEnd()
	if err := p.fit(set.Scaler, z[:trainEnd], lay.W, s.Covariates, trainEnd+p.lag()); err != nil {
		return nil, err
	}
	if p.windowed() {
		var ets *etsAnchor
		if set.Anchor == config.AnchorETS || (set.Anchor == config.AnchorAuto && set.Strategy != config.StrategyRecursive) {
			// Fitted on the training part only: the validation windows
			// judge it out of sample, and the holdout never reaches it.
			ets, err = fitETSAnchor(z, trainEnd, set.Season)
			if err != nil {
				if set.Anchor == config.AnchorETS {
					return nil, fmt.Errorf("forecast: the ets anchor could not be fitted: %w", err)
				}
				pr.warnings = append(pr.warnings, "the ets anchor could not be fitted ("+err.Error()+"); the anchor is naive or seasonal naive")
				ets = nil
			}
		}
		c := chooseAnchor(z, lay, set.Season, set.Anchor, ets)
		p.Anchor, p.ETS = c.lag, c.ets
		pr.ep = p.etsPath(z, lay.O)
		if set.Strategy != config.StrategyRecursive && lay.TrainWindows() >= minAnchorInputWindows {
			p.AnchorIn = lay.O // the network sees the forecast it corrects
		}
		p.fitSpread(z, pr.ep, func(yield func(t, k int)) {
			for t := lay.W; t <= lay.TrainLast; t++ {
				for k := range lay.O {
					yield(t, k)
				}
			}
		})
	}
	pr.data = p.dataset(z, pr.ep, s.Covariates, lay)
	if err := pr.data.Check(); err != nil {
		return nil, err
	}
	return pr, nil
}

// scoreHoldout forecasts the last H points of s from the points before them
// with the trained model (zHist: the transformed values before the holdout)
// and with every baseline, and records the predictions, the LSTM's
// intervals and their coverage, and every method's metrics in res. It
// returns the classical methods fitted on the history before the holdout
// (their warnings, Holt-Winters and residuals).
func scoreHoldout(res *Result, model *Model, s *tsdata.Series, zHist []float64, ep *classic.ETSPath, sel *recommend.Selection) (recommend.Fit, error) {
	v := s.Values
	h := res.Settings.Horizon
	n := len(v)
	hist := v[:n-h]
	actual := v[n-h:]
	pred, err := model.forecastAt(hist, zHist, ep, s.Covariates, h, nil)
	if err != nil {
		return recommend.Fit{}, err
	}
	res.Holdout = Holdout{Start: n - h, Actual: slices.Clone(actual), Pred: map[string][]float64{MethodLSTM: pred}}
	res.Holdout.Lower80, res.Holdout.Upper80 = model.band(pred, model.Q80)
	res.Holdout.Lower95, res.Holdout.Upper95 = model.band(pred, model.Q95)
	res.Coverage80 = classic.Coverage(actual, res.Holdout.Lower80, res.Holdout.Upper80)
	res.Coverage95 = classic.Coverage(actual, res.Holdout.Lower95, res.Holdout.Upper95)
	cf := recommend.Forecasts(hist, h, res.Settings.Season, sel)
	scoreClassical(res, hist, actual, cf)
	return cf, nil
}

// scoreClassical adds the classical methods' holdout predictions (cf,
// fitted on hist) and every method's metrics to res.
func scoreClassical(res *Result, hist, actual []float64, cf recommend.Fit) {
	for name, f := range cf.Mean {
		res.Holdout.Pred[name] = f
	}
	res.holdoutHistory, res.holdoutSD = hist, cf.SD
	res.Metrics = make(map[string]classic.Metrics, len(res.Holdout.Pred))
	for name, f := range res.Holdout.Pred {
		res.Metrics[name] = classic.Evaluate(actual, f, hist, res.Settings.Season)
	}
}

// minAnchorInputWindows is the fewest training windows with which the
// anchor's forecast is an input of the network (prep.AnchorIn). With fewer
// the network alone overfit the extra inputs: on 16 segments of 60–100
// points of the bundled series (25 to 57 windows) its mean MASE was 1.054
// without them and 1.126 with (docs/defaults.md).
const minAnchorInputWindows = 100

// minChooseWindows is the fewest training windows with which the
// recommended forecast is chosen on the validation origins; with fewer it
// is recommend.Short's, the combination, as for a series too short for
// the network. On a series this short the validation windows are few and
// overlap, and the choice on them lost to the combination: on segments of
// the bundled series forecast as the command line does (go run
// ./scripts/shortsim -pipeline, with the network; OWA against Naive2, the
// choice → the combination), monthly 30/3 (9 windows) 0.979 → 0.802,
// 40/6 (11) 0.681 → 0.633, 50/6 (11) 0.842 → 0.780, 60/6 (15) 0.875 →
// 0.834, 72/12 (15) 0.881 → 0.832; quarterly 30/4 (10) 1.015 → 0.871, 40/4
// (17) 1.337 → 1.148; yearly 25/2 (13) 1.093 → 1.038, 40/4 (17) 0.863 →
// 0.883 (the one loss); and at 25 windows, yearly 60/6, 0.900 → 0.875. On
// the 16 segments of 25 to 57 windows of docs/defaults.md the choice was
// slightly ahead (mean OWA 0.807 against 0.812, 3 origins, seeds 1–3),
// hence the threshold.
const minChooseWindows = 25

// minPairWindows is the fewest training windows with which the
// recommended forecast is always the mean of the two methods with the
// lowest validation errors (recommend.Validation.Pair): the threshold of
// the anchor inputs, where the same 16 short segments drew the line
// (docs/defaults.md, "The mean of the two best").
const minPairWindows = minAnchorInputWindows

// maxStoredFloats bounds the windows a dataset stores (X, Y, VX and VY
// together: 2^24 floats, 128 MiB). A series with more windows, such as 5
// million hourly points (some 2 GB of windows of 48), has them built from
// the series each time they are needed (fit.Dataset.Src), with the same
// numbers.
const maxStoredFloats = 1 << 24

// dataset builds the training and validation windows in network units (ep:
// the ETS anchor's path over z, or nil): stored, or built on demand when
// they would take more than maxStoredFloats.
func (p *prep) dataset(z []float64, ep *classic.ETSPath, cov [][]float64, l Plan) *fit.Dataset {
	d := p.windows(z, ep, cov, l)
	if (d.N+d.VN)*(d.W*d.I+d.O) <= maxStoredFloats {
		d.Store()
	}
	return d
}

// windows is the dataset of the Plan's windows, built on demand.
func (p *prep) windows(z []float64, ep *classic.ETSPath, cov [][]float64, l Plan) *fit.Dataset {
	return &fit.Dataset{W: l.W, I: p.inputs(), O: l.O, N: l.TrainWindows(), VN: max(l.End-l.O-l.FirstVal+1, 0),
		Src: &windowSource{p: p, z: z, ep: ep, cov: cov, W: l.W, O: l.O, train: l.W, val: l.FirstVal}}
}

// windowSource builds windows from the transformed series z (fit.Windows):
// training window i has the origin train+i, validation window i the origin
// val+i. It only reads the series.
type windowSource struct {
	p          *prep
	z          []float64
	ep         *classic.ETSPath
	cov        [][]float64
	W, O       int
	train, val int
}

var _ fit.Windows = (*windowSource)(nil)

// Row writes the inputs and targets of a window into x and y.
func (s *windowSource) Row(x, y []float64, i int, val bool) {
	t := s.train + i
	if val {
		t = s.val + i
	}
	s.p.window(x, s.z, s.ep, s.cov, t, s.W)
	for j := range s.O {
		y[j] = s.p.target(s.z, s.ep, t, j)
	}
}
