package app

import (
	"github.com/forecaster-dev/forecaster/forecast"
)

// Result is the outcome of a training run.
type Result = forecast.Result

var (
	defaultTrain TrainFunc = forecast.Train
	loadModel              = forecast.LoadModelContext
)
