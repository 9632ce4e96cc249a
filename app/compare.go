package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// MaxRunName bounds the name a person gives a run (RenameRun), in runes.
const MaxRunName = 40

// RenameRun names a run for the legends and tables that show it ("" gives
// back its number alone). The name is one line of at most MaxRunName
// runes; longer names are refused rather than cut.
func (s *Session) RenameRun(id int, name string) error {
	name = strings.Join(strings.Fields(name), " ")
	if n := utf8.RuneCountInString(name); n > MaxRunName {
		return fmt.Errorf("app: a run's name has at most %d characters (this one has %d)", MaxRunName, n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		if r.ID == id {
			r.Name = name
			s.bump()
			s.signal()
			return nil
		}
	}
	return fmt.Errorf("app: no run %d in this session", id)
}

// DataKey identifies the series a run was trained on: the file or sample,
// the column and the number of points. Runs with different keys forecast
// different things, so their errors and forecasts are not compared.
func (r *Run) DataKey() string {
	n := 0
	if r.Data != nil {
		n = r.Data.Len()
	}
	return fmt.Sprintf("%s\x00%s\x00%d", r.Source, r.Series, n)
}

// DataLabel names the series of DataKey for people, e.g. "passengers ·
// air_passengers.csv · 144 points", its words written by tr (fmt.Sprintf
// for English; the window passes its translator, which is given the
// formats "sample %s" and "%s · %s · %d points").
func (r *Run) DataLabel(tr func(format string, a ...any) string) string {
	src := r.Source
	if id, ok := strings.CutPrefix(src, "sample:"); ok {
		src = tr("sample %s", id)
	} else {
		src = filepath.Base(src)
	}
	n := 0
	if r.Data != nil {
		n = r.Data.Len()
	}
	return Clip(tr("%s · %s · %d points", r.Series, src, n), 2*MaxRunName)
}
