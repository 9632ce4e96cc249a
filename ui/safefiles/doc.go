// Package safefiles keeps the window's file dialogs from harming a user's
// files. Guard wraps Fyne's "file" repository: its Writer leaves a file
// alone until something is written and then replaces it through a
// temporary file renamed over it (Fyne's save dialog opened the chosen
// file with O_TRUNC before the window wrote anything), its Reader refuses
// what is not a regular file (a named pipe blocked the UI goroutine), and
// a full path typed in the save dialog's name field names that file. Name
// makes a default file name built from a series or column name one safe
// file name in the dialog's folder. No Fyne widgets, no app.
package safefiles
