package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/sheet"
)

const airWorkbook = "../forecast/tsdata/testdata/air_passengers.xlsx"

// A workbook loads its data sheet by default; another sheet on request;
// a sheet it does not have fails and leaves the loaded data.
func TestLoadSheet(t *testing.T) {
	s := newTestSession(t, fakeTrain(1, 0, nil), 1)
	d, err := s.LoadSheet(airWorkbook, "", tsdata.SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if wb := d.Table.Workbook; wb == nil || wb.Sheet != "Passengers" || d.Series.Len() != 144 || d.Source != airWorkbook {
		t.Fatalf("loaded %+v, %d points from %s; want sheet Passengers, 144 points", wb, d.Series.Len(), d.Source)
	}
	d, err = s.LoadSheet(airWorkbook, "Chart", tsdata.SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Table.Workbook.Sheet != "Chart" || d.Series.Name != "Bin" {
		t.Errorf("sheet %q series %q; want Chart, Bin", d.Table.Workbook.Sheet, d.Series.Name)
	}
	if _, err := s.LoadSheet(airWorkbook, "Sales", tsdata.SeriesSpec{}); !errors.Is(err, sheet.ErrNoSheet) {
		t.Errorf("LoadSheet(Sales) = %v; want ErrNoSheet", err)
	}
	if d := s.Data(); d.Table.Workbook.Sheet != "Chart" {
		t.Errorf("after the failed load the sheet is %q; want Chart kept", d.Table.Workbook.Sheet)
	}
}

// seatbeltsBook writes the UK seatbelts file as a workbook like an
// analyst's: a notes sheet, then a sheet per series ("Front", then
// "Rear" with kms beside it), each under a title and a blank row, with
// real date cells and a total row at the end. It returns its path.
func seatbeltsBook(t *testing.T, dir string) string {
	t.Helper()
	tab, err := tsdata.ReadFile("../../shared/data/uk_seatbelts_front_rear_monthly.csv", tsdata.ReadOptions{})
	if err != nil {
		t.Skipf("shared data: %v", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	code := "yyyy-mm"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	f.SetSheetName("Sheet1", "Notes")
	f.SetCellValue("Notes", "A1", "UK drivers and passengers killed or seriously injured, 1969–1984")
	month, _ := tab.Column("month")
	for _, sh := range []struct {
		name, title string
		cols        []string
	}{
		{"Front", "Front-seat passengers killed or seriously injured", []string{"front"}},
		{"Rear", "Rear-seat passengers killed or seriously injured, with distance driven", []string{"rear", "kms"}},
	} {
		if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		rows := [][]any{{sh.title}, {}, append([]any{"month"}, anySlice(sh.cols)...)}
		for i, m := range month.Times {
			r := []any{m}
			for _, c := range sh.cols {
				col, _ := tab.Column(c)
				r = append(r, col.Numbers[i])
			}
			rows = append(rows, r)
		}
		rows = append(rows, []any{"Total"})
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(sh.name, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SetCellStyle(sh.name, "A4", fmt.Sprintf("A%d", len(rows)-1), date); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "seatbelts.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// The Done-when scenario of issue 14, headless: a real workbook with
// title rows, its second data sheet chosen by hand, a covariate, two runs
// (one renamed), an experiment; the project saved, copied to another
// folder, the workbook deleted; reopened in a new session, everything is
// as it was: the data from the embedded copy on the sheet chosen (not the
// default one), the columns, the settings, the runs with their names,
// telemetry, metrics and models, the experiment, the window's state.
func TestProjectFromWorkbookScenario(t *testing.T) {
	dir := t.TempDir()
	book := seatbeltsBook(t, dir)
	s := NewSession(nil)
	d, err := s.LoadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if wb := d.Table.Workbook; wb.Sheet != "Front" || wb.HeaderRow != 3 || len(wb.Skipped) != 1 {
		t.Fatalf("default sheet %q, header row %d, skipped %v; want Front, 3, the total row", wb.Sheet, wb.HeaderRow, wb.Skipped)
	}
	spec := tsdata.SeriesSpec{DateCol: "month", ValueCol: "rear", Covariates: []string{"kms"}}
	if _, err := s.LoadSheet(book, "Rear", spec); err != nil {
		t.Fatal(err)
	}
	set := s.Settings()
	set.Epochs, set.Hidden, set.Horizon, set.Ensemble, set.Patience = 3, 4, 12, 1, 0
	for _, lr := range []float64{0.01, 0.003} {
		set.LR = lr
		if err := s.SetSettings(set); err != nil {
			t.Fatal(err)
		}
		if r, err := s.Train(context.Background(), nil); err != nil || r.Result == nil {
			t.Fatalf("Train = %v, %v", r, err)
		}
	}
	if err := s.RenameRun(2, "slow rate"); err != nil {
		t.Fatal(err)
	}
	axes := []experiment.Axis{{Name: "hidden", Values: []string{"3", "5"}}}
	set.Epochs = 2
	if _, err := s.RunExperiment(context.Background(), experiment.Spec{Base: set, Axes: axes, Seeds: 1}, nil); err != nil {
		t.Fatal(err)
	}
	set.Horizon = 6
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(dir, "work"+project.Ext)
	view := ProjectView{"tab": "Compare"}
	if err := s.SaveProject(saved, view); err != nil {
		t.Fatal(err)
	}
	// Another machine: the project copied elsewhere, the workbook gone.
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "copied"+project.Ext)
	if err := os.WriteFile(other, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}

	r := NewSession(nil)
	got, gotView, err := r.OpenProject(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	want := s.Data()
	if wb := got.Table.Workbook; wb == nil || wb.Sheet != "Rear" || !reflect.DeepEqual(wb.Sheets, []string{"Notes", "Front", "Rear"}) {
		t.Fatalf("reopened on %+v; want the Rear sheet of Notes, Front, Rear", wb)
	}
	if got.Source != book || !reflect.DeepEqual(got.Spec, want.Spec) || !sameSeries(got.Series, want.Series) || got.Series.Len() != 192 {
		t.Errorf("data %s %+v (%d points); want %s %+v, the same 192 points", got.Source, got.Spec, got.Series.Len(), book, want.Spec)
	}
	if r.Settings() != s.Settings() || !reflect.DeepEqual(gotView, view) {
		t.Errorf("settings %+v, view %v; want %+v, %v", r.Settings(), gotView, s.Settings(), view)
	}
	wr, gr := s.Runs(), r.Runs()
	if len(gr) != 2 || gr[0].Label() != "Run 1" || gr[1].Label() != "Run 2: slow rate" {
		t.Fatalf("runs %v; want Run 1 and Run 2: slow rate", labels(gr))
	}
	for i := range wr {
		w, g := wr[i], gr[i]
		if g.Settings != w.Settings || !sameBits(g.History.State(), w.History.State()) {
			t.Errorf("run %d: settings or telemetry differ after reopening", w.ID)
		}
		wres, gres := *w.Result, *g.Result
		wres.Model, gres.Model = nil, nil
		if !sameBits(gres, wres) {
			t.Errorf("run %d: the result (metrics, forecast) differs after reopening", w.ID)
		}
		wf, err1 := w.Result.Model.Predict(want.Series)
		gf, err2 := g.Result.Model.Predict(got.Series)
		if err1 != nil || err2 != nil || !sameBits(gf.Mean, wf.Mean) {
			t.Errorf("run %d: the model read back forecasts %v (%v, %v); want %v", w.ID, gf, err1, err2, wf)
		}
	}
	if we, ge := s.Experiment(), r.Experiment(); ge.State != Done || !sameBits(ge.Result, we.Result) {
		t.Errorf("experiment %v; want the saved result", ge.State)
	}
	// Saved again from the copy, it needs no workbook and keeps the sheet.
	again := filepath.Join(t.TempDir(), "again"+project.Ext)
	if err := r.SaveProject(again, nil); err != nil {
		t.Fatal(err)
	}
	if d, _, err := NewSession(nil).OpenProject(context.Background(), again); err != nil || d.Table.Workbook.Sheet != "Rear" {
		t.Errorf("reopened again: %v, %v; want the Rear sheet", d, err)
	}
	// The workbook gone, another sheet and another day order are read
	// from the project's copy, which the next save keeps.
	front, err := r.LoadSheet(book, "Front", tsdata.SeriesSpec{})
	if err != nil || front.Table.Workbook.Sheet != "Front" || front.Series.Name != "front" || front.Series.Len() != 192 || front.Source != book {
		t.Fatalf("LoadSheet(Front) from the copy = %v; want the front series of 192 points", err)
	}
	if d, err := r.SetDayOrder(tsdata.DayOrderDMY); err != nil || d.Table.Workbook.Sheet != "Front" {
		t.Errorf("SetDayOrder with the workbook gone = %v; want the Front sheet read again from the copy", err)
	}
	if err := r.SaveProject(again, nil); err != nil {
		t.Fatal(err)
	}
	if d, _, err := NewSession(nil).OpenProject(context.Background(), again); err != nil || d.Table.Workbook.Sheet != "Front" || d.Series.Name != "front" {
		t.Errorf("reopened after picking Front: %v; want the Front sheet", err)
	}
	if _, err := r.LoadSheet(book, "Sales", tsdata.SeriesSpec{}); !errors.Is(err, sheet.ErrNoSheet) {
		t.Errorf("LoadSheet(Sales) from the copy = %v; want the sheets listed", err)
	}
}

func labels(runs []*Run) []string {
	var out []string
	for _, r := range runs {
		out = append(out, r.Label())
	}
	return out
}

// LoadSheetProgress reports the reading of a large file and, cancelled,
// stops it and keeps the data loaded before, as does a cancel that comes
// after the last report.
func TestLoadSheetProgress(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "hourly.csv")
	var b []byte
	b = append(b, "time,value\n"...)
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 400_000 { // 8 MB: read in pieces
		b = fmt.Appendf(b, "%s,%d\n", start.Add(time.Duration(i)*time.Hour).Format("2006-01-02 15:04"), i%24*10+i%7)
	}
	if err := os.WriteFile(big, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s := NewSession(nil)
	var done []int64
	d, err := s.LoadSheetProgress(context.Background(), big, "", tsdata.SeriesSpec{}, func(n, total int64) {
		if total != int64(len(b)) {
			t.Errorf("total %d; want the file's %d bytes", total, len(b))
		}
		done = append(done, n)
	})
	if err != nil || d.Series.Len() != 400_000 {
		t.Fatalf("LoadSheetProgress = %v; want 400000 points", err)
	}
	if len(done) < 2 || done[len(done)-1] != int64(len(b)) {
		t.Errorf("progress %v; want reports up to %d", done, len(b))
	}

	book := seatbeltsBook(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err = s.LoadSheetProgress(ctx, big, "", tsdata.SeriesSpec{}, func(int64, int64) {
		if calls++; calls == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled during the read: %v; want context.Canceled", err)
	}
	_, err = s.LoadSheetProgress(ctx, book, "Rear", tsdata.SeriesSpec{}, nil) // too small for a report
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before a small workbook's read: %v; want context.Canceled", err)
	}
	if d := s.Data(); d.Source != big || d.Series.Len() != 400_000 {
		t.Errorf("after the cancels the data are %s (%d points); want %s kept", d.Source, d.Series.Len(), big)
	}
}
