package main

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for forecaster when
// FORECASTER_TEST_CLI=1, so that a batch engine (GNU parallel) can run the
// command line as a separate process, and for forecaster started without
// arguments (the window) when FORECASTER_TEST_GUI=1.
func TestMain(m *testing.M) {
	if os.Getenv("FORECASTER_TEST_CLI") == "1" {
		os.Exit(runCLI(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	if os.Getenv("FORECASTER_TEST_GUI") == "1" {
		runGUI()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// writePanel writes n monthly series of 40 points in long format, the rows
// of the series interleaved month by month when interleave (another file
// order for the same series).
func writePanel(t *testing.T, path string, n int, interleave bool) {
	t.Helper()
	var b strings.Builder
	b.WriteString("store,date,sales\n")
	row := func(k, i int) {
		v := 100 + 10*float64(k) + 20*math.Sin(2*math.Pi*float64(i+k)/12) + float64(i)
		fmt.Fprintf(&b, "store %02d,%d-%02d-01,%.2f\n", k, 2020+i/12, i%12+1, v)
	}
	if interleave {
		for i := range 40 {
			for k := n - 1; k >= 0; k-- {
				row(k, i)
			}
		}
	} else {
		for k := range n {
			for i := range 40 {
				row(k, i)
			}
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestShardsGNUParallel runs forecast -shard i/4 for i = 0 … 3 as separate
// processes under GNU parallel, merges the parts as docs/batch.md says
// (the header once, the rest of each part, sorted by id keeping the date
// order) and checks the result is byte for byte the unsharded run's; and
// that a shard holds the same series when the file's rows are in another
// order.
func TestShardsGNUParallel(t *testing.T) {
	par, err := exec.LookPath("parallel")
	if err != nil {
		t.Skip("GNU parallel is not installed (scripts/setup.sh test installs it)")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	data, shuffled := filepath.Join(dir, "stores.csv"), filepath.Join(dir, "shuffled.csv")
	writePanel(t, data, 10, false)
	writePanel(t, shuffled, 10, true)
	flags := []string{"-id-col", "store", "-value-col", "sales", "-horizon", "6", "-epochs", "2", "-hidden", "3"}
	cli := func(args ...string) {
		t.Helper()
		cmd := exec.Command(self, args...)
		cmd.Env = append(os.Environ(), "FORECASTER_TEST_CLI=1")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("forecaster %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	cli(append([]string{"forecast", "-csv", data, "-out", "all.csv"}, flags...)...)

	args := append([]string{"--halt", "now,fail=1", "-j", "2", self, "forecast", "-csv", data}, flags...)
	args = append(args, "-shard", "{}/4", "-out", "part-{}.csv", ":::", "0", "1", "2", "3")
	cmd := exec.Command(par, args...)
	cmd.Env = append(os.Environ(), "FORECASTER_TEST_CLI=1")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("parallel: %v\n%s", err, out)
	}
	merge := exec.Command("sh", "-c", `{ head -n 1 part-0.csv; for f in part-*.csv; do tail -n +2 "$f"; done | LC_ALL=C sort -s -t, -k1,1; } > merged.csv`)
	merge.Dir = dir
	if out, err := merge.CombinedOutput(); err != nil {
		t.Fatalf("merge: %v\n%s", err, out)
	}
	all, _ := os.ReadFile(filepath.Join(dir, "all.csv"))
	merged, _ := os.ReadFile(filepath.Join(dir, "merged.csv"))
	if len(all) == 0 || !bytes.Equal(all, merged) {
		t.Fatalf("merged shards differ from the unsharded run:\n%s\n---\n%s", all, merged)
	}
	if n := strings.Count(string(all), "\n"); n != 1+10*6 {
		t.Errorf("%d lines; want a header and 10 series × 6", n)
	}
	// every shard ran and the series are spread over them
	used := 0
	for i := range 4 {
		part, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("part-%d.csv", i)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(part), "\n") > 1 {
			used++
		}
	}
	if used < 2 {
		t.Errorf("the 10 series fell in %d of 4 shards", used)
	}
	// the file's order does not move a series to another shard
	cli(append([]string{"forecast", "-csv", shuffled, "-shard", "2/4", "-out", "shuffled-2.csv"}, flags...)...)
	a, _ := os.ReadFile(filepath.Join(dir, "part-2.csv"))
	b, _ := os.ReadFile(filepath.Join(dir, "shuffled-2.csv"))
	if !bytes.Equal(a, b) {
		t.Errorf("shard 2 of the reordered file differs:\n%s\n---\n%s", a, b)
	}
}
