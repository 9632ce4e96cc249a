package config

import (
	"fmt"
	"reflect"
	"strings"
)

// The enumerated settings and the stop reason are int types, in the manner
// of gonum/optimize's Status: a switch over one is checked by the compiler
// and a typo does not compile. Each has a table of names behind String,
// MarshalText and UnmarshalText, so JSON (model files, saved preferences,
// the CLI's -json output) carries the same strings as before the types
// existed, and a Parse function whose error lists the accepted names.
//
// Init, Loss, Optimizer and ClipMode use the lstm package's names for the
// same things; netConfig and trainNet hand String() to lstm.

// enumNames is an enum's table: names[v] is the text of value v.
type enumNames[E ~int] struct {
	what  string // what a value is, for messages: "clip mode"
	names []string
}

func (t *enumNames[E]) valid(v E) bool { return v >= 0 && int(v) < len(t.names) }

func (t *enumNames[E]) String(v E) string {
	if t.valid(v) {
		return t.names[v]
	}
	return fmt.Sprintf("%s(%d)", reflect.TypeFor[E]().Name(), int(v))
}

func (t *enumNames[E]) marshal(v E) ([]byte, error) {
	if !t.valid(v) {
		return nil, fmt.Errorf("forecast: invalid %s %d", t.what, int(v))
	}
	return []byte(t.names[v]), nil
}

// parse returns the value named s (exactly: no case folding, no aliases).
func (t *enumNames[E]) parse(s string) (E, error) {
	for i, n := range t.names {
		if n == s {
			return E(i), nil
		}
	}
	return 0, fmt.Errorf("forecast: unknown %s %q (want %s)", t.what, s, orList(t.names))
}

// values lists every value in order.
func (t *enumNames[E]) values() []E {
	out := make([]E, len(t.names))
	for i := range out {
		out[i] = E(i)
	}
	return out
}

// orList writes "a, b or c".
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		if q[i] = n; n == "" {
			q[i] = `""`
		}
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// Strategy is how the network forecasts H steps.
type Strategy int

const (
	StrategyDirect    Strategy = iota // all H steps at once
	StrategyRecursive                 // one step at a time, fed back its own predictions
)

var strategyNames = enumNames[Strategy]{"strategy", []string{"direct", "recursive"}}

func (v Strategy) String() string                { return strategyNames.String(v) }
func (v Strategy) MarshalText() ([]byte, error)  { return strategyNames.marshal(v) }
func (v *Strategy) UnmarshalText(b []byte) error { return unmarshal(v, ParseStrategy, b) }

// ParseStrategy parses "direct" or "recursive".
func ParseStrategy(s string) (Strategy, error) { return strategyNames.parse(s) }

// ScalerKind selects how values are scaled for the network. The numbers are
// those of model files (a Scaler's "kind"); the setting is one of zscore,
// minmax and window.
type ScalerKind int

const (
	ScaleNone   ScalerKind = iota
	ScaleZScore            // (x − mean) / std of the training part
	ScaleMinMax            // (x − min) / (max − min) of the training part: train maps to [0, 1]
	ScaleWindow            // each window by its own last level (ES-RNN / N-BEATS style), see Scaler
)

var scalerNames = enumNames[ScalerKind]{"scaler", []string{"none", "zscore", "minmax", "window"}}

func (k ScalerKind) String() string                { return scalerNames.String(k) }
func (k ScalerKind) MarshalText() ([]byte, error)  { return scalerNames.marshal(k) }
func (k *ScalerKind) UnmarshalText(b []byte) error { return unmarshal(k, ParseScaler, b) }

// ParseScaler parses "none", "zscore", "minmax" or "window".
func ParseScaler(s string) (ScalerKind, error) { return scalerNames.parse(s) }

// Valid reports whether k is one of the scaler kinds (a model file stores
// the kind as a number).
func (k ScalerKind) Valid() bool { return scalerNames.valid(k) }

// TransformKind is a variance- or trend-removing transform applied before
// scaling.
type TransformKind int

const (
	TransformNone         TransformKind = iota
	TransformLog                        // y' = ln y; needs every value > 0
	TransformDiff                       // y'[t] = y[t] − y[t−1]
	TransformSeasonalDiff               // y'[t] = y[t] − y[t−m]
)

var transformNames = enumNames[TransformKind]{"transform", []string{"none", "log", "diff", "seasonal_diff"}}

func (k TransformKind) String() string                { return transformNames.String(k) }
func (k TransformKind) MarshalText() ([]byte, error)  { return transformNames.marshal(k) }
func (k *TransformKind) UnmarshalText(b []byte) error { return unmarshal(k, ParseTransform, b) }

// ParseTransform parses "none", "log", "diff" or "seasonal_diff".
func ParseTransform(s string) (TransformKind, error) { return transformNames.parse(s) }

// AnchorKind is the window scaler's anchor setting (Settings.Anchor): what
// its targets are offsets from. The zero value is AnchorAuto, which is also
// what a model file or saved preferences written before the setting existed
// mean.
type AnchorKind int

const (
	AnchorAuto     AnchorKind = iota // the best of the three below on the validation windows
	AnchorNaive                      // the last value
	AnchorSeasonal                   // the value one season back
	AnchorETS                        // exponential smoothing (Holt-Winters) fitted on the training part
)

var anchorNames = enumNames[AnchorKind]{"anchor", []string{"auto", "naive", "seasonal", "ets"}}

func (k AnchorKind) String() string                { return anchorNames.String(k) }
func (k AnchorKind) MarshalText() ([]byte, error)  { return anchorNames.marshal(k) }
func (k *AnchorKind) UnmarshalText(b []byte) error { return unmarshal(k, ParseAnchor, b) }

// ParseAnchor parses "auto", "naive", "seasonal" or "ets".
func ParseAnchor(s string) (AnchorKind, error) { return anchorNames.parse(s) }

// Loss is the data loss (lstm.Loss by the same name).
type Loss int

const (
	LossHuber Loss = iota // ½d² below δ = 1, linear above (scaled units)
	LossMSE
	LossMAE
)

var lossNames = enumNames[Loss]{"loss", []string{"huber", "mse", "mae"}}

func (l Loss) String() string                { return lossNames.String(l) }
func (l Loss) MarshalText() ([]byte, error)  { return lossNames.marshal(l) }
func (l *Loss) UnmarshalText(b []byte) error { return unmarshal(l, ParseLoss, b) }

// ParseLoss parses "huber", "mse" or "mae".
func ParseLoss(s string) (Loss, error) { return lossNames.parse(s) }

// Precision is the arithmetic of the network's matrix products
// (lstm.Config.Precision by the same name).
type Precision int

const (
	PrecisionFloat64 Precision = iota // everything in float64
	PrecisionFloat32                  // matrix products in float32
)

var precisionNames = enumNames[Precision]{"precision", []string{"float64", "float32"}}

func (v Precision) String() string                { return precisionNames.String(v) }
func (v Precision) MarshalText() ([]byte, error)  { return precisionNames.marshal(v) }
func (v *Precision) UnmarshalText(b []byte) error { return unmarshal(v, ParsePrecision, b) }

// ParsePrecision parses "float64" or "float32".
func ParsePrecision(s string) (Precision, error) { return precisionNames.parse(s) }

// Optimizer is the optimiser (lstm.OptimConfig.Kind by the same name).
type Optimizer int

const (
	OptimizerAdam    Optimizer = iota
	OptimizerAdamW             // with decoupled weight decay 0.01
	OptimizerSGD               // with momentum 0.9
	OptimizerRMSprop           //
)

var optimizerNames = enumNames[Optimizer]{"optimizer", []string{"adam", "adamw", "sgd", "rmsprop"}}

func (o Optimizer) String() string                { return optimizerNames.String(o) }
func (o Optimizer) MarshalText() ([]byte, error)  { return optimizerNames.marshal(o) }
func (o *Optimizer) UnmarshalText(b []byte) error { return unmarshal(o, ParseOptimizer, b) }

// ParseOptimizer parses "adam", "adamw", "sgd" or "rmsprop".
func ParseOptimizer(s string) (Optimizer, error) { return optimizerNames.parse(s) }

// Schedule is the learning-rate schedule.
type Schedule int

const (
	ScheduleConstant Schedule = iota
	SchedulePlateau           // halve after plateauWait epochs without improvement, down to lr/100
	ScheduleCosine            // cosine decay from lr to 0 over the epochs
)

var scheduleNames = enumNames[Schedule]{"schedule", []string{"constant", "plateau", "cosine"}}

func (s Schedule) String() string                { return scheduleNames.String(s) }
func (s Schedule) MarshalText() ([]byte, error)  { return scheduleNames.marshal(s) }
func (s *Schedule) UnmarshalText(b []byte) error { return unmarshal(s, ParseSchedule, b) }

// ParseSchedule parses "constant", "plateau" or "cosine".
func ParseSchedule(s string) (Schedule, error) { return scheduleNames.parse(s) }

// ClipMode is gradient clipping (lstm.ClipConfig.Mode by the same name).
type ClipMode int

const (
	ClipNone  ClipMode = iota
	ClipNorm           // rescale the whole gradient to global L2 norm ≤ ClipMax
	ClipValue          // clamp each component to [−ClipMax, ClipMax]
)

var clipNames = enumNames[ClipMode]{"clip mode", []string{"none", "norm", "value"}}

func (c ClipMode) String() string                { return clipNames.String(c) }
func (c ClipMode) MarshalText() ([]byte, error)  { return clipNames.marshal(c) }
func (c *ClipMode) UnmarshalText(b []byte) error { return unmarshal(c, ParseClipMode, b) }

// ParseClipMode parses "none", "norm" or "value".
func ParseClipMode(s string) (ClipMode, error) { return clipNames.parse(s) }

// Init is a weight initialiser (lstm.Init by the same name).
type Init int

const (
	InitXavierUniform Init = iota
	InitXavierNormal
	InitHeUniform
	InitHeNormal
	InitOrthogonal
	InitPyTorch // U(−1/√H, 1/√H), nn.LSTM's default
)

var initNames = enumNames[Init]{"initialiser", []string{"xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "orthogonal", "pytorch"}}

func (i Init) String() string                { return initNames.String(i) }
func (i Init) MarshalText() ([]byte, error)  { return initNames.marshal(i) }
func (i *Init) UnmarshalText(b []byte) error { return unmarshal(i, ParseInit, b) }

// ParseInit parses an initialiser's name: "xavier_uniform", "xavier_normal",
// "he_uniform", "he_normal", "orthogonal" or "pytorch".
func ParseInit(s string) (Init, error) { return initNames.parse(s) }

// StopReason is why training ended (Result.StopReason). The zero value,
// StopNone, is the text "": no training has ended (or it failed).
type StopReason int

const (
	StopNone      StopReason = iota // ""
	StopCompleted                   // "completed": ran every epoch
	StopEarly                       // "early_stop": validation loss stopped improving
	StopCanceled                    // "cancelled": the context was cancelled
	StopDiverged                    // "diverged": loss became non-finite; last good weights kept
)

var stopNames = enumNames[StopReason]{"stop reason", []string{"", "completed", "early_stop", "cancelled", "diverged"}}

func (r StopReason) String() string                { return stopNames.String(r) }
func (r StopReason) MarshalText() ([]byte, error)  { return stopNames.marshal(r) }
func (r *StopReason) UnmarshalText(b []byte) error { return unmarshal(r, ParseStopReason, b) }

// ParseStopReason parses "", "completed", "early_stop", "cancelled" or
// "diverged".
func ParseStopReason(s string) (StopReason, error) { return stopNames.parse(s) }

// unmarshal is every enum's UnmarshalText: v is left alone on an error.
func unmarshal[E any](v *E, parse func(string) (E, error), b []byte) error {
	e, err := parse(string(b))
	if err != nil {
		return err
	}
	*v = e
	return nil
}
