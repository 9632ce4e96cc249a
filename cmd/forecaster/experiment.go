package main

import (
	"context"
	"fmt"
	"io"
	"strings"

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

func cmdExperiment(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("experiment", "-csv FILE -grid setting=v1,v2 [-grid …] [-seeds K] [settings…] [-report r.html|r.md] [-runs runs.csv]", stderr)
	var sf seriesFlags
	sf.register(fs)
	set := settingsFlags(fs)
	var grid gridFlag
	fs.Var(&grid, "grid", "a setting and the values to try, e.g. init=pytorch,xavier_uniform,orthogonal (repeat for 2 or 3 axes)")
	seeds := fs.Int("seeds", 5, "runs per cell (seeds -seed, -seed+1, …)")
	workers := fs.Int("workers", 0, "runs trained at once (0 = one per core)")
	target := fs.Float64("target", 0, "validation loss counted as converged (0: 1.2× the median best)")
	reportPath := fs.String("report", "", "write the report here: .html (self-contained) or .md (charts as PNG beside it)")
	runsPath := fs.String("runs", "", "write every run as CSV here")
	title := fs.String("title", "", "the report's title")
	if rc := parseFlags(fs, args, stderr); rc >= 0 {
		return rc
	}
	if len(grid) == 0 {
		return failf(stderr, fmt.Errorf("-grid is required, e.g. -grid init=pytorch,xavier_uniform -grid clip=none,norm"))
	}
	if err := validateFlags(set); err != nil {
		return failf(stderr, err)
	}
	outs := []fileio.File{{Role: "-runs", Path: *runsPath}}
	if *reportPath != "" {
		paths, err := report.Paths(*reportPath)
		if err != nil {
			return failf(stderr, err)
		}
		for _, p := range paths {
			outs = append(outs, fileio.File{Role: "-report", Path: p})
		}
	}
	if err := fileio.CheckPaths([]fileio.File{{Role: "-csv", Path: sf.csv}}, outs); err != nil {
		return failf(stderr, err)
	}
	_, s, _, err := sf.load()
	if err != nil {
		return failf(stderr, err)
	}
	spec := experiment.Spec{Base: *set, Axes: grid, Seeds: *seeds, Workers: *workers, Target: *target}
	cells, err := spec.Cells()
	if err != nil {
		return failf(stderr, err)
	}
	total := len(cells) * *seeds
	fmt.Fprintf(stderr, "forecaster: %d cells × %d seeds = %d runs on %s\n", len(cells), *seeds, total, s.Name)
	res, err := experiment.Run(ctx, s, spec, func(done, total int, r experiment.RunOutcome) {
		status := fmt.Sprintf("MASE %.3f, best val %.4g, max ‖g‖ %.3g", r.MASE, r.BestVal, r.MaxGrad)
		if r.Err != "" {
			status = "failed: " + r.Err
		} else if r.Diverged {
			status += ", diverged"
		}
		fmt.Fprintf(stderr, "  [%d/%d] %s seed %d: %s\n", done, total, cells[r.Cell].Name(grid), r.Seed, status)
	})
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "forecaster: interrupted: the experiment did not finish; nothing was written")
		return exitInterrupted
	}
	if err != nil {
		return failf(stderr, err)
	}
	name := *title
	if name == "" {
		var axes []string
		for _, a := range grid {
			axes = append(axes, a.Name)
		}
		name = "Experiment: " + strings.Join(axes, " × ") + " on " + s.Name
	}
	if *reportPath != "" {
		if err := report.WriteFiles(*reportPath, name, res); err != nil {
			return failf(stderr, err)
		}
		fmt.Fprintf(stderr, "forecaster: wrote %s\n", *reportPath)
	}
	if *runsPath != "" {
		if err := experiment.WriteCSV(*runsPath, res.Records()); err != nil {
			return failf(stderr, err)
		}
		fmt.Fprintf(stderr, "forecaster: wrote %s\n", *runsPath)
	}
	if err := report.WriteMarkdown(stdout, name, res, nil); err != nil {
		return failf(stderr, err)
	}
	return 0
}
