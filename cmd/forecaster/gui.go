package main

import "github.com/forecaster-dev/forecaster/ui"

// runGUI opens the main window and returns when it is closed.
func runGUI() {
	ui.Run(newApp())
}
