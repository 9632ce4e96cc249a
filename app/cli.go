package app

import (
	"context"
	"errors"
	"io"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
)

// The calls below serve a caller that waits for its work, as the command
// line does: each runs a job in the session's slot, as Start and
// StartExperiment do, and returns when it ends.

// TrainWhole trains on every point of the series, holding none out
// (forecast.TrainFull): a session made with NewSession(TrainWhole)
// forecasts from all the data, and its runs have no holdout metrics. The
// command line's forecast and train use it.
var TrainWhole TrainFunc = forecast.TrainFull

// ErrStopped is returned by Train and RunExperiment when the job was
// stopped before it had a result: before training finished its first
// epoch, while the intervals were calibrated, or during an experiment.
var ErrStopped = errors.New("app: stopped before there was a result")

// Train starts a run with the current settings on the loaded series, as
// Start does, and waits for it to end. progress, when not nil, is called in
// the caller's goroutine with the latest Progress whenever it changed
// (coalesced, so a slow progress never slows training); Train reads the
// session's Updates channel to do so, so it is for a caller that does not
// (the command line). Cancelling ctx stops the run as Stop does: it keeps
// its best weights. Train returns the finished run; a run that failed with
// its error; ErrStopped when nothing was kept; or Start's error.
func (s *Session) Train(ctx context.Context, progress func(Progress)) (*Run, error) {
	j, err := s.start()
	if err != nil {
		return nil, err
	}
	stop := ctx.Done()
	for {
		select {
		case <-j.done:
			if progress != nil {
				progress(s.Progress())
			}
			r := s.Run(j.run.ID)
			switch {
			case r == nil:
				return nil, ErrStopped
			case r.State == Failed:
				return r, r.Err
			}
			return r, nil
		case <-stop:
			j.cancel()
			stop = nil // the job ends within one step; wait for it
		case <-s.updates:
			if progress != nil {
				progress(s.Progress())
			}
		}
	}
}

// WriteForecast writes the forecast of run id by method (as
// ExportForecast) as CSV to w, e.g. standard output.
func (s *Session) WriteForecast(w io.Writer, id int, method string) error {
	recs, err := s.forecastRecords(id, method)
	if err != nil {
		return err
	}
	return forecast.EncodeForecastCSV(w, recs)
}

// OpenModel reads and checks a model file without using it, for a caller
// that needs to know the model before loading data (the extra input
// columns it was trained with); UseModel then forecasts with it. It refuses
// what is not a regular file, stops reading once ctx is done, and its
// errors read as one bounded line, as LoadModel's.
func OpenModel(ctx context.Context, path string) (*forecast.Model, error) {
	if err := CheckRegular(path); err != nil {
		return nil, err
	}
	m, err := loadModel(ctx, path)
	if err != nil {
		return nil, bounded{err}
	}
	return m, nil
}

// RunExperiment runs spec on the loaded series in the job slot (ErrBusy
// while another job runs) and waits for it to end. progress, when not nil,
// sees every finished run, from the experiment's goroutine. Cancelling ctx
// stops the experiment (ErrStopped: nothing of it is kept).
func (s *Session) RunExperiment(ctx context.Context, spec experiment.Spec, progress experiment.Progress) (*experiment.Result, error) {
	j, err := s.startExperiment(spec, progress)
	if err != nil {
		return nil, err
	}
	select {
	case <-j.done:
	case <-ctx.Done():
		j.cancel()
		<-j.done
	}
	st := s.Experiment()
	switch st.State {
	case Done:
		return st.Result, nil
	case Failed:
		return nil, st.Err
	}
	return nil, ErrStopped
}
