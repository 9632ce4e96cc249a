//go:build race

package gemm

// raceEnabled reports whether the race detector is on: it slows the
// reference loops tenfold.
const raceEnabled = true
