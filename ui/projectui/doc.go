// Package projectui is the window's side of project files, autosave and
// undo: Projects puts app.Session.SaveProject and OpenProject on the File
// menu (with the recent projects, kept in the preferences), autosaves the
// session to an app.Recovery file — a goroutine that saves once the
// session's app.ProjectMark has changed and held for a tick, never on the
// UI goroutine — and offers the recovery file at launch when the last
// session did not end cleanly. The Edit menu's Undo and Redo apply
// app.Edits, which the Settings tab and the Data tab's column pickers
// record into (SettingsEdited, ColumnsEdited).
//
// Projects needs only a Host from its window: a view.Host (UI goroutine,
// background work, session, dialogs), the preferences, the window, and
// the window's side of a project (View, ShowProject, EditApplied). It
// does not import package ui.
package projectui
