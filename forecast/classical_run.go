package forecast

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/recommend"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// A series too short for the network's windows is not refused: it is
// forecast by the classical methods alone, and the result says so in one
// line (Result.Diagnosis). Its layout:
//
//	holdout             the last H points, when Train asks for one and at
//	                    least minClassicalFit points remain before them
//	validation origins  every history length o from two seasons (at least
//	                    minClassicalFit) to (holdout start − H), thinned to
//	                    maxRecommendOrigins
//	selection           AutoETS and auto ARIMA on the history each forecast
//	                    is made from: before the last validation origin
//	                    (for every origin), before the holdout, the whole
//	                    series
//
// The recommended forecast is not chosen on the validation origins: on a
// series this short they are a few overlapping windows, and the choice on
// them loses to the combination (recommend.Short). It is the combination
// (MethodComb), or with no validation origin the mean of the combination
// and the seasonal naive. Intervals come from the validation errors,
// widened to the models' own where those are few (for a blend, the mean of
// its parts' standard deviations: recommend.Choice.SD).

// minClassicalFit is the shortest history the classical methods are fitted
// on (AutoETS and Theta need 7 points).
const minClassicalFit = 8

// maxClassicalHorizon is the longest horizon a series of n points with
// seasonal period m is forecast for without the network: two seasons, or
// half the series when that is longer.
func maxClassicalHorizon(n, m int) int { return max(2*max(m, 1), n/2) }

// classicalRun forecasts s with the classical methods alone; why is the
// reason the network could not be trained (ErrTooShort from Resolve or
// NewPlan).
func classicalRun(ctx context.Context, s *tsdata.Series, set config.Settings, holdout bool, why error, start time.Time) (*Result, error) {
	set, lay, err := classicalPlan(s, set, holdout, why)
	if err != nil {
		return nil, err
	}
	n, h, m := s.Len(), set.Horizon, set.Season
	v := s.Values
	end := lay.End // the history before the holdout
	holdout = lay.Holdout
	val := &recommend.Validation{Season: m, Preds: map[string][][]float64{}}
	for o := lay.FirstVal; o+h <= end; o++ {
		val.Origins = append(val.Origins, o)
		val.Actual = append(val.Actual, v[o:o+h])
	}
	val.Thin(recommend.MaxOrigins)
	selEnd := end
	if k := len(val.Origins); k > 0 {
		selEnd = val.Origins[k-1]
	}
	// Each forecast uses models selected on the history it is made from:
	// the validation origins' on the history before the last of them (one
	// selection for all, so later points never choose an earlier origin's
	// model), the holdout's on the points before it, the future's on the
	// whole series. The future's selection is the one the result names.
	// (One selection for all three, on the validation history, forecast
	// the future from models chosen on as few as two seasons: on the
	// bundled segments of scripts/shortsim -pipeline, monthly 48/12, mean
	// OWA 0.978 against 0.674.)
	// (Where two histories coincide the cache makes one search.)
	pendVal, pendHold, pendAll := recommend.SelectAsync(v[:selEnd], m), recommend.SelectAsync(v[:end], m), recommend.SelectAsync(v, m)
	selVal, err := pendVal.Wait(ctx)
	if err != nil {
		return nil, err
	}
	selHold, err := pendHold.Wait(ctx)
	if err != nil {
		return nil, err
	}
	sel, err := pendAll.Wait(ctx)
	if err != nil {
		return nil, err
	}
	notes := sel.Notes
	if err := val.AddClassical(ctx, v, h, m, selVal); err != nil {
		return nil, err
	}
	rec := recommend.Short(sel, m, len(val.Origins))
	res := &Result{Settings: set, Series: s.Name, Models: sel.Models(), Recommended: rec.Name(), ShortRule: true, Validation: val.Scores(rec)}
	res.Diagnosis = fmt.Sprintf("%s (recommended: %s).", lay.Note, rec.Name())
	if len(notes) > 0 {
		res.Diagnosis += " Also: " + joinNotes(notes) + "."
	}
	hist := v[:end]
	cfHist := recommend.Forecasts(hist, h, m, selHold) // the classical methods fitted on the history before the holdout
	if holdout {
		res.Holdout = Holdout{Start: end, Actual: slices.Clone(v[end:]), Pred: map[string][]float64{}}
		scoreClassical(res, hist, v[end:], cfHist)
		scoreRecommended(res, rec, val)
		res.Coverage80, res.Coverage95 = res.Coverage[MethodRecommended].P80, res.Coverage[MethodRecommended].P95
	}
	cf := recommend.Forecasts(v, h, m, sel)
	if b, ok := res.Holdout.Bands[MethodRecommended]; ok {
		// the recommended forecast's holdout band, where the LSTM's would be
		res.Holdout.Lower80, res.Holdout.Upper80, res.Holdout.Lower95, res.Holdout.Upper95 = b.Lower80, b.Upper80, b.Lower95, b.Upper95
	}
	if res.Residuals, err = oneStepResiduals(ctx, hist, m, nil, nil, nil, nil, cfHist); err != nil {
		return nil, err
	}
	stub := Forecast{Times: s.FutureTimes(h), Index: make([]int, h)}
	for k := range stub.Index {
		stub.Index[k] = n + k
	}
	res.Forecasts, res.Recommended = futures(stub, rec, val, h, cf)
	res.ShortRule = res.Recommended == rec.Name() // else the method of lowest validation error stood in
	res.Forecast = res.Forecasts[MethodRecommended]
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// reasonOf is an error's message without its package prefix and hint.
func reasonOf(err error) string {
	var ie *tsdata.InputError
	if errors.As(err, &ie) {
		return ie.Msg
	}
	return strings.TrimPrefix(err.Error(), "forecast: ")
}

// joinNotes joins notes with "; ".
func joinNotes(notes []string) string { return strings.Join(notes, "; ") }

// classicalPlan lays out a run without the network (see the top of this
// file) on s, whose Resolve or NewPlan failed with why: the season
// resolved, End the history before the holdout, FirstVal the first
// validation origin (End when there is none), W zero, and Note the one
// line a run or a preview says. It fails when even the classical methods
// cannot forecast: fewer than minClassicalFit points, or a horizon beyond
// maxClassicalHorizon (the error names the longest to use).
func classicalPlan(s *tsdata.Series, set config.Settings, holdout bool, why error) (config.Settings, Plan, error) {
	if set.Season == 0 {
		set.Season = s.Freq.SeasonalPeriod()
	}
	n, h, m := s.Len(), set.Horizon, set.Season
	if n < minClassicalFit {
		return set, Plan{}, &tsdata.InputError{File: s.Name, Msg: fmt.Sprintf("the series has %d points; forecasting needs at least %d", n, minClassicalFit),
			Hint: "use a longer series", Err: tsdata.ErrTooShort}
	}
	if most := maxClassicalHorizon(n, m); h > most {
		return set, Plan{}, &tsdata.InputError{File: s.Name, Msg: fmt.Sprintf("horizon %d is longer than %d points support (two seasons or half the series)", h, n),
			Hint: fmt.Sprintf("use a horizon of at most %d", most), Err: tsdata.ErrTooShort}
	}
	p := Plan{N: n, H: h, O: h, End: n}
	if holdout && n-h >= minClassicalFit {
		p.End, p.Holdout = n-h, true
	} else if holdout {
		p.noHoldout = fmt.Sprintf("no holdout: %d points would remain before the last %d", n-h, h)
	}
	p.FirstVal = max(minClassicalFit, 2*m)
	if p.FirstVal+h > p.End {
		p.FirstVal = p.End
	}
	p.Note = fmt.Sprintf("No network: too few windows to train it (%s); the forecast comes from the classical methods (ETS, Theta, ARIMA and their mean)", reasonOf(why))
	if p.noHoldout != "" {
		p.Note += "; " + p.noHoldout
	}
	return set, p, nil
}
