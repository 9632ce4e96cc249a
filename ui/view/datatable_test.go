package view

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/forecaster-dev/forecaster/app"
)

// load reads csv (written to a temporary file) into a session.
func load(t testing.TB, csv string) *app.Data {
	t.Helper()
	p := filepath.Join(t.TempDir(), "d.csv")
	if err := os.WriteFile(p, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := app.NewSession(nil).LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDataTableMarksFilled: a daily file missing 2024-01-04 entirely and
// with an empty cell on 2024-01-06 lists 8 points; those two are marked
// (gap, missing) with their interpolated values, the others as read, and
// the extra input has its own column.
func TestDataTableMarksFilled(t *testing.T) {
	csv := "date,sales,price\n2024-01-01,10,1.5\n2024-01-02,12,1.5\n2024-01-03,14,1.25\n2024-01-05,18,1.25\n2024-01-06,,1\n2024-01-07,22,1\n2024-01-08,24.125,1\n"
	d := load(t, csv)
	d.Spec.Covariates = []string{"price"}
	s, _, err := d.Table.Series(d.Spec)
	if err != nil {
		t.Fatal(err)
	}
	d.Series = s
	v := NewDataTable(newTestHost(t))
	v.Show(d) // the test host runs Background and Do at once
	rows, cols := v.size()
	if rows != 8 || cols != 4 {
		t.Fatalf("table is %d×%d; want 8×4 (time, value, filled, price)", rows, cols)
	}
	var got []string
	for r := range rows {
		var cells []string
		for c := range cols {
			cells = append(cells, v.cell(r, c))
		}
		got = append(got, strings.Join(cells, " "))
	}
	want := []string{
		"2024-01-01 10  1.5", "2024-01-02 12  1.5", "2024-01-03 14  1.25",
		"2024-01-04 16 gap 1.25", // linear between 14 and 18; the covariate filled too
		"2024-01-05 18  1.25",
		"2024-01-06 20 missing 1", // between 18 and 22
		"2024-01-07 22  1", "2024-01-08 24.125  1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("table:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := v.Summary.Text; !strings.Contains(s, "8 points, 2 filled: 1 missing from the file's calendar (gap), 1 with an empty or unreadable cell (missing); 1 extra input.") {
		t.Errorf("summary %q", s)
	}
	if v.cur.heads[1] != "sales" || v.cur.heads[3] != "price" {
		t.Errorf("headers %q", v.cur.heads)
	}
}

// TestDataTableSample: a sample read whole has nothing filled.
func TestDataTableSample(t *testing.T) {
	s := app.NewSession(nil)
	d, err := s.LoadSample("air_passengers")
	if err != nil {
		t.Fatal(err)
	}
	v := NewDataTable(newTestHost(t))
	v.Show(d)
	if !strings.HasPrefix(v.Summary.Text, "144 points, all read from the file") {
		t.Errorf("summary %q", v.Summary.Text)
	}
	if got := v.cell(0, 0) + " " + v.cell(0, 1); got != "1949-01-01 112" {
		t.Errorf("first row %q; want 1949-01-01 112", got)
	}
}

// BenchmarkDataTableShow100k: showing a 100,000-point hourly series (the
// points' origin worked out, off the UI goroutine in the window) and
// drawing one screen of cells; widget.Table builds only those.
func BenchmarkDataTableShow100k(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("time,value\n")
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 100_000 {
		if i%1000 == 500 {
			continue // a gap every 1000 hours
		}
		fmt.Fprintf(&sb, "%s,%d.%d\n", t0.Add(time.Duration(i)*time.Hour).Format("2006-01-02 15:04"), i%97, i%10)
	}
	d := load(b, sb.String())
	v := NewDataTable(newTestHost(b))
	b.ResetTimer()
	for range b.N {
		v.Show(d)
		for r := range 40 {
			for c := range 3 {
				_ = v.cell(r, c)
			}
		}
	}
	if !strings.Contains(v.Summary.Text, "100000 points, 100 filled") {
		b.Errorf("summary %q", v.Summary.Text)
	}
}

// TestDataTableHiddenThenShown: data shown while the table's tab is hidden
// (no size) appear once it is laid out.
func TestDataTableHiddenThenShown(t *testing.T) {
	d, err := app.NewSession(nil).LoadSample("air_passengers")
	if err != nil {
		t.Fatal(err)
	}
	v := NewDataTable(newTestHost(t))
	v.Show(d)
	if !v.stale {
		t.Fatal("a table without a size was refreshed (it would lay out a divider per row)")
	}
	w := test.NewWindow(v.Content)
	defer w.Close()
	w.Resize(fyne.NewSize(600, 400))
	if v.stale {
		t.Error("the table was laid out at a size and still has not shown its data")
	}
	if r, _ := v.Table.Length(); r != 144 {
		t.Errorf("table rows %d; want 144", r)
	}
}
