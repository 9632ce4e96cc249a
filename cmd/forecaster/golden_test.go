package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the commands' current output")

// goldenCase is one command line whose exit status, stdout, stderr and
// written files are compared with testdata/NAME.golden.
type goldenCase struct {
	name  string
	args  []string // AIR and CO2 stand for the sample files
	files []string // files the command writes, relative to its folder
	code  int
}

// The cases run in order in one folder: predict reads the model train
// saved. Text and JSON forms are separate cases.
var goldenCases = []goldenCase{
	{name: "help", args: []string{"help"}},
	{name: "inspect", args: []string{"inspect", "-csv", "AIR"}},
	{name: "inspect_json", args: []string{"inspect", "-csv", "AIR", "-json"}},
	{name: "inspect_missing", args: []string{"inspect", "-csv", "CO2"}},
	{name: "inspect_missing_json", args: []string{"inspect", "-csv", "CO2", "-json", "-missing", "ffill"}},
	{name: "inspect_xlsx", args: []string{"inspect", "-in", "XLSX"}},
	{name: "inspect_ods_json", args: []string{"inspect", "-csv", "ODS", "-json"}},
	{name: "inspect_sheet", args: []string{"inspect", "-in", "XLSX", "-sheet", "Chart"}},
	{name: "diagnose", args: []string{"diagnose", "-csv", "AIR"}},
	{name: "diagnose_json", args: []string{"diagnose", "-csv", "AIR", "-lags", "24", "-json"}},
	{name: "diagnose_weekly", args: []string{"diagnose", "-csv", "CO2", "-season", "52", "-lags", "8"}},
	{name: "diagnose_no_stl", args: []string{"diagnose", "-csv", "AIR", "-season", "80", "-lags", "5", "-json"}},
	{name: "backtest", args: []string{"backtest", "-csv", "AIR", "-horizon", "12"}},
	{name: "backtest_json", args: []string{"backtest", "-csv", "AIR", "-horizon", "12", "-json"}},
	{name: "backtest_origins", args: []string{"backtest", "-csv", "AIR", "-horizon", "12", "-origins", "3"}},
	{name: "backtest_origins_json", args: []string{"backtest", "-csv", "AIR", "-horizon", "12", "-origins", "3", "-json"}},
	{name: "forecast", args: []string{"forecast", "-csv", "AIR", "-horizon", "12"}},
	{name: "forecast_out", args: []string{"forecast", "-csv", "AIR", "-horizon", "12", "-out", "forecast.csv"}, files: []string{"forecast.csv"}},
	{name: "train", args: []string{"train", "-csv", "AIR", "-horizon", "6", "-hidden", "4", "-epochs", "5", "-save", "model.json", "-history", "history.csv", "-out", "train.csv"},
		files: []string{"model.json", "history.csv", "train.csv"}},
	{name: "predict", args: []string{"predict", "-csv", "AIR", "-model", "model.json"}},
	{name: "predict_out", args: []string{"predict", "-csv", "AIR", "-model", "model.json", "-out", "predict.csv"}, files: []string{"predict.csv"}},
	{name: "experiment", args: []string{"experiment", "-csv", "AIR", "-horizon", "12", "-grid", "clip=none,norm", "-seeds", "2", "-epochs", "5", "-workers", "1", "-runs", "runs.csv"},
		files: []string{"runs.csv"}},
	{name: "inspect_panel", args: []string{"inspect", "-csv", "STORES", "-id-col", "store"}},
	{name: "inspect_panel_json", args: []string{"inspect", "-csv", "STORES", "-id-col", "store", "-json"}},
	{name: "forecast_panel", args: []string{"forecast", "-csv", "STORES", "-id-col", "store", "-value-col", "sales", "-horizon", "6", "-epochs", "3", "-hidden", "4", "-out", "panel.csv"},
		files: []string{"panel.csv"}},
	{name: "forecast_wide", args: []string{"forecast", "-csv", "MACRO", "-date-col", "quarter", "-value-col", "*", "-horizon", "4", "-epochs", "3", "-hidden", "4", "-method", "ets"}},
	{name: "forecast_shard", args: []string{"forecast", "-csv", "STORES", "-id-col", "store", "-value-col", "sales", "-horizon", "6", "-epochs", "3", "-hidden", "4", "-shard", "1/2"}},
	{name: "forecast_one_id", args: []string{"forecast", "-csv", "ONE", "-id-col", "store", "-value-col", "sales", "-horizon", "1", "-epochs", "2", "-hidden", "2", "-method", "naive"}},
	{name: "backtest_panel", args: []string{"backtest", "-csv", "STORES", "-id-col", "store", "-horizon", "6", "-epochs", "3", "-hidden", "4"}},
	{name: "backtest_panel_json", args: []string{"backtest", "-csv", "STORES", "-id-col", "store", "-horizon", "6", "-epochs", "3", "-hidden", "4", "-json"}},
	{name: "forecast_panel_global", args: []string{"forecast", "-csv", "STORES", "-id-col", "store", "-value-col", "sales", "-horizon", "6", "-model", "global", "-out", "panel_global.csv"},
		files: []string{"panel_global.csv"}},
	{name: "backtest_panel_global", args: []string{"backtest", "-csv", "STORES", "-id-col", "store", "-horizon", "6", "-model", "global"}},
	{name: "backtest_panel_static", args: []string{"backtest", "-csv", "REGIONS", "-id-col", "store", "-horizon", "6", "-model", "global", "-static-col", "region,store", "-json"}},
	{name: "errors_static_local", code: 1, args: []string{"forecast", "-csv", "REGIONS", "-id-col", "store", "-horizon", "6", "-static-col", "region"}},
	{name: "errors_static_changes", code: 1, args: []string{"forecast", "-csv", "REGIONS", "-id-col", "store", "-horizon", "6", "-model", "global", "-static-col", "date"}},
	{name: "forecast_global_all_short", args: []string{"forecast", "-csv", "ONE", "-id-col", "store", "-value-col", "sales", "-horizon", "3", "-model", "global"}},
	{name: "forecast_short_id", args: []string{"forecast", "-csv", "SHORT", "-id-col", "store", "-value-col", "sales", "-horizon", "1", "-epochs", "2", "-hidden", "2", "-method", "naive"}},
	{name: "errors_panel_id_value", code: 1, args: []string{"forecast", "-csv", "STORES", "-id-col", "store", "-value-col", "store"}},
	{name: "errors_panel_text_value", code: 1, args: []string{"forecast", "-csv", "ONE", "-id-col", "store", "-value-col", "note"}},
	{name: "errors_panel_shard", code: 1, args: []string{"forecast", "-csv", "STORES", "-id-col", "store", "-shard", "2/2"}},
	{name: "errors_shard_single", code: 1, args: []string{"forecast", "-csv", "AIR", "-shard", "0/2"}},
	{name: "errors_usage", code: 2, args: []string{"nonsense"}},
	{name: "errors_flag", code: 2, args: []string{"forecast", "-csv", "AIR", "-horizn", "12"}},
	{name: "errors_argument", code: 2, args: []string{"backtest", "-csv", "AIR", "extra"}},
	{name: "errors_no_csv", code: 1, args: []string{"forecast", "-horizon", "12"}},
	{name: "errors_missing_file", code: 1, args: []string{"inspect", "-csv", "missing.csv"}},
	{name: "errors_sheet", code: 1, args: []string{"forecast", "-in", "XLSX", "-sheet", "Sales", "-horizon", "12"}},
	{name: "errors_settings", code: 1, args: []string{"forecast", "-csv", "AIR", "-hidden", "5000", "-lr", "-1"}},
	{name: "errors_column", code: 1, args: []string{"backtest", "-csv", "AIR", "-value-col", "sales"}},
	{name: "errors_origins", code: 1, args: []string{"backtest", "-csv", "AIR", "-origins", "0"}},
	{name: "errors_too_short", code: 1, args: []string{"forecast", "-csv", "AIR", "-horizon", "100"}},
	{name: "errors_lags", code: 1, args: []string{"diagnose", "-csv", "AIR", "-lags", "144"}},
	{name: "errors_same_file", code: 1, args: []string{"train", "-csv", "AIR", "-save", "m.json", "-out", "./m.json"}},
	{name: "errors_no_save", code: 1, args: []string{"train", "-csv", "AIR"}},
	{name: "errors_no_model", code: 1, args: []string{"predict", "-csv", "AIR"}},
	{name: "errors_bad_model", code: 1, args: []string{"predict", "-csv", "AIR", "-model", "history.csv"}},
	{name: "errors_no_grid", code: 1, args: []string{"experiment", "-csv", "AIR"}},
	{name: "errors_report_name", code: 1, args: []string{"experiment", "-csv", "AIR", "-grid", "clip=none,norm", "-report", "r.txt"}},
}

// TestGolden runs every command, text and JSON forms and typical errors,
// and compares everything it prints and writes with testdata/*.golden.
// Only the seconds a run took are replaced (by 0) before comparing; every
// number the commands compute must match to the last digit. go test
// -run TestGolden -update rewrites the files.
func TestGolden(t *testing.T) {
	air, err := filepath.Abs(airPassengers)
	if err != nil {
		t.Fatal(err)
	}
	co2, err := filepath.Abs("../../forecast/testdata/mauna_loa_co2_weekly_with_gaps.csv")
	if err != nil {
		t.Fatal(err)
	}
	stores, err := filepath.Abs("../../forecast/tsdata/panel/testdata/stores_monthly_long.csv")
	if err != nil {
		t.Fatal(err)
	}
	macro, err := filepath.Abs("../../sampledata/data/us_macro_quarterly.csv")
	if err != nil {
		t.Fatal(err)
	}
	one, err := filepath.Abs("testdata/one_store.csv")
	if err != nil {
		t.Fatal(err)
	}
	short, err := filepath.Abs("testdata/short_store.csv")
	if err != nil {
		t.Fatal(err)
	}
	regions, err := filepath.Abs("testdata/stores_region_long.csv") // the stores with a region column
	if err != nil {
		t.Fatal(err)
	}
	xlsx, err := filepath.Abs(airWorkbook + ".xlsx")
	if err != nil {
		t.Fatal(err)
	}
	ods, err := filepath.Abs(airWorkbook + ".ods")
	if err != nil {
		t.Fatal(err)
	}
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll(testdata, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(t.TempDir())
	for _, c := range goldenCases {
		args := slices.Clone(c.args)
		for i, a := range args {
			args[i] = strings.NewReplacer("REGIONS", regions, "AIR", air, "CO2", co2, "STORES", stores, "MACRO", macro, "ONE", one, "SHORT", short, "XLSX", xlsx, "ODS", ods).Replace(a)
		}
		code, stdout, stderr := run(t, context.Background(), args...)
		if code != c.code {
			t.Errorf("%s: exit %d; want %d (stderr %q)", c.name, code, c.code, stderr)
		}
		var b strings.Builder
		b.WriteString("$ forecaster " + strings.Join(c.args, " ") + "\n")
		b.WriteString("--- stdout\n" + stdout)
		b.WriteString("--- stderr\n" + stderr)
		for _, f := range c.files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			b.WriteString("--- file " + f + "\n" + normaliseCSV(f, string(data)))
		}
		got := normalise(b.String())
		path := filepath.Join(testdata, c.name+".golden")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run go test -run TestGolden -update)", c.name, err)
			continue
		}
		if got != string(want) {
			t.Errorf("%s: output differs from %s:\n%s", c.name, path, firstDiff(string(want), got))
		}
	}
	// predict forecasts with the saved model what train forecast
	train, _ := os.ReadFile("train.csv")
	predict, _ := os.ReadFile("predict.csv")
	if len(train) == 0 || !bytes.Equal(train, predict) {
		t.Errorf("predict with the saved model differs from train's forecast:\n%s\n%s", train, predict)
	}
}

// Volatile text: the seconds a run took, and the time left.
var (
	timeLeft      = regexp.MustCompile(`, about [0-9]+ s left`)
	secondsJSON   = regexp.MustCompile(`"seconds":[-+0-9.e]+`)
	secondsText   = regexp.MustCompile(` in [0-9.]+ s\b`)
	secondsRuns   = regexp.MustCompile(`runs, [0-9.]+ s\)`)
	secondsPerRun = regexp.MustCompile(`(?m)\| [0-9.]+ \|$`)
	secondsInAll  = regexp.MustCompile(`; [0-9.]+ s in all\b`)
)

func normalise(s string) string {
	s = secondsJSON.ReplaceAllString(s, `"seconds":0`)
	s = timeLeft.ReplaceAllString(s, "")
	s = secondsText.ReplaceAllString(s, " in 0.0 s")
	s = secondsRuns.ReplaceAllString(s, "runs, 0 s)")
	s = secondsInAll.ReplaceAllString(s, "; 0.0 s in all")
	return secondsPerRun.ReplaceAllString(s, "| 0.0 |")
}

// normaliseCSV sets the "seconds" column of a CSV file to 0.
func normaliseCSV(name, data string) string {
	if filepath.Ext(name) != ".csv" {
		return data
	}
	recs, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil || len(recs) == 0 {
		return data
	}
	col := slices.Index(recs[0], "seconds")
	if col < 0 {
		return data
	}
	for _, r := range recs[1:] {
		r[col] = "0"
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.WriteAll(recs)
	return b.String()
}

// firstDiff shows the first line where got differs from want, around the
// first differing byte.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			k := 0
			for k < len(w) && k < len(g) && w[k] == g[k] {
				k++
			}
			from := max(k-60, 0)
			return fmt.Sprintf("line %d, byte %d:\n  want …%s\n  got  …%s", i+1, k+1, clip(w[from:]), clip(g[from:]))
		}
	}
	return "(same lines)"
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
