package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
)

// progress draws a one-line progress bar on stderr when it is a terminal.
type progress struct {
	w     io.Writer
	total int
	done  int
	tty   bool
}

var _ forecast.Observer = (*progress)(nil)

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) Step(forecast.StepEvent) {}

// onEpoch, when set (tests set it to interrupt a run at a known point), is
// called with every epoch a progress line sees, from the training goroutine.
var onEpoch func(forecast.EpochEvent)

func (p *progress) Epoch(e forecast.EpochEvent) {
	if onEpoch != nil {
		onEpoch(e)
	}
	p.done++
	if !p.tty {
		return
	}
	const width = 30
	frac := float64(p.done) / float64(max(p.total, 1))
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r[%s%s] epoch %d/%d  train %.4g  val %.4g  ‖g‖ %.3g ",
		strings.Repeat("#", min(n, width)), strings.Repeat(".", max(width-n, 0)), e.Epoch, e.Epochs, e.TrainLoss, e.ValLoss, e.MaxGradNorm)
}

// finish ends the progress line.
func (p *progress) finish() {
	if p.tty && p.done > 0 {
		fmt.Fprintln(p.w)
	}
}
