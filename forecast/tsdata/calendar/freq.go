package calendar

import (
	"fmt"
	"sort"
	"time"
)

// FreqUnit is the calendar unit of a Freq.
type FreqUnit int

const (
	FreqNone        FreqUnit = iota // row index, or irregular timestamps
	FreqSecond                      // K seconds
	FreqMinute                      // K minutes
	FreqHour                        // K hours
	FreqDay                         // K calendar days
	FreqBusinessDay                 // K weekdays (Monday–Friday)
	FreqWeek                        // K weeks
	FreqMonth                       // K months
	FreqQuarter                     // K quarters
	FreqYear                        // K years
)

// Freq is the sampling frequency of a series: K units. MonthEnd marks
// monthly/quarterly/yearly data stamped on the last day of the month.
type Freq struct {
	Unit     FreqUnit `json:"unit"`
	K        int      `json:"k"`
	MonthEnd bool     `json:"month_end,omitempty"`
}

func (f Freq) k() int {
	if f.K < 1 {
		return 1
	}
	return f.K
}

// String names the frequency: "monthly", "every 15 minutes", "business daily"…
func (f Freq) String() string {
	names := map[FreqUnit][2]string{
		FreqSecond: {"every second", "seconds"}, FreqMinute: {"every minute", "minutes"},
		FreqHour: {"hourly", "hours"}, FreqDay: {"daily", "days"},
		FreqBusinessDay: {"business daily", "business days"}, FreqWeek: {"weekly", "weeks"},
		FreqMonth: {"monthly", "months"}, FreqQuarter: {"quarterly", "quarters"}, FreqYear: {"yearly", "years"},
	}
	n, ok := names[f.Unit]
	if !ok {
		return "none (row index)"
	}
	s := n[0]
	if f.k() > 1 {
		s = fmt.Sprintf("every %d %s", f.k(), n[1])
	}
	if f.MonthEnd {
		s += " (month end)"
	}
	return s
}

// SeasonalPeriod returns the usual number of steps in one season: months→12,
// quarters→4, days→7, business days→5, hours→24, weeks→52, minutes→steps per
// day, years and row index→1. Multiples divide it when they can (2 months→6),
// else 1.
func (f Freq) SeasonalPeriod() int {
	var base int
	switch f.Unit {
	case FreqMonth:
		base = 12
	case FreqQuarter:
		base = 4
	case FreqDay:
		base = 7
	case FreqBusinessDay:
		base = 5
	case FreqHour:
		base = 24
	case FreqWeek:
		base = 52
	case FreqMinute:
		base = 24 * 60
	default:
		return 1
	}
	k := f.k()
	if base%k != 0 {
		return 1
	}
	return base / k
}

// Next returns the timestamp k steps after t on the series' calendar (k may
// be negative). Monthly steps keep the day of month, clamped to the month's
// length (or the month end when MonthEnd); business days skip weekends.
func (f Freq) Next(t time.Time, k int) time.Time {
	n := k * f.k()
	switch f.Unit {
	case FreqSecond:
		return t.Add(time.Duration(n) * time.Second)
	case FreqMinute:
		return t.Add(time.Duration(n) * time.Minute)
	case FreqHour:
		return t.Add(time.Duration(n) * time.Hour)
	case FreqDay:
		return t.AddDate(0, 0, n)
	case FreqWeek:
		return t.AddDate(0, 0, 7*n)
	case FreqBusinessDay:
		return addBusinessDays(t, n)
	case FreqMonth:
		return addMonths(t, n, f.MonthEnd)
	case FreqQuarter:
		return addMonths(t, 3*n, f.MonthEnd)
	case FreqYear:
		return addMonths(t, 12*n, f.MonthEnd)
	}
	return t
}

func addMonths(t time.Time, n int, monthEnd bool) time.Time {
	y, m, d := t.Date()
	mi := y*12 + int(m) - 1 + n
	ny, nm := floorDiv(mi, 12), mi-floorDiv(mi, 12)*12+1
	dim := daysIn(ny, nm)
	if monthEnd || d > dim {
		d = dim
	}
	hh, mm, ss := t.Clock()
	return time.Date(ny, time.Month(nm), d, hh, mm, ss, t.Nanosecond(), t.Location())
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func addBusinessDays(t time.Time, n int) time.Time {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	// move off a weekend first
	for n > 0 {
		t = t.AddDate(0, 0, step)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

// civil returns the civil day number (days since 1970-01-01) and the
// second of the day of t in its own location, and the calendar date.
func civil(t time.Time) (days int64, sec int, y, m, d int) {
	_, off := t.Zone()
	u := t.Unix() + int64(off)
	days = u / 86400
	if u%86400 < 0 {
		days--
	}
	sec = int(u - days*86400)
	y, m, d = CivilFromDays(days)
	return
}

// CivilFromDays is the inverse of DaysFromCivil (H. Hinnant's algorithm).
func CivilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	yy := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		yy++
	}
	return int(yy), m, d
}

// InferFreq infers the frequency of sorted, distinct timestamps from the
// most common step. It returns FreqNone when fewer than two timestamps are
// given or no regular step is found. Gaps (missing steps) are allowed.
func InferFreq(times []time.Time) Freq {
	n := len(times)
	if n < 2 {
		return Freq{}
	}
	sameDay, allEnd, sameClock, weekend := true, true, true, false
	var d0, s0 int
	ns0 := times[0].Nanosecond()
	for i, t := range times {
		dn, sec, y, m, d := civil(t)
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
	// stepCount counts the steps between neighbours measured by unit
	// (months or days since an epoch), computed as they are needed rather
	// than stored: a series of millions of points takes no memory for them.
	stepCount := func(unit func(time.Time) int) map[int]int {
		count := map[int]int{}
		prev := unit(times[0])
		for _, t := range times[1:] {
			u := unit(t)
			count[u-prev]++
			prev = u
		}
		return count
	}
	if sameClock && (sameDay || allEnd) {
		steps := stepCount(func(t time.Time) int { _, _, y, m, _ := civil(t); return y*12 + m - 1 })
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
		steps := stepCount(func(t time.Time) int { dn, _, _, _, _ := civil(t); return int(dn) })
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

// modeStep returns the most common positive step (smallest on ties), or 0.
func modeStep(steps map[int]int) int {
	keys := make([]int, 0, len(steps))
	for k := range steps {
		if k > 0 {
			keys = append(keys, k)
		}
	}
	sort.Ints(keys)
	best, bestN := 0, 0
	for _, k := range keys {
		if steps[k] > bestN {
			best, bestN = k, steps[k]
		}
	}
	return best
}

// SortedUnique returns the non-zero times sorted, without duplicates.
func SortedUnique(ts []time.Time) []time.Time {
	out := make([]time.Time, 0, len(ts))
	for _, t := range ts {
		if !IsNoTime(t) {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	k := 0
	for i, t := range out {
		if i == 0 || !t.Equal(out[k-1]) {
			out[k] = t
			k++
		}
	}
	return out[:k]
}
