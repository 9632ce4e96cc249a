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
