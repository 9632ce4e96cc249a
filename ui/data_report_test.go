package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/view"
)

func openFile(t *testing.T, u *UI, path string) {
	t.Helper()
	act(u, func() { u.Data.openPath(path) })
	eventually(t, u, filepath.Base(path)+" loaded", func() bool {
		d := u.Session.Data()
		return d != nil && d.Source == path && !u.busy.Load()
	})
	pause(u, 50*time.Millisecond)
}

// A German export: the report says how it was read.
func TestImportReportReadAs(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	var b strings.Builder
	b.WriteString("Datum;Umsatz\n")
	for d := 1; d <= 28; d++ {
		fmt.Fprintf(&b, "%02d.02.2024;%d.%03d,%02d\n", d, 1+d%3, 100+d, d)
	}
	path := filepath.Join(t.TempDir(), "umsatz.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	openFile(t, u, path)
	if got, want := u.Data.report["Read as"].Text, "semicolon-separated, decimal comma, header row; dates 02.01.2006"; got != want {
		t.Errorf("Read as %q; want %q", got, want)
	}
	if got, want := u.Data.report["Range"].Text, "2024-02-01 to 2024-02-28"; got != want {
		t.Errorf("Range %q; want %q", got, want)
	}
}

// Dates that could be either way: the warning points to the Day order
// picker, which reads them again.
func TestDayOrderPicker(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	var b strings.Builder
	b.WriteString("date,sales\n")
	for d := 1; d <= 12; d++ {
		fmt.Fprintf(&b, "%02d/02/2024,%d\n", d, 100+d)
	}
	path := filepath.Join(t.TempDir(), "ambiguous.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	openFile(t, u, path)
	if u.Data.DayOrder.Disabled() || !strings.Contains(u.Data.Notes.Text, "set Day order to day first") {
		t.Fatalf("day order picker disabled %v; notes %q", u.Data.DayOrder.Disabled(), u.Data.Notes.Text)
	}
	if got := u.Data.report["Frequency"].Text; !strings.HasPrefix(got, "monthly") {
		t.Fatalf("frequency %q; want monthly (month first)", got)
	}
	act(u, func() { u.Data.DayOrder.SetSelectedIndex(int(tsdata.DayOrderDMY)) })
	eventually(t, u, "the dates read day first", func() bool { return strings.HasPrefix(u.Data.report["Frequency"].Text, "daily") })
	if got := u.Data.report["Range"].Text; got != "2024-02-01 to 2024-02-12" {
		t.Errorf("range %q; want 2024-02-01 to 2024-02-12", got)
	}
	// A sample's dates are read as catalogued.
	openSample(t, u, "air_passengers")
	if !u.Data.DayOrder.Disabled() || u.Data.DayOrder.SelectedIndex() != 0 {
		t.Errorf("sample: day order picker disabled %v, index %d; want disabled, from the data", u.Data.DayOrder.Disabled(), u.Data.DayOrder.SelectedIndex())
	}
}

// The weekly CO2 file has empty cells; a daily file lacks 20 days. Gaps
// and Missing agree, and the preview marks every filled point.
func TestGapsAgreeWithMissing(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	path, _ := filepath.Abs(filepath.Join("..", "..", "shared", "data", "mauna_loa_co2_weekly_with_gaps.csv"))
	if _, err := os.Stat(path); err != nil {
		t.Skip("needs /work/shared/data")
	}
	openFile(t, u, path)
	d := u.Session.Data()
	if got, want := u.Data.report["Missing"].Text, "59 empty cells, filled by interpolation"; !strings.HasPrefix(got, want) || d.Report.Missing.Count != 59 {
		t.Errorf("Missing %q; want %q… (inspect counts 59)", got, want)
	}
	if got := len(view.FilledPoints(d)); got != 59 {
		t.Errorf("%d points marked as filled; want the 59 empty cells", got)
	}

	var b strings.Builder
	b.WriteString("day,reading\n")
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 100; i++ {
		if i < 40 || i >= 60 { // 2024-02-10 … 2024-02-29 missing
			fmt.Fprintf(&b, "%s,%d\n", day.AddDate(0, 0, i).Format("2006-01-02"), 50+i%7)
		}
	}
	gapped := filepath.Join(t.TempDir(), "gapped.csv")
	if err := os.WriteFile(gapped, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	openFile(t, u, gapped)
	d = u.Session.Data()
	if got, want := u.Data.report["Gaps"].Text, "20 dates missing from the daily calendar, filled by interpolation; e.g. 2024-02-10 … 2024-02-29 (20 missing)"; got != want {
		t.Errorf("Gaps %q; want %q", got, want)
	}
	if got, want := u.Data.report["Missing"].Text, "no empty cells (the missing dates are under Gaps)"; got != want {
		t.Errorf("Missing %q; want %q", got, want)
	}
	f := view.FilledPoints(d)
	if len(f) != 20 || f[0] != 40 || f[19] != 59 {
		t.Errorf("filled points %v; want 40 … 59", f)
	}
}
