package ui

import (
	"context"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/report"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// isMessagePlot reports whether p is a chart.Message (no data drawn).
func isMessagePlot(p *plot.Plot) bool {
	return p == nil || (p.X.Min == 0 && p.X.Max == 1 && p.Y.Min == 0 && p.Y.Max == 1)
}

// TestDataTabDescribesSeries: AirPassengers is decomposed with its monthly
// season and the strengths, Ljung–Box and band shown are diagnose's; the
// daily shop sales show both candidate seasons with their strengths and the
// picker redraws STL with the other; a series shorter than two seasons gets
// ACF and PACF and the reason there is no STL.
func TestDataTabDescribesSeries(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	openSample(t, u, "air_passengers")
	dg := u.Data.Diag
	eventually(t, u, "the description", func() bool { return dg.Desc != nil })
	want, err := diagnose.Describe(u.Session.Data().Series, diagnose.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := want.STL
	for _, s := range []string{
		fmt.Sprintf("STL with period 12 (the season training uses): strength of trend %.2f, of seasonality %.2f", st.StrengthTrend, st.StrengthSeasonal),
	} {
		if !strings.Contains(dg.Summary.Text, s) {
			t.Errorf("summary %q lacks %q", dg.Summary.Text, s)
		}
	}
	if s := fmt.Sprintf("Ljung–Box Q = %.4g at lag %d", want.LjungBox.Q, want.LjungBox.Lags); !strings.Contains(dg.Test.Text, s) {
		t.Errorf("test line %q lacks %q", dg.Test.Text, s)
	}
	if s := fmt.Sprintf("±%.3f", want.Band); !strings.Contains(dg.Test.Text, s) {
		t.Errorf("test line %q lacks the band %s", dg.Test.Text, s)
	}
	if !dg.Candidates.Hidden || !dg.PeriodSelect.Hidden {
		t.Error("monthly data show season candidates")
	}
	if ps := dg.Decomp.Panels(800); len(ps) != 4 {
		t.Errorf("decomposition has %d panels; want 4", len(ps))
	}
	if p := dg.ACF.Plot(600); isMessagePlot(p) || !strings.Contains(p.Title.Text, "ACF") {
		t.Errorf("ACF chart: %v", p)
	}
	act(u, func() { u.Data.Views.SelectIndex(1) })
	shot(t, u, "diag-1-stl")
	act(u, func() { u.Data.Views.SelectIndex(2) })
	shot(t, u, "diag-2-acf")

	openSample(t, u, "shop_sales")
	eventually(t, u, "the shop sales description", func() bool { return dg.Desc != nil && dg.Desc.Season == 7 })
	want, err = diagnose.Describe(u.Session.Data().Series, diagnose.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Candidates) != 2 || dg.Candidates.Hidden || dg.PeriodSelect.Hidden {
		t.Fatalf("candidates %+v, label hidden %v", want.Candidates, dg.Candidates.Hidden)
	}
	for _, c := range want.Candidates {
		s := fmt.Sprintf("a %s (%d steps): %.2f", c.Name, c.Steps, c.StrengthSeasonal)
		if c.Reason != "" {
			s = fmt.Sprintf("a %s (%d steps): ", c.Name, c.Steps)
		}
		if !strings.Contains(dg.Candidates.Text, s) {
			t.Errorf("candidates %q lack %q", dg.Candidates.Text, s)
		}
	}
	if len(dg.PeriodSelect.Options) != 2 || dg.PeriodSelect.SelectedIndex() != 0 {
		t.Errorf("period picker %v at %d; want two, the first (7) picked", dg.PeriodSelect.Options, dg.PeriodSelect.SelectedIndex())
	}
	act(u, func() { u.Data.Views.SelectIndex(1) })
	shot(t, u, "diag-3-candidates")
	if want.Candidates[1].Reason == "" {
		act(u, func() { dg.PeriodSelect.SetSelectedIndex(1) })
		eventually(t, u, "STL with period 365", func() bool { return dg.Desc != nil && dg.Desc.STL != nil && dg.Desc.STL.Period == 365 })
		if !strings.Contains(dg.Summary.Text, "training uses period 7") {
			t.Errorf("summary %q does not say training uses 7", dg.Summary.Text)
		}
	}

	// 20 months: too short for two seasons.
	var b strings.Builder
	b.WriteString("month,sales\n")
	for i := range 20 {
		fmt.Fprintf(&b, "%d-%02d-01,%d\n", 2020+i/12, i%12+1, 100+(i*37)%23)
	}
	p := filepath.Join(t.TempDir(), "short.csv")
	os.WriteFile(p, []byte(b.String()), 0o644)
	act(u, func() { u.Data.openPath(p) })
	eventually(t, u, "the short series' description", func() bool {
		return dg.Desc != nil && dg.Desc.N == 20
	})
	if dg.Desc.STL != nil || !strings.Contains(dg.Summary.Text, "No decomposition") || !strings.Contains(dg.Summary.Text, "needs at least 25 values") {
		t.Errorf("short series: STL %v, summary %q", dg.Desc.STL != nil, dg.Summary.Text)
	}
	if p := dg.ACF.Plot(600); isMessagePlot(p) {
		t.Error("no ACF for the short series")
	}
	if ps := dg.Decomp.Panels(600); len(ps) != 1 || !isMessagePlot(ps[0]) {
		t.Error("the short series is decomposed")
	}
}

// TestDiagnosticsOfARealRun trains a two-layer network on AirPassengers and
// checks the Training tab's layer pickers, the Forecast tab's residual
// checks (every method, the numbers of app.CheckResiduals, hence of
// forecast/diagnose), a backtest run from its view, and the report with
// all of it.
func TestDiagnosticsOfARealRun(t *testing.T) {
	if testing.Short() {
		t.Skip("trains real networks")
	}
	u := newTestUI(t, nil)
	openSample(t, u, "air_passengers")
	act(u, func() {
		u.Set.Entries["epochs"].SetText("12")
		u.Set.Entries["layers"].SetText("2")
		u.Set.Entries["hidden"].SetText("12")
	})
	if !u.Set.Valid() || u.Session.Settings().Layers != 2 {
		t.Fatalf("settings: valid %v layers %d", u.Set.Valid(), u.Session.Settings().Layers)
	}
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "training to finish", func() bool { return !u.Session.State().Active() && u.Session.Progress().RunID == 1 })
	if st := u.Session.State(); st != app.Done {
		t.Fatalf("state %v: %v", st, u.Session.Progress().Err)
	}
	eventually(t, u, "the forecast", func() bool { return u.Fc.ShowsRunID == 1 })

	// Training: both layers can be picked; the heat map and histograms follow.
	tr := u.Tr
	eventually(t, u, "the layer pickers", func() bool { return len(tr.HeatSelect.Options) == 2 && len(tr.NormSelect.Options) == 10 })
	run := u.Session.Run(1)
	if n := len(run.History.Heat(1).Cols); n == 0 {
		t.Fatal("no heat map of layer 2")
	}
	act(u, func() { tr.HeatSelect.SetSelectedIndex(1) })
	act(u, func() { tr.NormSelect.SetSelectedIndex(7) }) // layer 2, forget gate
	if p := tr.Heat.Plot(800); !strings.HasPrefix(p.Title.Text, "Layer 2:") {
		t.Errorf("heat map title %q; want layer 2", p.Title.Text)
	}
	if p := tr.Norms.Plot(800); isMessagePlot(p) || !strings.Contains(p.Title.Text, "Layer 2 · forget gate") {
		t.Errorf("norm histogram %q", p.Title.Text)
	}
	if ps := tr.ClipLR.Panels(800); len(ps) != 2 || isMessagePlot(ps[1]) {
		t.Errorf("clip rate and learning rate: %d panels", len(ps))
	}
	act(u, func() { u.Tabs.SelectIndex(2) })
	shot(t, u, "diag-4-training")

	// Residuals: every method, as app.CheckResiduals says.
	rv := u.Fc.Residuals
	eventually(t, u, "the residual checks", func() bool { return len(rv.Checks) == len(run.Result.Residuals) && len(rv.Checks) == 8 })
	// the recommended method is shown first (a mean: its first part)
	first := strings.Split(run.Result.Recommended, "+")[0]
	if first == forecast.MethodComb {
		first = forecast.MethodAutoETS
	}
	if got := rv.MethodSelect.Selected; got != view.MethodLabel(first) {
		t.Errorf("residuals shown first: %q; want the recommended %q's %q", got, run.Result.Recommended, view.MethodLabel(first))
	}
	want := app.CheckResiduals(run.Result)
	if len(rv.Table.Items) != len(want) {
		t.Fatalf("residual table has %d rows; want %d", len(rv.Table.Items), len(want))
	}
	for i, c := range want {
		if c.Err != nil {
			t.Fatalf("%s: %v", c.Method, c.Err)
		}
		lb := c.Check.LjungBox
		cell := fmt.Sprintf("Q = %.4g at lag %d, p %s", lb.Q, lb.Lags, pText(lb.P))
		if txt := rv.Table.Items[i].Widget.(*widget.Label).Text; !strings.HasPrefix(txt, cell) {
			t.Errorf("%s row %q; want it to start %q", c.Method, txt, cell)
		}
		act(u, func() { rv.MethodSelect.SetSelectedIndex(i) })
		if !strings.HasSuffix(rv.Verdict.Text, c.Check.Verdict) {
			t.Errorf("%s verdict %q; diagnose says %q", c.Method, rv.Verdict.Text, c.Check.Verdict)
		}
		if !strings.Contains(rv.Stats.Text, fmt.Sprintf("%d residuals", c.Check.N)) || !strings.Contains(rv.Stats.Text, fmt.Sprintf("%d degrees of freedom", lb.DF())) {
			t.Errorf("%s stats %q", c.Method, rv.Stats.Text)
		}
		if rel := strings.Contains(rv.Stats.Text, "relative errors"); rel != c.Residuals.Relative {
			t.Errorf("%s (relative %v) stats %q", c.Method, c.Residuals.Relative, rv.Stats.Text)
		}
		for _, cv := range []*view.Chart{rv.Time, rv.ACF, rv.Hist, rv.QQ} {
			if isMessagePlot(cv.Plot(500)) {
				t.Errorf("%s: a residual chart shows no data", c.Method)
			}
		}
	}
	act(u, func() { rv.MethodSelect.SetSelectedIndex(1) }) // naive: the season is left
	if !strings.Contains(rv.Verdict.Text, "misses part of the season") {
		t.Errorf("naive verdict %q; want the season named", rv.Verdict.Text)
	}
	act(u, func() { u.Tabs.SelectIndex(3); u.Fc.Views.SelectIndex(1) })
	shot(t, u, "diag-5-residuals")

	// Backtest from its view: two origins a horizon apart.
	bv := u.Fc.Backtest
	act(u, func() { bv.Origins.SetText("2"); test.Tap(bv.RunButton) })
	if !u.Tr.TrainButton.Disabled() && u.Session.BacktestJob().State == app.Running {
		t.Error("Train enabled during a backtest")
	}
	eventually(t, u, "the backtest", func() bool { return bv.Scores != nil })
	bt := u.Session.BacktestJob()
	sc := bt.Result.ByStep(bt.Series)
	if len(bv.Scores.Coverage95) != 12 || bv.Scores.Coverage95[0] != sc.Coverage95[0] || bv.Scores.MASE[forecast.MethodLSTM][11] != sc.MASE[forecast.MethodLSTM][11] {
		t.Errorf("scores shown %+v; ByStep gives %+v", bv.Scores, sc)
	}
	if s := "LSTM " + view.FixedNum(bt.Result.Mean[forecast.MethodLSTM].MASE); !strings.Contains(bv.Summary.Text, s) {
		t.Errorf("backtest summary %q lacks %q", bv.Summary.Text, s)
	}
	for _, cv := range []*view.Chart{bv.Windows, bv.MASE, bv.Cover} {
		if isMessagePlot(cv.Plot(600)) {
			t.Error("a backtest chart shows no data")
		}
	}
	act(u, func() { u.Fc.Views.SelectIndex(2) })
	shot(t, u, "diag-6-backtest")

	// The report has every section, in HTML and in Markdown.
	dir := t.TempDir()
	if d := os.Getenv("UI_SHOTS"); d != "" {
		dir = d // keep it to look at
	}
	r, err := view.RunReport(u.Session, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Backtest == nil || len(r.Checks) != len(run.Result.Residuals) || r.Description == nil {
		t.Fatalf("report data: backtest %v, %d checks, description %v", r.Backtest != nil, len(r.Checks), r.Description != nil)
	}
	for _, name := range []string{"r.html", "r.md"} {
		p := filepath.Join(dir, name)
		if err := report.WriteRunFiles(p, r); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(p)
		txt := string(b)
		for _, s := range []string{"What is in the series", "strength of trend", "Layer 2", "of each gate", "that clipping changed", "Residual diagnostics",
			want[1].Check.Verdict, "Rolling-origin backtest", "95 % covered"} {
			if strings.HasSuffix(name, ".html") {
				s = html.EscapeString(s)
			}
			if !strings.Contains(txt, s) {
				t.Errorf("%s lacks %q", name, s)
			}
		}
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "r-*.png"))
	if len(pngs) < 10 {
		t.Errorf("the Markdown report wrote %d charts: %v", len(pngs), pngs)
	}
}

// twoLayerFake trains like fakeTrain, reporting two layers whose second
// layer's gradient vanishes through time (1e-5 at the oldest step).
func twoLayerFake(ctx context.Context, s *tsdata.Series, set config.Settings, obs fit.Observer) (*app.Result, error) {
	wrapped := &twoLayerObserver{obs: obs}
	return fakeTrain(3, 0)(ctx, s, set, wrapped)
}

type twoLayerObserver struct{ obs fit.Observer }

func (o *twoLayerObserver) Step(e fit.StepEvent) {
	e.LayerNorms = []float64{e.GradNorm, e.GradNorm / 3}
	e.GateNorms = [][4]float64{{0.1, 0.2, 0.3, 0.4}, {0.01, 0.02, 0.03, 0.04}}
	o.obs.Step(e)
}

func (o *twoLayerObserver) Epoch(e fit.EpochEvent) {
	first := e.HGradByTime[0]
	second := make([]float64, len(first))
	for i := range second {
		second[i] = math.Pow(10, -5*float64(len(second)-1-i)/float64(len(second)-1))
	}
	e.HGradByTime = [][]float64{first, second}
	o.obs.Epoch(e)
}

// TestFindingShowsItsLayer: a vanishing gradient in layer 2 is a finding
// that names layer 2 and the epochs it was seen in, and its button points
// the heat map and the norm histogram at layer 2.
func TestFindingShowsItsLayer(t *testing.T) {
	u := newTestUI(t, twoLayerFake)
	openSample(t, u, "air_passengers")
	act(u, func() {
		u.Set.Entries["epochs"].SetText("4")
		u.Set.Entries["layers"].SetText("2")
	})
	act(u, func() { test.Tap(u.Tr.TrainButton) })
	eventually(t, u, "the run", func() bool { return u.Fc.ShowsRunID == 1 })
	var show *widget.Button
	var detail string
	eventually(t, u, "the layer's finding", func() bool {
		show, detail = nil, ""
		for _, o := range u.Tr.Findings.Objects {
			txt := fmtObj(o)
			if !strings.Contains(txt, "Vanishing gradient") {
				continue
			}
			detail = txt
			show = findButton(o, "Show layer 2")
		}
		return show != nil
	})
	if !strings.Contains(detail, "Layer 2:") || !strings.Contains(detail, "in every epoch, 1–4") {
		t.Errorf("finding %q does not say where and when", detail)
	}
	act(u, func() { test.Tap(show) })
	if u.Tr.HeatSelect.SelectedIndex() != 1 || u.Tr.NormSelect.SelectedIndex() != 5 {
		t.Errorf("after Show layer 2: heat map of %q, norms of %q", u.Tr.HeatSelect.Selected, u.Tr.NormSelect.Selected)
	}
	if p := u.Tr.Heat.Plot(600); !strings.HasPrefix(p.Title.Text, "Layer 2:") {
		t.Errorf("heat map %q", p.Title.Text)
	}
}

// findButton finds a button with the given text inside o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// pText writes a p-value as the views do: "= 0.23", "< 0.0001".
func pText(p float64) string {
	if p < 1e-4 {
		return "< 0.0001"
	}
	return "= " + fmt.Sprintf("%.2g", p)
}
