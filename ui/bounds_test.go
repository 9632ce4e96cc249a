package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
)

// dialogText returns the text of every label in the topmost dialog of u's
// window, and fails the test when no dialog is shown.
func dialogText(t *testing.T, u *UI) string {
	t.Helper()
	top := u.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	var b strings.Builder
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

// maxDialogRunes bounds everything a message dialog may show: two dozen
// lines of at most app.MaxMessage runes, and the title.
const maxDialogRunes = 24*(app.MaxMessage+1) + 80

// TestLongErrorDialogIsBounded: an error quoting a megabyte of a model
// file (its format field) is shown cut to a few hundred characters; the
// whole megabyte hung the window for minutes.
func TestLongErrorDialogIsBounded(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	huge := strings.Repeat("A", 1<<20)
	for _, err := range []error{
		fmt.Errorf("%w: format is %q, want %q (file m.json)", forecast.ErrBadModel, huge, forecast.ModelFormat),
		config.SettingsError{{Field: "clip", Msg: "unknown method " + huge}, {Field: "lr", Msg: huge + "\n" + huge}},
		fmt.Errorf("%s", strings.Repeat(huge[:1000]+"\n", 1000)),
	} {
		act(u, func() { u.showError("Cannot load the model "+huge, err) })
		got := dialogText(t, u)
		if n := utf8.RuneCountInString(got); n > maxDialogRunes || n < 50 {
			t.Errorf("dialog for a %d-byte error shows %d runes; want 50 to %d", len(err.Error()), n, maxDialogRunes)
		}
		if n := utf8.RuneCountInString(u.shownDialog()); n > maxDialogRunes {
			t.Errorf("lastDialog has %d runes; want at most %d", n, maxDialogRunes)
		}
		if !strings.Contains(got, "…") {
			t.Errorf("dialog does not show that the text was cut: %.200q", got)
		}
	}
	if got := u.shownDialog(); !strings.HasPrefix(got, "Cannot load the model AAA") {
		t.Errorf("dialog title %.100q; want the (cut) title", got)
	}
}

// TestLongColumnNamesAreBounded: column names of 100 KB (the header line
// may be 1 MiB) are cut in the pickers, the import report and the status
// line, stay distinct when they differ only after the cut, and picking one
// still selects the full column.
func TestLongColumnNamesAreBounded(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	long := strings.Repeat("x", 100_000)
	dateCol, valCol, otherCol := "when"+long, "sales"+long+"A", "sales"+long+"B"
	var b strings.Builder
	fmt.Fprintf(&b, "%s,%s,%s\n", dateCol, valCol, otherCol)
	// Day and month equal: the dates read the same either way round, so
	// the import report warns, quoting the (long) date column's name.
	for y := 2020; y < 2024; y++ {
		for m := 1; m <= 12; m++ {
			fmt.Fprintf(&b, "%02d/%02d/%d,%d,%d\n", m, m, y, 100+m*y%17, m)
		}
	}
	p := filepath.Join(t.TempDir(), strings.Repeat("f", 200)+".csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	act(u, func() { u.Data.openPath(p) })
	eventually(t, u, "the file to load", func() bool {
		d := u.Session.Data()
		return d != nil && d.Source == p && !u.busy.Load()
	})
	pause(u, 50*time.Millisecond)
	dt := u.Data
	texts := map[string]string{
		"source":   dt.Source.Text,
		"notes":    dt.Notes.Text,
		"date":     dt.DateSelect.Selected,
		"value":    dt.ValueSelect.Selected,
		"dates":    strings.Join(dt.DateSelect.Options, "|"),
		"values":   strings.Join(dt.ValueSelect.Options, "|"),
		"extra":    strings.Join(dt.Covariates.Options, "|"),
		"selected": strings.Join(dt.Covariates.Selected, "|"),
	}
	for k, l := range dt.report {
		texts["report "+k] = l.Text
	}
	for k, s := range texts {
		if n := utf8.RuneCountInString(s); n > 3*app.MaxMessage {
			t.Errorf("%s shows %d runes: %.100q…", k, n, s)
		}
	}
	if !strings.HasPrefix(dt.Notes.Text, "⚠ column \"whenxxx") || !strings.Contains(dt.Notes.Text, "…") {
		t.Errorf("import notes %.200q; want the ambiguous-dates warning, cut", dt.Notes.Text)
	}
	opts := dt.ValueSelect.Options
	if len(opts) != 2 || opts[0] == opts[1] {
		t.Fatalf("value options %.200q; want two distinct labels", opts)
	}
	act(u, func() { dt.ValueSelect.SetSelected(opts[1]) })
	eventually(t, u, "the other column", func() bool {
		d := u.Session.Data()
		return d != nil && d.Spec.ValueCol == otherCol && !u.busy.Load()
	})
	if d := u.Session.Data(); d.Spec.DateCol != dateCol {
		t.Errorf("date column after picking another value: %.40q; want the long date column", d.Spec.DateCol)
	}
	pause(u, 50*time.Millisecond)
	if got := dt.ValueSelect.Selected; got != opts[1] {
		t.Errorf("value picker shows %.100q; want %.100q", got, opts[1])
	}

	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "the run's forecast", func() bool { return u.Fc.ShowsRunID == 1 })
	for k, s := range map[string]string{
		"forecast summary": u.Fc.Summary.Text,
		"training info":    u.Tr.Info.Text,
		"compare runs":     strings.Join(u.Cmp.Runs.Options, "|"),
	} {
		if n := utf8.RuneCountInString(s); n > 3*app.MaxMessage {
			t.Errorf("%s shows %d runes: %.100q…", k, n, s)
		}
	}
}

// TestColumnLabels: labels are cut, unique, never the "no date" choice,
// and map back to the names.
func TestColumnLabels(t *testing.T) {
	long := strings.Repeat("é", 5000)
	names := []string{"units", noDate, long + "1", long + "2", "tab\there", "units"}
	c := newColumnLabels(names)
	seen := map[string]bool{noDate: true}
	for _, n := range names[:5] {
		l := c.label[n]
		if seen[l] {
			t.Errorf("label %.40q of %.40q is taken", l, n)
		}
		seen[l] = true
		if utf8.RuneCountInString(l) > maxName+4 || strings.ContainsAny(l, "\t\n") {
			t.Errorf("label %.100q of %.40q: not one short line", l, n)
		}
		if got := c.name[l]; got != n {
			t.Errorf("name of label %.40q = %.40q; want %.40q", l, got, n)
		}
	}
	if got := c.names(c.labels(names[:5])); !slices.Equal(got, names[:5]) {
		t.Errorf("names(labels(names)) differ from names")
	}
}
