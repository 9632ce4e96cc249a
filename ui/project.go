package ui

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/ui/i18n"
	"github.com/forecaster-dev/forecaster/ui/projectui"
)

// newProjects builds the project files, autosave and undo (package
// projectui) on this window.
func (u *UI) newProjects() *projectui.Projects {
	return projectui.New(&projectui.Host{
		Host: u.host, Prefs: u.App.Preferences(), Window: u.win, Title: Title, Busy: &u.busy, PrefLastDir: prefLastDir,
		ConfirmStop: u.confirmStop, OpenDialog: u.openDialog, ExplainTodo: explain, SetLastDialog: u.setLastDialog,
		View: u.view, ShowProject: u.showProject,
		EditApplied: func(d *app.Data, columns bool) {
			if columns {
				u.Data.showData(d)
				u.Fc.clear()
			}
			u.Set.fromSession()
		},
	})
}

// helpItems are the Help menu's items beside About.
func (u *UI) helpItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{fyne.NewMenuItem(i18n.T("Keyboard shortcuts"), func() {
		u.showMessage(i18n.T("Keyboard shortcuts"), i18n.T(shortcutsHelp), "")
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
F1  the guide (Help → Guide)`

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

// showProject shows an opened project on every tab. Runs on the UI
// goroutine.
func (u *UI) showProject(d *app.Data, v app.ProjectView) {
	if d.Panel != nil { // a project of a file of many series: the list, the series shown marked
		u.Panel.ShowMember(d.Panel, d.Spec.ValueCol, d.PanelRun)
		u.Data.showMember(d)
	} else {
		u.Panel.Hide()
		u.Data.showData(d)
	}
	u.Set.fromSession()
	u.Fc.clear()
	u.Exp.ShowStatus(u.Session.Experiment())
	u.Exp.UpdateButtons()
	runs := u.Session.Runs()
	if r := lastResult(runs); r != nil {
		u.handledRun = r.ID
		u.Tr.ShowHistory(r)
		u.Tr.ShowProgress(u.Session.Progress(), r)
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
