package lstm

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/forecaster-dev/forecaster/lstm/internal/vec"
)

// torch32Fixture is a torch32_lstm_*.json file of scripts/torch_fixtures.py:
// torchFixture's fields computed by torch in float32 (inputs and weights
// float32 values), one training step, and Ref64, the same computed in
// float64 from the same inputs.
type torch32Fixture struct {
	torchFixture
	torch32Step
	Ref64 struct {
		torchFixture
		torch32Step
	} `json:"ref64"`
}

type torch32Step struct {
	StepLoss     float64              `json:"step_loss"`
	StepGradNorm float64              `json:"step_grad_norm"`
	StepParams   map[string][]float64 `json:"step_params"`
}

func (f *torch32Fixture) UnmarshalJSON(b []byte) error {
	if err := f.torchFixture.UnmarshalJSON(b); err != nil {
		return err
	}
	var aux struct {
		torch32Step
		Ref64 json.RawMessage `json:"ref64"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	f.torch32Step = aux.torch32Step
	if err := f.Ref64.torchFixture.UnmarshalJSON(aux.Ref64); err != nil {
		return err
	}
	return json.Unmarshal(aux.Ref64, &f.Ref64.torch32Step)
}

// torch32Tol is the element-wise tolerance of the float32 path against
// torch in float32, as maxRel measures it (relative, floor 1e-3). Both
// sides round every product to float32: unit roundoff u = 2^-24 ≈ 6e-8, a
// product of k ≤ 4H+I = 68 terms is within γ_k ≈ 4e-6 of exact, and the
// error is carried through up to T = 24 steps and 3 layers, so
// 24·4e-6 ≈ 1e-4. Observed on these fixtures (the test logs it): torch's
// float32 results are within 2.6e-5 of its float64 ones, ours within
// 1.2e-5 (the element-wise work is float64), ours within 2.7e-5 of
// torch's float32 results — under the bound by a factor of about 4.
const torch32Tol = 1e-4

// check32 compares ours with torch's float32 result within torch32Tol and
// logs both sides' error against the float64 reference.
func check32(t *testing.T, what string, got, want32, want64 []float64) {
	t.Helper()
	r32, _ := maxRel(got, want32)
	rt, _ := maxRel(want32, want64)
	ro, _ := maxRel(got, want64)
	t.Logf("%-22s ours vs torch32 %.2g   torch32 vs float64 %.2g   ours vs float64 %.2g", what, r32, rt, ro)
	checkClose(t, what, got, want32, torch32Tol)
}

func TestTorch32Parity(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "torch32_lstm_*.json"))
	if err != nil || len(files) < 5 {
		t.Fatalf("want 5 float32 fixtures in testdata, found %d (%v)", len(files), err)
	}
	defer func(c, s int) { chunkRows, splitCells = c, s }(chunkRows, splitCells)
	defer vec.SetWidth(vec.Width())()
	widths := vec.Widths()
	for _, file := range files {
		var f torch32Fixture
		readJSON(t, file, &f)
		// one chunk, unsplit; chunks of 1 or 2 steps with the batch split
		// in halves; every vector level the CPU has
		for _, v := range []struct{ chunk, split int }{{512, 1 << 30}, {5, 1}} {
			for _, vw := range widths {
				t.Run(fmt.Sprintf("%s/chunk=%d/split=%d/vec=%d", f.Name, v.chunk, v.split, vw), func(t *testing.T) {
					chunkRows, splitCells = v.chunk, v.split
					vec.SetWidth(vw)
					torch32Case(t, &f)
				})
			}
		}
	}
}

func torch32Case(t *testing.T, f *torch32Fixture) {
	cfg := DefaultConfig(f.InputSize, f.HiddenSize, f.OutputSize)
	cfg.Layers, cfg.Precision = f.Layers, PrecisionFloat32
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	load := func() {
		for _, p := range m.Params() {
			w, ok := f.Params[p.Name]
			if !ok || len(w) != len(p.W) {
				t.Fatalf("fixture parameter %s: have %d values, want %d", p.Name, len(w), len(p.W))
			}
			copy(p.W, w)
		}
	}
	load()
	r := &f.Ref64
	B, T, L, H := f.Batch, f.Steps, f.Layers, f.HiddenSize
	ws := NewWorkspace(m, B, T)
	ws.Forward(f.X, f.H0, f.C0, B, T, false)
	check32(t, "output", ws.Outputs(nil), f.Out, r.Out)
	// the products did run in float32: the float64 path is within 1e-9 of
	// the float64 reference (TestTorchParity), this one is not
	if d, _ := maxRel(ws.Outputs(nil), r.Out); d < 1e-8 {
		t.Errorf("output within %.2g of float64: the float32 products did not run", d)
	}
	hn, cn := make([]float64, L*B*H), make([]float64, L*B*H)
	ws.FinalState(hn, cn)
	check32(t, "h_n", hn, f.HN, r.HN)
	check32(t, "c_n", cn, f.CN, r.CN)
	check32(t, "head", ws.Head(), f.Head, r.Head)
	dy := make([]float64, B*f.OutputSize)
	mse := dataLoss(LossMSE, 0, dy, ws.Head(), f.Y)
	check32(t, "mse", []float64{mse}, []float64{f.MSE}, []float64{r.MSE})
	loss := mse + dot(ws.Outputs(nil), f.ROut) + dot(hn, f.RH) + dot(cn, f.RC)
	check32(t, "loss", []float64{loss}, []float64{f.Loss}, []float64{r.Loss})
	dx := make([]float64, len(f.X))
	dh0, dc0 := make([]float64, L*B*H), make([]float64, L*B*H)
	m.ZeroGrad()
	ws.Backward(dx, dh0, dc0, dy, f.ROut, f.RH, f.RC)
	for _, p := range m.Params() {
		check32(t, "grad "+p.Name, p.G, f.Grads[p.Name], r.Grads[p.Name])
	}
	check32(t, "grad x", dx, f.GradX, r.GradX)
	check32(t, "grad h0", dh0, f.GradH0, r.GradH0)
	check32(t, "grad c0", dc0, f.GradC0, r.GradC0)

	// one training step from the fixture's weights
	load()
	tr, err := NewTrainer(m, B, T, OptimConfig{Kind: "adam", LR: 0.01}, ClipConfig{Mode: "norm", Max: 1})
	if err != nil {
		t.Fatal(err)
	}
	st, err := tr.Step(f.X, f.Y, B)
	if err != nil {
		t.Fatal(err)
	}
	check32(t, "step loss", []float64{st.DataLoss}, []float64{f.StepLoss}, []float64{r.StepLoss})
	check32(t, "step grad norm", []float64{st.GradNorm}, []float64{f.StepGradNorm}, []float64{r.StepGradNorm})
	for _, p := range m.Params() {
		check32(t, "after step "+p.Name, p.W, f.StepParams[p.Name], r.StepParams[p.Name])
	}
}

// TestFloat32Dropout checks the float32 path with dropout and an input
// wide enough for its own product (I = 6 > fuseInput), split in halves,
// against the float64 path on the same weights and dropout masks (drawn
// from the same seed): five Adam steps, losses and weights within
// torch32Tol of each other (float32's own error, as TestTorch32Parity
// measures it against float64).
func TestFloat32Dropout(t *testing.T) {
	defer func(s int) { splitCells = s }(splitCells)
	splitCells = 1
	const B, T, I, O = 8, 12, 6, 4
	run := func(prec string) ([]float64, []float64) {
		cfg := DefaultConfig(I, 24, O)
		cfg.Layers, cfg.Dropout, cfg.Precision = 3, 0.3, prec
		m, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := NewTrainer(m, B, T, OptimConfig{Kind: "adam", LR: 1e-3}, ClipConfig{Mode: "norm", Max: 1})
		if err != nil {
			t.Fatal(err)
		}
		x, y := make([]float64, B*T*I), make([]float64, B*O)
		for i := range x {
			x[i] = math.Sin(float64(i) * 0.37)
		}
		for i := range y {
			y[i] = math.Cos(float64(i) * 0.91)
		}
		var losses []float64
		for range 5 {
			st, err := tr.Step(x, y, B)
			if err != nil {
				t.Fatal(err)
			}
			losses = append(losses, st.Loss)
		}
		return losses, append([]float64(nil), m.Weights()...)
	}
	l64, w64 := run(PrecisionFloat64)
	l32, w32 := run(PrecisionFloat32)
	checkClose(t, "losses", l32, l64, torch32Tol)
	checkClose(t, "weights", w32, w64, torch32Tol)
	if d, _ := maxRel(w32, w64); d == 0 {
		t.Error("float32 and float64 weights are identical: the float32 products did not run")
	}
}

// TestPrecisionValidate: the precisions Config accepts, and the messages
// for the ones it does not.
func TestPrecisionValidate(t *testing.T) {
	for _, c := range []struct {
		prec string
		ln   bool
		want string // "" for valid
	}{
		{"", false, ""}, {PrecisionFloat64, true, ""}, {PrecisionFloat32, false, ""},
		{PrecisionFloat32, true, "lstm: precision float32 does not support layer norm: use precision float64 or turn layer norm off"},
		{"float16", false, `lstm: unknown precision "float16": use "float64" or "float32"`},
	} {
		cfg := DefaultConfig(1, 4, 1)
		cfg.Precision, cfg.LayerNorm = c.prec, c.ln
		err := cfg.Validate()
		if (err == nil) != (c.want == "") || (err != nil && err.Error() != c.want) {
			t.Errorf("precision %q layer norm %v: Validate() = %v; want %q", c.prec, c.ln, err, c.want)
		}
	}
}
