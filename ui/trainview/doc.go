// Package trainview is the window's Training tab: TrainingTab starts,
// pauses and stops training and shows it live — the loss and gradient
// charts, the histogram of the per-step gradient norms of a layer or gate,
// the clip rate and learning rate, the heat map of a layer, the gradient
// health panel's numbers and findings — and exports the charts. It needs
// only a Host from its window: a view.Host (UI goroutine, background
// work, session, dialogs, chart style), whether the settings are valid,
// selecting a tab and the snapshot on screen. It does not import package
// ui; like it, it touches widgets only on the UI goroutine.
package trainview
