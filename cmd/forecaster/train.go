package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
)

// trainFlags are the flags shared by forecast and train.
type trainFlags struct {
	series             seriesFlags
	set                *config.Settings
	out, save, history string
	method             string
	panel              panelFlags // forecast only
}

func (c *cli) parseTrain(name, synopsis string, args []string, withSave bool) (*trainFlags, int) {
	fs := c.newFlagSet(name, synopsis)
	tf := &trainFlags{}
	tf.series.register(fs.FlagSet)
	tf.set = settingsFlags(fs.FlagSet)
	fs.StringVar(&tf.out, "out", "", "write the forecast CSV to this `file` (default: stdout)")
	tf.method = forecast.MethodLSTM // train: the forecast of the model it saves, as predict gives it
	if !withSave {
		tf.panel.register(fs.FlagSet, true)
		fs.StringVar(&tf.method, "method", forecast.MethodRecommended, "the forecast to write: recommended (chosen on the validation windows, never the holdout), lstm, ets, auto_ets, theta, arima, comb, seasonal_naive, naive or drift")
	}
	if withSave {
		fs.StringVar(&tf.save, "save", "", "save the trained model to this `file` (JSON)")
		fs.StringVar(&tf.history, "history", "", "write the training history CSV to this `file`")
	}
	if rc := fs.parse(args); rc >= 0 {
		return nil, rc
	}
	if err := validateFlags(tf.set); err != nil {
		return nil, c.fail(err)
	}
	return tf, 0
}

// fit trains on the whole series in a session, as forecast and train do.
// An interrupt before anything was learnt, or during the interval
// calibration, ends the command with exitInterrupted; an interrupt during
// training keeps the best weights so far, and the caller writes their
// outputs (see interrupted).
func (c *cli) fit(tf *trainFlags) (*app.Session, *forecast.Result, int) {
	s := app.NewSession(app.TrainWhole)
	if _, err := tf.series.load(s); err != nil {
		return nil, nil, c.fail(err)
	}
	if err := s.SetSettings(*tf.set); err != nil {
		return nil, nil, c.fail(err)
	}
	prog := c.newProgress(0)
	run, err := s.Train(c.ctx, prog.update)
	prog.finish()
	if errors.Is(err, app.ErrStopped) {
		fmt.Fprintln(c.stderr, "forecaster: interrupted before a forecast was complete: nothing was written")
		return nil, nil, exitInterrupted
	}
	if err != nil {
		return nil, nil, c.fail(err)
	}
	if d := run.Result.Diagnosis; d != "" {
		fmt.Fprintln(c.stderr, "forecaster: warning:", app.Clip(d, app.MaxMessage))
	}
	return s, run.Result, 0
}

// interrupted says, after a run stopped by Ctrl+C has written its outputs,
// what they hold: the best weights so far, not a finished training.
func (c *cli) interrupted(res *forecast.Result, wrote string) {
	if res.StopReason != config.StopCanceled {
		return
	}
	epochs := 0
	for _, e := range res.History {
		if e.Member == 0 {
			epochs++
		}
	}
	fmt.Fprintf(c.stderr, "forecaster: interrupted after %d of %d epochs: %s the best weights so far (epoch %d)\n",
		epochs, res.Settings.Epochs, wrote, res.BestEpoch)
}

// writeForecast writes the session's forecast as CSV to path, or to stdout
// when path is empty.
func (c *cli) writeForecast(s *app.Session, path, method string) int {
	var err error
	if path == "" {
		err = s.WriteForecast(c.stdout, 0, method)
	} else {
		err = s.ExportForecast(path, 0, method)
	}
	if err != nil {
		return c.fail(err)
	}
	return 0
}

// failOrInterrupted reports err, or that the command was interrupted when
// it was (reading or forecasting with a model stops on Ctrl+C).
func (c *cli) failOrInterrupted(err error) int {
	if c.ctx.Err() != nil {
		fmt.Fprintln(c.stderr, "forecaster: interrupted: nothing was written")
		return exitInterrupted
	}
	return c.fail(err)
}

// where names an output for messages: the file, or standard output.
func where(path string) string {
	if path == "" {
		return "standard output"
	}
	return path
}

func cmdForecast(c *cli, args []string) int {
	tf, rc := c.parseTrain("forecast", "-csv FILE [-id-col C | -value-col A,B|'*'] [-shard i/n] -horizon H [settings…] [-out out.csv]", args, false)
	if tf == nil {
		return rc
	}
	if err := fileio.CheckPaths([]fileio.File{{Role: "-csv", Path: tf.series.csv}}, []fileio.File{{Role: "-out", Path: tf.out}}); err != nil {
		return c.fail(err)
	}
	spec, many, err := tf.panel.spec(&tf.series)
	if err != nil {
		return c.fail(err)
	}
	if many {
		return c.forecastPanel(tf, &tf.panel, spec)
	}
	s, res, rc := c.fit(tf)
	if res == nil {
		return rc
	}
	if rc := c.writeForecast(s, tf.out, tf.method); rc != 0 {
		return rc
	}
	c.interrupted(res, "wrote the forecast to "+where(tf.out)+"; it comes from")
	return 0
}

func cmdTrain(c *cli, args []string) int {
	tf, rc := c.parseTrain("train", "-csv FILE -horizon H [settings…] -save model.json [-history history.csv] [-out out.csv]", args, true)
	if tf == nil {
		return rc
	}
	if tf.save == "" {
		return c.fail(fmt.Errorf("-save is required: name the model file to write"))
	}
	outs := []fileio.File{{Role: "-save", Path: tf.save}, {Role: "-history", Path: tf.history}, {Role: "-out", Path: tf.out}}
	if err := fileio.CheckPaths([]fileio.File{{Role: "-csv", Path: tf.series.csv}}, outs); err != nil {
		return c.fail(err)
	}
	s, res, rc := c.fit(tf)
	if res == nil {
		return rc
	}
	if err := s.SaveModel(tf.save, 0); err != nil {
		return c.fail(err)
	}
	if tf.history != "" {
		if err := s.ExportHistory(tf.history, 0); err != nil {
			return c.fail(err)
		}
	}
	if n := res.Settings.Ensemble; n > 1 {
		fmt.Fprintf(c.stderr, "forecaster: trained %d networks, %d epochs in all (the first: best %d, %s) in %.1f s; saved %s\n", n, len(res.History), res.BestEpoch, res.StopReason, res.Seconds, tf.save)
	} else {
		fmt.Fprintf(c.stderr, "forecaster: trained %d epochs (best %d, %s) in %.1f s; saved %s\n", len(res.History), res.BestEpoch, res.StopReason, res.Seconds, tf.save)
	}
	if res.Anchor != "" {
		fmt.Fprintln(c.stderr, "forecaster: anchor:", res.Anchor)
	}
	if tf.out != "" {
		if rc := c.writeForecast(s, tf.out, tf.method); rc != 0 {
			return rc
		}
	}
	c.interrupted(res, "saved "+tf.save+" with")
	return 0
}

func cmdPredict(c *cli, args []string) int {
	fs := c.newFlagSet("predict", "-model model.json -csv FILE [-out out.csv]")
	var sf seriesFlags
	sf.register(fs.FlagSet)
	modelPath := fs.String("model", "", "the model `file` written by train or the app")
	out := fs.String("out", "", "write the forecast CSV to this `file` (default: stdout)")
	if rc := fs.parse(args); rc >= 0 {
		return rc
	}
	if *modelPath == "" {
		return c.fail(fmt.Errorf("-model is required: name the model file to read"))
	}
	ins := []fileio.File{{Role: "-csv", Path: sf.csv}, {Role: "-model", Path: *modelPath}}
	if err := fileio.CheckPaths(ins, []fileio.File{{Role: "-out", Path: *out}}); err != nil {
		return c.fail(err)
	}
	m, err := app.OpenModel(c.ctx, *modelPath)
	if err != nil {
		return c.failOrInterrupted(err)
	}
	if sf.covariates == "" && len(m.CovNames) > 0 {
		sf.covariates = strings.Join(m.CovNames, ",")
	}
	s := app.NewSession(nil)
	if _, err := sf.load(s); err != nil {
		return c.fail(err)
	}
	if _, err := s.UseModel(c.ctx, m, *modelPath, nil); err != nil {
		return c.failOrInterrupted(err)
	}
	return c.writeForecast(s, *out, forecast.MethodLSTM)
}
