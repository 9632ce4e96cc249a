package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// exitInterrupted is the exit status of a command stopped by Ctrl+C or
// SIGTERM before it had written everything asked of it (128 + SIGINT, as a
// shell reports it).
const exitInterrupted = 130

// interruptContext returns a context cancelled by the first Ctrl+C
// (SIGINT) or SIGTERM: training stops within one step and keeps its best
// weights. A second signal quits at once with exitInterrupted; outputs are
// written atomically, so a file is then either complete or untouched. The
// watching goroutine ends when stop is called.
func interruptContext(stderr io.Writer) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		fmt.Fprintln(stderr, "\nforecaster: interrupted: stopping (press Ctrl+C again to quit at once)")
		cancel()
		select {
		case <-sigs:
			fmt.Fprintln(stderr, "forecaster: interrupted again: quitting; nothing more was written")
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}
