//go:build race

package gemm

// raceEnabled reports whether the race detector is on: it makes sync.Pool
// drop items at random, and slows the reference loops tenfold.
const raceEnabled = true
