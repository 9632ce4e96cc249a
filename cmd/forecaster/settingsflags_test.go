package main

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
)

// TestSettingsFlags: every setting of the field table is a flag named as
// the field with dashes, defaulting to DefaultSettings; flags fill the
// settings, -layernorm alone switches it on, and a value not of the
// setting's kind is refused while parsing.
func TestSettingsFlags(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	set := settingsFlags(fs)
	if *set != config.DefaultSettings() {
		t.Errorf("before parsing: %+v; want the defaults", *set)
	}
	def := config.DefaultSettings()
	for _, f := range config.Fields() {
		fl := fs.Lookup(f.Flag())
		if fl == nil {
			t.Errorf("no flag -%s", f.Flag())
			continue
		}
		if fl.DefValue != f.Text(&def) {
			t.Errorf("-%s defaults to %q; want %q", f.Flag(), fl.DefValue, f.Text(&def))
		}
		if !strings.Contains(fl.Usage, f.Help) {
			t.Errorf("-%s's usage %q lacks the help", f.Flag(), fl.Usage)
		}
	}
	err := fs.Parse([]string{"-val-frac", "0.3", "-scaler", "zscore", "-anchor", "auto", "-layernorm", "-recurrent-init", "pytorch", "-seed", "9", "-clip-max", "2.5"})
	if err != nil {
		t.Fatal(err)
	}
	want := def
	want.ValFrac, want.Scaler, want.LayerNorm, want.RecurrentInit, want.Seed, want.ClipMax = 0.3, config.ScaleZScore, true, config.InitPyTorch, 9, 2.5
	if *set != want {
		t.Errorf("after parsing: %+v; want %+v", *set, want)
	}
	for _, args := range [][]string{{"-scaler", "robust"}, {"-hidden", "many"}, {"-layernorm=maybe"}, {"-seed", "-1"}} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		settingsFlags(fs)
		if err := fs.Parse(args); err == nil || !strings.Contains(err.Error(), "-"+strings.TrimLeft(strings.SplitN(args[0], "=", 2)[0], "-")) {
			t.Errorf("%v: %v; want an error naming the flag", args, err)
		}
	}
}

// TestValidateFlags: range errors name flags, not fields, in one line.
func TestValidateFlags(t *testing.T) {
	s := config.DefaultSettings()
	if err := validateFlags(&s); err != nil {
		t.Errorf("defaults: %v", err)
	}
	s.Hidden, s.LR, s.ValFrac = 5000, -1, 0.9
	err := validateFlags(&s)
	const want = "-val-frac: 0.9 is out of range; use 0.05 to 0.5; -hidden: 5000 is out of range; use 1 to 1024; " +
		"-lr: -1 is out of range; use a positive rate up to 10 (typical: 0.001 to 0.01)"
	if err == nil || err.Error() != want {
		t.Errorf("validateFlags = %v; want %q", err, want)
	}
}
