package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// Edit is one change a person made to the settings or to the column
// choices, with both states, so it can be undone and redone.
type Edit struct {
	Name string // as the Edit menu shows it: "horizon 12 → 24"

	settings   bool // a settings edit; else a columns edit
	before     config.Settings
	after      config.Settings
	specBefore tsdata.SeriesSpec
	specAfter  tsdata.SeriesSpec
	field      string // the one setting changed, for merging keystrokes
	at         time.Time
}

// Edits is the undo history of settings and column choices: the window
// records each change after it is made, and Undo and Redo put the session
// back to the state before or after it. Typing in one field makes one edit
// (keystrokes on the same setting within mergeWithin merge), so "12" →
// "24" is undone at once. Not safe for concurrent use: the UI goroutine
// owns it.
type Edits struct {
	undo, redo []Edit
	now        func() time.Time // nil = time.Now
}

// mergeWithin is how close in time two changes of the same setting must be
// to merge into one edit.
const mergeWithin = 2 * time.Second

// maxEdits bounds the history.
const maxEdits = 200

func (h *Edits) clock() time.Time {
	if h.now == nil {
		return time.Now()
	}
	return h.now()
}

// Settings records a change of the settings from before to after (nothing
// when they are equal).
func (h *Edits) Settings(before, after config.Settings) {
	if before == after {
		return
	}
	changed := changedFields(before, after)
	now := h.clock()
	if n := len(h.undo); n > 0 && len(changed) == 1 {
		last := &h.undo[n-1]
		if last.settings && last.field == changed[0] && now.Sub(last.at) < mergeWithin && last.after == before {
			last.after, last.at = after, now
			if last.before == last.after {
				h.undo = h.undo[:n-1]
			} else {
				last.Name = settingsName(last.before, last.after)
			}
			h.redo = nil
			return
		}
	}
	e := Edit{settings: true, before: before, after: after, at: now, Name: settingsName(before, after)}
	if len(changed) == 1 {
		e.field = changed[0]
	}
	h.push(e)
}

// Columns records a change of the column choices, from the data before to
// the data after (nothing when either is nil or the columns are the same).
func (h *Edits) Columns(from, to *Data) {
	if from == nil || to == nil || from.Table != to.Table {
		return
	}
	before, after := chosen(from), chosen(to)
	if sameSpec(before, after) {
		return
	}
	h.push(Edit{specBefore: before, specAfter: after, at: h.clock(), Name: columnsName(before, after)})
}

func (h *Edits) push(e Edit) {
	h.undo = append(h.undo, e)
	if len(h.undo) > maxEdits {
		h.undo = slices.Delete(h.undo, 0, len(h.undo)-maxEdits)
	}
	h.redo = nil
}

// Clear forgets every edit (other data or a project were opened: the
// edits no longer apply).
func (h *Edits) Clear() { h.undo, h.redo = nil, nil }

// UndoName and RedoName name the edit Undo or Redo would apply, "" when
// there is none.
func (h *Edits) UndoName() string {
	if len(h.undo) == 0 {
		return ""
	}
	return h.undo[len(h.undo)-1].Name
}

// RedoName: see UndoName.
func (h *Edits) RedoName() string {
	if len(h.redo) == 0 {
		return ""
	}
	return h.redo[len(h.redo)-1].Name
}

// Undo puts the session back to the state before the last edit and
// returns it. It may stop a running job (SelectColumns does); call it off
// the UI goroutine when a job may run. On error the edit stays where it
// was.
func (h *Edits) Undo(s *Session) (Edit, error) {
	if len(h.undo) == 0 {
		return Edit{}, nil
	}
	e := h.undo[len(h.undo)-1]
	if err := e.apply(s, false); err != nil {
		return e, err
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, e)
	return e, nil
}

// Redo applies again the last edit undone.
func (h *Edits) Redo(s *Session) (Edit, error) {
	if len(h.redo) == 0 {
		return Edit{}, nil
	}
	e := h.redo[len(h.redo)-1]
	if err := e.apply(s, true); err != nil {
		return e, err
	}
	h.redo = h.redo[:len(h.redo)-1]
	e.at = time.Time{} // a redone edit never merges with the next keystroke
	h.undo = append(h.undo, e)
	return e, nil
}

// Columns reports whether the edit changed the column choices (the Data
// tab must show them), not the settings.
func (e Edit) Columns() bool { return !e.settings && e.Name != "" }

func (e Edit) apply(s *Session, redo bool) error {
	if e.settings {
		set := e.before
		if redo {
			set = e.after
		}
		return s.SetSettings(set)
	}
	spec := e.specBefore
	if redo {
		spec = e.specAfter
	}
	_, err := s.SelectColumns(spec)
	return err
}

// changedFields lists the json names of the settings that differ.
func changedFields(a, b config.Settings) []string {
	var out []string
	for _, f := range config.Fields() {
		if f.Text(&a) != f.Text(&b) {
			out = append(out, f.Name)
		}
	}
	return out
}

// settingsName names a settings edit: "horizon 12 → 24" for one field,
// "horizon, season" for two or three, "5 settings" for more.
func settingsName(a, b config.Settings) string {
	changed := changedFields(a, b)
	switch {
	case len(changed) == 1:
		f, _ := config.FieldByName(changed[0])
		return fmt.Sprintf("%s %s → %s", strings.ToLower(f.Label), Clip(f.Text(&a), 24), Clip(f.Text(&b), 24))
	case len(changed) <= 3:
		labels := make([]string, len(changed))
		for i, n := range changed {
			f, _ := config.FieldByName(n)
			labels[i] = strings.ToLower(f.Label)
		}
		return strings.Join(labels, ", ")
	}
	return fmt.Sprintf("%d settings", len(changed))
}

// columnsName names a columns edit by what changed first: the value
// column, the date column, the extra inputs or the missing-value policy.
func columnsName(a, b tsdata.SeriesSpec) string {
	switch {
	case a.ValueCol != b.ValueCol:
		return fmt.Sprintf("column %s → %s", Clip(a.ValueCol, 24), Clip(b.ValueCol, 24))
	case a.DateCol != b.DateCol:
		return fmt.Sprintf("date column %s → %s", Clip(dateName(a.DateCol), 24), Clip(dateName(b.DateCol), 24))
	case !slices.Equal(a.Covariates, b.Covariates):
		return fmt.Sprintf("extra inputs (%d → %d)", len(a.Covariates), len(b.Covariates))
	}
	return fmt.Sprintf("missing values %s → %s", a.Missing, b.Missing)
}

// chosen is the spec of d with the columns it resolved to: the date
// column found ("-" for none) and the value column picked, so that
// applying it gives d's series whatever the spec left to be proposed.
func chosen(d *Data) tsdata.SeriesSpec {
	spec := d.Spec
	spec.Covariates = slices.Clone(spec.Covariates)
	if d.Report != nil {
		spec.DateCol, spec.ValueCol = d.Report.DateColumn, d.Report.ValueColumn
	}
	if spec.DateCol == "" {
		spec.DateCol = "-"
	}
	return spec
}

func dateName(c string) string {
	if c == "" || c == "-" {
		return "row number"
	}
	return c
}

func sameSpec(a, b tsdata.SeriesSpec) bool {
	return a.DateCol == b.DateCol && a.ValueCol == b.ValueCol && a.Missing == b.Missing && slices.Equal(a.Covariates, b.Covariates)
}
