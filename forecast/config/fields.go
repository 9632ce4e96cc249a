package config

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The field table describes every setting once: its name, label, help,
// group, kind, range, choices and default, and reaches the Settings field
// through a typed accessor. DefaultSettings, Validate, the CLI's flags, the
// Settings tab's form, experiment axes (set by name) and the README's
// settings table (scripts/settingsdoc) are all derived from it.

// Kind is what a setting holds.
type Kind int

const (
	KindInt    Kind = iota // a whole number
	KindUint               // a whole number ≥ 0 (the seed)
	KindFloat              // a number
	KindBool               // on or off
	KindChoice             // one of Field.Choices (an enum)
)

// Group is the part of the work a setting belongs to: a card of the
// Settings tab, a table of the README's reference.
type Group int

const (
	GroupData Group = iota
	GroupModel
	GroupTraining
	GroupStabilisers
)

var groups = [...]struct{ name, summary string }{
	GroupData:        {"Data", "How the series becomes training windows"},
	GroupModel:       {"Model", "The network"},
	GroupTraining:    {"Training", "The optimisation loop"},
	GroupStabilisers: {"Stabilisers", "Against vanishing and exploding gradients"},
}

func (g Group) String() string {
	if g >= 0 && int(g) < len(groups) {
		return groups[g].name
	}
	return fmt.Sprintf("Group(%d)", int(g))
}

// Summary says what the group's settings are about, e.g. "The network".
func (g Group) Summary() string {
	if g >= 0 && int(g) < len(groups) {
		return groups[g].summary
	}
	return ""
}

// Range is what a number setting accepts: Min to Max, both included unless
// AboveMin. A zero Range accepts every value of the kind.
type Range struct {
	Min, Max float64
	AboveMin bool   // Min itself is refused: the value must be above it
	Zero     string // what 0 means when it is special ("auto"); 0 is then accepted outside the range too
	Advice   string // what to use, in the out-of-range message; "Min to Max" when empty
}

func (r Range) contains(x float64) bool {
	if r == (Range{Zero: r.Zero}) {
		return true
	}
	above := x > r.Min || (!r.AboveMin && x == r.Min)
	return !math.IsNaN(x) && above && x <= r.Max
}

func (r Range) accepts(x float64) bool { return (x == 0 && r.Zero != "") || r.contains(x) }

// message is Validate's text for x (written by format) out of range.
func (r Range) message(x float64, format func(float64) string) string {
	advice := r.Advice
	if advice == "" {
		advice = format(r.Min) + " to " + format(r.Max)
	}
	return format(x) + " is out of range; use " + advice
}

// Field is one setting. Read the table with Fields or FieldByName; the
// value lives in a Settings, reached with Text and SetText (Bool and
// SetBool for a KindBool field).
type Field struct {
	Name    string // the json name (model files, preferences, SettingsError, experiment axes); the flag is Flag()
	Label   string // the Settings tab's label
	Help    string // what it does (to the gradients): the form's help line and the flag's usage
	Details string // what the README adds to Help; may be empty
	Group   Group
	Range   Range // for number kinds

	value   fieldValue
	applies func(*Settings) bool // nil: always
}

// Flag is the CLI flag's name: Name with dashes for underscores.
func (f Field) Flag() string { return strings.ReplaceAll(f.Name, "_", "-") }

// Kind is what the field holds.
func (f Field) Kind() Kind { return f.value.kind() }

// Choices lists a KindChoice field's accepted values in display order; nil
// for other kinds.
func (f Field) Choices() []string { return f.value.choices() }

// Default is the default value as text.
func (f Field) Default() string { return f.value.defaultText() }

// Text is the field's value in s as text: numbers in the shortest form
// that reads back exactly, bools as true or false, choices by name.
func (f Field) Text(s *Settings) string { return f.value.text(s) }

// SetText parses text and stores it in s. A text that is not a value of the
// field's kind (or, for a choice, not one of Choices) is an error saying so,
// and s is left alone; a number out of Range is stored, for Validate to
// report.
func (f Field) SetText(s *Settings, text string) error { return f.value.set(s, text) }

// Bool is a KindBool field's value in s. It panics for other kinds.
func (f Field) Bool(s *Settings) bool { return *f.boolValue().p(s) }

// SetBool stores v in s. It panics for fields not of KindBool.
func (f Field) SetBool(s *Settings, v bool) { *f.boolValue().p(s) = v }

func (f Field) boolValue() boolValue {
	b, ok := f.value.(boolValue)
	if !ok {
		panic("forecast: setting " + f.Name + " is not on/off")
	}
	return b
}

// Applies reports whether the field means anything with the other settings
// of s (the clip threshold does not without clipping). Validate skips a
// field that does not apply; the Settings tab disables it.
func (f Field) Applies(s *Settings) bool { return f.applies == nil || f.applies(s) }

// Accepts describes the accepted values, e.g. "1–1024", "0 or 2–2000",
// "> 0, ≤ 10" or "window, zscore, minmax".
func (f Field) Accepts() string {
	switch f.Kind() {
	case KindChoice:
		return strings.Join(f.Choices(), ", ")
	case KindBool:
		return "true, false"
	}
	r := f.Range
	if r == (Range{Zero: r.Zero}) {
		if f.Kind() == KindUint {
			return "≥ 0"
		}
		return "any"
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	text := g(r.Min) + "–" + g(r.Max)
	if r.AboveMin {
		text = "> " + g(r.Min) + ", ≤ " + g(r.Max)
	}
	if r.Zero != "" && !r.contains(0) {
		text = "0 or " + text
	}
	return text
}

// check is Validate's message for the field's value in s, or "".
func (f Field) check(s *Settings) string { return f.value.check(s, f.Range) }

// Fields returns the table, in the order of the Settings tab's form.
func Fields() []Field { return slices.Clone(fields) }

// FieldByName returns the field with the json name (e.g. "clip_max").
func FieldByName(name string) (Field, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// fields is the table. Help texts speak to the form's reader; Details add
// what the README's reference needs.
var fields = []Field{
	// Data
	{Name: "window", Label: "Window", Group: GroupData, Range: Range{Min: 2, Max: 2000, Zero: "auto"},
		Help:    "Past steps fed in (0 = auto). Longer windows mean longer backprop through time, where gradients fade.",
		Details: "Auto is max(2·season, 2·horizon, 4), capped at 256 and shortened for short series.",
		value:   intField(func(s *Settings) *int { return &s.Window }, 0)},
	{Name: "horizon", Label: "Horizon", Group: GroupData, Range: Range{Min: 1, Max: 1000},
		Help:  "Steps to forecast, and the length of the held-out test.",
		value: intField(func(s *Settings) *int { return &s.Horizon }, 12)},
	{Name: "season", Label: "Season", Group: GroupData, Range: Range{Min: 0, Max: 1000, Zero: "from the frequency"},
		Help:    "Seasonal period m (0 = from the frequency); used by baselines, MASE and seasonal differencing.",
		Details: "From the frequency: months 12, quarters 4, days 7, business days 5, hours 24, weeks 52.",
		value:   intField(func(s *Settings) *int { return &s.Season }, 0)},
	{Name: "scaler", Label: "Scaler", Group: GroupData,
		Help:    "window divides each input by its last level (trend-safe); zscore/minmax fit the training part. Well-scaled inputs keep gradients in range.",
		Details: "window uses the ratio form for positive series and makes the target the offset from an anchor forecast (see anchor), so a zero output is that forecast and the network learns the correction (ES-RNN/N-BEATS style).",
		value:   choiceField(func(s *Settings) *ScalerKind { return &s.Scaler }, ScaleWindow, ScaleWindow, ScaleZScore, ScaleMinMax)},
	{Name: "anchor", Label: "Anchor", Group: GroupData,
		Help:    "Window scaler only: the forecast the network learns to correct. auto picks naive, seasonal naive or exponential smoothing (Holt-Winters, fitted on the training part) by validation error.",
		Details: "naive is the last value, seasonal the value one season back, ets exponential smoothing (Holt-Winters, or Holt/damped/simple without a season) run from each window's origin; auto takes the lowest multi-step error on the validation windows. ets needs the direct strategy. The chosen anchor is reported with the result and saved in the model.",
		value:   choiceField(func(s *Settings) *AnchorKind { return &s.Anchor }, AnchorAuto, AnchorAuto, AnchorNaive, AnchorSeasonal, AnchorETS)},
	{Name: "transform", Label: "Transform", Group: GroupData,
		Help:    "Applied before scaling and inverted for the forecast; log needs positive values.",
		Details: "The inversion is exact.",
		value:   choiceField(func(s *Settings) *TransformKind { return &s.Transform }, TransformNone, TransformNone, TransformLog, TransformDiff, TransformSeasonalDiff)},
	{Name: "val_frac", Label: "Validation share", Group: GroupData, Range: Range{Min: 0.05, Max: 0.5},
		Help:  "Share of the training windows kept for early stopping and the intervals.",
		value: floatField(func(s *Settings) *float64 { return &s.ValFrac }, 0.2)},
	{Name: "strategy", Label: "Strategy", Group: GroupData,
		Help:  "direct predicts all H steps at once; recursive feeds one-step predictions back (errors compound).",
		value: choiceField(func(s *Settings) *Strategy { return &s.Strategy }, StrategyDirect, StrategyDirect, StrategyRecursive)},

	// Model
	{Name: "layers", Label: "Layers", Group: GroupModel, Range: Range{Min: 1, Max: 4},
		Help:  "Stacked LSTM layers; every extra layer is another path the gradient must cross.",
		value: intField(func(s *Settings) *int { return &s.Layers }, 1)},
	{Name: "hidden", Label: "Hidden units", Group: GroupModel, Range: Range{Min: 1, Max: 1024},
		Help:  "Units per layer: more capacity, more weights to fit.",
		value: intField(func(s *Settings) *int { return &s.Hidden }, 32)},
	{Name: "dropout", Label: "Dropout", Group: GroupModel, Range: Range{Min: 0, Max: 0.9},
		Help:    "Zeroes this share of activations in training: noisier gradients, less overfitting.",
		Details: "Applied between stacked layers only, so it does nothing with one layer.",
		value:   floatField(func(s *Settings) *float64 { return &s.Dropout }, 0)},
	{Name: "layernorm", Label: "Layer norm", Group: GroupModel,
		Help:    "Normalises gate pre-activations each step (Ba et al. 2016): keeps gates unsaturated and gradients steady.",
		Details: "The cell state is normalised too.",
		value:   boolField(func(s *Settings) *bool { return &s.LayerNorm }, false)},
	{Name: "loss", Label: "Loss", Group: GroupModel,
		Help:    "mse punishes large errors quadratically; mae and huber give outliers a bounded gradient.",
		Details: "Huber's δ is 1, in scaled units.",
		value:   choiceField(func(s *Settings) *Loss { return &s.Loss }, LossHuber, LossHuber, LossMSE, LossMAE)},

	{Name: "precision", Label: "Precision", Group: GroupModel,
		Help:    "float32 computes the network's matrix products in single precision: faster on large networks (hidden 128 and up), no faster at the default size.",
		Details: "The weights, the cell state and the optimiser stay float64; results move in about the fifth significant digit. Not with layer norm.",
		value:   choiceField(func(s *Settings) *Precision { return &s.Precision }, PrecisionFloat64, PrecisionFloat64, PrecisionFloat32)},

	// Training
	{Name: "epochs", Label: "Epochs", Group: GroupTraining, Range: Range{Min: 1, Max: 100000},
		Help:    "Maximum passes over the training windows.",
		Details: "An epoch is at most 50 mini-batches on long series.",
		value:   intField(func(s *Settings) *int { return &s.Epochs }, 150)},
	{Name: "batch", Label: "Batch size", Group: GroupTraining, Range: Range{Min: 1, Max: 4096},
		Help:  "Windows per step: larger batches average gradients into smoother, fewer updates.",
		value: intField(func(s *Settings) *int { return &s.Batch }, 32)},
	{Name: "optimizer", Label: "Optimiser", Group: GroupTraining,
		Help:    "adam/adamw scale each weight's step by its gradient history; sgd follows the raw gradient.",
		Details: "torch.optim's update rules; sgd with momentum 0.9, adamw with weight decay 0.01.",
		value:   choiceField(func(s *Settings) *Optimizer { return &s.Optimizer }, OptimizerAdam, OptimizerAdam, OptimizerAdamW, OptimizerSGD, OptimizerRMSprop)},
	{Name: "lr", Label: "Learning rate", Group: GroupTraining,
		Range: Range{Min: 0, Max: 10, AboveMin: true, Advice: "a positive rate up to 10 (typical: 0.001 to 0.01)"},
		Help:  "Step size along the gradient: too high explodes, too low stalls (typical 0.001–0.01).",
		value: floatField(func(s *Settings) *float64 { return &s.LR }, 0.005)},
	{Name: "schedule", Label: "Schedule", Group: GroupTraining,
		Help:    "plateau halves the rate when validation stalls; cosine decays it smoothly.",
		Details: "plateau waits 5 epochs without improvement and stops at lr/100.",
		value:   choiceField(func(s *Settings) *Schedule { return &s.Schedule }, SchedulePlateau, ScheduleConstant, SchedulePlateau, ScheduleCosine)},
	{Name: "patience", Label: "Early stopping", Group: GroupTraining, Range: Range{Min: 0, Max: 100000, Zero: "off"},
		Help:  "Stop after this many epochs without a better validation loss (0 = off); best weights restored.",
		value: intField(func(s *Settings) *int { return &s.Patience }, 20)},
	{Name: "seed", Label: "Seed", Group: GroupTraining,
		Help:  "Same seed and settings give the same weights, bit for bit.",
		value: uintField(func(s *Settings) *uint64 { return &s.Seed }, 1)},
	{Name: "ensemble", Label: "Ensemble", Group: GroupTraining, Range: Range{Min: 1, Max: 50},
		Help:    "Train this many seeds and take the median forecast.",
		Details: "The median of three networks is the default: on the bundled series (make defaults, three seeds) it lowered the LSTM's mean OWA from 0.759 to 0.745 and the recommended forecast's from 0.740 to 0.736, for about twice the training time. 1 trains one network, as fast as it gets.",
		value:   intField(func(s *Settings) *int { return &s.Ensemble }, 3)},

	// Stabilisers
	{Name: "clip", Label: "Clipping", Group: GroupStabilisers,
		Help:    "norm rescales the whole gradient above the threshold (direction kept); value clamps each component.",
		Details: "As torch.nn.utils.clip_grad_norm_ and clip_grad_value_.",
		value:   choiceField(func(s *Settings) *ClipMode { return &s.Clip }, ClipNorm, ClipNone, ClipNorm, ClipValue)},
	{Name: "clip_max", Label: "Clip threshold", Group: GroupStabilisers,
		Range:   Range{Min: 0, Max: 1e6, AboveMin: true, Advice: "a positive threshold (typical: 1 to 5)"},
		Help:    "Largest gradient norm (or component) allowed through; caps exploding steps.",
		value:   floatField(func(s *Settings) *float64 { return &s.ClipMax }, 1),
		applies: func(s *Settings) bool { return s.Clip != ClipNone }},
	{Name: "init", Label: "Input init", Group: GroupStabilisers,
		Help:    "Initialiser of input weights: Xavier/He keep activation variance steady so gradients start in range.",
		Details: "The output head is initialised the same way.",
		value: choiceField(func(s *Settings) *Init { return &s.Init }, InitXavierUniform,
			InitXavierUniform, InitXavierNormal, InitHeUniform, InitHeNormal, InitOrthogonal, InitPyTorch)},
	{Name: "recurrent_init", Label: "Recurrent init", Group: GroupStabilisers,
		Help: "Orthogonal recurrent weights preserve the gradient norm through time at the start.",
		value: choiceField(func(s *Settings) *Init { return &s.RecurrentInit }, InitOrthogonal,
			InitOrthogonal, InitXavierUniform, InitXavierNormal, InitHeUniform, InitHeNormal, InitPyTorch)},
	{Name: "forget_bias", Label: "Forget-gate bias", Group: GroupStabilisers, Range: Range{Min: -10, Max: 10},
		Help:    "Initial forget bias; 1 keeps the cell state, and its gradient, flowing through time.",
		Details: "Applied once, not once per bias vector.",
		value:   floatField(func(s *Settings) *float64 { return &s.ForgetBias }, 1)},
	{Name: "l1", Label: "L1 penalty", Group: GroupStabilisers, Range: Range{Min: 0, Max: 1},
		Help:    "Adds λ·Σ|w| to the loss: a constant pull of each weight to zero (sparsity).",
		Details: "On the weight matrices only; reported apart from the data loss.",
		value:   floatField(func(s *Settings) *float64 { return &s.L1 }, 0)},
	{Name: "l2", Label: "L2 penalty", Group: GroupStabilisers, Range: Range{Min: 0, Max: 1},
		Help:    "Adds (λ/2)·Σw² (the article's form): shrinks weights in proportion, keeping them and their gradients small.",
		Details: "On the weight matrices only; reported apart from the data loss.",
		value:   floatField(func(s *Settings) *float64 { return &s.L2 }, 0)},
}

// fieldValue is a field's typed access to its Settings field, behind the
// text form the table's users need.
type fieldValue interface {
	kind() Kind
	text(s *Settings) string
	set(s *Settings, text string) error
	reset(s *Settings) // store the default
	defaultText() string
	choices() []string
	check(s *Settings, r Range) string
}

type intValue struct {
	p   func(*Settings) *int
	def int
}

func intField(p func(*Settings) *int, def int) fieldValue { return intValue{p, def} }

func (v intValue) kind() Kind              { return KindInt }
func (v intValue) text(s *Settings) string { return strconv.Itoa(*v.p(s)) }
func (v intValue) reset(s *Settings)       { *v.p(s) = v.def }
func (v intValue) defaultText() string     { return strconv.Itoa(v.def) }
func (v intValue) choices() []string       { return nil }
func (v intValue) set(s *Settings, t string) error {
	n, err := strconv.Atoi(t)
	if err != nil {
		return fmt.Errorf("%q is not a whole number", t)
	}
	*v.p(s) = n
	return nil
}
func (v intValue) check(s *Settings, r Range) string {
	if x := *v.p(s); !r.accepts(float64(x)) {
		return r.message(float64(x), func(f float64) string { return strconv.Itoa(int(f)) })
	}
	return ""
}

type uintValue struct {
	p   func(*Settings) *uint64
	def uint64
}

func uintField(p func(*Settings) *uint64, def uint64) fieldValue { return uintValue{p, def} }

func (v uintValue) kind() Kind              { return KindUint }
func (v uintValue) text(s *Settings) string { return strconv.FormatUint(*v.p(s), 10) }
func (v uintValue) reset(s *Settings)       { *v.p(s) = v.def }
func (v uintValue) defaultText() string     { return strconv.FormatUint(v.def, 10) }
func (v uintValue) choices() []string       { return nil }
func (v uintValue) set(s *Settings, t string) error {
	n, err := strconv.ParseUint(t, 10, 64)
	if err != nil {
		return fmt.Errorf("%q is not a whole number ≥ 0", t)
	}
	*v.p(s) = n
	return nil
}
func (v uintValue) check(s *Settings, r Range) string {
	if x := float64(*v.p(s)); !r.accepts(x) {
		return r.message(x, func(f float64) string { return strconv.FormatUint(uint64(f), 10) })
	}
	return ""
}

type floatValue struct {
	p   func(*Settings) *float64
	def float64
}

func floatField(p func(*Settings) *float64, def float64) fieldValue { return floatValue{p, def} }

func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func (v floatValue) kind() Kind              { return KindFloat }
func (v floatValue) text(s *Settings) string { return formatFloat(*v.p(s)) }
func (v floatValue) reset(s *Settings)       { *v.p(s) = v.def }
func (v floatValue) defaultText() string     { return formatFloat(v.def) }
func (v floatValue) choices() []string       { return nil }
func (v floatValue) set(s *Settings, t string) error {
	x, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return fmt.Errorf("%q is not a number", t)
	}
	*v.p(s) = x
	return nil
}
func (v floatValue) check(s *Settings, r Range) string {
	if x := *v.p(s); !r.accepts(x) {
		return r.message(x, formatFloat)
	}
	return ""
}

type boolValue struct {
	p   func(*Settings) *bool
	def bool
}

func boolField(p func(*Settings) *bool, def bool) fieldValue { return boolValue{p, def} }

func (v boolValue) kind() Kind                        { return KindBool }
func (v boolValue) text(s *Settings) string           { return strconv.FormatBool(*v.p(s)) }
func (v boolValue) reset(s *Settings)                 { *v.p(s) = v.def }
func (v boolValue) defaultText() string               { return strconv.FormatBool(v.def) }
func (v boolValue) choices() []string                 { return nil }
func (v boolValue) check(s *Settings, r Range) string { return "" }
func (v boolValue) set(s *Settings, t string) error {
	b, err := strconv.ParseBool(t)
	if err != nil {
		return fmt.Errorf("%q is not true or false", t)
	}
	*v.p(s) = b
	return nil
}

// enum is what the enumerated settings have in common.
type enum interface {
	~int
	String() string
}

// choiceValue is an enum setting; allowed are its accepted values in
// display order (a setting may accept fewer values than its type has:
// the scaler has no "none").
type choiceValue[E enum, P interface {
	*E
	UnmarshalText([]byte) error
}] struct {
	p       func(*Settings) *E
	def     E
	allowed []E
}

func choiceField[E enum, P interface {
	*E
	UnmarshalText([]byte) error
}](p func(*Settings) *E, def E, allowed ...E) fieldValue {
	return choiceValue[E, P]{p, def, allowed}
}

func (v choiceValue[E, P]) kind() Kind              { return KindChoice }
func (v choiceValue[E, P]) text(s *Settings) string { return (*v.p(s)).String() }
func (v choiceValue[E, P]) reset(s *Settings)       { *v.p(s) = v.def }
func (v choiceValue[E, P]) defaultText() string     { return v.def.String() }
func (v choiceValue[E, P]) choices() []string {
	out := make([]string, len(v.allowed))
	for i, e := range v.allowed {
		out[i] = e.String()
	}
	return out
}
func (v choiceValue[E, P]) set(s *Settings, t string) error {
	var e E
	if err := P(&e).UnmarshalText([]byte(t)); err != nil || !slices.Contains(v.allowed, e) {
		return fmt.Errorf("%q is not one of %s", t, strings.Join(v.choices(), ", "))
	}
	*v.p(s) = e
	return nil
}
func (v choiceValue[E, P]) check(s *Settings, r Range) string {
	if x := *v.p(s); !slices.Contains(v.allowed, x) {
		return fmt.Sprintf("%q is not one of %s", x.String(), strings.Join(v.choices(), ", "))
	}
	return ""
}
