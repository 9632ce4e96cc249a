package safefiles

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"
	"fyne.io/fyne/v2/test"
)

const userData = "IMPORTANT USER DATA\n"

// TestGuardedFileRepository: the window's "file" repository hands out
// writers that leave the file alone until written and closed, and refuses
// to open named pipes (which block their reader) for the dialogs.
func TestGuardedFileRepository(t *testing.T) {
	test.NewTempApp(t)
	Guard()
	if r, _ := repository.ForScheme("file"); !isGuarded(r) {
		t.Fatalf("the file repository is %T; want guardedFiles", r)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "keep.csv")
	os.WriteFile(p, []byte(userData), 0o600)
	w, err := storage.Writer(storage.NewFileURI(p))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != userData {
		t.Fatalf("storage.Writer changed the file to %q", b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != userData {
		t.Fatalf("closing an unused writer changed the file to %q", b)
	}
	w, _ = storage.Writer(storage.NewFileURI(p))
	w.Write([]byte("new "))
	w.Write([]byte("content"))
	if b, _ := os.ReadFile(p); string(b) != userData {
		t.Fatalf("the file changed before Close: %q", b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new content" {
		t.Fatalf("after Close the file holds %q; want %q", b, "new content")
	}

	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	t.Cleanup(func() { unblockFIFO(fifo) })
	done := make(chan error, 1)
	go func() {
		r, err := storage.Reader(storage.NewFileURI(fifo))
		if r != nil {
			r.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("storage.Reader(named pipe) = %v; want an error naming a named pipe", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("storage.Reader blocks on a named pipe")
	}
	if _, err := storage.Writer(storage.NewFileURI(fifo)); err == nil {
		t.Error("storage.Writer(named pipe) = nil error; want a refusal")
	}
}

func isGuarded(r repository.Repository) bool {
	_, ok := r.(guardedFiles)
	return ok
}

// unblockFIFO opens the named pipe for writing without blocking, which
// releases a reader stuck opening it (a test that failed), then closes it.
func unblockFIFO(path string) {
	if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
}

func TestSafeFileName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"sales-forecast.csv", "sales-forecast.csv"},
		{"Umsatz €-forecast.csv", "Umsatz €-forecast.csv"},
		{"../../../PWNED-forecast.csv", "PWNED-forecast.csv"},
		{`..\..\evil-model.json`, "evil-model.json"},
		{"/etc/passwd-forecast.csv", "etc_passwd-forecast.csv"},
		{"a/../b-forecast.csv", "a_._b-forecast.csv"},
		{"C:\\Users\\x-forecast.csv", "C__Users_x-forecast.csv"},
		{"red\x1b[31m\u202e\tname\n-history.csv", "red[31m name -history.csv"},
		{".hidden-forecast.csv", "hidden-forecast.csv"},
		{"..", "export.csv"},
		{"", "export.csv"},
		{"\x00\x01/", "export.csv"},
		{"trailing. . ", "trailing"},
		{"bad\xffutf8.csv", "badutf8.csv"},
		{strings.Repeat("x", 10000) + "-forecast.csv", strings.Repeat("x", maxFileName-4) + ".csv"},
	} {
		got := Name(c.in, "export.csv")
		if got != c.want {
			t.Errorf("Name(%.60q) = %q; want %q", c.in, got, c.want)
		}
		if filepath.Base(got) != got || strings.Contains(got, "..") || strings.ContainsAny(got, `/\`) || len([]rune(got)) > maxFileName {
			t.Errorf("Name(%.60q) = %q: not one safe file name", c.in, got)
		}
	}
}
