package monitor

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
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
			if f := spikeFactor(h); f >= forecast.SpikeFactor {
				add(Warn, "Gradient spikes", "The gradient norm jumped to %.0f× its median with no clipping. Set clipping to norm (threshold 1–5) to cap such steps.", f)
			}
		case share > forecast.ClipAlwaysShare && h.Steps >= forecast.ClipAlwaysSteps:
			add(Warn, "Clipping almost always", "%.0f%% of steps were clipped at %g: the threshold bounds every update, which behaves like a smaller learning rate. Raise the threshold or lower the learning rate.", 100*share, set.ClipMax)
		case share > 0:
			add(Info, "Clipping", "%.1f%% of steps were clipped at %g (%s).", 100*share, set.ClipMax, set.Clip)
		}
	}
	e := h.LastEpoch
	if len(e.HGradByTime) > 0 {
		p := e.HGradByTime[0]
		if len(p) >= 2 && p[len(p)-1] > 0 {
			r := p[0] / p[len(p)-1]
			if r < forecast.VanishingRatio {
				add(Warn, "Vanishing gradient", "The gradient reaching the oldest step of the window is %s of that at the newest: the start of the window barely affects learning. Try forget bias 1, layer norm, orthogonal recurrent init or a shorter window.", fraction1(r))
			}
		}
	}
	var sat []string
	for _, g := range []struct {
		name string
		v    float64
	}{{"forget", e.SatForget}, {"input", e.SatInput}, {"output", e.SatOutput}} {
		if g.v > forecast.SaturationShare {
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
		case strings.Contains(lw, "vanish") && has(out, "Vanishing gradient"):
			continue
		}
		add(Warn, "Training", "%s", capitalise(trimDot(w))+".")
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
// bucket means.
func spikeFactor(h *History) float64 {
	b := h.GradNorm.Buckets()
	if len(b) < 8 {
		return 0
	}
	means := make([]float64, 0, len(b))
	peak := 0.0
	for _, k := range b {
		if k.N > 0 {
			means = append(means, k.Mean)
			peak = math.Max(peak, k.Max)
		}
	}
	if len(means) == 0 {
		return 0
	}
	slices.Sort(means)
	med := means[len(means)/2]
	if med <= 0 {
		return 0
	}
	return peak / med
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
