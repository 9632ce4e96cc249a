package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// cli is one run of the command line: where it writes and what stops it.
// Every command works through an app.Session, as the window does.
type cli struct {
	ctx    context.Context // cancelled by Ctrl+C or SIGTERM (interruptContext)
	stdout io.Writer
	stderr io.Writer
	// watch, when not nil, sees every training progress update after the
	// progress line; tests use it to interrupt a run at a known point.
	watch func(app.Progress)
}

// command is a subcommand's handler and its one-line summary.
type command struct {
	run     func(c *cli, args []string) int
	summary string
}

// commands are the subcommands of the shipped binary. The generators of
// docs/ (the study and the defaults table) are developer tools in
// scripts/devtools.
var commands = map[string]command{
	"forecast":   {cmdForecast, "train on the whole series and write the forecast with 80% and 95% intervals as CSV"},
	"train":      {cmdTrain, "train on the whole series and save the model (and its training history)"},
	"predict":    {cmdPredict, "forecast again from a saved model and a CSV file"},
	"version":    {cmdVersion, "print the name, version, build and app ID"},
	"backtest":   {cmdBacktest, "hold out the last H points and score the LSTM against naive, seasonal naive, drift and ETS"},
	"inspect":    {cmdInspect, "describe a CSV file: columns, types, date column, frequency, gaps, missing values"},
	"diagnose":   {cmdDiagnose, "describe a series: ACF, PACF, Ljung–Box, STL decomposition with the strengths of trend and season"},
	"experiment": {cmdExperiment, "train a grid of settings over several seeds and report convergence, divergence, gradients and MASE"},
}

// runCLI runs the command args[0] with the rest as its flags and returns
// its exit status. ctx is cancelled on Ctrl+C.
func runCLI(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return (&cli{ctx: ctx, stdout: stdout, stderr: stderr}).run(args)
}

func (c *cli) run(args []string) int {
	name := args[0]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		usage(c.stdout)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(c.stderr, "forecaster: unknown command %s; run 'forecaster help'\n", app.Clip(strconv.Quote(name), 80))
		return 2
	}
	return cmd.run(c, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: forecaster                 open the desktop app")
	fmt.Fprintln(w, "       forecaster COMMAND [flags]  work headless; COMMAND -h lists its flags")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-15s %s\n", n, commands[n].summary)
	}
}

// fail prints a failed command's error as one line of at most
// app.MaxMessage runes (app.Message) and returns its status.
func (c *cli) fail(err error) int {
	fmt.Fprintln(c.stderr, "forecaster: "+app.Message(err))
	return 1
}

// flagSet is a command's flags: -h prints its usage, a bad flag one line
// naming it.
type flagSet struct {
	*flag.FlagSet
	c        *cli
	synopsis string
}

func (c *cli) newFlagSet(name, synopsis string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, c: c, synopsis: synopsis}
}

// parse parses args. It returns -1 when the command should go on, else the
// exit status: 0 after -h printed the usage, 2 after a bad flag or an
// argument that is not a flag was reported on one line.
func (fs *flagSet) parse(args []string) int {
	stderr := fs.c.stderr
	err := fs.Parse(args)
	switch {
	case err == flag.ErrHelp:
		fmt.Fprintf(stderr, "usage: forecaster %s %s\n\nflags:\n", fs.Name(), fs.synopsis)
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "forecaster: %s; run 'forecaster %s -h' for the flags\n", app.Clip(err.Error(), app.MaxMessage), fs.Name())
		return 2
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "forecaster: unexpected argument %s; flags start with -\n", app.Clip(strconv.Quote(fs.Arg(0)), 80))
		return 2
	}
	return -1
}

// seriesFlags are the flags that choose a file and a series in it.
type seriesFlags struct {
	csv, sheet, dateCol, valueCol, covariates, missing string
}

func (f *seriesFlags) register(fs *flag.FlagSet) {
	f.registerFile(fs)
	fs.StringVar(&f.dateCol, "date-col", "", "date `column`; empty proposes one, '-' uses the row index")
	fs.StringVar(&f.valueCol, "value-col", "", "value `column` to forecast; empty takes the first numeric one; several (A,B,C) or '*' (every numeric column but the date) forecast each as a series")
	fs.StringVar(&f.covariates, "covariates", "", "extra input `columns`, comma-separated")
	fs.StringVar(&f.missing, "missing", "interpolate", "missing values and gaps: interpolate|ffill|drop")
}

// registerFile registers -csv, its alias -in, and -sheet.
func (f *seriesFlags) registerFile(fs *flag.FlagSet) {
	fs.StringVar(&f.csv, "csv", "", "the CSV `file` or workbook (.xlsx, .ods) to read (never modified)")
	fs.StringVar(&f.csv, "in", "", "the same as -csv")
	fs.StringVar(&f.sheet, "sheet", "", "the workbook's `sheet` to read (default: the first with a date and a number column)")
}

// load reads the file into the session and extracts the series.
func (f *seriesFlags) load(s *app.Session) (*app.Data, error) {
	if f.csv == "" {
		return nil, fmt.Errorf("-csv is required: name the CSV file or workbook to read (-in is the same)")
	}
	pol, err := tsdata.ParseMissingPolicy(f.missing)
	if err != nil {
		return nil, err
	}
	spec := tsdata.SeriesSpec{DateCol: f.dateCol, ValueCol: f.valueCol, Missing: pol}
	if f.covariates != "" {
		for _, c := range strings.Split(f.covariates, ",") {
			spec.Covariates = append(spec.Covariates, strings.TrimSpace(c))
		}
	}
	return s.LoadSheet(f.csv, f.sheet, spec)
}
