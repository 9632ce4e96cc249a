//go:build unix

package fileio

import (
	"io/fs"
	"os"
	"syscall"
)

// openRegular opens path read-only without blocking (a FIFO swapped in
// after the caller's check would otherwise block the open until a writer
// appears), checks that what it opened is a regular file, and only then
// makes the descriptor blocking again for ordinary reads.
func openRegular(path string) (*os.File, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		fi, err := os.Stat(path)
		m := fs.ModeIrregular
		if err == nil {
			m = fi.Mode()
		}
		return nil, notRegular("", path, m, "choose a file")
	}
	if err := syscall.SetNonblock(fd, false); err != nil {
		syscall.Close(fd)
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}
