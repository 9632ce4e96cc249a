package fileio

import (
	"io/fs"
	"os"
)

// OpenInput opens path for reading if it is a regular file (a symlink to
// one is fine) and returns the open file and what it is. A directory, FIFO,
// device or socket gives an *Error wrapping ErrNotRegular, without the path
// being opened in a way that could block; a path that cannot be opened
// gives the operating system's *fs.PathError.
func OpenInput(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if pe, ok := err.(*fs.PathError); ok {
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: pe.Err} // what the caller tried
	}
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, notRegular("", path, fi.Mode(), "choose a file")
	}
	f, err := openRegular(path)
	if err != nil {
		return nil, nil, err
	}
	if fi, err = f.Stat(); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// notRegular is the refusal of a path whose mode is not a regular file's.
func notRegular(role, path string, m fs.FileMode, hint string) *Error {
	return &Error{Role: role, Path: path, Msg: kind(m), Hint: hint, Err: ErrNotRegular}
}

// kind says what a non-regular file is.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "is a directory, not a file"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a file"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a file"
	case m&fs.ModeCharDevice != 0:
		return "is a character device, not a file"
	case m&fs.ModeDevice != 0:
		return "is a block device, not a file"
	}
	return "is not a regular file"
}
