package projectui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/app/project"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/view"
)

// Project files, autosave and undo in the window. The File menu saves
// and opens projects (app.Session.SaveProject, OpenProject) and lists the
// recent ones; a background loop autosaves to the recovery file whenever
// the session's app.ProjectMark has changed and then held still for a
// tick; the Edit menu undoes and redoes settings and column choices
// (app.Edits).

// PrefRecentProjects lists the recent project files, most recent first.
const PrefRecentProjects = "recent_projects"

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

// Host is what Projects needs from its window besides a view.Host: the
// preferences (recent projects, the last folder), the window (its title,
// shortcuts and dialogs) and its title, the flag of a file being loaded,
// asking before a job stops, the open dialog, the window's explanation of
// an error (what went wrong, what to do), the record of the last dialog
// (for tests), and the window's side of a project: View is what a project
// keeps of the window, ShowProject shows an opened one on every tab,
// EditApplied shows the session again after an undo or redo (the data
// too when columns changed). All three run on the UI goroutine.
type Host struct {
	*view.Host
	Prefs         fyne.Preferences
	Window        fyne.Window
	Title         string
	Busy          *atomic.Bool
	PrefLastDir   string
	ConfirmStop   func(what string, then func())
	OpenDialog    func(title string, exts []string, open func(path string))
	ExplainTodo   func(err error) (what, todo string)
	SetLastDialog func(string)
	View          func() app.ProjectView
	ShowProject   func(d *app.Data, v app.ProjectView)
	EditApplied   func(d *app.Data, columns bool)
}

// Projects is the window's part of project files and undo.
type Projects struct {
	h        *Host
	mu       sync.Mutex // guards edits: undo and redo run off the UI goroutine
	edits    app.Edits
	path     string // the project file open or last saved; "" for none
	recovery *app.Recovery
	UndoItem *fyne.MenuItem
	RedoItem *fyne.MenuItem
	recent   *fyne.MenuItem
	Menu     *fyne.MainMenu     // the window's menu, refreshed when an item changes
	Answer   func(restore bool) // the recovery question's answer, while it is asked
}

// New builds the window's project commands on h (the menus come from
// FileItems and EditMenu).
func New(h *Host) *Projects { return &Projects{h: h} }

// FileItems are the File menu's project commands.
func (u *Projects) FileItems() []*fyne.MenuItem {
	u.recent = fyne.NewMenuItem(i18n.T("Recent projects"), nil)
	u.recent.ChildMenu = fyne.NewMenu("")
	u.fillRecentProjects()
	return []*fyne.MenuItem{
		{Label: i18n.T("Open project…"), Action: u.openProjectDialog, Shortcut: keyOpenPrj},
		u.recent,
		{Label: i18n.T("Save project"), Action: u.saveProject, Shortcut: keySave},
		{Label: i18n.T("Save project as…"), Action: u.saveProjectAs, Shortcut: keySaveAs},
		fyne.NewMenuItemSeparator(),
	}
}

// EditMenu is the Edit menu: Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z; Ctrl+Y
// as well), each naming its change. A shortcut of the main menu is
// triggered before the focused field sees it, so Ctrl+Z in a settings field
// undoes the last settings change and the field shows the value before it.
func (u *Projects) EditMenu() *fyne.Menu {
	u.UndoItem = &fyne.MenuItem{Label: i18n.T("Undo"), Action: u.Undo, Shortcut: &fyne.ShortcutUndo{}, Disabled: true}
	u.RedoItem = &fyne.MenuItem{Label: i18n.T("Redo"), Action: u.Redo, Shortcut: keyRedo, Disabled: true}
	// Ctrl+Y: Fyne gives a menu item one shortcut; a separator carrying
	// the second one draws as a line and is still found by its shortcut.
	alt := fyne.NewMenuItemSeparator()
	alt.Shortcut, alt.Action = &fyne.ShortcutRedo{}, u.Redo
	return fyne.NewMenu(i18n.T("Edit"), u.UndoItem, u.RedoItem, alt)
}

// Shortcuts adds the keys that are not on a menu item (the
// window's own menu bar handles those of its items).
func (u *Projects) Shortcuts() {
	c := u.h.Window.Canvas()
	c.AddShortcut(keySave, func(fyne.Shortcut) { u.saveProject() })
	c.AddShortcut(keySaveAs, func(fyne.Shortcut) { u.saveProjectAs() })
	c.AddShortcut(keyOpenPrj, func(fyne.Shortcut) { u.openProjectDialog() })
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.Undo() })
	c.AddShortcut(keyRedo, func(fyne.Shortcut) { u.Redo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { u.Redo() })
}

func (u *Projects) saveProject() {
	if u.path == "" {
		u.saveProjectAs()
		return
	}
	u.writeProject(u.path)
}

func (u *Projects) saveProjectAs() {
	if u.h.Session.Data() == nil {
		u.h.ShowError(i18n.T("Save project"), app.ErrNoData)
		return
	}
	name := "project"
	if d := u.h.Session.Data(); d != nil && d.Sample != nil {
		name = d.Sample.ID
	} else if d != nil {
		name = strings.TrimSuffix(filepath.Base(d.Source), filepath.Ext(d.Source))
	}
	u.h.SaveDialog(i18n.T("Save project"), name+project.Ext, []string{project.Ext}, func(path string) error {
		return u.SaveTo(path, nil)
	})
}

// writeProject saves to path in the background; errors are shown.
func (u *Projects) writeProject(path string) {
	u.h.Background(func() {
		if err := u.SaveTo(path, nil); err != nil {
			u.h.Do(func() { u.h.ShowError(i18n.T("Cannot save the project"), err) })
		}
	})
}

// SaveTo writes the project (off the UI goroutine) and, once saved,
// makes path the window's project. view nil takes the window's.
func (u *Projects) SaveTo(path string, view app.ProjectView) error {
	if view == nil {
		done := make(chan struct{})
		u.h.Do(func() { view = u.h.View(); close(done) })
		<-done
	}
	if err := u.h.Session.SaveProject(path, view); err != nil {
		return err
	}
	u.h.Do(func() { u.projectOpened(path) })
	return nil
}

// projectOpened makes path the window's project file: the title names
// it, and it heads the recent projects.
func (u *Projects) projectOpened(path string) {
	u.path = path
	u.h.Window.SetTitle(u.h.Title + " — " + view.ShortName(filepath.Base(path)))
	p := u.h.Prefs
	list := slices.DeleteFunc(p.StringList(PrefRecentProjects), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > 8 {
		list = list[:8]
	}
	p.SetStringList(PrefRecentProjects, list)
	u.fillRecentProjects()
}

// fillRecentProjects lists the recent projects under File.
func (u *Projects) fillRecentProjects() {
	m := u.recent.ChildMenu
	m.Items = nil
	for _, p := range u.h.Prefs.StringList(PrefRecentProjects) {
		p := p
		m.Items = append(m.Items, fyne.NewMenuItem(app.Clip(p, 100), func() { u.Open(p) }))
	}
	u.recent.Disabled = len(m.Items) == 0
	u.refreshMenu()
}

func (u *Projects) refreshMenu() {
	if u.Menu != nil {
		u.Menu.Refresh()
	}
}

func (u *Projects) openProjectDialog() {
	u.h.OpenDialog(i18n.T("Cannot open the project"), []string{project.Ext}, func(path string) {
		u.h.Prefs.SetString(u.h.PrefLastDir, filepath.Dir(path))
		u.Open(path)
	})
}

// Open opens a project file in the background. On failure what is
// on screen stays and a dialog says why.
func (u *Projects) Open(path string) {
	u.openProjectThen(path, nil)
}

// openProjectThen is Open, calling then (if not nil) on the UI
// goroutine once the open has ended, either way.
func (u *Projects) openProjectThen(path string, then func(ok bool)) {
	u.h.ConfirmStop(i18n.T("Opening a project"), func() {
		u.h.Busy.Store(true)
		u.h.Background(func() {
			d, v, err := u.h.Session.OpenProject(context.Background(), path)
			u.h.Busy.Store(false)
			u.h.Do(func() {
				if err != nil {
					what, todo := u.h.ExplainTodo(err)
					switch {
					case errors.Is(err, project.ErrNewer):
						todo = i18n.T("Open it with a newer Forecaster.")
					case errors.Is(err, project.ErrBadProject):
						todo = i18n.T("The file is damaged or is not a Forecaster project; if you have another copy, open that.")
					}
					u.h.ShowMessage(i18n.T("Cannot open the project"), what, strings.TrimSpace(todo+" "+i18n.T("What was on screen is still there.")))
				} else {
					u.mu.Lock()
					u.edits.Clear()
					u.mu.Unlock()
					u.updateEditItems()
					u.h.ShowProject(d, v)
					u.projectOpened(path)
				}
				if then != nil {
					then(err == nil)
				}
			})
		})
	})
}

// Undo and Redo apply the last edit off the UI goroutine (a change of
// columns stops a running job first, which may take a step) and then show
// the session's settings and columns.
func (u *Projects) Undo() { u.applyEdit(false) }
func (u *Projects) Redo() { u.applyEdit(true) }

func (u *Projects) applyEdit(redo bool) {
	u.mu.Lock()
	name := u.edits.UndoName()
	if redo {
		name = u.edits.RedoName()
	}
	u.mu.Unlock()
	if name == "" {
		return
	}
	u.h.ConfirmStop(i18n.T("Undoing %s", i18n.EditName(name)), func() {
		u.h.Background(func() {
			u.mu.Lock()
			var e app.Edit
			var err error
			if redo {
				e, err = u.edits.Redo(u.h.Session)
			} else {
				e, err = u.edits.Undo(u.h.Session)
			}
			u.mu.Unlock()
			d := u.h.Session.Data()
			u.h.Do(func() {
				if err != nil {
					u.h.ShowError(i18n.T("Cannot undo %s", i18n.EditName(e.Name)), err)
				}
				u.h.EditApplied(d, e.Columns())
				u.updateEditItems()
			})
		})
	})
}

// SettingsEdited records a settings change for undo. UI goroutine.
func (u *Projects) SettingsEdited(before, after config.Settings) {
	select {
	case <-u.h.Ready:
	default:
		return // the window is being built: restored preferences are no edit
	}
	u.mu.Lock()
	u.edits.Settings(before, after)
	u.mu.Unlock()
	u.updateEditItems()
}

// ColumnsEdited records a change of columns for undo. Any goroutine.
func (u *Projects) ColumnsEdited(before, after *app.Data) {
	u.mu.Lock()
	u.edits.Columns(before, after)
	u.mu.Unlock()
	u.h.Do(u.updateEditItems)
}

// DataReplaced forgets the edits: they were made on other data.
func (u *Projects) DataReplaced() {
	u.mu.Lock()
	u.edits.Clear()
	u.mu.Unlock()
	u.path = ""
	u.h.Window.SetTitle(u.h.Title)
	u.updateEditItems()
}

// SeriesPicked is DataReplaced for another series of the same file of
// many series: the edits go (they were made on the series before), but
// the project saved to stays, as it holds every series of the file.
func (u *Projects) SeriesPicked() {
	u.mu.Lock()
	u.edits.Clear()
	u.mu.Unlock()
	u.updateEditItems()
}

// updateEditItems names the edits Undo and Redo would apply in the Edit
// menu. UI goroutine.
func (u *Projects) updateEditItems() {
	if u.UndoItem == nil {
		return
	}
	u.mu.Lock()
	un, re := u.edits.UndoName(), u.edits.RedoName()
	u.mu.Unlock()
	undo, redo := i18n.T("Undo"), i18n.T("Redo")
	if un != "" {
		undo = i18n.T("Undo %s", i18n.EditName(un))
	}
	if re != "" {
		redo = i18n.T("Redo %s", i18n.EditName(re))
	}
	if u.UndoItem.Label == undo && u.RedoItem.Label == redo {
		return
	}
	u.UndoItem.Label, u.UndoItem.Disabled = undo, un == ""
	u.RedoItem.Label, u.RedoItem.Disabled = redo, re == ""
	u.refreshMenu()
}

// editNames returns what Undo and Redo would apply (for tests): "" when
// there is nothing.
func (u *Projects) editNames() (undo, redo string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.edits.UndoName(), u.edits.RedoName()
}

// BeginRecovery starts the recovery of an app run: when a session did not
// end cleanly it offers to restore its autosave, then (either way) starts
// autosaving this session to rec. Run calls it with the app's storage
// folder.
func (u *Projects) BeginRecovery(rec *app.Recovery) {
	u.recovery = rec
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
		when = i18n.T(" (autosaved %s)", i18n.DateText(fi.ModTime().Format("2006-01-02 15:04")))
	}
	u.Answer = func(ok bool) {
		u.Answer = nil
		if !ok {
			rec.Discard(offer)
			u.startAutosave()
			return
		}
		u.openProjectThen(offer, func(bool) {
			rec.Discard(offer)
			u.path = "" // the recovery file is not the user's project
			u.h.Window.SetTitle(u.h.Title)
			u.startAutosave()
		})
	}
	msg := i18n.T("Forecaster did not close cleanly last time.\nRestore the work it had%s:\nthe data, settings, finished runs and experiments?", when)
	u.h.SetLastDialog(i18n.T("Restore the last session?") + ": " + msg)
	dialog.ShowConfirm(i18n.T("Restore the last session?"), msg, func(ok bool) { u.Answer(ok) }, u.h.Window)
}

// startAutosave runs the autosave loop until the window closes: each tick
// it reads the session's mark; a mark that changed since the last save and
// held for a tick is saved to the recovery file, off the UI goroutine.
func (u *Projects) startAutosave() {
	rec := u.recovery
	u.h.Background(func() {
		t := time.NewTicker(autosaveTick)
		defer t.Stop()
		var saved, prev app.ProjectMark // nothing saved yet
		for {
			select {
			case <-u.h.Done:
				return
			case <-t.C:
			}
			m := u.h.Session.Mark()
			if m != saved && m == prev && u.h.Session.Data() != nil {
				if err := rec.Save(u.h.Session, nil); err != nil {
					fyne.LogError("autosave to "+rec.Path(), err)
				}
				saved = m
			}
			prev = m
		}
	})
}

// EndRecovery is a clean end: the recovery file goes.
func (u *Projects) EndRecovery() {
	if u.recovery != nil {
		u.recovery.End()
	}
}
