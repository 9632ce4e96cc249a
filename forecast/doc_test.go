package forecast_test

import (
	"fmt"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
)

func ExampleReadCSV() {
	src := "Datum;Umsatz\n01.01.2024;1.200,50\n01.02.2024;NA\n01.04.2024;1.300,00\n"
	t, err := forecast.ReadCSV(strings.NewReader(src), "umsatz.csv", forecast.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, rep, err := t.Series(forecast.SeriesSpec{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Delimiter, rep.DecimalComma, rep.DateColumn, s.Freq, s.Freq.SeasonalPeriod())
	fmt.Println(s.Values, rep.Missing.Count, rep.Gaps.Count)
	fmt.Println(s.FutureTimes(1)[0].Format("2006-01-02"))
	// Output:
	// semicolon true Datum monthly 12
	// [1200.5 1233.6666666666667 1266.8333333333333 1300] 1 1
	// 2024-05-01
}

func ExampleInputError() {
	src := "date,sales\n2024-01-01,10\n2024-01-02,abc\n"
	t, _ := forecast.ReadCSV(strings.NewReader(src), "sales.csv", forecast.ReadOptions{})
	_, _, err := t.Series(forecast.SeriesSpec{ValueCol: "sales"})
	fmt.Println(err)
	// Output:
	// forecast: sales.csv row 3 column "sales": expected a number, found "abc"; fix the cell, mark it missing (leave it empty or write NA), or choose another value column
}

func ExampleFitETS() {
	// Box & Jenkins airline passengers 1949–1950 and the first half of 1951.
	hist := []float64{112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
		115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
		145, 150, 178, 163, 172, 178}
	e, err := forecast.FitETS(hist, 12)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Season, len(e.Forecast(6)))
	// Output:
	// multiplicative 6
}
