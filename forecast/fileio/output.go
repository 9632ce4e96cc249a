package fileio

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// File is a path with the role it plays in a command, for messages: the
// flag it came from ("-out") or a word ("the model file"). An empty Path is
// an output or input not asked for, and is skipped.
type File struct {
	Role, Path string
}

// CheckPaths refuses, before any work, outputs that would put a file at
// risk: an output that is one of the inputs or another output, an existing
// output that is not a regular file, and an output whose directory does not
// exist or cannot be written. Inputs are not opened; a missing input is
// left for the reader to report.
func CheckPaths(inputs, outputs []File) error {
	outs := make([]identity, len(outputs))
	for i, o := range outputs {
		if o.Path == "" {
			continue
		}
		if err := CheckOutput(o); err != nil {
			return err
		}
		outs[i] = identify(o.Path)
	}
	for i, o := range outputs {
		if o.Path == "" || !outs[i].ok {
			continue
		}
		for _, in := range inputs {
			if in.Path == "" {
				continue
			}
			if id := identify(in.Path); id.ok && outs[i].same(id) {
				return &Error{Role: o.Role, Path: o.Path, Msg: "is the same file as the input", OtherRole: in.Role, OtherPath: in.Path,
					Hint: "writing it would destroy the input: choose another output file", Err: ErrSameFile}
			}
		}
		for j := range i {
			if outputs[j].Path != "" && outs[j].ok && outs[i].same(outs[j]) {
				return &Error{Role: o.Role, Path: o.Path, Msg: "is the same file as", OtherRole: outputs[j].Role, OtherPath: outputs[j].Path,
					Hint: "one would overwrite the other: give each output its own file", Err: ErrSameFile}
			}
		}
	}
	return nil
}

// CheckOutput refuses an output that exists and is not a regular file, or
// whose directory is missing or cannot be written. The directory is tried
// by creating and removing a temporary file in it.
func CheckOutput(o File) error {
	real, err := resolve(o.Path)
	if err != nil {
		return fmt.Errorf("fileio: %w", err)
	}
	fi, err := os.Stat(real)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		return notRegular(o.Role, o.Path, fi.Mode(), "writing would replace it: choose a file name")
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return &Error{Role: o.Role, Path: o.Path, Msg: "cannot be written: " + reason(err), Hint: "choose another file", Err: err}
	}
	dir := filepath.Dir(real)
	dfi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Role: o.Role, Path: o.Path, Msg: "is in a folder that does not exist", Hint: "create the folder or choose another", Err: err}
	case err != nil:
		return &Error{Role: o.Role, Path: o.Path, Msg: "cannot be written: " + reason(err), Hint: "choose another folder", Err: err}
	case !dfi.IsDir():
		return &Error{Role: o.Role, Path: o.Path, Msg: "is inside something that is not a folder", Hint: "choose another folder", Err: ErrNotWritable}
	}
	f, err := createTemp(dir, filepath.Base(real), 0o600)
	if err != nil {
		return &Error{Role: o.Role, Path: o.Path, Msg: "cannot be written (" + reason(err) + ")", Hint: "choose a folder you can write to", Err: ErrNotWritable}
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// identity is what two spellings of one path share: the file, when it
// exists; otherwise its directory and name.
type identity struct {
	ok   bool
	file fs.FileInfo // the file itself, when it exists
	dir  fs.FileInfo // else its directory
	base string
}

func identify(path string) identity {
	if fi, err := os.Stat(path); err == nil {
		return identity{ok: true, file: fi}
	}
	real, err := resolve(path)
	if err != nil {
		return identity{}
	}
	dfi, err := os.Stat(filepath.Dir(real))
	if err != nil {
		return identity{}
	}
	return identity{ok: true, dir: dfi, base: filepath.Base(real)}
}

func (a identity) same(b identity) bool {
	switch {
	case a.file != nil && b.file != nil:
		return os.SameFile(a.file, b.file)
	case a.file == nil && b.file == nil:
		return os.SameFile(a.dir, b.dir) && a.base == b.base
	}
	return false
}

// resolve follows path through symlinks, also a link to a file that does
// not exist yet, and returns the path a write replaces.
func resolve(path string) (string, error) {
	p := filepath.Clean(path)
	for range 64 {
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = target
	}
	return "", &fs.PathError{Op: "resolve", Path: path, Err: errors.New("too many levels of symbolic links")}
}

// reason is the operating system's words for err, without the path.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
