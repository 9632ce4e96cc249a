package ui

import (
	"context"
	"image"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// seasonalNaiveWins is fakeTrain's run in which seasonal naive beats the
// LSTM on the holdout (MASE 0.71 against 0.87), its forecast past the end
// is kept, and the LSTM's intervals covered 4 of 12 holdout points (80 %)
// and 6 of 12 (95 %).
func seasonalNaiveWins(tr app.TrainFunc) app.TrainFunc {
	return func(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*app.Result, error) {
		res, err := tr(ctx, s, set, obs)
		if err != nil {
			return nil, err
		}
		res.Metrics[forecast.MethodLSTM] = classic.Metrics{MAE: 30, RMSE: 35, MAPE: 6, SMAPE: 6.1, MASE: 0.87}
		res.Metrics[forecast.MethodSeasonalNaive] = classic.Metrics{MAE: 24.5, RMSE: 30, MAPE: 5, SMAPE: 5.1, MASE: 0.71}
		res.Metrics[forecast.MethodETS] = classic.Metrics{MAE: 31, RMSE: 36, MAPE: 6.2, SMAPE: 6.3, MASE: 0.9}
		n := s.Len()
		sn := forecast.Forecast{Times: res.Forecast.Times}
		for i := range res.Forecast.Mean {
			v := s.Values[n-12+i%12] + 0.123456789
			sn.Mean = append(sn.Mean, v)
			sn.Lower80, sn.Upper80 = append(sn.Lower80, v-10), append(sn.Upper80, v+10)
			sn.Lower95, sn.Upper95 = append(sn.Lower95, v-20), append(sn.Upper95, v+20)
		}
		res.Forecasts = map[string]forecast.Forecast{forecast.MethodSeasonalNaive: sn, forecast.MethodLSTM: res.Forecast}
		res.Coverage80, res.Coverage95 = 4.0/12, 6.0/12
		return res, nil
	}
}

func metricRows(u *UI) [][]string {
	var rows [][]string
	var row []string
	for i, o := range u.Fc.Metrics.Objects {
		row = append(row, o.(*widget.Label).Text)
		if i%6 == 5 {
			rows = append(rows, row)
			row = nil
		}
	}
	return rows
}

// The Forecast tab says who won, puts the winner first, draws the
// baselines into the future, warns about narrow intervals and exports
// the method its table shows.
func TestForecastTabTellsTheWinner(t *testing.T) {
	u := newTestUI(t, seasonalNaiveWins(fakeTrain(2, 0)))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("3") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "the forecast to show", func() bool { return u.Fc.ShowsRunID == 1 })

	// (0.87 - 0.71) / 0.87 = 18 %.
	if got, want := u.Fc.Headline.Text, "Seasonal naive beat the LSTM by 18% MASE on the holdout (MASE 0.710 against 0.870)."; got != want || !u.Fc.Headline.Visible() {
		t.Errorf("headline %q (visible %v); want %q", got, u.Fc.Headline.Visible(), want)
	}
	rows := metricRows(u)
	if got := rows[1][0]; got != "Seasonal naive ★" {
		t.Errorf("first method row %q; want the winner, starred", got)
	}
	// MASE ascending: 0.71, 0.87 (LSTM), 0.9 (ETS)…; one precision a column.
	var mase []string
	for _, r := range rows[1:] {
		mase = append(mase, r[5])
	}
	if got, want := strings.Join(mase, " "), "0.710 0.870 0.900 2.100 2.300"; got != want {
		t.Errorf("MASE column %q; want %q (sorted, three decimals)", got, want)
	}
	if rows[1][0] == "LSTM" || rows[0][0] != "Method" {
		t.Errorf("rows %v", rows)
	}

	// The baselines' forecasts past the end are drawn when ticked.
	if got := u.Fc.data.BaselineFuture["Seasonal naive"]; len(got) != 12 {
		t.Errorf("seasonal naive's future line has %d points; want 12", len(got))
	}

	// 4 of 12 in the 80 % interval: flagged beside the chart.
	if !u.Fc.IntervalNote.Visible() || !strings.Contains(u.Fc.IntervalNote.Text, "the 80% interval covered 33%") || !strings.Contains(u.Fc.IntervalNote.Text, "the 95% interval 50%") {
		t.Errorf("interval note %q (visible %v)", u.Fc.IntervalNote.Text, u.Fc.IntervalNote.Visible())
	}

	// The table shows the picked method; the export writes it.
	if got := u.Fc.Method.Options; strings.Join(got, "|") != "LSTM|Seasonal naive" {
		t.Fatalf("method picker options %v", got)
	}
	lstmFirst := u.Fc.rows[1][1]
	act(u, func() { u.Fc.Method.SetSelected("Seasonal naive") })
	if u.Fc.rows[1][1] == lstmFirst {
		t.Errorf("the table still shows the LSTM's %q after picking seasonal naive", lstmFirst)
	}
	// Whole passengers: no decimals on screen; thousands separated.
	for _, r := range u.Fc.rows[1:] {
		for _, c := range r[1:] {
			if strings.Contains(c, ".") {
				t.Errorf("table cell %q has decimals; the passengers are whole numbers", c)
			}
		}
	}
	dir := t.TempDir()
	saveThroughDialog(t, u, dir, "sn.csv", u.Fc.exportCSV)
	path := filepath.Join(dir, "sn.csv")
	eventually(t, u, "the export", func() bool { _, err := os.Stat(path); return err == nil })
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	sn := u.Session.LastRun().Result.Forecasts[forecast.MethodSeasonalNaive]
	// Two decimals more than the data's (none): 417.123456789 → 417.12.
	want := "1961-01-01," + fmtRound(sn.Mean[0]) + ","
	if len(lines) != 13 || !strings.HasPrefix(lines[1], want) {
		t.Errorf("exported %q…; want 12 rows, the first starting %q", lines[:2], want)
	}
}

func fmtRound(v float64) string {
	return strings.TrimRight(strings.TrimRight(strconvF(math.Round(v*100)/100), "0"), ".")
}

func strconvF(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// At 1366×768 the forecast table shows every column, the 95 % ones too.
func TestForecastTableFits1366(t *testing.T) {
	u := newTestUI(t, seasonalNaiveWins(fakeTrain(2, 0)))
	u.Window().Resize(fyne.NewSize(1366, 740))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Tr.Start() })
	eventually(t, u, "the forecast to show", func() bool { return u.Fc.ShowsRunID == 1 })
	act(u, func() { u.Tabs.SelectIndex(3) })
	pause(u, 100*time.Millisecond)
	var need float32 // the widest text of each column, summed
	for c := 0; c < 6; c++ {
		var w float32
		for _, r := range u.Fc.rows {
			w = max(w, fyne.MeasureText(r[c], theme.TextSize(), fyne.TextStyle{Bold: true}).Width)
		}
		need += w
	}
	if got := u.Fc.Values.Size().Width; got < need {
		t.Errorf("the forecast table is %.0f px wide; its six columns need at least %.0f", got, need)
	}
	if w := u.Fc.Metrics.MinSize().Width; w > 700 {
		t.Errorf("the metrics grid needs %.0f px; want it to leave room for the table", w)
	}
}

// A series too short for the network (54 months, horizon 12) is forecast
// by the classical methods: no tab may speak of epochs, of an LSTM
// forecast or of the LSTM's coverage (issue #16: a classical-only run said
// "finished after 0 epochs …: ; best epoch 0" and offered "Forecast of
// LSTM").
func TestNoNetworkRunSaysSo(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "sampledata", "data", "air_passengers_monthly.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	p := filepath.Join(t.TempDir(), "air54.csv")
	if err := os.WriteFile(p, []byte(strings.Join(lines[:55], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, nil)
	openFile(t, u, p)
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "the run to finish", func() bool { return !u.Session.State().Active() && u.Session.Progress().RunID == 1 })
	eventually(t, u, "the forecast to show", func() bool { return u.Fc.ShowsRunID == 1 })
	run := u.Session.Runs()[0]
	if run.Result == nil || run.Result.Network() {
		t.Fatalf("54 months with horizon 12 trained a network (%v); the test needs a classical-only run", run.Result != nil)
	}
	info := u.Tr.Info.Text
	if strings.Contains(info, "epoch") || !strings.Contains(info, "without a network") || !strings.Contains(info, "No network: too few windows") {
		t.Errorf("Training tab says %q; want why no network was trained, and no epochs", info)
	}
	// the summary wraps; the tab was laid out again for its height (before,
	// its second line was drawn under the charts)
	var infoH, infoMin float32
	act(u, func() { u.Tabs.SelectIndex(2); infoH, infoMin = u.Tr.Info.Size().Height, u.Tr.Info.MinSize().Height })
	if infoH < infoMin {
		t.Errorf("the Training tab's summary is %v high; it needs %v", infoH, infoMin)
	}
	if lbl := view.BlendLabel(run.Result.Recommended); !strings.Contains(info, "(recommended: "+lbl+")") {
		t.Errorf("Training tab says %q; want the recommended method named %q, not by its key", info, lbl)
	}
	if got := u.Fc.Method.Selected; got != view.MethodLabel(forecast.MethodRecommended) {
		t.Errorf("the Forecast tab offers first %q; want the recommended forecast", got)
	}
	for _, o := range u.Fc.Method.Options {
		if o == view.MethodLabel(forecast.MethodLSTM) {
			t.Errorf("the Forecast of picker offers the LSTM, which was not trained: %v", u.Fc.Method.Options)
		}
	}
	sum := u.Fc.Summary.Text
	if strings.Contains(sum, "epoch") || !strings.Contains(sum, "no network") || !strings.Contains(sum, "coverage of the recommended forecast") {
		t.Errorf("Forecast summary %q; want no epochs and the recommended forecast's coverage", sum)
	}
	if !u.Fc.Headline.Visible() || !strings.HasPrefix(u.Fc.Headline.Text, "No network") {
		t.Errorf("headline %q (shown %v); want why there is no network", u.Fc.Headline.Text, u.Fc.Headline.Visible())
	}
	// It names the recommended method as the window labels it, not by the
	// CLI's key ("comb+seasonal_naive").
	if lbl := view.BlendLabel(run.Result.Recommended); !strings.Contains(u.Fc.Headline.Text, "(recommended: "+lbl+")") || strings.Contains(u.Fc.Headline.Text, "_") {
		t.Errorf("headline %q; want the recommended method as %q", u.Fc.Headline.Text, lbl)
	}
	// The coverage warning, if any, speaks of the intervals drawn: the
	// recommended forecast's, whose coverage the run measured.
	c := run.Result.Coverage[forecast.MethodRecommended]
	if run.Result.Coverage80 != c.P80 || run.Result.Coverage95 != c.P95 {
		t.Errorf("coverage %v/%v; want the recommended forecast's %v/%v", run.Result.Coverage80, run.Result.Coverage95, c.P80, c.P95)
	}
	if got := view.CoverageNote(c.P80, c.P95, 12); (got != "") != u.Fc.IntervalNote.Visible() {
		t.Errorf("interval note shown %v; want %q", u.Fc.IntervalNote.Visible(), got)
	}
	if err := u.Session.ExportForecast(filepath.Join(t.TempDir(), "x.csv"), 1, forecast.MethodLSTM); err == nil || !strings.Contains(err.Error(), "no lstm forecast") {
		t.Errorf("exporting the LSTM forecast of a run without a network: %v; want an error naming the methods it has", err)
	}
	// The Compare tab: the run has no curves. Its charts say why; before,
	// they were log charts with nothing on them, which gonum/plot panics
	// on (the window died under Xvfb), and then "diverged", which it did not.
	eventually(t, u, "compare lists the run", func() bool { return len(u.Cmp.Runs.Selected) == 1 })
	for _, c := range []struct {
		ch    *view.Chart
		title string
	}{{u.Cmp.Loss, "Validation loss"}, {u.Cmp.Grad, "Gradient norm before clipping"}} {
		var got, want image.Image
		act(u, func() {
			got = chart.Render(c.ch.Plot(400), 400, 300, 1)
			want = chart.Render(chart.Message(chart.Light(), c.title, "None of the runs ticked trained a network, so there is no curve to draw"), 400, 300, 1)
		})
		if !sameImage(got, want) {
			t.Errorf("the Compare tab's %s chart does not say that no run ticked trained a network", c.title)
		}
	}
	act(u, func() { u.Tabs.SelectIndex(2) })
	shot(t, u, "no-network-training")
	act(u, func() { u.Tabs.SelectIndex(3) })
	shot(t, u, "no-network-forecast")
}

// While the first run trains, the empty Forecast tab says so rather than
// "Train a model … to see its forecast".
func TestForecastTabWhileTraining(t *testing.T) {
	u := newTestUI(t, fakeTrain(2, 20*time.Millisecond))
	openSample(t, u, "air_passengers")
	act(u, func() { u.Set.Entries["epochs"].SetText("40") })
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "the hint to follow the run", func() bool { return strings.Contains(u.Fc.Summary.Text, "Run 1 is training") })
	eventually(t, u, "the forecast to show", func() bool { return u.Fc.ShowsRunID == 1 })
	if strings.Contains(u.Fc.Summary.Text, "is training") {
		t.Errorf("after the run the summary still says %q", u.Fc.Summary.Text)
	}
}

// TestRecommendedNoteShortSeries: the Forecast tab's sentence about the
// recommended forecast tells how it was chosen — for a series too short
// for the network not "the lowest error on the validation windows", which
// it was not (forecast.Result.ShortRule), before and after the rule.
func TestRecommendedNoteShortSeries(t *testing.T) {
	for _, c := range []struct {
		res       forecast.Result
		want, not string
	}{
		{forecast.Result{Recommended: "comb", ShortRule: true}, "too few validation windows", "lowest error"},
		{forecast.Result{Recommended: "comb+seasonal_naive", ShortRule: true}, "no validation window", "lowest error"},
		{forecast.Result{Recommended: "comb"}, "the method with the lowest error on the validation windows", "too short"},
		{forecast.Result{Recommended: "lstm+theta"}, "the mean of the methods with the lowest error", "too short"},
	} {
		got := recommendedNote(&c.res)
		if !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("%s (short rule %v): %q; want %q, not %q", c.res.Recommended, c.res.ShortRule, got, c.want, c.not)
		}
	}
}

// TestForecastTabDrawsTheRecommended: after a run with a network the
// Forecast tab draws and offers first the recommended forecast — the one
// `forecaster forecast` writes — names it in the title, tells its holdout
// coverage, and keeps the LSTM in the picker and among the lines the
// Baselines box draws, with the recommended forecast's own holdout band.
// Before, it drew the LSTM's even where the run recommended another
// method, so the window's forecast and the CLI's differed; then no
// holdout band for a method other than the LSTM.
func TestForecastTabDrawsTheRecommended(t *testing.T) {
	// A real run (forecast.Train), its recommendation then moved to the
	// seasonal naive consistently (forecast, holdout line, metrics,
	// coverage): on the sample the validation windows choose the LSTM.
	u := newTestUI(t, func(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*app.Result, error) {
		res, err := forecast.Train(ctx, s, set, obs)
		if err != nil {
			return nil, err
		}
		sn := forecast.MethodSeasonalNaive
		res.Recommended = sn
		res.Forecasts[forecast.MethodRecommended] = res.Forecasts[sn]
		res.Holdout.Pred[forecast.MethodRecommended] = res.Holdout.Pred[sn]
		res.Metrics[forecast.MethodRecommended] = res.Metrics[sn]
		res.Coverage[forecast.MethodRecommended] = res.Coverage[sn]
		res.Holdout.Bands[forecast.MethodRecommended] = res.Holdout.Bands[sn]
		return res, nil
	})
	openSample(t, u, "air_passengers")
	act(u, func() {
		u.Set.Entries["epochs"].SetText("3")
		u.Set.Entries["ensemble"].SetText("1")
	})
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "the run to finish", func() bool { return !u.Session.State().Active() && u.Session.Progress().RunID == 1 })
	eventually(t, u, "the forecast to show", func() bool { return u.Fc.ShowsRunID == 1 })
	res := u.Session.Runs()[0].Result
	rec, ok := res.Forecasts[forecast.MethodRecommended]
	if !res.Network() || !ok || res.Recommended == "" {
		t.Fatalf("network %v, recommended %q (forecast %v): the test needs a run with both", res.Network(), res.Recommended, ok)
	}
	if got := u.Fc.Method.Selected; got != view.MethodLabel(forecast.MethodRecommended) {
		t.Errorf("the picker shows %q first; want the recommended forecast", got)
	}
	if !slices.Equal(u.Fc.data.Mean, rec.Mean) || !slices.Equal(u.Fc.data.Lo95, rec.Lower95) {
		t.Errorf("the chart draws %v; want the recommended forecast %v", u.Fc.data.Mean, rec.Mean)
	}
	if !slices.Equal(u.Fc.data.HoldoutPred, res.Holdout.Pred[forecast.MethodRecommended]) {
		t.Errorf("holdout line %v; want the recommended forecast's", u.Fc.data.HoldoutPred)
	}
	if want := "recommended: " + view.BlendLabel(res.Recommended); !strings.Contains(u.Fc.data.Title, want) {
		t.Errorf("title %q; want %q", u.Fc.data.Title, want)
	}
	c := res.Coverage[forecast.MethodRecommended]
	if want := "holdout coverage of the recommended forecast: 80% interval " + view.Pct(c.P80); !strings.Contains(u.Fc.Summary.Text, want) {
		t.Errorf("summary %q; want %q", u.Fc.Summary.Text, want)
	}
	if want := " The forecast drawn is the recommended one, Seasonal naive: MASE " + view.Fixed(res.Metrics[forecast.MethodRecommended].MASE, 3) + " on the holdout."; !strings.HasSuffix(u.Fc.Headline.Text, want) {
		t.Errorf("headline %q; want it to end %q", u.Fc.Headline.Text, want)
	}
	if !slices.Contains(u.Fc.Method.Options, view.MethodLabel(forecast.MethodLSTM)) {
		t.Errorf("picker %v; want the LSTM still offered", u.Fc.Method.Options)
	}
	if res.Recommended == forecast.MethodLSTM {
		t.Fatal("the run recommends the LSTM; the test needs another method")
	}
	{
		if want := res.Holdout.Bands[forecast.MethodSeasonalNaive].Lower95; len(want) == 0 || !slices.Equal(u.Fc.data.HoldoutLo95, want) || slices.Equal(want, res.Holdout.Lower95) {
			t.Errorf("the holdout band drawn %v; want the seasonal naive's own %v (the LSTM's is %v)", u.Fc.data.HoldoutLo95, want, res.Holdout.Lower95)
		}
		if got := u.Fc.data.BaselineFuture["LSTM"]; !slices.Equal(got, res.Forecast.Mean) {
			t.Errorf("the LSTM's line %v; want its forecast %v among the baselines", got, res.Forecast.Mean)
		}
	}
}

// sameImage reports whether two images have the same size and pixels.
func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}
