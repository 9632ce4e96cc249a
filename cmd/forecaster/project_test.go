package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
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
	// a project of one series of a file of many says which and of how many
	pn, err := app.LoadPanel("../../forecast/tsdata/panel/testdata/stores_monthly_long.csv", panel.Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}})
	if err != nil {
		t.Fatal(err)
	}
	s := app.NewSession(nil)
	if _, err := s.SelectSeries(pn, pn.Members[1].ID); err != nil {
		t.Fatal(err)
	}
	set := s.Settings()
	set.Horizon = 6
	scored, err := pn.Forecast(context.Background(), "local", app.PanelJob{Settings: set, Method: forecast.MethodETS, Holdout: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.SetPanelRun(pn, scored)
	file := filepath.Join(t.TempDir(), "stores"+project.Ext)
	if err := s.SaveProject(file, nil); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, context.Background(), "inspect", "-project", file)
	if want := fmt.Sprintf("Series: %d by store; shown: %s\nScores of every series: model local, %d series, 0 failed, horizon 6\n", len(pn.Members), pn.Members[1].ID, len(pn.Members)); code != 0 || !strings.Contains(out, want) {
		t.Errorf("inspect -project of a series of many = %d %s\n%s; want %q", code, errs, out, want)
	}
	code, _, errs = run(t, context.Background(), "inspect", "-project", airPassengers)
	if code != 1 || !strings.Contains(errs, "not a valid project file") || strings.Count(errs, "\n") != 1 {
		t.Errorf("inspect -project CSV = %d %q; want 1 and one line saying it is not a project", code, errs)
	}
}
