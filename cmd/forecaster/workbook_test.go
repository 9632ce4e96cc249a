package main

import (
	"context"
	"testing"
)

// A forecast from a workbook is the forecast from the same data as CSV, to
// the last digit printed: same settings, same seed, same numbers.
func TestWorkbookForecastEqualsCSV(t *testing.T) {
	args := []string{"-horizon", "6", "-hidden", "4", "-epochs", "5"}
	code, want, stderr := run(t, context.Background(), append([]string{"forecast", "-csv", airPassengers}, args...)...)
	if code != 0 {
		t.Fatalf("forecast -csv: exit %d: %s", code, stderr)
	}
	for _, in := range []string{airWorkbook + ".xlsx", airWorkbook + ".ods"} {
		code, got, stderr := run(t, context.Background(), append([]string{"forecast", "-in", in}, args...)...)
		if code != 0 || got != want {
			t.Errorf("forecast -in %s: exit %d (%s)\n%s\nwant the CSV's\n%s", in, code, stderr, got, want)
		}
	}
}
