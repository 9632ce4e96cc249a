package project

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

// maxFileBytes bounds a project file: the data, every run's entry and model
// at their limits would be more, but no session of a person comes near it.
const maxFileBytes = 4 << 30

// maxEntries bounds the archive's entries: a manifest, the data, the
// experiment, the scores of every series, and per run its entry, model
// and series.
const maxEntries = 4 + 3*maxRuns

// Open reads the project file at path (see readFrom). It refuses what is not a
// regular file before reading a byte, and stops soon after ctx is done.
func Open(ctx context.Context, path string) (*Project, error) {
	f, fi, err := fileio.OpenInput(path)
	if err != nil {
		return nil, fmt.Errorf("project: %w", err)
	}
	defer f.Close()
	p, err := readFrom(ctx, f, fi.Size())
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, filepath.Base(path))
	}
	return p, nil
}

// readFrom reads and checks a project file of size bytes. A damaged file
// gives an error wrapping ErrBadProject, one of a newer format version an
// error wrapping ErrNewer; neither ever panics, and what it allocates is
// bounded by the limits of the package comment.
func readFrom(ctx context.Context, r io.ReaderAt, size int64) (*Project, error) {
	if size > maxFileBytes {
		return nil, bad("the file has %s; a project file has at most %s", mib(size), mib(maxFileBytes))
	}
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, bad("not a zip archive (%v)", err)
	}
	if len(z.File) > maxEntries {
		return nil, bad("%d entries; a project has at most %d", len(z.File), maxEntries)
	}
	rd := &reader{ctx: ctx, files: map[string]*zip.File{}}
	for _, f := range z.File {
		if _, dup := rd.files[f.Name]; dup {
			return nil, bad("the entry %s is there twice", quoteShort(f.Name))
		}
		rd.files[f.Name] = f
	}
	m, migrated, err := rd.manifest()
	if err != nil {
		return nil, err
	}
	p, err := rd.project(m)
	if err != nil {
		return nil, err
	}
	p.Migrated = migrated
	return p, nil
}

type reader struct {
	ctx   context.Context
	files map[string]*zip.File
}

// entry reads the named entry, refusing one whose size is over limit
// before reading it and stopping at limit whatever its header says.
func (rd *reader) entry(name string, limit int64) ([]byte, error) {
	if err := rd.ctx.Err(); err != nil {
		return nil, fmt.Errorf("project: reading stopped: %w", err)
	}
	f, ok := rd.files[name]
	if !ok {
		return nil, bad("the entry %s is missing", quoteShort(name))
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, bad("%s unpacks to %s; at most %s is allowed", quoteShort(name), mib(int64(min(f.UncompressedSize64, 1<<62))), mib(limit))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, bad("%s: %v", quoteShort(name), err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	buf.Grow(int(min(f.UncompressedSize64, 16<<20))) // the header may lie: grow with the data beyond
	n, err := io.Copy(&buf, io.LimitReader(rc, limit+1))
	switch {
	case n > limit:
		return nil, bad("%s unpacks to more than %s", quoteShort(name), mib(limit))
	case err != nil:
		return nil, bad("%s is damaged: %v", quoteShort(name), err)
	}
	return buf.Bytes(), nil
}

// decode reads the named entry into v with the entries' codec.
func (rd *reader) decode(name string, limit int64, v any) error {
	b, err := rd.entry(name, limit)
	if err != nil {
		return err
	}
	if err := entries.decodeJSON(b, v); err != nil {
		return bad("%s: %v", quoteShort(name), err)
	}
	return nil
}

// manifest reads manifest.json in whatever version it was written,
// upgraded to the current one.
func (rd *reader) manifest() (manifest, int, error) {
	var m manifest
	b, err := rd.entry(manifestEntry, maxManifestBytes)
	if err != nil {
		return m, 0, err
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return m, 0, bad("%s: %v", manifestEntry, err)
	}
	switch {
	case head.Format != Format:
		return m, 0, bad("its manifest says format %s, not %s", quoteShort(head.Format), Format)
	case head.Version > Version:
		return m, 0, fmt.Errorf("%w: the file is project format version %d, this Forecaster reads versions 1 to %d: open it with a newer Forecaster", ErrNewer, head.Version, Version)
	case head.Version < 1:
		return m, 0, bad("format version %d does not exist", head.Version)
	case head.Version == 1:
		m, err = migrate1(b)
		return m, 1, err
	}
	if err := entries.decodeJSON(b, &m); err != nil {
		return m, 0, bad("%s: %v", manifestEntry, err)
	}
	if head.Version < Version {
		// Version 2 lacks the sheet and the runs' names, which read as
		// "" (the default sheet; no names), versions 2 and 3 the panel,
		// which reads as none (a file of one series): nothing to convert.
		m.Version = Version
		return m, head.Version, nil
	}
	return m, 0, nil
}

// project reads everything the manifest lists and checks it.
func (rd *reader) project(m manifest) (*Project, error) {
	if err := checkManifest(m); err != nil {
		return nil, err
	}
	p := &Project{Sheet: m.Sheet, Spec: m.Columns, DayOrder: m.DayOrder, Settings: m.Settings, NextRun: m.NextRun, View: m.View, Saved: m.Saved,
		Data: Data{Source: m.Data.Source, Title: m.Data.Title, Name: strings.TrimPrefix(m.Data.Entry, "data/")}}
	if m.Data.Bytes > MaxDataBytes || m.Data.Bytes < 0 {
		return nil, bad("the data has %d bytes; a project holds at most %s", m.Data.Bytes, mib(MaxDataBytes))
	}
	b, err := rd.entry(m.Data.Entry, m.Data.Bytes)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(b); int64(len(b)) != m.Data.Bytes || hex.EncodeToString(sum[:]) != m.Data.SHA256 {
		return nil, bad("the data entry does not match its checksum: the file is damaged")
	}
	p.Data.Bytes = b
	if m.Panel != nil {
		if err := p.readPanel(m.Panel); err != nil {
			return nil, err
		}
		if m.Panel.Scores != "" {
			sc := new(Scores)
			if err := rd.decode(m.Panel.Scores, maxScoresBytes, sc); err != nil {
				return nil, err
			}
			if err := checkScores(sc, p.Members); err != nil {
				return nil, bad("the scores of every series: %v", err)
			}
			p.Panel.Scores = sc
		}
	} else if p.Table, err = ReadData(p.Data.Name, b, p.Sheet, p.DayOrder); err != nil {
		return nil, bad("its data cannot be read: %v", err)
	}
	if p.Series, p.Report, err = p.Table.Series(p.Spec); err != nil {
		return nil, bad("its columns do not fit its data: %v", err)
	}
	series := map[string]*tsdata.Series{}
	for _, ref := range m.Runs {
		r, err := rd.run(ref, p.Series, series)
		if err != nil {
			return nil, err
		}
		p.Runs = append(p.Runs, r)
	}
	if m.Experiment != "" {
		var e experiment.Result
		if err := rd.decode(m.Experiment, maxExperimentBytes, &e); err != nil {
			return nil, err
		}
		if err := checkExperiment(&e); err != nil {
			return nil, bad("experiment: %v", err)
		}
		p.Experiment = &e
	}
	return p, nil
}

// readPanel splits the data of a project of many series as
// app.LoadPanel splits the file (its default sheet, dates in the order the
// data tell) and takes the member shown as the project's table.
func (p *Project) readPanel(ref *panelRef) error {
	t, err := ReadData(p.Data.Name, p.Data.Bytes, "", tsdata.DayOrderAuto)
	if err != nil {
		return bad("its data cannot be read: %v", err)
	}
	pp, err := panel.Split(t, ref.Spec)
	if err != nil {
		return bad("its data do not split into the series it lists: %v", err)
	}
	mem, ok := pp.Member(ref.Member)
	if !ok {
		return bad("it shows the series %s, which its data do not have", quoteShort(ref.Member))
	}
	p.Panel = &Panel{Spec: ref.Spec, Member: ref.Member}
	p.Members, p.Table = pp, mem.Table
	return nil
}

// run reads one run, its model and its series.
func (rd *reader) run(ref runRef, current *tsdata.Series, series map[string]*tsdata.Series) (*Run, error) {
	var e runEntry
	if err := rd.decode(ref.Entry, maxRunBytes, &e); err != nil {
		return nil, err
	}
	if e.ID != ref.ID {
		return nil, bad("%s holds run %d, the manifest says run %d", quoteShort(ref.Entry), e.ID, ref.ID)
	}
	h, err := monitor.FromState(e.History)
	if err != nil {
		return nil, bad("run %d: %v", e.ID, err)
	}
	r := &Run{ID: e.ID, Name: e.Name, Source: e.Source, Series: e.Series, Settings: e.Settings, Started: e.Started, Finished: e.Finished,
		Failed: e.Failed, Err: e.Err, History: h, Result: e.Result, Data: current}
	if ref.Series != "" {
		s, ok := series[ref.Series]
		if !ok {
			s = new(tsdata.Series)
			if err := rd.decode(ref.Series, maxSeriesBytes, s); err != nil {
				return nil, err
			}
			if err := checkSeries(s); err != nil {
				return nil, bad("%s: %v", quoteShort(ref.Series), err)
			}
			series[ref.Series] = s
		}
		r.Data = s
	}
	if ref.Model != "" {
		if r.Result == nil {
			return nil, bad("run %d has a model but no result", r.ID)
		}
		b, err := rd.entry(ref.Model, forecast.MaxModelBytes)
		if err != nil {
			return nil, err
		}
		if r.Result.Model, err = forecast.ReadModel(bytes.NewReader(b)); err != nil {
			return nil, bad("run %d: %v", r.ID, err)
		}
	}
	if err := checkRun(r); err != nil {
		return nil, bad("run %d: %v", r.ID, err)
	}
	return r, nil
}

// ReadData reads a data file's bytes as Forecaster reads the file itself
// (tsdata.ReadFile, which picks the reader by the file's name): a
// workbook's sheet ("" takes the default one), dates like 01/02/2006 in
// the given order, from a private temporary copy that is removed
// afterwards.
func ReadData(name string, b []byte, sheet string, order tsdata.DayOrder) (*tsdata.Table, error) {
	dir, err := os.MkdirTemp("", "forecaster-project-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, dataName(name))
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return nil, err
	}
	return tsdata.ReadFile(path, tsdata.ReadOptions{DayOrder: order, Sheet: sheet})
}

// bad returns an ErrBadProject error saying what is wrong.
func bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadProject, fmt.Sprintf(format, args...))
}
