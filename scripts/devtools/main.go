// Command devtools regenerates the documents under docs/ that are measured
// rather than written: the test of the seed article's claims (docs/study)
// and the backtest of the default settings (docs/defaults.md). They are
// developer tools, not commands of the shipped binary; they run on package
// app as the window and the command line do.
//
//	go run ./scripts/devtools study [-out docs/study] [-seeds K] [-only id,…]    (make study)
//	go run ./scripts/devtools defaults-table [-out docs/defaults.md] [-set name=value …]  (make defaults)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sort"
	"strings"
	"syscall"

	"github.com/forecaster-dev/forecaster/app"
)

// tools are the subcommands and their summaries.
var tools = map[string]struct {
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
	summary string
}{
	"study":          {cmdStudy, "test the seed article's four claims on the bundled samples; writes docs/study"},
	"defaults-table": {cmdDefaultsTable, "backtest the settings on every bundled series and write the Markdown table"},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" {
		fmt.Fprintln(stdout, "usage: go run ./scripts/devtools TOOL [flags]\n\ntools:")
		names := make([]string, 0, len(tools))
		for n := range tools {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(stdout, "  %-15s %s\n", n, tools[n].summary)
		}
		return 0
	}
	t, ok := tools[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "devtools: unknown tool %q; run 'go run ./scripts/devtools help'\n", args[0])
		return 2
	}
	return t.run(ctx, args[1:], stdout, stderr)
}

// failf prints err as one line and returns the failure status.
func failf(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "devtools: "+app.Message(err))
	return 1
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args into fs: -1 to go on, else the exit status (0 after
// -h, 2 after a bad flag, reported on one line).
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) int {
	err := fs.Parse(args)
	switch {
	case err == flag.ErrHelp:
		fmt.Fprintf(stderr, "usage: go run ./scripts/devtools %s [flags]\n\nflags:\n", fs.Name())
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "devtools: %s\n", app.Clip(err.Error(), app.MaxMessage))
		return 2
	}
	return -1
}

// machine describes the CPU for reports.
func machine() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "this machine"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":")) + fmt.Sprintf(", %d cores", runtime.NumCPU())
		}
	}
	return "this machine"
}
