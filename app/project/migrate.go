package project

import (
	"time"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// manifest1 is a version 1 manifest: the columns as four fields of their
// own, the missing-value policy by name.
type manifest1 struct {
	Format      string            `json:"format"`
	Version     int               `json:"version"`
	Saved       time.Time         `json:"saved"`
	Data        dataRef           `json:"data"`
	DateColumn  string            `json:"date_column"`
	ValueColumn string            `json:"value_column"`
	Covariates  []string          `json:"covariates"`
	Missing     string            `json:"missing"`
	Settings    config.Settings   `json:"settings"`
	Runs        []runRef          `json:"runs"`
	NextRun     int               `json:"next_run"`
	Experiment  string            `json:"experiment"`
	View        map[string]string `json:"view"`
}

// migrate1 reads a version 1 manifest as the current one.
func migrate1(b []byte) (manifest, error) {
	var m1 manifest1
	if err := entries.decodeJSON(b, &m1); err != nil {
		return manifest{}, bad("%s (version 1): %v", manifestEntry, err)
	}
	missing, err := tsdata.ParseMissingPolicy(m1.Missing)
	if err != nil {
		return manifest{}, bad("%s (version 1): %v", manifestEntry, err)
	}
	return manifest{Format: m1.Format, Version: Version, Saved: m1.Saved, Data: m1.Data,
		Columns:  tsdata.SeriesSpec{DateCol: m1.DateColumn, ValueCol: m1.ValueColumn, Covariates: m1.Covariates, Missing: missing},
		Settings: m1.Settings, Runs: m1.Runs, NextRun: m1.NextRun, Experiment: m1.Experiment, View: m1.View}, nil
}
