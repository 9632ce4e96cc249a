//go:build race

package recommend

// raceEnabled: the race detector slows the numerical tests ~10×, so the R
// comparisons use a subset, as forecast/classic's do.
const raceEnabled = true
