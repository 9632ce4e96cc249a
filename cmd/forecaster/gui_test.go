package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestNoDisplay(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, c := range []struct {
		goos    string
		getenv  func(string) string
		refused bool
	}{
		{"linux", env(), true},
		{"freebsd", env(), true},
		{"linux", env("DISPLAY", ":0"), false},
		{"linux", env("WAYLAND_DISPLAY", "wayland-0"), false},
		{"darwin", env(), false},
		{"windows", env(), false},
	} {
		msg := noDisplay(c.goos, c.getenv)
		if (msg != "") != c.refused {
			t.Errorf("%s: noDisplay = %q, want refused %v", c.goos, msg, c.refused)
		}
		if msg != "" && (!strings.Contains(msg, "needs a display") || !strings.Contains(msg, "forecaster help") || strings.Contains(msg, "\n")) {
			t.Errorf("%s: message %q should say in one line that the window needs a display and what works without one", c.goos, msg)
		}
	}
}

// runWindow starts the test binary as forecaster without arguments (the
// window) with the given display variables, and returns its exit status
// and stderr.
func runWindow(t *testing.T, display string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "FORECASTER_TEST_GUI=1", "HOME="+t.TempDir())
	if display != "" {
		cmd.Env = append(cmd.Env, "DISPLAY="+display)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// TestWindowWithoutDisplay starts forecaster with no display, as `make
// run` on a server would: one line that says why and what works instead,
// status 1, no panic.
func TestWindowWithoutDisplay(t *testing.T) {
	code, stderr := runWindow(t, "")
	if code != 1 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "needs a display") {
		t.Errorf("status %d, stderr:\n%s\nwant status 1 and one line saying the window needs a display", code, stderr)
	}
}

// TestWindowUnreachableDisplay starts forecaster with DISPLAY naming an X
// server that is not there (a stale DISPLAY over ssh): the windowing
// library fails inside Fyne, and the user gets a message, not a panic.
func TestWindowUnreachableDisplay(t *testing.T) {
	const display = ":4093"
	if _, err := os.Stat("/tmp/.X11-unix/X4093"); err == nil {
		t.Skip("an X server is listening on", display)
	}
	code, stderr := runWindow(t, display)
	if code != 1 || strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") ||
		!strings.Contains(stderr, `no display could be reached at DISPLAY=":4093"`) {
		t.Errorf("status %d, stderr:\n%s\nwant status 1 and a message naming the display, no panic", code, stderr)
	}
}

// TestOtherPanicsGoOn checks that exitIfNoDisplay lets any other panic of
// the window through, to be seen and reported.
func TestOtherPanicsGoOn(t *testing.T) {
	exited := false
	got := func() (r any) {
		defer func() { r = recover() }()
		defer exitIfNoDisplay(&bytes.Buffer{}, func(int) { exited = true })
		panic("index out of range")
	}()
	if got != "index out of range" || exited {
		t.Errorf("recovered %v, exited %v; want the panic passed on and no exit", got, exited)
	}
}
