// Package experiment trains grids of settings over several seeds and
// summarises what happened, so that the seed article's claims — Xavier
// initialisation speeds convergence, clipping nearly removes divergence, too
// high a learning rate explodes, deeper and wider helps but risks vanishing
// gradients — can be tested on real series instead of taken on trust.
//
// # Grids
//
// An Axis names one setting (its json/flag name) and the values to try;
// ParseAxis reads "lr=0.001,0.01" and checks the name and every value
// against forecast's field table, through which each cell's values are set
// (Field.SetText; "inits" sets both initialisers). Spec is the base settings, the axes, the
// seeds and a target validation loss; Run trains every cell with every seed
// (Spec.Workers at once, one per core by default) and returns a Result: per
// run a RunOutcome (curves, whether it diverged by fit.Diverged, the
// largest gradient norm, the gradient-by-time profile, the holdout MASE), per
// cell a CellSummary (medians and quartiles over seeds) and the best cell by
// each measure. Records and WriteCSV export the runs.
//
// # Claims
//
// Claims lists the article's four claims, each with the grid, the sample
// series and the fixed settings the study uses (SGD, z-scored data and MSE
// where the claim is about raw gradients); ApplyFixed puts those settings on
// a base. The window's Experiments presets and the developer's study tool
// read the same definitions.
package experiment
