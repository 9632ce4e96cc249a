package forecast

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/lstm"
)

// Model is a trained forecaster: the preparation fitted on the training
// data, the network (one per ensemble member) and the conformal interval
// half-widths per horizon step. It forecasts again from new data of the same
// shape and is saved as versioned JSON.
type Model struct {
	Settings Settings
	Prep     prep
	Name     string   // the series it was trained on
	CovNames []string // extra input columns, in order
	Freq     string
	Q80, Q95 []float64 // interval half-widths per horizon step, in the series' units
	nets     []*lstm.Model
}

// Members is the number of networks (the ensemble size).
func (m *Model) Members() int { return len(m.nets) }

// Anchor describes the window scaler's anchor, as Result.Anchor; empty for
// the other scalers.
func (m *Model) Anchor() string { return m.Prep.anchorText() }

// forecastAt predicts Horizon values after the actual history hist, whose
// transformed values are z (z ends where hist ends). ep is the ETS anchor's
// path over z or over a series z is a prefix of (nil without an ETS
// anchor). cov holds the covariates of the whole series; past its end the
// last value is held.
func (m *Model) forecastAt(hist, z []float64, ep *etsPath, cov [][]float64, h int) ([]float64, error) {
	zp := m.predictZ(z, ep, cov, len(z), h)
	out := make([]float64, h)
	m.Prep.invert(out, zp, hist)
	for k, x := range out {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("forecast: the forecast for step %d is not finite; the model diverged: retrain with clipping on or a lower learning rate", k+1)
		}
	}
	return out, nil
}

// predictZ predicts h transformed values following z[:t], the ensemble's
// median per step.
func (m *Model) predictZ(z []float64, ep *etsPath, cov [][]float64, t, h int) []float64 {
	set := m.Settings
	W, I := set.Window, m.Prep.inputs()
	x := make([]float64, W*I)
	if set.Strategy != StrategyRecursive {
		m.Prep.window(x, z, clampCov(cov, t+m.Prep.lag()), t, W)
		preds := m.predictMembers(x, h)
		out := make([]float64, h)
		for k := range out {
			out[k] = m.Prep.untarget(median(preds, k), z, ep, t, k)
		}
		return out
	}
	// Recursive: one step at a time, fed back the model's own predictions
	// (never with the ETS anchor: Validate and ReadModel refuse it).
	buf := append(slices.Clone(z[t-W:t]), make([]float64, h)...)
	c := clampCov(cov, t+m.Prep.lag()+h)
	shifted := shiftCov(c, t-W)
	for k := 0; k < h; k++ {
		m.Prep.window(x, buf, shifted, W+k, W)
		preds := m.predictMembers(x, 1)
		buf[W+k] = m.Prep.untarget(median(preds, 0), buf, nil, W+k, 0)
	}
	return buf[W:]
}

// predictMembers runs every member on one window: out[i] has O values.
func (m *Model) predictMembers(x []float64, o int) [][]float64 {
	out := make([][]float64, len(m.nets))
	for i, net := range m.nets {
		out[i] = make([]float64, net.Config().OutputSize)
		net.Predict(out[i], x, 1, m.Settings.Window)
		out[i] = out[i][:o]
	}
	return out
}

func median(preds [][]float64, k int) float64 {
	if len(preds) == 1 {
		return preds[0][k]
	}
	v := make([]float64, len(preds))
	for i := range preds {
		v[i] = preds[i][k]
	}
	sort.Float64s(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// clampCov returns the covariates extended to length n by holding the last
// value (covariates are not forecast).
func clampCov(cov [][]float64, n int) [][]float64 {
	out := make([][]float64, len(cov))
	for j, c := range cov {
		if len(c) >= n {
			out[j] = c
			continue
		}
		e := slices.Clone(c)
		for len(e) < n {
			e = append(e, c[len(c)-1])
		}
		out[j] = e
	}
	return out
}

func shiftCov(cov [][]float64, off int) [][]float64 {
	out := make([][]float64, len(cov))
	for j, c := range cov {
		out[j] = c[off:]
	}
	return out
}

// calibrate computes split-conformal half-widths per horizon step from the
// absolute residuals of forecasts made at every validation origin.
func (m *Model) calibrate(v, z []float64, ep *etsPath, cov [][]float64, l Plan) (q80, q95 []float64, err error) {
	h := m.Settings.Horizon
	lag := m.Prep.lag()
	first := max(l.FirstVal, l.W)
	last := l.End - h
	if last < first {
		first = max(last, l.W)
	}
	res := make([][]float64, h)
	for t := first; t <= last; t++ {
		pred, err := m.forecastAt(v[:t+lag], z[:t], ep, cov, h)
		if err != nil {
			return nil, nil, err
		}
		for k := range h {
			res[k] = append(res[k], math.Abs(v[t+lag+k]-pred[k]))
		}
	}
	q := classic.ConformalQuantiles(res, 0.80, 0.95)
	q80, q95 = q[0], q[1]
	// Intervals widen with the horizon: keep the half-widths non-decreasing,
	// which also smooths the noise of a small calibration set.
	for k := 1; k < h; k++ {
		q80[k] = math.Max(q80[k], q80[k-1])
		q95[k] = math.Max(q95[k], q95[k-1])
	}
	return q80, q95, nil
}

// band returns pred ∓ q.
func (m *Model) band(pred, q []float64) (lo, hi []float64) { return classic.ConformalInterval(pred, q) }

// future packages a forecast after the end of s.
func (m *Model) future(s *tsdata.Series, mean []float64) Forecast {
	f := Forecast{Times: s.FutureTimes(len(mean)), Mean: mean}
	f.Index = make([]int, len(mean))
	for k := range f.Index {
		f.Index[k] = s.Len() + k
	}
	f.Lower80, f.Upper80 = m.band(mean, m.Q80)
	f.Lower95, f.Upper95 = m.band(mean, m.Q95)
	return f
}

// Predict forecasts Horizon steps past the end of s, which must have the
// model's extra input columns and at least Window (+ the transform's lag)
// points.
func (m *Model) Predict(s *tsdata.Series) (*Forecast, error) {
	if len(s.Covariates) != len(m.CovNames) {
		return nil, fmt.Errorf("forecast: the model was trained with %d extra input columns (%v) but the series has %d; choose the same columns", len(m.CovNames), m.CovNames, len(s.Covariates))
	}
	need := m.Settings.Window + m.Prep.lag()
	if s.Len() < need {
		return nil, &tsdata.InputError{File: s.Name, Msg: fmt.Sprintf("the series has %d points, but the model's window needs at least %d", s.Len(), need), Err: tsdata.ErrTooShort}
	}
	z, err := m.Prep.transform(s.Values)
	if err != nil {
		return nil, err
	}
	h := m.Settings.Horizon
	mean, err := m.forecastAt(s.Values, z, m.Prep.etsPath(z, h), s.Covariates, h)
	if err != nil {
		return nil, err
	}
	f := m.future(s, mean)
	return &f, nil
}

// ModelFormat and ModelVersion identify model files.
const (
	ModelFormat  = "forecaster-model"
	ModelVersion = 1
	// maxModelBytes bounds what LoadModel reads: a 4-layer, 1024-unit
	// network with a 50-member ensemble is far below it.
	maxModelBytes = 512 << 20
)

type modelFile struct {
	Format   string      `json:"format"`
	Version  int         `json:"version"`
	Name     string      `json:"series"`
	Freq     string      `json:"frequency"`
	CovNames []string    `json:"covariates"`
	Settings Settings    `json:"settings"`
	Prep     prep        `json:"preparation"`
	Q80      []float64   `json:"interval80"`
	Q95      []float64   `json:"interval95"`
	Networks []lstm.File `json:"networks"`
}

// Write writes the model as JSON.
func (m *Model) Write(w io.Writer) error {
	f := modelFile{Format: ModelFormat, Version: ModelVersion, Name: m.Name, Freq: m.Freq, CovNames: m.CovNames,
		Settings: m.Settings, Prep: m.Prep, Q80: m.Q80, Q95: m.Q95}
	for _, n := range m.nets {
		f.Networks = append(f.Networks, n.File())
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(f)
}

// Save writes the model to path atomically (a temporary file in the same
// folder, then a rename), so a failed save never leaves half a file.
func (m *Model) Save(path string) error {
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return fmt.Errorf("forecast: save model: %w", err)
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// LoadModel reads a model file and checks everything in it.
func LoadModel(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("forecast: open model: %w", err)
	}
	defer f.Close()
	m, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, filepath.Base(path))
	}
	return m, nil
}

// ErrBadModel is wrapped by every error about a damaged model file.
var ErrBadModel = errors.New("forecast: not a valid model file")

// ReadModel decodes and validates a model written by Write. A damaged file
// gives an error wrapping ErrBadModel, never a panic; nothing is allocated
// by a size the file declares before it is checked.
func ReadModel(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	if len(data) > maxModelBytes {
		return nil, fmt.Errorf("%w: larger than %d MiB", ErrBadModel, maxModelBytes>>20)
	}
	var f modelFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %v (is the file truncated?)", ErrBadModel, err)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrBadModel, fmt.Sprintf(format, args...))
	}
	if f.Format != ModelFormat {
		return nil, bad("format is %q, want %q", f.Format, ModelFormat)
	}
	if f.Version != ModelVersion {
		return nil, bad("version %d; this Forecaster reads version %d", f.Version, ModelVersion)
	}
	set := f.Settings
	if err := set.Validate(); err != nil {
		return nil, bad("%v", err)
	}
	if set.Window < 2 || set.Season < 1 {
		return nil, bad("window %d and season %d must be resolved", set.Window, set.Season)
	}
	h := set.Horizon
	if len(f.Q80) != h || len(f.Q95) != h {
		return nil, bad("%d and %d interval widths for horizon %d", len(f.Q80), len(f.Q95), h)
	}
	for _, q := range append(slices.Clone(f.Q80), f.Q95...) {
		if math.IsNaN(q) || math.IsInf(q, 0) || q < 0 {
			return nil, bad("interval width %v", q)
		}
	}
	p := f.Prep
	if p.Transform != set.Transform || p.In.Kind != set.Scaler || (p.Transform == TransformSeasonalDiff && p.Period != set.Season) {
		return nil, bad("preparation does not match the settings")
	}
	if len(p.Cov) != len(f.CovNames) {
		return nil, bad("%d extra inputs but %d scalers", len(f.CovNames), len(p.Cov))
	}
	for _, sc := range append([]Scaler{p.In}, p.Cov...) {
		if math.IsNaN(sc.Center) || math.IsInf(sc.Center, 0) || !(sc.Scale > 0) || math.IsInf(sc.Scale, 0) {
			return nil, bad("scaler %+v is not finite and positive", sc)
		}
	}
	if p.windowed() && (p.Anchor < 1 || p.Anchor > set.Window || !(p.Spread > 0) || math.IsInf(p.Spread, 0)) {
		return nil, bad("anchor period %d (window %d) or target spread %v out of range", p.Anchor, set.Window, p.Spread)
	}
	switch {
	case set.Anchor == AnchorETS && p.ETS == nil,
		set.Anchor == AnchorNaive && (p.ETS != nil || p.Anchor != 1),
		set.Anchor == AnchorSeasonal && (p.ETS != nil || p.Anchor != set.Season):
		return nil, bad("the anchor setting %s does not match the preparation (lag %d, ets %v)", set.Anchor, p.Anchor, p.ETS != nil)
	}
	if p.ETS != nil {
		switch {
		case !p.windowed():
			return nil, bad("an ets anchor with the %s scaler", set.Scaler)
		case set.Strategy == StrategyRecursive:
			return nil, bad("an ets anchor with the recursive strategy")
		}
		if err := p.ETS.validate(set.Season); err != nil {
			return nil, bad("%v", err)
		}
	}
	if len(f.Networks) < 1 || len(f.Networks) > 50 {
		return nil, bad("%d networks; want 1 to 50", len(f.Networks))
	}
	m := &Model{Settings: set, Prep: p, Name: f.Name, CovNames: f.CovNames, Freq: f.Freq, Q80: f.Q80, Q95: f.Q95}
	out := h
	if set.Strategy == StrategyRecursive {
		out = 1
	}
	for i, nf := range f.Networks {
		net, err := lstm.FromFile(nf)
		if err != nil {
			return nil, bad("network %d: %v", i+1, err)
		}
		c := net.Config()
		if c.InputSize != p.inputs() || c.OutputSize != out || c.HiddenSize != set.Hidden || c.Layers != set.Layers {
			return nil, bad("network %d has shape %d→%d×%d→%d; the settings say %d→%d×%d→%d", i+1,
				c.InputSize, c.Layers, c.HiddenSize, c.OutputSize, p.inputs(), set.Layers, set.Hidden, out)
		}
		m.nets = append(m.nets, net)
	}
	return m, nil
}
