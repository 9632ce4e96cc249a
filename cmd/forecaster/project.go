package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
)

// inspectProject prints what a project file holds: its data, columns,
// the settings that differ from the defaults, every run with its outcome
// and the experiment. Every text from the file is one clipped line.
func inspectProject(c *cli, path string) int {
	p, err := project.Open(c.ctx, path)
	if err != nil {
		return c.fail(err)
	}
	writeProject(c.stdout, p)
	return 0
}

func writeProject(w io.Writer, p *project.Project) {
	clip := func(s string) string { return app.Clip(s, 80) }
	version := fmt.Sprintf("format version %d", project.Version)
	if p.Migrated > 0 {
		version = fmt.Sprintf("format version %d, read as %d", p.Migrated, project.Version)
	}
	fmt.Fprintf(w, "Project saved %s (%s)\n", p.Saved.UTC().Format("2006-01-02 15:04 UTC"), version)
	sheet := ""
	if p.Sheet != "" {
		sheet = fmt.Sprintf("; sheet %q", clip(p.Sheet))
	}
	fmt.Fprintf(w, "Data: %s (%d bytes embedded as %s%s; series of %d points)\n", clip(p.Data.Source), len(p.Data.Bytes), clip(p.Data.Name), sheet, p.Series.Len())
	if pn := p.Panel; pn != nil {
		by := "one a column"
		if len(pn.Spec.IDCols) > 0 {
			by = "by " + strings.Join(pn.Spec.IDCols, ", ")
		}
		fmt.Fprintf(w, "Series: %d %s; shown: %s\n", len(p.Members.Members), clip(by), clip(pn.Member))
		if sc := pn.Scores; sc != nil {
			failed := 0
			for _, r := range sc.Results {
				if r.Err != "" {
					failed++
				}
			}
			fmt.Fprintf(w, "Scores of every series: model %s, %d series, %d failed, horizon %d\n", clip(sc.Model), len(sc.Results), failed, sc.Settings.Horizon)
		}
	}
	date := p.Report.DateColumn
	if date == "" {
		date = "(row number)"
	}
	fmt.Fprintf(w, "Columns: date %s, value %s", clip(date), clip(p.Report.ValueColumn))
	if len(p.Spec.Covariates) > 0 {
		fmt.Fprintf(w, ", extra inputs %s", clip(strings.Join(p.Spec.Covariates, ", ")))
	}
	fmt.Fprintf(w, ", missing values %s\n", p.Spec.Missing)
	fmt.Fprintf(w, "Settings: %s\n", settingsDiff(p.Settings))
	fmt.Fprintf(w, "Runs: %d\n", len(p.Runs))
	for _, r := range p.Runs {
		if r.Failed {
			fmt.Fprintf(w, "  run %d  failed: %s\n", r.ID, app.Clip(r.Err, app.MaxMessage))
			continue
		}
		res := r.Result
		name := ""
		if r.Name != "" {
			name = fmt.Sprintf(" %q", r.Name)
		}
		fmt.Fprintf(w, "  run %d%s  %s  %d epochs (best %d), %s", r.ID, name, clip(r.Series), r.History.Epochs, res.BestEpoch, res.StopReason)
		if m, ok := res.Metrics[forecast.MethodLSTM]; ok {
			fmt.Fprintf(w, ", LSTM holdout MASE %.3f", m.MASE)
		}
		if res.Recommended != "" {
			fmt.Fprintf(w, ", recommended %s", clip(res.Recommended))
		}
		fmt.Fprintln(w)
	}
	if e := p.Experiment; e != nil {
		fmt.Fprintf(w, "Experiment: %d cells × %d seeds on %s\n", len(e.Cells), e.Spec.Seeds, clip(e.Series))
	} else {
		fmt.Fprintln(w, "Experiment: none")
	}
}

// settingsDiff names the settings that differ from the defaults.
func settingsDiff(set config.Settings) string {
	def := config.DefaultSettings()
	var diff []string
	for _, f := range config.Fields() {
		if a, b := f.Text(&set), f.Text(&def); a != b {
			diff = append(diff, f.Name+" "+a)
		}
	}
	sort.Strings(diff)
	if len(diff) == 0 {
		return "the defaults"
	}
	return "the defaults but " + strings.Join(diff, ", ")
}
