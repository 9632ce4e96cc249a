package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/app/project"
)

// TestInspectProject: inspect -project lists a project (the version 1
// fixture, upgraded on reading) and refuses what is not one in one line.
func TestInspectProject(t *testing.T) {
	code, out, errs := run(t, context.Background(), "inspect", "-project", "../../app/project/testdata/v1.forecaster")
	if code != 0 {
		t.Fatalf("inspect -project = %d: %s", code, errs)
	}
	for _, want := range []string{fmt.Sprintf("format version 1, read as %d", project.Version), "Data: sample:air_passengers", "missing values ffill",
		"hidden 3", "Runs: 1", "run 1  passengers  2 epochs", "Experiment: none"} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect -project output lacks %q:\n%s", want, out)
		}
	}
	code, _, errs = run(t, context.Background(), "inspect", "-project", airPassengers)
	if code != 1 || !strings.Contains(errs, "not a valid project file") || strings.Count(errs, "\n") != 1 {
		t.Errorf("inspect -project CSV = %d %q; want 1 and one line saying it is not a project", code, errs)
	}
}
