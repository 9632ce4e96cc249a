package tsdata_test

import (
	"fmt"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func ExampleReadCSV() {
	src := "Datum;Umsatz\n01.01.2024;1.200,50\n01.02.2024;NA\n01.04.2024;1.300,00\n"
	t, err := tsdata.ReadCSV(strings.NewReader(src), "umsatz.csv", tsdata.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, rep, err := t.Series(tsdata.SeriesSpec{})
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
	t, _ := tsdata.ReadCSV(strings.NewReader(src), "sales.csv", tsdata.ReadOptions{})
	_, _, err := t.Series(tsdata.SeriesSpec{ValueCol: "sales"})
	fmt.Println(err)
	// Output:
	// forecast: sales.csv row 3 column "sales": expected a number, found "abc"; fix the cell, mark it missing (leave it empty or write NA), or choose another value column
}
