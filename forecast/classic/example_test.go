package classic_test

import (
	"fmt"

	"github.com/forecaster-dev/forecaster/forecast/classic"
)

func ExampleFitETS() {
	// Box & Jenkins airline passengers 1949–1950 and the first half of 1951.
	hist := []float64{112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
		115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
		145, 150, 178, 163, 172, 178}
	e, err := classic.FitETS(hist, 12)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Season, len(e.Forecast(6)))
	// Output:
	// multiplicative 6
}

// The same 30 months: forecast::ets selects ETS(A,N,N) and forecasts
// 178.0 with 95 % interval [149.3, 206.7] one month ahead (R 4.2.2,
// forecast 8.20: forecast(ets(ts(hist, frequency = 12)), h = 3)).
func ExampleAutoETS() {
	hist := []float64{112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
		115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
		145, 150, 178, 163, 172, 178}
	fit, err := classic.AutoETS(hist, 12)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := fit.Forecast(3)
	lo, up := f.Interval(0.95)
	fmt.Println(fit.Method())
	for i := range f.Mean {
		fmt.Printf("%.1f [%.1f, %.1f]\n", f.Mean[i], lo[i], up[i])
	}
	// Output:
	// ETS(A,N,N)
	// 178.0 [149.3, 206.7]
	// 178.0 [137.4, 218.6]
	// 178.0 [128.2, 227.7]
}

// thetaf(ts(hist, frequency = 12), h = 3) in R gives the same numbers.
func ExampleTheta() {
	hist := []float64{112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
		115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
		145, 150, 178, 163, 172, 178}
	fit, err := classic.Theta(hist, 12)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := fit.Forecast(3)
	lo, up := f.Interval(0.95)
	fmt.Println(fit.Method())
	for i := range f.Mean {
		fmt.Printf("%.1f [%.1f, %.1f]\n", f.Mean[i], lo[i], up[i])
	}
	// Output:
	// Theta
	// 178.8 [150.0, 207.5]
	// 179.5 [138.9, 220.2]
	// 180.3 [130.6, 230.1]
}
