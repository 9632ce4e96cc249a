package diagnose_test

import (
	"fmt"
	"log"

	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func airPassengers() *tsdata.Series {
	tab, err := tsdata.ReadFile("../../sampledata/data/air_passengers_monthly.csv", tsdata.ReadOptions{})
	if err != nil {
		log.Fatal(err)
	}
	s, _, err := tab.Series(tsdata.SeriesSpec{})
	if err != nil {
		log.Fatal(err)
	}
	return s
}

// The strengths of trend and season of the airline passengers (FPP3 §4.3),
// from STL with a periodic season.
func ExampleSTL() {
	s := airPassengers()
	d, err := diagnose.STL(s.Values, s.Freq.SeasonalPeriod())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("trend strength %.2f, seasonal strength %.2f\n", d.StrengthTrend, d.StrengthSeasonal)
	// Output: trend strength 0.97, seasonal strength 0.78
}

// Residuals of the naive method (y_t − y_{t−1}) keep the season.
func ExampleCheckResiduals() {
	x := airPassengers().Values
	res := make([]float64, len(x)-1)
	for t := 1; t < len(x); t++ {
		res[t-1] = x[t] - x[t-1]
	}
	c, err := diagnose.CheckResiduals(res, diagnose.ResidualOptions{Period: 12, FitDF: 0})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Verdict)
	// Output: autocorrelation left at lag 12: the model misses part of the season (Ljung–Box p < 0.0001 at lag 24)
}

// A lag the series cannot give is refused with the largest allowed.
func ExampleACF() {
	_, err := diagnose.ACF([]float64{1, 3, 2, 5, 4}, 5)
	fmt.Println(err)
	// Output: diagnose: lag 5 is beyond the series: 5 values allow at most lag 4
}
