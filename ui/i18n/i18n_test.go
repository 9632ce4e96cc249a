package i18n

import (
	"sync"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestSetup: the stored choice wins over the system locale, the system
// locale is used when there is none, and an unknown one means English.
func TestSetup(t *testing.T) {
	for _, c := range []struct {
		pref, sysLang, want, cancel string
	}{
		{"zh", "de_DE.UTF-8", "zh", "取消"}, // Fyne's own translation of its dialogs' Cancel
		{"de", "en_US.UTF-8", "de", "Abbrechen"},
		{"en", "zh_CN.UTF-8", "en", "Cancel"},
		{"", "de_DE.UTF-8", "de", "Abbrechen"},
		{"", "zh_CN.UTF-8", "zh", "取消"},
		{"", "fr_FR.UTF-8", "en", ""},
		{"", "C", "en", "Cancel"},
	} {
		t.Setenv("LANGUAGE", "")
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.sysLang)
		sysEnvOnce = sync.Once{} // this is the system now
		if got := Setup(c.pref); got != c.want || Lang() != c.want {
			t.Errorf("LANG=%s Setup(%q) = %q (Lang %q); want %q", c.sysLang, c.pref, got, Lang(), c.want)
		}
		if c.cancel != "" {
			if got := lang.L("Cancel"); got != c.cancel {
				t.Errorf("LANG=%s Setup(%q): Cancel = %q; want %q", c.sysLang, c.pref, got, c.cancel)
			}
		}
	}
	sysEnvOnce = sync.Once{}
	Setup("en")
}
