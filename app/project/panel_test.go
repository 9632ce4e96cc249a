package project

import (
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/panel"
)

// storesFile is a long file of several monthly series by store.
const storesFile = "../../forecast/tsdata/panel/testdata/stores_monthly_long.csv"

// panelProject is a project of the series S2 of storesFile, as the window
// saves one (the member's columns; the whole file's bytes).
func panelProject(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(storesFile)
	if err != nil {
		t.Fatal(err)
	}
	p := &Project{Data: Data{Source: "/home/a/stores.csv", Title: "stores.csv · S2", Name: "stores.csv", Bytes: b},
		Spec:     tsdata.SeriesSpec{DateCol: "date", ValueCol: "S2", Missing: tsdata.MissingInterpolate},
		Settings: config.DefaultSettings(), NextRun: 1,
		Panel: &Panel{Spec: panel.Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, Missing: tsdata.MissingInterpolate}, Member: "S2"}}
	set := config.DefaultSettings()
	h := set.Horizon
	p.Panel.Scores = &Scores{Model: "local", Settings: set, Method: "recommended", Holdout: true, IDName: "store", Freq: "monthly", Results: []SeriesScore{
		{ID: "S1", Method: "ets", Forecast: forecast.Forecast{Mean: make([]float64, h), Lower80: make([]float64, h), Upper80: make([]float64, h)}, Holdout: append([]float64{1.5}, make([]float64, h-1)...),
			Metrics: map[string]classic.Metrics{"ets": {MASE: 0.5, MAPE: math.NaN()}}},
		{ID: "S2", Method: "theta", Forecast: forecast.Forecast{Mean: make([]float64, h)}, Alone: "20 points; the window (24) and horizon (12) need at least 48"},
		{ID: "S3", Err: "too short"}}}
	var buf strings.Builder
	if err := write(&buf, p); err != nil {
		t.Fatal(err)
	}
	return []byte(buf.String())
}

// TestPanelProject: a project of a file of many series reads back with
// the whole file split as saved, the member's series its own, and a
// manifest naming a series the data lack, a spec of one series, or a
// column the file has not is refused as damaged, never shown half.
func TestPanelProject(t *testing.T) {
	good := panelProject(t)
	p, err := read(good)
	if err != nil {
		t.Fatal(err)
	}
	if p.Panel == nil || p.Panel.Member != "S2" || p.Members == nil || len(p.Members.Members) < 3 {
		t.Fatalf("read: panel %+v, members %v; want S2 of the stores", p.Panel, p.Members)
	}
	if sc := p.Panel.Scores; sc == nil || len(sc.Results) != 3 || sc.Results[2].Err != "too short" || len(sc.Results[0].Holdout) != sc.Settings.Horizon || !math.IsNaN(sc.Results[0].Metrics["ets"].MAPE) || !strings.HasPrefix(sc.Results[1].Alone, "20 points") {
		t.Errorf("read: scores %+v; want S1's, S2's and S3's as written", sc)
	}
	m, _ := p.Members.Member("S2")
	if p.Table != m.Table || p.Series.Name != "S2" || p.Series.Len() != m.Series.Len() {
		t.Errorf("read: the project's table and series are not S2's (%s, %d points; S2 has %d)", p.Series.Name, p.Series.Len(), m.Series.Len())
	}
	for _, c := range []struct{ name, old, new, want string }{
		{"member missing", `"member":"S2"`, `"member":"S99"`, "S99"},
		{"no member", `"member":"S2"`, `"member":""`, "names no series"},
		{"one series", `"IDCols":["store"]`, `"IDCols":null`, "no id column"},
		{"no such id column", `"IDCols":["store"]`, `"IDCols":["shop"]`, "do not split"},
		{"scores elsewhere", `"scores":"panel/scores.json"`, `"scores":"data/x.json"`, "not panel/scores.json"},
		{"scored series not in the data", `"ID":"S3"`, `"ID":"S99"`, "S99"},
		{"scored twice", `"ID":"S3"`, `"ID":"S1"`, `result 3 is for the series "S1"`},
		{"out of order", `"ID":"S2"`, `"ID":"S3"`, `the data's series 2 is "S2"`},
		{"forecast of another length", `"Err":"too short"`, `"Err":""`, "a forecast of 0 steps"},
		{"holdout prediction of another length", `"Holdout":[1.5,`, `"Holdout":[`, "a holdout prediction of"},
	} {
		names, ents := entriesOf(t, good)
		entry := manifestEntry
		if !strings.Contains(string(ents[entry]), c.old) {
			entry = scoresEntry
		}
		if !strings.Contains(string(ents[entry]), c.old) {
			t.Fatalf("%s: neither the manifest nor the scores have %s: %.300s", c.name, c.old, ents[scoresEntry])
		}
		respell(ents, entry, c.old, c.new)
		_, err := read(zipOf(t, names, ents))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), ErrBadProject.Error()) {
			t.Errorf("%s: read = %v; want a damaged project saying %q", c.name, err, c.want)
		}
	}
}

// FuzzPanelEntries: whatever the manifest's panel or the scores entry of a
// project of many series hold, reading never panics, and what it accepts
// can be written again.
func FuzzPanelEntries(f *testing.F) {
	names, ents := entriesOf(f, panelProject(f))
	f.Add(string(ents[manifestEntry]), string(ents[scoresEntry]))
	f.Add(strings.Replace(string(ents[manifestEntry]), `"member":"S2"`, `"member":"S1"`, 1), `{"Results":[{"ID":"S1"},{"ID":"S2"},{"ID":"S3"}]}`)
	f.Fuzz(func(t *testing.T, manifest, scores string) {
		m := map[string][]byte{}
		for k, v := range ents {
			m[k] = v
		}
		m[manifestEntry], m[scoresEntry] = []byte(manifest), []byte(scores)
		p, err := read(zipOf(t, names, m))
		if err != nil {
			return
		}
		if err := write(io.Discard, p); err != nil {
			t.Errorf("a project read accepted cannot be written: %v", err)
		}
	})
}
