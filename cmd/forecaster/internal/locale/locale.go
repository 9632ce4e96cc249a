// Package locale gives the process a parsable locale before Fyne's lang
// package reads it. Fyne logs "Error parsing user locale C" at start-up on
// machines (CI, containers) whose locale is unset or POSIX; the app's text is
// English either way.
//
// Import it for its side effect, first, from package main. Go initialises
// ready packages in import-path order, and this one (github.com/forecaster-dev/…)
// depends only on os, so its init runs before fyne.io/fyne/v2/lang's, whose
// dependencies include github.com/jeandeaual/go-locale.
package locale

import (
	"os"
	"strings"
)

func init() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
			os.Setenv(k, "en_US.UTF-8")
		}
		return
	}
	os.Setenv("LANG", "en_US.UTF-8")
}
