package project

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

// The checks below hold every value read from a file against the others,
// so that what Open returns can be drawn and used as a session's own runs
// are: no slice shorter than its index says, no model trained for other
// settings.

// maxEpochEvents bounds a result's epoch summaries (epochs × members; the
// settings allow far fewer).
const maxEpochEvents = 1 << 20

func checkManifest(m manifest) error {
	if err := checkText("data source", m.Data.Source, "data title", m.Data.Title, "sheet", m.Sheet); err != nil {
		return err
	}
	if name, ok := strings.CutPrefix(m.Data.Entry, "data/"); !ok || name != dataName(name) {
		return bad("the data entry is called %s, not data/NAME", quoteShort(m.Data.Entry))
	}
	if err := forecast.Validate(m.Settings); err != nil {
		return bad("its settings are not valid: %v", err)
	}
	if m.DayOrder < tsdata.DayOrderAuto || m.DayOrder > tsdata.DayOrderMDY {
		return bad("day order %d does not exist", m.DayOrder)
	}
	if len(m.Runs) > maxRuns {
		return bad("%d runs; a project holds at most %d", len(m.Runs), maxRuns)
	}
	ids := map[int]bool{}
	for _, r := range m.Runs {
		switch {
		case r.ID < 1 || r.ID >= m.NextRun:
			return bad("run %d is numbered outside 1…%d", r.ID, m.NextRun-1)
		case ids[r.ID]:
			return bad("run %d is listed twice", r.ID)
		}
		ids[r.ID] = true
	}
	if m.Experiment != "" && m.Experiment != experimentEntry {
		return bad("the experiment entry is called %s, not %s", quoteShort(m.Experiment), experimentEntry)
	}
	if m.Panel != nil {
		if err := checkPanel(m.Panel); err != nil {
			return err
		}
	}
	if len(m.View) > maxViewKeys {
		return bad("%d view settings, more than %d", len(m.View), maxViewKeys)
	}
	for k, v := range m.View {
		if err := checkText("view key", k, "view value", v); err != nil {
			return err
		}
	}
	return nil
}

// maxPanelColumns bounds the columns a panel's spec may name.
const maxPanelColumns = 1 << 16

// checkPanel checks the manifest's panel: a spec of many series, columns
// of bounded number and length, a member named.
func checkPanel(r *panelRef) error {
	s := r.Spec
	if !s.IsPanel() {
		return bad("its panel names no id column and fewer than two value columns")
	}
	if r.Member == "" {
		return bad("its panel names no series to show")
	}
	if n := len(s.IDCols) + len(s.ValueCols) + len(s.StaticCols); n > maxPanelColumns {
		return bad("its panel names %d columns, more than %d", n, maxPanelColumns)
	}
	if err := checkText("panel member", r.Member, "panel date column", s.DateCol); err != nil {
		return err
	}
	if r.Scores != "" && r.Scores != scoresEntry {
		return bad("the scores entry is called %s, not %s", quoteShort(r.Scores), scoresEntry)
	}
	for _, cols := range [][]string{s.IDCols, s.ValueCols, s.StaticCols} {
		for _, c := range cols {
			if err := checkText("panel column", c); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkScores checks the scores of every series against the panel: one
// for each series, in the panel's order (the window draws a series'
// values beside its score by position); a forecast of the job's horizon,
// or an error saying why there is none; texts of bounded length.
func checkScores(sc *Scores, p *panel.Panel) error {
	if err := forecast.Validate(sc.Settings); err != nil {
		return fmt.Errorf("its settings are not valid: %v", err)
	}
	if err := checkText("model", sc.Model, "method", sc.Method, "id name", sc.IDName, "frequency", sc.Freq); err != nil {
		return err
	}
	if len(sc.Results) != len(p.Members) || len(sc.Static) > maxPanelColumns || len(sc.StaticInputs) > maxPanelColumns || len(sc.Lookbacks) > 100 {
		return fmt.Errorf("%d results, %d static columns, %d lookbacks for %d series", len(sc.Results), len(sc.Static), len(sc.Lookbacks), len(p.Members))
	}
	for _, c := range slices.Concat(sc.Static, sc.StaticInputs) {
		if err := checkText("static input", c); err != nil {
			return err
		}
	}
	h := sc.Settings.Horizon
	for i, r := range sc.Results {
		if err := checkText("series id", r.ID, "method", r.Method, "recommended", r.Recommended, "alone", r.Alone, "error", r.Err); err != nil {
			return err
		}
		if r.ID != p.Members[i].ID {
			return fmt.Errorf("result %d is for the series %s; the data's series %d is %s", i+1, quoteShort(r.ID), i+1, quoteShort(p.Members[i].ID))
		}
		if len(r.Metrics) > 64 || r.Window < 0 {
			return fmt.Errorf("series %s: %d methods scored, window %d", quoteShort(r.ID), len(r.Metrics), r.Window)
		}
		f := r.Forecast
		if r.Err != "" {
			continue
		}
		n := len(f.Mean)
		bands := [][]float64{f.Lower80, f.Upper80, f.Lower95, f.Upper95}
		for _, b := range bands {
			if b != nil && len(b) != n {
				n = -1
			}
		}
		if n != h || f.Times != nil && len(f.Times) != h || f.Index != nil && len(f.Index) != h {
			return fmt.Errorf("series %s: a forecast of %d steps; the horizon is %d", quoteShort(r.ID), len(f.Mean), h)
		}
		if r.Holdout != nil && (len(r.Holdout) != h || !sc.Holdout) {
			return fmt.Errorf("series %s: a holdout prediction of %d points; the horizon is %d", quoteShort(r.ID), len(r.Holdout), h)
		}
	}
	return nil
}

// checkText checks name/value pairs of text for length.
func checkText(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if len(pairs[i+1]) > maxText {
			return bad("its %s has %d bytes, more than %d", pairs[i], len(pairs[i+1]), maxText)
		}
	}
	return nil
}

// checkRun checks a run against itself, its series and its model.
func checkRun(r *Run) error {
	if err := checkText("source", r.Source, "series name", r.Series, "error", r.Err, "run name", r.Name); err != nil {
		return err
	}
	if err := forecast.Validate(r.Settings); err != nil {
		return fmt.Errorf("its settings are not valid: %v", err)
	}
	switch {
	case r.Failed && r.Result != nil:
		return errors.New("it failed but has a result")
	case !r.Failed && r.Result == nil:
		return errors.New("it finished but has no result")
	case r.Result == nil:
		return nil
	}
	return checkResult(r.Result, r.Data)
}

func checkResult(res *forecast.Result, s *tsdata.Series) error {
	if err := forecast.Validate(res.Settings); err != nil {
		return fmt.Errorf("its result's settings are not valid: %v", err)
	}
	h := res.Settings.Horizon
	if err := checkForecast("forecast", res.Forecast, h); err != nil {
		return err
	}
	for name, f := range res.Forecasts {
		if err := checkForecast(quoteShort(name)+" forecast", f, h); err != nil {
			return err
		}
	}
	n := s.Len()
	hd := res.Holdout
	if hd.Start < 0 || hd.Start+len(hd.Actual) > n || len(hd.Actual) > h {
		return fmt.Errorf("its holdout (%d points from %d) lies outside its series of %d", len(hd.Actual), hd.Start, n)
	}
	for name, p := range hd.Pred {
		if len(p) != len(hd.Actual) {
			return fmt.Errorf("its %s holdout prediction has %d points, the holdout %d", quoteShort(name), len(p), len(hd.Actual))
		}
	}
	bands := map[string]forecast.Band{"": {Lower80: hd.Lower80, Upper80: hd.Upper80, Lower95: hd.Lower95, Upper95: hd.Upper95}}
	for name, b := range hd.Bands {
		bands[name] = b
	}
	for name, b := range bands {
		for _, x := range [][]float64{b.Lower80, b.Upper80, b.Lower95, b.Upper95} {
			if len(x) != 0 && len(x) != len(hd.Actual) {
				if name != "" {
					return fmt.Errorf("its %s holdout intervals have %d points, the holdout %d", quoteShort(name), len(x), len(hd.Actual))
				}
				return fmt.Errorf("its holdout intervals have %d points, the holdout %d", len(x), len(hd.Actual))
			}
		}
	}
	for name, r := range res.Residuals {
		if r.Start < 0 || r.Start+len(r.Values) > n {
			return fmt.Errorf("its %s residuals lie outside its series", quoteShort(name))
		}
	}
	if len(res.History) > maxEpochEvents {
		return fmt.Errorf("%d epoch summaries", len(res.History))
	}
	if err := checkText("diagnosis", res.Diagnosis, "anchor", res.Anchor, "series", res.Series, "recommendation", res.Recommended); err != nil {
		return err
	}
	if m := res.Model; m != nil {
		return checkModel(m, res, s)
	}
	return nil
}

// checkModel checks that a run's model is the one its result describes:
// trained with the same settings, on a series of the same name and the
// same extra columns.
func checkModel(m *forecast.Model, res *forecast.Result, s *tsdata.Series) error {
	switch {
	case !reflect.DeepEqual(m.Settings, res.Settings):
		return errors.New("its model was trained with other settings than the run's")
	case m.Name != res.Series:
		return fmt.Errorf("its model was trained on %s, the run on %s", quoteShort(m.Name), quoteShort(res.Series))
	case !slices.Equal(m.CovNames, s.CovNames):
		return errors.New("its model takes other extra columns than its series has")
	}
	return nil
}

func checkForecast(what string, f forecast.Forecast, h int) error {
	if len(f.Mean) != h {
		return fmt.Errorf("its %s has %d steps, its horizon is %d", what, len(f.Mean), h)
	}
	for _, n := range []int{len(f.Times), len(f.Index), len(f.Lower80), len(f.Upper80), len(f.Lower95), len(f.Upper95)} {
		if n != 0 && n != h {
			return fmt.Errorf("its %s has parts of %d steps, its horizon is %d", what, n, h)
		}
	}
	return nil
}

// checkSeries checks a series stored for a run.
func checkSeries(s *tsdata.Series) error {
	n := s.Len()
	switch {
	case n == 0:
		return errors.New("an empty series")
	case len(s.Times) != 0 && len(s.Times) != n:
		return fmt.Errorf("%d times for %d values", len(s.Times), n)
	case len(s.Covariates) != len(s.CovNames):
		return fmt.Errorf("%d extra columns but %d names", len(s.Covariates), len(s.CovNames))
	}
	for _, c := range s.Covariates {
		if len(c) != n {
			return fmt.Errorf("an extra column of %d values for %d", len(c), n)
		}
	}
	return checkText("name", s.Name)
}

// checkExperiment checks that an experiment's cells, runs and best cells
// refer to each other within range.
func checkExperiment(e *experiment.Result) error {
	nc := len(e.Cells)
	for i, c := range e.Cells {
		if len(c.Labels) != len(e.Spec.Axes) {
			return fmt.Errorf("cell %d has %d labels for %d axes", i+1, len(c.Labels), len(e.Spec.Axes))
		}
		if len(c.ValLo) != len(c.ValMedian) || len(c.ValHi) != len(c.ValMedian) {
			return fmt.Errorf("cell %d: its loss bands and median differ in length", i+1)
		}
	}
	for k, b := range e.Best {
		if b < 0 || b >= nc {
			return fmt.Errorf("best %s is cell %d of %d", quoteShort(k), b+1, nc)
		}
	}
	for _, r := range e.Runs {
		if r.Cell < 0 || r.Cell >= nc {
			return fmt.Errorf("a run of cell %d of %d", r.Cell+1, nc)
		}
	}
	return forecast.Validate(e.Spec.Base)
}
