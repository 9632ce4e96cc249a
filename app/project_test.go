package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

// seatbelts copies the UK seatbelts file (two series, three covariates)
// into a folder of the test's and returns its path.
func seatbelts(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../shared/data/uk_seatbelts_front_rear_monthly.csv")
	if err != nil {
		t.Skipf("shared data: %v", err)
	}
	path := filepath.Join(t.TempDir(), "seatbelts.csv")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// trainedSession loads path, chooses rear with kms as a covariate, trains
// two small real runs (the second on other settings) and a 2-cell
// experiment.
func trainedSession(t *testing.T, path string) *Session {
	t.Helper()
	s := NewSession(nil)
	if _, err := s.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SelectColumns(tsdata.SeriesSpec{DateCol: "month", ValueCol: "rear", Covariates: []string{"kms"}, Missing: tsdata.MissingForwardFill}); err != nil {
		t.Fatal(err)
	}
	set := s.Settings()
	set.Epochs, set.Hidden, set.Horizon, set.Ensemble, set.Patience = 3, 4, 12, 2, 0
	for _, clip := range []config.ClipMode{config.ClipNorm, config.ClipNone} {
		set.Clip = clip
		if err := s.SetSettings(set); err != nil {
			t.Fatal(err)
		}
		if r, err := s.Train(context.Background(), nil); err != nil || r.Result == nil {
			t.Fatalf("Train = %v, %v", r, err)
		}
	}
	axes := []experiment.Axis{{Name: "hidden", Values: []string{"3", "5"}}}
	set.Epochs, set.Ensemble = 2, 1
	if _, err := s.RunExperiment(context.Background(), experiment.Spec{Base: set, Axes: axes, Seeds: 1}, nil); err != nil {
		t.Fatal(err)
	}
	set.Horizon = 9 // the settings for the next run differ from both runs'
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	return s
}

// sameBits reports whether a and b hold the same exported values, floats
// compared bit for bit (so NaN equals NaN) and times by Equal; unexported
// fields are not saved and not compared.
func sameBits(a, b any) bool { return bitsEqual(reflect.ValueOf(a), reflect.ValueOf(b)) }

func bitsEqual(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() || a.Type() != b.Type() {
		return false
	}
	if ta, ok := a.Interface().(time.Time); ok {
		return ta.Equal(b.Interface().(time.Time))
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return bitsEqual(a.Elem(), b.Elem())
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() || a.Kind() == reflect.Slice && a.IsNil() != b.IsNil() {
			return false
		}
		for i := range a.Len() {
			if !bitsEqual(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !b.MapIndex(k).IsValid() || !bitsEqual(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() && !bitsEqual(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return a.Interface() == b.Interface()
}

// TestProjectRoundTrip: save, delete the data file, open in a new session:
// the same data bytes, columns, settings, runs (history, metrics, every
// forecast bit for bit; models forecasting the same) and experiment.
func TestProjectRoundTrip(t *testing.T) {
	path := seatbelts(t)
	orig, _ := os.ReadFile(path)
	s := trainedSession(t, path)
	file := filepath.Join(t.TempDir(), "work"+project.Ext)
	view := ProjectView{"tab": "Compare"}
	if err := s.SaveProject(file, view); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil { // another machine: the data file is not there
		t.Fatal(err)
	}

	r := NewSession(nil)
	d, gotView, err := r.OpenProject(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotView, view) {
		t.Errorf("view = %v; want %v", gotView, view)
	}
	if !bytes.Equal(r.proj.bytes, orig) {
		t.Errorf("the embedded data differ from the file's %d bytes", len(orig))
	}
	want := s.Data()
	if d.Source != path || !reflect.DeepEqual(d.Spec, want.Spec) || !sameSeries(d.Series, want.Series) {
		t.Errorf("data = %s %+v; want %s %+v, the same series", d.Source, d.Spec, path, want.Spec)
	}
	if r.Settings() != s.Settings() {
		t.Errorf("settings = %+v; want %+v", r.Settings(), s.Settings())
	}
	wr, gr := s.Runs(), r.Runs()
	if len(gr) != len(wr) || len(gr) != 2 {
		t.Fatalf("%d runs; want %d", len(gr), len(wr))
	}
	for i := range wr {
		w, g := wr[i], gr[i]
		if g.ID != w.ID || g.State != Done || g.Settings != w.Settings || !g.Started.Equal(w.Started) || g.Data != r.Data().Series {
			t.Errorf("run %d = %d %v %v; want %d done on the project's series", i, g.ID, g.State, g.Started, w.ID)
		}
		wres, gres := *w.Result, *g.Result
		wres.Model, gres.Model = nil, nil
		if !sameBits(gres, wres) {
			t.Errorf("run %d: the result differs after the round trip", w.ID)
		}
		if !sameBits(g.History.State(), w.History.State()) {
			t.Errorf("run %d: the telemetry differs after the round trip", w.ID)
		}
		if m := gres.Metrics[forecast.MethodLSTM].MASE; math.Float64bits(m) != math.Float64bits(wres.Metrics[forecast.MethodLSTM].MASE) {
			t.Errorf("run %d: LSTM MASE %v; want %v", w.ID, m, wres.Metrics[forecast.MethodLSTM].MASE)
		}
		// The model read back forecasts the same, bit for bit.
		wf, err1 := w.Result.Model.Predict(want.Series)
		gf, err2 := g.Result.Model.Predict(d.Series)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		for k := range wf.Mean {
			if math.Float64bits(wf.Mean[k]) != math.Float64bits(gf.Mean[k]) || math.Float64bits(wf.Upper95[k]) != math.Float64bits(gf.Upper95[k]) {
				t.Fatalf("run %d: model forecast step %d = %v; want %v", w.ID, k, gf.Mean[k], wf.Mean[k])
			}
		}
	}
	// The Training tab shows the last run as it showed it when it ended.
	wp, gp := s.Progress(), r.Progress()
	if gp.State != Done || gp.RunID != wp.RunID || gp.GradNorm != wp.GradNorm || gp.ClippedNorm != wp.ClippedNorm || gp.LR != wp.LR ||
		gp.BestVal != wp.BestVal || gp.BestEpoch != wp.BestEpoch || gp.ValLoss != wp.ValLoss || gp.Fraction != 1 {
		t.Errorf("progress after reopening = %+v; want %+v", gp, wp)
	}
	we, ge := s.Experiment(), r.Experiment()
	if ge.State != Done || ge.Result == nil || !sameBits(ge.Result, we.Result) || ge.Total != we.Total || ge.Done != we.Done {
		t.Errorf("experiment = %v, %d of %d runs; want the saved result of %d", ge.State, ge.Done, ge.Total, we.Total)
	}
	// The next run is numbered after the saved ones, and it trains.
	if id, err := r.Start(); err != nil || id != 3 {
		t.Errorf("Start after reopening = %d, %v; want run 3", id, err)
	}
	wait(t, r)
	// Saving the reopened project needs no data file.
	if err := r.SaveProject(filepath.Join(t.TempDir(), "again"+project.Ext), nil); err != nil {
		t.Errorf("saving the reopened project: %v", err)
	}
}

// TestProjectOpenFailureKeepsSession: a damaged project leaves the session
// as it was.
func TestProjectOpenFailureKeepsSession(t *testing.T) {
	s := NewSession(nil)
	if _, err := s.LoadSample("air_passengers"); err != nil {
		t.Fatal(err)
	}
	set := s.Settings()
	bad := filepath.Join(t.TempDir(), "bad"+project.Ext)
	os.WriteFile(bad, []byte("PK\x03\x04 not really a zip"), 0o600)
	if _, _, err := s.OpenProject(context.Background(), bad); !errors.Is(err, project.ErrBadProject) {
		t.Errorf("OpenProject(damaged) = %v; want ErrBadProject", err)
	}
	if d := s.Data(); d == nil || d.Source != "sample:air_passengers" || s.Settings() != set {
		t.Errorf("after a failed open the session holds %v; want the sample as before", d)
	}
}

// TestSaveProjectRefusesChangedFile: data whose file changed since loading
// are not embedded (the project would not reopen to what is on screen).
func TestSaveProjectRefusesChangedFile(t *testing.T) {
	path := seatbelts(t)
	s := NewSession(nil)
	if _, err := s.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(b, []byte("867"), []byte("868"), 1), 0o600)
	err := s.SaveProject(filepath.Join(t.TempDir(), "p"+project.Ext), nil)
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("changed since it was loaded")) {
		t.Errorf("SaveProject after the file changed = %v; want a refusal", err)
	}
}

// TestProjectSample: a sample's project reopens as the sample.
func TestProjectSample(t *testing.T) {
	s := NewSession(nil)
	if _, err := s.LoadSample("air_passengers"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "p"+project.Ext)
	if err := s.SaveProject(file, nil); err != nil {
		t.Fatal(err)
	}
	r := NewSession(nil)
	d, _, err := r.OpenProject(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if d.Sample == nil || d.Sample.ID != "air_passengers" || d.Title != s.Data().Title || !sameSeries(d.Series, s.Data().Series) {
		t.Errorf("reopened sample = %+v; want air_passengers", d.Sample)
	}
}

// deadPID returns the ID of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot start a process: %v", err)
	}
	return cmd.Process.Pid
}

// TestRecoveryOffered: a session whose process ended without End leaves
// its marker, and the next launch offers its autosave (until answered); a
// clean end offers nothing; a session still running is left alone.
func TestRecoveryOffered(t *testing.T) {
	dir := t.TempDir()
	crashed := Recovery{Dir: dir, PID: deadPID(t)}
	if offer, err := crashed.Begin(); err != nil || offer != "" {
		t.Fatalf("first Begin = %q, %v; want nothing to offer", offer, err)
	}
	if err := crashed.Save(sessionWithSample(t, "air_passengers"), nil); err != nil {
		t.Fatal(err)
	}
	// Another window, still open, autosaving too.
	other := Recovery{Dir: dir, PID: os.Getppid()}
	other.Begin()
	if err := other.Save(sessionWithSample(t, "sunspots"), nil); err != nil {
		t.Fatal(err)
	}
	// The crashed process is gone. This launch:
	rec := Recovery{Dir: dir}
	offer, err := rec.Begin()
	if err != nil || offer == "" {
		t.Fatalf("Begin after a crash = %q, %v; want the recovery file", offer, err)
	}
	// This session's autosave writes its own file.
	if err := rec.Save(sessionWithSample(t, "sunspots"), nil); err != nil {
		t.Fatal(err)
	}
	r := NewSession(nil)
	if d, _, err := r.OpenProject(context.Background(), offer); err != nil || d.Source != "sample:air_passengers" {
		t.Fatalf("restoring %s = %v; want the crashed session's sample", offer, err)
	}
	if _, err := os.Stat(other.Path()); err != nil {
		t.Errorf("the running window's autosave was touched: %v", err)
	}
	// Quit before answering: the next launch asks again.
	rec.End()
	if again, _ := rec.Begin(); again != offer {
		t.Errorf("Begin after quitting without an answer offers %q; want %q again", again, offer)
	}
	rec.Discard(offer)
	rec.End()
	if offer, _ := rec.Begin(); offer != "" {
		t.Errorf("Begin after a clean end offers %q; want nothing", offer)
	}
	if _, err := os.Stat(rec.Path()); err == nil {
		t.Error("End left this session's recovery file")
	}
}

// sessionWithSample is a session with sample id loaded.
func sessionWithSample(t *testing.T, id string) *Session {
	t.Helper()
	s := NewSession(nil)
	if _, err := s.LoadSample(id); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMarkFollowsChanges: the mark changes with the settings, the columns
// and a finished run, and not otherwise.
func TestMarkFollowsChanges(t *testing.T) {
	s := newTestSession(t, fakeTrain(3, 0, nil), 2)
	m0 := s.Mark()
	if s.Mark() != m0 {
		t.Fatal("the mark changed with nothing done")
	}
	set := s.Settings()
	set.Horizon++
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	m1 := s.Mark()
	if m1 == m0 {
		t.Error("the mark did not change with the settings")
	}
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	r := wait(t, s)
	m2 := s.Mark()
	if m2 == m1 {
		t.Error("the mark did not change with a finished run")
	}
	if err := s.RenameRun(r.ID, "baseline"); err != nil {
		t.Fatal(err)
	}
	if s.Mark() == m2 {
		t.Error("the mark did not change when a run was renamed (the autosave would miss the name)")
	}
}

// TestProjectDayOrder: dates read day first (SetDayOrder) are read day
// first again from the project, on a machine where the file is gone.
func TestProjectDayOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,value\n")
	for m := 1; m <= 12; m++ { // 1 to 12 January, or the 1st of each month
		fmt.Fprintf(&b, "01/%02d/2018,%d\n", m, 100+m*3)
	}
	path := filepath.Join(t.TempDir(), "dmy.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	s := NewSession(nil)
	auto, err := s.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if auto.Series.Freq.Unit != calendar.FreqDay {
		t.Fatalf("read as the file says the series is %v; the test expects daily (month first)", auto.Series.Freq)
	}
	dmy, err := s.SetDayOrder(tsdata.DayOrderDMY)
	if err != nil {
		t.Fatal(err)
	}
	if dmy.Series.Freq.Unit != calendar.FreqMonth {
		t.Fatalf("read day first the series is %v; the test expects monthly", dmy.Series.Freq)
	}
	file := filepath.Join(t.TempDir(), "p"+project.Ext)
	if err := s.SaveProject(file, nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(path)
	d, _, err := NewSession(nil).OpenProject(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if d.DayOrder != tsdata.DayOrderDMY || !sameSeries(d.Series, dmy.Series) {
		t.Errorf("reopened: day order %v, %d points %v; want day first, %d monthly points", d.DayOrder, d.Series.Len(), d.Series.Freq, dmy.Series.Len())
	}
}

// TestProjectOfFileOfMany: a project of a series of a file of many keeps
// the whole file and how it splits: reopened with the file gone, it shows
// the same member, every series of the file is there to pick, a run
// trained on the first member is kept, and after picking another member
// the project saves again from the kept bytes. A file changed on disk is
// refused at the first save, as for a file of one series.
func TestProjectOfFileOfMany(t *testing.T) {
	b, err := os.ReadFile(storesFile)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "stores.csv")
	if err := os.WriteFile(src, b, 0o600); err != nil {
		t.Fatal(err)
	}
	spec := panel.Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, Missing: tsdata.MissingInterpolate}
	p, err := LoadPanel(src, spec)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Members) < 3 {
		t.Fatalf("%d series in %s; the test needs 3", len(p.Members), storesFile)
	}
	s := NewSession(nil)
	first, err := s.SelectSeries(p, p.Members[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if first.Panel != p {
		t.Fatalf("SelectSeries: Data.Panel = %p; want the panel %p", first.Panel, p)
	}
	set := s.Settings()
	set.Epochs, set.Hidden, set.Horizon, set.Ensemble, set.Patience = 2, 4, 6, 1, 0
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Train(context.Background(), nil); err != nil || r.Result == nil {
		t.Fatalf("Train: %v", err)
	}
	// every series scored, one of them failing (a horizon too long for it
	// would refuse the run; an ETS of too few points for its season fails)
	run, err := p.Forecast(context.Background(), "global", PanelJob{Settings: set, Method: forecast.MethodRecommended, Holdout: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	run.Results[0].Err = errors.New("app: this series failed (as the test says)")
	s.SetPanelRun(p, run)
	dir := t.TempDir()
	path := filepath.Join(dir, "stores"+project.Ext)
	if err := s.SaveProject(path, nil); err != nil {
		t.Fatalf("SaveProject of a panel's series: %v", err)
	}
	// the autosave of such a session (it failed on every tick before)
	rec := Recovery{Dir: t.TempDir(), PID: deadPID(t)}
	if _, err := rec.Begin(); err != nil {
		t.Fatal(err)
	}
	if err := rec.Save(s, nil); err != nil {
		t.Fatalf("autosave of a series of many: %v", err)
	}
	if d, _, err := NewSession(nil).OpenProject(context.Background(), rec.Path()); err != nil || d.Panel == nil || d.PanelRun == nil {
		t.Fatalf("restoring the autosave: %v", err)
	}
	if err := os.Remove(src); err != nil {
		t.Fatal(err)
	}

	s2 := NewSession(nil)
	d, _, err := s2.OpenProject(context.Background(), path)
	if err != nil {
		t.Fatalf("OpenProject with the data file gone: %v", err)
	}
	if d.Panel == nil || len(d.Panel.Members) != len(p.Members) || d.Panel.Spec.IDCols[0] != "store" || d.Panel.Title != "stores.csv" {
		t.Fatalf("reopened: panel %+v; want the %d series of stores.csv by store", d.Panel, len(p.Members))
	}
	if !sameSeries(d.Series, first.Series) || d.Title != first.Title {
		t.Errorf("reopened: %q, %d points; want %q as saved", d.Title, d.Series.Len(), first.Title)
	}
	for i, m := range d.Panel.Members {
		if m.ID != p.Members[i].ID || !sameSeries(m.Series, p.Members[i].Series) {
			t.Fatalf("reopened: series %d is %s; want %s, the same points", i, m.ID, p.Members[i].ID)
		}
	}
	if runs := s2.Runs(); len(runs) != 1 || runs[0].Result == nil || !sameSeries(runs[0].Data, first.Series) {
		t.Fatalf("reopened: %d runs; want the one trained on %s", len(runs), p.Members[1].ID)
	}
	got := d.PanelRun
	if got == nil || got.Model != "global" || got.Lookback != run.Lookback || !slices.Equal(got.Lookbacks, run.Lookbacks) || len(got.Results) != len(run.Results) || got.Job.Settings != run.Job.Settings {
		t.Fatalf("reopened: scores %+v; want the global run kept", got)
	}
	for i, r := range run.Results {
		g := got.Results[i]
		if g.ID != r.ID || g.Method != r.Method || g.Recommended != r.Recommended || g.Window != r.Window || !sameBits(g.Forecast, r.Forecast) || !sameBits(g.Metrics, r.Metrics) || (g.Err == nil) != (r.Err == nil) {
			t.Errorf("reopened: series %d scored %+v; want %+v", i, g, r)
		}
	}
	if e := got.Results[0].Err; e == nil || e.Error() != "this series failed (as the test says)" {
		t.Errorf("reopened: the failed series says %v", e)
	}

	other, err := s2.SelectSeries(d.Panel, d.Panel.Members[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	path2 := filepath.Join(dir, "stores2"+project.Ext)
	if err := s2.SaveProject(path2, nil); err != nil {
		t.Fatalf("SaveProject after picking another series, the file gone: %v", err)
	}
	d3, _, err := NewSession(nil).OpenProject(context.Background(), path2)
	if err != nil {
		t.Fatal(err)
	}
	if !sameSeries(d3.Series, other.Series) || d3.Panel == nil || len(d3.Panel.Members) != len(p.Members) || d3.PanelRun == nil {
		t.Errorf("second project shows %s; want %s of %d series", d3.Series.Name, other.Series.Name, len(p.Members))
	}

	// changed on disk between the load and the first save: refused
	if err := os.WriteFile(src, b, 0o600); err != nil {
		t.Fatal(err)
	}
	p4, err := LoadPanel(src, spec)
	if err != nil {
		t.Fatal(err)
	}
	s4 := NewSession(nil)
	if _, err := s4.SelectSeries(p4, p4.Members[0].ID); err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(b, []byte("S1,2015-01-01,730.13"), []byte("S1,2015-01-01,731.13"), 1)
	if bytes.Equal(changed, b) {
		t.Fatal("the test's edit did not apply")
	}
	if err := os.WriteFile(src, changed, 0o600); err != nil {
		t.Fatal(err)
	}
	if p4.Members[0].ID != "S1" {
		t.Fatalf("first series %s; the edit is to S1", p4.Members[0].ID)
	}
	err = s4.SaveProject(filepath.Join(dir, "changed"+project.Ext), nil)
	if err == nil || !strings.Contains(err.Error(), "changed since it was loaded") {
		t.Errorf("SaveProject after the file changed = %v; want a refusal saying so", err)
	}
}

// TestProjectOfWideFile: a file whose columns are series (every numeric
// column, "*") saves and reopens as such, the column shown kept.
func TestProjectOfWideFile(t *testing.T) {
	src := seatbelts(t)
	p, err := LoadPanel(src, panel.Spec{DateCol: "month", ValueCols: []string{"*"}})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(nil)
	shown, err := s.SelectSeries(p, "rear")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "belts"+project.Ext)
	if err := s.SaveProject(path, nil); err != nil {
		t.Fatal(err)
	}
	d, _, err := NewSession(nil).OpenProject(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if d.Panel == nil || len(d.Panel.Members) != len(p.Members) || d.Panel.Report.Format != "wide" || !sameSeries(d.Series, shown.Series) {
		t.Errorf("reopened: panel %v, series %s; want the %d columns of the file, rear shown", d.Panel != nil, d.Series.Name, len(p.Members))
	}
}
