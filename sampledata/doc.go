// Package sampledata embeds a few real, public time series and one generated
// series, so the app has something to forecast on first launch. The
// catalogue (List) names each file's date and value columns and where the
// data comes from; README.md in this directory has the full provenance.
//
// The package is a leaf: it imports nothing of the project.
package sampledata
