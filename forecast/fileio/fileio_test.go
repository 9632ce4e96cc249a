//go:build unix

package fileio

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// write puts text in a new file under dir and returns its path.
func write(t *testing.T, dir, name, text string, perm os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, perm); err != nil { // WriteFile's perm is subject to the umask
		t.Fatal(err)
	}
	return p
}

func fifo(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return p
}

// within fails the test if f does not return within a second (a FIFO
// opened for reading blocks until a writer appears).
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s blocked", what)
	}
}

func TestOpenInputRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	pipe := fifo(t, dir)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(pipe, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{dir, "is a directory, not a file"},
		{pipe, "is a named pipe (FIFO), not a file"},
		{link, "is a named pipe (FIFO), not a file"},
		{"/dev/zero", "is a character device, not a file"},
	} {
		within(t, "OpenInput("+c.path+")", func() {
			f, _, err := OpenInput(c.path)
			if f != nil {
				f.Close()
			}
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
				t.Errorf("OpenInput(%s) = %v; want ErrNotRegular, %q and the path", c.path, err, c.want)
			}
		})
	}
}

func TestOpenInputReadsRegularFile(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "data.csv", "date,value\n2020-01-01,1\n", 0o644)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("data.csv", link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{p, link} {
		f, fi, err := OpenInput(path)
		if err != nil {
			t.Fatalf("OpenInput(%s): %v", path, err)
		}
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil || string(b) != "date,value\n2020-01-01,1\n" || fi.Size() != int64(len(b)) {
			t.Errorf("OpenInput(%s): read %q, size %d, %v", path, b, fi.Size(), err)
		}
	}
	if _, _, err := OpenInput(filepath.Join(dir, "missing.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v; want os.ErrNotExist", err)
	}
}

func TestCheckPathsOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	data := write(t, dir, "data.csv", "date,value\n", 0o644)
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("data.csv", "symlink.csv"); err != nil {
		t.Fatal(err)
	}
	if err := os.Link("data.csv", "hardlink.csv"); err != nil {
		t.Fatal(err)
	}
	in := []File{{"-csv", "data.csv"}}
	for _, out := range []string{"data.csv", "./data.csv", "sub/../data.csv", data, "symlink.csv", "hardlink.csv", "sub//..//data.csv"} {
		err := CheckPaths(in, []File{{"-out", out}})
		if !errors.Is(err, ErrSameFile) {
			t.Errorf("output %q: %v; want ErrSameFile", out, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, `-out "`+out+`"`) || !strings.Contains(msg, `-csv "data.csv"`) {
			t.Errorf("output %q: message %q does not name both paths", out, msg)
		}
	}
	if b, _ := os.ReadFile(data); string(b) != "date,value\n" {
		t.Errorf("the input changed: %q", b)
	}
	// two outputs, neither existing yet, spelt differently
	err := CheckPaths(in, []File{{"-save", "model.json"}, {"-out", "sub/../model.json"}})
	if !errors.Is(err, ErrSameFile) || !strings.Contains(err.Error(), `-out "sub/../model.json" is the same file as -save "model.json"`) {
		t.Errorf("two outputs: %v", err)
	}
	// a dangling symlink resolves to the file a write would create
	if err := os.Symlink("new.csv", "dangling.csv"); err != nil {
		t.Fatal(err)
	}
	if err := CheckPaths(nil, []File{{"-out", "new.csv"}, {"-history", "dangling.csv"}}); !errors.Is(err, ErrSameFile) {
		t.Errorf("dangling symlink: %v; want ErrSameFile", err)
	}
	if err := CheckPaths(in, []File{{"-out", "out.csv"}, {"-save", "sub/model.json"}, {"-history", ""}}); err != nil {
		t.Errorf("distinct outputs: %v", err)
	}
	if ents, _ := os.ReadDir("."); len(ents) != 5 {
		t.Errorf("CheckPaths left files behind: %v", ents)
	}
}

func TestCheckOutputRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	pipe := fifo(t, dir)
	for _, c := range []struct{ path, want string }{
		{"/dev/null", "is a character device, not a file"},
		{pipe, "is a named pipe (FIFO), not a file"},
		{dir, "is a directory, not a file"},
	} {
		err := CheckOutput(File{"-out", c.path})
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckOutput(%s) = %v; want ErrNotRegular and %q", c.path, err, c.want)
		}
	}
	within(t, "Write to a FIFO", func() {
		if err := WriteFile(pipe, []byte("x")); !errors.Is(err, ErrNotRegular) {
			t.Errorf("WriteFile(FIFO) = %v; want ErrNotRegular", err)
		}
	})
	if fi, err := os.Lstat(pipe); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi, err)
	}
}

func TestCheckOutputDirectory(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "file.csv", "x", 0o644)
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "missing", "out.csv"), "is in a folder that does not exist"},
		{filepath.Join(file, "out.csv"), "cannot be written"},
	} {
		if err := CheckOutput(File{"-out", c.path}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckOutput(%s) = %v; want %q", c.path, err, c.want)
		}
	}
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		err := CheckOutput(File{"-out", filepath.Join(ro, "out.csv")})
		if !errors.Is(err, ErrNotWritable) || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("read-only folder: %v; want ErrNotWritable", err)
		}
	}
	if err := CheckOutput(File{"-out", filepath.Join(dir, "out.csv")}); err != nil {
		t.Errorf("writable folder: %v", err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("the probe %s was left behind", e.Name())
		}
	}
}

func TestWriteKeepsMode(t *testing.T) {
	p := write(t, t.TempDir(), "secret.csv", "old", 0o600)
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after the write = %v; want -rw------- as before", fi.Mode())
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content = %q", b)
	}
}

func TestWriteHonoursUmask(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		umask int
		want  os.FileMode
	}{{0o077, 0o600}, {0o022, 0o644}, {0o002, 0o664}} {
		old := syscall.Umask(c.umask)
		p := filepath.Join(dir, "new.csv")
		err := WriteFile(p, []byte("x"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != c.want {
			t.Errorf("umask %03o: new file mode %v; want %v", c.umask, fi.Mode().Perm(), c.want)
		}
		os.Remove(p)
	}
}

func TestWriteRemovesStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * StaleAge)
	stale := write(t, dir, ".out.csv.0123456789abcdef.forecaster.tmp", "killed", 0o600)
	fresh := write(t, dir, ".out.csv.fedcba9876543210.forecaster.tmp", "writing", 0o600)
	mine := write(t, dir, ".notes.forecaster.tmp", "a user's file", 0o600)
	other := write(t, dir, ".out.csv.123.tmp", "another program's", 0o600)
	for _, p := range []string{stale, mine, other} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteFile(filepath.Join(dir, "out.csv"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temp file kept: %v", err)
	}
	for _, p := range []string{fresh, mine, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(p), err)
		}
	}
}

func TestWriteFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "model.json", "IMPORTANT USER DATA", 0o644)
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half a fi")
		return errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Write = %v; want the write's error", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "IMPORTANT USER DATA" {
		t.Errorf("old file = %q after a failed write", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temporary file left: %v", ents)
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := write(t, dir, "real/out.csv", "old", 0o640)
	link := filepath.Join(dir, "out.csv")
	if err := os.Symlink("real/out.csv", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced: %v %v", fi, err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target = %q", b)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v", fi.Mode())
	}
}

func TestWriteLongName(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, strings.Repeat("é", 120)+".csv") // 244 bytes: near the 255-byte limit
	if err := WriteFile(p, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := CheckOutput(File{"-out", p}); err != nil {
		t.Fatal(err)
	}
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".out.csv.0123456789abcdef.forecaster.tmp": true,
		".x.0123456789abcdef.forecaster.tmp":       true,
		"out.csv.0123456789abcdef.forecaster.tmp":  false,
		".out.csv.0123456789abcdeg.forecaster.tmp": false,
		".out.csv-0123456789abcdef.forecaster.tmp": false,
		".notes.forecaster.tmp":                    false,
		".out.csv.0123456789abcdef.tmp":            false,
	} {
		if isTemp(name) != want {
			t.Errorf("isTemp(%q) = %v", name, !want)
		}
	}
}
