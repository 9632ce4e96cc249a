package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/forecast/precision"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// WriteFileAtomic writes a file through a temporary file in the same
// directory and renames it into place, so a reader never sees half a file
// and a failure leaves any previous file intact; an existing file keeps its
// permissions (fileio.Write).
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	if err := fileio.Write(path, write); err != nil {
		return fmt.Errorf("app: %w", err)
	}
	return nil
}

// CheckRegular returns an error when path exists and is not a regular file
// (links are followed): reading a named pipe blocks until another program
// writes to it, a device can be endless, a folder holds no data. A missing
// or unreadable file gives nil here, and its error when it is opened.
func CheckRegular(path string) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().IsRegular() {
		return nil
	}
	kind := "a special file"
	switch m := fi.Mode(); {
	case m.IsDir():
		kind = "a folder"
	case m&os.ModeNamedPipe != 0:
		kind = "a named pipe"
	case m&os.ModeSocket != 0:
		kind = "a socket"
	case m&os.ModeDevice != 0:
		kind = "a device"
	}
	return fmt.Errorf("app: %s is %s, not a regular file: Forecaster reads and writes only regular files", path, kind)
}

// WriteBytes writes b to path atomically.
func WriteBytes(path string, b []byte) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// resultRun returns the run with the given ID (0 = the newest with a
// result) and its result.
func (s *Session) resultRun(id int) (*Run, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.runs) - 1; i >= 0; i-- {
		r := s.runs[i]
		if (id == 0 || r.ID == id) && r.Result != nil {
			return r, nil
		}
	}
	return nil, ErrNoResult
}

// ExportForecast writes the forecast of run id (0 = the newest) by method
// ("" or forecast.MethodLSTM: the network's; forecast.MethodRecommended;
// or a classical method's) as CSV (date,forecast,lower80,upper80,lower95,
// upper95, the CLI's format). With a model loaded from a file and id 0, it
// writes the loaded model's forecast, which only the LSTM has. Numbers are
// rounded to precision.Export of the series (two decimals more than
// the data's), written with a '.' and no thousands separator.
func (s *Session) ExportForecast(path string, id int, method string) error {
	recs, err := s.forecastRecords(id, method)
	if err != nil {
		return err
	}
	return forecast.WriteForecastCSV(path, recs)
}

// forecastRecords is the forecast to export (see ExportForecast), rounded.
func (s *Session) forecastRecords(id int, method string) ([]forecast.ForecastRecord, error) {
	fc, freq, history, err := s.currentForecast(id, method)
	if err != nil {
		return nil, err
	}
	recs := fc.Records(freq)
	forecast.RoundRecords(recs, precision.Export(history))
	return recs, nil
}

// currentForecast returns the forecast of run id by method, the series'
// frequency and the values of the series it continues. Run 0 is the
// loaded model's forecast, else the one scoring every series of a file of
// many made for the series shown, else the newest run's.
func (s *Session) currentForecast(id int, method string) (*forecast.Forecast, calendar.Freq, []float64, error) {
	lstm := method == "" || method == forecast.MethodLSTM
	if id == 0 {
		s.mu.Lock()
		fc, series, col := s.modelFc, s.series, s.spec.ValueCol
		var pr *PanelRun // the scoring of every series of the file shown
		if s.panel != nil && s.panelRunOf == s.panel {
			pr = s.panelRun
		}
		s.mu.Unlock()
		if fc != nil && series != nil {
			if !lstm {
				return nil, calendar.Freq{}, nil, fmt.Errorf("app: a loaded model forecasts with the LSTM only, not %s; train to get the other methods", method)
			}
			return fc, series.Freq, series.Values, nil
		}
		if x := pr.Of(col); x != nil && series != nil && (method == "" || method == pr.Job.Method) {
			return &x.Forecast, series.Freq, series.Values, nil
		}
	}
	r, err := s.resultRun(id)
	if err != nil {
		return nil, calendar.Freq{}, nil, err
	}
	if method == "" || (lstm && r.Result.Network()) {
		return &r.Result.Forecast, r.Data.Freq, r.Data.Values, nil
	}
	fc, ok := r.Result.Forecasts[method]
	if !ok {
		var have []string
		for _, m := range forecast.Methods {
			if _, ok := r.Result.Forecasts[m]; ok {
				have = append(have, m)
			}
		}
		return nil, calendar.Freq{}, nil, fmt.Errorf("app: run %d has no %s forecast; choose one of %s", r.ID, method, strings.Join(have, ", "))
	}
	return &fc, r.Data.Freq, r.Data.Values, nil
}

// ExportHistory writes the per-epoch training history of run id (0 = the
// newest) as CSV, the CLI's format.
func (s *Session) ExportHistory(path string, id int) error {
	r, err := s.resultRun(id)
	if err != nil {
		return err
	}
	return forecast.WriteHistoryCSV(path, forecast.HistoryRecords(r.Result.History))
}

// SaveModel writes the model of run id (0 = the newest) to path.
func (s *Session) SaveModel(path string, id int) error {
	r, err := s.resultRun(id)
	if err != nil {
		return err
	}
	if r.Result.Model == nil {
		return fmt.Errorf("app: run %d kept no model to save", r.ID)
	}
	return r.Result.Model.Save(path)
}

// LoadModel reads a model file and forecasts the loaded series with it. The
// model and its forecast are kept until other data are loaded. It stops
// soon after ctx is done — reading at once, forecasting after the current
// network pass — with an error wrapping ctx.Err(), keeping nothing.
// progress, if not nil, is called from LoadModel's goroutine with the
// forecast's network passes done and in all (forecast.Model.PredictContext;
// a recursive model of 1024 units with a horizon of 1000 takes minutes).
// Errors about the file read as one bounded line (Message) and wrap the
// original for errors.Is and As.
func (s *Session) LoadModel(ctx context.Context, path string, progress func(done, total int)) (*forecast.Forecast, error) {
	s.mu.Lock()
	series := s.series
	s.mu.Unlock()
	if series == nil {
		return nil, ErrNoData
	}
	m, err := OpenModel(ctx, path)
	if err != nil {
		return nil, err
	}
	return s.UseModel(ctx, m, path, progress)
}

// UseModel forecasts the loaded series with m, read from the file src (see
// OpenModel), and keeps both, as LoadModel does; ctx and progress as there.
func (s *Session) UseModel(ctx context.Context, m *forecast.Model, src string, progress func(done, total int)) (*forecast.Forecast, error) {
	s.mu.Lock()
	series := s.series
	s.mu.Unlock()
	if series == nil {
		return nil, ErrNoData
	}
	fc, err := m.PredictContext(ctx, series, progress)
	if err != nil {
		return nil, bounded{err}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.series != series {
		return nil, fmt.Errorf("app: the data changed while the model was loading; load it again")
	}
	s.model, s.modelFc, s.modelSrc = m, fc, src
	s.bump()
	s.signal()
	return fc, nil
}

// bounded is an error whose text may quote a file (a model's fields, a
// column name), shown as Message shows it: one line of at most MaxMessage
// runes. errors.Is and As see the error it wraps.
type bounded struct{ err error }

func (e bounded) Error() string { return "app: " + Message(e.err) }
func (e bounded) Unwrap() error { return e.err }

// LoadedAnchor describes the anchor of the model loaded from a file (see
// forecast.Model.Anchor); empty when none is loaded or it has none.
func (s *Session) LoadedAnchor() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.model == nil {
		return ""
	}
	return s.model.Anchor()
}

// LoadedModel returns the forecast of the model loaded from a file (and the
// file's path), or nil.
func (s *Session) LoadedModel() (*forecast.Forecast, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.modelFc, s.modelSrc
}

// FullPath returns name, a file name a person typed, as a clean absolute path when it is one, or starts
// with "~/" (the home folder).
func FullPath(name string) (string, bool) {
	if strings.HasPrefix(name, "~/") || strings.HasPrefix(name, "~"+string(filepath.Separator)) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", false
		}
		return filepath.Join(home, name[2:]), true
	}
	if filepath.IsAbs(name) {
		return filepath.Clean(name), true
	}
	return "", false
}
