package app

import (
	"github.com/forecaster-dev/forecaster/forecast"
)

// This file bridges to the parts of forecast's API that are still being
// written (Result, Train, Model): it mirrors their agreed contract so app
// compiles and is tested meanwhile. Once forecast has them, Result becomes
// an alias of forecast.Result and defaultTrain/loadModel point at
// forecast.Train and forecast.LoadModel.

// Result is the outcome of a training run (forecast.Result).
type Result struct {
	Settings               forecast.Settings
	Series                 string
	Metrics                map[string]forecast.Metrics
	Coverage80, Coverage95 float64
	Holdout                forecast.Holdout
	Forecast               forecast.Forecast
	History                []forecast.EpochEvent
	StopReason, Diagnosis  string
	BestEpoch              int
	Seconds                float64
	Model                  Model
}

// Model is a trained model that can be saved and forecast again.
type Model interface {
	Save(path string) error
	Predict(s *forecast.Series) (*forecast.Forecast, error)
}

var (
	defaultTrain TrainFunc
	loadModel    func(path string) (Model, error)
)
