package tsdata

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
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

func TestCivilDays(t *testing.T) {
	// daysFromCivil and civilFromDays are inverse, and agree with package time,
	// from 6000 BC to AD 6000.
	for days := int64(-2_900_000); days < 1_500_000; days += 997 {
		y, m, d := calendar.CivilFromDays(days)
		if back := calendar.DaysFromCivil(y, m, d); back != days {
			t.Fatalf("calendar.CivilFromDays(%d) = %d-%d-%d → %d", days, y, m, d, back)
		}
		tm := time.Unix(days*86400, 0).UTC()
		if ty, tmn, td := tm.Date(); ty != y || int(tmn) != m || td != d {
			t.Fatalf("day %d: %d-%d-%d; time says %v", days, y, m, d, tm)
		}
	}
}
