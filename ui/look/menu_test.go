package look

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// TestMenu: View → Language stores the choice and ticks it (the window
// says it applies from the next start); View → High contrast stores the
// choice and switches the theme at once; Apply reads both back.
func TestMenu(t *testing.T) {
	a := test.NewTempApp(t)
	defer i18n.Setup("en")
	refreshed, told := 0, ""
	m := Menu(a, func() { refreshed++ }, func(title, _ string) { told = title })
	language, contrast := m.Items[0], m.Items[1]
	items := language.ChildMenu.Items
	if len(items) != 1+len(i18n.Languages) || !items[0].Checked {
		t.Fatalf("Language offers %d items, System ticked %v; want System and the %d languages", len(items), items[0].Checked, len(i18n.Languages))
	}
	de := items[1+len(i18n.Languages)-1] // Deutsch, the last
	de.Action()
	if got := a.Preferences().String(i18n.Pref); got != "de" || !de.Checked || items[0].Checked || told == "" || refreshed != 1 {
		t.Errorf("after Deutsch: preference %q, ticked %v, System ticked %v, told %q, refreshed %d", got, de.Checked, items[0].Checked, told, refreshed)
	}
	if th, ok := a.Settings().Theme().(Theme); ok && th.Contrast {
		t.Fatal("high contrast before it was chosen")
	}
	contrast.Action()
	if th, ok := a.Settings().Theme().(Theme); !ok || !th.Contrast || !contrast.Checked || !a.Preferences().Bool(prefContrast) {
		t.Errorf("after High contrast: theme %#v, ticked %v, stored %v", a.Settings().Theme(), contrast.Checked, a.Preferences().Bool(prefContrast))
	}
	Apply(a) // the next start
	if th, ok := a.Settings().Theme().(Theme); !ok || !th.Contrast || th.CJK != (i18n.Lang() == "zh") || i18n.Lang() != "de" {
		t.Errorf("Apply: theme %#v, language %q; want high contrast in German", a.Settings().Theme(), i18n.Lang())
	}
}
