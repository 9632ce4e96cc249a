package look

import (
	"fyne.io/fyne/v2"

	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// prefContrast keeps View → High contrast.
const prefContrast = "high_contrast"

// Apply picks the window's language (the choice stored in a's
// preferences, else the system's) and sets a's theme: the Chinese font
// for Chinese (in the charts too), high contrast when chosen. Call it
// before any widget is built.
func Apply(a fyne.App) {
	code := i18n.Setup(a.Preferences().String(i18n.Pref))
	a.Settings().SetTheme(Theme{CJK: code == "zh", Contrast: a.Preferences().Bool(prefContrast)})
	UseChartFont(code == "zh")
}

// Menu is the View menu: the language (System or one of i18n.Languages,
// stored, from the next start: told says so) and high contrast (at once,
// stored). refresh redraws the main menu after a tick moved.
func Menu(a fyne.App, refresh func(), told func(title, message string)) *fyne.Menu {
	var items []*fyne.MenuItem
	check := func(code string) {
		items[0].Checked = code == ""
		for i, l := range i18n.Languages {
			items[i+1].Checked = code == l.Code
		}
	}
	choose := func(code string) func() {
		return func() {
			a.Preferences().SetString(i18n.Pref, code)
			check(code)
			refresh()
			told(i18n.T("Language"), i18n.T("The window speaks the chosen language from the next start."))
		}
	}
	items = append(items, fyne.NewMenuItem(i18n.T("System"), choose("")))
	for _, l := range i18n.Languages {
		items = append(items, fyne.NewMenuItem(l.Name, choose(l.Code)))
	}
	check(a.Preferences().String(i18n.Pref))
	language := fyne.NewMenuItem(i18n.T("Language"), nil)
	language.ChildMenu = fyne.NewMenu("", items...)

	contrast := fyne.NewMenuItem(i18n.T("High contrast"), nil)
	contrast.Checked = a.Preferences().Bool(prefContrast)
	contrast.Action = func() {
		contrast.Checked = !contrast.Checked
		a.Preferences().SetBool(prefContrast, contrast.Checked)
		a.Settings().SetTheme(Theme{CJK: i18n.Lang() == "zh", Contrast: contrast.Checked})
		refresh()
	}
	return fyne.NewMenu(i18n.T("View"), language, contrast)
}
