package app

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
)

// WriteFileAtomic writes a file through a temporary file in the same
// directory and renames it into place, so a reader never sees half a file
// and a failure leaves any previous file intact.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("app: cannot write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("app: cannot write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("app: cannot write %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("app: cannot write %s: %w", path, err)
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("app: cannot write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("app: cannot write %s: %w", path, err)
	}
	return nil
}

// WriteBytes writes b to path atomically.
func WriteBytes(path string, b []byte) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

func ftoa(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', 10, 64)
}

// WriteForecast writes a forecast as CSV:
// date,forecast,lower80,upper80,lower95,upper95 (date is the row number for
// a row-indexed series).
func WriteForecast(w io.Writer, fc *forecast.Forecast) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"date", "forecast", "lower80", "upper80", "lower95", "upper95"})
	at := func(v []float64, i int) string {
		if i < len(v) {
			return ftoa(v[i])
		}
		return ""
	}
	for i := range fc.Mean {
		var date string
		switch {
		case i < len(fc.Times):
			date = formatTime(fc.Times[i])
		case i < len(fc.Index):
			date = strconv.Itoa(fc.Index[i])
		default:
			date = strconv.Itoa(i + 1)
		}
		cw.Write([]string{date, at(fc.Mean, i), at(fc.Lower80, i), at(fc.Upper80, i), at(fc.Lower95, i), at(fc.Upper95, i)})
	}
	cw.Flush()
	return cw.Error()
}

func formatTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// WriteHistory writes per-epoch training history as CSV.
func WriteHistory(w io.Writer, hist []forecast.EpochEvent) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"member", "epoch", "train_loss", "val_loss", "best", "lr", "seconds", "max_grad_norm", "mean_grad_norm", "clipped_steps", "skipped_steps", "sat_forget", "sat_input", "sat_output"})
	for _, e := range hist {
		cw.Write([]string{
			strconv.Itoa(e.Member), strconv.Itoa(e.Epoch), ftoa(e.TrainLoss), ftoa(e.ValLoss),
			strconv.FormatBool(e.Best), ftoa(e.LR), ftoa(e.Seconds), ftoa(e.MaxGradNorm), ftoa(e.MeanGrad),
			strconv.Itoa(e.Clipped), strconv.Itoa(e.Skipped), ftoa(e.SatForget), ftoa(e.SatInput), ftoa(e.SatOutput),
		})
	}
	cw.Flush()
	return cw.Error()
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

// ExportForecast writes the forecast of run id (0 = the newest) as CSV.
// With a loaded model and no trained run, it writes the loaded model's
// forecast.
func (s *Session) ExportForecast(path string, id int) error {
	fc, err := s.currentForecast(id)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, func(w io.Writer) error { return WriteForecast(w, fc) })
}

func (s *Session) currentForecast(id int) (*forecast.Forecast, error) {
	if id == 0 {
		s.mu.Lock()
		fc := s.modelFc
		s.mu.Unlock()
		if fc != nil {
			return fc, nil
		}
	}
	r, err := s.resultRun(id)
	if err != nil {
		return nil, err
	}
	return &r.Result.Forecast, nil
}

// ExportHistory writes the training history of run id (0 = the newest) as
// CSV.
func (s *Session) ExportHistory(path string, id int) error {
	r, err := s.resultRun(id)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, func(w io.Writer) error { return WriteHistory(w, r.Result.History) })
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
// model and its forecast are kept until other data are loaded.
func (s *Session) LoadModel(path string) (*forecast.Forecast, error) {
	s.mu.Lock()
	series := s.series
	s.mu.Unlock()
	if series == nil {
		return nil, ErrNoData
	}
	m, err := loadModel(path)
	if err != nil {
		return nil, err
	}
	fc, err := m.Predict(series)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.series != series {
		return nil, fmt.Errorf("app: the data changed while the model was loading; load it again")
	}
	s.model, s.modelFc, s.modelSrc = m, fc, path
	s.bump()
	s.signal()
	return fc, nil
}

// LoadedModel returns the forecast of the model loaded from a file (and the
// file's path), or nil.
func (s *Session) LoadedModel() (*forecast.Forecast, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.modelFc, s.modelSrc
}
