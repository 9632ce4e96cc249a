package view

import (
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

const residualHelp = "Residuals: each method's one-step-ahead errors on the history before the holdout (the LSTM: its first forecast step from every origin with a full window; ETS (Holt-Winters): its fitted values; the automatic ETS, Theta and automatic ARIMA: the residuals R's residuals() gives for the same model, relative errors (y − ŷ)/ŷ for an ETS with multiplicative error). What a method leaves in them it could have forecast: Ljung–Box tests for autocorrelation left, at lag min(2m, T/5) (10 without a season) with the method's fitted parameters as degrees of freedom, as R's checkresiduals. The histogram and Q–Q plot show how close to normal they are, which the intervals of the classical methods assume. The recommended forecast is one of these methods or the mean of several; a mean has no residuals of its own, and its first part is shown first."

// ResidualView is the Forecast tab's residual diagnostics (issue 13): for
// every fitted method of the run shown, the Ljung–Box test and the verdict
// in a table, and for the method picked its residuals over time, their ACF
// with the 95 % band, their histogram with the normal curve and the normal
// Q–Q plot. The checks are computed off the UI goroutine
// (app.CheckResiduals); every number shown is diagnose's.
type ResidualView struct {
	u       *Host
	Content fyne.CanvasObject

	MethodSelect *widget.Select
	Verdict      *widget.Label
	Stats        *widget.Label
	Table        *widget.Form // one row per method: Ljung–Box Q, lag, p and what is left
	Time, ACF    *Chart
	Hist, QQ     *Chart

	seq    atomic.Uint64
	series *tsdata.Series
	// Checks are the checks shown (UI goroutine; for tests and the report).
	Checks []app.MethodCheck
}

// NewResidualView returns the Forecast tab's residual checks.
func NewResidualView(h *Host) *ResidualView {
	v := &ResidualView{u: h}
	v.MethodSelect = widget.NewSelect(nil, func(string) { v.showMethod() })
	v.MethodSelect.PlaceHolder = i18n.T("Method")
	v.Verdict = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.Verdict.Wrapping = fyne.TextWrapWord
	v.Stats = widget.NewLabel("")
	v.Stats.Wrapping = fyne.TextWrapWord
	v.Table = widget.NewForm()
	v.Time = NewChart(h, 260, 170)
	v.ACF = NewChart(h, 260, 170)
	v.Hist = NewChart(h, 260, 170)
	v.QQ = NewChart(h, 260, 170)
	help := widget.NewLabel(i18n.T(residualHelp))
	help.Wrapping = fyne.TextWrapWord
	help.SizeName = theme.SizeNameCaptionText
	left := container.NewVBox(
		widget.NewCard(i18n.T("Every method"), i18n.T("Ljung–Box on the one-step residuals"), v.Table),
		help,
	)
	pick := container.NewBorder(nil, nil, widget.NewLabel(i18n.T("Residuals of")), nil, v.MethodSelect)
	charts := container.NewGridWithColumns(2, v.Time, v.ACF, v.Hist, v.QQ)
	right := container.NewBorder(container.NewVBox(pick, v.Verdict, v.Stats), nil, nil, nil, charts)
	split := container.NewHSplit(container.NewVScroll(left), right)
	split.Offset = 0.34
	v.Content = split
	v.Clear(i18n.T("Train a model to check what each method leaves in its residuals."))
	return v
}

// clear shows msg instead of checks (UI goroutine).
func (v *ResidualView) Clear(msg string) {
	v.seq.Add(1)
	v.Checks, v.series = nil, nil
	v.MethodSelect.Options = nil
	v.MethodSelect.ClearSelected()
	v.MethodSelect.Disable()
	v.Verdict.SetText(msg)
	v.Stats.SetText("")
	v.Table.Items = nil
	v.Table.Refresh()
	for _, c := range []*Chart{v.Time, v.ACF, v.Hist, v.QQ} {
		c.Set(func(st chart.Style, px int) *plot.Plot {
			return chart.Message(st, i18n.T("Residuals"), i18n.T("No residuals to check"))
		})
	}
}

// showRun checks the residuals of run's methods in the background and
// shows them (UI goroutine).
func (v *ResidualView) ShowRun(run *app.Run) {
	v.Clear(i18n.T("Checking the residuals…"))
	if run == nil || run.Result == nil {
		return
	}
	seq := v.seq.Load()
	res, s := run.Result, run.Data
	rec := res.Recommended
	u := v.u
	u.Background(func() {
		checks := app.CheckResiduals(res)
		u.Do(func() {
			if v.seq.Load() != seq {
				return
			}
			v.show(s, checks, rec)
		})
	})
}

// recommendedCheck is the index in checks of the recommended method rec,
// or of its first part with residuals when it is a mean ("lstm+theta";
// "comb" is the mean of the automatic ETS, ARIMA and Theta); 0 when none
// has residuals.
func recommendedCheck(checks []app.MethodCheck, rec string) int {
	for _, part := range strings.Split(rec, "+") {
		names := []string{part}
		if part == forecast.MethodComb {
			names = []string{forecast.MethodAutoETS, forecast.MethodARIMA, forecast.MethodTheta}
		}
		for _, name := range names {
			for i, c := range checks {
				if c.Method == name {
					return i
				}
			}
		}
	}
	return 0
}

// show fills the table and the picker, and shows the recommended method's
// check, rec (UI goroutine).
func (v *ResidualView) show(s *tsdata.Series, checks []app.MethodCheck, rec string) {
	v.Checks, v.series = checks, s
	if len(checks) == 0 {
		v.Verdict.SetText(i18n.T("This run has no residuals to check (a model loaded from a file, or every method failed)."))
		return
	}
	v.Table.Items = nil
	var opts []string
	for _, c := range checks {
		opts = append(opts, MethodLabel(c.Method))
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		if c.Err != nil {
			what := v.u.Explain(c.Err)
			l.Text = i18n.T("cannot be checked: %s", app.Clip(what, 160))
			l.Importance = widget.WarningImportance
		} else {
			lb := c.Check.LjungBox
			l.Text = i18n.T("Q = %.4g at lag %d, p %s: %s", lb.Q, lb.Lags, pText(lb.P), findingText(c.Check))
			l.Importance = widget.SuccessImportance
			if c.Check.Finding != diagnose.NoAutocorrelation {
				l.Importance = widget.WarningImportance
			}
		}
		v.Table.Append(MethodLabel(c.Method), l)
	}
	v.Table.Refresh()
	v.MethodSelect.Options = opts
	v.MethodSelect.Enable()
	v.MethodSelect.SetSelectedIndex(recommendedCheck(checks, rec))
}

// showMethod shows the picked method's check (UI goroutine).
func (v *ResidualView) showMethod() {
	i := v.MethodSelect.SelectedIndex()
	if i < 0 || i >= len(v.Checks) {
		return
	}
	c, s := v.Checks[i], v.series
	name := MethodLabel(c.Method)
	if c.Err != nil {
		what := v.u.Explain(c.Err)
		v.Verdict.SetText(name + ": " + i18n.T("the residuals cannot be checked: %s", what))
		v.Verdict.Importance = widget.WarningImportance
		v.Verdict.Refresh()
		v.Stats.SetText("")
		return
	}
	ck := c.Check
	v.Verdict.SetText(name + ": " + i18n.Message(ck.Verdict))
	v.Verdict.Importance = widget.SuccessImportance
	if ck.Finding != diagnose.NoAutocorrelation {
		v.Verdict.Importance = widget.WarningImportance
	}
	v.Verdict.Refresh()
	lb := ck.LjungBox
	span := i18n.T("points %d–%d", c.Residuals.Start+1, c.Residuals.Start+ck.N)
	if s != nil && len(s.Times) >= c.Residuals.Start+ck.N && ck.N > 0 {
		f := s.Freq
		span = i18n.T("%s to %s", i18n.DateText(forecast.FormatTime(f, s.Times[c.Residuals.Start])), i18n.DateText(forecast.FormatTime(f, s.Times[c.Residuals.Start+ck.N-1])))
	}
	stats := i18n.T("%d residuals, %s · mean %.4g, sd %.4g · Ljung–Box Q = %.4g at lag %d with %d degrees of freedom (%s), p %s",
		ck.N, span, ck.Mean, ck.SD, lb.Q, lb.Lags, lb.DF(), fittedText(lb.FitDF), pText(lb.P))
	title := i18n.T("Residuals of %s", name)
	if c.Residuals.Relative {
		stats += " · " + i18n.T("relative errors (y − ŷ)/ŷ: the innovations of an ETS with multiplicative error, as R's residuals() gives them")
		title = i18n.T("Relative residuals of %s", name)
	}
	v.Stats.SetText(stats)

	var x []float64
	isTime := false
	if s != nil {
		all, t := chart.FromTimes(s.Times, s.Len())
		if c.Residuals.Start+ck.N <= len(all) {
			x, isTime = all[c.Residuals.Start:c.Residuals.Start+ck.N], t
		}
	}
	if x == nil {
		x = make([]float64, ck.N)
		for k := range x {
			x[k] = float64(c.Residuals.Start + k)
		}
	}
	ts := chart.TS{Name: title, X: x, Y: c.Residuals.Values, Time: isTime}
	acf, band := ck.ACF, ck.Band
	hist := ck.Histogram
	mean, sd := ck.Mean, ck.SD
	qq := ck.QQ
	v.Time.Set(func(st chart.Style, px int) *plot.Plot { return chart.ResidualsOverTime(st, ts, px) })
	v.ACF.Set(func(st chart.Style, px int) *plot.Plot {
		if len(acf) == 0 {
			return chart.Message(st, i18n.T("ACF of residuals"), i18n.T("Constant residuals have no autocorrelation"))
		}
		return chart.Correlogram(st, i18n.T("ACF of residuals (95 %% band ±%.3f)", band), acf, band)
	})
	v.Hist.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.ResidualHistogram(st, hist.Edges, hist.Counts, mean, sd)
	})
	v.QQ.Set(func(st chart.Style, px int) *plot.Plot { return chart.QQPlot(st, qq.Theoretical, qq.Sample, px) })
}

// fittedText says how many parameters the test discounted.
func fittedText(k int) string {
	switch k {
	case 0:
		return i18n.T("no parameter fitted")
	case 1:
		return i18n.T("less 1 fitted parameter")
	}
	return i18n.T("less %d fitted parameters", k)
}

// findingText is a check's finding in a few words for the table.
func findingText(c *diagnose.ResidualCheck) string {
	switch c.Finding {
	case diagnose.NoAutocorrelation:
		return i18n.T("no autocorrelation left")
	case diagnose.SeasonalAutocorrelation:
		return i18n.T("season left (lag %d)", c.Lag)
	case diagnose.Autocorrelation:
		if c.Lag > 0 {
			return i18n.T("autocorrelation left (lag %d)", c.Lag)
		}
		return i18n.T("autocorrelation left")
	case diagnose.ZeroResiduals:
		return i18n.T("all zero: exact fit")
	case diagnose.ConstantResiduals:
		return i18n.T("a constant offset")
	}
	return c.Finding.String()
}
