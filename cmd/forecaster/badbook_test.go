package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/app/project"
)

// newerProject writes the version 1 project fixture with its manifest
// claiming the version after the current one.
func newerProject(t *testing.T, dir string) string {
	t.Helper()
	zr, err := zip.OpenReader("../../app/project/testdata/v1.forecaster")
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		if f.Name == "manifest.json" {
			b = bytes.Replace(b, []byte(`"version": 1`), fmt.Appendf(nil, `"version": %d`, project.Version+1), 1)
			b = bytes.Replace(b, []byte(`"version":1`), fmt.Appendf(nil, `"version":%d`, project.Version+1), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	path := filepath.Join(dir, "newer"+project.Ext)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The bad input of issue 14 through the command line: a password-protected
// (OLE2) or damaged workbook and a project of a newer version are refused
// in one line saying what to do; a sheet that is not there lists the
// sheets; a CSV file named .xlsx is read as CSV, and inspect says so.
func TestBadWorkbooksCLI(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	csv, err := os.ReadFile(airPassengers)
	if err != nil {
		t.Fatal(err)
	}
	book, _ := os.ReadFile(airWorkbook + ".xlsx")
	locked := write("locked.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 4096)...))
	broken := write("broken.xlsx", book[:len(book)/2])
	renamed := write("renamed.xlsx", csv)
	for _, c := range []struct {
		args []string
		code int
		want []string // in stderr for a failure, stdout for success
	}{
		{[]string{"inspect", "-csv", locked}, 1, []string{"locked.xlsx: a password-protected workbook, or an old .xls file, not read here", "save it again as .xlsx without a password, or export the sheet as CSV"}},
		{[]string{"inspect", "-csv", broken}, 1, []string{"broken.xlsx: the workbook is damaged", "open it in a spreadsheet program and save it again, or export the sheet as CSV"}},
		{[]string{"inspect", "-csv", airWorkbook + ".xlsx", "-sheet", "Sales"}, 1, []string{`no sheet called "Sales"; the sheets are "Notes", "Passengers", "Chart"`}},
		{[]string{"inspect", "-csv", renamed}, 0, []string{"the file is named .xlsx but holds text, not a workbook; read it as CSV", "144"}},
		{[]string{"inspect", "-project", newerProject(t, dir)}, 1, []string{fmt.Sprintf("project format version %d", project.Version+1), "open it with a newer Forecaster"}},
	} {
		code, stdout, stderr := run(t, context.Background(), c.args...)
		out := stderr
		if c.code == 0 {
			out = stdout
		}
		if code != c.code {
			t.Errorf("%s: exit %d; want %d\nstdout %s\nstderr %s", strings.Join(c.args, " "), code, c.code, stdout, stderr)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output\n%s\nlacks %q", strings.Join(c.args, " "), out, w)
			}
		}
		if c.code != 0 && strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
			t.Errorf("%s: %d lines of errors; want one or two:\n%s", strings.Join(c.args, " "), strings.Count(stderr, "\n"), stderr)
		}
	}
}
