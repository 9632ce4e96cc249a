package monitor

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// Level grades a Finding.
type Level int

const (
	OK   Level = iota // nothing to do
	Info              // worth knowing
	Warn              // probably hurting the model; a setting may help
	Bad               // training failed or diverged
)

func (l Level) String() string {
	return [...]string{"ok", "info", "warning", "problem"}[l]
}

// Finding is one line of the training health panel: what was seen and what
// to do about it.
type Finding struct {
	Level  Level
	Title  string // e.g. "Vanishing gradient"
	Detail string // what was seen, what was done, what to try
	// Layer is the 1-based layer whose heat map shows what the finding
	// describes (vanishing or exploding through time); 0 for none.
	Layer int
}

// Diagnose reads a run's telemetry (and its result, if any) and returns
// findings, worst first. It serves the GUI's status panel and the CLI.
func Diagnose(h *History, res *forecast.Result, set config.Settings) []Finding {
	var out []Finding
	add := func(l Level, title, format string, args ...any) {
		out = append(out, Finding{Level: l, Title: title, Detail: fmt.Sprintf(format, args...)})
	}
	if h == nil {
		return nil
	}
	if res != nil {
		switch res.StopReason {
		case config.StopDiverged:
			if d := trimDot(res.Diagnosis); d != "" {
				add(Bad, "Exploding gradient", "%s. Training stopped at the first non-finite loss; the weights of epoch %d are used.", capitalise(d), res.BestEpoch)
			} else {
				add(Bad, "Exploding gradient", "The loss became non-finite; training stopped and the last good weights (epoch %d) were kept. Enable clipping (norm, threshold 1) or lower the learning rate.", res.BestEpoch)
			}
		case config.StopEarly:
			add(Info, "Early stop", "Validation loss stopped improving; the weights of epoch %d were restored (patience %d).", res.BestEpoch, set.Patience)
		case config.StopCanceled:
			add(Info, "Stopped", "Stopped by you; the best weights so far (epoch %d) are kept.", res.BestEpoch)
		}
	}
	if h.Skipped > 0 && (res == nil || res.StopReason != config.StopDiverged) {
		add(Bad, "Non-finite gradient", "%d step(s) had a NaN or infinite loss or gradient and were skipped (nothing applied). Enable clipping or lower the learning rate.", h.Skipped)
	}
	if h.Steps > 0 {
		share := float64(h.ClipSteps) / float64(h.Steps)
		switch {
		case set.Clip == config.ClipNone:
			if f, where := spikeFactor(h); f >= fit.SpikeFactor {
				add(Warn, "Gradient spikes", "The gradient norm jumped to %.0f× its median %s with no clipping (the gradient-norm chart's peak). Set clipping to norm (threshold 1–5) to cap such steps.", f, where)
			}
		case share > fit.ClipAlwaysShare && h.Steps >= fit.ClipAlwaysSteps:
			add(Warn, "Clipping almost always", "%.0f%% of steps were clipped at %g: the threshold bounds every update, which behaves like a smaller learning rate. Raise the threshold or lower the learning rate.", 100*share, set.ClipMax)
		case share > 0:
			add(Info, "Clipping", "%.1f%% of steps were clipped at %g (%s).", 100*share, set.ClipMax, set.Clip)
		}
	}
	e := h.LastEpoch
	for l, r := range h.Through {
		if r.MinEpoch == 0 {
			continue
		}
		layer := func(lv Level, title, format string, args ...any) {
			add(lv, title, format, args...)
			out[len(out)-1].Layer = l + 1
		}
		switch {
		case r.Last < fit.VanishingRatio:
			layer(Warn, "Vanishing gradient", "Layer %d: the gradient reaching the oldest step of the window is %s of that at the newest (%s): the start of the window barely affects learning; layer %d's heat map fades to the left. Try forget bias 1, layer norm, orthogonal recurrent init or a shorter window.",
				l+1, fraction1(r.Last), epochSpan(r.VanishEpochs, r.VanishFirst, r.VanishLast, h.Epochs), l+1)
		case r.VanishEpochs > 0:
			layer(Info, "Vanishing gradient earlier", "Layer %d: the gradient reaching the oldest step fell below %s of the newest (%s; lowest %s at epoch %d) and has recovered to %s.",
				l+1, fraction1(fit.VanishingRatio), epochSpan(r.VanishEpochs, r.VanishFirst, r.VanishLast, h.Epochs), fraction1(r.Min), r.MinEpoch, ratioText(r.Last))
		}
		switch {
		case r.Last > fit.ExplodingRatio:
			layer(Warn, "Exploding gradient through time", "Layer %d: the gradient grows %.1e× from the newest step back to the oldest (%s); layer %d's heat map brightens to the left. Enable clipping, lower the learning rate or shorten the window.",
				l+1, r.Last, epochSpan(r.ExplodeEpochs, r.ExplodeFirst, r.ExplodeLast, h.Epochs), l+1)
		case r.ExplodeEpochs > 0:
			layer(Info, "Exploding gradient earlier", "Layer %d: the gradient grew more than %.0e× back through the window (%s; largest %.1e× at epoch %d) and is now %s.",
				l+1, fit.ExplodingRatio, epochSpan(r.ExplodeEpochs, r.ExplodeFirst, r.ExplodeLast, h.Epochs), r.Max, r.MaxEpoch, ratioText(r.Last))
		}
	}
	var sat []string
	for _, g := range []struct {
		name string
		v    float64
	}{{"forget", e.SatForget}, {"input", e.SatInput}, {"output", e.SatOutput}} {
		if g.v > fit.SaturationShare {
			sat = append(sat, fmt.Sprintf("%s %.0f%%", g.name, 100*g.v))
		}
	}
	if len(sat) > 0 {
		add(Warn, "Saturated gates", "Gate activations stuck near 0 or 1 (%s), where their gradient vanishes. Lower the learning rate, enable layer norm or use Xavier init.", strings.Join(sat, ", "))
	}
	for _, w := range h.Warnings {
		lw := strings.ToLower(w)
		switch {
		case res != nil && trimDot(w) == trimDot(res.Diagnosis):
			continue // already the first finding
		case len(sat) > 0 && strings.Contains(lw, "saturat"):
			continue
		case len(h.Through) > 0 && (strings.Contains(lw, "vanishing gradient in layer") || strings.Contains(lw, "exploding gradient through time in layer")):
			continue // the per-layer findings above say when and where
		}
		add(Warn, "Training", "%s", capitalise(trimDot(w))+".")
	}
	if f, ok := gapFinding(h); ok {
		out = append(out, f)
	}
	if len(out) == 0 && h.Epochs > 0 {
		add(OK, "Healthy", "Gradients stayed finite and reached the whole window.")
	}
	slices.SortStableFunc(out, func(a, b Finding) int { return int(b.Level) - int(a.Level) })
	return out
}

func has(fs []Finding, title string) bool {
	for _, f := range fs {
		if f.Title == title {
			return true
		}
	}
	return false
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func trimDot(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '.' || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}

// spikeFactor is the largest pre-clip bucket maximum over the median of the
// bucket means, and where it was seen ("at step 412", "around steps
// 400–415").
func spikeFactor(h *History) (float64, string) {
	b := h.GradNorm.Buckets()
	if len(b) < 8 {
		return 0, ""
	}
	means := make([]float64, 0, len(b))
	peak := 0.0
	var at Bucket
	for _, k := range b {
		if k.N > 0 {
			means = append(means, k.Mean)
			if k.Max > peak {
				peak, at = k.Max, k
			}
		}
	}
	if len(means) == 0 {
		return 0, ""
	}
	slices.Sort(means)
	med := means[len(means)/2]
	if med <= 0 {
		return 0, ""
	}
	where := fmt.Sprintf("at step %.0f", at.X0)
	if at.X1 > at.X0 {
		where = fmt.Sprintf("around steps %.0f–%.0f", at.X0, at.X1)
	}
	return peak / med, where
}

// epochSpan says in which epochs a condition held: "in the latest epoch",
// "in 12 of 40 epochs, 3–40".
func epochSpan(n, first, last, total int) string {
	switch {
	case n == 1:
		return fmt.Sprintf("in epoch %d of %d", last, total)
	case n == total:
		return fmt.Sprintf("in every epoch, %d–%d", first, last)
	}
	return fmt.Sprintf("in %d of %d epochs, between epochs %d and %d", n, total, first, last)
}

// ratioText writes an oldest/newest gradient ratio: "1/25" below 1, "3.2×" above.
func ratioText(r float64) string {
	if r < 1 {
		return fraction1(r)
	}
	return fmt.Sprintf("%.2g×", r)
}

// fraction1 writes a small ratio as "1/1,200" (or "1e-15" when tiny).
func fraction1(r float64) string {
	if r <= 0 || math.IsNaN(r) {
		return "none"
	}
	inv := 1 / r
	if inv >= 1e9 {
		return fmt.Sprintf("%.0e", r)
	}
	// Two significant digits, with thousands separators.
	mag := math.Pow(10, math.Floor(math.Log10(inv))-1)
	n := int64(math.Round(inv/mag) * mag)
	str := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range str {
		if i > 0 && (len(str)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return "1/" + b.String()
}

// gapFinding warns when the last epoch's validation loss is more than
// fit.GapFactor times its training loss: the network fits the training
// windows and not the others. A validation loss risen well above its best
// is overfitting; one that stayed flat means the validation windows differ
// from the training ones (a level shift, a changed season) or the network
// learnt too little that carries over. Either way the run is not healthy,
// whatever its gradients did. While the validation loss still improved
// within the last fit.GapEpochs epochs, it is too soon to say.
func gapFinding(h *History) (Finding, bool) {
	e := h.LastEpoch
	if h.Epochs < fit.GapEpochs || !(e.TrainLoss > 0) || math.IsInf(e.ValLoss, 0) || !(e.ValLoss > fit.GapFactor*e.TrainLoss) {
		return Finding{}, false
	}
	if e.Member == 0 && h.BestEpoch > 0 && e.Epoch-h.BestEpoch < fit.GapEpochs {
		return Finding{}, false // the validation loss is still improving: too soon to judge
	}
	ratio := e.ValLoss / e.TrainLoss
	if h.BestEpoch > 0 && h.BestVal > 0 && e.ValLoss > 1.2*h.BestVal {
		return Finding{Level: Warn, Title: "Overfitting",
			Detail: fmt.Sprintf("The validation loss (%.3g) is %.1f× the training loss (%.3g) and %.0f%% above its best (%.3g, epoch %d): the network learns the training windows by heart. The weights of epoch %d are kept; L2, dropout, a smaller hidden size or early stopping (patience) help.",
				e.ValLoss, ratio, e.TrainLoss, 100*(e.ValLoss/h.BestVal-1), h.BestVal, h.BestEpoch, h.BestEpoch)}, true
	}
	return Finding{Level: Warn, Title: "Validation far above training",
		Detail: fmt.Sprintf("The validation loss (%.3g) stays %.1f× the training loss (%.3g): what the network learnt on the training windows does not carry over to the later ones (a level shift or a changed season between them, or too little data). Check the holdout against the baselines on the Forecast tab; a transform (log, diff), the ETS anchor or a shorter window may help.",
			e.ValLoss, ratio, e.TrainLoss)}, true
}
