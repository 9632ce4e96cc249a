package main

import (
	"context"
	"fmt"
	"io"
	"sort"
)

// commands maps each subcommand to its handler and a one-line summary.
var commands = map[string]struct {
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
	summary string
}{
	"forecast":       {cmdForecast, "train on the whole series and write the forecast with 80% and 95% intervals as CSV"},
	"train":          {cmdTrain, "train on the whole series and save the model (and its training history)"},
	"predict":        {cmdPredict, "forecast again from a saved model and a CSV file"},
	"version":        {cmdVersion, "print the name, version, build and app ID"},
	"backtest":       {cmdBacktest, "hold out the last H points and score the LSTM against naive, seasonal naive, drift and ETS"},
	"inspect":        {cmdInspect, "describe a CSV file: columns, types, date column, frequency, gaps, missing values"},
	"defaults-table": {cmdDefaultsTable, "backtest the settings on every bundled series and print the Markdown table"},
	"experiment":     {cmdExperiment, "train a grid of settings over several seeds and report convergence, divergence, gradients and MASE"},
	"study":          {cmdStudy, "test the seed article's four claims on the bundled samples; writes docs/study"},
}

// runCLI runs the command args[0] with the rest as its flags and returns
// its exit status. ctx is cancelled on Ctrl+C.
func runCLI(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	name := args[0]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		usage(stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "forecaster: unknown command %q; run 'forecaster help'\n", name)
		return 2
	}
	return c.run(ctx, args[1:], stdout, stderr)
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
