package app

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestRenameRun: a run keeps its number and gains the name given; names
// are one line, bounded, and only existing runs can be renamed.
func TestRenameRun(t *testing.T) {
	s := newTestSession(t, fakeTrain(2, time.Millisecond, nil), 2)
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	r := wait(t, s)
	if err := s.RenameRun(r.ID, "  no\tclipping \n"); err != nil {
		t.Fatal(err)
	}
	if got := s.Run(r.ID).Label(); got != "Run 1: no clipping" {
		t.Errorf("Label() = %q; want %q", got, "Run 1: no clipping")
	}
	if err := s.RenameRun(r.ID, strings.Repeat("x", MaxRunName+1)); err == nil {
		t.Error("a name over MaxRunName runes was accepted")
	}
	if err := s.RenameRun(99, "x"); err == nil {
		t.Error("renaming a run that does not exist gave no error")
	}
	if err := s.RenameRun(r.ID, ""); err != nil || s.Run(r.ID).Label() != "Run 1" {
		t.Errorf("clearing the name: %v, label %q; want Run 1", err, s.Run(r.ID).Label())
	}
}

// TestDataKey: runs on the same sample and column share a key; another
// column of the same file, or another file, does not.
func TestDataKey(t *testing.T) {
	s := newTestSession(t, fakeTrain(2, time.Millisecond, nil), 2)
	train := func() *Run {
		t.Helper()
		if _, err := s.Start(); err != nil {
			t.Fatal(err)
		}
		return wait(t, s)
	}
	a, b := train(), train()
	if a.DataKey() != b.DataKey() {
		t.Errorf("two runs on air_passengers: keys %q and %q differ", a.DataKey(), b.DataKey())
	}
	if _, err := s.LoadSample("sunspots"); err != nil {
		t.Fatal(err)
	}
	c := train()
	if c.DataKey() == a.DataKey() {
		t.Errorf("runs on air_passengers and sunspots share the key %q", a.DataKey())
	}
	if got := a.DataLabel(fmt.Sprintf); got != "passengers · sample air_passengers · 144 points" {
		t.Errorf("DataLabel() = %q", got)
	}
}
