package fileio

import (
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// StaleAge is how old a temporary file of ours must be before a write into
// its directory removes it: far longer than any write takes, so only the
// leftovers of a killed process qualify.
const StaleAge = time.Hour

// tempSuffix ends the name of every temporary file this package creates.
const tempSuffix = ".forecaster.tmp"

// WriteFile writes data to path atomically; see Write.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write writes a file atomically: write fills a temporary file in path's
// directory, which is synced and renamed over path (over the file a symlink
// points to, keeping the link). On any error path is left as it was and the
// temporary file is removed. An existing file keeps its permission bits; a
// new one gets 0666 less the umask. An existing path that is not a regular
// file is refused (ErrNotRegular). Stale temporary files of ours in the
// directory are removed (see StaleAge).
func Write(path string, write func(w io.Writer) error) (err error) {
	real, err := resolve(path)
	if err != nil {
		return writeError(path, err)
	}
	perm, keep := fs.FileMode(0o666), false // the kernel applies the umask to a new file
	switch fi, err := os.Stat(real); {
	case err == nil && !fi.Mode().IsRegular():
		return notRegular("", path, fi.Mode(), "writing would replace it: choose a file name")
	case err == nil:
		perm, keep = fi.Mode().Perm(), true
	case !errors.Is(err, fs.ErrNotExist):
		return writeError(path, err)
	}
	dir, base := filepath.Split(real)
	if dir == "" {
		dir = "."
	}
	create := perm
	if keep {
		create = 0o600 // until the chmod below: chmod is not subject to the umask
	}
	f, err := createTemp(dir, base, create)
	if err != nil {
		return writeError(path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = writeError(path, err)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if keep {
		if err = f.Chmod(perm); err != nil {
			return err
		}
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, real); err != nil {
		return err
	}
	syncDir(dir)
	removeStale(dir, time.Now())
	return nil
}

// writeError is a failed write of path: the operating system's reason
// (without the temporary file's name) or the write function's error.
func writeError(path string, err error) error {
	return &Error{Path: path, Msg: "cannot be written: " + reason(err), Err: err}
}

// createTemp creates a new file for writing named ".BASE.RANDOM.forecaster.tmp"
// in dir with permission perm (less the umask).
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	base = clipName(base, 100) // the name must stay under the file system's limit (255 bytes)
	var rnd [8]byte
	for range 100 {
		for i := range rnd {
			rnd[i] = byte(rand.Uint32())
		}
		name := filepath.Join(dir, "."+base+"."+hex.EncodeToString(rnd[:])+tempSuffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: dir, Err: fs.ErrExist}
}

// clipName cuts name to at most n bytes at a rune boundary.
func clipName(name string, n int) string {
	if len(name) <= n {
		return name
	}
	for n > 0 && !utf8.RuneStart(name[n]) {
		n--
	}
	return name[:n]
}

// isTemp reports whether name is one of our temporary files:
// ".BASE." followed by 16 hex digits and tempSuffix.
func isTemp(name string) bool {
	rest, ok := strings.CutSuffix(name, tempSuffix)
	if !ok || !strings.HasPrefix(rest, ".") || len(rest) < 19 || rest[len(rest)-17] != '.' {
		return false
	}
	_, err := hex.DecodeString(rest[len(rest)-16:])
	return err == nil
}

// removeStale removes our temporary files in dir older than StaleAge, as a
// killed process leaves them. Errors are ignored: this is housekeeping.
func removeStale(dir string, now time.Time) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.Type().IsRegular() || !isTemp(e.Name()) {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > StaleAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// syncDir makes a rename in dir durable. Some systems cannot sync a
// directory; the rename has happened either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
