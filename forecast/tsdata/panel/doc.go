// Package panel reads a file that holds many series — a panel — into one
// cleaned tsdata.Series per series, each with its own start, end, gaps,
// missing values and import report, and describes the whole in a Report.
// It knows nothing of forecasting; package app runs a forecaster over a
// Panel.
//
// # Formats
//
// Long format: one row per series and date, the series named by one or
// more id columns (Spec.IDCols: "store", or "store" and "sku"); the id of a
// series is its id cells joined with "/" ("S1/K7"), and the column that
// heads it in outputs is the id columns' names joined the same way
// (Panel.IDName). With several value columns each (id, column) pair is a
// series, "S1/sales". Wide format: no id column and several value columns
// (Spec.ValueCols, or "*" for every numeric column but the date): each
// column is a series named by its header, and Panel.IDName is "series".
//
// A series' rows are cut from the table (tsdata.Table.Subset) and cleaned
// by tsdata.Table.Series exactly as a single-series file is: rows in time
// order, a duplicate is a duplicate (id, date) — two stores on one date are
// two series, never a collision —, gaps of the calendar filled by the
// missing-value policy. Missing values before a series' first value and
// after its last are not part of it: a wide file's columns may start and
// end at different dates.
//
// # Refusals and skips
//
// A value column that is an id or the date column, or holds text, is
// refused with the numeric columns to pick instead. Series of different
// frequencies are refused with the ids that differ. A series with fewer
// than MinPoints observed values, or one tsdata refuses, is skipped and
// listed in Report.Skipped with the reason; the others go on. An id column
// with one value is a single series (Report.Warnings says so).
//
// # Shards
//
// Shard(id, n) is the FNV-1a 64-bit hash of the id's bytes modulo n: the
// shard of a series depends on its id alone, not on the file's order, the
// machine or the run, so n processes each given "-shard i/n" (0 ≤ i < n)
// forecast every series exactly once between them.
//
// # Memory
//
// Grouping takes 4 bytes a row (the row's series) on top of the Table;
// each series' cut holds its own rows (date, value, line: 36 bytes a row)
// and its Series shares them when they need no cleaning.
package panel
