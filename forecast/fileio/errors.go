package fileio

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors wrapped by *Error, for errors.Is.
var (
	ErrNotRegular  = errors.New("fileio: not a regular file")
	ErrSameFile    = errors.New("fileio: output is an input or another output")
	ErrNotWritable = errors.New("fileio: cannot write there")
)

// Error is a refused input or output. It names the path (and, for a clash,
// the other path) with the role each plays, says what is wrong and how to
// fix it. Err is one of the sentinels above, or the operating system's
// error when it is the cause.
type Error struct {
	Role, Path           string // e.g. "-out", "out.csv"; Role may be empty
	OtherRole, OtherPath string // the path it clashes with, if any
	Msg                  string // what is wrong, e.g. "is a named pipe (FIFO), not a file"
	Hint                 string // how to fix it
	Err                  error
}

// Error returns e.g.
//
//	fileio: -out "data.csv" is the same file as -csv "./data.csv"; writing it would destroy the input: choose another output file
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("fileio: ")
	b.WriteString(named(e.Role, e.Path))
	b.WriteByte(' ')
	b.WriteString(e.Msg)
	if e.OtherPath != "" {
		b.WriteByte(' ')
		b.WriteString(named(e.OtherRole, e.OtherPath))
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns the sentinel or the operating system's error.
func (e *Error) Unwrap() error { return e.Err }

// named writes a path with its role: `-out "x.csv"`, or `"x.csv"`.
func named(role, path string) string {
	q := strconv.Quote(path)
	if role == "" {
		return q
	}
	return role + " " + q
}
