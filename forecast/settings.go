package forecast

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Settings are every choice a person makes before training: data preparation,
// the network, the training loop and the stabilisers. Field names match the
// CLI flags and the GUI's labels; the json tags are the names in model files
// and saved preferences.
//
// A zero value is not useful: start from DefaultSettings.
type Settings struct {
	// Data
	Window    int     `json:"window"`    // lookback W; 0 = derive from season and horizon
	Horizon   int     `json:"horizon"`   // H steps ahead, also the holdout length
	Season    int     `json:"season"`    // seasonal period m; 0 = from the frequency
	Scaler    string  `json:"scaler"`    // zscore | minmax | window
	Anchor    string  `json:"anchor"`    // window scaler's anchor: auto | naive | seasonal | ets
	Transform string  `json:"transform"` // none | log | diff | seasonal_diff
	ValFrac   float64 `json:"val_frac"`  // share of the pre-holdout windows used for validation
	Strategy  string  `json:"strategy"`  // direct | recursive

	// Model
	Layers    int     `json:"layers"`
	Hidden    int     `json:"hidden"`
	Dropout   float64 `json:"dropout"`
	LayerNorm bool    `json:"layernorm"`
	Loss      string  `json:"loss"` // mse | mae | huber

	// Training
	Epochs    int     `json:"epochs"`
	Batch     int     `json:"batch"`
	Optimizer string  `json:"optimizer"` // sgd | adam | adamw | rmsprop
	LR        float64 `json:"lr"`
	Schedule  string  `json:"schedule"` // constant | plateau | cosine
	Patience  int     `json:"patience"` // early-stopping patience in epochs; 0 = off
	Seed      uint64  `json:"seed"`
	Ensemble  int     `json:"ensemble"` // number of seeds; the forecast is their median

	// Stabilisers
	Clip          string  `json:"clip"` // none | norm | value
	ClipMax       float64 `json:"clip_max"`
	Init          string  `json:"init"`           // input weights
	RecurrentInit string  `json:"recurrent_init"` // recurrent weights
	ForgetBias    float64 `json:"forget_bias"`
	L1            float64 `json:"l1"`
	L2            float64 `json:"l2"`
}

// DefaultSettings returns settings chosen by backtesting the bundled series
// (see README, "Choosing the defaults").
func DefaultSettings() Settings {
	return Settings{
		Window:        0,
		Horizon:       12,
		Season:        0,
		Scaler:        "window",
		Anchor:        AnchorAuto,
		Transform:     "none",
		ValFrac:       0.2,
		Strategy:      "direct",
		Layers:        1,
		Hidden:        32,
		Dropout:       0,
		LayerNorm:     false,
		Loss:          "huber",
		Epochs:        150,
		Batch:         32,
		Optimizer:     "adam",
		LR:            0.005,
		Schedule:      "plateau",
		Patience:      20,
		Seed:          1,
		Ensemble:      1,
		Clip:          "norm",
		ClipMax:       1,
		Init:          "xavier_uniform",
		RecurrentInit: "orthogonal",
		ForgetBias:    1,
		L1:            0,
		L2:            0,
	}
}

// Choices lists the allowed values of each string setting, in display order.
var Choices = map[string][]string{
	"scaler":         {"window", "zscore", "minmax"},
	"anchor":         {AnchorAuto, AnchorNaive, AnchorSeasonal, AnchorETS},
	"transform":      {"none", "log", "diff", "seasonal_diff"},
	"strategy":       {"direct", "recursive"},
	"loss":           {"huber", "mse", "mae"},
	"optimizer":      {"adam", "adamw", "sgd", "rmsprop"},
	"schedule":       {"constant", "plateau", "cosine"},
	"clip":           {"none", "norm", "value"},
	"init":           {"xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "orthogonal", "pytorch"},
	"recurrent_init": {"orthogonal", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "pytorch"},
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
// that is out of range, or nil.
func (s Settings) Validate() error {
	var errs SettingsError
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	intRange := func(field string, v, lo, hi int) {
		if v < lo || v > hi {
			bad(field, "%d is out of range; use %d to %d", v, lo, hi)
		}
	}
	floatRange := func(field string, v, lo, hi float64) {
		if math.IsNaN(v) || v < lo || v > hi {
			bad(field, "%g is out of range; use %g to %g", v, lo, hi)
		}
	}
	choice := func(field, v string) {
		for _, c := range Choices[field] {
			if v == c {
				return
			}
		}
		bad(field, "%q is not one of %s", v, strings.Join(Choices[field], ", "))
	}

	if s.Window != 0 {
		intRange("window", s.Window, 2, 2000)
	}
	intRange("horizon", s.Horizon, 1, 1000)
	intRange("season", s.Season, 0, 1000)
	choice("scaler", s.Scaler)
	choice("anchor", s.Anchor)
	choice("transform", s.Transform)
	floatRange("val_frac", s.ValFrac, 0.05, 0.5)
	choice("strategy", s.Strategy)
	intRange("layers", s.Layers, 1, 4)
	intRange("hidden", s.Hidden, 1, 1024)
	floatRange("dropout", s.Dropout, 0, 0.9)
	choice("loss", s.Loss)
	intRange("epochs", s.Epochs, 1, 100000)
	intRange("batch", s.Batch, 1, 4096)
	choice("optimizer", s.Optimizer)
	if math.IsNaN(s.LR) || s.LR <= 0 || s.LR > 10 {
		bad("lr", "%g is out of range; use a positive rate up to 10 (typical: 0.001 to 0.01)", s.LR)
	}
	choice("schedule", s.Schedule)
	intRange("patience", s.Patience, 0, 100000)
	intRange("ensemble", s.Ensemble, 1, 50)
	choice("clip", s.Clip)
	if s.Clip != "none" && (math.IsNaN(s.ClipMax) || s.ClipMax <= 0 || s.ClipMax > 1e6) {
		bad("clip_max", "%g is out of range; use a positive threshold (typical: 1 to 5)", s.ClipMax)
	}
	choice("init", s.Init)
	choice("recurrent_init", s.RecurrentInit)
	floatRange("forget_bias", s.ForgetBias, -10, 10)
	floatRange("l1", s.L1, 0, 1)
	floatRange("l2", s.L2, 0, 1)
	if s.Transform == "seasonal_diff" && s.Season == 1 {
		bad("transform", "seasonal_diff needs a season above 1; set season or use diff")
	}
	switch {
	case s.Anchor == AnchorAuto || errs.Field("anchor") != nil:
	case s.Scaler != "window":
		bad("anchor", "%s applies to the window scaler only (the %s scaler has no anchor); use auto", s.Anchor, s.Scaler)
	case s.Anchor == AnchorETS && s.Strategy == "recursive":
		bad("anchor", "%s", errETSRecursive.Error())
	case s.Anchor == AnchorSeasonal && s.Season == 1:
		bad("anchor", "seasonal needs a season above 1; set season or use auto")
	}
	if errs == nil {
		return nil
	}
	return errs
}

// ErrCanceled is returned by Train when its context is cancelled before the
// first epoch completed; after that Train returns the best model so far.
var ErrCanceled = errors.New("forecast: training cancelled")
