package forecast

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// quick returns settings small enough for tests to train in about a second.
func quick(h int) config.Settings {
	s := config.DefaultSettings()
	s.Horizon = h
	s.Epochs = 60
	s.Hidden = 16
	return s
}

func airPassengers(t testing.TB) *tsdata.Series {
	s, _ := loadSeries(t, "air_passengers_monthly.csv", tsdata.SeriesSpec{})
	return s
}

// TestTrainAirPassengers: with the default preparation the LSTM beats the
// seasonal naive forecast on the classic series' 12-month holdout, every
// method is scored, and the forecast continues the monthly calendar.
func TestTrainAirPassengers(t *testing.T) {
	s := airPassengers(t)
	res, err := Train(context.Background(), s, quick(12), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Methods {
		if _, ok := res.Metrics[m]; !ok {
			t.Errorf("metrics lack %s", m)
		}
	}
	l, sn := res.Metrics[MethodLSTM], res.Metrics[MethodSeasonalNaive]
	if !(l.MASE < sn.MASE) {
		t.Errorf("LSTM MASE %.3f does not beat seasonal naive %.3f", l.MASE, sn.MASE)
	}
	if res.Settings.Season != 12 || res.Settings.Window != 24 {
		t.Errorf("resolved season %d window %d; want 12 and 24", res.Settings.Season, res.Settings.Window)
	}
	f := res.Forecast
	if len(f.Mean) != 12 || len(f.Times) != 12 {
		t.Fatalf("forecast has %d values, %d times; want 12", len(f.Mean), len(f.Times))
	}
	if got := f.Times[0].Format("2006-01-02"); got != "1961-01-01" {
		t.Errorf("first forecast date %s; want 1961-01-01", got)
	}
	for k := range f.Mean {
		if !(f.Lower95[k] <= f.Lower80[k] && f.Lower80[k] <= f.Mean[k] && f.Mean[k] <= f.Upper80[k] && f.Upper80[k] <= f.Upper95[k]) {
			t.Errorf("step %d: intervals not nested: %v %v %v %v %v", k, f.Lower95[k], f.Lower80[k], f.Mean[k], f.Upper80[k], f.Upper95[k])
		}
	}
	if res.Coverage95 < res.Coverage80 {
		t.Errorf("coverage 95%% %.2f below 80%% %.2f", res.Coverage95, res.Coverage80)
	}
	if len(res.History) == 0 || res.BestEpoch < 1 {
		t.Errorf("history %d epochs, best %d", len(res.History), res.BestEpoch)
	}
}

// TestTrainReproducible: the same seed and settings give the same forecast,
// bit for bit; another seed gives another.
func TestTrainReproducible(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 15
	a, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Train(context.Background(), s, set, nil)
	for k := range a.Forecast.Mean {
		if a.Forecast.Mean[k] != b.Forecast.Mean[k] {
			t.Fatalf("step %d: %v then %v with the same seed", k, a.Forecast.Mean[k], b.Forecast.Mean[k])
		}
	}
	set.Seed = 2
	c, _ := Train(context.Background(), s, set, nil)
	if c.Forecast.Mean[0] == a.Forecast.Mean[0] {
		t.Errorf("seed 2 gave the same forecast as seed 1")
	}
}

// TestTrainInputNotModified: training leaves the caller's series alone.
func TestTrainInputNotModified(t *testing.T) {
	s := airPassengers(t)
	orig := append([]float64(nil), s.Values...)
	set := quick(12)
	set.Epochs = 3
	set.Transform = config.TransformLog
	if _, err := Train(context.Background(), s, set, nil); err != nil {
		t.Fatal(err)
	}
	for i := range orig {
		if s.Values[i] != orig[i] {
			t.Fatalf("value %d changed from %v to %v", i, orig[i], s.Values[i])
		}
	}
}

// countingObserver cancels after n steps.
type countingObserver struct {
	steps, epochs atomic.Int64
	cancelAt      int64
	cancel        context.CancelFunc
}

func (o *countingObserver) Step(fit.StepEvent) {
	if o.steps.Add(1) == o.cancelAt {
		o.cancel()
	}
}
func (o *countingObserver) Epoch(fit.EpochEvent) { o.epochs.Add(1) }

// TestTrainCancel: cancelling returns within one step, keeping the best
// weights when an epoch has completed, ErrCanceled otherwise.
func TestTrainCancel(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 1000
	set.Patience = 0
	set.Ensemble = 1 // one network: with several, the others' steps in flight count too

	ctx, cancel := context.WithCancel(context.Background())
	obs := &countingObserver{cancelAt: 30, cancel: cancel}
	res, err := Train(ctx, s, set, obs)
	if err != nil {
		t.Fatal(err)
	}
	if res.StopReason != config.StopCanceled {
		t.Errorf("stop reason %q; want %q", res.StopReason, config.StopCanceled)
	}
	if got := obs.steps.Load(); got != 30 {
		t.Errorf("%d steps ran; cancellation at step 30 should stop at once", got)
	}
	if len(res.Forecast.Mean) != 12 {
		t.Errorf("a cancelled run still forecasts with its best weights")
	}

	ctx, cancel = context.WithCancel(context.Background())
	obs = &countingObserver{cancelAt: 1, cancel: cancel}
	if _, err := Train(ctx, s, set, obs); !errors.Is(err, fit.ErrCanceled) {
		t.Errorf("cancel in the first epoch: err %v; want ErrCanceled", err)
	}
}

// TestTrainStrategiesAndTransforms runs every strategy, transform, scaler
// and (window scaler) anchor once; each must give a finite forecast of the
// right length.
func TestTrainStrategiesAndTransforms(t *testing.T) {
	s := airPassengers(t)
	for _, strategy := range choices(t, "strategy", config.ParseStrategy) {
		for _, tr := range choices(t, "transform", config.ParseTransform) {
			for _, sc := range choices(t, "scaler", config.ParseScaler) {
				for _, anchor := range choices(t, "anchor", config.ParseAnchor) {
					set := quick(6)
					set.Epochs = 4
					set.Strategy, set.Transform, set.Scaler, set.Anchor = strategy, tr, sc, anchor
					name := fmt.Sprintf("%s/%s/%s/%s", strategy, tr, sc, anchor)
					if set.Validate() != nil {
						continue // scaler none, ets with recursive, anchors with global scalers
					}
					res, err := Train(context.Background(), s, set, nil)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					if len(res.Forecast.Mean) != 6 {
						t.Errorf("%s: %d forecast values", name, len(res.Forecast.Mean))
					}
					for _, v := range append(res.Forecast.Mean, res.Holdout.Pred[MethodLSTM]...) {
						if math.IsNaN(v) || math.IsInf(v, 0) {
							t.Errorf("%s: non-finite forecast", name)
							break
						}
					}
				}
			}
		}
	}
}

// TestTrainEnsemble: three members give a median forecast and three
// networks in the model.
func TestTrainEnsemble(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 5
	set.Ensemble = 3
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Model.Members() != 3 {
		t.Errorf("%d members; want 3", res.Model.Members())
	}
}

// TestTrainCovariates: extra input columns widen the network input and a
// saved model asks for the same columns again.
func TestTrainCovariates(t *testing.T) {
	n := 120
	s := &tsdata.Series{Name: "synthetic", Values: make([]float64, n), Covariates: [][]float64{make([]float64, n)}, CovNames: []string{"promo"}}
	for i := range n {
		promo := float64(i % 5 / 4)
		s.Covariates[0][i] = promo
		s.Values[i] = 100 + 10*math.Sin(float64(i)/3) + 20*promo
	}
	set := quick(4)
	set.Epochs = 5
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Model.nets[0].Config().InputSize; got != 2 {
		t.Errorf("network input size %d; want 2 (value + promo; too few windows for anchor inputs)", got)
	}
	plain := &tsdata.Series{Name: "plain", Values: s.Values}
	if _, err := res.Model.Predict(plain); err == nil || !strings.Contains(err.Error(), "extra input") {
		t.Errorf("predict without the covariate: err %v; want a message about extra input columns", err)
	}
}

// TestTrainBadSeries: too short, non-positive values under log, constant and
// huge series give a clear error or finite results, never NaN or a panic.
func TestTrainBadSeries(t *testing.T) {
	mk := func(n int, f func(i int) float64) *tsdata.Series {
		s := &tsdata.Series{Name: "s.csv", Values: make([]float64, n)}
		for i := range s.Values {
			s.Values[i] = f(i)
		}
		return s
	}
	set := quick(12)
	set.Epochs = 3

	// too short for the network: the classical methods forecast the line
	line := mk(30, func(i int) float64 { return float64(i) })
	res, err := Train(context.Background(), line, set, nil)
	if err != nil || res.Model != nil || math.Abs(res.Forecasts[MethodDrift].Mean[11]-41) > 1e-9 {
		t.Errorf("short series: err %v; want a forecast without the network (drift 41 at step 12)", err)
	}
	set.Horizon = 16
	_, err = Train(context.Background(), line, set, nil)
	if err == nil || !strings.Contains(err.Error(), "at most 15") {
		t.Errorf("short series, long horizon: err %v; want one that says the longest horizon to use", err)
	}
	set.Horizon = 12

	logSet := set
	logSet.Transform = config.TransformLog
	_, err = Train(context.Background(), mk(100, func(i int) float64 { return float64(i - 3) }), logSet, nil)
	if !errors.Is(err, tsdata.ErrNonPositive) || !strings.Contains(err.Error(), "choose transform none or diff") {
		t.Errorf("log of non-positive values: err %v; want ErrNonPositive saying what to choose instead", err)
	}

	for name, f := range map[string]func(int) float64{
		"constant":   func(int) float64 { return 7 },
		"zero":       func(int) float64 { return 0 },
		"huge":       func(i int) float64 { return 1e300 * (1 + 0.01*math.Sin(float64(i))) },
		"huge-mixed": func(i int) float64 { return 1e300 * math.Sin(float64(i)) },
		"tiny":       func(i int) float64 { return 1e-300 * (2 + math.Sin(float64(i))) },
	} {
		for _, sc := range []config.ScalerKind{config.ScaleWindow, config.ScaleZScore, config.ScaleMinMax} {
			s := set
			s.Scaler = sc
			res, err := Train(context.Background(), mk(100, f), s, nil)
			if err != nil {
				if strings.Contains(err.Error(), "NaN") {
					t.Errorf("%s/%s: %v", name, sc, err)
				}
				continue
			}
			for _, v := range append(append([]float64{}, res.Forecast.Mean...), res.Forecast.Upper95...) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("%s/%s: forecast %v not finite", name, sc, v)
					break
				}
			}
		}
	}
}

// TestModelRoundTrip: a saved and loaded model forecasts exactly as the
// original; the file is written atomically.
func TestModelRoundTrip(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 5
	set.Ensemble = 2
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "model.json")
	if err := res.Model.Save(path); err != nil {
		t.Fatal(err)
	}
	m, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := res.Model.Predict(s)
	got, err := m.Predict(s)
	if err != nil {
		t.Fatal(err)
	}
	for k := range want.Mean {
		if got.Mean[k] != want.Mean[k] || got.Upper95[k] != want.Upper95[k] {
			t.Fatalf("step %d: loaded model says %v ± , original %v", k, got.Mean[k], want.Mean[k])
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("save left %d files; want only the model", len(entries))
	}
}

// modelFileOf trains on s with set and returns the model file's text.
func modelFileOf(t *testing.T, s *tsdata.Series, set config.Settings) string {
	t.Helper()
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := res.Model.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestReadModelDamaged: every kind of damage is an ErrBadModel error.
func TestReadModelDamaged(t *testing.T) {
	set := quick(12)
	set.Epochs = 2
	good := modelFileOf(t, airPassengers(t), set)
	cases := map[string]string{
		"empty":          "",
		"truncated":      good[:len(good)/2],
		"not json":       "hello",
		"wrong format":   strings.Replace(good, ModelFormat, "something-else", 1),
		"wrong version":  strings.Replace(good, `"version": 2`, `"version": 99`, 1),
		"NaN interval":   strings.Replace(good, `"interval80": [`, `"interval80": [NaN,`, 1),
		"huge hidden":    strings.Replace(good, `"hidden": 16`, `"hidden": 100000000`, 1),
		"bad horizon":    strings.Replace(good, `"horizon": 12`, `"horizon": 13`, 1),
		"no networks":    good[:strings.Index(good, `"networks"`)] + `"networks": []}`,
		"negative width": strings.Replace(good, `"interval95": [`, `"interval95": [-1,`, 1),
	}
	for name, text := range cases {
		if text == good {
			t.Errorf("%s: the damage did not apply", name)
			continue
		}
		_, err := ReadModel(strings.NewReader(text))
		if !errors.Is(err, ErrBadModel) {
			t.Errorf("%s: err %v; want ErrBadModel", name, err)
		}
	}
	if _, err := ReadModel(strings.NewReader(good)); err != nil {
		t.Errorf("the undamaged file: %v", err)
	}
}

// TestWindowScalerRoundTrip: untarget inverts target exactly (to rounding)
// in both the ratio and difference forms, with seasonal anchors.
func TestWindowScalerRoundTrip(t *testing.T) {
	z := []float64{5, 6, 7, 8, 9, 10, 11, 12, 13, 14}
	for _, ratio := range []bool{true, false} {
		p := &prep{In: Scaler{Kind: config.ScaleWindow, Ratio: ratio, Center: 9, Scale: 0.7}, Anchor: 3, Spread: 0.3}
		for tt := 4; tt < 8; tt++ {
			for k := 0; tt+k < len(z); k++ {
				u := p.target(z, nil, tt, k)
				if got := p.untarget(u, z, nil, tt, k); math.Abs(got-z[tt+k]) > 1e-12 {
					t.Errorf("ratio %v t %d k %d: %v → %v → %v", ratio, tt, k, z[tt+k], u, got)
				}
			}
		}
	}
	// Zero output is the seasonal naive: the value one anchor period back.
	p := &prep{In: Scaler{Kind: config.ScaleWindow, Ratio: true, Center: 9, Scale: 1}, Anchor: 3, Spread: 1}
	if got := p.untarget(0, z, nil, 6, 4); got != z[6-3+4%3] {
		t.Errorf("zero output gives %v; want the seasonal naive %v", got, z[4])
	}
}

// TestTransformInvert: the transforms invert exactly given the history.
func TestTransformInvert(t *testing.T) {
	v := []float64{3, 5, 4, 6, 8, 7, 9, 11, 10, 12}
	for _, tr := range choices(t, "transform", config.ParseTransform) {
		p := &prep{Transform: tr, Period: 3}
		z, err := p.transform(v)
		if err != nil {
			t.Fatal(err)
		}
		split := 6
		hist := v[:split]
		future := z[split-p.lag():]
		got := make([]float64, len(future))
		p.invert(got, future, hist)
		for k := range got {
			if math.Abs(got[k]-v[split+k]) > 1e-12 {
				t.Errorf("%s: step %d: %v; want %v", tr, k, got[k], v[split+k])
			}
		}
	}
}

// TestChooseAnchor: a strongly seasonal series anchors on the seasonal
// naive, a random walk on the naive.
func TestChooseAnchor(t *testing.T) {
	n := 120
	seasonal := make([]float64, n)
	walk := make([]float64, n)
	for i := range n {
		seasonal[i] = 10 + 5*math.Sin(2*math.Pi*float64(i)/12)
		walk[i] = float64(i % 3) // steps of ±1, no season of 12
		if i > 0 {
			walk[i] = walk[i-1] + math.Sin(float64(i*i))
		}
	}
	l := Plan{W: 24, O: 6, End: n - 6}
	if got := chooseAnchor(seasonal, l, 12, config.AnchorAuto, nil).lag; got != 12 {
		t.Errorf("seasonal series: anchor %d; want 12", got)
	}
	if got := chooseAnchor(walk, l, 12, config.AnchorAuto, nil).lag; got != 1 {
		t.Errorf("random walk: anchor %d; want 1", got)
	}
	if got := chooseAnchor(seasonal, Plan{W: 8, O: 6, End: n - 6}, 12, config.AnchorAuto, nil).lag; got != 1 {
		t.Errorf("season longer than the window: anchor %d; want 1", got)
	}
	// Judged on the validation windows: a season that is gone by then loses,
	// though it fits most of the earlier windows.
	fading := make([]float64, n)
	for i := range n {
		fading[i] = 10 + 0.01*float64(i)
		if i < 80 {
			fading[i] += 5 * math.Sin(2*math.Pi*float64(i)/12)
		}
	}
	c := chooseAnchor(fading, Plan{W: 24, O: 6, End: n - 6, FirstVal: 96}, 12, config.AnchorAuto, nil)
	if c.lag != 1 || c.ets != nil || !(c.maeNaive < c.maeSeasonal) {
		t.Errorf("season gone before the validation windows: anchor %d (MAE naive %.3f, seasonal %.3f); want 1", c.lag, c.maeNaive, c.maeSeasonal)
	}
}

// TestIntervalsNestedStrictly: on a 72-point monthly series with horizon 12
// (a handful of validation origins) the 95 % interval is strictly wider than
// the 80 % one at every step; they were identical when the conformal
// quantile of so few residuals fell back to the largest residual.
func TestIntervalsNestedStrictly(t *testing.T) {
	s := airPassengers(t).Head(72)
	res, err := Train(context.Background(), s, quick(12), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := res.Forecast
	for k := range f.Mean {
		if !(f.Upper95[k] > f.Upper80[k] && f.Lower95[k] < f.Lower80[k]) {
			t.Errorf("step %d: 80%% [%.1f, %.1f] and 95%% [%.1f, %.1f] not strictly nested", k+1, f.Lower80[k], f.Upper80[k], f.Lower95[k], f.Upper95[k])
		}
	}
}

// choices parses every value the field table offers for a setting.
func choices[E any](t *testing.T, name string, parse func(string) (E, error)) []E {
	t.Helper()
	f, ok := config.FieldByName(name)
	if !ok {
		t.Fatalf("no setting %q", name)
	}
	var out []E
	for _, c := range f.Choices() {
		e, err := parse(c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}
