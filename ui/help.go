package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// guideText is the Help ▸ Guide window's text (Markdown): what each tab is
// for, how to read the accuracy figures, the intervals and the gradient
// charts, and the keyboard shortcuts.
const guideText = `# Forecaster guide

Forecaster trains an LSTM network on one time series and sets its forecast beside simple methods, so you can see whether the network earns its keep.

## The tabs

- **Data** (Alt+1): open a CSV file (Ctrl+O, or drop it on the window) or a sample; pick the date column, the column to forecast, extra inputs and how missing values are filled. The import report says how the file was read. Beside it, Series shows the split (validation and holdout shaded), Table lists every point and marks the filled ones, and Decomposition and Autocorrelation describe the series.
- **Settings** (Alt+2): the horizon (how many steps ahead), the network and the stabilisers against vanishing and exploding gradients. Settings that depend on the data (horizon, season, window) follow each file unless you set them for it.
- **Training** (Alt+3): Train (Ctrl+Enter), Pause and Stop (Esc). The charts show the run live; the *Gradient health* panel says what it sees and what to change.
- **Forecast** (Alt+4): the forecast with its intervals, the accuracy of every method on the holdout, the residual checks and a rolling backtest. Export the forecast, the chart, a report or the model.
- **Compare** (Alt+5): runs on the same series side by side: their settings, losses, forecasts and errors, beside the baselines'. Rename a run to remember what you changed.
- **Experiments** (Alt+6): a grid of settings × seeds, to see which stabilisers matter beyond the luck of one seed.

## How the forecast is judged

The last *horizon* points are held out: no method sees them while it is fitted, and each forecasts them afterwards.

- **MASE** (mean absolute scaled error): the forecast's mean absolute error divided by that of the seasonal naive forecast (repeat the last season) on the training data. Below 1 beats that simple rule; 0.5 halves its error. MASE compares across series of any scale.
- **sMAPE**: the mean of |actual − forecast| / ((|actual| + |forecast|) / 2), in percent, from 0 (perfect) to 200. Easy to read, but unstable near zero.
- **MAE, RMSE**: mean absolute and root mean squared error, in the data's units; RMSE weighs large misses more.
- **Baselines**: naive (the last value), seasonal naive (the value one season ago), drift (the line from first to last point) and ETS (exponential smoothing, Holt-Winters). If one of them beats the LSTM, believe it.
- **The recommended forecast** is the method, or the mean of two, with the lowest error on the *validation* windows, the stretch before the holdout. The holdout plays no part in the choice, so its score there is an honest test.

## Intervals

The 80 % and 95 % intervals are the ranges the next values should fall in 80 and 95 times out of 100. They are calibrated on the validation windows' errors. The Forecast tab says how many holdout points each interval covered: an 80 % interval that covered a third of them is too narrow, so trust its width less.

## Reading the training charts

- **Loss**: training and validation loss per epoch (log scale). Both should fall. Validation flat or rising while training falls means overfitting; the weights of the best validation epoch (the dashed line) are the ones kept.
- **Gradient norm**: the size of each step's gradient, before and after clipping. Isolated spikes many times the usual size are exploding gradients: turn clipping on (norm, threshold 1 to 5) or lower the learning rate. If nearly every step is clipped, the threshold is too low and acts as a smaller learning rate.
- **Norms histogram**: how the per-step gradient norms of a layer (or one gate) are spread, epoch by epoch. A mass sliding towards zero means vanishing gradients in that layer; a long right tail means spikes.
- **Heat map**: the gradient reaching each step of the input window (oldest at the bottom). Fading towards the oldest steps is the vanishing gradient: the start of the window barely affects learning. Try a forget-gate bias of 1, layer norm, orthogonal recurrent init or a shorter window. Brightening towards the oldest steps is the gradient exploding through time.
- **Clip rate and learning rate**: the share of each epoch's steps that were clipped, and the learning-rate schedule.

## Keyboard

- **Ctrl+O**: open a CSV file
- **Ctrl+S**: save the project (**Ctrl+Shift+S**: save it as…); **Ctrl+Shift+O**: open a project
- **Ctrl+Z**: undo a change of settings or columns (**Ctrl+Shift+Z** or **Ctrl+Y**: redo it)
- **Ctrl+Enter**: train
- **Esc**: stop training, an experiment or a backtest; close this guide
- **Alt+1 … Alt+6**: switch tabs
- **F1**: this guide
`

// showGuide opens the guide in a window of its own, or brings it forward
// when it is open (UI goroutine).
func (u *UI) showGuide() {
	if u.guide != nil {
		u.guide.RequestFocus()
		return
	}
	rt := widget.NewRichTextFromMarkdown(guideText)
	rt.Wrapping = fyne.TextWrapWord
	w := u.App.NewWindow("Forecaster guide")
	w.SetContent(container.NewVScroll(container.NewPadded(rt)))
	w.Resize(fyne.NewSize(680, 620))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	w.SetOnClosed(func() { u.guide = nil })
	u.guide = w
	u.guideText = rt
	w.Show()
}
