//go:build race

package classic

// raceEnabled: the race detector slows the numerical tests ~10×, and
// nothing here runs concurrently, so the R comparisons use a subset.
const raceEnabled = true
