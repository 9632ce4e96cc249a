package ui

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPanelForecastHint: with a series of a long file shown, the Data
// tab's Forecast field says it is the series picked in the list (its
// column in the per-series table is named after the series, not the
// file's value column) and the preview's shading says it is the split of
// training that series alone; the import report counts the file's rows and
// series. A file of one series says "The column to
// predict" and "shaded: validation" again.
func TestPanelForecastHint(t *testing.T) {
	u := newTestUI(t, fakeTrain(1, 0))
	hint := func() string {
		var h string
		act(u, func() { h = u.Data.cols.Items[1].HintText })
		return h
	}
	openFile(t, u, filepath.Join("..", "forecast", "tsdata", "panel", "testdata", "stores_monthly_long.csv"))
	eventually(t, u, "the series pane", func() bool { return len(u.Panel.List.Shown()) > 1 })
	ids := u.Panel.List.Shown()
	act(u, func() { u.Panel.List.OnSelected(ids[1]) }) // as a click on its row
	eventually(t, u, "the second series shown", func() bool {
		d := u.Session.Data()
		return d != nil && strings.HasSuffix(d.Title, ids[1])
	})
	eventually(t, u, "the member's hint", func() bool { return hint() == "The series picked in the list on the left" })
	// the report counts the file's rows, not those of the series' own table
	var rows string
	act(u, func() { rows = u.Data.report["Rows"].Text })
	// S2: 45 rows, one month missing
	if want := "138 rows in the file, 3 series; this one has 46 points"; rows != want {
		t.Errorf("import report's rows: %q; want %q", rows, want)
	}
	// the preview's split is the one this series alone would train on
	eventually(t, u, "the member's split", func() bool {
		return strings.Contains(u.Data.Preview.Plot(400).Title.Text, "points; shaded to train it alone: validation (")
	})
	openFile(t, u, filepath.Join("..", "sampledata", "data", "air_passengers_monthly.csv"))
	if h := hint(); h != "The column to predict" {
		t.Errorf("hint after opening a file of one series = %q", h)
	}
	if title := u.Data.Preview.Plot(400).Title.Text; !strings.Contains(title, "points; shaded: validation (") {
		t.Errorf("preview of a file of one series: %q", title)
	}
}
