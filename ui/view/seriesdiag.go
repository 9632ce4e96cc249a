package view

import (
	"fmt"
	"math"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/chart"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// SeriesDiag is the Data tab's description of the series (issue 13): the
// STL decomposition with the strengths of trend and season, ACF and PACF
// with their 95 % bands, the Ljung–Box test, and, when the calendar leaves
// the season open, the candidate periods with their strengths. It is
// computed off the UI goroutine (app.DescribeSeries) whenever the series or
// the season changes; every number shown comes from that Description.
type SeriesDiag struct {
	u *Host

	Decomp, ACF, PACF *Chart
	Summary           *widget.Label  // season, strengths or why there is no STL
	Test              *widget.Label  // Ljung–Box of the series, lags outside the band
	Candidates        *widget.Label  // the candidate seasons and their strengths
	PeriodSelect      *widget.Select // the STL period: the season training uses, or a candidate
	// DecompView and ACFView are the charts with their words above them.
	DecompView, ACFView fyne.CanvasObject

	seq      atomic.Uint64 // the latest computation asked; older results are dropped
	series   *tsdata.Series
	season   int // the season training uses (Settings, 0 = the calendar's)
	shown    int // the period asked for the description shown (0 = season)
	periods  []int
	updating bool // filling the picker: its callback does nothing

	// Desc is the description shown (UI goroutine; for tests).
	Desc *diagnose.Description
}

// NewSeriesDiag returns the Data tab's description view.
func NewSeriesDiag(h *Host) *SeriesDiag {
	d := &SeriesDiag{u: h}
	d.Decomp = NewChart(h, 320, 260)
	d.ACF = NewChart(h, 320, 160)
	d.PACF = NewChart(h, 320, 160)
	d.Summary = widget.NewLabel(i18n.T("Open a series to see what is in it: trend, season and autocorrelation."))
	d.Summary.Wrapping = fyne.TextWrapWord
	d.Test = widget.NewLabel("")
	d.Test.Wrapping = fyne.TextWrapWord
	d.Test.Hide()
	d.Candidates = widget.NewLabel("")
	d.Candidates.Wrapping = fyne.TextWrapWord
	d.Candidates.Hide()
	d.PeriodSelect = widget.NewSelect(nil, func(string) { d.periodPicked() })
	d.PeriodSelect.PlaceHolder = i18n.T("(Select one)")
	d.PeriodSelect.Hide()
	d.DecompView = container.NewBorder(container.NewVBox(d.PeriodSelect, d.Summary, d.Candidates), nil, nil, nil, d.Decomp)
	d.ACFView = container.NewBorder(d.Test, nil, nil, nil, container.NewGridWithRows(2, d.ACF, d.PACF))
	d.Clear()
	return d
}

// clear shows that there is nothing to describe (UI goroutine).
func (d *SeriesDiag) Clear() {
	d.seq.Add(1)
	d.series, d.Desc = nil, nil
	msg := i18n.T("Open a file or a sample to see its decomposition")
	d.Decomp.SetPanels(func(st chart.Style, px int) []*plot.Plot {
		return []*plot.Plot{chart.Message(st, i18n.T("Decomposition (STL)"), msg)}
	})
	d.ACF.Set(func(st chart.Style, px int) *plot.Plot { return chart.Message(st, i18n.T("ACF"), msg) })
	d.PACF.Set(func(st chart.Style, px int) *plot.Plot { return chart.Message(st, i18n.T("PACF"), msg) })
}

// follow describes s with the season training uses (season: Settings, 0
// for the calendar's), unless that is what is shown already (UI
// goroutine).
func (d *SeriesDiag) Follow(s *tsdata.Series, season int) {
	if s == nil {
		d.Clear()
		return
	}
	if s == d.series && season == d.season {
		return
	}
	d.series, d.season, d.shown = s, season, 0
	d.compute()
}

// periodPicked describes the series again with the period picked.
func (d *SeriesDiag) periodPicked() {
	i := d.PeriodSelect.SelectedIndex()
	if d.updating || i < 0 || i >= len(d.periods) || d.series == nil {
		return
	}
	d.shown = d.periods[i]
	if d.shown == d.trainSeason() {
		d.shown = 0
	}
	d.compute()
}

// trainSeason is the period training uses on the current series.
func (d *SeriesDiag) trainSeason() int {
	if d.season > 0 || d.series == nil {
		return d.season
	}
	return d.series.Freq.SeasonalPeriod()
}

// compute runs the description in the background and shows it when it is
// still the latest asked (UI goroutine).
func (d *SeriesDiag) compute() {
	seq := d.seq.Add(1)
	s, period := d.series, d.shown
	if period == 0 {
		period = d.season
	}
	d.Summary.SetText(i18n.T("Describing the series…"))
	u := d.u
	u.Background(func() {
		desc, err := app.DescribeSeries(s, diagnose.Options{Season: period})
		u.Do(func() {
			if d.seq.Load() != seq {
				return // the series or the period changed meanwhile
			}
			d.show(s, desc, err)
		})
	})
}

// show fills the labels and charts from desc (UI goroutine).
func (d *SeriesDiag) show(s *tsdata.Series, desc *diagnose.Description, err error) {
	d.Desc = desc
	if err != nil {
		what := d.u.Explain(err)
		d.Summary.SetText(i18n.T("No description of this series: %s", what))
		d.Test.Hide()
		d.Candidates.Hide()
		d.PeriodSelect.Hide()
		d.clearCharts(i18n.T("No decomposition: %s", what))
		return
	}
	train := d.trainSeason()
	var b strings.Builder
	if st := desc.STL; st != nil {
		b.WriteString(i18n.T("STL with period %d", st.Period))
		if st.Period == train {
			b.WriteString(i18n.T(" (the season training uses)"))
		} else {
			b.WriteString(i18n.T(" (training uses %s; set Season on the Settings tab to change it)", seasonText(train)))
		}
		b.WriteString(i18n.T(": strength of trend %.2f, of seasonality %.2f (0 none … 1 all of the variation, FPP3 §4.3).", st.StrengthTrend, st.StrengthSeasonal))
	} else {
		b.WriteString(i18n.T("No decomposition: %s", app.Clip(i18n.Message(desc.STLReason), app.MaxMessage)) + i18n.T("."))
	}
	d.Summary.SetText(b.String())
	lb := desc.LjungBox
	verdict := i18n.T("the series is autocorrelated")
	if lb.P >= diagnose.Alpha {
		verdict = i18n.T("no autocorrelation detected")
	}
	d.Test.SetText(i18n.T("Ljung–Box Q = %.4g at lag %d, p %s: %s. ACF outside the 95 %% band (±%.3f) at lags %s; PACF at %s.",
		lb.Q, lb.Lags, pText(lb.P), verdict, desc.Band, lagsOutside(desc.ACF, desc.Band), lagsOutside(desc.PACF, desc.Band)))
	d.Test.Show()
	d.showCandidates(desc)
	d.showCharts(s, desc)
	// The wrapped texts changed height: lay the views out again.
	d.DecompView.Refresh()
	d.ACFView.Refresh()
}

// showCandidates lists the candidate seasons and fills the period picker
// with them (UI goroutine).
func (d *SeriesDiag) showCandidates(desc *diagnose.Description) {
	d.updating = true
	defer func() { d.updating = false }()
	if len(desc.Candidates) == 0 {
		d.Candidates.Hide()
		d.PeriodSelect.Hide()
		d.periods = nil
		return
	}
	var parts []string
	best, bestStrength := 0, -1.0
	for _, c := range desc.Candidates {
		if c.Reason != "" {
			parts = append(parts, i18n.T("a %s (%d steps): %s", i18n.T(c.Name), c.Steps, app.Clip(i18n.Message(c.Reason), app.MaxMessage)))
			continue
		}
		parts = append(parts, i18n.T("a %s (%d steps): %.2f", i18n.T(c.Name), c.Steps, c.StrengthSeasonal))
		if c.StrengthSeasonal > bestStrength {
			best, bestStrength = c.Steps, c.StrengthSeasonal
		}
	}
	lines := []string{i18n.T("The calendar leaves the season open. Strength of seasonality with each period: %s.", strings.Join(parts, "; "))}
	if best > 0 {
		lines = append(lines, i18n.T("Strongest: %d steps (a multiple of a shorter period adds something only when clearly stronger).", best))
	}
	d.Candidates.SetText(strings.Join(lines, "\n"))
	d.Candidates.Show()

	d.periods = nil
	var opts []string
	train := d.trainSeason()
	shown := desc.Season
	sel := -1
	add := func(p int, label string) {
		d.periods = append(d.periods, p)
		opts = append(opts, label)
		if p == shown {
			sel = len(opts) - 1
		}
	}
	seen := map[int]bool{}
	for _, c := range desc.Candidates {
		label := i18n.T("STL period %d (a %s)", c.Steps, i18n.T(c.Name))
		if c.Steps == train {
			label += i18n.T(", used in training")
		}
		add(c.Steps, label)
		seen[c.Steps] = true
	}
	if !seen[train] && train > 1 {
		add(train, i18n.T("STL period %d, used in training", train))
	}
	d.PeriodSelect.Options = opts
	if sel >= 0 {
		d.PeriodSelect.SetSelectedIndex(sel)
	} else {
		d.PeriodSelect.ClearSelected()
	}
	d.PeriodSelect.Show()
}

// showCharts hands the charts the description (UI goroutine; they render
// in their own goroutines).
func (d *SeriesDiag) showCharts(s *tsdata.Series, desc *diagnose.Description) {
	x, isTime := chart.FromTimes(s.Times, s.Len())
	acf, pacf, band := desc.ACF, desc.PACF, desc.Band
	d.ACF.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.Correlogram(st, i18n.T("ACF of %s (95 %% band ±%.3f)", app.Clip(s.Name, 80), band), acf, band)
	})
	d.PACF.Set(func(st chart.Style, px int) *plot.Plot {
		return chart.Correlogram(st, i18n.T("PACF"), pacf, band)
	})
	if desc.STL == nil {
		d.clearCharts(i18n.T("No decomposition: %s", app.Clip(i18n.Message(desc.STLReason), 160)))
		return
	}
	dc := chart.Decomp{X: x, Time: isTime, Data: s.Values, Trend: desc.STL.Trend, Seasonal: desc.STL.Seasonal,
		Remainder: desc.STL.Remainder, Period: desc.STL.Period, StrengthTrend: desc.STL.StrengthTrend, StrengthSeasonal: desc.STL.StrengthSeasonal}
	d.Decomp.SetPanels(func(st chart.Style, px int) []*plot.Plot { return chart.DecompositionPanels(st, dc, px) })
}

func (d *SeriesDiag) clearCharts(msg string) {
	d.Decomp.SetPanels(func(st chart.Style, px int) []*plot.Plot {
		return []*plot.Plot{chart.Message(st, i18n.T("Decomposition (STL)"), msg)}
	})
}

// seasonText names a seasonal period ("12", i18n.T("none")).
func seasonText(m int) string {
	if m <= 1 {
		return i18n.T("no season")
	}
	return i18n.T("period %d", m)
}

// pText writes a p-value as diagnose's verdicts do: "= 0.23", "< 0.0001".
func pText(p float64) string {
	if p < 1e-4 {
		return "< " + i18n.Number("0.0001")
	}
	return "= " + i18n.Numf("%.2g", p)
}

// maxLagsListed bounds the lags a sentence lists.
const maxLagsListed = 12

// lagsOutside lists the lags (1-based) whose correlation lies outside ±band.
func lagsOutside(r []float64, band float64) string {
	var lags []string
	n := 0
	for k, v := range r {
		if math.Abs(v) > band {
			n++
			if len(lags) < maxLagsListed {
				lags = append(lags, fmt.Sprint(k+1))
			}
		}
	}
	switch {
	case n == 0:
		return i18n.T("none")
	case n > len(lags):
		return strings.Join(lags, ", ") + i18n.T(" and %d more", n-len(lags))
	}
	return strings.Join(lags, ", ")
}
