package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/forecast/global"
	"github.com/forecaster-dev/forecaster/forecast/precision"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

// Panel is a file of many series loaded for forecasting (package
// tsdata/panel): its series, each cleaned on its own, and the report. The
// window and the command line share it; it is read-only once loaded.
type Panel struct {
	Source string // the file path
	Title  string // its base name
	Spec   panel.Spec
	*panel.Panel
}

// LoadPanel reads a file of many series per spec. What is not a regular
// file is refused before it is opened (CheckRegular).
func LoadPanel(path string, spec panel.Spec) (*Panel, error) {
	if err := CheckRegular(path); err != nil {
		return nil, err
	}
	t, err := tsdata.ReadFile(path, tsdata.ReadOptions{})
	if err != nil {
		return nil, err
	}
	p, err := panel.Split(t, spec)
	if err != nil {
		return nil, err
	}
	return &Panel{Source: path, Title: filepath.Base(path), Spec: spec, Panel: p}, nil
}

// SelectSeries loads the series id of p into the session as if it were a
// file of its own, so that the window's tabs show it; a running job is
// stopped first. The settings stay those of p's file (the horizon a person
// set holds for each of its series).
func (s *Session) SelectSeries(p *Panel, id string) (*Data, error) {
	m, ok := p.Member(id)
	if !ok {
		return nil, fmt.Errorf("app: %s has no series %q", p.Title, id)
	}
	date := p.Report.DateColumn
	if date == "" {
		date = "-"
	}
	s.mu.Lock()
	order := s.dayOrder // the panel's series keep the dates as the file was read
	s.mu.Unlock()
	return s.setTable(p.Source, p.Title+" · "+id, m.Table, nil, p, tsdata.SeriesSpec{DateCol: date, ValueCol: id, Missing: p.Spec.Missing}, order)
}

// SetPanelRun keeps run, the scoring of every series of p, as the
// session's last (a project of p's file keeps it with the file).
func (s *Session) SetPanelRun(p *Panel, run *PanelRun) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.panelRun, s.panelRunOf = run, p
	s.bump()
	s.signal()
}

// Shard returns the panel of the series in shard i of n (panel.Shard).
func (p *Panel) Shard(i, n int) *Panel {
	return &Panel{Source: p.Source, Title: p.Title, Spec: p.Spec, Panel: p.Keep(func(id string) bool { return panel.Shard(id, n) == i })}
}

// PanelJob says what a PanelForecaster does for every series.
type PanelJob struct {
	Settings config.Settings // as a person set them; each series resolves its own season and window
	// Method is the forecast SeriesResult.Forecast holds:
	// forecast.MethodRecommended, MethodLSTM, or a classical method.
	Method string
	// Holdout holds out the last Settings.Horizon points of each series
	// and scores every method on them (SeriesResult.Metrics), as Train
	// does; without it every point is used (TrainFull).
	Holdout bool
	// Static names static columns of the panel (panel.Spec.StaticCols)
	// that the global model takes as inputs besides each series' values;
	// the local model takes none.
	Static []string
	static *global.Static // Static encoded for the members, set by Panel.Forecast
}

// PanelStatus is what a PanelForecaster reports as it goes.
type PanelStatus struct {
	Stage   string // what runs now, e.g. "fitting each series"
	Done    int    // series finished, forecast or failed
	Total   int    // series to forecast
	Windows int    // training windows seen so far (0 when the forecaster does not count them)
	Epoch   int    // a global network's epoch, when one trains (0 otherwise)
	Epochs  int
	// Lookback is the input window of the global network training now,
	// the Candidate-th (from 1) of the Candidates tried (0 otherwise).
	Lookback, Candidate, Candidates int
	// Left is the forecaster's own estimate of the time its current stage
	// still needs (0: none; the share of work done decides).
	Left time.Duration
}

// SeriesResult is one series' outcome of a panel run.
type SeriesResult struct {
	ID string
	// Method names the forecast in Forecast: the job's method, or for the
	// recommended forecast the choice it made ("ets", "lstm+ets").
	Method   string
	Forecast forecast.Forecast
	// Holdout is the prediction of the last Settings.Horizon points by the
	// method of Forecast, made without them (jobs with Holdout; nil
	// otherwise, or when the method made none).
	Holdout []float64
	// Metrics are every method's holdout metrics (jobs with Holdout);
	// Recommended is keyed forecast.MethodRecommended.
	Metrics map[string]classic.Metrics
	// Recommended is the forecast chosen on the validation windows ("ets",
	// "lstm+ets"; empty when the forecaster makes no such choice).
	Recommended string
	// Window is the input window (lookback) of the global network that
	// forecast the series (0 for the local model, whose windows are each
	// series' own).
	Window int
	// Alone is why a series of a global run was forecast on its own by
	// the per-series pipeline (the reason the global model left it out,
	// e.g. too short for its lookback); empty otherwise.
	Alone string
	Err   error // why the series has no forecast; the others go on
}

// A PanelForecaster forecasts every series of members for job and returns
// one SeriesResult per member, in members' order. It may run series in
// parallel (GOMAXPROCS workers); report, safe for concurrent use, is told
// of every change of Done and of each epoch of a network shared by all
// series. When ctx is cancelled it returns promptly; series it did not
// finish carry ctx's error. A series that fails carries its error and
// never stops the others.
//
// This is the seam between the panel runner (the CLI's -model, the
// window's series list) and the models: "local" fits each series on its
// own (forecast.Train or TrainFull and the recommended forecast); a
// global model trained on windows of all series registers itself in
// PanelForecasters under its own name.
type PanelForecaster func(ctx context.Context, members []panel.Member, job PanelJob, report func(PanelStatus)) []SeriesResult

// PanelForecasters are the forecasters by the name -model takes.
var PanelForecasters = map[string]PanelForecaster{"local": localForecaster, "global": globalForecaster}

// PanelModels lists the names of PanelForecasters, sorted.
func PanelModels() []string {
	names := make([]string, 0, len(PanelForecasters))
	for n := range PanelForecasters {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// PanelProgress is a PanelStatus with the time spent and an estimate of
// the time left (0 until there is one).
type PanelProgress struct {
	PanelStatus
	Elapsed, Left time.Duration
}

// PanelRun is the outcome of forecasting a panel.
type PanelRun struct {
	Model   string
	Job     PanelJob
	IDName  string
	Freq    string
	Results []SeriesResult // in the panel's order
	Seconds float64
	// StaticInputs are the network's inputs from job.Static, one a
	// numeric column and one a value of a text column ("region=north").
	StaticInputs []string
	// Lookbacks are the global network's input windows trained, in order,
	// and Lookback the one kept, the lowest validation error (none for
	// the local model).
	Lookbacks []int
	Lookback  int
}

// Of is the result of the series id, when it has a forecast (nil
// otherwise: not in the run, or failed).
func (r *PanelRun) Of(id string) *SeriesResult {
	if r == nil {
		return nil
	}
	for i := range r.Results {
		if x := &r.Results[i]; x.ID == id {
			if x.Err != nil || len(x.Forecast.Mean) == 0 {
				return nil
			}
			return x
		}
	}
	return nil
}

// Forecast runs the forecaster called model over the panel's series and
// waits for it, calling progress (when not nil) from the forecaster's
// goroutines, one call at a time. A cancelled ctx stops it: the run holds
// the series finished by then (the others carry the error) and err is
// ErrStopped.
func (p *Panel) Forecast(ctx context.Context, model string, job PanelJob, progress func(PanelProgress)) (*PanelRun, error) {
	f, ok := PanelForecasters[model]
	if !ok {
		return nil, fmt.Errorf("app: no model %q for many series; choose %s", model, strings.Join(PanelModels(), " or "))
	}
	if err := forecast.Validate(job.Settings); err != nil {
		return nil, err
	}
	var staticInputs []string
	if len(job.Static) > 0 {
		if model != "global" {
			return nil, fmt.Errorf("app: static inputs (%s) are for the global model: choose it, or use no static column", strings.Join(job.Static, ", "))
		}
		values := make([][]string, len(p.Members))
		for _, name := range job.Static {
			i := slices.Index(p.Static, name)
			if i < 0 {
				return nil, fmt.Errorf("app: %s was not read as a static column of %s (static columns: %s); give it with -static-col", name, p.Title, strings.Join(p.Static, ", "))
			}
			for j, m := range p.Members {
				values[j] = append(values[j], m.Static[i])
			}
		}
		st, err := global.EncodeStatic(job.Static, values)
		if err != nil {
			return nil, err
		}
		job.static, staticInputs = st, st.Names
	}
	start := time.Now()
	var mu sync.Mutex
	var lookbacks []int
	report := func(st PanelStatus) {
		mu.Lock()
		defer mu.Unlock()
		if st.Lookback > 0 && !slices.Contains(lookbacks, st.Lookback) {
			lookbacks = append(lookbacks, st.Lookback)
		}
		if progress == nil {
			return
		}
		progress(PanelProgress{PanelStatus: st, Elapsed: time.Since(start), Left: timeLeft(st, time.Since(start))})
	}
	res := f(ctx, p.Members, job, report)
	run := &PanelRun{Model: model, Job: job, IDName: p.IDName, Freq: p.Freq.String(), Results: res, Seconds: time.Since(start).Seconds(), StaticInputs: staticInputs}
	mu.Lock()
	run.Lookbacks = lookbacks
	mu.Unlock()
	for _, r := range res {
		if r.Window > 0 {
			run.Lookback = r.Window
			break
		}
	}
	if ctx.Err() != nil {
		return run, ErrStopped
	}
	return run, nil
}

// LookbacksTried lists the global network's lookbacks trained, e.g.
// "24, 36, 48", or "" when at most one was.
func (r *PanelRun) LookbacksTried() string {
	if len(r.Lookbacks) < 2 {
		return ""
	}
	tried := make([]string, len(r.Lookbacks))
	for i, w := range r.Lookbacks {
		tried[i] = strconv.Itoa(w)
	}
	return strings.Join(tried, ", ")
}

// timeLeft estimates the time left from the share of the work done: the
// series finished, or before any, a shared network's epochs.
func timeLeft(st PanelStatus, elapsed time.Duration) time.Duration {
	switch {
	case st.Left > 0:
		return st.Left
	case st.Done > 0 && st.Total > st.Done:
		return time.Duration(float64(elapsed) * float64(st.Total-st.Done) / float64(st.Done))
	case st.Done == 0 && st.Epoch > 0 && st.Epochs > st.Epoch:
		return time.Duration(float64(elapsed) * float64(st.Epochs-st.Epoch) / float64(st.Epoch))
	}
	return 0
}

// Alone returns the results of a global run forecast on their own
// (SeriesResult.Alone).
func (r *PanelRun) Alone() []SeriesResult {
	var out []SeriesResult
	for _, s := range r.Results {
		if s.Alone != "" && s.Err == nil {
			out = append(out, s)
		}
	}
	return out
}

// Failed returns the results that have no forecast.
func (r *PanelRun) Failed() []SeriesResult {
	var out []SeriesResult
	for _, s := range r.Results {
		if s.Err != nil {
			out = append(out, s)
		}
	}
	return out
}

// Aggregate is the mean of each method's holdout metrics over the series
// that have them, and how many series that is.
func (r *PanelRun) Aggregate() (mean map[string]classic.Metrics, n map[string]int) {
	mean, n = map[string]classic.Metrics{}, map[string]int{}
	for _, s := range r.Results {
		for m, x := range s.Metrics {
			if !finite(x) {
				continue
			}
			a := mean[m]
			a.MAE, a.RMSE, a.MAPE, a.SMAPE, a.MASE = a.MAE+x.MAE, a.RMSE+x.RMSE, a.MAPE+x.MAPE, a.SMAPE+x.SMAPE, a.MASE+x.MASE
			mean[m] = a
			n[m]++
		}
	}
	for m, a := range mean {
		k := float64(n[m])
		mean[m] = classic.Metrics{MAE: a.MAE / k, RMSE: a.RMSE / k, MAPE: a.MAPE / k, SMAPE: a.SMAPE / k, MASE: a.MASE / k}
	}
	return mean, n
}

func finite(m classic.Metrics) bool {
	for _, v := range []float64{m.MAE, m.RMSE, m.MAPE, m.SMAPE, m.MASE} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// WriteForecast writes the run's forecasts as CSV in long format to w:
// the series id (headed by the id column's name, "series" for a wide
// file), then date,forecast,lower80,upper80,lower95,upper95 as a single
// series' export; the series in the run's order, each in date order.
// Series without a forecast are left out (PanelRun.Failed lists them).
func (p *Panel) WriteForecast(w io.Writer, run *PanelRun) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{run.IDName, "date", "forecast", "lower80", "upper80", "lower95", "upper95"})
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	values := map[string][]float64{}
	for _, m := range p.Members {
		values[m.ID] = m.Series.Values
	}
	for _, s := range run.Results {
		if s.Err != nil {
			continue
		}
		// rounded as a single series' export: two decimals beyond its data's
		recs := s.Forecast.Records(p.Freq)
		forecast.RoundRecords(recs, precision.Export(values[s.ID]))
		for _, r := range recs {
			cw.Write([]string{s.ID, r.Date, num(r.Forecast), num(r.Lower80), num(r.Upper80), num(r.Lower95), num(r.Upper95)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// ExportForecast writes the run's forecasts (WriteForecast) to path,
// atomically.
func (p *Panel) ExportForecast(path string, run *PanelRun) error {
	var b bytes.Buffer
	if err := p.WriteForecast(&b, run); err != nil {
		return err
	}
	return fileio.WriteFile(path, b.Bytes())
}

// localForecaster fits each series on its own with the per-series
// pipeline, on GOMAXPROCS workers (results do not depend on how many).
func localForecaster(ctx context.Context, members []panel.Member, job PanelJob, report func(PanelStatus)) []SeriesResult {
	train := forecast.TrainFull
	if job.Holdout {
		train = forecast.Train
	}
	out := make([]SeriesResult, len(members))
	var (
		mu            sync.Mutex
		done, windows int
	)
	const stage = "fitting each series"
	report(PanelStatus{Stage: stage, Total: len(members)})
	parallel(len(members), func(i int) {
		m := members[i]
		r := SeriesResult{ID: m.ID}
		if err := ctx.Err(); err != nil {
			r.Err = err
		} else {
			res, err := train(ctx, m.Series, job.Settings, nil)
			r = seriesResult(m.ID, res, err, job.Method)
		}
		out[i] = r
		n := 0
		if r.Err == nil {
			n = trainingWindows(m.Series, job.Settings, job.Holdout)
		}
		mu.Lock()
		done++
		windows += n
		st := PanelStatus{Stage: stage, Done: done, Total: len(members), Windows: windows}
		mu.Unlock()
		report(st)
	})
	return out
}

// trainingWindows is the number of training windows of the Plan of s.
func trainingWindows(s *tsdata.Series, set config.Settings, holdout bool) int {
	set, err := forecast.Resolve(s, set)
	if err != nil {
		return 0
	}
	p, err := forecast.NewPlan(s.Len(), set, holdout)
	if err != nil {
		return 0
	}
	return p.TrainLast + 1
}

// seriesResult picks method's forecast from a per-series run and keeps
// only that and the metrics: the run's model, history and residuals would
// take hundreds of kilobytes a series, gigabytes over ten thousand.
func seriesResult(id string, res *forecast.Result, err error, method string) SeriesResult {
	r := SeriesResult{ID: id, Err: err}
	if err != nil {
		return r
	}
	r.Metrics, r.Recommended = res.Metrics, res.Recommended
	switch method {
	case "", forecast.MethodLSTM:
		r.Method, r.Forecast = forecast.MethodLSTM, res.Forecast
		if res.Network() {
			r.Holdout = res.Holdout.Pred[forecast.MethodLSTM]
		}
	default:
		fc, ok := res.Forecasts[method]
		if !ok {
			r.Err = fmt.Errorf("app: no %s forecast for this series", method)
			return r
		}
		r.Method, r.Forecast, r.Holdout = method, fc, res.Holdout.Pred[method]
		if method == forecast.MethodRecommended {
			r.Method = res.Recommended
		}
	}
	return r
}

// parallel calls f(0) … f(n-1) on GOMAXPROCS workers and returns when all
// have returned; f checks the context itself, so every index is visited.
func parallel(n int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers(), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// workers is the number of series fitted at once: one per core.
func workers() int { return max(runtime.GOMAXPROCS(0), 1) }
