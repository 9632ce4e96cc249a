package experiment

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gocarina/gocsv"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// Axis is one setting varied by an experiment: its json/flag name (e.g.
// "init", "clip", "lr", "layers") and the values to try, as text.
type Axis struct {
	Name   string
	Values []string
}

// ParseAxis parses "name=v1,v2,v3" (flag names with dashes are accepted:
// "recurrent-init=…"). The name must be a setting (or "inits", both
// initialisers) and every value one of its kind: a number for a number, one
// of the choices for a choice.
func ParseAxis(s string) (Axis, error) {
	name, vals, ok := strings.Cut(s, "=")
	name = strings.ReplaceAll(strings.TrimSpace(name), "-", "_")
	if !ok || name == "" || strings.TrimSpace(vals) == "" {
		return Axis{}, fmt.Errorf("forecast: grid %q: write setting=value1,value2 (e.g. init=pytorch,xavier_uniform)", s)
	}
	a := Axis{Name: name}
	for _, v := range strings.Split(vals, ",") {
		if v = strings.TrimSpace(v); v != "" {
			if _, err := withSetting(config.DefaultSettings(), name, v); err != nil {
				return Axis{}, err
			}
			a.Values = append(a.Values, v)
		}
	}
	return a, nil
}

// Spec is a grid of settings, each cell trained with Seeds seeds.
type Spec struct {
	Base    config.Settings
	Axes    []Axis // 1 to 3 axes; the grid is their product
	Seeds   int    // runs per cell, seeds Base.Seed, Base.Seed+1, …
	Workers int    // runs trained at once; 0 = runtime.GOMAXPROCS(0), one per core
	// Target is the validation loss a run must reach to count as converged;
	// 0 = 1.2× the median of all runs' best validation losses.
	Target float64
}

// maxCells and maxRuns bound an experiment's size.
const (
	maxCells = 64
	maxRuns  = 1000
)

// Cell is one combination of axis values.
type Cell struct {
	Labels   []string // axis values in axis order
	Settings config.Settings
}

// Name is the cell's label, e.g. "init=xavier_uniform clip=norm".
func (c Cell) Name(axes []Axis) string {
	parts := make([]string, len(c.Labels))
	for i, l := range c.Labels {
		parts[i] = axes[i].Name + "=" + l
	}
	return strings.Join(parts, " ")
}

// Cells expands the grid, applying each combination to Base and validating
// it; an invalid value is an error naming the axis.
func (e Spec) Cells() ([]Cell, error) {
	if len(e.Axes) == 0 || len(e.Axes) > 3 {
		return nil, fmt.Errorf("forecast: an experiment varies 1 to 3 settings, not %d", len(e.Axes))
	}
	cells := []Cell{{Settings: e.Base}}
	for _, a := range e.Axes {
		if len(a.Values) == 0 {
			return nil, fmt.Errorf("forecast: grid axis %s has no values", a.Name)
		}
		var next []Cell
		for _, c := range cells {
			for _, v := range a.Values {
				s, err := withSetting(c.Settings, a.Name, v)
				if err != nil {
					return nil, err
				}
				next = append(next, Cell{Labels: append(slices.Clone(c.Labels), v), Settings: s})
			}
		}
		cells = next
		if len(cells) > maxCells {
			return nil, fmt.Errorf("forecast: the grid has more than %d cells; vary fewer values", maxCells)
		}
	}
	if e.Seeds < 1 || len(cells)*e.Seeds > maxRuns {
		return nil, fmt.Errorf("forecast: %d cells × %d seeds: use 1 seed or more and at most %d runs", len(cells), e.Seeds, maxRuns)
	}
	for _, c := range cells {
		if err := forecast.Validate(c.Settings); err != nil {
			return nil, fmt.Errorf("forecast: cell %s: %w", c.Name(e.Axes), err)
		}
	}
	return cells, nil
}

// withSetting sets the setting with json name to the value text, through
// the settings' field table. The pseudo-setting "inits" sets both init and
// recurrent_init.
func withSetting(s config.Settings, name, value string) (config.Settings, error) {
	if name == "inits" {
		s, err := withSetting(s, "init", value)
		if err != nil {
			return s, err
		}
		return withSetting(s, "recurrent_init", value)
	}
	f, ok := config.FieldByName(name)
	if !ok {
		return s, fmt.Errorf("forecast: %q is not a setting (e.g. init, recurrent_init, inits (both), clip, clip_max, lr, optimizer, layers, hidden, layernorm, l1, l2)", name)
	}
	if err := f.SetText(&s, value); err != nil {
		return s, fmt.Errorf("forecast: setting %s: %w", name, err)
	}
	return s, nil
}

// RunOutcome is what one training run of an experiment produced.
type RunOutcome struct {
	Cell      int
	Seed      uint64
	Train     []float64 // training loss per epoch
	Val       []float64 // validation loss per epoch
	Diverged  bool      // fit.Diverged: stopped as diverged, or the training loss rose DivergeRise-fold
	MaxGrad   float64   // largest pre-clip gradient norm of the run
	Profile   []float64 // ‖∂L/∂h_t‖ of layer 1 per time step, averaged over the run's epochs
	BestVal   float64
	MASE      float64 // holdout MASE
	SMAPE     float64
	Seconds   float64
	Err       string // a run that failed outright
	ToTarget  int    // epochs until the validation loss reached the target; 0 = never
	Epochs    int
	StopCause config.StopReason
	// Baselines is the holdout MASE of every other method of the run
	// (forecast.Methods after the LSTM), on the same holdout.
	Baselines map[string]float64
}

// CellSummary aggregates a cell's runs: medians and quartiles across seeds.
type CellSummary struct {
	Cell
	Name          string
	Runs          int
	ValMedian     []float64 // per epoch, over the runs that reached that epoch
	ValLo, ValHi  []float64 // 25% and 75% quantiles
	ToTarget      float64   // median epochs to the target (runs that never reach it count as +Inf)
	Reached       float64   // share of runs that reached the target
	Diverged      float64   // share of runs that diverged
	MaxGrad       float64   // largest gradient norm over all runs
	MaxGradMedian float64   // median over runs of each run's largest norm
	Profile       []float64 // median gradient-by-time profile
	Vanishing     float64   // Profile[0]/Profile[T−1]: ≪ 1 means gradients vanish back through time
	MASE          float64   // median holdout MASE
	MASELo        float64   // 25% quantile
	MASEHi        float64   // 75% quantile
	Seconds       float64   // median seconds per run
}

// Result is the whole study.
type Result struct {
	Series  string
	Spec    Spec
	Target  float64
	Runs    []RunOutcome
	Cells   []CellSummary
	Best    map[string]int // metric → index of the best cell
	Seconds float64
	// Baselines is the holdout MASE of the methods the cells are judged
	// against: each classical method's (the same in every run: the same
	// series and holdout; left out if the runs disagree) and the median of
	// the recommended forecast's, which follows each run's LSTM.
	Baselines map[string]float64
}

// Progress reports finished runs.
type Progress func(done, total int, last RunOutcome)

// Run trains every cell of the grid with every seed on s, Workers
// runs at a time, and summarises. Cancelling ctx stops the runs in flight
// within a step and returns ErrCanceled with nothing summarised. progress
// may be nil; it is called from the worker goroutines, one call at a time.
func Run(ctx context.Context, s *tsdata.Series, spec Spec, progress Progress) (*Result, error) {
	start := time.Now()
	cells, err := spec.Cells()
	if err != nil {
		return nil, err
	}
	for i := range cells {
		cells[i].Settings.Ensemble = 1
		if _, err := forecast.Resolve(s, cells[i].Settings); err != nil {
			return nil, fmt.Errorf("forecast: cell %s: %w", cells[i].Name(spec.Axes), err)
		}
	}
	workers := spec.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct{ cell, seed int }
	jobs := make(chan job)
	total := len(cells) * spec.Seeds
	runs := make([]RunOutcome, total)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() { // ends when jobs is closed and drained
			defer wg.Done()
			for j := range jobs {
				out := runOne(ctx, s, cells[j.cell].Settings, j.cell, spec.Base.Seed+uint64(j.seed))
				mu.Lock()
				runs[j.cell*spec.Seeds+j.seed] = out
				done++
				if progress != nil && ctx.Err() == nil {
					progress(done, total, out)
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for c := range cells {
		for k := range spec.Seeds {
			select {
			case jobs <- job{c, k}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	if ctx.Err() != nil {
		return nil, fit.ErrCanceled
	}
	res := &Result{Series: s.Name, Spec: spec, Runs: runs}
	res.Target = spec.Target
	if res.Target <= 0 {
		var bests []float64
		for _, r := range runs {
			if r.Err == "" && !math.IsNaN(r.BestVal) && !math.IsInf(r.BestVal, 0) {
				bests = append(bests, r.BestVal)
			}
		}
		res.Target = 1.2 * quantile(bests, 0.5)
	}
	for i := range runs {
		r := &runs[i]
		for e, v := range r.Val {
			if v <= res.Target {
				r.ToTarget = e + 1
				break
			}
		}
	}
	for c, cell := range cells {
		res.Cells = append(res.Cells, summarise(cell, cell.Name(spec.Axes), runs[c*spec.Seeds:(c+1)*spec.Seeds]))
	}
	res.Best = bestCells(res.Cells)
	res.Baselines = baselines(runs)
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// baselines gathers Result.Baselines from the runs that trained.
func baselines(runs []RunOutcome) map[string]float64 {
	out := map[string]float64{}
	for _, m := range forecast.Methods[1:] {
		var vals []float64
		for _, r := range runs {
			if v, ok := r.Baselines[m]; ok && r.Err == "" && !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		if len(vals) == 0 {
			continue
		}
		if m == forecast.MethodRecommended {
			out[m] = quantile(vals, 0.5)
			continue
		}
		same := true
		for _, v := range vals {
			same = same && math.Abs(v-vals[0]) <= 1e-9*math.Max(1, math.Abs(vals[0]))
		}
		if same {
			out[m] = vals[0]
		}
	}
	return out
}

// runOne trains one cell with one seed.
func runOne(ctx context.Context, s *tsdata.Series, set config.Settings, cell int, seed uint64) RunOutcome {
	set.Seed = seed
	out := RunOutcome{Cell: cell, Seed: seed, BestVal: math.NaN(), MASE: math.NaN(), SMAPE: math.NaN()}
	t0 := time.Now()
	res, err := forecast.Train(ctx, s, set, nil)
	out.Seconds = time.Since(t0).Seconds()
	if err != nil {
		out.Err = err.Error()
		out.Diverged = fit.Diverged(nil, config.StopNone, err)
		return out
	}
	out.StopCause = res.StopReason
	out.Epochs = len(res.History)
	best := math.Inf(1)
	var prof []float64
	for _, e := range res.History {
		out.Train = append(out.Train, e.TrainLoss)
		out.Val = append(out.Val, e.ValLoss)
		out.MaxGrad = math.Max(out.MaxGrad, e.MaxGradNorm)
		if e.ValLoss < best {
			best = e.ValLoss
		}
		if len(e.HGradByTime) > 0 {
			prof = addProfile1(prof, e.HGradByTime[0])
		}
	}
	if len(res.History) > 0 && prof != nil {
		for t := range prof {
			prof[t] /= float64(len(res.History))
		}
	}
	out.Profile = prof
	out.BestVal = best
	out.Diverged = fit.Diverged(res.History, res.StopReason, nil)
	out.MASE = res.Metrics[forecast.MethodLSTM].MASE
	out.SMAPE = res.Metrics[forecast.MethodLSTM].SMAPE
	out.Baselines = map[string]float64{}
	for _, m := range forecast.Methods[1:] {
		if mt, ok := res.Metrics[m]; ok {
			out.Baselines[m] = mt.MASE
		}
	}
	return out
}

func addProfile1(sum, p []float64) []float64 {
	if sum == nil {
		sum = make([]float64, len(p))
	}
	for t, v := range p {
		if t < len(sum) {
			sum[t] += v
		}
	}
	return sum
}

func summarise(c Cell, name string, runs []RunOutcome) CellSummary {
	sm := CellSummary{Cell: c, Name: name, Runs: len(runs)}
	var toT, maxG, mase, secs []float64
	longest := 0
	var profiles [][]float64
	reached, diverged := 0, 0
	for _, r := range runs {
		longest = max(longest, len(r.Val))
		if r.Diverged {
			diverged++
		}
		if r.ToTarget > 0 {
			reached++
			toT = append(toT, float64(r.ToTarget))
		} else {
			toT = append(toT, math.Inf(1))
		}
		maxG = append(maxG, r.MaxGrad)
		sm.MaxGrad = math.Max(sm.MaxGrad, r.MaxGrad)
		if !math.IsNaN(r.MASE) {
			mase = append(mase, r.MASE)
		}
		secs = append(secs, r.Seconds)
		if r.Profile != nil {
			profiles = append(profiles, r.Profile)
		}
	}
	n := float64(max(len(runs), 1))
	sm.Reached, sm.Diverged = float64(reached)/n, float64(diverged)/n
	sm.ToTarget = quantile(toT, 0.5)
	sm.MaxGradMedian = quantile(maxG, 0.5)
	sm.MASE, sm.MASELo, sm.MASEHi = quantile(mase, 0.5), quantile(mase, 0.25), quantile(mase, 0.75)
	sm.Seconds = quantile(secs, 0.5)
	for e := range longest {
		var at []float64
		for _, r := range runs {
			if e < len(r.Val) && !math.IsNaN(r.Val[e]) && !math.IsInf(r.Val[e], 0) {
				at = append(at, r.Val[e])
			}
		}
		sm.ValMedian = append(sm.ValMedian, quantile(at, 0.5))
		sm.ValLo = append(sm.ValLo, quantile(at, 0.25))
		sm.ValHi = append(sm.ValHi, quantile(at, 0.75))
	}
	if len(profiles) > 0 {
		T := len(profiles[0])
		sm.Profile = make([]float64, T)
		for t := range T {
			var at []float64
			for _, p := range profiles {
				if t < len(p) {
					at = append(at, p[t])
				}
			}
			sm.Profile[t] = quantile(at, 0.5)
		}
		if T > 0 && sm.Profile[T-1] > 0 {
			sm.Vanishing = sm.Profile[0] / sm.Profile[T-1]
		}
	}
	return sm
}

// bestCells picks the best cell per metric (lower is better, but for the
// share reaching the target).
func bestCells(cells []CellSummary) map[string]int {
	best := map[string]int{}
	pick := func(metric string, v func(CellSummary) float64, higher bool) {
		bi, bv := -1, math.NaN()
		for i, c := range cells {
			x := v(c)
			if math.IsNaN(x) {
				continue
			}
			if bi < 0 || (higher && x > bv) || (!higher && x < bv) {
				bi, bv = i, x
			}
		}
		if bi >= 0 {
			best[metric] = bi
		}
	}
	pick("to_target", func(c CellSummary) float64 { return c.ToTarget }, false)
	pick("reached", func(c CellSummary) float64 { return c.Reached }, true)
	pick("diverged", func(c CellSummary) float64 { return c.Diverged }, false)
	pick("max_grad", func(c CellSummary) float64 { return c.MaxGradMedian }, false)
	pick("mase", func(c CellSummary) float64 { return c.MASE }, false)
	pick("best_val", func(c CellSummary) float64 {
		if len(c.ValMedian) == 0 {
			return math.NaN()
		}
		return slices.Min(c.ValMedian)
	}, false)
	return best
}

// quantile is the linear-interpolation quantile of x (NaN for none).
// x is not modified.
func quantile(x []float64, q float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := slices.Clone(x)
	sort.Float64s(s)
	pos := q * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(s)-1)
	if math.IsInf(s[lo], 1) || math.IsInf(s[hi], 1) {
		if pos-float64(lo) == 0 {
			return s[lo]
		}
		return math.Inf(1)
	}
	return s[lo] + (pos-float64(lo))*(s[hi]-s[lo])
}

// Record is one run in an experiment's CSV export.
type Record struct {
	Cell      string  `csv:"cell"`
	Seed      uint64  `csv:"seed"`
	Epochs    int     `csv:"epochs"`
	Stop      string  `csv:"stop"`
	BestVal   float64 `csv:"best_val_loss"`
	ToTarget  int     `csv:"epochs_to_target"`
	Diverged  bool    `csv:"diverged"`
	MaxGrad   float64 `csv:"max_grad_norm"`
	Vanishing float64 `csv:"grad_first_over_last"`
	MASE      float64 `csv:"holdout_mase"`
	SMAPE     float64 `csv:"holdout_smape"`
	Seconds   float64 `csv:"seconds"`
	Error     string  `csv:"error"`
}

// Records lists every run for the CSV export.
func (r *Result) Records() []Record {
	out := make([]Record, len(r.Runs))
	for i, run := range r.Runs {
		v := math.NaN()
		if n := len(run.Profile); n > 0 && run.Profile[n-1] > 0 {
			v = run.Profile[0] / run.Profile[n-1]
		}
		out[i] = Record{Cell: r.Cells[run.Cell].Name, Seed: run.Seed, Epochs: run.Epochs, Stop: run.StopCause.String(),
			BestVal: run.BestVal, ToTarget: run.ToTarget, Diverged: run.Diverged, MaxGrad: run.MaxGrad, Vanishing: v,
			MASE: run.MASE, SMAPE: run.SMAPE, Seconds: run.Seconds, Error: run.Err}
	}
	return out
}

// WriteCSV writes the runs to path atomically.
func WriteCSV(path string, recs []Record) error {
	var buf bytes.Buffer
	if err := gocsv.Marshal(&recs, &buf); err != nil {
		return fmt.Errorf("experiment: writing %s: %w", filepath.Base(path), err)
	}
	return forecast.WriteFileAtomic(path, buf.Bytes())
}
