package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
)

// field describes one setting on the form.
type field struct {
	key   string // json / flag name, as in forecast.SettingsError
	label string
	help  string // what it does (to the gradients)
	kind  byte   // 'i' int, 'u' uint, 'f' float, 's' choice, 'b' bool
	group string
}

var fields = []field{
	{"window", "Window", "Past steps fed in (0 = auto). Longer windows mean longer backprop through time, where gradients fade.", 'i', "Data"},
	{"horizon", "Horizon", "Steps to forecast, and the length of the held-out test.", 'i', "Data"},
	{"season", "Season", "Seasonal period m (0 = from the frequency); used by baselines, MASE and seasonal differencing.", 'i', "Data"},
	{"scaler", "Scaler", "window divides each input by its last level (trend-safe); zscore/minmax fit the training part. Well-scaled inputs keep gradients in range.", 's', "Data"},
	{"anchor", "Anchor", "Window scaler only: the forecast the network learns to correct. auto picks naive, seasonal naive or exponential smoothing (Holt-Winters, fitted on the training part) by validation error.", 's', "Data"},
	{"transform", "Transform", "Applied before scaling and inverted for the forecast; log needs positive values.", 's', "Data"},
	{"val_frac", "Validation share", "Share of the training windows kept for early stopping and the intervals.", 'f', "Data"},
	{"strategy", "Strategy", "direct predicts all H steps at once; recursive feeds one-step predictions back (errors compound).", 's', "Data"},

	{"layers", "Layers", "Stacked LSTM layers; every extra layer is another path the gradient must cross.", 'i', "Model"},
	{"hidden", "Hidden units", "Units per layer: more capacity, more weights to fit.", 'i', "Model"},
	{"dropout", "Dropout", "Zeroes this share of activations in training: noisier gradients, less overfitting.", 'f', "Model"},
	{"layernorm", "Layer norm", "Normalises gate pre-activations each step (Ba et al. 2016): keeps gates unsaturated and gradients steady.", 'b', "Model"},
	{"loss", "Loss", "mse punishes large errors quadratically; mae and huber give outliers a bounded gradient.", 's', "Model"},

	{"epochs", "Epochs", "Maximum passes over the training windows.", 'i', "Training"},
	{"batch", "Batch size", "Windows per step: larger batches average gradients into smoother, fewer updates.", 'i', "Training"},
	{"optimizer", "Optimiser", "adam/adamw scale each weight's step by its gradient history; sgd follows the raw gradient.", 's', "Training"},
	{"lr", "Learning rate", "Step size along the gradient: too high explodes, too low stalls (typical 0.001–0.01).", 'f', "Training"},
	{"schedule", "Schedule", "plateau halves the rate when validation stalls; cosine decays it smoothly.", 's', "Training"},
	{"patience", "Early stopping", "Stop after this many epochs without a better validation loss (0 = off); best weights restored.", 'i', "Training"},
	{"seed", "Seed", "Same seed and settings give the same weights, bit for bit.", 'u', "Training"},
	{"ensemble", "Ensemble", "Train this many seeds and take the median forecast.", 'i', "Training"},

	{"clip", "Clipping", "norm rescales the whole gradient above the threshold (direction kept); value clamps each component.", 's', "Stabilisers"},
	{"clip_max", "Clip threshold", "Largest gradient norm (or component) allowed through; caps exploding steps.", 'f', "Stabilisers"},
	{"init", "Input init", "Initialiser of input weights: Xavier/He keep activation variance steady so gradients start in range.", 's', "Stabilisers"},
	{"recurrent_init", "Recurrent init", "Orthogonal recurrent weights preserve the gradient norm through time at the start.", 's', "Stabilisers"},
	{"forget_bias", "Forget-gate bias", "Initial forget bias; 1 keeps the cell state, and its gradient, flowing through time.", 'f', "Stabilisers"},
	{"l1", "L1 penalty", "Adds λ·Σ|w| to the loss: a constant pull of each weight to zero (sparsity).", 'f', "Stabilisers"},
	{"l2", "L2 penalty", "Adds (λ/2)·Σw² (the article's form): shrinks weights in proportion, keeping them and their gradients small.", 'f', "Stabilisers"},
}

func fieldLabel(key string) string {
	for _, f := range fields {
		if f.key == key {
			return f.label
		}
	}
	return key
}

// SettingsTab is the form of every training setting, grouped in cards.
type SettingsTab struct {
	u       *UI
	content fyne.CanvasObject

	Entries map[string]*widget.Entry
	Selects map[string]*widget.Select
	Checks  map[string]*widget.Check
	Help    map[string]*widget.Label // one line of help, or the field's error
	Status  *widget.Label
	Reset   *widget.Button

	valid   bool
	loading bool
}

func (u *UI) newSettingsTab() *SettingsTab {
	t := &SettingsTab{u: u, Entries: map[string]*widget.Entry{}, Selects: map[string]*widget.Select{}, Checks: map[string]*widget.Check{}, Help: map[string]*widget.Label{}}
	forms := map[string]*widget.Form{}
	var order []string
	for _, f := range fields {
		form := forms[f.group]
		if form == nil {
			form = widget.NewForm()
			forms[f.group] = form
			order = append(order, f.group)
		}
		var w fyne.CanvasObject
		switch f.kind {
		case 's':
			s := widget.NewSelect(forecast.Choices[f.key], func(string) { t.changed() })
			t.Selects[f.key] = s
			w = s
		case 'b':
			c := widget.NewCheck("on", func(bool) { t.changed() })
			t.Checks[f.key] = c
			w = c
		default:
			e := widget.NewEntry()
			key := f.key
			e.Validator = func(string) error { return t.fieldError(key) }
			e.OnChanged = func(string) { t.changed() }
			t.Entries[f.key] = e
			w = e
		}
		help := widget.NewLabel(f.help)
		help.Wrapping = fyne.TextWrapWord
		help.SizeName = theme.SizeNameCaptionText
		t.Help[f.key] = help
		form.Items = append(form.Items, &widget.FormItem{Text: f.label, Widget: container.New(layout.NewCustomPaddedVBoxLayout(0), w, help)})
	}
	cards := make([]fyne.CanvasObject, len(order))
	subtitles := map[string]string{
		"Data":        "How the series becomes training windows",
		"Model":       "The network",
		"Training":    "The optimisation loop",
		"Stabilisers": "Against vanishing and exploding gradients",
	}
	for i, g := range order {
		forms[g].Refresh()
		cards[i] = widget.NewCard(g, subtitles[g], forms[g])
	}
	t.Status = widget.NewLabel("")
	t.Status.Wrapping = fyne.TextWrapWord
	t.Reset = widget.NewButtonWithIcon("Reset to defaults", theme.ContentUndoIcon(), func() {
		t.load(forecast.DefaultSettings())
		t.changed()
	})
	grid := container.NewGridWithColumns(2, cards...)
	t.content = container.NewBorder(nil,
		container.NewBorder(nil, nil, nil, t.Reset, t.Status), nil, nil,
		container.NewVScroll(container.NewPadded(grid)))
	t.load(u.Session.Settings())
	t.valid = true
	return t
}

// load puts set into the widgets.
func (t *SettingsTab) load(set forecast.Settings) {
	t.loading = true
	defer func() { t.loading = false }()
	m := toMap(set)
	for _, f := range fields {
		v := m[f.key]
		switch f.kind {
		case 's':
			t.Selects[f.key].SetSelected(fmt.Sprint(v))
		case 'b':
			t.Checks[f.key].SetChecked(v.(bool))
		case 'f':
			t.Entries[f.key].SetText(strconv.FormatFloat(v.(float64), 'g', -1, 64))
		default:
			t.Entries[f.key].SetText(fmt.Sprint(v))
		}
	}
	for _, e := range t.Entries {
		e.Validate()
	}
}

// fromSession shows the session's settings (after a sample set the
// horizon).
func (t *SettingsTab) fromSession() {
	t.load(t.u.Session.Settings())
	t.changed()
}

// toMap converts settings to their json names.
func toMap(set forecast.Settings) map[string]any {
	b, _ := json.Marshal(set)
	m := map[string]any{}
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	d.Decode(&m)
	for _, f := range fields {
		n, ok := m[f.key].(json.Number)
		if !ok {
			continue
		}
		switch f.kind {
		case 'f':
			m[f.key], _ = n.Float64()
		default:
			m[f.key] = n.String()
		}
	}
	return m
}

// read parses the form. parse holds the fields that are not numbers at all.
func (t *SettingsTab) read() (forecast.Settings, map[string]error) {
	parse := map[string]error{}
	m := map[string]any{}
	for _, f := range fields {
		switch f.kind {
		case 's':
			m[f.key] = t.Selects[f.key].Selected
		case 'b':
			m[f.key] = t.Checks[f.key].Checked
		case 'i', 'u':
			s := strings.TrimSpace(t.Entries[f.key].Text)
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil || (f.kind == 'u' && v < 0) {
				parse[f.key] = errors.New("enter a whole number")
				continue
			}
			m[f.key] = v
		case 'f':
			s := strings.TrimSpace(strings.ReplaceAll(t.Entries[f.key].Text, ",", "."))
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				parse[f.key] = errors.New("enter a number, e.g. 0.01 or 1e-4")
				continue
			}
			m[f.key] = v
		}
	}
	set := t.u.Session.Settings()
	b, _ := json.Marshal(m)
	json.Unmarshal(b, &set)
	return set, parse
}

// fieldError is the inline message for one field.
func (t *SettingsTab) fieldError(key string) error {
	set, parse := t.read()
	if err := parse[key]; err != nil {
		return err
	}
	var se forecast.SettingsError
	if errors.As(set.Validate(), &se) {
		if f := se.Field(key); f != nil {
			return errors.New(app.Clip(f.Msg, app.MaxMessage))
		}
	}
	return nil
}

// changed validates the whole form, stores valid settings in the session
// and the preferences, and enables Train only when everything is valid.
func (t *SettingsTab) changed() {
	if t.loading {
		return
	}
	set, parse := t.read()
	var bad []string
	for _, f := range fields {
		if parse[f.key] != nil {
			bad = append(bad, f.label)
		}
	}
	err := set.Validate()
	var se forecast.SettingsError
	if errors.As(err, &se) {
		for _, f := range se {
			if parse[f.Field] == nil {
				bad = append(bad, fieldLabel(f.Field))
			}
		}
	}
	// The clip threshold means nothing without clipping.
	if cm := t.Entries["clip_max"]; t.Selects["clip"].Selected == "none" {
		cm.Disable()
	} else {
		cm.Enable()
	}
	// Re-flag every field: a change in one can fix or break another.
	for _, e := range t.Entries {
		e.Validate()
	}
	for _, f := range fields {
		h := t.Help[f.key]
		err := parse[f.key]
		if err == nil && se != nil {
			if fe := se.Field(f.key); fe != nil {
				err = errors.New(fe.Msg)
			}
		}
		text, imp := f.help, widget.MediumImportance
		if err != nil {
			text, imp = "✗ "+app.Clip(err.Error(), app.MaxMessage), widget.DangerImportance
		}
		if h.Text != text || h.Importance != imp {
			h.Text, h.Importance = text, imp
			h.Refresh()
		}
	}
	t.valid = len(bad) == 0
	if t.valid {
		t.u.Session.SetSettings(set)
		if b, err := json.Marshal(set); err == nil {
			t.u.App.Preferences().SetString(prefSettings, string(b))
		}
		t.Status.SetText("✓ All settings valid; they are saved and used for the next run.")
		t.Status.Importance = widget.SuccessImportance
	} else {
		t.Status.SetText(fmt.Sprintf("✗ Fix %s to train (marked in red above).", strings.Join(bad, ", ")))
		t.Status.Importance = widget.DangerImportance
	}
	t.Status.Refresh()
	t.u.Tr.updateButtons()
	if t.u.Exp != nil {
		t.u.Exp.plan()
	}
	t.u.Data.showPreview(t.u.Session.Data())
}

// Valid reports whether every field holds a valid value.
func (t *SettingsTab) Valid() bool { return t.valid }

// loadPrefs restores saved settings and recent files.
func (u *UI) loadPrefs() {
	p := u.App.Preferences()
	if s := p.String(prefSettings); s != "" {
		set := forecast.DefaultSettings()
		if json.Unmarshal([]byte(s), &set) == nil && set.Validate() == nil {
			u.Session.SetSettings(set)
			u.Set.load(set)
		}
	}
	u.Set.changed()
	u.Data.setRecent(p.StringList(prefRecent))
}
