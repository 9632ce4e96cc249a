package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/ui/view"
)

// TestCompareGroupsBySeries: runs on two samples are never compared with
// each other: the tab lists the series, shows the runs of one, says why,
// and ranks the runs of a series against the baselines of its holdout.
// Renamed runs keep their number.
func TestCompareGroupsBySeries(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, time.Millisecond))
	train := func(n int) {
		t.Helper()
		act(u, func() { test.Tap(u.Tr.TrainButton) })
		eventually(t, u, "run finished", func() bool {
			runs, results := u.Session.Counts()
			return runs == n && results == n && !u.Session.Busy() && u.Tr.State.Text == "Finished"
		})
	}
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("3") })
	train(1)
	train(2)
	openSample(t, u, "sunspots")
	train(3)
	eventually(t, u, "compare lists two series", func() bool { return len(u.Cmp.Series.Options) == 2 })

	// The newest run's series is shown, alone.
	if got := strings.Join(u.Cmp.Runs.Options, "|"); got != "Run 3" {
		t.Errorf("runs listed on sunspots: %q; want Run 3 alone", got)
	}
	if !strings.HasPrefix(u.Cmp.Series.Selected, "sunspots") {
		t.Errorf("series shown %q; want sunspots's", u.Cmp.Series.Selected)
	}
	if !strings.Contains(u.Cmp.Note.Text, "2 different series") {
		t.Errorf("note %q does not say the runs are on different series", u.Cmp.Note.Text)
	}

	// The other series: its two runs, ranked against the baselines.
	for _, o := range u.Cmp.Series.Options {
		if strings.HasPrefix(o, "passengers") {
			act(u, func() { u.Cmp.Series.SetSelected(o) })
		}
	}
	if got := strings.Join(u.Cmp.Runs.Options, "|"); got != "Run 1|Run 2" {
		t.Fatalf("runs listed on air_passengers: %q; want Run 1|Run 2", got)
	}
	var cells []string
	for _, o := range u.Cmp.Diff.Objects {
		cells = append(cells, fmtObj(o))
	}
	table := strings.Join(cells, "|")
	f := view.FixedNum // the window's number format
	for _, want := range []string{"Seasonal naive MASE|" + f(1) + "|" + f(1), "ETS (Holt-Winters) MASE|" + f(0.65) + "|" + f(0.65), "LSTM MASE|" + f(0.61) + "|" + f(0.61)} {
		if !strings.Contains(table, want) {
			t.Errorf("comparison table lacks %q:\n%s", want, table)
		}
	}
	// The default trains three networks, one after another along the
	// charts' epoch axis: the epochs row says so (fakeTrain records the 3 epochs set above).
	if want := "Networks|3, one after another|3, one after another|Epochs run|3 (the first's best: 3)"; !strings.Contains(table, want) {
		t.Errorf("comparison table lacks %q:\n%s", want, table)
	}
	// fakeTrain: LSTM MASE 0.61, ETS 0.65, the best baseline.
	if want := "Run 1's LSTM beats every baseline on the holdout: MASE " + f(0.61) + "; the best baseline, ETS (Holt-Winters), scored " + f(0.65) + "."; u.Cmp.Verdict.Text != want {
		t.Errorf("verdict %q; want %q", u.Cmp.Verdict.Text, want)
	}

	// Renaming.
	if err := u.Session.RenameRun(2, "no clipping"); err != nil {
		t.Fatal(err)
	}
	act(u, u.Cmp.refresh)
	if got := strings.Join(u.Cmp.Runs.Options, "|"); got != "Run 1|Run 2: no clipping" {
		t.Errorf("after renaming run 2: %q", got)
	}
	if len(u.Cmp.Runs.Selected) != 2 {
		t.Errorf("renaming unticked a run: ticked %q", u.Cmp.Runs.Selected)
	}
	// The same through the Rename dialog, as a user does it.
	act(u, u.Cmp.renameDialog)
	var entry *widget.Entry
	for _, o := range test.LaidOutObjects(u.Window().Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("the rename dialog has no name entry")
	}
	act(u, func() { test.Type(entry, "second try") })
	tapDialogButton(t, u, "Rename")
	pause(u, 100*time.Millisecond)
	if got := strings.Join(u.Cmp.Runs.Options, "|"); got != "Run 1|Run 2: second try" {
		t.Errorf("after renaming run 2 in the dialog: %q", got)
	}
	if len(u.Cmp.Runs.Selected) != 2 {
		t.Errorf("renaming in the dialog unticked a run: ticked %q", u.Cmp.Runs.Selected)
	}
}
