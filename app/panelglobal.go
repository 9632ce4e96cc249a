package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/global"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

// globalForecaster trains one network on the windows of every series
// (package forecast/global) and forecasts each with it, next to the
// classical methods fitted per series. From the job's settings it takes
// the horizon, the season, the window and the seed; the network's size
// and its training are global.DefaultOptions'. With a holdout the
// per-series LSTM (the job's settings) is trained on every series too and
// scored as "lstm", beside "global". Method "lstm" (or empty)
// is the global network's forecast; "recommended" each series' choice on
// its validation windows; a classical name that method's forecast.
func globalForecaster(ctx context.Context, members []panel.Member, job PanelJob, report func(PanelStatus)) []SeriesResult {
	set := job.Settings
	opt := global.DefaultOptions(set.Horizon)
	opt.Season, opt.Window, opt.Holdout = set.Season, set.Window, job.Holdout
	opt.Net.Seed = set.Seed
	// A backtest also scores the per-series LSTM with the job's settings,
	// the comparison the global model is judged by.
	opt.Local, opt.LocalNet = job.Holdout, set
	opt.Static = job.static // encoded by Panel.Forecast
	series := make([]*tsdata.Series, len(members))
	for i, m := range members {
		series[i] = m.Series
	}
	opt.Progress = func(p global.Progress) {
		st := PanelStatus{Stage: p.Phase.String(), Total: len(members), Windows: p.Windows, Left: p.Left}
		switch p.Phase {
		case global.PhaseTraining:
			st.Epoch, st.Epochs = p.Done, p.Total
			st.Lookback, st.Candidate, st.Candidates = p.Lookback, p.Candidate, p.Candidates
		case global.PhaseLocal:
			st.Done = p.Done // series finished: the last stage
		default:
			if p.Done%max(p.Total/100, 1) != 0 && p.Done != p.Total {
				return // every hundredth of the series
			}
			st.Stage = fmt.Sprintf("%s: %d/%d series", p.Phase, p.Done, p.Total)
		}
		report(st)
	}
	out := make([]SeriesResult, len(members))
	for i, m := range members {
		out[i] = SeriesResult{ID: m.ID}
	}
	res, err := global.Run(ctx, series, opt)
	if errors.Is(err, global.ErrNoSeries) {
		// Every series too short for the network's lookback: each alone.
		why := make(map[string]string, len(members))
		all := make([]int, len(members))
		for i, m := range members {
			why[m.ID], all[i] = strings.TrimPrefix(Message(err), "global: "), i
		}
		aloneForecast(ctx, members, job, global.MethodGlobal, all, why, out, report)
		return out
	}
	if err != nil {
		for i := range out {
			out[i].Err = err
		}
		return out
	}
	skipped := map[string]string{}
	for _, s := range res.Skipped {
		skipped[s.ID] = s.Reason
	}
	byID := make(map[string]*global.SeriesResult, len(res.Series))
	for j := range res.Series {
		byID[res.Series[j].ID] = &res.Series[j]
	}
	method := job.Method
	if method == "" || method == forecast.MethodLSTM {
		method = global.MethodGlobal
	}
	offered := map[string]bool{}
	for _, r := range res.Series {
		for name := range r.Forecasts {
			offered[name] = true
		}
	}
	if method == forecast.MethodETS && !offered[method] {
		// The global model's exponential smoothing is R's ets model
		// choice, fitted per series.
		method = forecast.MethodAutoETS
	}
	if len(res.Series) > 0 && !offered[method] {
		names := slices.Sorted(maps.Keys(offered))
		for i := range out {
			out[i].Err = fmt.Errorf("app: the global model has no %s forecast; choose one of %s", method, strings.Join(names, ", "))
		}
		return out
	}
	var alone []int
	for i := range out {
		r, ok := byID[out[i].ID]
		if !ok {
			alone = append(alone, i)
			continue
		}
		f, ok := r.Forecasts[method]
		if !ok {
			out[i].Err = fmt.Errorf("app: no %s forecast for this series (the method could not be fitted)", method)
			continue
		}
		out[i].Method, out[i].Forecast, out[i].Metrics, out[i].Recommended = method, f, r.Metrics, r.Recommended
		out[i].Holdout = r.Holdout[method] // nil without a holdout
		out[i].Window = res.Net.Window
		if method == forecast.MethodRecommended {
			out[i].Method = r.Recommended
		}
	}
	aloneForecast(ctx, members, job, method, alone, skipped, out, report)
	if !opt.Local && len(alone) == 0 { // the per-series LSTMs, or those left out, reported the series done
		report(PanelStatus{Stage: global.PhaseForecast.String(), Done: len(members), Total: len(members), Windows: res.Windows})
	}
	return out
}

// aloneStage is the progress stage of the series a global run left out.
const aloneStage = "fitting the series left out, each on its own"

// aloneForecast forecasts the members at indices alone, which the global
// model left out (too short for its lookback, or not to be normalised),
// each on its own with the per-series pipeline, as -model local would:
// a series the classical methods can forecast is not lost because the
// others are long (issue 11: never refuse a forecastable series). Method
// is the global run's: its own network's forecast ("global") becomes the
// series' recommended forecast (a series this short has no network of its
// own either). A series that fails alone too carries both reasons. The
// progress counts those series after the others, under a stage of its own.
func aloneForecast(ctx context.Context, members []panel.Member, job PanelJob, method string, alone []int, skipped map[string]string, out []SeriesResult, report func(PanelStatus)) {
	if len(alone) == 0 {
		return
	}
	sub := make([]panel.Member, len(alone))
	for k, i := range alone {
		sub[k] = members[i]
	}
	j := job
	j.Method = method
	if method == global.MethodGlobal {
		j.Method = forecast.MethodRecommended
	}
	rs := localForecaster(ctx, sub, j, func(st PanelStatus) { // counted after the others
		st.Stage = aloneStage
		st.Done += len(members) - len(alone)
		st.Total = len(members)
		report(st)
	})
	for k, i := range alone {
		r := rs[k]
		why := skipped[r.ID]
		if r.Err != nil {
			r.Err = fmt.Errorf("app: left out of the global model (%s), and not forecast on its own either: %w", why, r.Err)
		} else {
			r.Alone = why
		}
		out[i] = r
	}
}
