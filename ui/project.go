package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// Project files, autosave and undo in the window. The File menu saves
// and opens projects (app.Session.SaveProject, OpenProject) and lists the
// recent ones; a background loop autosaves to the recovery file whenever
// the session's app.ProjectMark has changed and then held still for a
// tick; the Edit menu undoes and redoes settings and column choices
// (app.Edits).

// prefRecentProjects lists the recent project files, most recent first.
const prefRecentProjects = "recent_projects"

// autosaveTick is how often the autosave loop looks at the session: a
// change is saved once it has held for one tick (typing in a field saves
// once, after the typing).
const autosaveTick = 1500 * time.Millisecond

// Keyboard shortcuts of the project and edit commands.
var (
	keySave    = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	keySaveAs  = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyOpenPrj = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyRedo    = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

// projectState is the window's part of project files and undo.
type projectState struct {
	mu       sync.Mutex // guards edits: undo and redo run off the UI goroutine
	edits    app.Edits
	path     string // the project file open or last saved; "" for none
	recovery *app.Recovery
	undoItem *fyne.MenuItem
	redoItem *fyne.MenuItem
	recent   *fyne.MenuItem
	menu     *fyne.MainMenu
	answer   func(restore bool) // the recovery question's answer, while it is asked
}

// projectFileItems are the File menu's project commands.
func (u *UI) projectFileItems() []*fyne.MenuItem {
	u.prj.recent = fyne.NewMenuItem("Recent projects", nil)
	u.prj.recent.ChildMenu = fyne.NewMenu("")
	u.fillRecentProjects()
	return []*fyne.MenuItem{
		{Label: "Open project…", Action: u.openProjectDialog, Shortcut: keyOpenPrj},
		u.prj.recent,
		{Label: "Save project", Action: u.saveProject, Shortcut: keySave},
		{Label: "Save project as…", Action: u.saveProjectAs, Shortcut: keySaveAs},
		fyne.NewMenuItemSeparator(),
	}
}

// editMenu is the Edit menu: Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z; Ctrl+Y
// as well), each naming its change. A shortcut of the main menu is
// triggered before the focused field sees it, so Ctrl+Z in a settings field
// undoes the last settings change and the field shows the value before it.
func (u *UI) editMenu() *fyne.Menu {
	u.prj.undoItem = &fyne.MenuItem{Label: "Undo", Action: u.undo, Shortcut: &fyne.ShortcutUndo{}, Disabled: true}
	u.prj.redoItem = &fyne.MenuItem{Label: "Redo", Action: u.redo, Shortcut: keyRedo, Disabled: true}
	// Ctrl+Y: Fyne gives a menu item one shortcut; a separator carrying
	// the second one draws as a line and is still found by its shortcut.
	alt := fyne.NewMenuItemSeparator()
	alt.Shortcut, alt.Action = &fyne.ShortcutRedo{}, u.redo
	return fyne.NewMenu("Edit", u.prj.undoItem, u.prj.redoItem, alt)
}

// helpItems are the Help menu's items beside About.
func (u *UI) helpItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{fyne.NewMenuItem("Keyboard shortcuts", func() {
		u.showMessage("Keyboard shortcuts", shortcutsHelp, "")
	})}
}

// shortcutsHelp lists every key of the window.
const shortcutsHelp = `Ctrl+O  open a data file (CSV)
Ctrl+Shift+O  open a project (.forecaster)
Ctrl+S  save the project; Ctrl+Shift+S  save it as…
Ctrl+Z  undo a change of settings or columns
Ctrl+Shift+Z or Ctrl+Y  redo it
Ctrl+Enter  train; Esc  stop
Alt+1 … Alt+6  switch tabs; Tab  move the focus
F1  the guide (Help ▸ Guide)`

// projectShortcuts adds the keys that are not on a menu item (the
// window's own menu bar handles those of its items).
func (u *UI) projectShortcuts() {
	c := u.win.Canvas()
	c.AddShortcut(keySave, func(fyne.Shortcut) { u.saveProject() })
	c.AddShortcut(keySaveAs, func(fyne.Shortcut) { u.saveProjectAs() })
	c.AddShortcut(keyOpenPrj, func(fyne.Shortcut) { u.openProjectDialog() })
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.undo() })
	c.AddShortcut(keyRedo, func(fyne.Shortcut) { u.redo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { u.redo() })
}

// view is the window's state a project keeps: the selected tab and the
// run the Forecast tab shows.
func (u *UI) view() app.ProjectView {
	v := app.ProjectView{}
	if t := u.Tabs.Selected(); t != nil {
		v["tab"] = t.Text
	}
	if id := u.Fc.ShowsRunID; id > 0 {
		v["forecast_run"] = strconv.Itoa(id)
	}
	return v
}

func (u *UI) saveProject() {
	if u.prj.path == "" {
		u.saveProjectAs()
		return
	}
	u.writeProject(u.prj.path)
}

func (u *UI) saveProjectAs() {
	if u.Session.Data() == nil {
		u.showError("Save project", app.ErrNoData)
		return
	}
	name := "project"
	if d := u.Session.Data(); d != nil && d.Sample != nil {
		name = d.Sample.ID
	} else if d != nil {
		name = strings.TrimSuffix(filepath.Base(d.Source), filepath.Ext(d.Source))
	}
	u.saveDialog("Save project", name+project.Ext, []string{project.Ext}, func(path string) error {
		return u.saveProjectTo(path, nil)
	})
}

// writeProject saves to path in the background; errors are shown.
func (u *UI) writeProject(path string) {
	u.background(func() {
		if err := u.saveProjectTo(path, nil); err != nil {
			u.do(func() { u.showError("Cannot save the project", err) })
		}
	})
}

// saveProjectTo writes the project (off the UI goroutine) and, once saved,
// makes path the window's project. view nil takes the window's.
func (u *UI) saveProjectTo(path string, view app.ProjectView) error {
	if view == nil {
		done := make(chan struct{})
		u.do(func() { view = u.view(); close(done) })
		<-done
	}
	if err := u.Session.SaveProject(path, view); err != nil {
		return err
	}
	u.do(func() { u.projectOpened(path) })
	return nil
}

// projectOpened makes path the window's project file: the title names
// it, and it heads the recent projects.
func (u *UI) projectOpened(path string) {
	u.prj.path = path
	u.win.SetTitle(Title + " — " + view.ShortName(filepath.Base(path)))
	p := u.App.Preferences()
	list := slices.DeleteFunc(p.StringList(prefRecentProjects), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > 8 {
		list = list[:8]
	}
	p.SetStringList(prefRecentProjects, list)
	u.fillRecentProjects()
}

// fillRecentProjects lists the recent projects under File.
func (u *UI) fillRecentProjects() {
	m := u.prj.recent.ChildMenu
	m.Items = nil
	for _, p := range u.App.Preferences().StringList(prefRecentProjects) {
		p := p
		m.Items = append(m.Items, fyne.NewMenuItem(app.Clip(p, 100), func() { u.openProject(p) }))
	}
	u.prj.recent.Disabled = len(m.Items) == 0
	u.refreshMenu()
}

func (u *UI) refreshMenu() {
	if u.prj.menu != nil {
		u.prj.menu.Refresh()
	}
}

func (u *UI) openProjectDialog() {
	u.openDialog("Cannot open the project", []string{project.Ext}, func(path string) {
		u.App.Preferences().SetString(prefLastDir, filepath.Dir(path))
		u.openProject(path)
	})
}

// openProject opens a project file in the background. On failure what is
// on screen stays and a dialog says why.
func (u *UI) openProject(path string) {
	u.openProjectThen(path, nil)
}

// openProjectThen is openProject, calling then (if not nil) on the UI
// goroutine once the open has ended, either way.
func (u *UI) openProjectThen(path string, then func(ok bool)) {
	u.confirmStop("Opening a project", func() {
		u.busy.Store(true)
		u.background(func() {
			d, v, err := u.Session.OpenProject(context.Background(), path)
			u.busy.Store(false)
			u.do(func() {
				if err != nil {
					what, todo := explain(err)
					switch {
					case errors.Is(err, project.ErrNewer):
						todo = "Open it with a newer Forecaster."
					case errors.Is(err, project.ErrBadProject):
						todo = "The file is damaged or is not a Forecaster project; if you have another copy, open that."
					}
					u.showMessage("Cannot open the project", what, strings.TrimSpace(todo+" What was on screen is still there."))
				} else {
					u.showProject(d, v)
					u.projectOpened(path)
				}
				if then != nil {
					then(err == nil)
				}
			})
		})
	})
}

// showProject shows an opened project on every tab. Runs on the UI
// goroutine.
func (u *UI) showProject(d *app.Data, v app.ProjectView) {
	u.prj.mu.Lock()
	u.prj.edits.Clear()
	u.prj.mu.Unlock()
	u.updateEditItems()
	u.Panel.Hide() // a project holds one series: no series list
	u.Data.showData(d)
	u.Set.fromSession()
	u.Fc.clear()
	u.Exp.ShowStatus(u.Session.Experiment())
	u.Exp.UpdateButtons()
	runs := u.Session.Runs()
	if r := lastResult(runs); r != nil {
		u.handledRun = r.ID
		u.Tr.showHistory(r)
		u.Tr.showProgress(u.Session.Progress(), r)
		if id, err := strconv.Atoi(v["forecast_run"]); err == nil {
			if i := slices.IndexFunc(runs, func(x *app.Run) bool { return x.ID == id && x.Result != nil }); i >= 0 {
				r = runs[i] // the run the Forecast tab showed when saved
			}
		}
		u.Fc.showRun(r)
	}
	u.Cmp.refresh()
	for i, t := range u.Tabs.Items {
		if t.Text == v["tab"] {
			u.Tabs.SelectIndex(i)
		}
	}
}

func lastResult(runs []*app.Run) *app.Run {
	for i := len(runs) - 1; i >= 0; i-- {
		if runs[i].Result != nil {
			return runs[i]
		}
	}
	return nil
}

// undo and redo apply the last edit off the UI goroutine (a change of
// columns stops a running job first, which may take a step) and then show
// the session's settings and columns.
func (u *UI) undo() { u.applyEdit(false) }
func (u *UI) redo() { u.applyEdit(true) }

func (u *UI) applyEdit(redo bool) {
	u.prj.mu.Lock()
	name := u.prj.edits.UndoName()
	if redo {
		name = u.prj.edits.RedoName()
	}
	u.prj.mu.Unlock()
	if name == "" {
		return
	}
	u.confirmStop("Undoing "+name, func() {
		u.background(func() {
			u.prj.mu.Lock()
			var e app.Edit
			var err error
			if redo {
				e, err = u.prj.edits.Redo(u.Session)
			} else {
				e, err = u.prj.edits.Undo(u.Session)
			}
			u.prj.mu.Unlock()
			d := u.Session.Data()
			u.do(func() {
				if err != nil {
					u.showError("Cannot undo "+e.Name, err)
				}
				if e.Columns() {
					u.Data.showData(d)
					u.Fc.clear()
				}
				u.Set.fromSession()
				u.updateEditItems()
			})
		})
	})
}

// settingsEdited records a settings change for undo. UI goroutine.
func (u *UI) settingsEdited(before, after config.Settings) {
	select {
	case <-u.ready:
	default:
		return // the window is being built: restored preferences are no edit
	}
	u.prj.mu.Lock()
	u.prj.edits.Settings(before, after)
	u.prj.mu.Unlock()
	u.updateEditItems()
}

// columnsEdited records a change of columns for undo. Any goroutine.
func (u *UI) columnsEdited(before, after *app.Data) {
	u.prj.mu.Lock()
	u.prj.edits.Columns(before, after)
	u.prj.mu.Unlock()
	u.do(u.updateEditItems)
}

// dataReplaced forgets the edits: they were made on other data.
func (u *UI) dataReplaced() {
	u.prj.mu.Lock()
	u.prj.edits.Clear()
	u.prj.mu.Unlock()
	u.prj.path = ""
	u.win.SetTitle(Title)
	u.updateEditItems()
}

// updateEditItems names the edits Undo and Redo would apply in the Edit
// menu. UI goroutine.
func (u *UI) updateEditItems() {
	if u.prj.undoItem == nil {
		return
	}
	u.prj.mu.Lock()
	un, re := u.prj.edits.UndoName(), u.prj.edits.RedoName()
	u.prj.mu.Unlock()
	label := func(verb, name string) string {
		if name == "" {
			return verb
		}
		return verb + " " + name
	}
	if u.prj.undoItem.Label == label("Undo", un) && u.prj.redoItem.Label == label("Redo", re) {
		return
	}
	u.prj.undoItem.Label, u.prj.undoItem.Disabled = label("Undo", un), un == ""
	u.prj.redoItem.Label, u.prj.redoItem.Disabled = label("Redo", re), re == ""
	u.refreshMenu()
}

// editNames returns what Undo and Redo would apply (for tests): "" when
// there is nothing.
func (u *UI) editNames() (undo, redo string) {
	u.prj.mu.Lock()
	defer u.prj.mu.Unlock()
	return u.prj.edits.UndoName(), u.prj.edits.RedoName()
}

// beginRecovery starts the recovery of an app run: when a session did not
// end cleanly it offers to restore its autosave, then (either way) starts
// autosaving this session to rec. Run calls it with the app's storage
// folder.
func (u *UI) beginRecovery(rec *app.Recovery) {
	u.prj.recovery = rec
	offer, err := rec.Begin()
	if err != nil {
		fyne.LogError("recovery", err)
	}
	if offer == "" {
		u.startAutosave()
		return
	}
	when := ""
	if fi, err := os.Stat(offer); err == nil {
		when = " (autosaved " + fi.ModTime().Format("2 Jan 15:04") + ")"
	}
	u.prj.answer = func(ok bool) {
		u.prj.answer = nil
		if !ok {
			rec.Discard(offer)
			u.startAutosave()
			return
		}
		u.openProjectThen(offer, func(bool) {
			rec.Discard(offer)
			u.prj.path = "" // the recovery file is not the user's project
			u.win.SetTitle(Title)
			u.startAutosave()
		})
	}
	msg := fmt.Sprintf("Forecaster did not close cleanly last time.\nRestore the work it had%s:\nthe data, settings, finished runs and experiments?", when)
	u.setLastDialog("Restore the last session?: " + msg)
	dialog.ShowConfirm("Restore the last session?", msg, func(ok bool) { u.prj.answer(ok) }, u.win)
}

// startAutosave runs the autosave loop until the window closes: each tick
// it reads the session's mark; a mark that changed since the last save and
// held for a tick is saved to the recovery file, off the UI goroutine.
func (u *UI) startAutosave() {
	rec := u.prj.recovery
	u.background(func() {
		t := time.NewTicker(autosaveTick)
		defer t.Stop()
		var saved, prev app.ProjectMark // nothing saved yet
		for {
			select {
			case <-u.done:
				return
			case <-t.C:
			}
			m := u.Session.Mark()
			if m != saved && m == prev && u.Session.Data() != nil {
				if err := rec.Save(u.Session, nil); err != nil {
					fyne.LogError("autosave to "+rec.Path(), err)
				}
				saved = m
			}
			prev = m
		}
	})
}

// endRecovery is a clean end: the recovery file goes.
func (u *UI) endRecovery() {
	if u.prj.recovery != nil {
		u.prj.recovery.End()
	}
}
