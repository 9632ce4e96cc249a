package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// seriesFlags are the flags that choose a file and a series in it.
type seriesFlags struct {
	csv, dateCol, valueCol, covariates, missing string
}

func (f *seriesFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.csv, "csv", "", "the CSV `file` to read (never modified)")
	fs.StringVar(&f.dateCol, "date-col", "", "date `column`; empty proposes one, '-' uses the row index")
	fs.StringVar(&f.valueCol, "value-col", "", "value `column` to forecast; empty takes the first numeric one")
	fs.StringVar(&f.covariates, "covariates", "", "extra input `columns`, comma-separated")
	fs.StringVar(&f.missing, "missing", "interpolate", "missing values and gaps: interpolate|ffill|drop")
}

// load reads the file and extracts the series.
func (f *seriesFlags) load() (*tsdata.Table, *tsdata.Series, *tsdata.Report, error) {
	if f.csv == "" {
		return nil, nil, nil, fmt.Errorf("-csv is required: name the CSV file to read")
	}
	pol, err := tsdata.ParseMissingPolicy(f.missing)
	if err != nil {
		return nil, nil, nil, err
	}
	tab, err := tsdata.ReadFile(f.csv, tsdata.ReadOptions{})
	if err != nil {
		return nil, nil, nil, err
	}
	spec := tsdata.SeriesSpec{DateCol: f.dateCol, ValueCol: f.valueCol, Missing: pol}
	if f.covariates != "" {
		for _, c := range strings.Split(f.covariates, ",") {
			spec.Covariates = append(spec.Covariates, strings.TrimSpace(c))
		}
	}
	s, rep, err := tab.Series(spec)
	if err != nil {
		return tab, nil, nil, err
	}
	return tab, s, rep, nil
}

// newFlagSet returns a flag set that reports errors instead of exiting:
// -h prints the usage, a bad flag one line naming it (see parseFlags).
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fs.SetOutput(stderr)
		fmt.Fprintf(stderr, "usage: forecaster %s %s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args into fs. It returns -1 when the command should go
// on, else the exit status: 0 after -h printed the usage, 2 after a bad
// flag was reported on one line.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) int {
	err := fs.Parse(args)
	switch {
	case err == flag.ErrHelp:
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

func cmdInspect(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("inspect", "-csv FILE [-json]", stderr)
	var sf seriesFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if rc := parseFlags(fs, args, stderr); rc >= 0 {
		return rc
	}
	_, _, rep, err := sf.load()
	if err != nil {
		return failf(stderr, err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return failf(stderr, err)
		}
		return 0
	}
	fmt.Fprint(stdout, reportText(rep))
	return 0
}

// reportText is rep.Text() made safe for a terminal: every name and example
// from the file is one line of printable characters (an escape code in a
// column name would otherwise reach the terminal), column names at most
// maxName runes so their type stays on the line, and every line at most
// app.MaxMessage runes.
func reportText(rep *tsdata.Report) string {
	const maxName = 60
	r := *rep
	clip := func(s string) string { return app.Clip(s, app.MaxMessage) }
	r.File, r.DateColumn, r.ValueColumn = clip(r.File), app.Clip(r.DateColumn, maxName), app.Clip(r.ValueColumn, maxName)
	r.DateLayout, r.Start, r.End = clip(r.DateLayout), clip(r.Start), clip(r.End)
	r.Columns = make([]tsdata.ColumnReport, len(rep.Columns))
	for i, c := range rep.Columns {
		c.Name = app.Clip(c.Name, maxName)
		r.Columns[i] = c
	}
	clipAll := func(list []string) []string {
		out := make([]string, len(list))
		for i, x := range list {
			out[i] = clip(x)
		}
		return out
	}
	r.Warnings = clipAll(rep.Warnings)
	r.Gaps.Examples, r.Duplicates.Examples = clipAll(rep.Gaps.Examples), clipAll(rep.Duplicates.Examples)
	r.OutOfOrder.Examples, r.Missing.Examples = clipAll(rep.OutOfOrder.Examples), clipAll(rep.Missing.Examples)
	var b strings.Builder
	for _, line := range strings.SplitAfter(r.Text(), "\n") {
		if line == "" {
			continue
		}
		b.WriteString(app.Clip(strings.TrimSuffix(line, "\n"), app.MaxMessage))
		b.WriteByte('\n')
	}
	return b.String()
}

// failf prints a failed command's error as one line of at most
// app.MaxMessage runes (app.Message) and returns its status.
func failf(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "forecaster: "+app.Message(err))
	return 1
}
