package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func cmdBacktest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("backtest", "-csv FILE -horizon H [-season M] [settings…] [-origins N -step S] [-json]", stderr)
	var sf seriesFlags
	sf.register(fs)
	set := settingsFlags(fs)
	asJSON := fs.Bool("json", false, "print one JSON object")
	origins := fs.Int("origins", 1, "rolling-origin backtest: this many forecast origins, the last at the end of the series")
	step := fs.Int("step", 0, "points between rolling origins (default: the horizon)")
	if rc := parseFlags(fs, args, stderr); rc >= 0 {
		return rc
	}
	if *origins < 1 || *origins > 100 || *step < 0 {
		return failf(stderr, fmt.Errorf("-origins must be 1 to 100 and -step ≥ 0"))
	}
	if *step == 0 {
		*step = set.Horizon
	}
	if err := validateFlags(set); err != nil {
		return failf(stderr, err)
	}
	_, s, _, err := sf.load()
	if err != nil {
		return failf(stderr, err)
	}
	start := time.Now()
	prog := newProgress(stderr, set.Epochs*set.Ensemble**origins)
	b, err := forecast.RunBacktest(ctx, s, *set, *origins, *step, prog)
	prog.finish()
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "forecaster: interrupted: the backtest did not finish, so there is nothing to report")
		return exitInterrupted
	}
	if err != nil {
		return failf(stderr, err)
	}
	res := b.Results[len(b.Results)-1]
	out := backtestJSON{Rows: s.Len(), Horizon: res.Settings.Horizon, Season: res.Settings.Season, Origins: *origins, Step: *step,
		Window: res.Settings.Window, Methods: b.Mean, Coverage80: b.Coverage80, Coverage95: b.Coverage95,
		Epochs: len(res.History), BestEpoch: res.BestEpoch, Stop: res.StopReason.String(), Diagnosis: res.Diagnosis,
		Anchor: res.Anchor, Seconds: time.Since(start).Seconds()}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(out); err != nil {
			return failf(stderr, err)
		}
		return 0
	}
	fmt.Fprintf(stdout, "%s: %d points, horizon %d, season %d, window %d; %d epochs (best %d, %s) in %.1f s\n",
		s.Name, out.Rows, out.Horizon, out.Season, out.Window, out.Epochs, out.BestEpoch, out.Stop, out.Seconds)
	if out.Origins > 1 {
		fmt.Fprintf(stdout, "metrics averaged over %d rolling origins, %d points apart\n", out.Origins, out.Step)
	}
	if out.Anchor != "" {
		fmt.Fprintln(stdout, "anchor:", out.Anchor)
	}
	if out.Diagnosis != "" {
		fmt.Fprintln(stdout, "diagnosis:", out.Diagnosis)
	}
	fmt.Fprintf(stdout, "%-15s %10s %10s %8s %8s %8s\n", "method", "MAE", "RMSE", "MAPE%", "sMAPE%", "MASE")
	for _, m := range forecast.Methods {
		r, ok := out.Methods[m]
		if !ok {
			continue
		}
		fmt.Fprintf(stdout, "%-15s %10.4g %10.4g %8.2f %8.2f %8.3f\n", m, r.MAE, r.RMSE, r.MAPE, r.SMAPE, r.MASE)
	}
	fmt.Fprintf(stdout, "interval coverage on the holdout: 80%% → %.0f%%, 95%% → %.0f%%\n", 100*res.Coverage80, 100*res.Coverage95)
	return 0
}

// backtestJSON is the object `forecaster backtest -json` prints.
type backtestJSON struct {
	Rows       int                        `json:"rows"`
	Horizon    int                        `json:"horizon"`
	Season     int                        `json:"season"`
	Window     int                        `json:"window"`
	Origins    int                        `json:"origins"`
	Step       int                        `json:"step"`
	Methods    map[string]classic.Metrics `json:"methods"`
	Coverage80 float64                    `json:"coverage80"`
	Coverage95 float64                    `json:"coverage95"`
	Epochs     int                        `json:"epochs"`
	BestEpoch  int                        `json:"best_epoch"`
	Stop       string                     `json:"stop"`
	Diagnosis  string                     `json:"diagnosis,omitempty"`
	Anchor     string                     `json:"anchor,omitempty"` // the window scaler's anchor (the last origin's)
	Seconds    float64                    `json:"seconds"`
}

// trainFlags are the flags shared by forecast and train.
type trainFlags struct {
	series  seriesFlags
	set     *forecast.Settings
	out     *string
	save    *string
	history *string
}

func parseTrain(name, synopsis string, args []string, stderr io.Writer, withSave bool) (*trainFlags, int) {
	fs := newFlagSet(name, synopsis, stderr)
	tf := &trainFlags{}
	tf.series.register(fs)
	tf.set = settingsFlags(fs)
	tf.out = fs.String("out", "", "write the forecast CSV to this `file` (default: stdout)")
	empty := ""
	tf.save, tf.history = &empty, &empty
	if withSave {
		tf.save = fs.String("save", "", "save the trained model to this `file` (JSON)")
		tf.history = fs.String("history", "", "write the training history CSV to this `file`")
	}
	if rc := parseFlags(fs, args, stderr); rc >= 0 {
		return nil, rc
	}
	if err := validateFlags(tf.set); err != nil {
		return nil, failf(stderr, err)
	}
	return tf, 0
}

// fit trains on the whole series, as forecast and train do. An interrupt
// before anything was learnt, or during the interval calibration, ends the
// command with exitInterrupted; an interrupt during training keeps the best
// weights so far, and the caller writes their outputs (see interrupted).
func (tf *trainFlags) fit(ctx context.Context, stderr io.Writer) (*tsdata.Series, *forecast.Result, int) {
	_, s, _, err := tf.series.load()
	if err != nil {
		return nil, nil, failf(stderr, err)
	}
	prog := newProgress(stderr, tf.set.Epochs*tf.set.Ensemble)
	res, err := forecast.TrainFull(ctx, s, *tf.set, prog)
	prog.finish()
	if errors.Is(err, forecast.ErrCanceled) {
		fmt.Fprintln(stderr, "forecaster: interrupted before a forecast was complete: nothing was written")
		return nil, nil, exitInterrupted
	}
	if err != nil {
		return nil, nil, failf(stderr, err)
	}
	if res.Diagnosis != "" {
		fmt.Fprintln(stderr, "forecaster: warning:", app.Clip(res.Diagnosis, app.MaxMessage))
	}
	return s, res, 0
}

// interrupted says, after a run stopped by Ctrl+C has written its outputs,
// what they hold: the best weights so far, not a finished training.
func interrupted(stderr io.Writer, res *forecast.Result, wrote string) {
	if res.StopReason != forecast.StopCanceled {
		return
	}
	epochs := 0
	for _, e := range res.History {
		if e.Member == 0 {
			epochs++
		}
	}
	fmt.Fprintf(stderr, "forecaster: interrupted at epoch %d of %d: %s the best weights so far (epoch %d)\n",
		epochs, res.Settings.Epochs, wrote, res.BestEpoch)
}

// where names an output for messages: the file, or standard output.
func where(path string) string {
	if path == "" {
		return "standard output"
	}
	return path
}

// writeForecast writes fc as CSV to path, or to stdout when path is empty.
func writeForecast(path string, fc *forecast.Forecast, freq tsdata.Freq, stdout, stderr io.Writer) int {
	recs := fc.Records(freq)
	if path == "" {
		if err := forecast.EncodeForecastCSV(stdout, recs); err != nil {
			return failf(stderr, err)
		}
		return 0
	}
	if err := forecast.WriteForecastCSV(path, recs); err != nil {
		return failf(stderr, err)
	}
	return 0
}

func cmdForecast(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	tf, rc := parseTrain("forecast", "-csv FILE -horizon H [settings…] [-out out.csv]", args, stderr, false)
	if tf == nil {
		return rc
	}
	if err := fileio.CheckPaths([]fileio.File{{Role: "-csv", Path: tf.series.csv}}, []fileio.File{{Role: "-out", Path: *tf.out}}); err != nil {
		return failf(stderr, err)
	}
	s, res, rc := tf.fit(ctx, stderr)
	if res == nil {
		return rc
	}
	if rc := writeForecast(*tf.out, &res.Forecast, s.Freq, stdout, stderr); rc != 0 {
		return rc
	}
	interrupted(stderr, res, "wrote the forecast to "+where(*tf.out)+"; it comes from")
	return 0
}

func cmdTrain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	tf, rc := parseTrain("train", "-csv FILE -horizon H [settings…] -save model.json [-history history.csv] [-out out.csv]", args, stderr, true)
	if tf == nil {
		return rc
	}
	if *tf.save == "" {
		return failf(stderr, fmt.Errorf("-save is required: name the model file to write"))
	}
	outs := []fileio.File{{Role: "-save", Path: *tf.save}, {Role: "-history", Path: *tf.history}, {Role: "-out", Path: *tf.out}}
	if err := fileio.CheckPaths([]fileio.File{{Role: "-csv", Path: tf.series.csv}}, outs); err != nil {
		return failf(stderr, err)
	}
	s, res, rc := tf.fit(ctx, stderr)
	if res == nil {
		return rc
	}
	if err := res.Model.Save(*tf.save); err != nil {
		return failf(stderr, err)
	}
	if *tf.history != "" {
		if err := forecast.WriteHistoryCSV(*tf.history, forecast.HistoryRecords(res.History)); err != nil {
			return failf(stderr, err)
		}
	}
	fmt.Fprintf(stderr, "forecaster: trained %d epochs (best %d, %s) in %.1f s; saved %s\n", len(res.History), res.BestEpoch, res.StopReason, res.Seconds, *tf.save)
	if res.Anchor != "" {
		fmt.Fprintln(stderr, "forecaster: anchor:", res.Anchor)
	}
	if *tf.out != "" {
		if rc := writeForecast(*tf.out, &res.Forecast, s.Freq, stdout, stderr); rc != 0 {
			return rc
		}
	}
	interrupted(stderr, res, "saved "+*tf.save+" with")
	return 0
}

func cmdPredict(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("predict", "-model model.json -csv FILE [-out out.csv]", stderr)
	var sf seriesFlags
	sf.register(fs)
	modelPath := fs.String("model", "", "the model `file` written by train or the app")
	out := fs.String("out", "", "write the forecast CSV to this `file` (default: stdout)")
	if rc := parseFlags(fs, args, stderr); rc >= 0 {
		return rc
	}
	if *modelPath == "" {
		return failf(stderr, fmt.Errorf("-model is required: name the model file to read"))
	}
	ins := []fileio.File{{Role: "-csv", Path: sf.csv}, {Role: "-model", Path: *modelPath}}
	if err := fileio.CheckPaths(ins, []fileio.File{{Role: "-out", Path: *out}}); err != nil {
		return failf(stderr, err)
	}
	m, err := forecast.LoadModel(*modelPath)
	if err != nil {
		return failf(stderr, err)
	}
	if sf.covariates == "" && len(m.CovNames) > 0 {
		sf.covariates = strings.Join(m.CovNames, ",")
	}
	_, s, _, err := sf.load()
	if err != nil {
		return failf(stderr, err)
	}
	fc, err := m.Predict(s)
	if err != nil {
		return failf(stderr, err)
	}
	return writeForecast(*out, fc, s.Freq, stdout, stderr)
}
