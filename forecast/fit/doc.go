// Package fit is the training loop: it trains the networks of package
// lstm on windows already prepared by package forecast (a Dataset), with
// early stopping on the validation windows, and reports every step and
// epoch to an Observer.
//
// # The loop
//
// Members trains an ensemble, one member per core at most (the results do
// not depend on how many run at once), and returns the members in seed
// order. Each member's loop is split into its parts: a batcher (shuffled
// minibatches, at most 50 steps an epoch, the permutation carried over on
// long series), a schedule (constant, cosine, reduce-on-plateau), the
// epoch's accounting (mean loss and gradient norm, clipping, gate
// saturation, gradient by time) and a stopper (best validation loss,
// patience, divergence). The best weights by validation loss are kept.
// Cancelling the context returns them within one step (ErrCanceled when
// no epoch has finished).
//
// # Training health: one vocabulary
//
// health.go defines what every part of the product says about a run:
// ErrDiverged (nothing to keep), Diverged (what the experiments count),
// and the thresholds VanishingRatio, ExplodingRatio, SaturationShare,
// SpikeFactor, ClipAlwaysShare, SkipLimit, ExplodeFactor, DivergeRise. The
// loop stops and warns by them, forecast/monitor turns them into the
// Training tab's findings, and forecast/experiment counts divergence by
// Diverged.
package fit
