package arima_test

import (
	"fmt"

	"github.com/forecaster-dev/forecaster/forecast/classic/arima"
)

// Box & Jenkins airline passengers 1949–1950 and the first half of 1951.
// R 4.2.2, forecast 8.20: forecast(auto.arima(ts(hist, frequency = 12)),
// h = 3) selects ARIMA(1,1,0)(0,1,0)[12] and gives the same numbers.
func ExampleAuto() {
	hist := []float64{112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
		115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
		145, 150, 178, 163, 172, 178}
	m, _, err := arima.Auto(hist, 12)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := m.Forecast(3)
	lo, up := f.Interval(0.95)
	fmt.Println(m.Method())
	for i := range f.Mean {
		fmt.Printf("%.1f [%.1f, %.1f]\n", f.Mean[i], lo[i], up[i])
	}
	// Output:
	// ARIMA(1,1,0)(0,1,0)[12]
	// 208.1 [191.6, 224.6]
	// 203.5 [185.1, 221.9]
	// 193.8 [171.7, 216.0]
}
