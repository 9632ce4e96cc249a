package app

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
	"github.com/forecaster-dev/forecaster/sampledata"
)

// projectData is the loaded data's bytes, kept once a project was saved or
// opened so that the next save (and every autosave) embeds them without
// reading the file again — and without the file, when it came from a
// project.
type projectData struct {
	table *tsdata.Table // the table the bytes gave
	name  string        // the file's name
	bytes []byte
	panel *Panel // the file of many series the bytes hold (table is a series of it); nil for data of their own
}

// ProjectView is the window's own state a project keeps (its selected
// tab …): the ui stores and reads it, app keeps it as it is.
type ProjectView = map[string]string

// SaveProject writes the session as a project file at path (atomically):
// the data's bytes, the columns, the settings, every finished run and the
// last experiment's result, with view. A run in progress is left out. The
// data are read again from their file the first time, and refused if they
// no longer give the series loaded (the file changed on disk).
func (s *Session) SaveProject(path string, view ProjectView) error {
	p, err := s.projectSnapshot()
	if err != nil {
		return err
	}
	p.View = view
	return project.Save(path, p)
}

// projectSnapshot returns what a project file of the session holds now.
func (s *Session) projectSnapshot() (*project.Project, error) {
	s.mu.Lock()
	table, series, source, spec, order, pn := s.table, s.series, s.source, s.spec, s.dayOrder, s.panel
	var scored *PanelRun
	if pn != nil && s.panelRunOf == pn {
		scored = s.panelRun
	}
	s.mu.Unlock()
	if table == nil || series == nil {
		return nil, ErrNoData
	}
	sheet := tableSheet(table)
	data, err := s.dataBytes(table, series, source, sheet, spec, order, pn)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.table != table {
		return nil, errors.New("app: other data were loaded meanwhile; save the project again")
	}
	p := &project.Project{Sheet: sheet, Spec: s.spec, DayOrder: s.dayOrder, Settings: s.settings, NextRun: s.nextID + 1, Saved: time.Now(), Series: s.series,
		Data: project.Data{Source: s.source, Title: s.title, Name: data.name, Bytes: data.bytes}}
	if pn != nil {
		p.Panel = &project.Panel{Spec: pn.Spec, Member: spec.ValueCol, Scores: scoresOf(scored)}
	}
	for _, r := range s.runs {
		if r.State.Active() {
			continue
		}
		pr := &project.Run{ID: r.ID, Name: r.Name, Source: r.Source, Series: r.Series, Settings: r.Settings, Started: r.Started, Finished: r.Finished,
			Failed: r.State == Failed, History: r.History.Copy(), Result: r.Result, Data: r.Data}
		if r.Err != nil {
			pr.Err = Message(r.Err)
		}
		p.Runs = append(p.Runs, pr)
	}
	p.Experiment = s.expStatus.Result
	return p, nil
}

// dataBytes returns the bytes of the loaded data: kept from an earlier
// save or open, a sample's, or the file's, read and checked to give the
// series loaded — for a member of a file of many series (pn), the whole
// file's, checked to give that member.
func (s *Session) dataBytes(table *tsdata.Table, series *tsdata.Series, source, sheet string, spec tsdata.SeriesSpec, order tsdata.DayOrder, pn *Panel) (projectData, error) {
	s.mu.Lock()
	d, sm := s.proj, s.sample
	s.mu.Unlock()
	if d.table == table {
		return d, nil
	}
	d = projectData{table: table, panel: pn}
	if pn != nil {
		b, err := readData(pn.Source)
		if err != nil {
			return d, err
		}
		if err := memberOf(b, pn, spec, series); err != nil {
			return d, fmt.Errorf("app: %s changed since it was loaded (%v): open it again, then save the project", pn.Title, err)
		}
		d.name, d.bytes = pn.Title, b
	} else if sm != nil {
		b, err := sampledata.Bytes(sm.ID)
		if err != nil {
			return d, err
		}
		d.name, d.bytes = sm.File, b
	} else {
		b, err := readData(source)
		if err != nil {
			return d, err
		}
		t, err := project.ReadData(filepath.Base(source), b, sheet, order)
		if err == nil && !slices.Equal(t.ColumnNames(), table.ColumnNames()) {
			err = errors.New("its columns are not those loaded")
		}
		if err == nil {
			var again *tsdata.Series
			if again, _, err = t.Series(spec); err == nil && !sameSeries(again, series) {
				err = errors.New("it gives another series than the one loaded")
			}
		}
		if err != nil {
			return d, fmt.Errorf("app: %s changed since it was loaded (%v): open it again, then save the project", filepath.Base(source), err)
		}
		d.name, d.bytes = filepath.Base(source), b
	}
	s.mu.Lock()
	if s.table == table {
		s.proj = d
	}
	s.mu.Unlock()
	return d, nil
}

// scoresOf is run as a project keeps it (nil for nil).
func scoresOf(run *PanelRun) *project.Scores {
	if run == nil {
		return nil
	}
	sc := &project.Scores{Model: run.Model, Settings: run.Job.Settings, Method: run.Job.Method, Holdout: run.Job.Holdout, Static: run.Job.Static,
		IDName: run.IDName, Freq: run.Freq, Seconds: run.Seconds, StaticInputs: run.StaticInputs, Lookbacks: run.Lookbacks, Lookback: run.Lookback,
		Results: make([]project.SeriesScore, len(run.Results))}
	for i, r := range run.Results {
		sc.Results[i] = project.SeriesScore{ID: r.ID, Method: r.Method, Forecast: r.Forecast, Holdout: r.Holdout, Metrics: r.Metrics, Recommended: r.Recommended, Window: r.Window, Alone: r.Alone}
		if r.Err != nil {
			sc.Results[i].Err = Message(r.Err)
		}
	}
	return sc
}

// runOf is the PanelRun a project's scores were (an error kept as its text).
func runOf(sc *project.Scores) *PanelRun {
	run := &PanelRun{Model: sc.Model, Job: PanelJob{Settings: sc.Settings, Method: sc.Method, Holdout: sc.Holdout, Static: sc.Static},
		IDName: sc.IDName, Freq: sc.Freq, Seconds: sc.Seconds, StaticInputs: sc.StaticInputs, Lookbacks: sc.Lookbacks, Lookback: sc.Lookback,
		Results: make([]SeriesResult, len(sc.Results))}
	for i, r := range sc.Results {
		run.Results[i] = SeriesResult{ID: r.ID, Method: r.Method, Forecast: r.Forecast, Holdout: r.Holdout, Metrics: r.Metrics, Recommended: r.Recommended, Window: r.Window, Alone: r.Alone}
		if r.Err != "" {
			run.Results[i].Err = errors.New(r.Err)
		}
	}
	return run
}

// memberOf checks that the bytes b of pn's file, split as pn was, give
// the series loaded as the member spec.ValueCol (SelectSeries' spec).
func memberOf(b []byte, pn *Panel, spec tsdata.SeriesSpec, series *tsdata.Series) error {
	t, err := project.ReadData(pn.Title, b, "", tsdata.DayOrderAuto) // as LoadPanel reads it
	if err != nil {
		return err
	}
	p, err := panel.Split(t, pn.Spec)
	if err != nil {
		return err
	}
	m, ok := p.Member(spec.ValueCol)
	if !ok {
		return fmt.Errorf("it has no series %s any more", spec.ValueCol)
	}
	again, _, err := m.Table.Series(spec)
	if err == nil && !sameSeries(again, series) {
		err = errors.New("it gives another series than the one loaded")
	}
	return err
}

// tableSheet is the workbook's sheet a table was read from; "" for a CSV
// file or a sample.
func tableSheet(t *tsdata.Table) string {
	if t.Workbook == nil {
		return ""
	}
	return t.Workbook.Sheet
}

// readData reads the data file at path whole, refusing one over the
// project's limit.
func readData(path string) ([]byte, error) {
	f, fi, err := fileio.OpenInput(path)
	if err != nil {
		return nil, fmt.Errorf("app: the data file cannot be read again for the project: %w", err)
	}
	defer f.Close()
	if fi.Size() > project.MaxDataBytes {
		return nil, fmt.Errorf("app: %s has %d MiB; a project embeds at most %d MiB of data", filepath.Base(path), fi.Size()>>20, project.MaxDataBytes>>20)
	}
	b := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			break
		}
		if len(b) > project.MaxDataBytes {
			return nil, fmt.Errorf("app: %s grew over the %d MiB a project embeds", filepath.Base(path), project.MaxDataBytes>>20)
		}
		if len(b) == cap(b) {
			b = slices.Grow(b, 1<<20)
		}
	}
	return b, nil
}

// sameSeries reports whether a and b hold the same points, bit for bit.
func sameSeries(a, b *tsdata.Series) bool {
	if a.Name != b.Name || a.Len() != b.Len() || len(a.Times) != len(b.Times) || !slices.Equal(a.CovNames, b.CovNames) || a.Freq != b.Freq {
		return false
	}
	for i := range a.Values {
		if math.Float64bits(a.Values[i]) != math.Float64bits(b.Values[i]) {
			return false
		}
	}
	for i := range a.Times {
		if !a.Times[i].Equal(b.Times[i]) {
			return false
		}
	}
	for j := range a.Covariates {
		if !slices.Equal(a.Covariates[j], b.Covariates[j]) {
			return false
		}
	}
	return true
}

// OpenProject reads the project file at path and makes it the session:
// its data, columns, settings, runs and experiment replace the session's
// (a running job is stopped first). On any error nothing changes. It
// returns the data and the window's state the file keeps.
func (s *Session) OpenProject(ctx context.Context, path string) (*Data, ProjectView, error) {
	p, err := project.Open(ctx, path)
	if err != nil {
		return nil, nil, bounded{err}
	}
	var sm *sampledata.Sample
	if id, ok := strings.CutPrefix(p.Data.Source, "sample:"); ok {
		if x, ok := sampledata.Lookup(id); ok {
			sm = &x
		}
	}
	var runs []*Run
	for _, r := range p.Runs {
		run := &Run{ID: r.ID, Name: r.Name, Source: r.Source, Series: r.Series, Settings: r.Settings, Started: r.Started, Finished: r.Finished,
			State: Done, History: r.History, Result: r.Result, Data: r.Data}
		if r.Failed {
			run.State, run.Err = Failed, errors.New(r.Err)
		}
		runs = append(runs, run)
	}
	s.stopAndWait()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.source, s.title, s.table, s.sample = p.Data.Source, p.Data.Title, p.Table, sm
	s.spec, s.series, s.report, s.settings, s.dayOrder = p.Spec, p.Series, p.Report, p.Settings, p.DayOrder
	s.model, s.modelFc, s.modelSrc = nil, nil, ""
	s.runs, s.nextID = runs, p.NextRun-1
	s.panel, s.panelRun, s.panelRunOf = nil, nil, nil
	if p.Panel != nil {
		s.panel = &Panel{Source: p.Data.Source, Title: p.Data.Name, Spec: p.Panel.Spec, Panel: p.Members}
		if sc := p.Panel.Scores; sc != nil {
			s.panelRun, s.panelRunOf = runOf(sc), s.panel
		}
	}
	s.proj = projectData{table: p.Table, name: p.Data.Name, bytes: p.Data.Bytes, panel: s.panel}
	seq := s.prog.Seq
	s.prog = restoredProgress(runs)
	s.prog.Seq = seq + 1
	s.expStatus = ExperimentStatus{Seq: s.expStatus.Seq + 1, State: Idle}
	if p.Experiment != nil {
		e := p.Experiment
		s.expStatus.State, s.expStatus.Result, s.expStatus.Series = Done, e, e.Series
		s.expStatus.Done, s.expStatus.Total = len(e.Runs), len(e.Runs)
		s.expStatus.Elapsed = time.Duration(e.Seconds * float64(time.Second))
	}
	s.btStatus = BacktestStatus{Seq: s.btStatus.Seq + 1}
	s.signal()
	return s.dataLocked(), p.View, nil
}

// restoredProgress is the progress of a session whose runs were read from
// a project: that of the newest run with a result, finished, so that the
// Training tab shows it as it showed it when it ended.
func restoredProgress(runs []*Run) Progress {
	for i := len(runs) - 1; i >= 0; i-- {
		r := runs[i]
		if r.Result == nil {
			continue
		}
		h, res := r.History, r.Result
		return Progress{State: Done, RunID: r.ID, Member: max(h.LastEpoch.Member+1, 1), Members: r.Settings.Ensemble,
			Epoch: h.LastEpoch.Epoch, Epochs: r.Settings.Epochs, TrainLoss: h.LastEpoch.TrainLoss, ValLoss: h.LastEpoch.ValLoss,
			BestVal: h.BestVal, BestEpoch: h.BestEpoch, Fraction: 1, Elapsed: time.Duration(res.Seconds * float64(time.Second)),
			StopReason: res.StopReason, LR: h.LastEpoch.LR,
			Loss: lastOf(&h.StepLoss), GradNorm: lastOf(&h.GradNorm), ClippedNorm: lastOf(&h.Clipped)}
	}
	return Progress{State: Idle}
}

// lastOf is a curve's last finite value (0 when it has none).
func lastOf(c *monitor.Curve) float64 {
	b := c.Buckets()
	for i := len(b) - 1; i >= 0; i-- {
		if b[i].N > 0 {
			return b[i].Last
		}
	}
	return 0
}

// ProjectMark identifies what a project file of the session would hold:
// two marks are equal when nothing a project keeps changed between them
// (the data, the columns, the settings, the finished runs and their
// names, the experiment's result, the scoring of every series). The window autosaves when the mark changes.
type ProjectMark struct {
	table    *tsdata.Table
	spec     string
	settings string
	runs     string
	exp      any
	scored   *PanelRun
}

// Mark returns the session's current ProjectMark.
func (s *Session) Mark() ProjectMark {
	s.mu.Lock()
	defer s.mu.Unlock()
	var runs strings.Builder
	for _, r := range s.runs {
		if !r.State.Active() {
			runs.WriteString(strconv.Itoa(r.ID))
			runs.WriteString(strconv.Quote(r.Name))
			runs.WriteByte(',')
		}
	}
	return ProjectMark{table: s.table, spec: fmt.Sprintf("%#v", s.spec), settings: fmt.Sprintf("%#v", s.settings), runs: runs.String(), exp: s.expStatus.Result, scored: s.panelRun}
}
