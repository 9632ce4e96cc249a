package calendar

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// InferFreq counts the steps between neighbours as it goes instead of
// storing every timestamp's day and month (16 bytes a point); it infers the
// frequency the version that stored them (inferFreqStored, below) inferred,
// on every calendar, with gaps, zones and fractions of a second.
func TestInferFreqAsStored(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	zones := []*time.Location{time.UTC, time.FixedZone("", 5*3600+1800), time.FixedZone("", -8*3600)}
	steps := []func(time.Time, int) time.Time{
		func(t time.Time, k int) time.Time { return t.AddDate(0, k, 0) },
		func(t time.Time, k int) time.Time { return t.AddDate(0, 3*k, 0) },
		func(t time.Time, k int) time.Time { return t.AddDate(k, 0, 0) },
		func(t time.Time, k int) time.Time { return t.AddDate(0, 0, k) },
		func(t time.Time, k int) time.Time { return t.AddDate(0, 0, 7*k) },
		func(t time.Time, k int) time.Time { return addBusinessDays(t, k) },
		func(t time.Time, k int) time.Time { return t.Add(time.Duration(k) * time.Hour) },
		func(t time.Time, k int) time.Time { return t.Add(time.Duration(k) * 15 * time.Minute) },
		func(t time.Time, k int) time.Time { return t.Add(time.Duration(k) * 10 * time.Second) },
		func(t time.Time, k int) time.Time { return t.Add(time.Duration(k) * 1500 * time.Millisecond) },
		func(t time.Time, k int) time.Time { return addMonths(t, k, true) },
	}
	seen := map[FreqUnit]bool{}
	for trial := range 400 {
		loc := zones[trial%len(zones)]
		t0 := time.Date(1990+rng.IntN(40), time.Month(1+rng.IntN(12)), 1+rng.IntN(31), rng.IntN(2)*rng.IntN(24), 0, 0, 0, loc)
		step := steps[rng.IntN(len(steps))]
		n := 2 + rng.IntN(60)
		var ts []time.Time
		for k := 0; len(ts) < n; k++ {
			if rng.IntN(5) > 0 { // gaps
				ts = append(ts, step(t0, k))
			}
		}
		if rng.IntN(4) == 0 { // an irregular timestamp
			i := rng.IntN(len(ts))
			ts[i] = ts[i].Add(time.Duration(rng.IntN(3600)) * time.Second)
			ts = SortedUnique(ts)
		}
		if got, want := InferFreq(ts), inferFreqStored(ts); got != want {
			t.Fatalf("InferFreq(%v) = %+v; the stored version says %+v", ts, got, want)
		}
		seen[inferFreqStored(ts).Unit] = true
	}
	for u := FreqNone; u <= FreqYear; u++ {
		if !seen[u] {
			t.Errorf("no trial inferred %v", Freq{Unit: u, K: 1})
		}
	}
}

// inferFreqStored is InferFreq as it was, storing each timestamp's day and
// month before counting steps.
func inferFreqStored(times []time.Time) Freq {
	n := len(times)
	if n < 2 {
		return Freq{}
	}
	days := make([]int64, n)
	mon := make([]int, n) // year*12 + month-1
	sameDay, allEnd, sameClock, weekend := true, true, true, false
	var d0, s0 int
	ns0 := times[0].Nanosecond()
	for i, t := range times {
		dn, sec, y, m, d := civil(t)
		days[i], mon[i] = dn, y*12+m-1
		if i == 0 {
			d0, s0 = d, sec
		}
		if d != d0 {
			sameDay = false
		}
		if d != daysIn(y, m) {
			allEnd = false
		}
		if sec != s0 || t.Nanosecond() != ns0 {
			sameClock = false
		}
		if wd := (dn%7 + 7 + 4) % 7; wd == 6 || wd == 0 { // 1970-01-01 was a Thursday (4)
			weekend = true
		}
	}
	if sameClock && (sameDay || allEnd) {
		steps := map[int]int{}
		for i := 1; i < n; i++ {
			steps[mon[i]-mon[i-1]]++
		}
		if st := modeStep(steps); st > 0 {
			monthEnd := allEnd && !(sameDay && d0 <= 28)
			switch {
			case st%12 == 0:
				return Freq{Unit: FreqYear, K: st / 12, MonthEnd: monthEnd}
			case st%3 == 0:
				return Freq{Unit: FreqQuarter, K: st / 3, MonthEnd: monthEnd}
			default:
				return Freq{Unit: FreqMonth, K: st, MonthEnd: monthEnd}
			}
		}
	}
	if sameClock {
		// day based
		steps := map[int]int{}
		for i := 1; i < n; i++ {
			steps[int(days[i]-days[i-1])]++
		}
		st := modeStep(steps)
		if st == 1 && !weekend && steps[3] > 0 {
			return Freq{Unit: FreqBusinessDay, K: 1}
		}
		if st > 0 {
			if st%7 == 0 {
				return Freq{Unit: FreqWeek, K: st / 7}
			}
			return Freq{Unit: FreqDay, K: st}
		}
	}
	// clock based
	steps := map[int]int{}
	for i := 1; i < n; i++ {
		d := times[i].Sub(times[i-1])
		if d%time.Second != 0 {
			return Freq{}
		}
		steps[int(d/time.Second)]++
	}
	st := modeStep(steps)
	switch {
	case st <= 0:
		return Freq{}
	case st%86400 == 0:
		return Freq{Unit: FreqDay, K: st / 86400}
	case st%3600 == 0:
		return Freq{Unit: FreqHour, K: st / 3600}
	case st%60 == 0:
		return Freq{Unit: FreqMinute, K: st / 60}
	}
	return Freq{Unit: FreqSecond, K: st}
}

func TestFreqNextAndString(t *testing.T) {
	cases := []struct {
		f      Freq
		from   string
		k      int
		want   string
		name   string
		season int
	}{
		{Freq{FreqMonth, 1, false}, "2020-01-31", 1, "2020-02-29", "monthly", 12},
		{Freq{FreqMonth, 1, true}, "2020-02-29", 1, "2020-03-31", "monthly (month end)", 12},
		{Freq{FreqQuarter, 1, false}, "2020-11-01", 1, "2021-02-01", "quarterly", 4},
		{Freq{FreqYear, 1, false}, "-0001-01-01", 2, "0001-01-01", "yearly", 1},
		{Freq{FreqBusinessDay, 1, false}, "2024-01-05", 1, "2024-01-08", "business daily", 5},
		{Freq{FreqBusinessDay, 1, false}, "2024-01-08", -1, "2024-01-05", "business daily", 5},
		{Freq{FreqWeek, 2, false}, "2024-01-01", 1, "2024-01-15", "every 2 weeks", 26},
		{Freq{FreqHour, 6, false}, "2024-01-01", 1, "2024-01-01 06:00:00", "every 6 hours", 4},
		{Freq{FreqMinute, 15, false}, "2024-01-01", 2, "2024-01-01 00:30:00", "every 15 minutes", 96},
		{Freq{FreqMonth, 5, false}, "2024-01-01", 1, "2024-06-01", "every 5 months", 1},
		{Freq{FreqDay, 1, false}, "2024-02-28", 2, "2024-03-01", "daily", 7},
	}
	for _, c := range cases {
		dp := &DateParser{Kind: KindISO}
		var from = NoTime
		if strings.HasPrefix(c.from, "-") {
			from = date(-1, 1, 1)
		} else {
			from, _ = dp.Parse([]byte(c.from))
		}
		got := FormatDate(c.f.Next(from, c.k))
		if got != c.want || c.f.String() != c.name || c.f.SeasonalPeriod() != c.season {
			t.Errorf("%v.Next(%s, %d) = %s (%q, season %d); want %s (%q, %d)", c.f, c.from, c.k, got, c.f.String(), c.f.SeasonalPeriod(), c.want, c.name, c.season)
		}
	}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
