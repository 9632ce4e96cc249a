package panelview

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/view"
)

const storesCSV = "../../forecast/tsdata/panel/testdata/stores_monthly_long.csv"

// testHost is a Host on Fyne's test driver. The test goroutine plays the
// UI goroutine: it holds mu (as Do does) except while it waits, so the
// callbacks of background goroutines never overlap the test's own widget
// access.
type testHost struct {
	*Host
	mu *sync.Mutex
}

// newTestPane is a pane on a testHost that keeps the last message shown
// in *shown; an error shown fails the test.
func newTestPane(t *testing.T) (*Pane, *testHost, *string) {
	t.Helper()
	a := test.NewTempApp(t)
	var style atomic.Pointer[chart.Style]
	st := chart.Dark()
	style.Store(&st)
	ready, done := make(chan struct{}), make(chan struct{})
	close(ready)
	var bg sync.WaitGroup
	t.Cleanup(func() { close(done); bg.Wait() })
	mu := new(sync.Mutex)
	mu.Lock()
	t.Cleanup(mu.Unlock) // before the wait above
	do := func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	background := func(f func()) {
		bg.Add(1)
		go func() {
			defer bg.Done()
			f()
		}()
	}
	shown := new(string)
	h := &Host{
		Host: &view.Host{
			Do: do, Background: background, Style: &style, Ready: ready, Done: done, BG: &bg,
			Explain: func(err error) string { return app.Message(err) }, Session: app.NewSession(nil),
			ShowError:     func(title string, err error) { t.Errorf("%s: %v", title, err) },
			ShowMessage:   func(title, what, todo string) { *shown = title + ": " + what + " " + todo },
			SaveDialog:    func(string, string, []string, func(string) error) { t.Error("save dialog") },
			JobsChanged:   func() {},
			SettingsValid: func() bool { return true },
		},
		Prefs:         a.Preferences(),
		Tabs:          container.NewAppTabs(container.NewTabItem("Data", widget.NewLabel(""))),
		ConfirmStop:   func(_ string, then func()) { then() },
		ShowLoadError: func(title string, err error) { t.Errorf("%s: %v", title, err) },
		SeriesShown:   func(*app.Data) {},
	}
	return New(h), &testHost{h, mu}, shown
}

// act runs fn as a person's action.
func act(_ *testHost, fn func()) { fn() }

// eventually fails the test when cond does not hold within two minutes.
func eventually(t *testing.T, u *testHost, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute) // as ui's tests: a loaded machine under -race
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		u.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
		u.mu.Lock()
	}
}

// load opens path as the Data tab does and tells the pane.
func load(t *testing.T, pp *Pane, h *testHost, path string) {
	t.Helper()
	d, err := h.Session.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pp.Loaded(d)
}

// TestPanelPane opens a long file of three stores: the series list
// appears with the stores, the tabs show the first, then the one picked;
// search and order work; scoring every series fills the "All series"
// table, the list's errors and the export of every forecast.
func TestPanelPane(t *testing.T) {
	pp, h, _ := newTestPane(t)
	u := h
	if pp.box.Visible() {
		t.Fatal("the series list shows before a file of many series")
	}
	load(t, pp, u, storesCSV)
	eventually(t, u, "the series list", func() bool { return pp.box.Visible() && len(pp.List.Shown()) == 3 })
	eventually(t, u, "the first store in the tabs", func() bool {
		d := u.Session.Data()
		return d != nil && d.Series != nil && d.Series.Name == "S1"
	})
	if !strings.Contains(pp.Title.Text, "3 series by store") || !slices.Contains(u.Tabs.Items, pp.overview) {
		t.Errorf("title %q; overview tab present: %v", pp.Title.Text, slices.Contains(u.Tabs.Items, pp.overview))
	}
	headersFit(t, pp, "Series", "Points", "Chosen") // before any scoring: the empty table's headers
	act(u, func() { pp.List.List.Select(1) })
	eventually(t, u, "S2 in the tabs", func() bool { d := u.Session.Data(); return d.Series.Name == "S2" })
	if d := u.Session.Data(); d.Report.Gaps.Count != 1 || d.Series.Len() != 46 {
		t.Errorf("S2: %d points, %d gaps; want 46 and 1", d.Series.Len(), d.Report.Gaps.Count)
	}
	act(u, func() { test.Type(pp.List.Search, "3") })
	if got := pp.List.Shown(); !slices.Equal(got, []string{"S3"}) {
		t.Errorf("search 3: %v", got)
	}
	act(u, func() {
		pp.List.Search.SetText("")
		pp.List.Sort.SetSelected(view.SortSize)
	})
	if got := pp.List.Shown(); !slices.Equal(got, []string{"S1", "S2", "S3"}) {
		t.Errorf("by size: %v", got)
	}

	set := u.Session.Settings()
	set.Horizon, set.Hidden, set.Epochs = 6, 4, 3
	if err := u.Session.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	// While the first run goes the empty table says so; stopped, it says
	// again how to start one.
	idle := pp.Summary.Text
	act(u, func() { test.Tap(pp.RunAll) })
	if !strings.HasPrefix(pp.Summary.Text, "Scoring every series") {
		t.Errorf("summary while scoring: %q", pp.Summary.Text)
	}
	act(u, func() { test.Tap(pp.Stop) })
	eventually(t, u, "the run stopped", func() bool { return !pp.RunAll.Disabled() })
	if pp.Summary.Text != idle || pp.run != nil {
		t.Errorf("summary after stopping %q; want %q", pp.Summary.Text, idle)
	}
	act(u, func() {
		test.Tap(pp.RunAll)
	})
	eventually(t, u, "every series scored", func() bool { return pp.run != nil && !pp.Export.Disabled() })
	// series, points, chosen, then every method of the local forecaster
	if rows, cols := pp.tableSize(); rows != 3 || cols != 3+len(forecast.Methods) {
		t.Errorf("table %d×%d; want 3×%d", rows, cols, 3+len(forecast.Methods))
	}
	headersFit(t, pp, "Series", "Points", "Chosen")
	if pp.List.Sort.Selected != view.SortError || len(pp.multiples.Objects) != 3 {
		t.Errorf("order %q, %d small multiples", pp.List.Sort.Selected, len(pp.multiples.Objects))
	}
	// worst recommended error first, in the table and the list
	rec := 3 + slices.Index(forecast.Methods, forecast.MethodRecommended)
	first, _ := pp.cell(0, rec)
	last, _ := pp.cell(2, rec)
	if first < last {
		t.Errorf("recommended MASE column from %s to %s; want the worst first", first, last)
	}
	if !strings.Contains(pp.Summary.Text, "Mean MASE over 3 series on the last 6 points") {
		t.Errorf("summary %q", pp.Summary.Text)
	}
	out := filepath.Join(t.TempDir(), "all.csv")
	if err := pp.p.ExportForecast(out, pp.run); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if lines := strings.Split(strings.TrimSpace(string(b)), "\n"); len(lines) != 1+18 || lines[0] != "store,date,forecast,lower80,upper80,lower95,upper95" {
		t.Errorf("export: %d lines, header %q", len(lines), lines[0])
	}

	// a file of one series hides the pane and the tab
	load(t, pp, u, "../../forecast/testdata/air_passengers_monthly.csv")
	eventually(t, u, "the pane hidden", func() bool { return !pp.box.Visible() && !slices.Contains(u.Tabs.Items, pp.overview) })
}

// headersFit fails the test unless the overview table, drawn in a
// window, shows each of the headers named whole (an empty table drew its
// columns at the template's width, "rie Poin Chosen").
func headersFit(t *testing.T, pp *Pane, names ...string) {
	t.Helper()
	w := test.NewWindow(pp.Table)
	defer w.Close()
	w.Resize(fyne.NewSize(2400, 300)) // every column in view (the table draws only those)
	found := map[string]bool{}
	for _, o := range test.LaidOutObjects(pp.Table) {
		b, ok := o.(*widget.Button)
		if !ok || !slices.Contains(names, b.Text) || !b.Visible() {
			continue
		}
		found[b.Text] = true
		need := fyne.MeasureText(b.Text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
		if b.Size().Width < need {
			t.Errorf("header %q is %.0f px wide, its text needs %.0f", b.Text, b.Size().Width, need)
		}
	}
	for _, n := range names {
		if !found[n] {
			t.Errorf("no header %q drawn", n)
		}
	}
}

// TestPanelPickLatest: picks made faster than a series loads (the first
// series is still loading as the file opens) end with the last pick in the
// session and on screen, whatever order the loads finish in.
func TestPanelPickLatest(t *testing.T) {
	pp, u, _ := newTestPane(t)
	var shown []string
	pp.h.SeriesShown = func(d *app.Data) { shown = append(shown, d.Series.Name) }
	load(t, pp, u, storesCSV)
	eventually(t, u, "the series list", func() bool { return len(pp.List.Shown()) == 3 })
	for i := 0; i < 20; i++ {
		act(u, func() { pp.selectSeries([]string{"S3", "S2", "S1"}[i%3]) }) // i = 19 picks S2
	}
	eventually(t, u, "S2 shown", func() bool { return len(shown) > 0 && shown[len(shown)-1] == "S2" })
	u.mu.Unlock()
	time.Sleep(200 * time.Millisecond) // any stale load would land now
	u.mu.Lock()
	if d := u.Session.Data(); d.Series.Name != "S2" || shown[len(shown)-1] != "S2" {
		t.Errorf("session shows %s, screen %v; want S2 last", d.Series.Name, shown)
	}
}

// TestPanelColumns: File → Every numeric column a series reads the open
// wide file as one series a column; a sample cannot be.
func TestPanelColumns(t *testing.T) {
	pp, h, shown := newTestPane(t)
	u := h
	load(t, pp, u, "../../sampledata/data/us_macro_quarterly.csv")
	eventually(t, u, "the file", func() bool { d := u.Session.Data(); return d != nil && d.Series != nil })
	if pp.box.Visible() {
		t.Fatal("a wide file shows the series list before it is asked for")
	}
	act(u, pp.OpenColumns)
	eventually(t, u, "the columns as series", func() bool { return pp.box.Visible() && len(pp.List.Shown()) == 3 })
	if got := pp.List.Shown(); !slices.Equal(got, []string{"realcons", "realgdp", "unemp"}) || !strings.Contains(pp.Title.Text, "one a column") {
		t.Errorf("series %v, title %q", got, pp.Title.Text)
	}
	eventually(t, u, "the first column in the tabs", func() bool { return u.Session.Data().Series.Name == "realcons" })
	if _, err := u.Session.LoadSample("air_passengers"); err != nil {
		t.Fatal(err)
	}
	act(u, pp.OpenColumns)
	if !strings.Contains(*shown, "CSV file of your own") {
		t.Errorf("a sample: dialog %q", *shown)
	}
}

// TestPanelGlobal: the model chosen beside "Score all series" scores every
// series; with the global model the table's columns are the methods it
// scored (its network and blend beside the per-series LSTM and the
// classical fits, no drift), and the choice is kept for the next window.
// The global MASE per store are those of the command line's golden
// backtest (cmd/forecaster/testdata/backtest_panel_global.golden: same
// file, horizon, season, window and seed), printed to 3 decimals.
func TestPanelGlobal(t *testing.T) {
	pp, h, _ := newTestPane(t)
	u := h
	if pp.model() != "local" {
		t.Fatalf("default model %q; want local", pp.model())
	}
	load(t, pp, u, storesCSV)
	eventually(t, u, "the series list", func() bool { return pp.box.Visible() && len(pp.List.Shown()) == 3 })
	set := u.Session.Settings()
	set.Horizon, set.Hidden, set.Epochs = 6, 4, 3
	if err := u.Session.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	act(u, func() {
		pp.Model.SetSelected("One LSTM for all series (global)")
		test.Tap(pp.RunAll)
	})
	if !pp.Model.Disabled() {
		t.Error("the model can be changed while scoring")
	}
	eventually(t, u, "every series scored", func() bool { return pp.run != nil && !pp.Export.Disabled() })
	if pp.run.Model != "global" || pp.Model.Disabled() {
		t.Fatalf("run by %q; model select disabled: %v", pp.run.Model, pp.Model.Disabled())
	}
	var cols []string
	_, nc := pp.tableSize()
	for c := range nc {
		cols = append(cols, pp.colName(c))
	}
	want := []string{"Series", "Points", "Chosen", "LSTM", "Naive", "S. naive", "ETS (auto, AICc)", "Theta", "Global LSTM", "Global+ETS (auto)", "Global+ETS+Theta", "Recommended"}
	if !slices.Equal(cols, want) {
		t.Errorf("columns %q; want %q", cols, want)
	}
	headersFit(t, pp, "ETS (auto, AICc)", "Global LSTM", "Global+ETS (auto)", "Global+ETS+Theta")
	// the method chosen is named as its column is ("global+auto_ets" was
	// shown raw)
	for row := range 3 {
		if got, _ := pp.cell(row, 2); !slices.Contains(want[3:], got) {
			t.Errorf("row %d chosen %q; want one of the columns' names %q", row, got, want[3:])
		}
	}
	golden := map[string]string{"S1": "0.933", "S2": "0.650", "S3": "1.146"}
	for row := range 3 {
		id, _ := pp.cell(row, 0)
		if got, _ := pp.cell(row, 8); got != golden[id] {
			t.Errorf("%s global MASE %s; the CLI's golden %s", id, got, golden[id])
		}
	}
	if !strings.Contains(pp.Progress.Text, "model global") || !strings.Contains(pp.Summary.Text, "Global LSTM ") ||
		!strings.Contains(pp.Summary.Text, "The global network's lookback: 24 points.") {
		t.Errorf("progress %q, summary %q", pp.Progress.Text, pp.Summary.Text)
	}
	if again := New(u.Host); again.model() != "global" {
		t.Errorf("a new window's model %q; want the one chosen, global", again.model())
	}
	// a series the global model left out and forecast on its own
	// (app.SeriesResult.Alone) is named in the summary
	alone := *pp.run
	alone.Results = slices.Clone(pp.run.Results)
	alone.Results[2].Alone = "20 points; the window (24) and horizon (6) need at least 36"
	alone.Results[2].Metrics = maps.Clone(alone.Results[2].Metrics)
	alone.Results[2].Metrics[forecast.MethodARIMA] = classic.Metrics{MASE: 2.5} // its own pipeline's
	act(u, func() { pp.showRun(&alone) })
	if !strings.Contains(pp.Summary.Text, "ARIMA (auto) 2.500 (1 series)") {
		t.Errorf("summary %q; want ARIMA's mean marked as over one series", pp.Summary.Text)
	}
	if !strings.Contains(pp.Summary.Text, "1 left out of the global model and forecast on their own (the Chosen column names the method), e.g. S3: 20 points;") {
		t.Errorf("summary %q; want S3 named as forecast on its own", pp.Summary.Text)
	}
	// In German the table's numbers have a decimal comma ("3.200" read as
	// three thousand two hundred), and the reason is German too.
	i18n.Setup("de")
	defer i18n.Setup("en")
	act(u, func() { pp.showRun(&alone) })
	col := slices.Index(pp.methods, forecast.MethodARIMA) + 3
	row := slices.IndexFunc(pp.rows, func(i int) bool { return alone.Results[i].Alone != "" })
	if got, _ := pp.cell(row, col); got != "2,500" {
		t.Errorf("German table cell %q; want 2,500", got)
	}
	if !strings.Contains(pp.Progress.Text, "Modell global.") {
		t.Errorf("German progress %q; want the model named", pp.Progress.Text)
	}
	i18n.Setup("zh")
	act(u, func() { pp.showRun(&alone) })
	if !strings.Contains(pp.Progress.Text, "全局") {
		t.Errorf("Chinese progress %q; want the model's name in Chinese", pp.Progress.Text)
	}
	i18n.Setup("de")
	act(u, func() { pp.showRun(&alone) })
	if !strings.Contains(pp.Summary.Text, "S3: 20 Punkte; Fenster (24) und Horizont (6) brauchen mindestens 36") || !strings.Contains(pp.Summary.Text, "2,500 (1 Reihe),") {
		t.Errorf("German summary %q; want the reason in German", pp.Summary.Text)
	}
}

// TestPanelStatic: a long file with a column of one value per series
// (region) offers it as an input of the global model, only with that
// model; ticked, the run takes it and the summary says so.
func TestPanelStatic(t *testing.T) {
	pp, u, _ := newTestPane(t)
	load(t, pp, u, "../../cmd/forecaster/testdata/stores_region_long.csv")
	eventually(t, u, "the series list", func() bool { return pp.box.Visible() && len(pp.List.Shown()) == 3 })
	if !slices.Equal(pp.Static.Options, []string{"region"}) || pp.Static.Visible() {
		t.Fatalf("static options %v, visible with the local model: %v", pp.Static.Options, pp.Static.Visible())
	}
	set := u.Session.Settings()
	set.Horizon, set.Hidden, set.Epochs = 6, 4, 3
	if err := u.Session.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	act(u, func() { pp.Model.SetSelected("One LSTM for all series (global)") })
	if !pp.Static.Visible() || !pp.staticLabel.Visible() {
		t.Fatal("the static column is not offered with the global model")
	}
	act(u, func() {
		pp.Static.SetSelected([]string{"region"})
		test.Tap(pp.RunAll)
	})
	if !pp.Static.Disabled() {
		t.Error("the inputs can be changed while scoring")
	}
	eventually(t, u, "every series scored", func() bool { return pp.run != nil && !pp.Export.Disabled() })
	if !slices.Equal(pp.run.StaticInputs, []string{"region=north", "region=south"}) || !strings.Contains(pp.Summary.Text, "inputs besides the values: region.") {
		t.Errorf("static inputs %v; summary %q", pp.run.StaticInputs, pp.Summary.Text)
	}
	act(u, func() { pp.Model.SetSelected("Each series its own LSTM (local)") })
	if pp.Static.Visible() || pp.static() != nil {
		t.Errorf("local model: static shown %v, taken %v", pp.Static.Visible(), pp.static())
	}
}

// TestProgressText: a global model's stage and epochs in the progress line.
func TestProgressText(t *testing.T) {
	pr := app.PanelProgress{PanelStatus: app.PanelStatus{Stage: "training", Total: 3, Windows: 15, Epoch: 12, Epochs: 60}, Elapsed: 4 * time.Second, Left: 16 * time.Second}
	if got, want := progressText(pr), "Training: epoch 12 of 60, 0 of 3 series, 15 training windows in 4 s, about 16 s left"; got != want {
		t.Errorf("%q\nwant %q", got, want)
	}
	pr.Lookback, pr.Candidate, pr.Candidates = 36, 2, 3
	if got, want := progressText(pr), "Training: lookback 36 (2 of 3), epoch 12 of 60, 0 of 3 series, 15 training windows in 4 s, about 16 s left"; got != want {
		t.Errorf("%q\nwant %q", got, want)
	}
	run := &app.PanelRun{Lookback: 48, Lookbacks: []int{24, 36, 48}}
	if got, want := lookbackText(run), "The global network's lookback: 48 points, the lowest validation error of 24, 36, 48."; got != want {
		t.Errorf("%q\nwant %q", got, want)
	}
	pr = app.PanelProgress{PanelStatus: app.PanelStatus{Stage: "fitting each series", Done: 2, Total: 3, Windows: 80}, Elapsed: 2 * time.Second}
	if got, want := progressText(pr), "Fitting each series: 2 of 3 series, 80 training windows in 2 s"; got != want {
		t.Errorf("%q\nwant %q", got, want)
	}
}

// TestMethodLabel: the Chosen column's names are the headers' names, a
// mean's parts each named so.
func TestMethodLabel(t *testing.T) {
	for in, want := range map[string]string{
		"global+auto_ets":      "Global+ETS (auto)",
		"seasonal_naive":       "S. naive",
		"seasonal_naive+arima": "S. naive + ARIMA (auto)",
		"lstm+auto_ets":        "LSTM + ETS (auto, AICc)",
		"theta":                "Theta",
	} {
		if got := methodLabel(in); got != want {
			t.Errorf("methodLabel(%q) = %q; want %q", in, got, want)
		}
	}
}
