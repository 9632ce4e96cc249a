// Package panelview is what the window shows of a file of many series:
// Pane, the series list beside the tabs (search, order, sparklines), the
// choice of model and the button that scores every series in the
// background, the "All series" tab (a table of errors per method and
// series, sortable by any column, and small multiples) and the export of
// every forecast in one file. It finds the id column of a long file
// (guessIDColumn) and reads a wide file as one series a column.
//
// The pane needs only a Host from its window: a view.Host (UI goroutine,
// background work, session, dialogs, chart style), the preferences, the
// tabs, and callbacks for asking before a job stops, a file that cannot
// be read and another series shown. It does not import package ui; like
// it, it touches widgets only on the UI goroutine.
package panelview
