// Package report writes an experiment's results for people: a summary
// table with the best cell per metric marked, and the charts, as one
// self-contained HTML file (charts embedded as PNG data) or as Markdown with
// the PNG files beside it. Every run as CSV is experiment.WriteCSV.
package report
