package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/forecaster-dev/forecaster/ui"
)

// runGUI opens the main window, with a file or "sample:ID" loaded when one
// is given, and returns when it is closed. Without a display it says so in
// one line on stderr and exits with status 1 instead of opening it: the
// windowing library would otherwise stop with a panic and a stack trace.
func runGUI(open ...string) {
	if msg := noDisplay(runtime.GOOS, os.Getenv); msg != "" {
		fmt.Fprintln(os.Stderr, msg)
		os.Exit(1)
	}
	defer exitIfNoDisplay(os.Stderr, os.Exit)
	ui.Run(newApp(), open...)
}

// commandsHint tells a user without a display what works there.
const commandsHint = "the commands work without one: run `forecaster help` to list them (e.g. forecaster forecast -csv FILE -horizon 12)"

// noDisplay is the message for a session where the window cannot open, or
// "" when it may. On X11 and Wayland systems a window needs DISPLAY or
// WAYLAND_DISPLAY; macOS and Windows always have a desktop.
func noDisplay(goos string, getenv func(string) string) string {
	switch goos {
	case "darwin", "windows", "ios", "android", "js", "wasip1":
		return ""
	}
	if getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	return "forecaster: the window needs a display and this session has none (DISPLAY is not set); " + commandsHint
}

// exitIfNoDisplay, deferred around opening the window, turns the windowing
// library's panic when a display is set but cannot be reached (a closed X
// server, a stale DISPLAY over ssh) into a one-line message and status 1.
// Any other panic goes on as it was.
func exitIfNoDisplay(stderr io.Writer, exit func(int)) {
	r := recover()
	if r == nil {
		return
	}
	if !strings.Contains(fmt.Sprint(r), "GLFW library is not initialized") {
		panic(r)
	}
	fmt.Fprintf(stderr, "forecaster: the window could not open: no display could be reached at DISPLAY=%q; %s\n", os.Getenv("DISPLAY"), commandsHint)
	exit(1)
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
