// Package project reads and writes project files (.forecaster): a whole
// session — the data, the columns chosen, the settings, every run with its
// telemetry, metrics, forecasts and model, the experiments' results and
// the window's own state — so that reopening it, on this machine or
// another, shows everything as it was. It imports no GUI toolkit; package
// app turns a Session into a Project and back.
//
// # Format
//
// A project file is a zip archive:
//
//	manifest.json        format "forecaster-project", version, data, columns, settings, runs, view
//	data/NAME            the data file's bytes as they were loaded (a sample's too)
//	runs/ID.json         one run: settings, times, state, telemetry (monitor.State), result
//	runs/ID.model.json   its model, a forecast model file (forecast.Model.Write)
//	series/K.json        a series a run was trained on, when it is not the project's own
//	experiment.json      the last experiment's result, if any
//
// The JSON entries use encoding/json's shapes, with floats written so that
// they read back bit for bit, and NaN and ±Inf as the strings "NaN",
// "+Inf" and "-Inf" (see codec.go). Save writes atomically through
// forecast/fileio: a temporary file, synced and renamed over the old one.
//
// # Versions
//
// Version is the format written. Open upgrades older versions as it reads
// them (Project.Migrated says from which) and refuses a newer one with a
// message naming the version it needs. Version 1 was the format's first
// draft: the manifest kept the columns as date_column, value_column,
// covariates and missing (the policy by name); version 2 keeps the whole
// tsdata.SeriesSpec under "columns", so that a field added to it is saved
// without a new version; version 3 adds the workbook's sheet ("sheet") and
// the runs' names ("name" in runs/ID.json), which a version 2 file reads
// as none (the default sheet, unnamed runs); version 4 adds "panel" for
// the data of a file of many series (how it splits into series, the
// whole tsdata/panel.Spec, and the series shown), which older files read
// as none (a file of one series). testdata/v1.forecaster is a version 1 file.
//
// # Damaged and hostile files
//
// Open never panics and its memory is bounded by the limits in project.go, not by
// sizes a file declares: the archive's size, the number of entries and
// every entry's uncompressed size are checked before an entry is read, and
// each is read through a limit (a zip bomb stops at the limit). Every
// value is then checked against the others — a run's forecast has the
// horizon of its settings, its holdout lies inside its series, its model
// was trained with its settings and on its columns, the data's checksum
// matches — and every error wraps ErrBadProject with what is wrong and
// where.
package project
