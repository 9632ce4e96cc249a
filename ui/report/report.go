package report

import (
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/ui/chart"
)

// Chart is one rendered chart of the report.
type Chart struct {
	Name    string // file name, e.g. "curves.png"
	Caption string
	PNG     []byte
}

// Charts renders the report's charts in the light style.
func Charts(res *experiment.Result) ([]Chart, error) {
	s := chart.Light()
	list := []struct {
		name, caption string
		p             *plot.Plot
	}{
		{chartNames[0], "Validation loss per epoch: median across seeds, with the 25–75% band; the dashed line is the target loss.", chart.ExperimentCurves(s, res)},
		{chartNames[1], "Gradient norm back through the window (first layer, median over runs): a curve falling to the left means gradients vanish through time.", chart.ExperimentProfiles(s, res)},
		{chartNames[2], "Holdout MASE of every run; the bar is the median. Below 1 beats the in-sample seasonal naive.", chart.ExperimentMASE(s, res)},
	}
	var out []Chart
	for _, c := range list {
		b, err := chart.Encode(c.p, c.name, 7*vg.Inch, 3.6*vg.Inch)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{Name: c.name, Caption: c.caption, PNG: b})
	}
	return out, nil
}

// chartNames are the file names of Charts' charts, in order.
var chartNames = []string{"curves.png", "gradients.png", "mase.png"}

// Metric columns of the summary table, in order.
var columns = []struct {
	key, title string
	value      func(experiment.CellSummary) string
}{
	{"to_target", "epochs to target (median)", func(c experiment.CellSummary) string { return num(c.ToTarget, "%.0f") }},
	{"reached", "reached target", func(c experiment.CellSummary) string { return fmt.Sprintf("%.0f%%", 100*c.Reached) }},
	{"diverged", "diverged", func(c experiment.CellSummary) string { return fmt.Sprintf("%.0f%%", 100*c.Diverged) }},
	{"max_grad", "largest ‖g‖ (median of runs; max)", func(c experiment.CellSummary) string {
		return num(c.MaxGradMedian, "%.3g") + "; " + num(c.MaxGrad, "%.3g")
	}},
	{"", "‖∂L/∂h₁‖ / ‖∂L/∂h_T‖", func(c experiment.CellSummary) string { return num(c.Vanishing, "%.2g") }},
	{"best_val", "best val loss (median curve)", func(c experiment.CellSummary) string { return num(minOf(c.ValMedian), "%.4g") }},
	{"mase", "holdout MASE median [25–75%]", func(c experiment.CellSummary) string {
		return num(c.MASE, "%.3f") + " [" + num(c.MASELo, "%.3f") + "–" + num(c.MASEHi, "%.3f") + "]"
	}},
	{"", "s/run", func(c experiment.CellSummary) string { return num(c.Seconds, "%.1f") }},
}

func num(v float64, f string) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case math.IsInf(v, 1):
		return "never"
	}
	return fmt.Sprintf(f, v)
}

func minOf(x []float64) float64 {
	m := math.NaN()
	for _, v := range x {
		if !math.IsNaN(v) && (math.IsNaN(m) || v < m) {
			m = v
		}
	}
	return m
}

// table returns the summary as rows of cells, best values marked by mark.
func table(res *experiment.Result, mark func(string) string) (header []string, rows [][]string) {
	header = []string{"cell"}
	for _, c := range columns {
		header = append(header, c.title)
	}
	for i, cell := range res.Cells {
		row := []string{cell.Name}
		for _, c := range columns {
			v := c.value(cell)
			if b, ok := res.Best[c.key]; ok && c.key != "" && b == i {
				v = mark(v)
			}
			row = append(row, v)
		}
		rows = append(rows, row)
	}
	return header, rows
}

func describe(res *experiment.Result) string {
	var axes []string
	for _, a := range res.Spec.Axes {
		axes = append(axes, a.Name+" ∈ {"+strings.Join(a.Values, ", ")+"}")
	}
	b := res.Spec.Base
	return fmt.Sprintf("Series %s; grid %s; %d seeds per cell (%d runs, %.0f s). Other settings: horizon %d, window %s, %d×%d LSTM, %s lr %g, clip %s %g, init %s/%s, epochs ≤ %d, patience %d. Target validation loss %.4g.",
		res.Series, strings.Join(axes, " × "), res.Spec.Seeds, len(res.Runs), res.Seconds,
		b.Horizon, windowText(b.Window), b.Layers, b.Hidden, b.Optimizer, b.LR, b.Clip, b.ClipMax, b.Init, b.RecurrentInit, b.Epochs, b.Patience, res.Target)
}

func windowText(w int) string {
	if w == 0 {
		return "derived"
	}
	return fmt.Sprint(w)
}

// WriteMarkdown writes report.md-style Markdown to w; the charts are
// referenced by name (write them beside it with WriteFiles).
func WriteMarkdown(w io.Writer, title string, res *experiment.Result, charts []Chart) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", title, describe(res))
	header, rows := table(res, func(s string) string { return "**" + s + "**" })
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|")
	for range header {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	b.WriteString("\nBold: the best cell for that metric.\n\n")
	for _, c := range charts {
		fmt.Fprintf(&b, "![%s](%s)\n\n%s\n\n", c.Name, c.Name, c.Caption)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteHTML writes one self-contained HTML page with the charts embedded.
func WriteHTML(w io.Writer, title string, res *experiment.Result, charts []Chart) error {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>\n", e(title))
	b.WriteString(`<style>body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#223}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccd;padding:4px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f0f2f6}.best{background:#d9f2dd;font-weight:600}
img{max-width:100%;border:1px solid #e4e4ea}figcaption{color:#556;margin-bottom:1.5em}</style></head><body>` + "\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p>%s</p>\n<table><tr>", e(title), e(describe(res)))
	header, rows := table(res, func(s string) string { return "\x00" + s })
	for _, h := range header {
		fmt.Fprintf(&b, "<th>%s</th>", e(h))
	}
	b.WriteString("</tr>\n")
	for _, r := range rows {
		b.WriteString("<tr>")
		for _, v := range r {
			if best, ok := strings.CutPrefix(v, "\x00"); ok {
				fmt.Fprintf(&b, "<td class=\"best\">%s</td>", e(best))
			} else {
				fmt.Fprintf(&b, "<td>%s</td>", e(v))
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n<p>Green: the best cell for that metric.</p>\n")
	for _, c := range charts {
		fmt.Fprintf(&b, "<figure><img alt=\"%s\" src=\"data:image/png;base64,%s\"><figcaption>%s</figcaption></figure>\n",
			e(c.Name), base64.StdEncoding.EncodeToString(c.PNG), e(c.Caption))
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Paths returns the files WriteFiles(path, …) writes: path itself and,
// for a Markdown report, its charts beside it. An extension other than
// .html, .htm, .md or .markdown is an error, so a caller can refuse the
// name before the experiment runs.
func Paths(path string) ([]string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return []string{path}, nil
	case ".md", ".markdown":
		out := []string{path}
		for _, name := range chartNames {
			out = append(out, filepath.Join(filepath.Dir(path), chartPrefix(path)+name))
		}
		return out, nil
	}
	return nil, fmt.Errorf("report: %s: use a .html or .md file name", path)
}

// chartPrefix starts the names of a Markdown report's chart files.
func chartPrefix(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-"
}

// WriteFiles writes the report to path: an .html file is self-contained; an
// .md file gets its charts as PNG files beside it (Paths lists them). Files
// are written atomically.
func WriteFiles(path, title string, res *experiment.Result) error {
	if _, err := Paths(path); err != nil {
		return err
	}
	charts, err := Charts(res)
	if err != nil {
		return err
	}
	var b strings.Builder
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		if err := WriteHTML(&b, title, res, charts); err != nil {
			return err
		}
	default:
		for i := range charts {
			charts[i].Name = chartPrefix(path) + charts[i].Name
			if err := forecast.WriteFileAtomic(filepath.Join(filepath.Dir(path), charts[i].Name), charts[i].PNG); err != nil {
				return err
			}
		}
		if err := WriteMarkdown(&b, title, res, charts); err != nil {
			return err
		}
	}
	return forecast.WriteFileAtomic(path, []byte(b.String()))
}
