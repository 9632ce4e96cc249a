package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

const storesFile = "../forecast/tsdata/panel/testdata/stores_monthly_long.csv"

func quickPanelSettings() config.Settings {
	set := config.DefaultSettings()
	set.Horizon, set.Hidden, set.Epochs = 6, 4, 4
	return set
}

// TestPanelLocal: the local forecaster gives each series what the
// per-series pipeline gives it alone, whatever the number of workers, and
// the export is long format in date order within each series.
func TestPanelLocal(t *testing.T) {
	p, err := LoadPanel(storesFile, panel.Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}})
	if err != nil {
		t.Fatal(err)
	}
	set := quickPanelSettings()
	var seen []PanelProgress
	run, err := p.Forecast(context.Background(), "local", PanelJob{Settings: set, Method: forecast.MethodRecommended}, func(pr PanelProgress) { seen = append(seen, pr) })
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Results) != 3 || len(run.Failed()) != 0 {
		t.Fatalf("%d results, failed %v", len(run.Results), run.Failed())
	}
	last := seen[len(seen)-1]
	if last.Done != 3 || last.Total != 3 || len(seen) != 4 || last.Windows <= seen[1].Windows || seen[1].Windows <= 0 {
		t.Errorf("progress %+v (%d calls); want 3/3 after 4 calls", last, len(seen))
	}
	for i, m := range p.Members {
		alone, err := forecast.TrainFull(context.Background(), m.Series, set, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := run.Results[i]
		want := alone.Forecasts[forecast.MethodRecommended]
		if r.ID != m.ID || r.Method != alone.Recommended || !slices.Equal(r.Forecast.Mean, want.Mean) || !slices.Equal(r.Forecast.Upper95, want.Upper95) {
			t.Errorf("%s: panel %s %v; alone %s %v", m.ID, r.Method, r.Forecast.Mean, alone.Recommended, want.Mean)
		}
	}
	var b bytes.Buffer
	if err := p.WriteForecast(&b, run); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "store,date,forecast,lower80,upper80,lower95,upper95" || len(recs) != 1+3*6 {
		t.Fatalf("export header %v, %d rows", recs[0], len(recs))
	}
	// S1 ends 2018-12, S2 2018-11, S3 2018-10: each continues its own calendar
	for _, c := range []struct {
		row  int
		want string
	}{{1, "S1,2019-01-01"}, {6, "S1,2019-06-01"}, {7, "S2,2018-12-01"}, {13, "S3,2018-11-01"}} {
		if got := recs[c.row][0] + "," + recs[c.row][1]; got != c.want {
			t.Errorf("row %d = %s; want %s", c.row, got, c.want)
		}
	}
}

// TestPanelHoldout: a backtest job scores every method per series, keeps
// the holdout prediction of the method asked for, the aggregate is their
// mean, and a series too short for the horizon fails alone.
func TestPanelHoldout(t *testing.T) {
	p, err := LoadPanel(storesFile, panel.Spec{IDCols: []string{"store"}})
	if err != nil {
		t.Fatal(err)
	}
	set := quickPanelSettings()
	short := *p.Panel
	short.Members = slices.Clone(p.Members)
	short.Members[2].Series = short.Members[2].Series.Head(12) // too short to hold out 6 and train
	q := &Panel{Panel: &short}
	run, err := q.Forecast(context.Background(), "local", PanelJob{Settings: set, Method: forecast.MethodETS, Holdout: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := run.Failed(); len(f) != 1 || f[0].ID != "S3" {
		t.Fatalf("failed = %+v; want S3 alone", f)
	}
	for i := range 2 {
		checkHoldoutPred(t, run.Results[i], short.Members[i].Series.Values, set.Horizon, forecast.MethodETS)
	}
	mean, n := run.Aggregate()
	for _, m := range []string{forecast.MethodLSTM, forecast.MethodETS, forecast.MethodNaive, forecast.MethodRecommended} {
		a, b := run.Results[0].Metrics[m], run.Results[1].Metrics[m]
		if n[m] != 2 || mean[m].MASE != (a.MASE+b.MASE)/2 || mean[m].SMAPE != (a.SMAPE+b.SMAPE)/2 {
			t.Errorf("%s: mean %+v over %d; want the mean of %+v and %+v", m, mean[m], n[m], a, b)
		}
	}
}

// TestPanelCancel: a cancelled run returns ErrStopped, every series
// accounted for.
func TestPanelCancel(t *testing.T) {
	p, err := LoadPanel(storesFile, panel.Spec{IDCols: []string{"store"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	run, err := p.Forecast(ctx, "local", PanelJob{Settings: quickPanelSettings()}, nil)
	if !errors.Is(err, ErrStopped) || len(run.Results) != 3 || len(run.Failed()) != 3 {
		t.Errorf("cancelled: %v, %d results, %d failed", err, len(run.Results), len(run.Failed()))
	}
	if _, err := p.Forecast(context.Background(), "nope", PanelJob{Settings: quickPanelSettings()}, nil); err == nil || !strings.Contains(err.Error(), "local") {
		t.Errorf("unknown model: %v", err)
	}
}

// TestSelectSeries: a series of a panel loads into the session as a file
// of its own would, with its own span, and the settings stay.
func TestSelectSeries(t *testing.T) {
	p, err := LoadPanel(storesFile, panel.Spec{IDCols: []string{"store"}})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(nil)
	d, err := s.SelectSeries(p, "S2")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := p.Member("S2")
	if d.Series.Name != "S2" || !slices.Equal(d.Series.Values, m.Series.Values) || d.Report.Gaps.Count != 1 || d.Report.Missing.Count != 1 {
		t.Errorf("selected %s, %d points, report gaps %d missing %d", d.Series.Name, d.Series.Len(), d.Report.Gaps.Count, d.Report.Missing.Count)
	}
	set := s.Settings()
	set.Horizon = 5
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	if d, err = s.SelectSeries(p, "S3"); err != nil || d.Series.Name != "S3" || s.Settings().Horizon != 5 {
		t.Errorf("S3: %v, horizon %d; want 5 kept", err, s.Settings().Horizon)
	}
	if _, err := s.SelectSeries(p, "S9"); err == nil {
		t.Error("S9 does not exist")
	}
}

// checkHoldoutPred: r keeps the prediction of the last h points of values
// by the method of its forecast, the one whose holdout metrics are
// r.Metrics[metric]: its mean absolute error, computed here from values,
// is that metric's MAE (to rounding, 1e-9 relative).
func checkHoldoutPred(t *testing.T, r SeriesResult, values []float64, h int, metric string) {
	t.Helper()
	if len(r.Holdout) != h {
		t.Errorf("%s: holdout prediction of %d points; want %d", r.ID, len(r.Holdout), h)
		return
	}
	actual := values[len(values)-h:]
	mae := 0.0
	for k, p := range r.Holdout {
		mae += math.Abs(actual[k]-p) / float64(h)
	}
	if want := r.Metrics[metric].MAE; math.Abs(mae-want) > 1e-9*want {
		t.Errorf("%s: the holdout prediction's MAE %v; the %s metrics say %v", r.ID, mae, metric, want)
	}
}
