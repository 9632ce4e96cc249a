package fit

import (
	"errors"
	"math"

	"github.com/forecaster-dev/forecaster/forecast/config"
)

// Training health: the thresholds and the outcomes the training loop, the
// health panel (package monitor), the CLI and the experiments all speak of.
// Each is defined here once.

// ErrDiverged is returned by Train when training diverged before any epoch
// completed, so there are no good weights to keep. A run that diverges later
// returns its best weights with StopReason StopDiverged instead.
var ErrDiverged = errors.New("forecast: training diverged")

// ErrCanceled is returned by Train when its context is cancelled before the
// first epoch completed; after that Train returns the best model so far.
var ErrCanceled = errors.New("forecast: training cancelled")

const (
	// VanishingRatio: when ‖∂L/∂h‖ at the window's oldest step is below
	// this fraction of that at its newest, the gradient vanishes through
	// time: the start of the window barely affects learning.
	VanishingRatio = 1e-3

	// ExplodingRatio: when the same ratio is above this, gradients grow
	// back through time (exploding).
	ExplodingRatio = 1e4

	// SaturationShare: a gate whose activations lie beyond 0.01 or 0.99 for
	// more than this share is saturated, and its gradient vanishes.
	SaturationShare = 0.3

	// SpikeFactor: a pre-clip gradient norm this many times the median is a
	// spike worth clipping.
	SpikeFactor = 50

	// ClipAlwaysShare: when more than this share of steps is clipped (over
	// at least ClipAlwaysSteps steps), clipping bounds every update and
	// acts like a smaller learning rate.
	ClipAlwaysShare = 0.9
	ClipAlwaysSteps = 50

	// SkipLimit non-finite steps in one epoch stop training as diverged.
	SkipLimit = 3

	// ExplodeFactor: a training loss above this many times the best
	// validation loss stops training as diverged.
	ExplodeFactor = 1e6

	// GapFactor: a validation loss above this many times the training loss
	// at the end of a run (after at least GapEpochs epochs) means what the
	// network learnt does not carry over to the windows it was not trained
	// on: the run is not healthy, whatever its gradients did.
	GapFactor = 2
	GapEpochs = 5

	// DivergeRise: a run whose training loss rises above this many times its
	// lowest earlier value counts as diverged when runs are compared (the
	// experiments), even if training went on.
	DivergeRise = 10
)

// Diverged reports whether a run diverged: training failed with
// ErrDiverged (err), it stopped as diverged (stop), or its training loss
// rose above DivergeRise times its lowest earlier value (history).
func Diverged(history []EpochEvent, stop config.StopReason, err error) bool {
	if errors.Is(err, ErrDiverged) || stop == config.StopDiverged {
		return true
	}
	lowest := math.Inf(1)
	for _, e := range history {
		if e.TrainLoss > DivergeRise*lowest {
			return true
		}
		lowest = math.Min(lowest, e.TrainLoss)
	}
	return false
}
