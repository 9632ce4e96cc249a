package forecast

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/recommend"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/lstm"
)

// Model is a trained forecaster: the preparation fitted on the training
// data, the network (one per ensemble member) and the conformal interval
// half-widths per horizon step. It forecasts again from new data of the same
// shape and is saved as versioned JSON.
type Model struct {
	Settings config.Settings
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
// last value is held. tk (nil: none) is told of every network pass and may
// stop the forecast between two.
func (m *Model) forecastAt(hist, z []float64, ep *classic.ETSPath, cov [][]float64, h int, tk *ticker) ([]float64, error) {
	zp, err := m.predictZ(z, ep, cov, len(z), h, tk)
	if err != nil {
		return nil, err
	}
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
func (m *Model) predictZ(z []float64, ep *classic.ETSPath, cov [][]float64, t, h int, tk *ticker) ([]float64, error) {
	set := m.Settings
	W, I := set.Window, m.Prep.inputs()
	x := make([]float64, W*I)
	if set.Strategy != config.StrategyRecursive {
		m.Prep.window(x, z, ep, clampCov(cov, t+m.Prep.lag()), t, W)
		preds, err := m.predictMembers(x, h, tk)
		if err != nil {
			return nil, err
		}
		out := make([]float64, h)
		for k := range out {
			out[k] = m.Prep.untarget(median(preds, k), z, ep, t, k)
		}
		return out, nil
	}
	// Recursive: one step at a time, fed back the model's own predictions
	// (never with the ETS anchor: Validate and ReadModel refuse it).
	buf := append(slices.Clone(z[t-W:t]), make([]float64, h)...)
	c := clampCov(cov, t+m.Prep.lag()+h)
	shifted := shiftCov(c, t-W)
	for k := 0; k < h; k++ {
		m.Prep.window(x, buf, nil, shifted, W+k, W)
		preds, err := m.predictMembers(x, 1, tk)
		if err != nil {
			return nil, err
		}
		buf[W+k] = m.Prep.untarget(median(preds, 0), buf, nil, W+k, 0)
	}
	return buf[W:], nil
}

// predictMembers runs every member on one window: out[i] has O values.
func (m *Model) predictMembers(x []float64, o int, tk *ticker) ([][]float64, error) {
	out := make([][]float64, len(m.nets))
	for i, net := range m.nets {
		if err := tk.pass(); err != nil {
			return nil, err
		}
		out[i] = make([]float64, net.Config().OutputSize)
		net.Predict(out[i], x, 1, m.Settings.Window)
		out[i] = out[i][:o]
	}
	return out, nil
}

// ticker counts the network passes of a forecast, reports them and stops
// the forecast between two once its context is done. A nil ticker does
// nothing.
type ticker struct {
	ctx         context.Context
	progress    func(done, total int) // nil: none
	done, total int
}

// pass is called before each network pass.
func (tk *ticker) pass() error {
	if tk == nil {
		return nil
	}
	if tk.progress != nil && tk.done > 0 {
		tk.progress(tk.done, tk.total)
	}
	if err := tk.ctx.Err(); err != nil {
		return fmt.Errorf("forecast: forecasting stopped after %d of %d network passes: %w", tk.done, tk.total, err)
	}
	tk.done++
	return nil
}

// Passes is the number of network passes a forecast takes: one per
// ensemble member, times Horizon with the recursive strategy. A pass
// costs about Window × Layers × 4·Hidden·(Hidden+inputs) multiply-adds.
func (m *Model) Passes() int {
	if m.Settings.Strategy == config.StrategyRecursive {
		return len(m.nets) * m.Settings.Horizon
	}
	return len(m.nets)
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
// absolute residuals of forecasts made at every validation origin. It stops
// within one origin of ctx being cancelled (ErrCanceled).
func (m *Model) calibrate(ctx context.Context, v, z []float64, ep *classic.ETSPath, cov [][]float64, l Plan) (q80, q95 []float64, val *recommend.Validation, err error) {
	h := m.Settings.Horizon
	lag := m.Prep.lag()
	first := max(l.FirstVal, l.W)
	last := l.End - h
	if last < first {
		first = max(last, l.W)
	}
	val = &recommend.Validation{Season: m.Settings.Season, Preds: map[string][][]float64{}}
	res := make([][]float64, h)
	for t := first; t <= last; t++ {
		if ctx.Err() != nil {
			return nil, nil, nil, fmt.Errorf("forecast: stopped while calibrating the intervals: %w", fit.ErrCanceled)
		}
		pred, err := m.forecastAt(v[:t+lag], z[:t], ep, cov, h, nil)
		if err != nil {
			return nil, nil, nil, err
		}
		for k := range h {
			res[k] = append(res[k], math.Abs(v[t+lag+k]-pred[k]))
		}
		val.Origins = append(val.Origins, t+lag)
		val.Actual = append(val.Actual, v[t+lag:t+lag+h])
		val.Preds[MethodLSTM] = append(val.Preds[MethodLSTM], pred)
	}
	q := classic.IntervalWidths(res, 0.80, 0.95)
	q80, q95 = q[0], q[1]
	classic.NonDecreasing(q80)
	classic.NonDecreasing(q95)
	return q80, q95, val, nil
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
	return m.PredictContext(context.Background(), s, nil)
}

// PredictContext is Predict that stops between two network passes once ctx
// is done (the error then wraps ctx.Err()) and calls progress (if not nil)
// with the passes done and Passes() after each but the last. A loaded
// model file decides how much work a forecast is — a recursive network of
// 1024 units with a horizon of 1000 takes minutes — so a caller that must
// stay responsive passes a context it can cancel.
func (m *Model) PredictContext(ctx context.Context, s *tsdata.Series, progress func(done, total int)) (*Forecast, error) {
	if len(s.Covariates) != len(m.CovNames) {
		return nil, fmt.Errorf("forecast: the model was trained with %d extra input columns (%s) but the series has %d; choose the same columns",
			len(m.CovNames), quoteText(strings.Join(m.CovNames, ", ")), len(s.Covariates))
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
	tk := &ticker{ctx: ctx, progress: progress, total: m.Passes()}
	mean, err := m.forecastAt(s.Values, z, m.Prep.etsPath(z, h), s.Covariates, h, tk)
	if err != nil {
		return nil, err
	}
	f := m.future(s, mean)
	return &f, nil
}

// ModelFormat and ModelVersion identify model files. Version 2 stores the
// networks' weights in base64 (lstm.FileVersion 2); version 1 files are
// still read.
const (
	ModelFormat  = "forecaster-model"
	ModelVersion = 2
)

// MaxModelBytes is the largest model file Forecaster writes and reads: Save
// refuses to write a larger one, ReadModel stops reading at it, and
// settings whose model file would be larger are refused before training
// (Settings.Validate and Resolve, by modelFileSizeFor). One network of the
// largest shape (4 layers of 1024 units, 256 inputs, 1024 outputs) takes
// 335 MB; 2 of them do not fit.
const MaxModelBytes = 512 << 20

// maxNetworks is the largest ensemble a model file may hold (the
// ensemble setting's maximum).
const maxNetworks = 50

// maxHeaderArray is the most elements an array outside the networks may
// have: interval widths (one per horizon step, at most
// lstm.MaxOutputSize), covariate names and scalers (fewer than
// lstm.MaxInputSize).
const maxHeaderArray = lstm.MaxOutputSize

// modelHeader is everything in a model file before its networks, in file
// order.
type modelHeader struct {
	Format   string          `json:"format"`
	Version  int             `json:"version"`
	Name     string          `json:"series"`
	Freq     string          `json:"frequency"`
	CovNames []string        `json:"covariates"`
	Settings config.Settings `json:"settings"`
	Prep     prep            `json:"preparation"`
	Q80      []float64       `json:"interval80"`
	Q95      []float64       `json:"interval95"`
}

// Model file layout around the networks: the header's closing "\n}" is
// replaced by these.
const (
	networksOpen  = ",\n \"networks\": ["
	networkSep    = ",\n  " // before every network but the first, which has "\n  "
	networksClose = "\n ]\n}\n"
)

// Write writes the model as JSON: the settings, preparation and intervals
// indented, then one network a line (lstm's JSON, weights in base64),
// encoded straight from the weights.
func (m *Model) Write(w io.Writer) error {
	h := modelHeader{Format: ModelFormat, Version: ModelVersion, Name: m.Name, Freq: m.Freq, CovNames: m.CovNames,
		Settings: m.Settings, Prep: m.Prep, Q80: m.Q80, Q95: m.Q95}
	b, err := json.MarshalIndent(h, "", " ")
	if err != nil {
		return fmt.Errorf("forecast: encoding model: %w", err)
	}
	b = append(b[:len(b)-len("\n}")], networksOpen...)
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("forecast: writing model: %w", err)
	}
	for i, n := range m.nets {
		sep := networkSep
		if i == 0 {
			sep = sep[1:]
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return fmt.Errorf("forecast: writing model: %w", err)
		}
		if err := n.WriteJSON(w); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, networksClose); err != nil {
		return fmt.Errorf("forecast: writing model: %w", err)
	}
	return nil
}

// Save writes the model to path atomically (a temporary file in the same
// folder, then a rename), so a failed save never leaves half a file. It
// refuses a file larger than MaxModelBytes, which could not be read back.
func (m *Model) Save(path string) error {
	var buf bytes.Buffer
	buf.Grow(int(min(m.fileSize(), MaxModelBytes+1)))
	if err := m.Write(&buf); err != nil {
		return fmt.Errorf("forecast: save model: %w", err)
	}
	if buf.Len() > MaxModelBytes {
		return fmt.Errorf("forecast: save model: the file would be %s, over the %s a model file may have", mib(int64(buf.Len())), mib(MaxModelBytes))
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// fileSize is modelFileSizeFor for m's own settings, inputs and names.
func (m *Model) fileSize() int64 {
	names := len(m.Name) + len(m.Freq)
	for _, c := range m.CovNames {
		names += len(c)
	}
	return modelFileSize(m.Settings, 1+len(m.Prep.Cov), names, m.Prep.AnchorIn)
}

// modelFileSizeFor returns the size in bytes of the model file that training
// with the valid settings set on s writes, or a little more (about 1 KB,
// plus up to 20 bytes a horizon step, 32 a network and 64 an extra input
// column: numbers written narrower than the widest; the weights, nearly
// all of a large file, are counted exactly). A nil s stands for a series
// without extra input columns and with empty names: the smallest file
// these settings can give. Invalid settings give -1.
func modelFileSizeFor(set config.Settings, s *tsdata.Series) int64 {
	if s == nil {
		return modelFileSize(set, 1, 0, maxAnchorIn(set))
	}
	return modelFileSize(set, 1+len(s.Covariates), nameBytes(s), maxAnchorIn(set))
}

// nameBytes is the length of the text of s that a model file repeats: its
// name, its frequency's and its covariates' names.
func nameBytes(s *tsdata.Series) int {
	n := len(s.Name) + len(s.Freq.String())
	for _, c := range s.CovNames {
		n += len(c)
	}
	return n
}

// worstFloat is a float64 with the longest JSON form encoding/json writes
// (25 bytes: -0.0000012345678901234567).
const worstFloat = -1.2345678901234567e-06

// maxAnchorIn is the most anchor inputs a network of set can have
// (prepare gives them only with enough training windows).
func maxAnchorIn(set config.Settings) int {
	if set.Scaler == config.ScaleWindow && set.Strategy != config.StrategyRecursive {
		return set.Horizon
	}
	return 0
}

// modelFileSize bounds the size of a model file for valid settings, inputs
// input columns (the value and the covariates), anchorIn anchor inputs of
// the network and names of nameBytes bytes in all. The header is
// measured with every number it holds at its widest (worstFloat, 5-digit
// integers), every optional part present, and empty names, each of whose
// bytes JSON writes in at most 6 ("\u003c"); the networks are measured
// exactly by lstm.FileSize with the widest seed. It returns -1 for
// settings that cannot be written.
func modelFileSize(set config.Settings, inputs, nameBytes, anchorIn int) int64 {
	out := set.Horizon
	if set.Strategy == config.StrategyRecursive {
		out = 1
	}
	wide := func() Scaler {
		return Scaler{Kind: config.ScaleWindow, Center: worstFloat, Scale: worstFloat, Ratio: true}
	}
	h := modelHeader{Format: ModelFormat, Version: ModelVersion, Settings: set,
		Prep: prep{Transform: config.TransformSeasonalDiff, Period: 99999, In: wide(), Anchor: 99999, Spread: worstFloat,
			ETS: &etsAnchor{Season: "multiplicative", Trend: true, Damped: false, M: 99999,
				Alpha: worstFloat, Beta: worstFloat, Gamma: worstFloat, Phi: worstFloat, Scale: worstFloat}},
		Q80: make([]float64, set.Horizon), Q95: make([]float64, set.Horizon)}
	h.Settings.Window, h.Settings.Season = 99999, 99999
	netIn := inputs + anchorIn
	if anchorIn > 0 {
		h.Prep.AnchorIn = 99999
	}
	if inputs > 1 {
		h.CovNames = make([]string, inputs-1)
	}
	h.Prep.Cov = make([]Scaler, inputs-1)
	for j := range h.Prep.Cov {
		h.Prep.Cov[j] = wide()
	}
	for k := range h.Q80 {
		h.Q80[k], h.Q95[k] = worstFloat, worstFloat
	}
	b, err := json.MarshalIndent(h, "", " ")
	if err != nil {
		return -1 // a setting out of its range (an enum's value): Validate says which
	}
	net := lstm.FileSize(fit.NetConfig(set, netIn, out, math.MaxUint64))
	n := int64(len(b)-len("\n}")+len(networksOpen)+len(networksClose)) + 6*int64(nameBytes)
	return n + int64(set.Ensemble)*(int64(len(networkSep))+net)
}

// checkModelSize returns an error on the hidden setting when the model
// file of valid settings, inputs input columns and names of nameBytes
// bytes would be larger than MaxModelBytes, saying what to reduce.
func checkModelSize(set config.Settings, inputs, nameBytes int) *config.FieldError {
	n := modelFileSize(set, inputs, nameBytes, maxAnchorIn(set))
	if n <= MaxModelBytes { // or -1: invalid, as Validate reports
		return nil
	}
	msg := fmt.Sprintf("the model file would be %s, over the %s a model file may have; lower hidden (%d), layers (%d) or ensemble (%d)",
		mib(n), mib(MaxModelBytes), set.Hidden, set.Layers, set.Ensemble)
	if inputs > 1 {
		msg += fmt.Sprintf(", or use fewer than %d extra input columns", inputs-1)
	}
	return &config.FieldError{Field: "hidden", Msg: msg}
}

// Validate checks settings as config.Settings.Validate does, and also that
// the model file they give fits MaxModelBytes (the smallest file the
// settings can give: no extra inputs, empty names), so that settings whose
// model could not be saved are refused before training. Every caller that
// accepts settings from a person uses it.
func Validate(set config.Settings) error {
	err := set.Validate()
	size := modelSizeErrors(set)
	if size == nil {
		return err
	}
	var se config.SettingsError
	if err != nil && !errors.As(err, &se) {
		return err
	}
	return append(se, size...)
}

// modelSizeErrors is Validate's model-size check: the smallest
// file the settings can give (no extra inputs, empty names) must fit. It
// checks only settings whose sizes are otherwise in range.
func modelSizeErrors(s config.Settings) []*config.FieldError {
	if s.Hidden < 1 || s.Hidden > lstm.MaxHiddenSize || s.Layers < 1 || s.Layers > lstm.MaxLayers ||
		s.Horizon < 1 || s.Horizon > lstm.MaxOutputSize || s.Ensemble < 1 || s.Ensemble > maxNetworks {
		return nil
	}
	if e := checkModelSize(s, 1, 0); e != nil {
		return []*config.FieldError{e}
	}
	return nil
}

// mib formats a byte count in MiB.
func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// LoadModel reads a model file and checks everything in it.
func LoadModel(path string) (*Model, error) { return LoadModelContext(context.Background(), path) }

// LoadModelContext is LoadModel that stops reading when ctx is done; the
// error then wraps ctx.Err().
func LoadModelContext(ctx context.Context, path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("forecast: open model: %w", err)
	}
	defer f.Close()
	var m *Model
	if st, serr := f.Stat(); serr == nil && st.Mode().IsRegular() && st.Size() > MaxModelBytes {
		err = fmt.Errorf("%w: the file has %s; a model file has at most %s", ErrBadModel, mib(st.Size()), mib(MaxModelBytes))
	} else {
		m, err = readModel(ctx, f, MaxModelBytes)
	}
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, filepath.Base(path))
	}
	return m, nil
}

// ErrBadModel is wrapped by every error about a damaged model file.
var ErrBadModel = errors.New("forecast: not a valid model file")

// ReadModel decodes and validates a model written by Write (format version
// 1 or 2). A damaged file gives an error wrapping ErrBadModel, never a
// panic. It reads at most MaxModelBytes, token by token, checking as it
// goes: the header (everything but the networks) has arrays of at most
// 1024 elements; when it comes first, as Forecaster writes it, it is
// checked whole before any network is read and every network's
// configuration is checked against the settings before its weights are
// read (lstm.DecodeFile). What it allocates is
// bounded by the data the file holds — a few times the file's size at
// most — never by a size the file declares.
func ReadModel(r io.Reader) (*Model, error) {
	return readModel(context.Background(), r, MaxModelBytes)
}

var errTooLarge = errors.New("forecast: model file too large")

// guard is the reader under a model file's decoder: it stops after limit
// bytes and when ctx is done, and keeps why.
type guard struct {
	ctx      context.Context
	r        io.Reader
	n, limit int64
	err      error // errTooLarge or ctx's error, once reading stopped for it
}

func (g *guard) Read(p []byte) (int, error) {
	if g.err == nil {
		g.err = g.ctx.Err()
	}
	if g.err != nil {
		return 0, g.err
	}
	if room := g.limit + 1 - g.n; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	if g.n > g.limit {
		g.err = errTooLarge
		return 0, g.err
	}
	return n, err
}

// readModel is ReadModel reading at most limit bytes and stopping when ctx
// is done.
func readModel(ctx context.Context, r io.Reader, limit int64) (*Model, error) {
	g := &guard{ctx: ctx, r: r, limit: limit}
	m, err := decodeModel(json.NewDecoder(g))
	switch {
	case err == nil:
		return m, nil
	case g.err == errTooLarge:
		return nil, fmt.Errorf("%w: larger than %s, the most a model file may have", ErrBadModel, mib(limit))
	case g.err != nil:
		return nil, fmt.Errorf("forecast: loading the model stopped: %w", g.err)
	}
	return nil, err
}

// bad returns an ErrBadModel error saying what is wrong, cut after
// maxBadDetail bytes: whatever it quotes of the file, the message stays
// short enough to show.
func bad(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if len(msg) > maxBadDetail {
		i := maxBadDetail
		for i > 0 && !utf8.RuneStart(msg[i]) {
			i--
		}
		msg = msg[:i] + "…"
	}
	return fmt.Errorf("%w: %s", ErrBadModel, msg)
}

const maxBadDetail = 400

// failed turns an error of the JSON decoder into a bad-model error.
func failed(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return bad("the file ends too early (is it truncated?)")
	}
	return bad("%v (is the file truncated?)", err)
}

// decodeModel reads a model file from dec: the header's fields, each
// decoded whole once its arrays are known to be short, and the networks
// one by one. When the whole header comes first, as Forecaster writes it,
// it is checked before any network is read and each network's shape is
// checked before its weights are; in any other order (keys sorted by a
// tool) everything is checked at the end, the networks bounded meanwhile
// by lstm's own limits and the data present.
func decodeModel(dec *json.Decoder) (*Model, error) {
	var h modelHeader
	fields := map[string]any{"format": &h.Format, "version": &h.Version, "series": &h.Name, "frequency": &h.Freq,
		"covariates": &h.CovNames, "settings": &h.Settings, "preparation": &h.Prep, "interval80": &h.Q80, "interval95": &h.Q95}
	if t, err := dec.Token(); err != nil {
		return nil, failed(err)
	} else if t != json.Delim('{') {
		return nil, bad("not a JSON object")
	}
	var nets []*lstm.Model
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, failed(err)
		}
		key := t.(string)
		if seen[key] {
			return nil, bad("%s is given twice", quoteText(key))
		}
		seen[key] = true
		if key == "networks" {
			var check func(lstm.Config) error
			if allSeen(seen, fields) {
				m, err := h.model()
				if err != nil {
					return nil, err
				}
				check = m.checkNetwork
			}
			if nets, err = decodeNetworks(dec, check); err != nil {
				return nil, err
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, failed(err)
		}
		ptr, ok := fields[key]
		if !ok {
			continue // unknown: skipped
		}
		if n := longestArray(raw); n > maxHeaderArray {
			return nil, bad("%s holds an array of %d values; at most %d are allowed", key, n, maxHeaderArray)
		}
		if err := json.Unmarshal(raw, ptr); err != nil {
			return nil, bad("%s: %v", key, err)
		}
		switch {
		case key == "format" && h.Format != ModelFormat:
			return nil, bad("format is %s, want %q", quoteText(h.Format), ModelFormat)
		case key == "version" && (h.Version < 1 || h.Version > ModelVersion):
			return nil, bad("version %d; this Forecaster reads versions 1 to %d", h.Version, ModelVersion)
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return nil, failed(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, bad("there is more after the model's closing brace")
	}
	m, err := h.model()
	if err != nil {
		return nil, err
	}
	if len(nets) == 0 {
		return nil, bad("0 networks; want 1 to %d", maxNetworks)
	}
	for i, net := range nets {
		if err := m.checkNetwork(net.Config()); err != nil {
			return nil, bad("network %d: %v", i+1, err)
		}
	}
	m.nets = nets
	return m, nil
}

// allSeen reports whether every key of fields is in seen.
func allSeen(seen map[string]bool, fields map[string]any) bool {
	for k := range fields {
		if !seen[k] {
			return false
		}
	}
	return true
}

// model checks the header and returns a model without networks.
func (h *modelHeader) model() (*Model, error) {
	if h.Format != ModelFormat {
		return nil, bad("format is %s, want %q", quoteText(h.Format), ModelFormat)
	}
	if h.Version < 1 || h.Version > ModelVersion {
		return nil, bad("version %d; this Forecaster reads versions 1 to %d", h.Version, ModelVersion)
	}
	set := h.Settings
	if err := Validate(set); err != nil {
		return nil, bad("%v", err)
	}
	if set.Window < 2 || set.Season < 1 {
		return nil, bad("window %d and season %d must be resolved", set.Window, set.Season)
	}
	hz := set.Horizon
	if len(h.Q80) != hz || len(h.Q95) != hz {
		return nil, bad("%d and %d interval widths for horizon %d", len(h.Q80), len(h.Q95), hz)
	}
	for _, q := range append(slices.Clone(h.Q80), h.Q95...) {
		if math.IsNaN(q) || math.IsInf(q, 0) || q < 0 {
			return nil, bad("interval width %v", q)
		}
	}
	p := h.Prep
	if p.Transform != set.Transform || p.In.Kind != set.Scaler || (p.Transform == config.TransformSeasonalDiff && p.Period != set.Season) {
		return nil, bad("preparation does not match the settings")
	}
	if len(p.Cov) != len(h.CovNames) {
		return nil, bad("%d extra inputs but %d scalers", len(h.CovNames), len(p.Cov))
	}
	for _, sc := range append([]Scaler{p.In}, p.Cov...) {
		if math.IsNaN(sc.Center) || math.IsInf(sc.Center, 0) || !(sc.Scale > 0) || math.IsInf(sc.Scale, 0) {
			return nil, bad("scaler %+v is not finite and positive", sc)
		}
	}
	if p.AnchorIn != 0 && (p.AnchorIn != set.Horizon || !p.windowed() || set.Strategy == config.StrategyRecursive) {
		return nil, bad("%d anchor inputs; the window scaler with the direct strategy has one a horizon step (%d), the others none", p.AnchorIn, set.Horizon)
	}
	if p.windowed() && (p.Anchor < 1 || p.Anchor > set.Window || !(p.Spread > 0) || math.IsInf(p.Spread, 0)) {
		return nil, bad("anchor period %d (window %d) or target spread %v out of range", p.Anchor, set.Window, p.Spread)
	}
	switch {
	case set.Anchor == config.AnchorETS && p.ETS == nil,
		set.Anchor == config.AnchorNaive && (p.ETS != nil || p.Anchor != 1),
		set.Anchor == config.AnchorSeasonal && (p.ETS != nil || p.Anchor != set.Season):
		return nil, bad("the anchor setting %s does not match the preparation (lag %d, ets %v)", set.Anchor, p.Anchor, p.ETS != nil)
	}
	if p.ETS != nil {
		switch {
		case !p.windowed():
			return nil, bad("an ets anchor with the %s scaler", set.Scaler)
		case set.Strategy == config.StrategyRecursive:
			return nil, bad("an ets anchor with the recursive strategy")
		}
		if err := p.ETS.validate(set.Season); err != nil {
			return nil, bad("%v", err)
		}
	}
	return &Model{Settings: set, Prep: p, Name: h.Name, CovNames: h.CovNames, Freq: h.Freq, Q80: h.Q80, Q95: h.Q95}, nil
}

// checkNetwork checks that a network's configuration has the shape m's
// settings and preparation say.
func (m *Model) checkNetwork(c lstm.Config) error {
	set := m.Settings
	in, out := m.Prep.inputs(), set.Horizon
	if set.Strategy == config.StrategyRecursive {
		out = 1
	}
	if c.InputSize != in || c.OutputSize != out || c.HiddenSize != set.Hidden || c.Layers != set.Layers {
		return fmt.Errorf("shape %d→%d×%d→%d; the settings say %d→%d×%d→%d",
			c.InputSize, c.Layers, c.HiddenSize, c.OutputSize, in, set.Layers, set.Hidden, out)
	}
	return nil
}

// decodeNetworks reads the networks array, at most maxNetworks of them;
// check (nil: none) may refuse a network's configuration before its
// weights are read.
func decodeNetworks(dec *json.Decoder, check func(lstm.Config) error) ([]*lstm.Model, error) {
	if t, err := dec.Token(); err != nil {
		return nil, failed(err)
	} else if t != json.Delim('[') {
		return nil, bad("networks is not an array")
	}
	var nets []*lstm.Model
	for dec.More() {
		i := len(nets) + 1
		if i > maxNetworks {
			return nil, bad("more than %d networks", maxNetworks)
		}
		f, err := lstm.DecodeFile(dec, check)
		if err != nil {
			return nil, bad("network %d: %v", i, err)
		}
		net, err := lstm.FromFile(f)
		if err != nil {
			return nil, bad("network %d: %v", i, err)
		}
		nets = append(nets, net)
	}
	if _, err := dec.Token(); err != nil { // ']'
		return nil, failed(err)
	}
	return nets, nil
}

// longestArray returns an upper bound of the number of elements of the
// longest array in raw, a valid JSON value: one more than its commas.
func longestArray(raw []byte) int {
	var commas []int // per open array or object (-1)
	best, inString, escaped := 0, false, false
	for _, c := range raw {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[':
			commas = append(commas, 0)
		case c == '{':
			commas = append(commas, -1)
		case c == ',' && commas[len(commas)-1] >= 0:
			commas[len(commas)-1]++
		case c == ']' || c == '}':
			best = max(best, commas[len(commas)-1]+1)
			commas = commas[:len(commas)-1]
		}
	}
	return best
}

// quoteText quotes file content for an error message, cut after 40 bytes
// with "…".
func quoteText(s string) string {
	const n = 40
	if len(s) <= n {
		return strconv.Quote(s)
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strconv.Quote(s[:i]) + "…"
}
