package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/forecaster-dev/forecaster/app/project"
)

// Recovery is the autosave of a session in a folder of the user's (the
// app's storage): each running Forecaster writes its own recovery file
// and marker, named by its process ID, so that two windows open at once
// neither overwrite nor offer each other's. A marker left by a process
// that is no longer running means that session did not end cleanly, and
// its recovery file is worth offering.
type Recovery struct {
	Dir string
	PID int // the session's process; 0: this one (a test of a crash sets another)
}

const (
	markerPrefix    = "session-"
	markerExt       = ".open"
	recoveryPrefix  = "recovery-"
	recoveredPrefix = "recovered-"
)

func (r Recovery) id() int {
	if r.PID == 0 {
		return os.Getpid()
	}
	return r.PID
}

func (r Recovery) file(prefix string, pid int, ext string) string {
	return filepath.Join(r.Dir, prefix+strconv.Itoa(pid)+ext)
}

// Path is this session's recovery file.
func (r Recovery) Path() string { return r.file(recoveryPrefix, r.id(), project.Ext) }

// Begin marks this session as open and returns a recovery file left by a
// session that did not end cleanly ("" when there is none to offer), moved
// aside so that no autosave overwrites it. It stays offered, launch after
// launch, until Discard (the user restored or declined it); with several,
// the newest is offered first.
func (r Recovery) Begin() (string, error) {
	if err := os.MkdirAll(r.Dir, 0o700); err != nil {
		return "", fmt.Errorf("app: recovery folder: %w", err)
	}
	entries, _ := os.ReadDir(r.Dir)
	for _, e := range entries {
		pid, ok := pidOf(e.Name(), markerPrefix, markerExt)
		if !ok || pid == r.id() || running(pid) {
			continue
		}
		os.Rename(r.file(recoveryPrefix, pid, project.Ext), r.file(recoveredPrefix, pid, project.Ext))
		os.Remove(r.file(markerPrefix, pid, markerExt))
	}
	if err := os.WriteFile(r.file(markerPrefix, r.id(), markerExt), nil, 0o600); err != nil {
		return "", fmt.Errorf("app: recovery marker: %w", err)
	}
	return r.newestOffered(), nil
}

// newestOffered is the newest recovered file in the folder, or "".
func (r Recovery) newestOffered() string {
	entries, _ := os.ReadDir(r.Dir)
	best, bestTime := "", int64(0)
	for _, e := range entries {
		if _, ok := pidOf(e.Name(), recoveredPrefix, project.Ext); !ok || !e.Type().IsRegular() {
			continue
		}
		if fi, err := e.Info(); err == nil && (best == "" || fi.ModTime().UnixNano() > bestTime) {
			best, bestTime = filepath.Join(r.Dir, e.Name()), fi.ModTime().UnixNano()
		}
	}
	return best
}

// pidOf reads the process ID from a name prefix+ID+ext.
func pidOf(name, prefix, ext string) (int, bool) {
	s, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	s, ok = strings.CutSuffix(s, ext)
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(s)
	return pid, err == nil && pid > 0
}

// Save autosaves the session to this session's recovery file.
func (r Recovery) Save(s *Session, view ProjectView) error {
	return s.SaveProject(r.Path(), view)
}

// Discard removes a recovery file Begin offered, once the user restored
// or declined it.
func (r Recovery) Discard(offered string) {
	if _, ok := pidOf(filepath.Base(offered), recoveredPrefix, project.Ext); ok && filepath.Dir(offered) == filepath.Clean(r.Dir) {
		os.Remove(offered)
	}
}

// End is a clean end: this session's recovery file and marker go.
func (r Recovery) End() {
	os.Remove(r.Path())
	os.Remove(r.file(markerPrefix, r.id(), markerExt))
}
