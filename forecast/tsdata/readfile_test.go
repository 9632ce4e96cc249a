//go:build unix

package tsdata

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/fileio"
)

// A FIFO, a device or a directory is refused at once: before the check a
// FIFO blocked ReadFile forever and /dev/zero was read to the 1 GiB limit.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, c := range []struct{ path, want string }{
		{pipe, "pipe.csv: is a named pipe (FIFO), not a file; choose a CSV file"},
		{"/dev/zero", "zero: is a character device, not a file; choose a CSV file"},
		{dir, "is a directory, not a file; choose a CSV file"},
	} {
		done := make(chan error, 1)
		start := time.Now()
		go func() {
			_, err := ReadFile(c.path, ReadOptions{})
			done <- err
		}()
		select {
		case err := <-done:
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, fileio.ErrNotRegular) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("ReadFile(%s) = %v; want an InputError wrapping fileio.ErrNotRegular with %q", c.path, err, c.want)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("ReadFile(%s) took %v; want a refusal at once", c.path, d)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("ReadFile(%s) blocked", c.path)
		}
	}
}

// A file that ends its lines with a lone CR (classic Mac OS) reads as the
// same rows as with LF; before, it was one row of 146 cells.
func TestReadFileCRLineEndings(t *testing.T) {
	src, err := os.ReadFile(dataPath(t, "air_passengers_monthly.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lf := string(src)
	want, err := ReadCSV(strings.NewReader(lf), "lf.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, c := range []struct{ name, text string }{
		{"cr.csv", strings.ReplaceAll(lf, "\n", "\r")},
		{"crlf.csv", strings.ReplaceAll(lf, "\n", "\r\n")},
		{"cr-no-final.csv", strings.TrimSuffix(strings.ReplaceAll(lf, "\n", "\r"), "\r")},
	} {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(p, ReadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got.Rows != want.Rows || len(got.Columns) != len(want.Columns) || got.DateColumn != want.DateColumn {
			t.Fatalf("%s: %d rows, %d columns, date %q; want %d, %d, %q", c.name, got.Rows, len(got.Columns), got.DateColumn, want.Rows, len(want.Columns), want.DateColumn)
		}
		for j := range want.Columns {
			g, w := got.Columns[j], want.Columns[j]
			if g.Name != w.Name || g.Type != w.Type || len(g.Numbers) != len(w.Numbers) {
				t.Fatalf("%s: column %d = %q %v; want %q %v", c.name, j, g.Name, g.Type, w.Name, w.Type)
			}
			for i := range w.Numbers {
				if g.Numbers[i] != w.Numbers[i] {
					t.Fatalf("%s: column %q row %d = %v; want %v", c.name, w.Name, i, g.Numbers[i], w.Numbers[i])
				}
			}
		}
		if got.Line(10) != want.Line(10) {
			t.Errorf("%s: row 10 is on line %d; want %d", c.name, got.Line(10), want.Line(10))
		}
		if b, _ := os.ReadFile(p); string(b) != c.text {
			t.Errorf("%s: the file was modified", c.name)
		}
	}
	// A CR inside a quoted cell of an LF file stays in the cell.
	tab := read(t, "d,note,v\n2020-01-01,\"a\rb\",1\n2020-01-02,c,2\n")
	if tab.Rows != 2 || tab.Columns[1].Text[0] != "a\rb" {
		t.Errorf("quoted CR: rows %d, cell %q", tab.Rows, tab.Columns[1].Text)
	}
}
