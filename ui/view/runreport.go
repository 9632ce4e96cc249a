package view

import (
	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/report"
)

// ExportReport asks for a file name (base-report.html by default) and
// writes the report of run id, the run shown (HTML, or Markdown with the
// charts beside it). Everything is computed in the writing goroutine.
func ExportReport(u *Host, id int, base string) {
	if id == 0 {
		u.ShowError(i18n.T("Export report"), app.ErrNoResult)
		return
	}
	u.SaveDialog(i18n.T("Export report"), base+"-report.html", []string{".html", ".md"}, func(path string) error {
		r, err := RunReport(u.Session, id)
		if err != nil {
			return err
		}
		return report.WriteRunFiles(path, r)
	})
}

// RunReport gathers the report of run id: the series described with the
// run's season, the run's telemetry and findings, every method's residual
// checks, and the session's backtest when it ran on the same series. Not
// for the UI goroutine.
func RunReport(s *app.Session, id int) (*report.Run, error) {
	run := s.Run(id)
	if run == nil || run.Result == nil {
		return nil, app.ErrNoResult
	}
	res := run.Result
	r := &report.Run{
		Title:    "Forecaster report: " + ShortName(run.Series) + ", " + run.Label(),
		Series:   run.Data,
		Result:   res,
		History:  run.History,
		Findings: monitor.Diagnose(run.History, res, run.Settings),
		Labels:   MethodLabels,
	}
	if d, err := app.DescribeSeries(run.Data, diagnose.Options{Season: res.Settings.Season}); err != nil {
		r.DescribeErr = app.Message(err)
	} else {
		r.Description = d
	}
	for _, c := range app.CheckResiduals(res) {
		rc := report.ResidualCheck{Method: c.Method, Residuals: c.Residuals, Check: c.Check}
		if c.Err != nil {
			rc.Err = app.Message(c.Err)
		}
		r.Checks = append(r.Checks, rc)
	}
	if bt := s.BacktestJob(); bt.Result != nil && bt.Series == run.Data {
		sc := bt.Result.ByStep(bt.Series)
		r.Backtest, r.Scores = bt.Result, &sc
	}
	return r, nil
}
