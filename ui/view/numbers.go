package view

import (
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// NumbersText is the health panel's numbers: the last epoch's losses, the
// best epoch (the one whose weights are kept), the gradient norm (and after
// clipping, when clipping is on), the learning rate and the step counts.
// Before the first epoch ends it says so rather than show zeros.
func NumbersText(run *app.Run, p app.Progress) string {
	h := run.History
	var b strings.Builder
	if h.Epochs == 0 {
		b.WriteString(i18n.T("first epoch running") + "\n")
	} else {
		e := h.LastEpoch
		b.WriteString(i18n.T("train loss %s", Num(e.TrainLoss)) + "\n")
		b.WriteString(i18n.T("validation %s", Num(e.ValLoss)) + "\n")
		if h.BestEpoch > 0 {
			b.WriteString(i18n.T("best %s (epoch %d)", Num(h.BestVal), h.BestEpoch) + "\n")
		}
	}
	if run.Settings.Clip == config.ClipNone {
		b.WriteString(i18n.T("|g| %s (no clipping)", Num(p.GradNorm)) + "\n")
	} else if p.ClippedNorm < p.GradNorm {
		b.WriteString(i18n.T("|g| %s → %s clipped", Num(p.GradNorm), Num(p.ClippedNorm)) + "\n")
	} else {
		// the last step's norm was under the threshold: "x → x clipped"
		// would claim a clip that did not happen
		b.WriteString(i18n.T("|g| %s (not clipped)", Num(p.GradNorm)) + "\n")
	}
	b.WriteString(i18n.T("lr %s", Num(p.LR)) + "\n")
	if run.Settings.Clip != config.ClipNone {
		b.WriteString(i18n.T("clipped %d of %d steps", h.ClipSteps, h.Steps) + "\n")
	} else {
		b.WriteString(i18n.T("%d steps", h.Steps) + "\n")
	}
	b.WriteString(i18n.T("skipped %d", h.Skipped))
	return b.String()
}
