// Command gen writes sampledata/data/shop_sales_daily.csv: three years of
// daily takings of a fictional high-street shop, with a growth trend, a
// weekly pattern (busy Saturdays, short Sundays), a yearly pattern (summer
// lull, Christmas rush), public holidays (closed on Christmas Day, so that
// date has no row, a real gap; quiet on New Year's Day and Easter), Black
// Friday, occasional promotions (the promo column, usable as an extra input)
// and multiplicative noise.
//
// The output is deterministic (fixed seed). Run from the module root:
//
//	go run ./sampledata/gen
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"time"
)

func main() {
	out := flag.String("out", "sampledata/data/shop_sales_daily.csv", "output file")
	flag.Parse()

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "date,sales,promo")

	rng := rand.New(rand.NewPCG(2024, 7))
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	promoLeft := 0
	for d, i := start, 0; !d.After(end); d, i = d.AddDate(0, 0, 1), i+1 {
		years := float64(i) / 365.25
		// Trend: 14% growth a year, with a soft dip in the second spring.
		level := 820 * math.Exp(0.13*years) * (1 - 0.05*math.Exp(-math.Pow((years-1.3)/0.15, 2)))

		// Weekly pattern, Monday first.
		week := [7]float64{0.82, 0.86, 0.92, 0.98, 1.16, 1.42, 0.72}
		wd := (int(d.Weekday()) + 6) % 7
		level *= week[wd]

		// Yearly pattern: summer lull, autumn pick-up, Christmas rush.
		doy := float64(d.YearDay())
		level *= 1 + 0.08*math.Cos(2*math.Pi*(doy-20)/365.25) - 0.06*math.Exp(-math.Pow((doy-215)/25, 2))
		if d.Month() == time.December && d.Day() <= 24 {
			level *= 1 + 0.9*float64(d.Day())/24
		}
		if d.Month() == time.December && d.Day() >= 27 {
			level *= 1.25 // sales after Christmas
		}

		// Promotions: a few multi-day campaigns a year.
		promo := 0
		if promoLeft > 0 {
			promo = 1
			promoLeft--
		} else if rng.Float64() < 0.012 {
			promoLeft = 3 + rng.IntN(5)
			promo = 1
		}
		if promo == 1 {
			level *= 1.22
		}

		// Holidays.
		switch {
		case d.Month() == time.December && d.Day() == 25:
			continue // closed: the till exports no row, a real gap
		case d.Month() == time.December && d.Day() == 26:
			level *= 0.6
		case d.Month() == time.January && d.Day() == 1:
			level *= 0.3
		case isEaster(d, 0):
			level *= 0.4
		case isEaster(d, -2) || isEaster(d, 1):
			level *= 0.7
		case isBlackFriday(d):
			level *= 2.1
		}

		noise := math.Exp(rng.NormFloat64() * 0.07)
		sales := math.Round(level * noise)
		fmt.Fprintf(w, "%s,%.0f,%d\n", d.Format("2006-01-02"), sales, promo)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// isEaster reports whether d is offset days from Easter Sunday of its year
// (anonymous Gregorian algorithm).
func isEaster(d time.Time, offset int) bool {
	y := d.Year()
	a, b, c := y%19, y/100, y%100
	dd, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - dd - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	easter := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return easter.AddDate(0, 0, offset).Equal(d)
}

// isBlackFriday reports whether d is the day after the fourth Thursday of
// November.
func isBlackFriday(d time.Time) bool {
	if d.Month() != time.November || d.Weekday() != time.Friday {
		return false
	}
	return d.Day() >= 23 && d.Day() <= 29
}
