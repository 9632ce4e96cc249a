package project

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

// Format and Version identify project files.
const (
	Format  = "forecaster-project"
	Version = 4
)

// Ext is a project file's extension.
const Ext = ".forecaster"

// Project is everything a project file holds.
type Project struct {
	Data       Data
	Sheet      string            // the workbook's sheet read; "" for a CSV file
	Spec       tsdata.SeriesSpec // the columns chosen
	DayOrder   tsdata.DayOrder   // how dates like 01/02/2006 were read
	Settings   config.Settings   // for the next run
	Runs       []*Run            // oldest first
	NextRun    int               // the ID the next run will get
	Experiment *experiment.Result
	View       map[string]string // the window's own state (its selected tab …), kept as it is
	Saved      time.Time

	// Series is the series the data and Spec give. Save stores runs
	// trained on it (Run.Data == Series) without a copy of it; Open
	// rebuilds it, with Table and Report, from the data.
	Series *tsdata.Series
	Table  *tsdata.Table
	Report *tsdata.Report

	// Panel, when not nil, says that the data are a file of many series
	// and which of them the project shows: the data split by Panel.Spec
	// give Members, and Table and Series are those of the member
	// Panel.Member (as app.Session.SelectSeries loads it). Save needs only
	// Panel; Open rebuilds Members from the data.
	Panel   *Panel
	Members *panel.Panel

	// Migrated is the version the file was written in, when Open upgraded
	// it from an older one; 0 otherwise.
	Migrated int
}

// Panel is what a project of a file of many series keeps besides the
// data: how the file was split into series, the series shown and the last
// scoring of every series.
type Panel struct {
	Spec   panel.Spec
	Member string  // the id of the series shown
	Scores *Scores // nil when no scoring was kept
}

// Scores is the last scoring of every series of a project's file (the
// window's All series table): app.PanelRun as a project keeps it.
type Scores struct {
	Model        string          // "local", "global"
	Settings     config.Settings // the job's
	Method       string          // the forecast each SeriesScore holds
	Holdout      bool
	Static       []string // static columns the global network took
	IDName, Freq string
	Results      []SeriesScore // in the file's order
	Seconds      float64
	StaticInputs []string
	Lookbacks    []int
	Lookback     int
}

// SeriesScore is one series' outcome in Scores.
type SeriesScore struct {
	ID, Method  string
	Forecast    forecast.Forecast
	Holdout     []float64 `json:",omitempty"` // the holdout prediction by Method (app.SeriesResult.Holdout; none in projects saved before 2026-12-08)
	Metrics     map[string]classic.Metrics
	Recommended string
	Window      int
	Alone       string `json:",omitempty"` // why a global run forecast it on its own (app.SeriesResult.Alone)
	Err         string // why the series has no forecast; "" when it has
}

// Data is the data a project was built on: the file's bytes as they were
// loaded and where they came from.
type Data struct {
	Source string // the original path, or "sample:ID"
	Title  string // the window's short name for it
	Name   string // the file's name, e.g. "sales.csv": how the bytes are read
	Bytes  []byte
}

// Run is one training run of a project.
type Run struct {
	ID       int
	Name     string // what a person called it on the Compare tab; "" for none
	Source   string // the file or sample the series came from
	Series   string // the series' name
	Settings config.Settings
	Started  time.Time
	Finished time.Time
	Failed   bool   // the run produced nothing; Err says why
	Err      string // the failure, as shown
	History  *monitor.History
	Result   *forecast.Result // nil when Failed; Result.Model is its model
	Data     *tsdata.Series   // the series it was trained on
}

// Limits of what Open accepts; Save refuses a project beyond them, which
// could not be read back.
const (
	MaxDataBytes       = 1 << 30 // the data file (as tsdata.DefaultMaxBytes)
	maxRuns            = 500
	maxManifestBytes   = 4 << 20
	maxRunBytes        = 64 << 20
	maxSeriesBytes     = 256 << 20
	maxExperimentBytes = 64 << 20
	maxScoresBytes     = 256 << 20 // 10,000 series take about 30 MiB
	maxText            = 4096      // bytes of a path, title or error text
	maxViewKeys        = 64
)

// ErrBadProject is wrapped by every error about a damaged file.
var ErrBadProject = errors.New("project: not a valid project file")

// ErrNewer is wrapped by the error about a file of a newer format version.
var ErrNewer = errors.New("project: made by a newer Forecaster")

// Entry names.
const (
	manifestEntry   = "manifest.json"
	experimentEntry = "experiment.json"
	scoresEntry     = "panel/scores.json"
)

// manifest is manifest.json.
type manifest struct {
	Format     string            `json:"format"`
	Version    int               `json:"version"`
	Saved      time.Time         `json:"saved"`
	Data       dataRef           `json:"data"`
	Sheet      string            `json:"sheet"` // since version 3
	Columns    tsdata.SeriesSpec `json:"columns"`
	DayOrder   tsdata.DayOrder   `json:"day_order"`
	Settings   config.Settings   `json:"settings"`
	Runs       []runRef          `json:"runs"`
	NextRun    int               `json:"next_run"`
	Experiment string            `json:"experiment"` // entry name, or "" for none
	View       map[string]string `json:"view"`
	Panel      *panelRef         `json:"panel,omitempty"` // since version 4
}

// panelRef is the manifest's "panel": the whole panel.Spec (as "columns"
// keeps the whole tsdata.SeriesSpec) and the member shown.
type panelRef struct {
	Spec   panel.Spec `json:"spec"`
	Member string     `json:"member"`
	Scores string     `json:"scores"` // entry name, or "" for none
}

type dataRef struct {
	Source string `json:"source"`
	Title  string `json:"title"`
	Entry  string `json:"entry"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

type runRef struct {
	ID     int    `json:"id"`
	Entry  string `json:"entry"`
	Model  string `json:"model"`  // "" for a failed run
	Series string `json:"series"` // "" when trained on the project's series
}

// runEntry is runs/ID.json.
type runEntry struct {
	ID       int              `json:"id"`
	Name     string           `json:"name"` // since version 3
	Source   string           `json:"source"`
	Series   string           `json:"series"`
	Settings config.Settings  `json:"settings"`
	Started  time.Time        `json:"started"`
	Finished time.Time        `json:"finished"`
	Failed   bool             `json:"failed"`
	Err      string           `json:"error"`
	History  monitor.State    `json:"history"`
	Result   *forecast.Result `json:"result"` // its Model is null: the model has an entry of its own
}

// entries is the codec of every entry: a model is only ever read by
// forecast.ReadModel.
var entries = codec{forbidden: map[reflect.Type]bool{reflect.TypeFor[*forecast.Model](): true}}

// write writes p as a project file.
func write(w io.Writer, p *Project) error {
	if len(p.Data.Bytes) > MaxDataBytes {
		return fmt.Errorf("project: the data file has %s; a project holds at most %s", mib(int64(len(p.Data.Bytes))), mib(MaxDataBytes))
	}
	if len(p.Runs) > maxRuns {
		return fmt.Errorf("project: %d runs; a project holds at most %d: remove some on the Compare tab", len(p.Runs), maxRuns)
	}
	z := zip.NewWriter(w)
	// Fastest deflate: an autosave rewrites the project, and the data
	// dominate (1 M hourly rows of CSV, 28 MB, on the loaded 2-core VM:
	// 6.1 MB in 0.95 s, where the default level took 3.4 s for 4.0 MB).
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	sum := sha256.Sum256(p.Data.Bytes)
	m := manifest{Format: Format, Version: Version, Saved: p.Saved.UTC(), Sheet: p.Sheet, Columns: p.Spec, DayOrder: p.DayOrder, Settings: p.Settings,
		NextRun: p.NextRun, View: p.View,
		Data: dataRef{Source: p.Data.Source, Title: p.Data.Title, Entry: "data/" + dataName(p.Data.Name),
			Bytes: int64(len(p.Data.Bytes)), SHA256: hex.EncodeToString(sum[:])}}
	if p.Panel != nil {
		m.Panel = &panelRef{Spec: p.Panel.Spec, Member: p.Panel.Member}
		if sc := p.Panel.Scores; sc != nil {
			b, err := entries.encodeJSON(sc)
			if err != nil {
				return fmt.Errorf("project: encoding the scores of every series: %w", err)
			}
			if len(b) > maxScoresBytes {
				return fmt.Errorf("project: the scores of every series take %s, over the %s a project keeps", mib(int64(len(b))), mib(maxScoresBytes))
			}
			if err := put(z, scoresEntry, zip.Deflate, b); err != nil {
				return err
			}
			m.Panel.Scores = scoresEntry
		}
	}
	// The data: stored, not compressed, when large (CSV compresses well,
	// but a 1 GiB file would take seconds).
	method := zip.Deflate
	if len(p.Data.Bytes) > 64<<20 {
		method = zip.Store
	}
	if err := put(z, m.Data.Entry, method, p.Data.Bytes); err != nil {
		return err
	}
	series := map[*tsdata.Series]string{}
	for _, r := range p.Runs {
		ref, err := writeRun(z, r, p.Series, series)
		if err != nil {
			return err
		}
		m.Runs = append(m.Runs, ref)
	}
	if p.Experiment != nil {
		b, err := entries.encodeJSON(p.Experiment)
		if err != nil {
			return fmt.Errorf("project: encoding the experiment: %w", err)
		}
		if err := put(z, experimentEntry, zip.Deflate, b); err != nil {
			return err
		}
		m.Experiment = experimentEntry
	}
	b, err := entries.encodeJSON(m)
	if err != nil {
		return fmt.Errorf("project: encoding the manifest: %w", err)
	}
	if err := put(z, manifestEntry, zip.Deflate, b); err != nil {
		return err
	}
	return z.Close()
}

// writeRun writes a run's entries: the run, its model and, unless it was
// trained on the project's series or one already written, its series.
func writeRun(z *zip.Writer, r *Run, current *tsdata.Series, series map[*tsdata.Series]string) (runRef, error) {
	ref := runRef{ID: r.ID, Entry: fmt.Sprintf("runs/%d.json", r.ID)}
	if r.Data != nil && r.Data != current {
		name, ok := series[r.Data]
		if !ok {
			name = fmt.Sprintf("series/%d.json", len(series)+1)
			b, err := entries.encodeJSON(r.Data)
			if err != nil {
				return ref, fmt.Errorf("project: encoding the series of run %d: %w", r.ID, err)
			}
			if err := put(z, name, zip.Deflate, b); err != nil {
				return ref, err
			}
			series[r.Data] = name
		}
		ref.Series = name
	}
	e := runEntry{ID: r.ID, Name: r.Name, Source: r.Source, Series: r.Series, Settings: r.Settings, Started: r.Started.UTC(), Finished: r.Finished.UTC(),
		Failed: r.Failed, Err: r.Err}
	if r.History != nil {
		e.History = r.History.State()
	} else {
		e.History = monitor.NewHistory().State()
	}
	if r.Result != nil {
		res := *r.Result
		res.Model = nil
		e.Result = &res
		if m := r.Result.Model; m != nil {
			ref.Model = fmt.Sprintf("runs/%d.model.json", r.ID)
			var buf bytes.Buffer
			if err := m.Write(&buf); err != nil {
				return ref, err
			}
			if err := put(z, ref.Model, zip.Deflate, buf.Bytes()); err != nil {
				return ref, err
			}
		}
	}
	b, err := entries.encodeJSON(e)
	if err != nil {
		return ref, fmt.Errorf("project: encoding run %d: %w", r.ID, err)
	}
	if len(b) > maxRunBytes {
		return ref, fmt.Errorf("project: run %d takes %s, over the %s a run may: remove it on the Compare tab", r.ID, mib(int64(len(b))), mib(maxRunBytes))
	}
	return ref, put(z, ref.Entry, zip.Deflate, b)
}

func put(z *zip.Writer, name string, method uint16, b []byte) error {
	w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: time.Unix(0, 0).UTC()})
	if err != nil {
		return fmt.Errorf("project: %w", err)
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("project: writing %s: %w", name, err)
	}
	return nil
}

// dataName is the data entry's file name: the base name of name, or
// "data.csv" when it has none a file system would take.
func dataName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if name == "." || name == "/" || name == ".." || name == "" || len(name) > 255 || strings.ContainsAny(name, "\x00") {
		return "data.csv"
	}
	return name
}

// Save writes p to path atomically: a reader sees the old file or the
// whole new one, never half of either (forecast/fileio).
func Save(path string, p *Project) error {
	if err := fileio.Write(path, func(w io.Writer) error { return write(w, p) }); err != nil {
		return fmt.Errorf("project: save: %w", err)
	}
	return nil
}

func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", (n+1023)/1024)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
