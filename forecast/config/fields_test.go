package config

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// jsonField returns the Settings field whose json tag is name.
func jsonField(t *testing.T, s *Settings, name string) reflect.Value {
	t.Helper()
	v := reflect.ValueOf(s).Elem()
	for i := range v.NumField() {
		if jsonName(v.Type().Field(i)) == name {
			return v.Field(i)
		}
	}
	t.Fatalf("Settings has no field with json name %q", name)
	return reflect.Value{}
}

// otherText is a valid value of f other than its default.
func otherText(t *testing.T, f Field) string {
	t.Helper()
	d := f.Default()
	switch f.Kind() {
	case KindChoice:
		for _, c := range f.Choices() {
			if c != d {
				return c
			}
		}
	case KindBool:
		b, _ := strconv.ParseBool(d)
		return strconv.FormatBool(!b)
	case KindFloat:
		x, _ := strconv.ParseFloat(d, 64)
		return formatFloat(x + 0.125)
	default:
		n, _ := strconv.Atoi(d)
		return strconv.Itoa(n + 1)
	}
	t.Fatalf("%s: no value other than the default %q", f.Name, d)
	return ""
}

// jsonName is the name in a struct field's json tag, without options
// such as omitempty.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// TestFieldsCoverSettings: each field of the table reaches exactly one
// Settings field, the one whose json tag is its name, and every Settings
// field is reached by exactly one table field.
func TestFieldsCoverSettings(t *testing.T) {
	st := reflect.TypeFor[Settings]()
	covered := map[string]string{} // json name → table field
	for _, f := range Fields() {
		if f.Name == "" || f.Label == "" || f.Help == "" {
			t.Errorf("field %+v lacks a name, label or help", f)
		}
		before := DefaultSettings()
		after := before
		if err := f.SetText(&after, otherText(t, f)); err != nil {
			t.Fatalf("%s: SetText: %v", f.Name, err)
		}
		bv, av := reflect.ValueOf(before), reflect.ValueOf(after)
		var changed []string
		for i := range st.NumField() {
			if !reflect.DeepEqual(bv.Field(i).Interface(), av.Field(i).Interface()) {
				changed = append(changed, jsonName(st.Field(i)))
			}
		}
		if len(changed) != 1 || changed[0] != f.Name {
			t.Errorf("setting %s changed the Settings fields %v; want only %q", f.Name, changed, f.Name)
			continue
		}
		if prev, dup := covered[f.Name]; dup {
			t.Errorf("Settings.%s is in the table twice (%s)", f.Name, prev)
		}
		covered[f.Name] = f.Label
	}
	for i := range st.NumField() {
		if name := jsonName(st.Field(i)); covered[name] == "" {
			t.Errorf("Settings.%s (json %q) is not in the field table", st.Field(i).Name, name)
		}
	}
}

// TestFieldDefaults: every field's default is DefaultSettings' value, and
// the defaults are valid and accepted by their own fields.
func TestFieldDefaults(t *testing.T) {
	def := DefaultSettings()
	for _, f := range Fields() {
		var s Settings
		if err := f.SetText(&s, f.Default()); err != nil {
			t.Errorf("%s: the default %q does not parse: %v", f.Name, f.Default(), err)
			continue
		}
		got, want := jsonField(t, &s, f.Name).Interface(), jsonField(t, &def, f.Name).Interface()
		if got != want {
			t.Errorf("%s: default %q gives %v; DefaultSettings has %v", f.Name, f.Default(), got, want)
		}
		if f.Text(&def) != f.Default() {
			t.Errorf("%s: Text(DefaultSettings()) = %q; want the default %q", f.Name, f.Text(&def), f.Default())
		}
	}
	if err := def.Validate(); err != nil {
		t.Errorf("DefaultSettings().Validate() = %v", err)
	}
}

// TestDefaultSettingsValues pins the defaults: they were chosen by
// backtesting the bundled series (docs/defaults.md), and every number there
// depends on them.
func TestDefaultSettingsValues(t *testing.T) {
	want := Settings{
		Window: 0, Horizon: 12, Season: 0, Scaler: ScaleWindow, Anchor: AnchorAuto, Transform: TransformNone,
		ValFrac: 0.2, Strategy: StrategyDirect,
		Layers: 1, Hidden: 32, Dropout: 0, LayerNorm: false, Loss: LossHuber,
		Epochs: 150, Batch: 32, Optimizer: OptimizerAdam, LR: 0.005, Schedule: SchedulePlateau, Patience: 20, Seed: 1, Ensemble: 3,
		Clip: ClipNorm, ClipMax: 1, Init: InitXavierUniform, RecurrentInit: InitOrthogonal, ForgetBias: 1, L1: 0, L2: 0,
	}
	if got := DefaultSettings(); got != want {
		t.Errorf("DefaultSettings() = %+v; want %+v", got, want)
	}
	// The names in model files and saved preferences.
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	const wantJSON = `{"window":0,"horizon":12,"season":0,"scaler":"window","anchor":"auto","transform":"none","val_frac":0.2,"strategy":"direct",` +
		`"layers":1,"hidden":32,"dropout":0,"layernorm":false,"loss":"huber","epochs":150,"batch":32,"optimizer":"adam","lr":0.005,` +
		`"schedule":"plateau","patience":20,"seed":1,"ensemble":3,"clip":"norm","clip_max":1,"init":"xavier_uniform",` +
		`"recurrent_init":"orthogonal","forget_bias":1,"l1":0,"l2":0}`
	if string(b) != wantJSON {
		t.Errorf("json.Marshal(DefaultSettings()) = %s\nwant %s", b, wantJSON)
	}
	// precision float64 is left out (files from before the setting stay
	// the same); float32 is written and read back
	want.Precision = PrecisionFloat32
	if b, err = json.Marshal(want); err != nil || !strings.Contains(string(b), `"precision":"float32"`) {
		t.Errorf("json.Marshal with precision float32 = %s, %v; want \"precision\":\"float32\"", b, err)
	}
	var back Settings
	if err := json.Unmarshal(b, &back); err != nil || back != want {
		t.Errorf("json round trip = %+v, %v; want %+v", back, err, want)
	}
	var old Settings
	if err := json.Unmarshal([]byte(wantJSON), &old); err != nil || old != DefaultSettings() {
		t.Errorf("settings without precision read as %+v, %v; want the defaults (float64)", old, err)
	}
}

// TestValidateMessages: each rule's message, word for word (the CLI and the
// Settings tab show them), and only the broken fields are named.
func TestValidateMessages(t *testing.T) {
	for name, c := range map[string]struct {
		mod  func(*Settings)
		want map[string]string // field → message
	}{
		"window 1":          {func(s *Settings) { s.Window = 1 }, map[string]string{"window": "1 is out of range; use 2 to 2000"}},
		"window 0 is auto":  {func(s *Settings) { s.Window = 0 }, nil},
		"hidden and lr":     {func(s *Settings) { s.Hidden, s.LR = 5000, -1 }, map[string]string{"hidden": "5000 is out of range; use 1 to 1024", "lr": "-1 is out of range; use a positive rate up to 10 (typical: 0.001 to 0.01)"}},
		"lr 0":              {func(s *Settings) { s.LR = 0 }, map[string]string{"lr": "0 is out of range; use a positive rate up to 10 (typical: 0.001 to 0.01)"}},
		"lr 10":             {func(s *Settings) { s.LR = 10 }, nil},
		"val_frac NaN":      {func(s *Settings) { s.ValFrac = math.NaN() }, map[string]string{"val_frac": "NaN is out of range; use 0.05 to 0.5"}},
		"forget_bias":       {func(s *Settings) { s.ForgetBias = -11 }, map[string]string{"forget_bias": "-11 is out of range; use -10 to 10"}},
		"clip_max":          {func(s *Settings) { s.ClipMax = 0 }, map[string]string{"clip_max": "0 is out of range; use a positive threshold (typical: 1 to 5)"}},
		"clip_max no clip":  {func(s *Settings) { s.Clip, s.ClipMax = ClipNone, 0 }, nil},
		"scaler none":       {func(s *Settings) { s.Scaler = ScaleNone }, map[string]string{"scaler": `"none" is not one of window, zscore, minmax`}},
		"init out of range": {func(s *Settings) { s.Init = Init(17) }, map[string]string{"init": `"Init(17)" is not one of xavier_uniform, xavier_normal, he_uniform, he_normal, orthogonal, pytorch`}},
		"seasonal_diff m=1": {func(s *Settings) { s.Transform, s.Season = TransformSeasonalDiff, 1 }, map[string]string{"transform": "seasonal_diff needs a season above 1; set season or use diff"}},
		"anchor zscore":     {func(s *Settings) { s.Anchor, s.Scaler = AnchorNaive, ScaleZScore }, map[string]string{"anchor": "naive applies to the window scaler only (the zscore scaler has no anchor); use auto"}},
		"anchor ets recursive": {func(s *Settings) { s.Anchor, s.Strategy = AnchorETS, StrategyRecursive },
			map[string]string{"anchor": ErrETSRecursive.Error()}},
		"anchor seasonal m=1": {func(s *Settings) { s.Anchor, s.Season = AnchorSeasonal, 1 }, map[string]string{"anchor": "seasonal needs a season above 1; set season or use auto"}},
		"float32 layernorm": {func(s *Settings) { s.Precision, s.LayerNorm = PrecisionFloat32, true },
			map[string]string{"precision": "float32 does not support layer norm; use float64 or turn layernorm off"}},
		"float32": {func(s *Settings) { s.Precision = PrecisionFloat32 }, nil},
	} {
		s := DefaultSettings()
		c.mod(&s)
		err := s.Validate()
		var se SettingsError
		if c.want == nil {
			if err != nil {
				t.Errorf("%s: Validate() = %v; want nil", name, err)
			}
			continue
		}
		if !errors.As(err, &se) || len(se) != len(c.want) {
			t.Errorf("%s: Validate() = %v; want %d field errors", name, err, len(c.want))
			continue
		}
		for field, msg := range c.want {
			if fe := se.Field(field); fe == nil || fe.Msg != msg {
				t.Errorf("%s: field %s: %v; want %q", name, field, fe, msg)
			}
		}
	}
	// Errors come in the table's order, the rules joining fields last.
	s := DefaultSettings()
	s.L2, s.Window, s.Transform, s.Season = 2, 1, TransformSeasonalDiff, 1
	var se SettingsError
	if !errors.As(s.Validate(), &se) || len(se) != 3 || se[0].Field != "window" || se[1].Field != "l2" || se[2].Field != "transform" {
		t.Errorf("order: %v; want window, l2, transform", s.Validate())
	}
}

// TestFieldSetText: text that is not of the field's kind, or not one of its
// choices, is refused with a message saying what would do, and the settings
// keep their value; a number out of range is stored, for Validate.
func TestFieldSetText(t *testing.T) {
	for _, c := range []struct{ field, text, msg string }{
		{"hidden", "abc", `"abc" is not a whole number`},
		{"hidden", "1.5", `"1.5" is not a whole number`},
		{"seed", "-1", `"-1" is not a whole number ≥ 0`},
		{"lr", "fast", `"fast" is not a number`},
		{"layernorm", "maybe", `"maybe" is not true or false`},
		{"scaler", "none", `"none" is not one of window, zscore, minmax`},
		{"clip", "Norm", `"Norm" is not one of none, norm, value`},
		{"anchor", "", `"" is not one of auto, naive, seasonal, ets`},
	} {
		f, ok := FieldByName(c.field)
		if !ok {
			t.Fatalf("no field %s", c.field)
		}
		s := DefaultSettings()
		err := f.SetText(&s, c.text)
		if err == nil || err.Error() != c.msg {
			t.Errorf("%s.SetText(%q) = %v; want %q", c.field, c.text, err, c.msg)
		}
		if s != DefaultSettings() {
			t.Errorf("%s.SetText(%q) changed the settings", c.field, c.text)
		}
	}
	s := DefaultSettings()
	for name, text := range map[string]string{"hidden": "5000", "recurrent_init": "pytorch", "layernorm": "true", "lr": "0.01", "seed": "18446744073709551615"} {
		f, _ := FieldByName(name)
		if err := f.SetText(&s, text); err != nil || f.Text(&s) != text {
			t.Errorf("%s.SetText(%q): %v, reads back %q", name, text, err, f.Text(&s))
		}
	}
	if s.Hidden != 5000 || s.RecurrentInit != InitPyTorch || !s.LayerNorm || s.LR != 0.01 || s.Seed != math.MaxUint64 {
		t.Errorf("settings after SetText: %+v", s)
	}
	if _, ok := FieldByName("val-frac"); ok {
		t.Error("FieldByName took a flag name")
	}
	if f, _ := FieldByName("val_frac"); f.Flag() != "val-frac" {
		t.Errorf("val_frac's flag is %q", f.Flag())
	}
}

// TestFieldAccepts: what the README and -h say each kind of field accepts.
func TestFieldAccepts(t *testing.T) {
	for name, want := range map[string]string{
		"window":    "0 or 2–2000",
		"season":    "0–1000",
		"lr":        "> 0, ≤ 10",
		"dropout":   "0–0.9",
		"seed":      "≥ 0",
		"layernorm": "true, false",
		"scaler":    "window, zscore, minmax",
	} {
		if f, _ := FieldByName(name); f.Accepts() != want {
			t.Errorf("%s accepts %q; want %q", name, f.Accepts(), want)
		}
	}
}

// TestFieldApplies: the clip threshold applies only with clipping on; a
// field that does not apply is not validated.
func TestFieldApplies(t *testing.T) {
	f, _ := FieldByName("clip_max")
	s := DefaultSettings()
	if !f.Applies(&s) {
		t.Error("clip_max does not apply with norm clipping")
	}
	s.Clip = ClipNone
	if f.Applies(&s) {
		t.Error("clip_max applies without clipping")
	}
	for _, g := range Fields() {
		if g.Name != "clip_max" && !g.Applies(&s) {
			t.Errorf("%s does not apply to the defaults without clipping", g.Name)
		}
	}
}

// TestFieldBool: Bool and SetBool reach an on/off field and panic on
// another kind, a caller's mistake.
func TestFieldBool(t *testing.T) {
	f, _ := FieldByName("layernorm")
	s := DefaultSettings()
	f.SetBool(&s, true)
	if !s.LayerNorm || !f.Bool(&s) {
		t.Error("SetBool(true) did not switch layer norm on")
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "hidden") {
			t.Errorf("Bool on hidden: recover() = %v; want a panic naming the setting", r)
		}
	}()
	h, _ := FieldByName("hidden")
	h.Bool(&s)
}
