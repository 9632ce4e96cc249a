//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
)

// copyData copies the air passengers CSV into dir as name.
func copyData(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(airPassengers)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// oneLine fails unless msg is a single line of at most app.MaxMessage runes
// after the "forecaster: " prefix.
func oneLine(t *testing.T, msg string) {
	t.Helper()
	body, ok := strings.CutPrefix(strings.TrimSuffix(msg, "\n"), "forecaster: ")
	if !ok || strings.Contains(body, "\n") || utf8.RuneCountInString(body) > 300 {
		t.Errorf("stderr is not one line under 300 runes: %q", msg)
	}
}

// TestOutputOnInputRefused: every output that resolves to an input or to
// another output is refused before any work, naming both paths; the input
// is untouched. Before, `forecast -csv x.csv -out x.csv` replaced the data
// with the forecast and exited 0.
func TestOutputOnInputRefused(t *testing.T) {
	dir := t.TempDir()
	data := copyData(t, dir, "x.csv")
	t.Chdir(dir)
	orig, _ := os.ReadFile(data)
	if err := os.Symlink("x.csv", "link.csv"); err != nil {
		t.Fatal(err)
	}
	if err := os.Link("x.csv", "hard.csv"); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, context.Background(), append([]string{"train", "-csv", "x.csv", "-save", "m.json"}, quick...)...); code != 0 {
		t.Fatalf("train: %d %s", code, errs)
	}
	model, _ := os.ReadFile("m.json")
	for _, c := range []struct {
		args       []string
		out, other string
	}{
		{[]string{"forecast", "-csv", "x.csv", "-out", "x.csv"}, `-out "x.csv"`, `-csv "x.csv"`},
		{[]string{"forecast", "-csv", "x.csv", "-out", "./x.csv"}, `-out "./x.csv"`, `-csv "x.csv"`},
		{[]string{"forecast", "-csv", "x.csv", "-out", "link.csv"}, `-out "link.csv"`, `-csv "x.csv"`},
		{[]string{"forecast", "-csv", "x.csv", "-out", "hard.csv"}, `-out "hard.csv"`, `-csv "x.csv"`},
		{[]string{"forecast", "-csv", "x.csv", "-out", "sub/../x.csv"}, `-out "sub/../x.csv"`, `-csv "x.csv"`},
		{[]string{"forecast", "-csv", data, "-out", "x.csv"}, `-out "x.csv"`, `-csv "` + data + `"`},
		{[]string{"train", "-csv", "x.csv", "-save", "x.csv"}, `-save "x.csv"`, `-csv "x.csv"`},
		{[]string{"train", "-csv", "x.csv", "-save", "new.json", "-history", "link.csv"}, `-history "link.csv"`, `-csv "x.csv"`},
		{[]string{"train", "-csv", "x.csv", "-save", "new.json", "-out", "./new.json"}, `-out "./new.json"`, `-save "new.json"`},
		{[]string{"train", "-csv", "x.csv", "-save", "new.json", "-history", "h.csv", "-out", "sub/../h.csv"}, `-out "sub/../h.csv"`, `-history "h.csv"`},
		{[]string{"predict", "-csv", "x.csv", "-model", "m.json", "-out", "m.json"}, `-out "m.json"`, `-model "m.json"`},
		{[]string{"predict", "-csv", "x.csv", "-model", "m.json", "-out", "hard.csv"}, `-out "hard.csv"`, `-csv "x.csv"`},
		{[]string{"experiment", "-csv", "x.csv", "-grid", "clip=none,norm", "-runs", "x.csv"}, `-runs "x.csv"`, `-csv "x.csv"`},
		{[]string{"experiment", "-csv", "x.csv", "-grid", "clip=none,norm", "-report", "r.md", "-runs", "r-mase.png"}, `-report "r-mase.png"`, `-runs "r-mase.png"`},
	} {
		args := c.args
		if args[0] != "predict" {
			args = append(args, quick...)
		}
		code, _, errs := run(t, context.Background(), args...)
		if code != 1 || !strings.Contains(errs, c.out) || !strings.Contains(errs, c.other) || !strings.Contains(errs, "same file") {
			t.Errorf("%v: exit %d, %q; want 1 and a message naming %s and %s", c.args, code, errs, c.out, c.other)
		}
		oneLine(t, errs)
		if strings.Contains(errs, "trained") {
			t.Errorf("%v: trained before refusing", c.args)
		}
	}
	if b, _ := os.ReadFile(data); !bytes.Equal(b, orig) {
		t.Error("the input file changed")
	}
	if b, _ := os.ReadFile("m.json"); !bytes.Equal(b, model) {
		t.Error("the model file changed")
	}
	for _, p := range []string{"new.json", "h.csv", "r.md"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was written although the command was refused", p)
		}
	}
}

// TestSpecialFilesRefused: a FIFO as input is refused at once (it blocked
// forever), and a device node or FIFO as output is refused (as root, -out
// onto a device replaced it with a regular file).
func TestSpecialFilesRefused(t *testing.T) {
	dir := t.TempDir()
	data := copyData(t, dir, "x.csv")
	pipe := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{append([]string{"forecast", "-csv", pipe}, quick...), "pipe.csv is a named pipe, not a regular file"},
		{[]string{"inspect", "-csv", "/dev/zero"}, "/dev/zero is a device, not a regular file"},
		{append([]string{"forecast", "-csv", data, "-out", "/dev/null"}, quick...), `-out "/dev/null" is a character device, not a file`},
		{append([]string{"forecast", "-csv", data, "-out", pipe}, quick...), "is a named pipe (FIFO), not a file; writing would replace it"},
		{append([]string{"forecast", "-csv", data, "-out", dir}, quick...), "is a directory, not a file"},
	} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			code, _, errs := run(t, context.Background(), c.args...)
			if code != 1 || !strings.Contains(errs, c.want) {
				t.Errorf("%v: exit %d, %q; want 1 and %q", c.args, code, errs, c.want)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%v blocked", c.args)
		}
	}
	if fi, err := os.Lstat(pipe); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
}

// TestUnwritableOutputBeforeTraining: an output in a missing folder is
// refused before training; it used to be found after training finished.
func TestUnwritableOutputBeforeTraining(t *testing.T) {
	dir := t.TempDir()
	data := copyData(t, dir, "x.csv")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	code, _, errs := run(t, ctx, "train", "-csv", data, "-horizon", "12", "-epochs", "100000", "-patience", "0",
		"-save", filepath.Join(dir, "m.json"), "-history", filepath.Join(dir, "missing", "h.csv"))
	if code != 1 || !strings.Contains(errs, "is in a folder that does not exist") || time.Since(start) > 10*time.Second {
		t.Errorf("exit %d after %v, %q; want 1 at once and the missing folder named", code, time.Since(start), errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "m.json")); err == nil {
		t.Error("the model was saved although the history could not be")
	}
}

// interruptAt returns a context and a progress watch that cancels it, as
// Ctrl+C would, once training has reached epoch.
func interruptAt(epoch int) (context.Context, func(app.Progress)) {
	ctx, cancel := context.WithCancel(context.Background())
	return ctx, func(p app.Progress) {
		if p.Epoch >= epoch {
			cancel()
		}
	}
}

// interruptedAt finds "interrupted after N of M epochs" in msg and returns N.
func interruptedAt(t *testing.T, msg string) int {
	t.Helper()
	var n, m int
	i := strings.Index(msg, "interrupted after ")
	if i < 0 {
		t.Fatalf("no \"interrupted after\" in %q", msg)
	}
	if _, err := fmt.Sscanf(msg[i:], "interrupted after %d of %d epochs", &n, &m); err != nil {
		t.Fatalf("%q: %v", msg, err)
	}
	return n
}

// TestForecastInterrupted: Ctrl+C during training writes the forecast of
// the best weights so far, complete with intervals, and says so (it used to
// exit 0 without a word); Ctrl+C before anything was learnt writes nothing
// and exits non-zero.
func TestForecastInterrupted(t *testing.T) {
	dir := t.TempDir()
	data := copyData(t, dir, "x.csv")
	out := filepath.Join(dir, "out.csv")
	long := []string{"-horizon", "12", "-hidden", "4", "-epochs", "100000", "-patience", "0"}

	ctx, watch := interruptAt(3)
	code, _, errs := runWatched(t, ctx, watch, append([]string{"forecast", "-csv", data, "-out", out}, long...)...)
	if code != 0 || interruptedAt(t, errs) < 2 || !strings.Contains(errs, " of 100000 epochs: wrote the forecast to "+out+"; it comes from the best weights so far (epoch ") {
		t.Errorf("interrupted forecast: exit %d, %q", code, errs)
	}
	if rows := readForecast(t, out); len(rows) != 12 || !(rows[0][3] < rows[0][0] && rows[0][0] < rows[0][4]) {
		t.Errorf("forecast file: %v; want 12 rows with intervals", rows)
	}

	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, errs = run(t, ctx, append([]string{"forecast", "-csv", data, "-out", out}, long...)...)
	if code != exitInterrupted || !strings.Contains(errs, "interrupted before a forecast was complete: nothing was written") {
		t.Errorf("interrupted at once: exit %d, %q; want %d", code, errs, exitInterrupted)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("out.csv = %q; want it untouched", b)
	}

	model := filepath.Join(dir, "m.json")
	ctx, watch = interruptAt(2)
	code, _, errs = runWatched(t, ctx, watch, append([]string{"train", "-csv", data, "-save", model}, long...)...)
	if code != 0 || interruptedAt(t, errs) < 1 || !strings.Contains(errs, " of 100000 epochs: saved "+model+" with the best weights so far") {
		t.Errorf("interrupted train: exit %d, %q", code, errs)
	}
	if _, err := forecast.LoadModel(model); err != nil {
		t.Errorf("the saved model does not load: %v", err)
	}
}

// TestInterruptSignals: SIGTERM cancels like Ctrl+C (it used to kill the
// process without keeping anything).
func TestInterruptSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		var errb bytes.Buffer
		ctx, stop := interruptContext(&errb)
		if err := syscall.Kill(os.Getpid(), sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(5 * time.Second):
			t.Fatalf("%v did not cancel the context", sig)
		}
		stop()
		if !strings.Contains(errb.String(), "interrupted: stopping") {
			t.Errorf("%v: stderr %q", sig, errb.String())
		}
	}
}

// TestErrorsAreOneLine: errors quoting file content or arguments stay one
// line under 300 characters.
func TestErrorsAreOneLine(t *testing.T) {
	dir := t.TempDir()
	data := copyData(t, dir, "x.csv")
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"format":"`+strings.Repeat("A", 1<<20)+`\n\u001b[2J"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"forecast", "-csv", data, "-value-col", strings.Repeat("long\n", 2000)},
		{"predict", "-csv", data, "-model", bad},
	} {
		code, _, errs := run(t, context.Background(), args...)
		if code != 1 {
			t.Errorf("exit %d; want 1", code)
		}
		oneLine(t, errs)
		if strings.ContainsRune(errs, 0x1b) {
			t.Errorf("an escape code reached stderr: %q", errs)
		}
	}
}

// TestInspectNeutralisesEscapes: a column name holding terminal escape
// codes is printed with them made visible, not sent to the terminal.
func TestInspectNeutralisesEscapes(t *testing.T) {
	p := filepath.Join(t.TempDir(), "esc.csv")
	src := "date,\x1b]0;owned\x07\x1b[31mred\x1b[0m\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n2020-01-04,4\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, context.Background(), "inspect", "-csv", p)
	if code != 0 {
		t.Fatalf("inspect: %d %s", code, errs)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("control characters reached stdout: %q", out)
	}
	if !strings.Contains(out, "\uFFFD]0;owned\uFFFD\uFFFD[31mred\uFFFD[0m") {
		t.Errorf("column name not shown neutralised: %q", out)
	}
}

// readForecast reads a forecast CSV's forecast,lower80,upper80,lower95,upper95
// columns.
func readForecast(t *testing.T, path string) [][5]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) == 0 || strings.Join(recs[0], ",") != "date,forecast,lower80,upper80,lower95,upper95" {
		t.Fatalf("%s: %v %v", path, recs, err)
	}
	var out [][5]float64
	for _, r := range recs[1:] {
		var row [5]float64
		for j := range row {
			if row[j], err = strconv.ParseFloat(r[j+1], 64); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, row)
	}
	return out
}
