package forecast

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/lstm"
)

// countWriter counts what is written to it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func fileBytes(t *testing.T, m *Model) int64 {
	t.Helper()
	var c countWriter
	if err := m.Write(&c); err != nil {
		t.Fatal(err)
	}
	return c.n
}

// withCovariates returns s with n extra input columns (copies of s's
// values), named with characters JSON escapes.
func withCovariates(s *tsdata.Series, n int) *tsdata.Series {
	c := *s
	c.Covariates, c.CovNames = nil, nil
	for j := range n {
		c.Covariates = append(c.Covariates, s.Values)
		c.CovNames = append(c.CovNames, fmt.Sprintf("promo <%d> & prix €", j))
	}
	return &c
}

// TestModelFileSize: modelFileSizeFor bounds the size of real model files
// from above, by little: trained models of several shapes and
// preparations, larger networks written without training, and a header
// with every number at its widest and names JSON writes 6 bytes a byte.
func TestModelFileSize(t *testing.T) {
	air := airPassengers(t)
	// slack is how far above the file the bound may be: numbers written
	// narrower than the widest (2 intervals a step, a few dozen in the
	// header) and the seed's digits.
	slack := func(set config.Settings) int64 { return 1024 + 20*int64(set.Horizon) + 32*int64(set.Ensemble) }
	cases := []struct {
		name string
		s    *tsdata.Series
		edit func(*config.Settings)
	}{
		{"default", air, func(*config.Settings) {}},
		{"2 layers, layer norm", air, func(s *config.Settings) { s.Layers, s.Hidden, s.LayerNorm = 2, 7, true }},
		{"ensemble 3", air, func(s *config.Settings) { s.Ensemble, s.Hidden = 3, 5 }},
		{"recursive", air, func(s *config.Settings) { s.Strategy, s.Horizon = config.StrategyRecursive, 6 }},
		{"ets anchor", air, func(s *config.Settings) { s.Anchor = config.AnchorETS }},
		{"zscore, seasonal diff", air, func(s *config.Settings) { s.Scaler, s.Transform = config.ScaleZScore, config.TransformSeasonalDiff }},
		{"covariates", withCovariates(air, 3), func(s *config.Settings) { s.Hidden = 6 }},
	}
	var base *Model
	for _, c := range cases {
		set := quick(12)
		set.Epochs = 1
		c.edit(&set)
		res, err := Train(context.Background(), c.s, set, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := fileBytes(t, res.Model)
		for _, s := range []config.Settings{set, res.Settings} { // as chosen, and resolved
			// The bound before training counts the anchor inputs the
			// network may get; the model's own size, those it got.
			if est := modelFileSizeFor(s, c.s); est < got {
				t.Errorf("%s: modelFileSizeFor = %d; the file has %d bytes", c.name, est, got)
			}
			if est := modelFileSize(s, 1+len(c.s.Covariates), nameBytes(c.s), res.Model.Prep.AnchorIn); est < got || est-got > slack(s) {
				t.Errorf("%s: modelFileSize = %d; the file has %d bytes (want at most %d more)", c.name, est, got, slack(s))
			}
		}
		if base == nil {
			base = res.Model
		}
	}

	// Larger networks, written without training.
	for _, c := range []struct{ layers, hidden, ensemble int }{{4, 64, 2}, {3, 256, 1}, {1, 512, 3}} {
		m := *base
		m.Settings.Layers, m.Settings.Hidden, m.Settings.Ensemble = c.layers, c.hidden, c.ensemble
		m.nets = nil
		for i := range c.ensemble {
			net, err := lstm.New(fit.NetConfig(m.Settings, m.Prep.inputs(), m.Settings.Horizon, uint64(i+1)))
			if err != nil {
				t.Fatal(err)
			}
			m.nets = append(m.nets, net)
		}
		got := fileBytes(t, &m)
		if est := m.fileSize(); est < got || est-got > slack(m.Settings) {
			t.Errorf("%d×%d ×%d: modelFileSizeFor = %d; the file has %d bytes", c.layers, c.hidden, c.ensemble, est, got)
		}
	}

	// The widest header: every number at its widest, an ETS anchor, names
	// of characters written as \u003c.
	m := *base
	m.Name, m.Freq = strings.Repeat("<", 100), strings.Repeat("\x01", 30)
	w := Scaler{Kind: config.ScaleWindow, Center: worstFloat, Scale: worstFloat, Ratio: true}
	m.Prep = prep{Transform: config.TransformSeasonalDiff, Period: 1000, In: w, Anchor: 2000, Spread: worstFloat,
		ETS: &etsAnchor{Season: "multiplicative", Trend: true, M: 1000, Alpha: worstFloat, Beta: worstFloat, Gamma: worstFloat, Phi: worstFloat, Scale: worstFloat}}
	m.Settings.Window, m.Settings.Season = 2000, 1000
	for _, f := range []*float64{&m.Settings.ValFrac, &m.Settings.Dropout, &m.Settings.LR, &m.Settings.ClipMax, &m.Settings.ForgetBias, &m.Settings.L1, &m.Settings.L2} {
		*f = worstFloat
	}
	m.Q80, m.Q95 = make([]float64, m.Settings.Horizon), make([]float64, m.Settings.Horizon)
	for k := range m.Q80 {
		m.Q80[k], m.Q95[k] = worstFloat, worstFloat
	}
	if b, _ := json.Marshal(worstFloat); len(b) != 25 {
		t.Errorf("worstFloat is written in %d bytes (%s); want 25", len(b), b)
	}
	if got, est := fileBytes(t, &m), m.fileSize(); est < got {
		t.Errorf("widest header: bound %d; the file has %d bytes", est, got)
	}
}

// TestModelSizeCheckedBeforeTraining: settings whose model file would be
// larger than MaxModelBytes are refused by Validate (on the hidden field,
// naming the size and what to lower) and, with the series' extra input
// columns counted, by Resolve — so Train fails before its first step.
// Before, `train -layers 3 -hidden 1024` trained and wrote a file predict
// refused.
func TestModelSizeCheckedBeforeTraining(t *testing.T) {
	set := config.DefaultSettings()
	set.Layers, set.Hidden, set.Ensemble = 4, 1024, 2
	var se config.SettingsError
	if err := Validate(set); !errors.As(err, &se) || se.Field("hidden") == nil ||
		!strings.Contains(se.Field("hidden").Msg, "would be 599.3 MiB") || !strings.Contains(se.Field("hidden").Msg, "lower hidden (1024), layers (4) or ensemble (2)") {
		t.Errorf("Validate(4×1024, ensemble 2) = %v; want a hidden error naming 599.3 MiB (628 MB) and what to lower", err)
	}
	// One network of the largest shape fits, as does the 3×1024
	// (593 MB in version 1's numbers; 226 MB in base64).
	for _, layers := range []int{4, 3} {
		set.Layers, set.Ensemble = layers, 1
		if err := Validate(set); err != nil {
			t.Errorf("Validate(%d×1024) = %v; want nil", layers, err)
		}
	}
	if n := modelFileSizeFor(set, nil); n > 240e6 {
		t.Errorf("modelFileSizeFor(3×1024) = %d; want under 240 MB", n)
	}

	// 11 networks of 1024 units fit with the series alone; 100 extra
	// input columns add 4096 weights to each and do not.
	set = config.DefaultSettings()
	set.Hidden, set.Ensemble, set.Epochs = 1024, 11, 1
	if err := set.Validate(); err != nil {
		t.Fatalf("Validate(1×1024, ensemble 11) = %v", err)
	}
	wide := withCovariates(airPassengers(t), 100)
	_, err := Resolve(wide, set)
	var fe *config.FieldError
	if !errors.As(err, &fe) || fe.Field != "hidden" || !strings.Contains(fe.Msg, "fewer than 100 extra input columns") {
		t.Errorf("Resolve(100 covariates) = %v; want a hidden error naming the extra input columns", err)
	}
	var events counter
	if _, err := Train(context.Background(), wide, set, &events); !errors.As(err, &fe) || events.n != 0 {
		t.Errorf("Train(100 covariates) = %v after %d events; want the size error before any step", err, events.n)
	}
}

type counter struct{ n int }

func (c *counter) Step(fit.StepEvent)   { c.n++ }
func (c *counter) Epoch(fit.EpochEvent) { c.n++ }

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestReadModelBounded: what ReadModel allocates is bounded by what the
// file holds and the sizes its settings allow, checked while it reads.
// Before, the whole file was read and parsed first: a 200 MB file of
// zeros where a network's weights belong peaked at 3.7 GB.
func TestReadModelBounded(t *testing.T) {
	set := quick(12)
	set.Epochs = 1
	good := modelFileOf(t, airPassengers(t), set)
	i := strings.Index(good, `"data":"`)
	j := i + len(`"data":"`) + strings.Index(good[i+len(`"data":"`):], `"`)
	zeros := strings.Repeat("0,", 5e6) + "0"
	intervals := strings.Index(good, `"interval80": [`)
	cases := []struct {
		name, text, msg string
		max             uint64
	}{
		// 5 million zeros where 64 weights belong: refused at the 65th.
		{"weights flood", good[:i] + `"data":[` + zeros + `]` + good[j+1:], "more than 64 values", 1 << 20},
		// A network larger than the settings say: refused at its configuration.
		{"network larger than the settings", strings.Replace(good, `"hidden_size":16`, `"hidden_size":1024`, 1), "the settings say", 1 << 20},
		// 5 million interval widths: refused before they are decoded.
		// (The JSON decoder holds the array's text while it reads it.)
		{"interval flood", good[:intervals] + `"interval80": [` + zeros + `],` + good[intervals:], "at most 1024", 5 * uint64(len(zeros))},
	}
	for _, c := range cases {
		var err error
		alloc := allocated(func() { _, err = ReadModel(strings.NewReader(c.text)) })
		if !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: err %.300v; want ErrBadModel saying %q", c.name, err, c.msg)
		}
		if alloc > c.max {
			t.Errorf("%s: ReadModel allocated %d bytes refusing a %d-byte file; want at most %d", c.name, alloc, len(c.text), c.max)
		}
	}
}

// endless is a model file that never ends: an opening brace, then spaces.
type endless struct{ started bool }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	if !e.started && len(p) > 0 {
		p[0], e.started = '{', true
	}
	return len(p), nil
}

// TestReadModelLimit: reading stops after the limit — MaxModelBytes, the
// limit Save writes to —, and LoadModel refuses a larger file before
// reading it.
func TestReadModelLimit(t *testing.T) {
	_, err := readModel(context.Background(), &endless{}, 1<<20)
	if !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("readModel(endless, 1 MiB) = %v; want larger than 1 MiB", err)
	}
	path := filepath.Join(t.TempDir(), "huge.json")
	if err := os.WriteFile(path, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, MaxModelBytes+1); err != nil { // sparse: nothing written
		t.Fatal(err)
	}
	_, err = LoadModel(path)
	if !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), "the file has 512.0 MiB; a model file has at most 512 MiB") {
		t.Errorf("LoadModel(512 MiB + 1 byte) = %v; want the sizes", err)
	}
}

func TestLoadModelCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := LoadModelContext(ctx, dataPath(t, "model_v1_seasonal_anchor.json"))
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrBadModel) {
		t.Errorf("LoadModelContext(cancelled) = %v; want context.Canceled", err)
	}
}

// TestPredictContext: PredictContext reports every network pass, gives
// Predict's forecast bit for bit, and stops between two passes once its
// context is cancelled.
func TestPredictContext(t *testing.T) {
	s := airPassengers(t)
	set := quick(6)
	set.Strategy, set.Ensemble, set.Epochs = config.StrategyRecursive, 2, 2
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := res.Model
	if m.Passes() != 12 {
		t.Fatalf("Passes() = %d; want 2 members × 6 steps", m.Passes())
	}
	want, err := m.Predict(s)
	if err != nil {
		t.Fatal(err)
	}
	var calls []int
	got, err := m.PredictContext(context.Background(), s, func(done, total int) {
		if total != 12 {
			t.Errorf("progress total %d; want 12", total)
		}
		calls = append(calls, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	for k := range want.Mean {
		if math.Float64bits(got.Mean[k]) != math.Float64bits(want.Mean[k]) || got.Upper95[k] != want.Upper95[k] {
			t.Errorf("step %d: PredictContext %v, Predict %v", k, got.Mean[k], want.Mean[k])
		}
	}
	if fmt.Sprint(calls) != "[1 2 3 4 5 6 7 8 9 10 11]" {
		t.Errorf("progress calls %v; want 1 to 11", calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = m.PredictContext(ctx, s, func(done, _ int) {
		if done == 5 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "after 5 of 12") {
		t.Errorf("PredictContext cancelled after 5 passes = %v; want context.Canceled after 5 of 12", err)
	}
}

// TestModelFileVersion1: a version 1 model file (numbers, indented) loads,
// is written as version 2 (base64), its networks in under half the size,
// and the
// version 2 file forecasts the same, bit for bit. The version 1 file is
// not touched.
func TestModelFileVersion1(t *testing.T) {
	path := dataPath(t, "model_v1_seasonal_anchor.json")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v1, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := v1.Write(&buf); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !strings.Contains(text, `"version": 2`) || strings.Contains(text, `"data":[`) || !strings.Contains(text, `"version":2`) {
		t.Errorf("written as %.300s…; want version 2 with base64 weights", text)
	}
	nets := func(s string) int { return len(s) - strings.Index(s, `"networks"`) }
	if 2*nets(text) > nets(string(before)) {
		t.Errorf("version 2 networks take %d bytes; version 1 %d; want under half", nets(text), nets(string(before)))
	}
	v2, err := ReadModel(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	for i := range v1.Members() {
		a, b := v1.nets[i].Weights(), v2.nets[i].Weights()
		for j := range a {
			if math.Float64bits(a[j]) != math.Float64bits(b[j]) {
				t.Fatalf("network %d weight %d: %v after the migration; %v before", i, j, b[j], a[j])
			}
		}
	}
	s := airPassengers(t)
	f1, err1 := v1.Predict(s)
	f2, err2 := v2.Predict(s)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	for k := range f1.Mean {
		if f1.Mean[k] != f2.Mean[k] || f1.Lower95[k] != f2.Lower95[k] {
			t.Errorf("step %d: version 2 forecasts %v; version 1 %v", k, f2.Mean[k], f1.Mean[k])
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Errorf("loading changed the version 1 file")
	}
}

// TestReadModelSortedKeys: a model file whose keys a tool sorted (the
// networks before the settings) loads and forecasts the same; its
// networks are checked against the settings at the end.
func TestReadModelSortedKeys(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 1
	good := modelFileOf(t, s, set)
	dec := json.NewDecoder(strings.NewReader(good))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v) // keys sorted at every level
	if err != nil {
		t.Fatal(err)
	}
	sorted := string(b)
	if strings.Index(sorted, `"networks"`) > strings.Index(sorted, `"settings"`) {
		t.Fatal("networks not before settings")
	}
	m, err := ReadModel(strings.NewReader(sorted))
	if err != nil {
		t.Fatal(err)
	}
	orig, err := ReadModel(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	f1, _ := orig.Predict(s)
	f2, err := m.Predict(s)
	if err != nil {
		t.Fatal(err)
	}
	for k := range f1.Mean {
		if f1.Mean[k] != f2.Mean[k] {
			t.Errorf("step %d: %v from the sorted file; %v", k, f2.Mean[k], f1.Mean[k])
		}
	}
	wrong := strings.Replace(sorted, `"hidden":16`, `"hidden":8`, 1)
	if _, err := ReadModel(strings.NewReader(wrong)); !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), "the settings say") {
		t.Errorf("sorted file, settings unlike the networks: %v", err)
	}
}

// TestReadModelMessagesShort: an error about a damaged file stays short
// whatever the file quotes (a 1 MB setting, a 1 MB key, a 1 MB parameter
// name). Before, a 1 MB format field made a 1 MB message.
func TestReadModelMessagesShort(t *testing.T) {
	set := quick(12)
	set.Epochs = 1
	good := modelFileOf(t, airPassengers(t), set)
	long := strings.Repeat("é\\n", 3e5)
	cases := map[string]string{
		"format":      strings.Replace(good, `"forecaster-model"`, `"`+long+`"`, 1),
		"scaler":      strings.Replace(good, `"scaler": "window"`, `"scaler": "`+long+`"`, 1),
		"key":         strings.Replace(good, `"series"`, `"`+long+`": 1, "series"`, 1) + `{`,
		"param name":  strings.Replace(good, `"weight_hh_l0"`, `"`+long+`"`, 1),
		"lstm format": strings.Replace(good, `"forecaster-lstm"`, `"`+long+`"`, 1),
	}
	for name, text := range cases {
		if text == good {
			t.Errorf("%s: the damage did not apply", name)
			continue
		}
		_, err := ReadModel(strings.NewReader(text))
		if !errors.Is(err, ErrBadModel) || len(err.Error()) > 500 || strings.ContainsAny(err.Error(), "\n\r") {
			t.Errorf("%s: error of %d bytes %.200q; want a one-line ErrBadModel under 500 bytes", name, len(err.Error()), err)
		}
	}
}

// FuzzReadModel checks that no input makes ReadModel panic, that every
// error wraps ErrBadModel, and that whatever it accepts is written and read
// back with the same forecast.
func FuzzReadModel(f *testing.F) {
	s := airPassengers(f)
	set := quick(6)
	set.Epochs, set.Hidden = 1, 2
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := res.Model.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	v1, err := os.ReadFile(dataPath(f, "model_v1_seasonal_anchor.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(v1)
	f.Add([]byte(`{"format":"forecaster-model","version":2,"networks":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ReadModel(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrBadModel) {
				t.Errorf("error not wrapping ErrBadModel: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := m.Write(&out); err != nil {
			t.Fatal(err)
		}
		again, err := ReadModel(&out)
		if err != nil {
			t.Fatalf("reading back an accepted model: %v", err)
		}
		f1, err1 := m.Predict(s)
		f2, err2 := again.Predict(s)
		if (err1 == nil) != (err2 == nil) || err1 == nil && f1.Mean[0] != f2.Mean[0] && !math.IsNaN(f1.Mean[0]) {
			t.Errorf("the model read back forecasts otherwise: %v %v", err1, err2)
		}
	})
}
