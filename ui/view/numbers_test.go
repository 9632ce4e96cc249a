package view

import (
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/monitor"
)

// TestNumbersText: the health panel never shows what is not so — no
// zeros and "best +Inf (epoch 0)" before the first epoch ends, no
// "→ … clipped" with clipping off or on a step under the threshold.
func TestNumbersText(t *testing.T) {
	set := config.DefaultSettings()
	run := &app.Run{Settings: set, History: monitor.NewHistory()}
	run.History.Step(fit.StepEvent{Epoch: 1, Step: 1, Loss: 0.5, GradNorm: 2, ClippedNorm: 1, Clipped: true})
	p := app.Progress{GradNorm: 2, ClippedNorm: 1, LR: 0.005}
	got := NumbersText(run, p)
	if !strings.Contains(got, "first epoch running") || strings.Contains(got, "Inf") || strings.Contains(got, "epoch 0") || strings.Contains(got, "train loss 0") {
		t.Errorf("before the first epoch:\n%s", got)
	}
	run.History.Epoch(fit.EpochEvent{Epoch: 1, TrainLoss: 0.4, ValLoss: 0.6, Best: true})
	if got := NumbersText(run, p); !strings.Contains(got, "best 0.6 (epoch 1)") || !strings.Contains(got, "→") {
		t.Errorf("after an epoch, clipping on:\n%s", got)
	}
	under := app.Progress{GradNorm: 0.4539, ClippedNorm: 0.4539, LR: 0.005}
	if got := NumbersText(run, under); strings.Contains(got, "→") || !strings.Contains(got, "|g| 0.4539 (not clipped)") {
		t.Errorf("clipping on, last step under the threshold:\n%s", got)
	}
	run.Settings.Clip = config.ClipNone
	if got := NumbersText(run, p); strings.Contains(got, "clipped") || !strings.Contains(got, "no clipping") {
		t.Errorf("clipping off:\n%s", got)
	}
}
