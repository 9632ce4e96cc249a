package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// TestTooShortExplained: a series too short for the horizon is explained
// with the fix the message names, not "check the file".
func TestTooShortExplained(t *testing.T) {
	var b strings.Builder
	b.WriteString("month,sales\n")
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&b, "2023-%02d-01,%d\n", m, 100+3*m)
	}
	tab, err := tsdata.ReadCSV(strings.NewReader(b.String()), "short.csv", tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := tab.Series(tsdata.SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	set := config.DefaultSettings()
	set.Horizon = 12
	_, err = forecast.Resolve(s, set)
	what, todo := explain(err)
	if !strings.Contains(what, "only horizon 1 fits") || strings.Contains(what+todo, "shorten the horizon") || strings.Contains(todo, "Check the file") {
		t.Errorf("explain(%v) = %q, %q", err, what, todo)
	}
}
