package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/ui/report"
)

// gridFlag collects repeated -grid flags.
type gridFlag []experiment.Axis

func (g *gridFlag) String() string { return fmt.Sprint(*g) }
func (g *gridFlag) Set(s string) error {
	a, err := experiment.ParseAxis(s)
	if err != nil {
		return err
	}
	*g = append(*g, a)
	return nil
}

func cmdExperiment(c *cli, args []string) int {
	fs := c.newFlagSet("experiment", "-csv FILE -grid setting=v1,v2 [-grid …] [-seeds K] [settings…] [-report r.html|r.md] [-runs runs.csv]")
	var sf seriesFlags
	sf.register(fs.FlagSet)
	set := settingsFlags(fs.FlagSet)
	var grid gridFlag
	fs.Var(&grid, "grid", "a setting and the values to try, e.g. init=pytorch,xavier_uniform,orthogonal (repeat for 2 or 3 axes)")
	seeds := fs.Int("seeds", 5, "runs per cell (seeds -seed, -seed+1, …)")
	workers := fs.Int("workers", 0, "runs trained at once (0 = one per core)")
	target := fs.Float64("target", 0, "validation loss counted as converged (0: 1.2× the median best)")
	reportPath := fs.String("report", "", "write the report here: .html (self-contained) or .md (charts as PNG beside it)")
	runsPath := fs.String("runs", "", "write every run as CSV here")
	title := fs.String("title", "", "the report's title")
	if rc := fs.parse(args); rc >= 0 {
		return rc
	}
	if len(grid) == 0 {
		return c.fail(fmt.Errorf("-grid is required, e.g. -grid init=pytorch,xavier_uniform -grid clip=none,norm"))
	}
	if err := validateFlags(set); err != nil {
		return c.fail(err)
	}
	outs := []fileio.File{{Role: "-runs", Path: *runsPath}}
	if *reportPath != "" {
		paths, err := report.Paths(*reportPath)
		if err != nil {
			return c.fail(err)
		}
		for _, p := range paths {
			outs = append(outs, fileio.File{Role: "-report", Path: p})
		}
	}
	if err := fileio.CheckPaths([]fileio.File{{Role: "-csv", Path: sf.csv}}, outs); err != nil {
		return c.fail(err)
	}
	s := app.NewSession(nil)
	d, err := sf.load(s)
	if err != nil {
		return c.fail(err)
	}
	if err := s.SetSettings(*set); err != nil {
		return c.fail(err)
	}
	spec := experiment.Spec{Base: s.Settings(), Axes: grid, Seeds: *seeds, Workers: *workers, Target: *target}
	cells, err := spec.Cells()
	if err != nil {
		return c.fail(err)
	}
	name := d.Series.Name
	fmt.Fprintf(c.stderr, "forecaster: %d cells × %d seeds = %d runs on %s\n", len(cells), *seeds, len(cells)**seeds, app.Clip(name, 80))
	res, err := s.RunExperiment(c.ctx, spec, func(done, total int, r experiment.RunOutcome) {
		status := fmt.Sprintf("MASE %.3f, best val %.4g, max ‖g‖ %.3g", r.MASE, r.BestVal, r.MaxGrad)
		if r.Err != "" {
			status = "failed: " + app.Clip(r.Err, 200)
		} else if r.Diverged {
			status += ", diverged"
		}
		fmt.Fprintf(c.stderr, "  [%d/%d] %s seed %d: %s\n", done, total, cells[r.Cell].Name(grid), r.Seed, status)
	})
	if errors.Is(err, app.ErrStopped) {
		fmt.Fprintln(c.stderr, "forecaster: interrupted: the experiment did not finish; nothing was written")
		return exitInterrupted
	}
	if err != nil {
		return c.fail(err)
	}
	heading := *title
	if heading == "" {
		var axes []string
		for _, a := range grid {
			axes = append(axes, a.Name)
		}
		heading = "Experiment: " + strings.Join(axes, " × ") + " on " + name
	}
	if *reportPath != "" {
		if err := report.WriteFiles(*reportPath, heading, res); err != nil {
			return c.fail(err)
		}
		fmt.Fprintf(c.stderr, "forecaster: wrote %s\n", *reportPath)
	}
	if *runsPath != "" {
		if err := experiment.WriteCSV(*runsPath, res.Records()); err != nil {
			return c.fail(err)
		}
		fmt.Fprintf(c.stderr, "forecaster: wrote %s\n", *runsPath)
	}
	if err := report.WriteMarkdown(c.stdout, heading, res, nil); err != nil {
		return c.fail(err)
	}
	return 0
}
