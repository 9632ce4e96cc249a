package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/sampledata"
)

// Data is a snapshot of the loaded data: the parsed table, the columns
// chosen, the cleaned series and the import report. All fields are shared
// and read-only.
type Data struct {
	Source string // file path, or "sample:<id>"
	Title  string // a short name for the window: file base name or sample title
	Table  *tsdata.Table
	Spec   tsdata.SeriesSpec
	Series *tsdata.Series // nil when the chosen columns give no series
	Report *tsdata.Report
	Sample *sampledata.Sample // set when the data came from the catalogue
	// DayOrder is how dates like 01/02/2006 were read: DayOrderAuto (from
	// the data, month first when the file cannot tell) unless SetDayOrder
	// chose one.
	DayOrder tsdata.DayOrder
	// Panel is the file of many series whose member Series is
	// (SelectSeries, or a project of such a file); nil otherwise.
	Panel *Panel
	// PanelRun is the last scoring of every series of Panel
	// (SetPanelRun, or a project's); nil for none.
	PanelRun *PanelRun
}

// Data returns the loaded data, or nil before anything was loaded.
func (s *Session) Data() *Data {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.table == nil {
		return nil
	}
	return s.dataLocked()
}

func (s *Session) dataLocked() *Data {
	d := &Data{Source: s.source, Title: s.title, Table: s.table, Spec: s.spec, Series: s.series, Report: s.report, DayOrder: s.dayOrder, Panel: s.panel}
	if s.panel != nil && s.panelRunOf == s.panel {
		d.PanelRun = s.panelRun
	}
	if s.sample != nil {
		sm := *s.sample
		d.Sample = &sm
	}
	return d
}

// LoadFile reads a CSV file or a workbook and extracts a series with the proposed date
// column and the first numeric column (interpolating missing values). If a
// training job is running it is stopped first (see the package comment). On
// error the previously loaded data stay. What is not a regular file (a
// named pipe, a device, a folder) is refused before it is opened.
func (s *Session) LoadFile(path string) (*Data, error) {
	return s.LoadFileWith(path, tsdata.SeriesSpec{})
}

// LoadFileWith is LoadFile with the columns and missing-value policy of
// spec (see tsdata.SeriesSpec: an empty DateCol takes the proposed date
// column, an empty ValueCol the first numeric column).
func (s *Session) LoadFileWith(path string, spec tsdata.SeriesSpec) (*Data, error) {
	return s.LoadSheet(path, "", spec)
}

// LoadSheet is LoadFileWith for one sheet of a workbook: "" takes the first
// sheet with a date and a number column (see tsdata.ReadOptions.Sheet); a
// CSV file has no sheets and ignores it.
func (s *Session) LoadSheet(path, sheet string, spec tsdata.SeriesSpec) (*Data, error) {
	return s.LoadSheetProgress(context.Background(), path, sheet, spec, nil)
}

// LoadSheetProgress is LoadSheet for the window: progress (when not nil)
// is called now and then, on the loading goroutine, with how much of the
// file was read (see tsdata.ReadOptions.Progress: done of total bytes, or
// rows of a workbook's sheet, total 0 when unknown), and the read stops
// when ctx is done, with ctx's error; nothing changes then.
func (s *Session) LoadSheetProgress(ctx context.Context, path, sheet string, spec tsdata.SeriesSpec, progress func(done, total int64)) (*Data, error) {
	if d, ok, err := s.loadEmbedded(path, sheet, spec, tsdata.DayOrderAuto); ok {
		return d, err
	}
	if err := CheckRegular(path); err != nil {
		return nil, err
	}
	opt := tsdata.ReadOptions{Sheet: sheet, Progress: func(done, total int64) error {
		if progress != nil {
			progress(done, total)
		}
		return ctx.Err()
	}}
	return s.loadFile(ctx, path, spec, opt)
}

func (s *Session) loadFile(ctx context.Context, path string, spec tsdata.SeriesSpec, opt tsdata.ReadOptions) (*Data, error) {
	t, err := tsdata.ReadFile(path, opt)
	if err == nil {
		err = ctx.Err() // cancelled after the last report: keep what is loaded
	}
	if err != nil {
		return nil, err
	}
	return s.setTable(path, filepath.Base(path), t, nil, nil, spec, opt.DayOrder)
}

// loadEmbedded reads the loaded data again from the copy a project keeps
// of them, on sheet and in the day order given, when their file is gone
// (a project opened on another machine): ok is false, and nothing
// happens, when path is not the loaded data's source, its file exists or
// no copy is kept.
func (s *Session) loadEmbedded(path, sheet string, spec tsdata.SeriesSpec, order tsdata.DayOrder) (d *Data, ok bool, err error) {
	s.mu.Lock()
	kept, src := s.proj, s.source
	s.mu.Unlock()
	if src != path || kept.bytes == nil || kept.table == nil {
		return nil, false, nil
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	t, err := project.ReadData(kept.name, kept.bytes, sheet, order)
	if err != nil {
		return nil, true, fmt.Errorf("app: %s is gone; its copy in the project: %w", filepath.Base(path), err)
	}
	if d, err = s.setTable(path, filepath.Base(path), t, nil, nil, spec, order); err != nil {
		return nil, true, err
	}
	s.mu.Lock()
	if s.table == t {
		s.proj = projectData{table: t, name: kept.name, bytes: kept.bytes}
	}
	s.mu.Unlock()
	return d, true, nil
}

// SetDayOrder reads the loaded file again with dates like 01/02/2006 read
// in the given order (DayOrderAuto: from the data), keeping the columns and
// missing-value policy chosen. The horizon, season and window follow the
// dates' new frequency unless set for this file (see dataSettings).
// A sample's dates are unambiguous: it is refused, as is an order that
// leaves the chosen columns without a series (nothing changes then).
func (s *Session) SetDayOrder(order tsdata.DayOrder) (*Data, error) {
	s.mu.Lock()
	src, sm, spec, table := s.source, s.sample, s.spec, s.table
	s.mu.Unlock()
	switch {
	case table == nil:
		return nil, ErrNoData
	case sm != nil:
		return nil, errors.New("app: a sample's dates are read as catalogued; the day order applies to files")
	}
	sheet := "" // a workbook is read again on the same sheet
	if table.Workbook != nil {
		sheet = table.Workbook.Sheet
	}
	if d, ok, err := s.loadEmbedded(src, sheet, spec, order); ok {
		return d, err
	}
	return s.loadFile(context.Background(), src, spec, tsdata.ReadOptions{DayOrder: order, Sheet: sheet})
}

// LoadSample loads one of the embedded samples with its catalogued columns;
// its horizon is the sample's suggested one unless you set another for it
// (see setTable).
func (s *Session) LoadSample(id string) (*Data, error) {
	sm, ok := sampledata.Lookup(id)
	if !ok {
		return nil, fmt.Errorf("app: no sample called %q", id)
	}
	b, err := sampledata.Bytes(id)
	if err != nil {
		return nil, err
	}
	t, err := tsdata.ReadCSV(bytes.NewReader(b), sm.File, tsdata.ReadOptions{})
	if err != nil {
		return nil, err
	}
	spec := tsdata.SeriesSpec{DateCol: sm.DateCol, ValueCol: sm.ValueCol}
	return s.setTable("sample:"+id, sm.Title, t, &sm, nil, spec, tsdata.DayOrderAuto)
}

// setTable installs a freshly parsed table after stopping any job; member
// is the file of many series t is a series of (nil: data of their own).
// The series is extracted before anything changes, so a failure leaves the
// session as it was.
func (s *Session) setTable(source, title string, t *tsdata.Table, sm *sampledata.Sample, member *Panel, spec tsdata.SeriesSpec, order tsdata.DayOrder) (*Data, error) {
	series, rep, err := t.Series(spec)
	if err != nil {
		return nil, err
	}
	spec.ValueCol = rep.ValueColumn // the column chosen for an empty ValueCol

	s.stopAndWait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if source != s.source || order != s.dayOrder { // new data, or new dates
		s.settings = s.dataSettings(source, series, sm)
	}
	s.source, s.title, s.table, s.sample, s.dayOrder = source, title, t, sm, order
	s.spec, s.series, s.report = spec, series, rep
	s.model, s.modelFc, s.modelSrc = nil, nil, ""
	if s.proj.panel == nil || s.proj.panel != member {
		s.proj = projectData{} // the bytes of the data before, kept for projects
	} else {
		s.proj.table = t // the file's bytes, kept, hold this series of it too
	}
	s.panel = member
	s.bump()
	s.signal()
	return s.dataLocked(), nil
}

// SelectColumns re-extracts the series from the loaded table with other
// columns or another missing-value policy. A running job is stopped first.
// On error nothing changes.
func (s *Session) SelectColumns(spec tsdata.SeriesSpec) (*Data, error) {
	s.mu.Lock()
	t := s.table
	s.mu.Unlock()
	if t == nil {
		return nil, ErrNoData
	}
	if spec.ValueCol == "" {
		return nil, errors.New("app: choose the column to forecast")
	}
	if slices.Contains(spec.Covariates, spec.ValueCol) {
		spec.Covariates = slices.DeleteFunc(slices.Clone(spec.Covariates), func(c string) bool { return c == spec.ValueCol })
	}
	series, rep, err := t.Series(spec)
	if err != nil {
		return nil, err
	}
	s.stopAndWait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.table != t {
		return nil, errors.New("app: the data changed meanwhile; choose the columns again")
	}
	s.spec, s.series, s.report = spec, series, rep
	s.model, s.modelFc, s.modelSrc = nil, nil, ""
	s.bump()
	s.signal()
	return s.dataLocked(), nil
}

// dataPin holds the settings that depend on the data (horizon, season,
// window) as a person set them for one file or sample.
type dataPin struct{ horizon, season, window int }

// dataSettings are the session's settings for newly loaded data: the
// horizon, season and window a person set for this source earlier in the
// session, or else the data's own — the sample's horizon or the frequency's
// (forecast.DefaultHorizon), the season from the calendar, the window
// derived — so that a horizon chosen for one file does not carry over to
// the next (yearly sunspots' 11 onto an hourly log). Called with s.mu held.
func (s *Session) dataSettings(source string, series *tsdata.Series, sm *sampledata.Sample) config.Settings {
	set := s.settings
	if p, ok := s.pins[source]; ok {
		set.Horizon, set.Season, set.Window = p.horizon, p.season, p.window
	} else {
		set.Horizon, set.Season, set.Window = forecast.DefaultHorizon(series.Freq), 0, 0
		if sm != nil && sm.Horizon > 0 {
			set.Horizon = sm.Horizon
		}
	}
	if forecast.Validate(set) != nil {
		return s.settings
	}
	return set
}

// pin records the data-dependent settings a person changed for the loaded
// source. Called with s.mu held, before the settings are replaced.
func (s *Session) pin(set config.Settings) {
	old := s.settings
	if s.source == "" || set.Horizon == old.Horizon && set.Season == old.Season && set.Window == old.Window {
		return
	}
	if s.pins == nil {
		s.pins = map[string]dataPin{}
	}
	s.pins[s.source] = dataPin{set.Horizon, set.Season, set.Window}
}
