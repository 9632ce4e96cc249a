package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFilesRefused: a named pipe or a folder given as data or model
// file is refused before it is opened (opening a pipe blocks until some
// program writes to it).
func TestSpecialFilesRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	t.Cleanup(func() {
		// Release a reader stuck opening the pipe (a failed test).
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	s := NewSession(nil)
	if _, err := s.LoadSample("air_passengers"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path, kind string
		load             func(string) error
	}{
		{"LoadFile", fifo, "a named pipe", func(p string) error { _, err := s.LoadFile(p); return err }},
		{"LoadFile", dir, "a folder", func(p string) error { _, err := s.LoadFile(p); return err }},
		{"LoadModel", fifo, "a named pipe", func(p string) error { _, err := s.LoadModel(context.Background(), p, nil); return err }},
	} {
		done := make(chan error, 1)
		go func() { done <- c.load(c.path) }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), c.kind+", not a regular file") {
				t.Errorf("%s(%s) = %v; want a refusal naming %s", c.name, filepath.Base(c.path), err, c.kind)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s(%s) blocks", c.name, filepath.Base(c.path))
		}
	}
	if d := s.Data(); d == nil || d.Sample == nil {
		t.Errorf("data after refused files: %+v; want the sample kept", d)
	}
	if err := CheckRegular(filepath.Join(dir, "missing.csv")); err != nil {
		t.Errorf("CheckRegular(missing) = %v; want nil (the open reports it)", err)
	}
}
