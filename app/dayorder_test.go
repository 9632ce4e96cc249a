package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// Dates 01/02/2024 … 12/02/2024 read month first are the 2nd of each month
// (monthly); read day first they are 1–12 February (daily).
func TestSetDayOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,sales\n")
	for d := 1; d <= 12; d++ {
		fmt.Fprintf(&b, "%02d/02/2024,%d\n", d, 100+d)
	}
	path := filepath.Join(t.TempDir(), "ambiguous.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s := NewSession(nil)
	d, err := s.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Report.Frequency, "month") || d.DayOrder != tsdata.DayOrderAuto {
		t.Fatalf("as detected: frequency %q, order %v; want monthly, auto", d.Report.Frequency, d.DayOrder)
	}
	if !strings.Contains(strings.Join(d.Report.Warnings, "\n"), "set Day order to day first") {
		t.Errorf("warnings %q do not point to the Day order control", d.Report.Warnings)
	}
	set := s.Settings()
	d, err = s.SetDayOrder(tsdata.DayOrderDMY)
	if err != nil {
		t.Fatal(err)
	}
	if d.Report.Frequency != "daily" || d.DayOrder != tsdata.DayOrderDMY || d.Report.Start != "2024-02-01" {
		t.Errorf("day first: frequency %q, order %v, start %q; want daily from 2024-02-01", d.Report.Frequency, d.DayOrder, d.Report.Start)
	}
	// The columns stay; the horizon follows the new frequency.
	if want := forecast.DefaultHorizon(d.Series.Freq); d.Spec.ValueCol != "sales" || s.Settings().Horizon != want || want == set.Horizon {
		t.Errorf("day first: column %q, horizon %d → %d; want sales and the daily default %d", d.Spec.ValueCol, set.Horizon, s.Settings().Horizon, want)
	}
	if _, err := s.LoadSample("air_passengers"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetDayOrder(tsdata.DayOrderDMY); err == nil {
		t.Error("SetDayOrder on a sample: no error")
	}
}
