// Package config holds the settings of a run: every choice a person makes
// before training (data preparation, the network, the training loop and
// the stabilisers), each described once. It imports nothing of the project;
// package forecast runs what it describes.
//
// # Settings
//
// Settings holds every choice of a run. Each setting is described once, in
// the field table of fields.go (Fields, FieldByName): its name (json and,
// with dashes, the flag), label, help, Group, Kind, Range, choices and
// default, with a typed accessor of its Settings field behind Field.Text
// and Field.SetText. DefaultSettings and Validate are derived from it, and
// so are the CLI's flags (cmd/forecaster), the Settings tab's form (ui),
// experiment axes set by name (experiment.ParseAxis) and the README's
// settings table (scripts/settingsdoc; make lint fails when it is stale).
// Validate reports every invalid field at once in a SettingsError.
//
// The enumerated settings (Strategy, ScalerKind, TransformKind, AnchorKind,
// Loss, Optimizer, Schedule, ClipMode, Init) and the StopReason of a Result
// are int types with a table of names behind String, MarshalText,
// UnmarshalText and ParseX (enums.go): JSON holds the names model files and
// saved preferences have always held; parsing is exact, and an unknown name
// is an error listing the accepted ones. A Scaler keeps its kind as a
// number in model files, as it always has.
//
// # Where the rest is checked
//
// Validate checks each field and the rules between fields. The size of the
// model file the settings give is checked by forecast.Validate, which needs
// the file format.
package config
