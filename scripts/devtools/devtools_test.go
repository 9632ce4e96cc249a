package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
)

func run1(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestDefaultsTableAtomic: the table is written atomically and keeps the
// file's mode (it was os.WriteFile: truncated first, mode forced); -set
// changes a setting and shows in the table's settings line.
func TestDefaultsTableAtomic(t *testing.T) {
	out := filepath.Join(t.TempDir(), "defaults.md")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run1(t, "defaults-table", "-only", "new_haven", "-origins", "2", "-seeds", "1,2", "-set", "epochs=2", "-set", "hidden=4", "-out", out)
	if code != 0 {
		t.Fatalf("defaults-table: %d %s", code, errs)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "# The defaults, backtested") || !strings.Contains(string(b), "| new_haven/mean_temp_f | 60 | 5 | 1 |") ||
		!strings.Contains(string(b), "1×4 units") || !strings.Contains(string(b), "| rule | OWA seed 1 | OWA seed 2 | mean OWA | wins of 2 |") ||
		!strings.Contains(string(b), "| no fallback |") {
		t.Errorf("table = %q", b)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v; want -rw------- kept", fi.Mode())
	}
	for _, args := range [][]string{
		{"defaults-table", "-out", filepath.Join(t.TempDir(), "missing", "d.md")},
		{"defaults-table", "-set", "hidden=0"},
		{"defaults-table", "-set", "hidden=4,8"},
		{"defaults-table", "-seeds", "1,x"},
		{"defaults-table", "-seeds", "2,2"},
	} {
		if code, _, errs := run1(t, args...); code == 0 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, %q; want a one-line error", args, code, errs)
		}
	}
}

// TestStudyWrites: the study writes its summary, one report per claim and
// the report's charts.
func TestStudyWrites(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := run1(t, "study", "-out", dir, "-only", "init", "-seeds", "1", "-epochs", "2")
	if code != 0 {
		t.Fatalf("study: %d %s", code, errs)
	}
	readme, _ := os.ReadFile(filepath.Join(dir, "README.md"))
	if strings.Count(string(readme), "\n## ") != 1 || !strings.Contains(string(readme), "upported on this data.**") || !strings.Contains(string(readme), "[init.md](init.md)") {
		t.Errorf("README.md = %q; want one claim with its verdict and report", readme)
	}
	if !strings.Contains(string(readme), "go run ./scripts/devtools study -out docs/study") {
		t.Error("README.md does not say how to regenerate it")
	}
	for _, f := range []string{"init.md", "init-curves.png", "init-gradients.png", "init-mase.png"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestNoFallbackRule: "no fallback" is the recommended forecast, or where
// it fell back to the seasonal naive, the candidate it replaced (a blend:
// the mean of its parts, by hand (1+3)/2 = 2).
func TestNoFallbackRule(t *testing.T) {
	r := &forecast.Result{Recommended: "seasonal_naive"}
	r.Holdout.Actual = []float64{0}
	r.Holdout.Pred = map[string][]float64{forecast.MethodRecommended: {5}, "seasonal_naive": {5}, "lstm": {1}, "ets": {3}}
	if p := rulePreds(r); p[noFallback][0] != 5 {
		t.Errorf("no fallback made: %v; want the recommended forecast", p[noFallback])
	}
	r.FellBackFrom = "lstm+ets"
	if p := rulePreds(r); p[noFallback][0] != 2 {
		t.Errorf("fell back from lstm+ets: %v; want their mean 2", p[noFallback])
	}
	r.FellBackFrom = "arima"
	if p := rulePreds(r); p[noFallback] != nil {
		t.Errorf("fell back from a method without a holdout forecast: %v; want none", p[noFallback])
	}
}
