package safefiles

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"

	"github.com/forecaster-dev/forecaster/app"
)

// Fyne's file dialogs (v2.7.1, dialog/file.go) open the chosen file before
// they hand it to their callback, on the UI goroutine: the save dialog calls
// storage.Writer, which opens the file with O_TRUNC — an existing file is
// emptied before we write anything, and stays empty if our write then
// fails — and the open dialog calls storage.Reader, which blocks for ever
// on a named pipe. The window only needs the chosen path (every file is
// written through a temporary file renamed over it), so the "file"
// repository is wrapped: its Writer touches nothing until something is
// written, and its Reader refuses what is not a regular file.

// fileRepository is what Fyne's "file" repository implements; a wrapper
// must implement it all, or the dialogs lose listing and navigation.
type fileRepository interface {
	repository.WritableRepository
	repository.AppendableRepository
	repository.HierarchicalRepository
	repository.ListableRepository
	repository.MovableRepository
	repository.CopyableRepository
	repository.DeleteAllRepository
}

// guardedFiles is the "file" repository with a Writer that neither opens
// nor truncates the file and a Reader that refuses special files; the rest
// is the driver's repository.
type guardedFiles struct {
	fileRepository
}

var _ fileRepository = guardedFiles{}

// Guard registers guardedFiles around the driver's "file"
// repository (the driver registers its own when the app is created). It
// reports whether the repository is guarded.
func Guard() bool {
	r, err := repository.ForScheme("file")
	if err != nil {
		return false
	}
	switch r := r.(type) {
	case guardedFiles:
		return true
	case fileRepository:
		repository.Register("file", guardedFiles{r})
		return true
	}
	return false
}

// Child is the URI of component inside u, as the driver's — except that a
// full path ("/home/ann/out.csv", "~/out.csv") names that file: the save
// dialog passes whatever is typed in its name field here, and joining a
// full path to the folder shown gave "no such file or directory".
func (g guardedFiles) Child(u fyne.URI, component string) (fyne.URI, error) {
	if p, ok := app.FullPath(component); ok {
		return storage.NewFileURI(p), nil
	}
	return g.fileRepository.Child(u, component)
}

// Reader opens u for reading, unless it names something other than a
// regular file (a pipe, a device, a folder): opening a pipe blocks until
// another program writes to it, and the dialogs open files on the UI
// goroutine.
func (g guardedFiles) Reader(u fyne.URI) (fyne.URIReadCloser, error) {
	if err := app.CheckRegular(u.Path()); err != nil {
		return nil, err
	}
	return g.fileRepository.Reader(u)
}

// Writer returns a writer that keeps what is written in memory and writes
// it to u through a temporary file renamed over it on Close; when nothing
// was written, Close leaves the file alone. An existing file that is not a
// regular file (a device, a pipe) is refused.
func (g guardedFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	if err := app.CheckRegular(u.Path()); err != nil {
		return nil, err
	}
	return &pendingFile{uri: u}, nil
}

// pendingFile is the writer of guardedFiles.
type pendingFile struct {
	uri    fyne.URI
	buf    bytes.Buffer
	wrote  bool
	closed bool
}

func (f *pendingFile) URI() fyne.URI { return f.uri }

func (f *pendingFile) Write(p []byte) (int, error) {
	if f.closed {
		return 0, os.ErrClosed
	}
	f.wrote = true
	return f.buf.Write(p)
}

// Close writes what was written, atomically, or does nothing when nothing
// was.
func (f *pendingFile) Close() error {
	if f.closed {
		return os.ErrClosed
	}
	f.closed = true
	if !f.wrote {
		return nil
	}
	return app.WriteBytes(f.uri.Path(), f.buf.Bytes())
}

// maxFileName is the longest default file name, in runes.
const maxFileName = 100

// Name makes name, a default file name for a save dialog built from
// a series or column name, one safe file name in the dialog's folder: path
// separators and characters Windows forbids become "_", white space a
// space, control and invisible formatting characters are dropped, runs of dots become one dot,
// dots, spaces, "_" and "-" are trimmed from both ends (no hidden file, no
// "..", no name Windows would change), and the name is cut to maxFileName
// runes keeping its extension. An empty result gives fallback. A column
// named "../../../PWNED" made the dialog save three folders up.
func Name(name, fallback string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsSpace(r): // tabs and line breaks too
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
		case !unicode.IsPrint(r):
		case strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	s := b.String()
	for strings.Contains(s, "..") {
		s = strings.ReplaceAll(s, "..", ".")
	}
	const edges = " ._-"
	s = strings.Trim(s, edges)
	if r := []rune(s); len(r) > maxFileName {
		ext := []rune(filepath.Ext(s))
		if len(ext) > maxFileName/4 {
			ext = nil
		}
		s = strings.TrimRight(string(r[:maxFileName-len(ext)]), edges) + string(ext)
	}
	if s == "" {
		return fallback
	}
	return s
}
