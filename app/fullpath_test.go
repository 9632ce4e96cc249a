package app

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFullPath(t *testing.T) {
	home, _ := os.UserHomeDir()
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"/tmp/x/../out.csv", "/tmp/out.csv", true},
		{"~/out.csv", filepath.Join(home, "out.csv"), true},
		{"out.csv", "", false},
		{"~out.csv", "", false},
	} {
		got, ok := FullPath(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("FullPath(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
