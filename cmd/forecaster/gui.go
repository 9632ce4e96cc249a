package main

import (
	"os"
	"strings"

	"github.com/forecaster-dev/forecaster/ui"
)

// runGUI opens the main window, with a file or "sample:ID" loaded when one
// is given, and returns when it is closed.
func runGUI(open ...string) {
	ui.Run(newApp(), open...)
}

// isOpenArg reports whether arg names something for the window to open
// rather than a command: "sample:ID" or an existing file.
func isOpenArg(arg string) bool {
	if strings.HasPrefix(arg, "sample:") {
		return true
	}
	if _, isCmd := commands[arg]; isCmd || strings.HasPrefix(arg, "-") {
		return false
	}
	st, err := os.Stat(arg)
	return err == nil && st.Mode().IsRegular()
}
