package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// TestRunReport trains briefly on AirPassengers, renamed with markup and
// a newline, and writes the run report: HTML escapes the name, Markdown
// keeps table rows on one line, every section and chart is there, and the
// residual table's numbers are diagnose's.
func TestRunReport(t *testing.T) {
	tab, err := tsdata.ReadFile(filepath.Join("..", "..", "sampledata", "data", "air_passengers_monthly.csv"), tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := tab.Series(tsdata.SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	s.Name = "<b>pass|engers</b>\nsecond line"
	set := config.DefaultSettings()
	set.Horizon, set.Epochs, set.Hidden = 12, 4, 8
	h := monitor.NewHistory()
	res, err := forecast.Train(context.Background(), s, set, h)
	if err != nil {
		t.Fatal(err)
	}
	desc, err := diagnose.Describe(s, diagnose.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := &Run{Series: s, Result: res, History: h, Description: desc, Findings: monitor.Diagnose(h, res, set), Labels: map[string]string{forecast.MethodLSTM: "LSTM"}}
	for _, m := range forecast.Methods {
		rr, ok := res.Residuals[m]
		if !ok {
			continue // the recommended forecast: a choice, not a fit
		}
		c, err := diagnose.CheckResiduals(rr.Values, diagnose.ResidualOptions{Period: 12, FitDF: rr.FitDF})
		if err != nil {
			t.Fatal(err)
		}
		r.Checks = append(r.Checks, ResidualCheck{Method: m, Residuals: rr, Check: c})
	}
	var hb bytes.Buffer
	if err := writeRunHTML(&hb, r); err != nil {
		t.Fatal(err)
	}
	page := hb.String()
	if strings.Contains(page, "<b>pass") || !strings.Contains(page, "&lt;b&gt;pass|engers&lt;/b&gt; second line") {
		t.Error("the series name is not escaped and kept on one line in the HTML")
	}
	naive := r.Checks[1].Check
	for _, want := range []string{"What is in the series", "Training", "Layer 1", "Forecast and accuracy", "Residual diagnostics",
		escaped(naive.Verdict), "data:image/png;base64,"} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(page, "Rolling-origin backtest") {
		t.Error("a backtest section without a backtest")
	}
	// AirPassengers' automatic ETS has multiplicative error: its residuals
	// are relative, and the report says so under its own heading
	if rr := res.Residuals[forecast.MethodAutoETS]; !rr.Relative {
		t.Errorf("auto_ets residuals of %s not relative", res.Models[forecast.MethodAutoETS])
	} else if n := strings.Count(page, "Relative errors (y − ŷ)/ŷ"); n != 1 {
		t.Errorf("the report says %d times that residuals are relative; want once (the automatic ETS)", n)
	}
	var mb bytes.Buffer
	charts, err := writeRunMarkdown(&mb, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) < 9 {
		t.Errorf("%d charts; want the STL, ACF, loss, norm, clip-LR, heat, norms, forecast and residual charts", len(charts))
	}
	// the forecast section draws and scores the recommended forecast, as
	// the window and the command line give it
	rec := "the recommended forecast (" + r.blend(res.Recommended) + ")"
	c := res.Coverage[forecast.MethodRecommended]
	for _, want := range []string{"the prediction of the holdout by " + rec, "Interval coverage of " + rec + ": 80 % → " + pct(c.P80) + ", 95 % → " + pct(c.P95)} {
		if !strings.Contains(mb.String(), want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	for _, line := range strings.Split(mb.String(), "\n") {
		if strings.HasPrefix(line, "| Naive") && !strings.Contains(line, naive.Verdict) {
			t.Errorf("naive row %q lacks the verdict %q", line, naive.Verdict)
		}
		if strings.Contains(line, "pass") && strings.Contains(line, "engers") && !strings.Contains(line, `pass\|engers`) {
			t.Errorf("a line quotes the name unescaped: %q", line)
		}
	}
	dir := t.TempDir()
	if err := WriteRunFiles(filepath.Join(dir, "run.md"), r); err != nil {
		t.Fatal(err)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "run-*.png"))
	if len(pngs) != len(charts) {
		t.Errorf("%d PNG files beside the Markdown; want %d", len(pngs), len(charts))
	}
	if err := WriteRunFiles(filepath.Join(dir, "run.txt"), r); err == nil {
		t.Error("a .txt report was written")
	}
	if _, err := os.Stat(filepath.Join(dir, "run.txt")); err == nil {
		t.Error("run.txt exists")
	}
}

func escaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
