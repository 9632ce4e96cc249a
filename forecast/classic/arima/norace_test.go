//go:build !race

package arima

const raceEnabled = false
