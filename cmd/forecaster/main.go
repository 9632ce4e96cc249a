// Command forecaster is the Forecaster desktop app and its headless CLI.
//
// With no arguments it opens the window. With a subcommand it works headless
// through the same application layer (package app) as the window:
//
//	forecaster inspect    -csv F [-id-col C | -value-col A,B|'*'] [-json]
//	forecaster inspect    -project P.forecaster
//	forecaster forecast   -csv F [-id-col C | -value-col A,B|'*'] [-shard i/n] -horizon H [settings…] [-out out.csv]
//	forecaster backtest   -csv F [-id-col C | -value-col A,B|'*'] [-shard i/n] -horizon H [settings…] [-origins N -step S] [-json]
//	forecaster train      -csv F -horizon H [settings…] -save model.json [-history h.csv] [-out out.csv]
//	forecaster predict    -model model.json -csv F [-out out.csv]
//	forecaster experiment -csv F -grid setting=v1,v2 [-seeds K] [-report r.html] [-runs runs.csv]
//	forecaster version
//
// Files of many series: with -id-col (long format, one row per series and
// date) or -value-col naming several columns or '*' (wide format), forecast
// writes every series' forecast in long format — the id column (headed by
// the id column's name, "series" for a wide file), then
// date,forecast,lower80,upper80,lower95,upper95 — backtest scores each
// series and their mean, inspect summarises each; -shard i/n keeps the
// series whose id hashes to shard i (docs/batch.md). -model global trains
// one network on all of them (docs/panel.md); with it, -static-col names
// columns of a long file with one value per series (a region, a category)
// that the network takes as inputs.
//
// `forecaster FILE.csv`, `forecaster P.forecaster` (a project) and
// `forecaster sample:ID` open the window with that file, project or embedded
// sample loaded. Run `forecaster help` for the commands and
// `forecaster COMMAND -h` for their flags.
//
// Files: inputs are only read, and must be regular files. Before any work,
// every output is checked against every input and every other output (the
// same file by any path is refused, naming both) and its folder must be
// writable; outputs are written atomically (package fileio).
//
// Errors are one line on stderr, at most app.MaxMessage characters. Exit
// status: 0 done; 1 an error; 2 a bad command line; 130 interrupted before
// anything complete was written. Ctrl+C or SIGTERM during training stops it
// within a step: forecast and train still write their outputs from the best
// weights so far, complete with intervals, say so and exit 0. A second
// Ctrl+C quits at once. The generators of docs/ (study, defaults table) are
// in scripts/devtools, not in this binary.
package main

//go:generate go run ../../scripts/genmeta -toml ../../FyneApp.toml -o metadata.go

import (
	"os"

	_ "github.com/forecaster-dev/forecaster/cmd/forecaster/internal/locale" // before Fyne's lang
)

func main() {
	if len(os.Args) < 2 {
		runGUI()
		return
	}
	if isOpenArg(os.Args[1]) && len(os.Args) == 2 {
		runGUI(os.Args[1])
		return
	}
	ctx, stop := interruptContext(os.Stderr)
	code := runCLI(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
