// Package monitor watches training: History folds the training loop's
// events into bounded curves (losses per epoch, gradient norms before and
// after clipping per step, the learning rate and the clipped share per
// epoch), a gradient-by-time heat map per layer, and histograms over the
// epochs of every layer's and every gate's per-step gradient norm (NormHist,
// what wandb.watch logs) that charts draw at any length of run, and
// Diagnose reads them into the findings of the health panel — vanishing or
// exploding gradients (naming the layer and the epochs they were seen in),
// saturated gates, spikes (naming the steps), constant clipping — in the
// words and with the thresholds package forecast defines once
// (VanishingRatio, ExplodingRatio, SaturationShare, SpikeFactor,
// ClipAlwaysShare).
//
// # Bounds
//
// A Curve keeps at most Cap buckets: when full, neighbours merge pairwise
// and each new bucket takes twice as many points, so a million steps keep
// the shape (every spike survives in Max) in Cap/2…Cap buckets. HeatGrid
// and NormHist halve their columns the same way; the layers' heat maps
// share HeatColumns columns, so a deep network costs no more than one
// layer. A History's size is bounded whatever the number of epochs or
// steps.
//
// # Concurrency
//
// History is a fit.Observer but is not safe for concurrent use: its
// owner (the app's Session, a test, a tool) serialises calls and hands out
// copies (History.Copy) to readers.
package monitor
