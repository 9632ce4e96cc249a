package lstm

import (
	"bytes"
	"encoding/json"
	"math"
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
	edit := func(f func(*File)) string {
		var file File
		if err := json.Unmarshal([]byte(good), &file); err != nil {
			t.Fatal(err)
		}
		f(&file)
		b, _ := json.Marshal(file)
		return string(b)
	}
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "truncated"},
		{"truncated", good[:len(good)/2], "truncated"},
		{"not json", "hello", "reading model"},
		{"wrong format", edit(func(f *File) { f.Format = "x" }), "not a model file"},
		{"future version", edit(func(f *File) { f.Version = 99 }), "version"},
		{"huge hidden", edit(func(f *File) { f.Config.HiddenSize = 1 << 40 }), "hidden size"},
		{"huge layers", edit(func(f *File) { f.Config.Layers = 1000 }), "layers"},
		{"huge input", edit(func(f *File) { f.Config.InputSize = 1 << 30 }), "input size"},
		{"bad loss", edit(func(f *File) { f.Config.Loss = "nope" }), "loss"},
		{"bad optim", edit(func(f *File) { f.Optim = &OptimConfig{Kind: "adam", LR: -1} }), "learning rate"},
		{"missing param", edit(func(f *File) { f.Params = f.Params[:2] }), "parameters"},
		{"renamed", edit(func(f *File) { f.Params[0].Name = "w" }), "want \"weight_ih_l0\""},
		{"wrong shape", edit(func(f *File) { f.Params[1].Shape = []int{2, 8} }), "shape"},
		{"short data", edit(func(f *File) { f.Params[1].Data = f.Params[1].Data[:3] }), "values"},
		{"NaN literal", strings.Replace(good, `"data":[`, `"data":[NaN,`, 1), "reading model"},
		{"overflow", strings.Replace(good, `"data":[`, `"data":[1e999,`, 1), "reading model"},
		{"future version with new fields", strings.Replace(edit(func(f *File) { f.Version = 2 }), `{`, `{"new":1,`, 1), "version 2"},
	}
	for _, tc := range tests {
		_, err := Load(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "lstm: ") {
			t.Errorf("%s: Load error = %v; want one containing %q", tc.name, err, tc.want)
		}
	}
	// a non-finite weight set directly in a File
	f := m.File()
	f.Params[0].Data[0] = math.Inf(1)
	if _, err := FromFile(f); err == nil || !strings.Contains(err.Error(), "not finite") {
		t.Errorf("FromFile(Inf weight) error = %v; want not finite", err)
	}
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
