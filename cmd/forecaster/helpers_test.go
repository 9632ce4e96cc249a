package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/forecaster-dev/forecaster/app"
)

const airPassengers = "../../forecast/testdata/air_passengers_monthly.csv"

// quick are settings that train in a few milliseconds.
var quick = []string{"-horizon", "12", "-epochs", "3", "-hidden", "4"}

// run runs the command line with args and returns its exit status, stdout
// and stderr.
func run(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	return runWatched(t, ctx, nil, args...)
}

// runWatched is run with a watch on the training progress.
func runWatched(t *testing.T, ctx context.Context, watch func(app.Progress), args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{ctx: ctx, stdout: &out, stderr: &errb, watch: watch}
	code := c.run(args)
	return code, out.String(), errb.String()
}

// airWorkbook is the air passengers series as a workbook (.xlsx, .ods)
// with a title, a formula column and a total row (scripts/sheetfixtures).
const airWorkbook = "../../forecast/tsdata/testdata/air_passengers"
