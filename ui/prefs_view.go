package ui

import (
	"fyne.io/fyne/v2"

	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/look"
)

// applyLook picks the language (the stored choice, else the system's) and
// sets the theme: the Chinese font for Chinese (in the charts too), high
// contrast when chosen.
// Called before any widget is built.
func (u *UI) applyLook() {
	code := i18n.Setup(u.App.Preferences().String(i18n.Pref))
	u.App.Settings().SetTheme(look.Theme{CJK: code == "zh", Contrast: u.App.Preferences().Bool(prefContrast)})
	look.UseChartFont(code == "zh")
}

// viewMenu is View: the language (System or one of i18n.Languages, from
// the next start) and high contrast (at once).
func (u *UI) viewMenu() *fyne.Menu {
	pref := u.App.Preferences().String(i18n.Pref)
	var items []*fyne.MenuItem
	choose := func(code string) func() {
		return func() {
			u.App.Preferences().SetString(i18n.Pref, code)
			for _, it := range items {
				it.Checked = false
			}
			u.setLanguageChecks(items, code)
			u.win.MainMenu().Refresh()
			u.showMessage(i18n.T("Language"), i18n.T("The window speaks the chosen language from the next start."), "")
		}
	}
	items = append(items, fyne.NewMenuItem(i18n.T("System"), choose("")))
	for _, l := range i18n.Languages {
		items = append(items, fyne.NewMenuItem(l.Name, choose(l.Code)))
	}
	u.setLanguageChecks(items, pref)
	language := fyne.NewMenuItem(i18n.T("Language"), nil)
	language.ChildMenu = fyne.NewMenu("", items...)

	contrast := fyne.NewMenuItem(i18n.T("High contrast"), nil)
	contrast.Checked = u.App.Preferences().Bool(prefContrast)
	contrast.Action = func() {
		contrast.Checked = !contrast.Checked
		u.App.Preferences().SetBool(prefContrast, contrast.Checked)
		u.App.Settings().SetTheme(look.Theme{CJK: i18n.Lang() == "zh", Contrast: contrast.Checked})
		u.win.MainMenu().Refresh()
	}
	return fyne.NewMenu(i18n.T("View"), language, contrast)
}

// setLanguageChecks ticks the item of code in items: System (""), then
// one per i18n.Languages.
func (u *UI) setLanguageChecks(items []*fyne.MenuItem, code string) {
	items[0].Checked = code == ""
	for i, l := range i18n.Languages {
		items[i+1].Checked = code == l.Code
	}
}
