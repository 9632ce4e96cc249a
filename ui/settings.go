package ui

import (
	"encoding/json"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// fields are the settings on the form, in order: forecast's field table.
var fields = config.Fields()

func fieldLabel(key string) string {
	if f, ok := config.FieldByName(key); ok {
		return i18n.FieldLabel(f)
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
	forms := map[config.Group]*widget.Form{}
	var order []config.Group
	for _, f := range fields {
		form := forms[f.Group]
		if form == nil {
			form = widget.NewForm()
			forms[f.Group] = form
			order = append(order, f.Group)
		}
		var w fyne.CanvasObject
		switch f.Kind() {
		case config.KindChoice:
			s := widget.NewSelect(f.Choices(), func(string) { t.changed() })
			s.PlaceHolder = i18n.T(selectOne)
			t.Selects[f.Name] = s
			w = s
		case config.KindBool:
			c := widget.NewCheck(i18n.T("on"), func(bool) { t.changed() })
			t.Checks[f.Name] = c
			w = c
		default:
			e := widget.NewEntry()
			key := f.Name
			e.Validator = func(string) error { return t.fieldError(key) }
			e.OnChanged = func(string) { t.changed() }
			t.Entries[f.Name] = e
			w = e
		}
		help := widget.NewLabel(i18n.FieldHelp(f))
		help.Wrapping = fyne.TextWrapWord
		help.SizeName = theme.SizeNameCaptionText
		t.Help[f.Name] = help
		form.Items = append(form.Items, &widget.FormItem{Text: i18n.FieldLabel(f), Widget: container.New(layout.NewCustomPaddedVBoxLayout(0), w, help)})
	}
	cards := make([]fyne.CanvasObject, len(order))
	for i, g := range order {
		forms[g].Refresh()
		cards[i] = widget.NewCard(i18n.GroupName(g), i18n.GroupSummary(g), forms[g])
	}
	t.Status = widget.NewLabel("")
	t.Status.Wrapping = fyne.TextWrapWord
	t.Reset = widget.NewButtonWithIcon(i18n.T("Reset to defaults"), theme.ContentUndoIcon(), func() {
		t.load(config.DefaultSettings())
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
func (t *SettingsTab) load(set config.Settings) {
	t.loading = true
	defer func() { t.loading = false }()
	for _, f := range fields {
		switch f.Kind() {
		case config.KindChoice:
			t.Selects[f.Name].SetSelected(f.Text(&set))
		case config.KindBool:
			t.Checks[f.Name].SetChecked(f.Bool(&set))
		default:
			text := f.Text(&set)
			if f.Kind() == config.KindFloat && i18n.Lang() == "de" {
				text = strings.Replace(text, ".", ",", 1) // read back by read
			}
			t.Entries[f.Name].SetText(text)
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

// read parses the form into the session's settings. parse holds the fields
// that are not numbers at all (they keep the session's value).
func (t *SettingsTab) read() (config.Settings, map[string]error) {
	parse := map[string]error{}
	set := t.u.Session.Settings()
	for _, f := range fields {
		var err error
		switch f.Kind() {
		case config.KindChoice:
			err = f.SetText(&set, t.Selects[f.Name].Selected)
		case config.KindBool:
			f.SetBool(&set, t.Checks[f.Name].Checked)
		case config.KindFloat:
			if f.SetText(&set, strings.TrimSpace(strings.ReplaceAll(t.Entries[f.Name].Text, ",", "."))) != nil {
				err = errors.New(i18n.T("enter a number, e.g. %s or 1e-4", i18n.Number("0.01")))
			}
		default:
			if f.SetText(&set, strings.TrimSpace(t.Entries[f.Name].Text)) != nil {
				err = errors.New(i18n.T("enter a whole number"))
			}
		}
		if err != nil {
			parse[f.Name] = err
		}
	}
	return set, parse
}

// fieldError is the inline message for one field.
func (t *SettingsTab) fieldError(key string) error {
	set, parse := t.read()
	if err := parse[key]; err != nil {
		return err
	}
	var se config.SettingsError
	if errors.As(forecast.Validate(set), &se) {
		if f := se.Field(key); f != nil {
			return errors.New(app.Clip(i18n.Message(f.Msg), app.MaxMessage))
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
		if parse[f.Name] != nil {
			bad = append(bad, i18n.FieldLabel(f))
		}
	}
	err := forecast.Validate(set)
	var se config.SettingsError
	if errors.As(err, &se) {
		for _, f := range se {
			if parse[f.Field] == nil {
				bad = append(bad, fieldLabel(f.Field))
			}
		}
	}
	// A setting that means nothing with the others (the clip threshold
	// without clipping) is disabled.
	for _, f := range fields {
		switch e := t.Entries[f.Name]; {
		case e == nil:
		case f.Applies(&set):
			e.Enable()
		default:
			e.Disable()
		}
	}
	// Re-flag every field: a change in one can fix or break another.
	for _, e := range t.Entries {
		e.Validate()
	}
	for _, f := range fields {
		h := t.Help[f.Name]
		err := parse[f.Name]
		if err == nil && se != nil {
			if fe := se.Field(f.Name); fe != nil {
				err = errors.New(i18n.Message(fe.Msg))
			}
		}
		text, imp := i18n.FieldHelp(f), widget.MediumImportance
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
		before := t.u.Session.Settings()
		t.u.Session.SetSettings(set)
		t.u.prj.SettingsEdited(before, t.u.Session.Settings())
		if b, err := json.Marshal(set); err == nil {
			t.u.App.Preferences().SetString(prefSettings, string(b))
		}
		t.Status.SetText("✓ " + i18n.T("All settings valid; they are saved and used for the next run."))
		t.Status.Importance = widget.SuccessImportance
	} else {
		t.Status.SetText("✗ " + i18n.T("Fix %s to train (marked in red above).", strings.Join(bad, i18n.T(", "))))
		t.Status.Importance = widget.DangerImportance
	}
	t.Status.Refresh()
	t.u.Tr.UpdateButtons()
	if t.u.Exp != nil {
		t.u.Exp.ShowPlan()
	}
	t.u.Data.showPreview(t.u.Session.Data())
}

// Valid reports whether every field holds a valid value.
func (t *SettingsTab) Valid() bool { return t.valid }

// loadPrefs restores saved settings and recent files.
func (u *UI) loadPrefs() {
	p := u.App.Preferences()
	if s := p.String(prefSettings); s != "" {
		set := config.DefaultSettings()
		if json.Unmarshal([]byte(s), &set) == nil && forecast.Validate(set) == nil {
			u.Session.SetSettings(set)
			u.Set.load(set)
		}
	}
	u.Set.changed()
	u.Data.setRecent(p.StringList(prefRecent))
}
