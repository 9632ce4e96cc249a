package config

import (
	"errors"
	"fmt"
	"strings"
)

// Settings are every choice a person makes before training: data preparation,
// the network, the training loop and the stabilisers. Each is described once,
// in the field table (fields.go): its name (the json tag, the name in model
// files and saved preferences; the CLI flag is the same with dashes), label,
// help, range, choices and default.
//
// A zero value is not useful: start from DefaultSettings.
type Settings struct {
	// Data
	Window    int           `json:"window"`    // lookback W; 0 = derive from season and horizon
	Horizon   int           `json:"horizon"`   // H steps ahead, also the holdout length
	Season    int           `json:"season"`    // seasonal period m; 0 = from the frequency
	Scaler    ScalerKind    `json:"scaler"`    // zscore | minmax | window
	Anchor    AnchorKind    `json:"anchor"`    // window scaler's anchor: auto | naive | seasonal | ets
	Transform TransformKind `json:"transform"` // none | log | diff | seasonal_diff
	ValFrac   float64       `json:"val_frac"`  // share of the pre-holdout windows used for validation
	Strategy  Strategy      `json:"strategy"`  // direct | recursive

	// Model
	Layers    int     `json:"layers"`
	Hidden    int     `json:"hidden"`
	Dropout   float64 `json:"dropout"`
	LayerNorm bool    `json:"layernorm"`
	Loss      Loss    `json:"loss"` // mse | mae | huber
	// Precision float64 is left out of JSON, so files and preferences
	// written before the setting existed read and write the same
	Precision Precision `json:"precision,omitempty"` // float64 | float32

	// Training
	Epochs    int       `json:"epochs"`
	Batch     int       `json:"batch"`
	Optimizer Optimizer `json:"optimizer"` // sgd | adam | adamw | rmsprop
	LR        float64   `json:"lr"`
	Schedule  Schedule  `json:"schedule"` // constant | plateau | cosine
	Patience  int       `json:"patience"` // early-stopping patience in epochs; 0 = off
	Seed      uint64    `json:"seed"`
	Ensemble  int       `json:"ensemble"` // number of seeds; the forecast is their median

	// Stabilisers
	Clip          ClipMode `json:"clip"` // none | norm | value
	ClipMax       float64  `json:"clip_max"`
	Init          Init     `json:"init"`           // input weights
	RecurrentInit Init     `json:"recurrent_init"` // recurrent weights
	ForgetBias    float64  `json:"forget_bias"`
	L1            float64  `json:"l1"`
	L2            float64  `json:"l2"`
}

// DefaultSettings returns the field table's defaults, chosen by
// backtesting the bundled series (see README, "Choosing the defaults").
func DefaultSettings() Settings {
	var s Settings
	for _, f := range fields {
		f.value.reset(&s)
	}
	return s
}

// FieldError says which setting is out of range and what would be accepted.
type FieldError struct {
	Field string // the json/flag name, e.g. "hidden"
	Msg   string // what is wrong and what to use instead
}

func (e *FieldError) Error() string { return "forecast: setting " + e.Field + ": " + e.Msg }

// SettingsError collects every invalid setting at once, so a form can flag
// them all.
type SettingsError []*FieldError

func (e SettingsError) Error() string {
	msgs := make([]string, len(e))
	for i, f := range e {
		msgs[i] = f.Field + ": " + f.Msg
	}
	return "forecast: invalid settings: " + strings.Join(msgs, "; ")
}

// Field returns the error for one field, or nil.
func (e SettingsError) Field(name string) *FieldError {
	for _, f := range e {
		if f.Field == name {
			return f
		}
	}
	return nil
}

// Validate checks every setting and returns a SettingsError listing each one
// that is out of range, or nil: first each field against its range or
// choices, in the table's order (a field that does not apply, such as the
// clip threshold without clipping, is not checked), then the rules that
// join fields.
func (s Settings) Validate() error {
	var errs SettingsError
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	for _, f := range fields {
		if !f.Applies(&s) {
			continue
		}
		if msg := f.check(&s); msg != "" {
			bad(f.Name, "%s", msg)
		}
	}
	if s.Precision == PrecisionFloat32 && s.LayerNorm {
		bad("precision", "float32 does not support layer norm; use float64 or turn layernorm off")
	}
	if s.Transform == TransformSeasonalDiff && s.Season == 1 {
		bad("transform", "seasonal_diff needs a season above 1; set season or use diff")
	}
	switch {
	case s.Anchor == AnchorAuto || errs.Field("anchor") != nil:
	case s.Scaler != ScaleWindow:
		bad("anchor", "%s applies to the window scaler only (the %s scaler has no anchor); use auto", s.Anchor, s.Scaler)
	case s.Anchor == AnchorETS && s.Strategy == StrategyRecursive:
		bad("anchor", "%s", ErrETSRecursive.Error())
	case s.Anchor == AnchorSeasonal && s.Season == 1:
		bad("anchor", "seasonal needs a season above 1; set season or use auto")
	}

	if errs == nil {
		return nil
	}
	return errs
}

// ErrETSRecursive is the recursive strategy's refusal of the ETS anchor.
var ErrETSRecursive = errors.New("ets needs the direct strategy: the recursive strategy would have to run the filter over its own predictions; use auto, naive or seasonal")
