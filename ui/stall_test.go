package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// gatedTrain is fakeTrain that reports nothing until gate is closed (a job
// still preparing its data); cancelled before that it returns ErrCanceled,
// as forecast.Train does before the first epoch.
func gatedTrain(gate <-chan struct{}) app.TrainFunc {
	inner := fakeTrain(3, time.Millisecond)
	return func(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*app.Result, error) {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, fit.ErrCanceled
		}
		return inner(ctx, s, set, obs)
	}
}

// trainingConsistent fails the test when the Training tab's state label,
// buttons and status line contradict each other or the session.
func trainingConsistent(t *testing.T, u *UI, when string) {
	t.Helper()
	tr := u.Tr
	active := tr.State.Text == "Training" || tr.State.Text == "Paused"
	if active == tr.PauseButton.Disabled() || active == tr.StopButton.Disabled() {
		t.Errorf("%s: state %q with Pause enabled=%v, Stop enabled=%v", when, tr.State.Text, !tr.PauseButton.Disabled(), !tr.StopButton.Disabled())
	}
	if got := u.Session.State(); got.Active() != active {
		t.Errorf("%s: the window says %q; the session is %s", when, tr.State.Text, got)
	}
	if strings.Contains(tr.Info.Text, "step 0/0") {
		t.Errorf("%s: status %q", when, tr.Info.Text)
	}
}

// TestTrainStateNeverStale reproduces the stall of issue 16 ("Starting…"
// and "Idle" beside enabled Pause and Stop while the job ran) without
// timing luck: the test goroutine plays the UI goroutine and holds it busy
// (the UI lock) while the watcher has copied the session's state of before
// Train and waits to show it. Train must show the new job's state at once,
// and the watcher's older copy, shown later, must not overwrite it.
func TestTrainStateNeverStale(t *testing.T) {
	gate := make(chan struct{})
	u := newTestUI(t, gatedTrain(gate))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("5") }) // quick under -race on a busy machine

	// Run 1, stopped before its first epoch: the state is Idle again.
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "run 1 shown", func() bool { return u.Tr.State.Text == "Training" })
	trainingConsistent(t, u, "run 1 preparing")
	act(u, func() { test.Tap(u.Tr.StopButton) })
	eventually(t, u, "run 1 stopped", func() bool { return u.Tr.State.Text == "Idle" && !u.Session.Busy() })
	trainingConsistent(t, u, "run 1 stopped")

	// The UI goroutine is busy (the lock held) while the session signals:
	// the watcher copies the Idle state and waits to show it.
	u.Session.RemoveRun(-1) // no such run: nothing changes …
	u.Session.SelectColumns(u.Session.Data().Spec)
	time.Sleep(300 * time.Millisecond) // … and the watcher has copied Idle

	// Train while the watcher's copy waits.
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	if !u.Session.State().Active() {
		t.Fatal("run 2 did not start")
	}
	trainingConsistent(t, u, "right after Train")
	if u.Tr.State.Text != "Training" {
		t.Errorf("right after Train the state reads %q; want Training", u.Tr.State.Text)
	}
	// The UI goroutine catches up: the watcher's old copy must not win.
	for range 5 {
		pause(u, 20*time.Millisecond)
		trainingConsistent(t, u, "after the UI caught up")
	}
	close(gate)
	eventually(t, u, "run 2 finished", func() bool { return u.Tr.State.Text == "Finished" })
	trainingConsistent(t, u, "run 2 finished")
}
