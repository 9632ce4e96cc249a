package chart

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func unix(y int, m time.Month, d, h int) float64 {
	return float64(time.Date(y, m, d, h, 0, 0, 0, time.UTC).Unix())
}

func tickLabels(tt timeTicks, lo, hi float64) []string {
	var out []string
	for _, tk := range tt.Ticks(lo, hi) {
		if tk.Label != "" {
			out = append(out, tk.Label)
		}
	}
	return out
}

const dayS, hourS = 86400.0, 3600.0

func TestTimeTicks(t *testing.T) {
	for _, c := range []struct {
		name   string
		step   float64
		lo, hi float64
		want   string
	}{
		{"three daily rows: days, no times", dayS, unix(2024, 1, 1, 0), unix(2024, 1, 3, 0), "01 Jan|02 Jan|03 Jan"},
		{"a three-year monthly preview: distinct half years", 30 * dayS, unix(2022, 3, 1, 0), unix(2025, 2, 1, 0), "Jul 2022|Jan 2023|Jul 2023|Jan 2024|Jul 2024|Jan 2025"},
		{"a year of monthly data", 30 * dayS, unix(2023, 1, 1, 0), unix(2023, 12, 1, 0), "Jan 2023|Mar 2023|May 2023|Jul 2023|Sep 2023|Nov 2023"},
		{"two days of hourly data", hourS, unix(2024, 5, 1, 0), unix(2024, 5, 3, 0), "01 May 00:00|01 May 12:00|02 May 00:00|02 May 12:00|03 May 00:00"},
		{"one day of hourly data", hourS, unix(2024, 5, 1, 0), unix(2024, 5, 1, 23), "00:00|06:00|12:00|18:00"},
		{"daily data across new year", dayS, unix(2023, 12, 20, 0), unix(2024, 1, 10, 0), "25 Dec 2023|01 Jan 2024|08 Jan 2024"},
		{"two yearly points", 365 * dayS, unix(2020, 1, 1, 0), unix(2021, 1, 1, 0), "2020|2021"},
		{"monthly data within one month", 30 * dayS, unix(2024, 2, 1, 0), unix(2024, 2, 1, 0), "01 Feb 2024"},
	} {
		got := strings.Join(tickLabels(timeTicks{Step: c.step}, c.lo, c.hi), "|")
		if got != c.want {
			t.Errorf("%s: ticks %s; want %s", c.name, got, c.want)
		}
	}
}

// Over random spans and data steps, the labels are distinct, at most
// maxTimeTicks, at least two when the span holds two of the data's steps,
// and never finer than the data: no time of day on daily or coarser data.
func TestTimeTicksDistinct(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	steps := []float64{60, hourS, dayS, 7 * dayS, 30.44 * dayS, 91 * dayS, 365.25 * dayS}
	for i := 0; i < 3000; i++ {
		step := steps[r.IntN(len(steps))]
		lo := unix(1900, 1, 1, 0) + r.Float64()*4e9
		hi := lo + step*float64(1+r.IntN(400))
		labels := tickLabels(timeTicks{Step: step}, lo, hi)
		seen := map[string]bool{}
		for _, l := range labels {
			if seen[l] {
				t.Fatalf("step %.0f s, %s to %s: label %q twice in %v", step, time.Unix(int64(lo), 0).UTC(), time.Unix(int64(hi), 0).UTC(), l, labels)
			}
			seen[l] = true
			if step >= dayS && strings.Contains(l, ":") {
				t.Fatalf("step %.0f s: label %q has a time of day", step, l)
			}
		}
		if len(labels) > maxTimeTicks || len(labels) == 0 {
			t.Fatalf("step %.0f s, span %.0f steps: %d labels %v", step, (hi-lo)/step, len(labels), labels)
		}
	}
}

func TestDataStep(t *testing.T) {
	x := []float64{0, 86400, 2 * 86400, 5 * 86400, 6 * 86400} // business days: a weekend gap
	if got := dataStep(x); got != 86400 {
		t.Errorf("dataStep = %v; want 86400", got)
	}
	if got := dataStep([]float64{5}); got != 0 {
		t.Errorf("dataStep of one point = %v; want 0", got)
	}
}

func TestNumTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{100, 2300, "250|1,250|2,250"},
		{0, 1, "0.0|0.5|1.0"},
		{-12500, 12500, "-10,000|0|10,000"},
		{0.001, 0.0045, "0.001|0.002|0.003|0.004"},
	} {
		var labels []string
		for _, tk := range (numTicks{}).Ticks(c.lo, c.hi) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if got := strings.Join(labels, "|"); got != c.want {
			t.Errorf("numTicks(%v, %v) = %s; want %s", c.lo, c.hi, got, c.want)
		}
	}
}

// A narrow chart gets fewer labels: the compare tab's forecasts chart,
// about 170 pt wide at 1024 px, printed seven years of monthly data as
// "1955195619571958…" run together. With the width known, the labels and
// their gaps fit (0.6 em a character, 1.5 em between, as fits assumes);
// without it, the seven-label rule of TestTimeTicks holds.
func TestTimeTicksFitWidth(t *testing.T) {
	lo, hi := unix(1955, 1, 1, 0), unix(1961, 12, 1, 0)
	wide := tickLabels(timeTicks{Step: 30.44 * dayS}, lo, hi)
	narrow := tickLabels(timeTicks{Step: 30.44 * dayS, Width: 170, Font: 10}, lo, hi)
	if len(wide) != 7 || len(narrow) >= len(wide) || len(narrow) < 2 {
		t.Fatalf("labels without width %v, at 170 pt %v; want 7, then fewer but at least 2", wide, narrow)
	}
	used := 0.0
	for _, l := range narrow {
		used += (0.6*float64(len(l)) + 1.5) * 10
	}
	if used > 170 {
		t.Errorf("labels %v need %.0f pt; the axis has 170", narrow, used)
	}
}
