package main

import (
	"os"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
)

// TestREADMECurrent: the README's settings table is what the field table
// generates now (run `go run ./scripts/settingsdoc` after changing a field).
func TestREADMECurrent(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	got, err := replace(readme, table(config.Fields()))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(readme) {
		t.Error("README.md's settings table is stale: run go run ./scripts/settingsdoc (make generate)")
	}
}

// TestTable: a row per field under its group, with the flag, label,
// default (and what 0 means), accepted values and help, pipes escaped.
func TestTable(t *testing.T) {
	tab := table(config.Fields())
	for _, f := range config.Fields() {
		if !strings.Contains(tab, "| `-"+f.Flag()+"` | "+f.Label+" | ") {
			t.Errorf("no row for -%s", f.Flag())
		}
	}
	for _, want := range []string{
		"**Stabilisers** — against vanishing and exploding gradients",
		"| `-window` | Window | 0 (auto) | 0 or 2–2000 | Past steps fed in",
		"| `-scaler` | Scaler | window | window, zscore, minmax |",
		`λ·Σ\|w\|`,
	} {
		if !strings.Contains(tab, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if n := strings.Count(tab, "|---|---|---|---|---|\n"); n != 4 {
		t.Errorf("%d tables; want one per group, 4", n)
	}
}

// TestReplace: the table goes between the markers, the rest stays; missing
// or doubled markers are errors.
func TestReplace(t *testing.T) {
	doc := "intro\n" + begin + "\nold\nrows\n" + end + "\noutro\n"
	got, err := replace([]byte(doc), "new\n")
	if want := "intro\n" + begin + "\nnew\n" + end + "\noutro\n"; err != nil || string(got) != want {
		t.Errorf("replace = %q, %v; want %q", got, err, want)
	}
	for _, bad := range []string{"no markers\n", begin + "\n" + end + "\n" + begin + "\n", end + "\nx\n" + begin + "\n"} {
		if _, err := replace([]byte(bad), "t\n"); err == nil {
			t.Errorf("replace(%q): no error", bad)
		}
	}
}
