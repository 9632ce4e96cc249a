package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

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

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: forecaster %s %s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func cmdInspect(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("inspect", "-csv FILE [-json]", stderr)
	var sf seriesFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return 2
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
	fmt.Fprint(stdout, rep.Text())
	return 0
}

// failf prints a one-line error for a failed command and returns its status.
func failf(stderr io.Writer, err error) int {
	msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "forecaster: "), "forecast: ")
	fmt.Fprintln(stderr, "forecaster: "+strings.ReplaceAll(msg, "\n", " "))
	return 1
}
