package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func cmdInspect(c *cli, args []string) int {
	fs := c.newFlagSet("inspect", "-csv FILE [-id-col C | -value-col A,B|'*'] [-json] | -project FILE")
	var sf seriesFlags
	sf.register(fs.FlagSet)
	var pf panelFlags
	pf.register(fs.FlagSet, false)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	proj := fs.String("project", "", "describe a project file (.forecaster): its data, columns, settings, runs and experiment")
	if rc := fs.parse(args); rc >= 0 {
		return rc
	}
	if *proj != "" {
		return inspectProject(c, *proj)
	}
	spec, many, err := pf.spec(&sf)
	if err != nil {
		return c.fail(err)
	}
	if many {
		return c.inspectPanel(&sf, spec, *asJSON)
	}
	d, err := sf.load(app.NewSession(nil))
	if err != nil {
		return c.fail(err)
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d.Report); err != nil {
			return c.fail(err)
		}
		return 0
	}
	fmt.Fprint(c.stdout, reportText(d.Report))
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
	r.Sheet, r.Sheets, r.Skipped = app.Clip(rep.Sheet, maxName), clipAll(rep.Sheets), clipAll(rep.Skipped)
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
