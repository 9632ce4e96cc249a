package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
)

// TestSettingsFormFromTable: the form has one widget per setting of the
// field table, of the field's kind, with its help and the defaults; the
// clip threshold is disabled exactly when clipping is off.
func TestSettingsFormFromTable(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	def := config.DefaultSettings()
	for _, f := range config.Fields() {
		e, s, c := u.Set.Entries[f.Name], u.Set.Selects[f.Name], u.Set.Checks[f.Name]
		switch f.Kind() {
		case config.KindChoice:
			if s == nil || e != nil || c != nil || s.Selected != f.Text(&def) || len(s.Options) != len(f.Choices()) {
				t.Errorf("%s: select %v; want one with %v, %s selected", f.Name, s, f.Choices(), f.Text(&def))
			}
		case config.KindBool:
			if c == nil || e != nil || s != nil || c.Checked != f.Bool(&def) {
				t.Errorf("%s: check %v; want one, %v", f.Name, c, f.Bool(&def))
			}
		default:
			if e == nil || s != nil || c != nil || e.Text != f.Text(&def) {
				t.Errorf("%s: entry %v; want one reading %s", f.Name, e, f.Text(&def))
			}
		}
		if h := u.Set.Help[f.Name]; h == nil || h.Text != f.Help {
			t.Errorf("%s: help %v; want %q", f.Name, h, f.Help)
		}
	}
	if n := len(u.Set.Entries) + len(u.Set.Selects) + len(u.Set.Checks); n != len(config.Fields()) {
		t.Errorf("%d widgets for %d settings", n, len(config.Fields()))
	}
	cm := u.Set.Entries["clip_max"]
	act(u, func() { u.Set.Selects["clip"].SetSelected(config.ClipNone.String()) })
	if !cm.Disabled() || u.Session.Settings().Clip != config.ClipNone {
		t.Errorf("clip none: threshold disabled %v, session clip %s", cm.Disabled(), u.Session.Settings().Clip)
	}
	act(u, func() { u.Set.Selects["clip"].SetSelected(config.ClipValue.String()) })
	if cm.Disabled() || u.Session.Settings().Clip != config.ClipValue {
		t.Errorf("clip value: threshold disabled %v, session clip %s", cm.Disabled(), u.Session.Settings().Clip)
	}
	act(u, func() { u.Set.Checks["layernorm"].SetChecked(true) })
	act(u, func() { u.Set.Entries["lr"].SetText("0,02") })
	if s := u.Session.Settings(); !s.LayerNorm || s.LR != 0.02 {
		t.Errorf("layer norm %v, lr %v; want on, 0.02", s.LayerNorm, s.LR)
	}
}

// TestSettingsOldPreferences: preferences saved before the settings had
// types (names as strings, no anchor) still load.
func TestSettingsOldPreferences(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefSettings, `{"window":0,"horizon":6,"season":0,"scaler":"zscore","transform":"log","val_frac":0.2,`+
		`"strategy":"recursive","layers":2,"hidden":16,"dropout":0,"layernorm":true,"loss":"mse","epochs":40,"batch":32,`+
		`"optimizer":"sgd","lr":0.01,"schedule":"cosine","patience":0,"seed":3,"ensemble":1,"clip":"value","clip_max":2,`+
		`"init":"he_normal","recurrent_init":"pytorch","forget_bias":1,"l1":0,"l2":0.001}`)
	u := NewWithSession(a, app.NewSession(fakeTrain(1, 0)))
	defer u.closeAndWait()
	u.uiMu.Lock()
	defer u.uiMu.Unlock()
	want := config.Settings{Horizon: 6, Scaler: config.ScaleZScore, Anchor: config.AnchorAuto, Transform: config.TransformLog,
		ValFrac: 0.2, Strategy: config.StrategyRecursive, Layers: 2, Hidden: 16, LayerNorm: true, Loss: config.LossMSE,
		Epochs: 40, Batch: 32, Optimizer: config.OptimizerSGD, LR: 0.01, Schedule: config.ScheduleCosine, Seed: 3, Ensemble: 1,
		Clip: config.ClipValue, ClipMax: 2, Init: config.InitHeNormal, RecurrentInit: config.InitPyTorch, ForgetBias: 1, L2: 0.001}
	if got := u.Session.Settings(); got != want {
		t.Errorf("settings from old preferences: %+v; want %+v", got, want)
	}
	if got := u.Set.Selects["optimizer"].Selected; got != config.OptimizerSGD.String() {
		t.Errorf("optimizer select %q; want sgd", got)
	}
}
