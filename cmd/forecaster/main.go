// Command forecaster is the Forecaster desktop app and its headless CLI.
//
// With no arguments it opens the window. With a subcommand it works headless
// on the same code (package app):
//
//	forecaster inspect  -csv F [-json]
//	forecaster forecast -csv F -horizon H [settings…] [-out out.csv]
//	forecaster backtest -csv F -horizon H [-season M] [settings…] -json
//	forecaster train    -csv F -horizon H [settings…] -save model.json [-history h.csv]
//	forecaster predict  -model model.json -csv F [-out out.csv]
//	forecaster version
//
// `forecaster FILE.csv` and `forecaster sample:ID` open the window with that
// file or embedded sample loaded.
//
// Run `forecaster help` for the flags.
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
