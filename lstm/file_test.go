package lstm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, ln := range []bool{false, true} {
		cfg := DefaultConfig(2, 5, 3)
		cfg.Layers, cfg.LayerNorm, cfg.Dropout, cfg.L2 = 2, ln, 0.1, 1e-4
		cfg.InputInit, cfg.RecurrentInit = InitXavierNormal, InitOrthogonal
		m, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := NewTrainer(m, 4, 6, OptimConfig{Kind: "adam", LR: 0.01}, ClipConfig{Mode: "norm", Max: 1})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := tr.File().Write(&buf); err != nil {
			t.Fatal(err)
		}
		f, err := ReadFile(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if f.Optim == nil || f.Optim.Kind != "adam" || f.Clip == nil || f.Clip.Max != 1 {
			t.Errorf("training settings lost: %+v %+v", f.Optim, f.Clip)
		}
		got, err := Load(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if got.Config() != cfg {
			t.Errorf("config = %+v; want %+v", got.Config(), cfg)
		}
		for i, w := range m.Weights() {
			if math.Float64bits(w) != math.Float64bits(got.Weights()[i]) {
				t.Fatalf("weight %d = %v; want %v (bit-exact)", i, got.Weights()[i], w)
			}
		}
	}
}

// v1Text returns m as a version 1 file wrote it: the data as arrays of
// numbers (encoding/json's shortest round-trip form).
func v1Text(t testing.TB, m *Model) string {
	t.Helper()
	type tensor struct {
		Name  string    `json:"name"`
		Shape []int     `json:"shape"`
		Data  []float64 `json:"data"`
	}
	f := struct {
		Format  string   `json:"format"`
		Version int      `json:"version"`
		Config  Config   `json:"config"`
		Params  []tensor `json:"params"`
	}{FileFormat, 1, m.Config(), nil}
	for _, p := range m.Params() {
		f.Params = append(f.Params, tensor{p.Name, p.Shape(), p.W})
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

func TestLoadErrors(t *testing.T) {
	m, err := New(DefaultConfig(1, 2, 1))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	v1 := v1Text(t, m)
	edit := func(f func(*File)) string {
		var file File
		if err := json.Unmarshal([]byte(good), &file); err != nil {
			t.Fatal(err)
		}
		f(&file)
		b, err := json.Marshal(file)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// data64 replaces the base64 data of parameter 0 (8 values).
	data64 := func(s string) string {
		i := strings.Index(good, `"data":"`) + len(`"data":"`)
		j := i + strings.Index(good[i:], `"`)
		return good[:i] + s + good[j:]
	}
	first := good[strings.Index(good, `"data":"`)+len(`"data":"`):]
	first = first[:strings.Index(first, `"`)]
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "truncated"},
		{"truncated", good[:len(good)/2], "truncated"},
		{"truncated v1", v1[:len(v1)/2], "truncated"},
		{"not json", "hello", "reading model"},
		{"not an object", "[1,2]", "not an object"},
		{"wrong format", edit(func(f *File) { f.Format = "x" }), "not a model file"},
		{"long format quoted short", edit(func(f *File) { f.Format = strings.Repeat("é", 1e5) }), `"éééééééééééééééééééé"…)`},
		{"no format", strings.Replace(good, `"format":"forecaster-lstm",`, ``, 1), "not a model file (format \"\")"},
		{"no version", strings.Replace(good, `"version":2,`, ``, 1), "no version"},
		{"no config", `{"format":"forecaster-lstm","version":2}`, "no configuration"},
		{"future version", edit(func(f *File) { f.Version = 99 }), "version"},
		{"huge hidden", edit(func(f *File) { f.Config.HiddenSize = 1 << 40 }), "hidden size"},
		{"huge layers", edit(func(f *File) { f.Config.Layers = 1000 }), "layers"},
		{"huge input", edit(func(f *File) { f.Config.InputSize = 1 << 30 }), "input size"},
		{"bad loss", edit(func(f *File) { f.Config.Loss = "nope" }), "loss"},
		{"bad optim", edit(func(f *File) { f.Optim = &OptimConfig{Kind: "adam", LR: -1} }), "learning rate"},
		{"missing param", edit(func(f *File) { f.Params = f.Params[:2] }), "parameters"},
		{"extra param", edit(func(f *File) { f.Params = append(f.Params, f.Params[0]) }), "more than 6 parameters"},
		{"no params", strings.Replace(good, `"params":`, `"old":`, 1), "0 parameters"},
		{"params null", edit(func(f *File) { f.Params = nil }), "params is not an array"},
		{"renamed", edit(func(f *File) { f.Params[0].Name = "w" }), "want \"weight_ih_l0\""},
		{"wrong shape", edit(func(f *File) { f.Params[1].Shape = []int{2, 8} }), "shape"},
		{"three dimensions", edit(func(f *File) { f.Params[1].Shape = []int{8, 2, 1} }), "shape"},
		{"fractional shape", strings.Replace(good, `"shape":[8,1]`, `"shape":[8.5,1]`, 1), "shape"},
		{"short data", edit(func(f *File) { f.Params[1].Data = f.Params[1].Data[:3] }), "values"},
		{"long data", edit(func(f *File) { f.Params[1].Data = append(f.Params[1].Data, 1) }), "values"},
		{"base64 garbage", data64(strings.Repeat("!", len(first))), "base64"},
		{"base64 padding inside", data64(first[:8] + "AA==" + first[12:]), "base64"},
		{"data a number", data64(`"` + `,"x":5,"y":"`), "base64"},
		{"data an object", strings.Replace(v1, `"data":[`, `"data":{"a":[`, 1), "not base64 or an array"},
		{"v1 string in array", strings.Replace(v1, `"data":[`, `"data":["x",`, 1), "not a number"},
		{"v1 too many", strings.Replace(v1, `"data":[`, `"data":[0,`, 1), "more than 8 values"},
		{"v1 too few", strings.Replace(v1, `"data":[`, `"data":[0],"old":[`, 1), "has 1 values, want 8"},
		{"NaN literal", strings.Replace(v1, `"data":[`, `"data":[NaN,`, 1), "reading model"},
		{"overflow", strings.Replace(v1, `"data":[`, `"data":[1e999,`, 1), "reading model"},
		{"params before config", `{"format":"forecaster-lstm","version":2,"params":[],"config":{}}`, "before the configuration"},
		{"config twice", strings.Replace(good, `"params":`, `"config":{},"params":`, 1), "given twice"},
		{"name twice", strings.Replace(good, `"name":"weight_hh_l0",`, `"name":"weight_hh_l0","name":"weight_hh_l0",`, 1), "given twice"},
		{"no data", strings.Replace(v1, `"data":[`, `"old":[`, 1), "has no data"},
		{"future version with new fields", strings.Replace(edit(func(f *File) { f.Version = FileVersion + 1 }), `{`, `{"new":1,`, 1), "version 3"},
	}
	for _, tc := range tests {
		if tc.in == good {
			t.Errorf("%s: the damage did not apply", tc.name)
			continue
		}
		_, err := Load(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "lstm: ") || len(err.Error()) > 300 {
			t.Errorf("%s: Load error = %.300v; want one under 300 bytes containing %q", tc.name, err, tc.want)
		}
	}
	// a non-finite weight, set directly in a File and encoded in base64
	f := m.File()
	f.Params[0].Data[0] = math.Inf(1)
	if _, err := FromFile(f); err == nil || !strings.Contains(err.Error(), "not finite") {
		t.Errorf("FromFile(Inf weight) error = %v; want not finite", err)
	}
	buf.Reset()
	f.Params[0].Data[0], f.Params[2].Data[3] = 0, math.NaN()
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(&buf); err == nil || !strings.Contains(err.Error(), "bias_ih_l0[3] is not finite") {
		t.Errorf("Load(NaN weight) error = %v; want bias_ih_l0[3] is not finite", err)
	}
}

// TestLoadVersion1: a file in version 1's encoding (numbers) loads with the
// same weights, bit for bit, and is written again as version 2 (base64),
// under two thirds of the size (10⅔ bytes a weight against about 19).
func TestLoadVersion1(t *testing.T) {
	cfg := DefaultConfig(3, 16, 4)
	cfg.Layers, cfg.LayerNorm = 2, true
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	v1 := v1Text(t, m)
	got, err := Load(strings.NewReader(v1))
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range m.Weights() {
		if math.Float64bits(got.Weights()[i]) != math.Float64bits(w) {
			t.Fatalf("weight %d = %v from version 1; want %v", i, got.Weights()[i], w)
		}
	}
	var v2 bytes.Buffer
	if err := got.Save(&v2); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(v2.String(), `"version":2`) || strings.Contains(v2.String(), `"data":[`) {
		t.Errorf("Save wrote %.200s…; want version 2 with base64 data", v2.String())
	}
	if 3*v2.Len() > 2*len(v1) {
		t.Errorf("version 2 file %d bytes, version 1 %d; want under two thirds", v2.Len(), len(v1))
	}
	// The fuzz corpus's valid file is version 1 too.
	seed, err := os.ReadFile("testdata/fuzz/FuzzLoad/valid_h1")
	if err != nil {
		t.Fatal(err)
	}
	text := string(seed)
	text = text[strings.Index(text, "(")+1 : strings.LastIndex(text, ")")]
	text, err = strconv.Unquote(text)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(strings.NewReader(text)); err != nil {
		t.Errorf("the version 1 seed valid_h1: %v", err)
	}
}

// sortKeys returns the JSON text with every object's keys sorted, as a
// tool that re-serialises a file might leave it; numbers keep their text.
func sortKeys(t testing.TB, text string) string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLoadSortedKeys: a file whose keys a tool sorted (config, format,
// params, version; data before name and shape) loads with the same
// weights, and a damaged one is still refused.
func TestLoadSortedKeys(t *testing.T) {
	cfg := DefaultConfig(2, 3, 2)
	cfg.LayerNorm = true
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{sortKeys(t, buf.String()), sortKeys(t, v1Text(t, m))} {
		if strings.Index(text, `"version"`) < strings.Index(text, `"params"`) {
			t.Fatalf("keys not sorted: %.100s", text)
		}
		got, err := Load(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range m.Weights() {
			if math.Float64bits(got.Weights()[i]) != math.Float64bits(w) {
				t.Fatalf("weight %d = %v; want %v", i, got.Weights()[i], w)
			}
		}
		bad := strings.Replace(text, `"version":`, `"version":7`, 1)
		if _, err := Load(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "version") {
			t.Errorf("sorted file with a bad version: %v", err)
		}
	}
}

// TestWriteForms: Save, File.Write and json.Marshal of a File give the same
// bytes, and FileSize predicts them exactly, over shapes and settings
// whose JSON lengths differ (the precision only when float32); the
// precision is read back.
func TestWriteForms(t *testing.T) {
	for _, c := range []struct{ in, h, out, layers int }{{1, 1, 1, 1}, {2, 5, 3, 2}, {7, 33, 12, 3}, {1, 64, 24, 4}, {256, 3, 1024, 1}} {
		for _, v := range []struct {
			ln   bool
			prec string
		}{{false, ""}, {true, ""}, {false, PrecisionFloat32}} {
			ln := v.ln
			cfg := DefaultConfig(c.in, c.h, c.out)
			cfg.Layers, cfg.LayerNorm, cfg.Seed, cfg.Precision = c.layers, ln, 1<<64-1, v.prec
			cfg.Dropout, cfg.L2, cfg.ForgetBias = 0.123456789, 1e-7, -2.5
			m, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var save, write bytes.Buffer
			if err := m.Save(&save); err != nil {
				t.Fatal(err)
			}
			if err := m.File().Write(&write); err != nil {
				t.Fatal(err)
			}
			marshal, err := json.Marshal(m.File())
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("%d→%d×%d→%d ln=%v %s", c.in, c.layers, c.h, c.out, ln, v.prec)
			if save.String() != write.String() || save.String() != string(marshal)+"\n" {
				t.Errorf("%s: Save, File.Write and json.Marshal differ", name)
			}
			if got, want := FileSize(cfg), int64(save.Len()-1); got != want {
				t.Errorf("%s: FileSize = %d; Save wrote %d bytes before its newline", name, got, want)
			}
			var back File
			if err := json.Unmarshal(marshal, &back); err != nil {
				t.Fatal(err)
			}
			if m2, err := FromFile(back); err != nil {
				t.Errorf("%s: json.Unmarshal then FromFile: %v", name, err)
			} else if m2.Config().Precision != v.prec {
				t.Errorf("%s: read back with precision %q", name, m2.Config().Precision)
			}
		}
	}
}

// TestLoadBoundedByData: what Load allocates is bounded by the data the
// file holds, never by the sizes it declares. Before DecodeFile, Load read
// every number of an array before counting them (a 200 MB file of zeros
// took 3.7 GB).
func TestLoadBoundedByData(t *testing.T) {
	m, err := New(DefaultConfig(1, 2, 1))
	if err != nil {
		t.Fatal(err)
	}
	v1 := v1Text(t, m)
	head := func(cfg Config) string {
		b, _ := json.Marshal(cfg)
		return `{"format":"forecaster-lstm","version":2,"config":` + string(b) + `,"params":[`
	}
	big := DefaultConfig(MaxInputSize, MaxHiddenSize, MaxOutputSize)
	big.Layers = MaxLayers
	tests := []struct {
		name, in, want string
	}{
		// 10 million zeros where 8 values belong (20 MB).
		{"flood", strings.Replace(v1, `"data":[`, `"data":[`+strings.Repeat("0,", 1e7), 1), "more than 8 values"},
		// The largest valid configuration (31 million weights) in a file
		// of a few hundred bytes.
		{"largest network, no data", head(big) + `{"name":"weight_ih_l0","shape":[4096,256],"data":[0]}]}`, "has 1 values, want 1048576"},
		{"largest network, truncated", head(big), "truncated"},
		{"absurd shape", head(DefaultConfig(1, 2, 1)) + `{"name":"weight_ih_l0","shape":[1073741824,1073741824],"data":[0]}]}`, "shape"},
	}
	for _, tc := range tests {
		r := strings.NewReader(tc.in)
		var err error
		alloc := allocated(func() { _, err = Load(r) })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Load error = %.200v; want %q", tc.name, err, tc.want)
		}
		if alloc > 1<<20 {
			t.Errorf("%s: Load allocated %d bytes refusing a %d-byte file; want under 1 MiB", tc.name, alloc, len(tc.in))
		}
	}
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// FuzzLoad checks that no input makes Load panic, and that whatever it
// accepts survives a save/load round trip. Seed corpus: testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	m, err := New(DefaultConfig(1, 2, 1))
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"forecaster-lstm","version":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Load(bytes.NewReader(b))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "lstm: ") {
				t.Errorf("error without package prefix: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := m.Save(&out); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(&out); err != nil {
			t.Fatalf("reloading an accepted model: %v", err)
		}
	})
}
