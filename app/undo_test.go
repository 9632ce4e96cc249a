package app

import (
	"fmt"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// TestUndoSettings: typing 24 over 12 in the horizon is one edit named
// "horizon 12 → 24"; undo and redo put the session's settings back and
// forth; a new edit after an undo drops the redo.
func TestUndoSettings(t *testing.T) {
	s := sessionWithSample(t, "air_passengers")
	clock := time.Unix(1000, 0)
	h := &Edits{now: func() time.Time { return clock }}
	set := func(horizon, hidden int) {
		before := s.Settings()
		next := before
		next.Horizon, next.Hidden = horizon, hidden
		if err := s.SetSettings(next); err != nil {
			t.Fatal(err)
		}
		h.Settings(before, s.Settings())
		clock = clock.Add(300 * time.Millisecond)
	}
	start := s.Settings()
	if start.Horizon != 12 {
		t.Fatalf("the sample's horizon is %d; the test expects 12", start.Horizon)
	}
	set(2, start.Hidden) // the first keystroke of "24"
	set(24, start.Hidden)
	if got := h.UndoName(); got != "horizon 12 → 24" {
		t.Errorf("UndoName = %q; want %q", got, "horizon 12 → 24")
	}
	clock = clock.Add(5 * time.Second) // later: another edit
	set(24, 40)
	if got, want := h.UndoName(), fmt.Sprintf("hidden units %d → 40", start.Hidden); got != want {
		t.Errorf("UndoName = %q; want %q", got, want)
	}
	if _, err := h.Undo(s); err != nil || s.Settings().Hidden != start.Hidden || s.Settings().Horizon != 24 {
		t.Fatalf("after one undo: hidden %d horizon %d (%v); want %d and 24", s.Settings().Hidden, s.Settings().Horizon, err, start.Hidden)
	}
	if _, err := h.Undo(s); err != nil || s.Settings() != start {
		t.Fatalf("after two undos the settings are %+v; want the start", s.Settings())
	}
	if h.UndoName() != "" || h.RedoName() != "horizon 12 → 24" {
		t.Errorf("names after undoing all: undo %q redo %q", h.UndoName(), h.RedoName())
	}
	if e, _ := h.Undo(s); e.Name != "" {
		t.Errorf("Undo with nothing to undo = %q", e.Name)
	}
	if _, err := h.Redo(s); err != nil || s.Settings().Horizon != 24 {
		t.Errorf("after redo the horizon is %d; want 24", s.Settings().Horizon)
	}
	set(6, start.Hidden) // a new edit drops what could be redone
	if h.RedoName() != "" {
		t.Errorf("RedoName after a new edit = %q; want none", h.RedoName())
	}
	// Typing a value back to where it started leaves no edit.
	h.Clear()
	clock = clock.Add(time.Minute)
	set(7, start.Hidden)
	set(6, start.Hidden)
	if h.UndoName() != "" {
		t.Errorf("an edit that came back to its start is %q; want none", h.UndoName())
	}
}

// TestUndoColumns: choosing another value column and undoing it gives the
// first series back, bit for bit.
func TestUndoColumns(t *testing.T) {
	path := seatbelts(t)
	s := NewSession(nil)
	first, err := s.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var h Edits
	next, err := s.SelectColumns(tsdata.SeriesSpec{DateCol: "month", ValueCol: "rear"})
	if err != nil {
		t.Fatal(err)
	}
	h.Columns(first, next)
	if got, want := h.UndoName(), "column front → rear"; got != want {
		t.Errorf("UndoName = %q; want %q", got, want)
	}
	e, err := h.Undo(s)
	if err != nil || !e.Columns() {
		t.Fatalf("Undo = %v, %v", e, err)
	}
	if d := s.Data(); !sameSeries(d.Series, first.Series) {
		t.Errorf("after undo the series is %s; want %s", d.Series.Name, first.Series.Name)
	}
	if _, err := h.Redo(s); err != nil || s.Data().Series.Name != "rear" {
		t.Errorf("after redo the series is %s (%v); want rear", s.Data().Series.Name, err)
	}
}
