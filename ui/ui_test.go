package ui

import (
	"context"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/report"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// fakeTrain imitates forecast.Train quickly: set.Epochs epochs of `steps`
// steps, `per` apart, with plausible telemetry and a result.
func fakeTrain(steps int, per time.Duration) app.TrainFunc {
	return func(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*app.Result, error) {
		var hist []fit.EpochEvent
		stop := config.StopCompleted
	loop:
		for e := 1; e <= set.Epochs; e++ {
			for st := 1; st <= steps; st++ {
				if ctx.Err() != nil {
					if e == 1 {
						return nil, fit.ErrCanceled
					}
					stop = config.StopCanceled
					break loop
				}
				time.Sleep(per)
				g := 3 / math.Sqrt(float64(e*steps+st))
				obs.Step(fit.StepEvent{Epoch: e, Step: st, StepsPerEpoch: steps, Loss: 1 / float64(e), GradNorm: g, ClippedNorm: math.Min(g, set.ClipMax), Clipped: g > set.ClipMax, LR: set.LR})
			}
			prof := make([]float64, 12)
			for i := range prof {
				prof[i] = math.Pow(0.7, float64(len(prof)-1-i)) / float64(e)
			}
			ev := fit.EpochEvent{Epoch: e, Epochs: set.Epochs, TrainLoss: 1 / float64(e), ValLoss: 1.2/float64(e) + 0.05, Best: true, LR: set.LR, HGradByTime: [][]float64{prof}}
			obs.Epoch(ev)
			hist = append(hist, ev)
		}
		h := set.Horizon
		n := s.Len()
		fc := forecast.Forecast{Times: s.FutureTimes(h)}
		last := s.Values[n-1]
		for i := 0; i < h; i++ {
			v := last * (1 + 0.01*float64(i))
			w := float64(i+1) * 0.02 * last
			fc.Mean = append(fc.Mean, v)
			fc.Lower80, fc.Upper80 = append(fc.Lower80, v-w), append(fc.Upper80, v+w)
			fc.Lower95, fc.Upper95 = append(fc.Lower95, v-2*w), append(fc.Upper95, v+2*w)
		}
		ho := forecast.Holdout{Start: n - h, Actual: s.Values[n-h:], Pred: map[string][]float64{}}
		pred := make([]float64, h)
		for i := range pred {
			pred[i] = s.Values[n-h+i] * 1.03
		}
		ho.Pred[forecast.MethodLSTM] = pred
		sn := make([]float64, h)
		for i := range sn {
			sn[i] = s.Values[n-h-12+i%12]
		}
		ho.Pred[forecast.MethodSeasonalNaive] = sn
		return &app.Result{Settings: set, Series: s.Name, StopReason: stop, Forecast: fc, Holdout: ho, History: hist, BestEpoch: len(hist), Seconds: 0.5,
			Coverage80: 0.83, Coverage95: 1,
			Metrics: map[string]classic.Metrics{
				forecast.MethodLSTM:          {MAE: 10.5, RMSE: 12, MAPE: 2.1, SMAPE: 2.0, MASE: 0.61},
				forecast.MethodNaive:         {MAE: 40, RMSE: 52, MAPE: 8, SMAPE: 8.3, MASE: 2.3},
				forecast.MethodSeasonalNaive: {MAE: 20, RMSE: 25, MAPE: 4, SMAPE: 4.1, MASE: 1.0},
				forecast.MethodDrift:         {MAE: 38, RMSE: 50, MAPE: 7.5, SMAPE: 7.6, MASE: 2.1},
				forecast.MethodETS:           {MAE: 11, RMSE: 11.5, MAPE: 2.3, SMAPE: 2.2, MASE: 0.65},
			}}, nil
	}
}

func newTestUI(t *testing.T, tr app.TrainFunc) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	u := NewWithSession(a, app.NewSession(tr))
	t.Cleanup(u.closeAndWait)
	// Lock before the first layout: the charts' loops start with the
	// window and swap their frames in under the lock (a resize outside it
	// raced with them under -race).
	u.uiMu.Lock()
	t.Cleanup(u.uiMu.Unlock)
	u.Window().Resize(fyne.NewSize(1280, 820))
	return u
}

// The test goroutine plays the UI goroutine: it holds the UI lock (see
// UI.do) except while it waits, so the callbacks that background goroutines
// hand to fyne.Do (run on their own goroutine by the test driver) never
// overlap the test's own widget access.

// eventually polls cond until it holds, releasing the UI lock between polls.
// It waits up to two minutes: a run or backtest under -race on a shared
// 2-core machine (AutoETS and ARIMA fitted at every origin) took over 20 s.
func eventually(t *testing.T, u *UI, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		pause(u, 10*time.Millisecond)
	}
}

// pause sleeps with the UI lock released.
func pause(u *UI, d time.Duration) {
	u.uiMu.Unlock()
	time.Sleep(d)
	u.uiMu.Lock()
}

// act runs fn (the test already holds the UI lock).
func act(_ *UI, fn func()) { fn() }

func openSample(t *testing.T, u *UI, id string) {
	t.Helper()
	act(u, func() { u.Data.openSample(id) })
	eventually(t, u, "sample "+id+" loaded", func() bool {
		d := u.Session.Data()
		return d != nil && d.Sample != nil && d.Sample.ID == id && !u.busy.Load()
	})
	pause(u, 50*time.Millisecond)
}

func shot(t *testing.T, u *UI, name string) {
	dir := os.Getenv("UI_SHOTS")
	if dir == "" {
		return
	}
	pause(u, 400*time.Millisecond) // let the charts render
	img := u.Window().Canvas().Capture()
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, img)
}

func TestWindow(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, 0))
	if got := u.Window().Title(); got != "Forecaster" {
		t.Errorf("title %q; want Forecaster", got)
	}
	var names []string
	for _, it := range u.Tabs.Items {
		names = append(names, it.Text)
	}
	if got := strings.Join(names, "|"); got != "Data|Settings|Training|Forecast|Compare|Experiments" {
		t.Errorf("tabs %s", got)
	}
	if !u.Tr.TrainButton.Disabled() {
		t.Error("Train enabled with no data")
	}
	shot(t, u, "0-empty")
}

func TestOpenSampleTrainAndForecast(t *testing.T) {
	u := newTestUI(t, fakeTrain(4, time.Millisecond))
	openSample(t, u, "air_passengers")
	if got := u.Data.ValueSelect.Selected; got != "passengers" {
		t.Errorf("value column %q; want passengers", got)
	}
	if !strings.Contains(u.Data.report["Frequency"].Text, "month") {
		t.Errorf("report frequency %q; want monthly", u.Data.report["Frequency"].Text)
	}
	shot(t, u, "1-data")
	act(u, func() { u.Set.Entries["epochs"].SetText("30") })
	if !u.Set.Valid() || u.Session.Settings().Epochs != 30 {
		t.Fatalf("settings: valid %v epochs %d", u.Set.Valid(), u.Session.Settings().Epochs)
	}
	act(u, func() { u.Tabs.SelectIndex(1) })
	shot(t, u, "2-settings")
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "training to finish", func() bool { return u.Session.State() == app.Done })
	eventually(t, u, "the forecast to show", func() bool { return u.Fc.ShowsRunID == 1 })
	shot(t, u, "3-training")
	if len(u.Fc.Metrics.Objects) != 6*6 {
		t.Fatalf("metrics grid has %d cells; want 36 (header + 5 methods)", len(u.Fc.Metrics.Objects))
	}
	var best []string
	for _, o := range u.Fc.Metrics.Objects {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.SuccessImportance {
			best = append(best, l.Text)
		}
	}
	if len(best) != 5 {
		t.Errorf("best values %v; want one green cell per metric column", best)
	}
	if !strings.Contains(u.Fc.Summary.Text, "coverage") {
		t.Errorf("summary %q", u.Fc.Summary.Text)
	}
	eventually(t, u, "export and save enabled", func() bool { return !u.Fc.ExportCSV.Disabled() && !u.Fc.SaveModel.Disabled() })
	if len(u.Fc.rows) != 13 || u.Fc.rows[1][0] != "1961-01-01" {
		t.Errorf("forecast table %v; want a header and 12 monthly rows from 1961-01-01", u.Fc.rows)
	}
	act(u, func() { u.Tabs.SelectIndex(3) })
	u.Fc.Baselines.SetChecked(true)
	shot(t, u, "4-forecast")
	// A second run with another setting shows up in Compare.
	act(u, func() { u.Set.Selects["clip"].SetSelected("none") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "second run", func() bool { return u.Session.State() == app.Done && u.Fc.ShowsRunID == 2 })
	eventually(t, u, "compare lists both runs", func() bool { return len(u.Cmp.Runs.Options) == 2 })
	act(u, func() { u.Tabs.SelectIndex(4) })
	shot(t, u, "5-compare")
	var diff []string
	for _, o := range u.Cmp.Diff.Objects {
		if l, ok := o.(*widget.Label); ok {
			diff = append(diff, l.Text)
		}
	}
	if !strings.Contains(strings.Join(diff, "|"), "Clipping|norm|none") {
		t.Errorf("diff table does not show the clipping change: %v", diff)
	}
	// Forecast export writes a CSV.
	out := filepath.Join(t.TempDir(), "f.csv")
	if err := u.Session.ExportForecast(out, u.Fc.ShowsRunID, ""); err != nil {
		t.Fatal(err)
	}
	if err := ExportPlot(u.Fc.Chart.Plot(1200), filepath.Join(t.TempDir(), "f.svg"), 1200, 600); err != nil {
		t.Fatal(err)
	}
}

func TestBrokenCSVKeepsData(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, 0))
	openSample(t, u, "sunspots")
	bad := filepath.Join(t.TempDir(), "broken.csv")
	os.WriteFile(bad, []byte("name,comment\nfoo,bar\nbaz,qux\n"), 0o644)
	act(u, func() { u.Data.openPath(bad) })
	eventually(t, u, "the error dialog", func() bool { return strings.HasPrefix(u.shownDialog(), "Cannot open broken.csv") })
	if d := u.Session.Data(); d == nil || d.Series.Name != "sunspots" {
		t.Errorf("data after a broken file: %+v; want sunspots kept", d)
	}
	if got := u.Data.ValueSelect.Selected; got != "sunspots" {
		t.Errorf("value picker shows %q; want sunspots", got)
	}
	if !strings.Contains(u.shownDialog(), "still there") {
		t.Errorf("dialog does not say what to do: %q", u.shownDialog())
	}
	shot(t, u, "6-broken-csv")
}

func TestStopMidRun(t *testing.T) {
	u := newTestUI(t, fakeTrain(5, 2*time.Millisecond))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("5000") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "epoch 3", func() bool { return u.Session.Progress().Epoch >= 3 })
	eventually(t, u, "buttons to follow", func() bool { return !u.Tr.StopButton.Disabled() })
	act(u, func() { test.Tap(u.Tr.StopButton) })
	eventually(t, u, "the run to stop", func() bool { return u.Session.State() == app.Done })
	eventually(t, u, "the forecast of the stopped run", func() bool { return u.Fc.ShowsRunID == 1 })
	if r := u.Session.LastRun(); r.Result.StopReason != config.StopCanceled {
		t.Errorf("stop reason %q", r.Result.StopReason)
	}
	eventually(t, u, "Train enabled again", func() bool { return !u.Tr.TrainButton.Disabled() })
}

func TestInvalidSettingDisablesTrain(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, 0))
	openSample(t, u, "air_passengers")
	eventually(t, u, "Train enabled", func() bool { return !u.Tr.TrainButton.Disabled() })
	e := u.Set.Entries["hidden"]
	e.SetText("0")
	if u.Set.Valid() || !u.Tr.TrainButton.Disabled() {
		t.Fatal("hidden = 0 accepted")
	}
	if err := e.Validate(); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("inline error %v", err)
	}
	if !strings.Contains(u.Set.Status.Text, "Hidden units") {
		t.Errorf("status %q does not name the field", u.Set.Status.Text)
	}
	act(u, func() { u.Set.Entries["lr"].SetText("abc") })
	if err := u.Set.Entries["lr"].Validate(); err == nil {
		t.Error("lr = abc accepted")
	}
	act(u, func() { u.Tabs.SelectIndex(1) })
	shot(t, u, "7-invalid-settings")
	e.SetText("16")
	act(u, func() { u.Set.Entries["lr"].SetText("0.01") })
	if !u.Set.Valid() || u.Tr.TrainButton.Disabled() {
		t.Error("valid again, but Train still disabled")
	}
	// Valid settings are saved in the preferences.
	if s := u.App.Preferences().String(prefSettings); !strings.Contains(s, `"hidden":16`) {
		t.Errorf("preferences %s", s)
	}
}

// TestAnchorSetting: the anchor is on the form with its four choices; a
// combination it cannot serve is flagged on the anchor field and blocks
// training until fixed.
func TestAnchorSetting(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	sel := u.Set.Selects["anchor"]
	if sel == nil || sel.Selected != config.AnchorAuto.String() || len(sel.Options) != 4 {
		t.Fatalf("anchor select %v", sel)
	}
	act(u, func() { sel.SetSelected(config.AnchorETS.String()) })
	act(u, func() { u.Set.Selects["strategy"].SetSelected("recursive") })
	if u.Set.Valid() || !strings.Contains(u.Set.Help["anchor"].Text, "direct strategy") {
		t.Errorf("ets with recursive: valid %v, anchor help %q", u.Set.Valid(), u.Set.Help["anchor"].Text)
	}
	act(u, func() { u.Set.Selects["strategy"].SetSelected("direct") })
	if !u.Set.Valid() || u.Session.Settings().Anchor != config.AnchorETS {
		t.Errorf("ets with direct: valid %v, session anchor %q", u.Set.Valid(), u.Session.Settings().Anchor)
	}
}

func TestSettingsPersist(t *testing.T) {
	a := test.NewTempApp(t)
	u := NewWithSession(a, app.NewSession(fakeTrain(1, 0)))
	u.sync(func() { u.Set.Entries["hidden"].SetText("48") })
	u.closeAndWait()
	u2 := NewWithSession(a, app.NewSession(fakeTrain(1, 0)))
	defer u2.closeAndWait()
	u2.uiMu.Lock()
	defer u2.uiMu.Unlock()
	if got := u2.Session.Settings().Hidden; got != 48 {
		t.Errorf("hidden after restart = %d; want 48", got)
	}
	if got := u2.Set.Entries["hidden"].Text; got != "48" {
		t.Errorf("hidden entry after restart = %q; want 48", got)
	}
}

func TestAbout(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	act(u, func() { u.showAbout() })
	if !strings.Contains(u.shownDialog(), "Forecaster") {
		t.Errorf("about: %q", u.shownDialog())
	}
}

// TestRealTraining drives the window with the real forecast.Train.
func TestRealTraining(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a real network")
	}
	u := newTestUI(t, nil)
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("15") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "training to finish", func() bool { return !u.Session.State().Active() && u.Session.Progress().RunID == 1 })
	if st := u.Session.State(); st != app.Done {
		t.Fatalf("state %v: %v", st, u.Session.Progress().Err)
	}
	eventually(t, u, "the forecast to show", func() bool { return u.Fc.ShowsRunID == 1 })
	if want := 6 * (1 + len(forecast.Methods)); len(u.Fc.Metrics.Objects) != want { // header + every method (the recommended forecast last), 6 columns
		t.Errorf("metrics grid has %d cells; want %d", len(u.Fc.Metrics.Objects), want)
	}
	if !strings.Contains(u.Fc.Summary.Text, "Recommended: ") || !strings.Contains(u.Fc.Summary.Text, "the holdout played no part") {
		t.Errorf("the forecast summary does not name the recommended forecast: %q", u.Fc.Summary.Text)
	}
	if !strings.Contains(u.Fc.Summary.Text, "Anchor (the forecast the network corrects): Holt-Winters multiplicative (m=12)") {
		t.Errorf("the forecast summary does not name the anchor: %q", u.Fc.Summary.Text)
	}
	// Long messages (the anchor's description) wrap instead of widening
	// the window past its default size and pushing the charts off-screen.
	for _, it := range u.Tabs.Items {
		if w := it.Content.MinSize().Width; w > 1280 {
			t.Errorf("the %s tab needs %.0f px of width after a run; the default window is 1280", it.Text, w)
		}
	}
	act(u, func() { u.Tabs.SelectIndex(2) })
	shot(t, u, "real-training")
	act(u, func() { u.Tabs.SelectIndex(3) })
	shot(t, u, "real-forecast")
}

func TestDropFileAndRecent(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	dir := t.TempDir()
	p := filepath.Join(dir, "sales.csv")
	os.WriteFile(p, []byte("day,units\n2024-01-01,5\n2024-01-02,7\n2024-01-03,6\n2024-01-04,9\n2024-01-05,8\n"), 0o644)
	act(u, func() { u.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(p)}) })
	eventually(t, u, "the dropped file to load", func() bool {
		d := u.Session.Data()
		return d != nil && d.Source == p && !u.busy.Load()
	})
	eventually(t, u, "the recent list", func() bool { return len(u.Data.RecentSelect.Options) == 1 })
	if got := u.App.Preferences().StringList(prefRecent); len(got) != 1 || got[0] != p {
		t.Errorf("recent files %v; want [%s]", got, p)
	}
	if got := u.Data.ValueSelect.Selected; got != "units" {
		t.Errorf("value column %q; want units", got)
	}
}

func TestDivergedRunShowsDialog(t *testing.T) {
	tr := func(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*app.Result, error) {
		res, err := fakeTrain(2, 0)(ctx, s, set, obs)
		if err == nil {
			res.StopReason = config.StopDiverged
			res.Diagnosis = "gradient norm rose 10⁴× in 3 steps: enable clipping or lower the learning rate"
		}
		return res, err
	}
	u := newTestUI(t, tr)
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("3") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "the divergence dialog", func() bool { return strings.HasPrefix(u.shownDialog(), "Training diverged") })
	if !strings.Contains(u.shownDialog(), "enable clipping") {
		t.Errorf("dialog %q does not say what to do", u.shownDialog())
	}
	eventually(t, u, "the findings", func() bool {
		for _, o := range u.Tr.Findings.Objects {
			if strings.Contains(fmtObj(o), "Exploding gradient") {
				return true
			}
		}
		return false
	})
}

// fmtObj returns the text of the labels inside o.
func fmtObj(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text
	case *fyne.Container:
		var b strings.Builder
		for _, c := range v.Objects {
			b.WriteString(fmtObj(c) + " ")
		}
		return b.String()
	}
	return ""
}

func TestPauseResumeButtons(t *testing.T) {
	u := newTestUI(t, fakeTrain(5, 2*time.Millisecond))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("2000") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "running", func() bool { return !u.Tr.PauseButton.Disabled() })
	act(u, func() { test.Tap(u.Tr.PauseButton) })
	eventually(t, u, "paused", func() bool { return u.Session.State() == app.Paused && u.Tr.PauseButton.Text == "Resume" })
	if !u.Tr.TrainButton.Disabled() {
		t.Error("Train enabled while paused")
	}
	act(u, func() { test.Tap(u.Tr.PauseButton) })
	eventually(t, u, "running again", func() bool { return u.Session.State() == app.Running && u.Tr.PauseButton.Text == "Pause" })
	// Esc stops.
	act(u, func() {
		u.Window().Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	})
	eventually(t, u, "stopped by Esc", func() bool { return u.Session.State() == app.Done })
}

func TestExperimentsTab(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	u.Session.SetExperimentFunc(func(ctx context.Context, s *tsdata.Series, spec experiment.Spec, progress experiment.Progress) (*experiment.Result, error) {
		cells, err := spec.Cells()
		if err != nil {
			return nil, err
		}
		res := &experiment.Result{Series: s.Name, Spec: spec, Target: 0.3, Best: map[string]int{"mase": 1, "diverged": 0}}
		n := len(cells) * spec.Seeds
		for i := 0; i < n; i++ {
			if ctx.Err() != nil {
				return nil, fit.ErrCanceled
			}
			time.Sleep(2 * time.Millisecond)
			o := experiment.RunOutcome{Cell: i / spec.Seeds, Seed: uint64(i % spec.Seeds), MASE: 0.8 + 0.1*float64(i%3) + 0.2*float64(i/spec.Seeds)}
			res.Runs = append(res.Runs, o)
			progress(i+1, n, o)
		}
		for i, c := range cells {
			prof := []float64{1e-4 * float64(i+1), 1e-2, 1}
			res.Cells = append(res.Cells, experiment.CellSummary{Cell: c, Name: c.Name(spec.Axes), Runs: spec.Seeds,
				ValMedian: []float64{1, 0.5, 0.3 + 0.05*float64(i)}, ValLo: []float64{0.9, 0.4, 0.25}, ValHi: []float64{1.1, 0.6, 0.4},
				MASE: 0.9 + 0.2*float64(i), MASELo: 0.8, MASEHi: 1.2, ToTarget: 3, Reached: 1, Profile: prof, Vanishing: prof[0], Seconds: 1.5})
		}
		return res, nil
	})
	openSample(t, u, "air_passengers")
	act(u, func() { u.Tabs.SelectIndex(5) })
	eventually(t, u, "Run enabled", func() bool { return !u.Exp.RunButton.Disabled() })
	if !strings.Contains(u.Exp.Plan.Text, "4 cells × 3 seeds = 12 runs") {
		t.Errorf("plan %q", u.Exp.Plan.Text)
	}
	u.Exp.AxisValues[1].SetText("none, bogus")
	if !strings.HasPrefix(u.Exp.Plan.Text, "✗") || !u.Exp.RunButton.Disabled() {
		t.Errorf("bad clip value accepted: %q", u.Exp.Plan.Text)
	}
	u.Exp.AxisValues[1].SetText("none, norm")
	test.Tap(u.Exp.RunButton)
	if !u.Tr.TrainButton.Disabled() {
		t.Error("Train enabled while an experiment runs")
	}
	eventually(t, u, "the experiment to finish", func() bool { return u.Session.Experiment().State == app.Done && u.Exp.Shown != nil })
	if r, c := len(u.Exp.Rows), len(u.Exp.Rows[0]); r != 5 || c != 8 {
		t.Errorf("table is %d×%d; want 5×8 (header + 4 cells)", r, c)
	}
	if !u.Exp.Best[[2]int{2, 1}] {
		t.Errorf("best MASE cell not marked: %v", u.Exp.Best)
	}
	eventually(t, u, "export enabled", func() bool { return !u.Exp.Export.Disabled() })
	shot(t, u, "8-experiments")
	out := filepath.Join(t.TempDir(), "r.html")
	if err := report.WriteFiles(out, "test", u.Exp.Shown); err != nil {
		t.Fatal(err)
	}
}

func TestExportTrainingCharts(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, 0))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("5") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	// ShowsRunID is set once the watcher has handed the finished run to the
	// widgets (charts included).
	eventually(t, u, "done", func() bool { return u.Fc.ShowsRunID == 1 && !u.Tr.ExportHistory.Disabled() })
	dir := t.TempDir()
	for i, c := range []*view.Chart{u.Tr.Loss, u.Tr.Grad, u.Tr.Heat} {
		for _, ext := range []string{".png", ".svg"} {
			p := filepath.Join(dir, fmt.Sprintf("c%d%s", i, ext))
			if err := ExportPlot(c.Plot(1200), p, 1200, 500); err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Stat(p); err != nil || fi.Size() < 1000 {
				t.Errorf("%s: %v, %d bytes", p, err, fi.Size())
			}
		}
	}
}

// TestClaimPreset: a claim's preset fills the grid and runs it with the
// settings the study fixes (SGD, z-scored data, MSE for the clipping
// claim), without changing the Settings tab; "No preset" drops them.
func TestClaimPreset(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	specs := make(chan experiment.Spec, 2)
	u.Session.SetExperimentFunc(func(ctx context.Context, s *tsdata.Series, spec experiment.Spec, progress experiment.Progress) (*experiment.Result, error) {
		specs <- spec
		return nil, fit.ErrCanceled
	})
	openSample(t, u, "air_passengers")
	act(u, func() { u.Tabs.SelectIndex(5) })
	act(u, func() { u.Exp.Presets.SetSelected("Claim: Gradient clipping nearly removes divergence") })
	if got := u.Exp.AxisSelect[0].Selected + "=" + u.Exp.AxisValues[0].Text + " " + u.Exp.AxisSelect[1].Selected + "=" + u.Exp.AxisValues[1].Text; got != "clip=none, norm lr=0.1, 1, 5" {
		t.Errorf("preset grid %q", got)
	}
	if !strings.Contains(u.Exp.Plan.Text, "6 cells") || !strings.Contains(u.Exp.Plan.Text, "optimizer sgd, scaler zscore, loss mse") {
		t.Errorf("plan does not show the preset's fixed settings: %q", u.Exp.Plan.Text)
	}
	eventually(t, u, "Run enabled", func() bool { return !u.Exp.RunButton.Disabled() })
	act(u, func() { test.Tap(u.Exp.RunButton) })
	spec := <-specs
	if b := spec.Base; b.Optimizer != config.OptimizerSGD || b.Scaler != config.ScaleZScore || b.Loss != config.LossMSE || b.Patience != 0 || b.Epochs != 60 {
		t.Errorf("experiment base %s/%s/%s patience %d epochs %d; want sgd/zscore/mse, 0, 60", b.Optimizer, b.Scaler, b.Loss, b.Patience, b.Epochs)
	}
	if s := u.Session.Settings(); s.Optimizer != config.OptimizerAdam || s.Scaler != config.ScaleWindow {
		t.Errorf("the preset changed the Settings tab: %s/%s", s.Optimizer, s.Scaler)
	}
	eventually(t, u, "the experiment slot to free", func() bool { return u.Session.Experiment().State != app.Running })
	act(u, func() { u.Exp.Presets.SetSelectedIndex(0) })
	if strings.Contains(u.Exp.Plan.Text, "preset also sets") {
		t.Errorf("no preset, but the plan says %q", u.Exp.Plan.Text)
	}
	eventually(t, u, "Run enabled", func() bool { return !u.Exp.RunButton.Disabled() })
	act(u, func() { test.Tap(u.Exp.RunButton) })
	if b := (<-specs).Base; b.Optimizer != config.OptimizerAdam || b.Scaler != config.ScaleWindow {
		t.Errorf("without a preset the base is %s/%s; want the Settings tab's adam/window", b.Optimizer, b.Scaler)
	}
}

// TestBrokenCSVFirstLaunch: with nothing loaded before, a file that fails
// to load does not claim that earlier data are still there.
func TestBrokenCSVFirstLaunch(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, 0))
	bad := filepath.Join(t.TempDir(), "broken.csv")
	os.WriteFile(bad, []byte("name,comment\nfoo,bar\nbaz,qux\n"), 0o644)
	act(u, func() { u.Data.openPath(bad) })
	eventually(t, u, "the error dialog", func() bool { return strings.HasPrefix(u.shownDialog(), "Cannot open broken.csv") })
	if strings.Contains(u.shownDialog(), "still there") {
		t.Errorf("first launch: the dialog speaks of earlier data: %q", u.shownDialog())
	}
}
