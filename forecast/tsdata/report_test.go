package tsdata

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestReportJSON(t *testing.T) {
	_, rep := loadSeries(t, "mauna_loa_co2_weekly_with_gaps.csv", SeriesSpec{})
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"file", "rows", "columns", "date_column", "frequency", "day_first", "delimiter",
		"decimal_comma", "gaps", "duplicates", "out_of_order", "missing", "warnings"} {
		if _, ok := m[key]; !ok {
			t.Errorf("report JSON lacks %q: %s", key, b)
		}
	}
	if !strings.Contains(string(b), `"columns":[{"name":"week","type":"date","missing":0},{"name":"co2","type":"number","missing":59}]`) ||
		!strings.Contains(string(b), `"missing":{"count":59,"examples":["row 8 (1958-05-10)"`) ||
		!strings.Contains(string(b), `"policy":"interpolate"`) || !strings.Contains(string(b), `"warnings":[]`) ||
		!strings.Contains(string(b), `"gaps":{"count":0,"examples":[]}`) {
		t.Errorf("report JSON = %s", b)
	}
	txt := rep.Text()
	for _, want := range []string{"file:        mauna_loa_co2_weekly_with_gaps.csv", "frequency:   weekly (season 52)",
		"missing:     59, filled by interpolate (e.g. row 8 (1958-05-10);", "co2                  number 59 missing"} {
		if !strings.Contains(txt, want) {
			t.Errorf("Text() lacks %q:\n%s", want, txt)
		}
	}
}

func TestTableReportBeforeSeries(t *testing.T) {
	tab := read(t, "a,b\nx,1\ny,2\n")
	rep := tab.Report()
	if rep.DateColumn != "" || rep.Frequency != "none (row index)" || len(rep.Columns) != 2 || rep.Columns[0].Type != "text" {
		t.Errorf("report = %+v", rep)
	}
	if !strings.Contains(rep.Text(), "date column: none (row index)") {
		t.Errorf("text = %s", rep.Text())
	}
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
		dp := &dateParser{kind: dkISO}
		var from = NoTime
		if strings.HasPrefix(c.from, "-") {
			from = date(-1, 1, 1)
		} else {
			from, _ = dp.parse([]byte(c.from))
		}
		got := formatDate(c.f.Next(from, c.k))
		if got != c.want || c.f.String() != c.name || c.f.SeasonalPeriod() != c.season {
			t.Errorf("%v.Next(%s, %d) = %s (%q, season %d); want %s (%q, %d)", c.f, c.from, c.k, got, c.f.String(), c.f.SeasonalPeriod(), c.want, c.name, c.season)
		}
	}
}

func TestCivilDays(t *testing.T) {
	// daysFromCivil and civilFromDays are inverse, and agree with package time,
	// from 6000 BC to AD 6000.
	for days := int64(-2_900_000); days < 1_500_000; days += 997 {
		y, m, d := civilFromDays(days)
		if back := daysFromCivil(y, m, d); back != days {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d → %d", days, y, m, d, back)
		}
		tm := time.Unix(days*86400, 0).UTC()
		if ty, tmn, td := tm.Date(); ty != y || int(tmn) != m || td != d {
			t.Fatalf("day %d: %d-%d-%d; time says %v", days, y, m, d, tm)
		}
	}
}
