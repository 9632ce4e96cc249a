package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
)

// settingsFlags registers the GUI's settings as flags on fs, with the
// defaults from forecast.DefaultSettings, and returns the struct they fill.
func settingsFlags(fs *flag.FlagSet) *forecast.Settings {
	s := forecast.DefaultSettings()
	choices := func(name string) string { return strings.Join(forecast.Choices[name], "|") }

	fs.IntVar(&s.Horizon, "horizon", s.Horizon, "steps to forecast `H` (also the holdout length)")
	fs.IntVar(&s.Window, "window", s.Window, "lookback window `W`; 0 derives it from the season and horizon")
	fs.IntVar(&s.Season, "season", s.Season, "seasonal period `M`; 0 takes it from the frequency")
	fs.StringVar(&s.Scaler, "scaler", s.Scaler, choices("scaler"))
	fs.StringVar(&s.Anchor, "anchor", s.Anchor, "window scaler: the forecast the network corrects: "+choices("anchor"))
	fs.StringVar(&s.Transform, "transform", s.Transform, choices("transform"))
	fs.Float64Var(&s.ValFrac, "val-frac", s.ValFrac, "share of the training windows used for validation")
	fs.StringVar(&s.Strategy, "strategy", s.Strategy, choices("strategy"))

	fs.IntVar(&s.Layers, "layers", s.Layers, "stacked LSTM layers (1-4)")
	fs.IntVar(&s.Hidden, "hidden", s.Hidden, "hidden units per layer (1-1024)")
	fs.Float64Var(&s.Dropout, "dropout", s.Dropout, "dropout between layers (0-0.9)")
	fs.BoolVar(&s.LayerNorm, "layernorm", s.LayerNorm, "layer normalisation of gates and cell state")
	fs.StringVar(&s.Loss, "loss", s.Loss, choices("loss"))

	fs.IntVar(&s.Epochs, "epochs", s.Epochs, "maximum epochs")
	fs.IntVar(&s.Batch, "batch", s.Batch, "mini-batch size")
	fs.StringVar(&s.Optimizer, "optimizer", s.Optimizer, choices("optimizer"))
	fs.Float64Var(&s.LR, "lr", s.LR, "learning rate")
	fs.StringVar(&s.Schedule, "schedule", s.Schedule, choices("schedule"))
	fs.IntVar(&s.Patience, "patience", s.Patience, "early-stopping patience in epochs (0 = off)")
	fs.Uint64Var(&s.Seed, "seed", s.Seed, "random seed")
	fs.IntVar(&s.Ensemble, "ensemble", s.Ensemble, "number of seeds; the forecast is their median")

	fs.StringVar(&s.Clip, "clip", s.Clip, choices("clip"))
	fs.Float64Var(&s.ClipMax, "clip-max", s.ClipMax, "clipping threshold (norm or value)")
	fs.StringVar(&s.Init, "init", s.Init, "input-weight initialiser: "+choices("init"))
	fs.StringVar(&s.RecurrentInit, "recurrent-init", s.RecurrentInit, "recurrent-weight initialiser: "+choices("recurrent_init"))
	fs.Float64Var(&s.ForgetBias, "forget-bias", s.ForgetBias, "initial forget-gate bias")
	fs.Float64Var(&s.L1, "l1", s.L1, "L1 penalty λ")
	fs.Float64Var(&s.L2, "l2", s.L2, "L2 penalty λ")
	return &s
}

// validateFlags turns a settings error into the one-line message the CLI
// prints, naming flags rather than fields.
func validateFlags(s *forecast.Settings) error {
	err := s.Validate()
	if err == nil {
		return nil
	}
	if se, ok := err.(forecast.SettingsError); ok {
		msgs := make([]string, len(se))
		for i, f := range se {
			msgs[i] = "-" + strings.ReplaceAll(f.Field, "_", "-") + ": " + f.Msg
		}
		return fmt.Errorf("%s", strings.Join(msgs, "; "))
	}
	return err
}
