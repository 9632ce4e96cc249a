package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
)

// settingsFlags registers every setting of forecast's field table as a flag
// on fs (the field's name with dashes: -val-frac), with the defaults from
// config.DefaultSettings, and returns the struct they fill. A value that
// is not of the setting's kind, or not one of its choices, is refused while
// the flags are parsed; ranges are checked by validateFlags.
func settingsFlags(fs *flag.FlagSet) *config.Settings {
	s := config.DefaultSettings()
	for _, f := range config.Fields() {
		fs.Var(&settingFlag{s: &s, f: f}, f.Flag(), flagUsage(f))
	}
	return &s
}

// settingFlag is one setting as a flag.Value.
type settingFlag struct {
	s *config.Settings // nil in the zero value flag.PrintDefaults makes
	f config.Field
}

func (v *settingFlag) String() string {
	if v.s == nil {
		return ""
	}
	return v.f.Text(v.s)
}

func (v *settingFlag) Set(text string) error { return v.f.SetText(v.s, text) }

// IsBoolFlag lets an on/off setting be given as -layernorm alone.
func (v *settingFlag) IsBoolFlag() bool { return v.f.Kind() == config.KindBool }

// flagUsage is the field's help and what it accepts; the part in
// backquotes names the value in -h (flag.UnquoteUsage).
func flagUsage(f config.Field) string {
	switch f.Kind() {
	case config.KindBool:
		return f.Help
	case config.KindChoice:
		return f.Help + " (`" + strings.Join(f.Choices(), "|") + "`)"
	}
	name := map[config.Kind]string{config.KindInt: "int", config.KindUint: "uint", config.KindFloat: "float"}[f.Kind()]
	return f.Help + " (`" + name + "` " + f.Accepts() + ")"
}

// validateFlags turns a settings error into the one-line message the CLI
// prints, naming flags rather than fields.
func validateFlags(s *config.Settings) error {
	err := forecast.Validate(*s)
	if err == nil {
		return nil
	}
	if se, ok := err.(config.SettingsError); ok {
		msgs := make([]string, len(se))
		for i, f := range se {
			msgs[i] = "-" + strings.ReplaceAll(f.Field, "_", "-") + ": " + f.Msg
		}
		return fmt.Errorf("%s", strings.Join(msgs, "; "))
	}
	return err
}
