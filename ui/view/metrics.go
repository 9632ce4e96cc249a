package view

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/precision"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// The Forecast tab's tables: the holdout metrics and the forecast.

// NewMetricsGrid is an empty grid for ShowMetrics: as wide as its text
// (Columns), not six columns of its widest cell.
func NewMetricsGrid() *fyne.Container { return container.New(Columns(1 + len(metricColumns))) }

// FitColumns makes each column of t as wide as its widest text in rows
// (bold, as the header is).
func FitColumns(t *widget.Table, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	pad := 2*theme.Padding() + 4
	for c := range rows[0] {
		w := float32(0)
		for _, row := range rows {
			w = max(w, fyne.MeasureText(row[c], theme.TextSize(), fyne.TextStyle{Bold: true}).Width)
		}
		t.SetColumnWidth(c, w+pad)
	}
}

// metricColumns are the metrics grid's numeric columns: header, value and
// decimals from the column's values (dataDec: the series' decimals).
var metricColumns = []struct {
	head string
	get  func(classic.Metrics) float64
	dec  func(col []float64, dataDec int) int
}{
	{"MAE", func(x classic.Metrics) float64 { return x.MAE }, func(c []float64, d int) int { return ColumnDecimals(c, 3, d) }},
	{"RMSE", func(x classic.Metrics) float64 { return x.RMSE }, func(c []float64, d int) int { return ColumnDecimals(c, 3, d) }},
	{"MAPE %", func(x classic.Metrics) float64 { return x.MAPE }, func([]float64, int) int { return 1 }},
	{"sMAPE %", func(x classic.Metrics) float64 { return x.SMAPE }, func([]float64, int) int { return 1 }},
	{"MASE", func(x classic.Metrics) float64 { return x.MASE }, func(c []float64, _ int) int { return ColumnDecimals(c, 3, 2) }},
}

// ShowMetrics fills grid (NewMetricsGrid) with a header and one row per method, the lowest MASE
// (MAE when MASE is missing) first and starred, so the best method is in
// sight without scrolling; each column has one precision and is
// right-aligned, so decimal points line up; the best value of each column
// is green (colour only: bold digits are wider and would break the
// alignment).
//
// dataDec is the series' own decimals, the least MAE and RMSE show.
func ShowMetrics(grid *fyne.Container, m map[string]classic.Metrics, dataDec int) {
	grid.RemoveAll()
	grid.Add(widget.NewLabelWithStyle(i18n.T("Method"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, c := range metricColumns {
		grid.Add(widget.NewLabelWithStyle(c.head, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	names := rankMethods(m)
	decs := make([]int, len(metricColumns))
	best := make([]float64, len(metricColumns))
	for c, col := range metricColumns {
		var vals []float64
		best[c] = math.Inf(1)
		for _, name := range names {
			v := col.get(m[name])
			vals = append(vals, v)
			if !math.IsNaN(v) && v < best[c] {
				best[c] = v
			}
		}
		decs[c] = col.dec(vals, dataDec)
	}
	for i, name := range names {
		x := m[name]
		lbl := MethodLabel(name)
		if i == 0 && rankScore(x) < math.Inf(1) {
			lbl += " ★"
		}
		grid.Add(widget.NewLabelWithStyle(lbl, fyne.TextAlignLeading, fyne.TextStyle{Bold: name == forecast.MethodLSTM}))
		for c, col := range metricColumns {
			v := col.get(x)
			l := widget.NewLabelWithStyle(Fixed(v, decs[c]), fyne.TextAlignTrailing, fyne.TextStyle{})
			if v == best[c] {
				l.Importance = widget.SuccessImportance
			}
			grid.Add(l)
		}
	}
	grid.Refresh()
}

// rankMethods orders the methods of m by rankScore, lowest first; ties
// and unscored methods keep forecast.Methods' order.
func rankMethods(m map[string]classic.Metrics) []string {
	names := SortedMethods(m)
	slices.SortStableFunc(names, func(a, b string) int { return cmp.Compare(rankScore(m[a]), rankScore(m[b])) })
	return names
}

// rankScore is a method's MASE, or its MAE when MASE is missing for it,
// or +Inf.
func rankScore(x classic.Metrics) float64 {
	for _, v := range []float64{x.MASE, x.MAE} {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			return v
		}
	}
	return math.Inf(1)
}

// CoverageNote is a warning, for beside the intervals, when the LSTM's
// intervals covered far fewer of the n holdout points than they promise
// (CoverageLow), or "".
func CoverageNote(c80, c95 float64, n int) string {
	low80, low95 := CoverageLow(c80, n, 0.8), CoverageLow(c95, n, 0.95)
	if !low80 && !low95 {
		return ""
	}
	var parts []string
	if low80 {
		parts = append(parts, i18n.T("the 80%% interval covered %s", Pct(c80)))
	}
	if low95 {
		parts = append(parts, i18n.T("the 95%% interval %s", Pct(c95)))
		if !low80 {
			parts[len(parts)-1] = i18n.T("the 95%% interval covered %s", Pct(c95))
		}
	}
	return i18n.T("⚠ Intervals too narrow: on the %d holdout points %s. Read the shaded bands as optimistic.", n, strings.Join(parts, i18n.T(" and ")))
}

// ForecastRows is the forecast table of fc, which continues s: a header and
// a row a step, every number with one precision (the data's decimals, at
// least three significant digits of the forecast; ColumnDecimals).
func ForecastRows(fc *forecast.Forecast, s *tsdata.Series) [][]string {
	dec := ColumnDecimals(fc.Mean, 3, min(precision.Decimals(s.Values), 3))
	rows := [][]string{i18n.All([]string{"Date", "Forecast", "80% low", "80% high", "95% low", "95% high"})}
	for _, r := range fc.Records(s.Freq) {
		rows = append(rows, []string{i18n.DateText(r.Date), Fixed(r.Forecast, dec), Fixed(r.Lower80, dec), Fixed(r.Upper80, dec), Fixed(r.Lower95, dec), Fixed(r.Upper95, dec)})
	}
	return rows
}

// MethodsOf lists the methods of both maps in forecast.Methods' order,
// then any other by name.
func MethodsOf(fcs map[string]*forecast.Forecast, pred map[string][]float64) []string {
	m := map[string]classic.Metrics{}
	for k := range fcs {
		m[k] = classic.Metrics{}
	}
	for k := range pred {
		m[k] = classic.Metrics{}
	}
	return SortedMethods(m)
}

// Toast shows msg for a few seconds at the bottom left of c (a tap
// elsewhere hides it sooner). Call on the UI goroutine.
func Toast(c fyne.Canvas, msg string, d time.Duration) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.SuccessImportance
	w := min(c.Size().Width-40, 720)
	p := widget.NewPopUp(container.NewPadded(l), c)
	p.Resize(fyne.NewSize(w, l.MinSize().Height))
	h := max(p.MinSize().Height, l.MinSize().Height)
	p.Resize(fyne.NewSize(w, h))
	p.ShowAtPosition(fyne.NewPos(20, c.Size().Height-h-20))
	time.AfterFunc(d, func() { fyne.Do(p.Hide) })
}
