//go:build unix

package app

import (
	"errors"
	"syscall"
)

// running reports whether a process with this ID exists (a signal 0
// checks without sending anything; EPERM means it exists as another
// user's).
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
