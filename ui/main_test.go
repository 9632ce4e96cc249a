package ui

import (
	"os"
	"testing"
)

// TestMain runs the tests in English whatever the machine's locale: the
// window picks the system's language when no choice is stored (the tests
// that check other languages store one).
func TestMain(m *testing.M) {
	os.Unsetenv("LANGUAGE")
	os.Unsetenv("LC_MESSAGES")
	os.Setenv("LC_ALL", "en_US.UTF-8")
	os.Exit(m.Run())
}
