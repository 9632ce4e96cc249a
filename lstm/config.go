package lstm

import (
	"errors"
	"fmt"
	"math"
)

// Init names a weight initialiser.
type Init string

// Initialisers. Fan-in and fan-out are those of the whole parameter matrix
// as torch.nn.init computes them (weight_ih_l0 is 4H×I: fan_in I, fan_out 4H),
// except Orthogonal, which makes every gate block (H×I or H×H) orthogonal.
const (
	InitPyTorch       Init = "pytorch"        // U(−1/√H, 1/√H), nn.LSTM's default
	InitXavierUniform Init = "xavier_uniform" // U(−a, a), a = √(6/(fan_in+fan_out))
	InitXavierNormal  Init = "xavier_normal"  // N(0, 2/(fan_in+fan_out))
	InitHeUniform     Init = "he_uniform"     // U(−a, a), a = √(6/fan_in)
	InitHeNormal      Init = "he_normal"      // N(0, 2/fan_in)
	InitOrthogonal    Init = "orthogonal"     // (semi-)orthogonal gate blocks, gain 1
)

// Loss names a data loss. All are means over the B×O outputs, like
// PyTorch's default reduction "mean".
type Loss string

// Losses.
const (
	LossMSE   Loss = "mse"   // mean (ŷ−y)²
	LossMAE   Loss = "mae"   // mean |ŷ−y|
	LossHuber Loss = "huber" // mean ½d² if |d|<δ else δ(|d|−½δ), as torch.nn.HuberLoss
)

// Size limits enforced by Validate (and so by New and Load).
const (
	MaxInputSize  = 256
	MaxHiddenSize = 1024
	MaxLayers     = 4
	MaxOutputSize = 1024
)

// Config describes a network and its loss. The zero value is not valid;
// start from DefaultConfig.
type Config struct {
	InputSize  int `json:"input_size"`  // I ≥ 1, features per time step
	HiddenSize int `json:"hidden_size"` // H, 1..1024
	Layers     int `json:"layers"`      // L, 1..4
	OutputSize int `json:"output_size"` // O, 1..1024, outputs of the dense head

	// Dropout is the probability of zeroing an element of a layer's output
	// before it enters the next layer (training only, inverted scaling,
	// never after the last layer), as nn.LSTM's dropout argument.
	Dropout float64 `json:"dropout"`

	// LayerNorm switches on LayerNorm-LSTM (Ba et al. 2016).
	LayerNorm bool `json:"layer_norm"`

	InputInit     Init `json:"input_init"`     // weight_ih_l{k} and head.weight
	RecurrentInit Init `json:"recurrent_init"` // weight_hh_l{k}

	// ForgetBias is the initial total bias of the forget gate. It is put in
	// the f block of bias_ih_l{k}; the f block of bias_hh_l{k} starts at 0,
	// so the sum is ForgetBias (applied once, not once per bias vector).
	ForgetBias float64 `json:"forget_bias"`

	Loss       Loss    `json:"loss"`
	HuberDelta float64 `json:"huber_delta"` // δ > 0, used by LossHuber

	// L1 and L2 are the penalty strengths of the seed article's §3.2:
	// penalty = L1·Σ|w| + (L2/2)·Σw², summed over the weight matrices only
	// (weight_ih, weight_hh, head.weight), not biases or layer-norm gains.
	L1 float64 `json:"l1"`
	L2 float64 `json:"l2"`

	// Seed seeds initialisation (and, in a Trainer, dropout).
	Seed uint64 `json:"seed"`

	// Precision is PrecisionFloat64 (or "", the same) or PrecisionFloat32:
	// see the package documentation, "Precision". Not with LayerNorm.
	Precision string `json:"precision,omitempty"`
}

// Precisions of Config.Precision.
const (
	PrecisionFloat64 = "float64" // everything in float64
	PrecisionFloat32 = "float32" // matrix products in float32
)

// float32 reports whether the matrix products run in float32.
func (c Config) float32() bool { return c.Precision == PrecisionFloat32 }

// DefaultConfig returns a one-layer network of the given sizes with PyTorch
// initialisation, forget bias 1, MSE loss and no penalties.
func DefaultConfig(input, hidden, output int) Config {
	return Config{
		InputSize:     input,
		HiddenSize:    hidden,
		Layers:        1,
		OutputSize:    output,
		InputInit:     InitPyTorch,
		RecurrentInit: InitPyTorch,
		ForgetBias:    1,
		Loss:          LossMSE,
		HuberDelta:    1,
		Seed:          1,
	}
}

func validInit(i Init) bool {
	switch i {
	case InitPyTorch, InitXavierUniform, InitXavierNormal, InitHeUniform, InitHeNormal, InitOrthogonal:
		return true
	}
	return false
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Validate reports whether c describes a network this package can build.
func (c Config) Validate() error {
	var errs []error
	if c.InputSize < 1 || c.InputSize > MaxInputSize {
		errs = append(errs, fmt.Errorf("lstm: input size %d outside 1..%d", c.InputSize, MaxInputSize))
	}
	if c.HiddenSize < 1 || c.HiddenSize > MaxHiddenSize {
		errs = append(errs, fmt.Errorf("lstm: hidden size %d outside 1..%d", c.HiddenSize, MaxHiddenSize))
	}
	if c.Layers < 1 || c.Layers > MaxLayers {
		errs = append(errs, fmt.Errorf("lstm: layers %d outside 1..%d", c.Layers, MaxLayers))
	}
	if c.OutputSize < 1 || c.OutputSize > MaxOutputSize {
		errs = append(errs, fmt.Errorf("lstm: output size %d outside 1..%d", c.OutputSize, MaxOutputSize))
	}
	if !(c.Dropout >= 0 && c.Dropout < 1) {
		errs = append(errs, fmt.Errorf("lstm: dropout %v outside [0, 1)", c.Dropout))
	}
	if !validInit(c.InputInit) {
		errs = append(errs, fmt.Errorf("lstm: unknown input initialiser %q", c.InputInit))
	}
	if !validInit(c.RecurrentInit) {
		errs = append(errs, fmt.Errorf("lstm: unknown recurrent initialiser %q", c.RecurrentInit))
	}
	if !finite(c.ForgetBias) || math.Abs(c.ForgetBias) > 100 {
		errs = append(errs, fmt.Errorf("lstm: forget bias %v outside [-100, 100]", c.ForgetBias))
	}
	switch c.Loss {
	case LossMSE, LossMAE:
	case LossHuber:
		if !(c.HuberDelta > 0) || !finite(c.HuberDelta) {
			errs = append(errs, fmt.Errorf("lstm: huber delta %v must be positive and finite", c.HuberDelta))
		}
	default:
		errs = append(errs, fmt.Errorf("lstm: unknown loss %q", c.Loss))
	}
	if !(c.L1 >= 0) || !finite(c.L1) {
		errs = append(errs, fmt.Errorf("lstm: L1 %v must be non-negative and finite", c.L1))
	}
	if !(c.L2 >= 0) || !finite(c.L2) {
		errs = append(errs, fmt.Errorf("lstm: L2 %v must be non-negative and finite", c.L2))
	}
	switch c.Precision {
	case "", PrecisionFloat64:
	case PrecisionFloat32:
		if c.LayerNorm {
			errs = append(errs, errors.New("lstm: precision float32 does not support layer norm: use precision float64 or turn layer norm off"))
		}
	default:
		errs = append(errs, fmt.Errorf("lstm: unknown precision %q: use %q or %q", c.Precision, PrecisionFloat64, PrecisionFloat32))
	}
	return errors.Join(errs...)
}
