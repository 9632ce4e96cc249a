package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// progress draws a one-line progress bar on stderr when it is a terminal,
// from a session's progress (update) or, for a backtest, from the training
// events (Epoch). It passes session updates on to cli.watch.
type progress struct {
	w     io.Writer
	tty   bool
	watch func(app.Progress)
	total int // epochs to come, for Epoch
	done  int
	drawn bool
}

var _ fit.Observer = (*progress)(nil)

func (c *cli) newProgress(total int) *progress {
	p := &progress{w: c.stderr, watch: c.watch, total: total}
	if f, ok := c.stderr.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// update draws a session's progress.
func (p *progress) update(s app.Progress) {
	if s.Epoch > 0 {
		p.draw(s.Fraction, s.Epoch, s.Epochs, s.TrainLoss, s.ValLoss, s.GradNorm)
	}
	if p.watch != nil {
		p.watch(s)
	}
}

func (p *progress) Step(fit.StepEvent) {}

// Epoch draws the epochs of a backtest's trainings, one after another.
func (p *progress) Epoch(e fit.EpochEvent) {
	p.done++
	p.draw(float64(p.done)/float64(max(p.total, 1)), e.Epoch, e.Epochs, e.TrainLoss, e.ValLoss, e.MaxGradNorm)
}

func (p *progress) draw(frac float64, epoch, epochs int, train, val, grad float64) {
	if !p.tty {
		return
	}
	const width = 30
	n := min(max(int(frac*width), 0), width)
	fmt.Fprintf(p.w, "\r[%s%s] epoch %d/%d  train %.4g  val %.4g  ‖g‖ %.3g ",
		strings.Repeat("#", n), strings.Repeat(".", width-n), epoch, epochs, train, val, grad)
	p.drawn = true
}

// finish ends the progress line.
func (p *progress) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
