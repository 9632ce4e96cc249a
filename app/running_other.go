//go:build !unix

package app

import "os"

// running reports whether a process with this ID exists: on Windows,
// FindProcess opens it and fails when there is none.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
