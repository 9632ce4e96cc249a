package view

import (
	"fmt"
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
)

// NumbersText is the health panel's numbers: the last epoch's losses, the
// best epoch (the one whose weights are kept), the gradient norm (and after
// clipping, when clipping is on), the learning rate and the step counts.
// Before the first epoch ends it says so rather than show zeros.
func NumbersText(run *app.Run, p app.Progress) string {
	h := run.History
	var b strings.Builder
	if h.Epochs == 0 {
		b.WriteString("first epoch running\n")
	} else {
		e := h.LastEpoch
		fmt.Fprintf(&b, "train loss %s\nvalidation %s\n", Num(e.TrainLoss), Num(e.ValLoss))
		if h.BestEpoch > 0 {
			fmt.Fprintf(&b, "best %s (epoch %d)\n", Num(h.BestVal), h.BestEpoch)
		}
	}
	if run.Settings.Clip == config.ClipNone {
		fmt.Fprintf(&b, "|g| %s (no clipping)\n", Num(p.GradNorm))
	} else if p.ClippedNorm < p.GradNorm {
		fmt.Fprintf(&b, "|g| %s → %s clipped\n", Num(p.GradNorm), Num(p.ClippedNorm))
	} else {
		// the last step's norm was under the threshold: "x → x clipped"
		// would claim a clip that did not happen
		fmt.Fprintf(&b, "|g| %s (not clipped)\n", Num(p.GradNorm))
	}
	fmt.Fprintf(&b, "lr %s\n", Num(p.LR))
	if run.Settings.Clip != config.ClipNone {
		fmt.Fprintf(&b, "clipped %d of %d steps\n", h.ClipSteps, h.Steps)
	} else {
		fmt.Fprintf(&b, "%d steps\n", h.Steps)
	}
	fmt.Fprintf(&b, "skipped %d", h.Skipped)
	return b.String()
}
