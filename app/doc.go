// Package app is the Forecaster workflow without a window: a Session holds
// the loaded data and its import report, the chosen columns, the settings,
// at most one training job, the runs of this session and their results, and
// writes the files a user keeps. The GUI (package ui) and the command line
// (cmd/forecaster) both drive it; it imports no GUI toolkit and is tested
// headless.
//
// # Concurrency
//
// Every Session method is safe for concurrent use. Training runs in one
// goroutine per job, started by Start and ended by completion, failure or
// Stop (a context cancel); it never waits for a reader. Its telemetry is
// folded into a mutex-guarded snapshot (Progress, RunHistory) and announced
// on Updates, a channel of capacity one that is sent to without blocking, so
// a slow reader sees only the latest state and never slows training.
//
// # States
//
//	Idle ──Start──▶ Running ──Pause──▶ Paused ──Resume──▶ Running
//	Running|Paused ──(finish / Stop)──▶ Done | Failed ──Start──▶ Running
//
// Done means the job produced a result (also when stopped early: the best
// weights so far are kept). Failed means it produced none; the error says
// why. A Stop before the first epoch finished ends in Idle and leaves no run.
//
// # Experiments
//
// StartExperiment runs a grid of settings × seeds (experiment.Run)
// in the same single job slot: while it runs, Start returns ErrBusy, and the
// other way round.
//
// # Waiting callers
//
// The command line waits for its work: Train and RunExperiment take the
// job slot as Start and StartExperiment do and return when the job ends,
// passing progress to a callback; a cancelled context stops the job as Stop
// does. Backtest (backtest.Run on the loaded series) runs in the
// caller's goroutine without the slot. A session made with
// NewSession(TrainWhole) trains on every point, holding none out.
//
// # Backtests and diagnostics
//
// The window does not wait: StartBacktest runs Backtest in the background
// in the job slot; BacktestJob reports which origin trains and keeps the
// last finished backtest with the series it ran on. DescribeSeries
// and CheckResiduals are the series description and the residual checks of a
// run (forecast/diagnose) that the window, the report and the command line
// share; they are pure computation, for a background goroutine.
//
// # Loading data during a run
//
// Loading new data (LoadFile, LoadSample) or choosing other
// columns while a job runs first stops that job and waits for it to end
// (Train returns within one optimiser step of the cancel); the stopped run
// and its best-so-far result stay in Runs. The GUI asks the user before
// doing so. LoadFile and LoadModel refuse what is not a regular file (a
// named pipe, a device, a folder) before opening it (CheckRegular).
// LoadSheetProgress, the window's loader, reports how far the file was
// read and stops when its context is done, changing nothing; with the
// file gone after a project was opened, it reads another sheet from the
// project's copy of the workbook.
//
// # Projects, autosave and undo
//
// SaveProject writes the session as a project file (package app/project):
// the data's bytes — read again from the file the first time and refused
// if they no longer give the series loaded, then kept, so that a session
// opened from a project saves again without its data file — the columns,
// the settings, every finished run and the last experiment's result; a run
// in progress is left out. OpenProject replaces the session with a file's
// (stopping a job first) and changes nothing when the file is refused.
// Mark is a comparable summary of what a project would hold: the window
// autosaves to a Recovery file when it changes. Each process has its own
// recovery file and marker; a marker whose process is gone tells a launch
// that session did not end cleanly (End removes both), so two windows
// open at once keep their autosaves apart.
// Edits is the undo history of settings and column choices that the
// window records into; Undo and Redo apply an edit to the session.
package app
