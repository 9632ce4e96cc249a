//go:build !unix

package fileio

import "os"

// openRegular opens path read-only and checks that it is a regular file.
func openRegular(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, notRegular("", path, fi.Mode(), "choose a file")
	}
	return f, nil
}
