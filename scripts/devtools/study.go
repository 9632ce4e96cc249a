package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/forecast/fileio"
	"github.com/forecaster-dev/forecaster/ui/report"
)

// verdict judges a claim's experiment by a stated rule.
type verdict func(r *experiment.Result) (supported bool, why string)

// cell finds the summary of the cell whose labels are exactly these.
func cell(r *experiment.Result, labels ...string) *experiment.CellSummary {
	for i := range r.Cells {
		if strings.Join(r.Cells[i].Labels, "|") == strings.Join(labels, "|") {
			return &r.Cells[i]
		}
	}
	return nil
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

func epochs(x float64) string {
	if math.IsInf(x, 1) || math.IsNaN(x) {
		return "never"
	}
	return fmt.Sprintf("%.0f", x)
}

// verdicts judge the experiment of each of experiment.Claims, by ID.
var verdicts = map[string]verdict{
	"init": func(r *experiment.Result) (bool, string) {
		x, p := cell(r, "xavier_uniform"), cell(r, "pytorch")
		faster := x.ToTarget < p.ToTarget || (x.ToTarget == p.ToTarget && x.Reached > p.Reached)
		better := x.MASE < p.MASE
		why := fmt.Sprintf("median epochs to the target validation loss: Xavier %s, PyTorch default %s (reached by %s and %s of seeds); holdout MASE median %.3f [%.3f–%.3f] vs %.3f [%.3f–%.3f]",
			epochs(x.ToTarget), epochs(p.ToTarget), pct(x.Reached), pct(p.Reached), x.MASE, x.MASELo, x.MASEHi, p.MASE, p.MASELo, p.MASEHi)
		switch {
		case faster && better:
			return true, why + ": Xavier converged faster and forecast better."
		case faster:
			return true, why + ": Xavier converged faster, but its forecasts were not better."
		}
		return false, why + ": Xavier did not converge faster here."
	},
	"clipping": func(r *experiment.Result) (bool, string) {
		var none, norm float64
		var gNone, gNorm float64
		for _, lr := range []string{"0.1", "1", "5"} {
			a, b := cell(r, "none", lr), cell(r, "norm", lr)
			none += a.Diverged / 3
			norm += b.Diverged / 3
			gNone = math.Max(gNone, a.MaxGrad)
			gNorm = math.Max(gNorm, b.MaxGrad)
		}
		why := fmt.Sprintf("runs that diverged (non-finite loss or a 10× rise of the training loss) over the three learning rates: without clipping %s, with clipping at norm 1 %s; largest pre-clip gradient norm %.3g vs %.3g",
			pct(none), pct(norm), gNone, gNorm)
		switch {
		case none == 0 && norm == 0:
			return false, why + ": nothing diverged either way, so this data cannot show the effect."
		case norm <= 0.1 && norm < none:
			return true, why + "."
		}
		return false, why + ": clipping did not remove divergence here."
	},
	"lr": func(r *experiment.Result) (bool, string) {
		lo, hi := cell(r, "0.001"), cell(r, "5")
		why := fmt.Sprintf("SGD without clipping: largest gradient norm (median over seeds) %.3g at lr 0.001 and %.3g at lr 5; diverged %s vs %s; holdout MASE %.3f vs %.3f",
			lo.MaxGradMedian, hi.MaxGradMedian, pct(lo.Diverged), pct(hi.Diverged), lo.MASE, hi.MASE)
		if hi.Diverged > lo.Diverged || hi.MaxGradMedian >= 10*lo.MaxGradMedian {
			return true, why + "."
		}
		return false, why + ": the high rate did not blow the gradients up here."
	},
	"depth": func(r *experiment.Result) (bool, string) {
		small, big := cell(r, "1", "16"), cell(r, "3", "64")
		deep := cell(r, "3", "16")
		helps := big.MASE < small.MASE
		vanish := deep.Vanishing < small.Vanishing
		why := fmt.Sprintf("holdout MASE median: 1×16 %.3f, 3×64 %.3f; gradient reaching the oldest window step relative to the newest (layer 1): 1×16 %.2g, 3×16 %.2g, 3×64 %.2g",
			small.MASE, big.MASE, small.Vanishing, deep.Vanishing, big.Vanishing)
		switch {
		case helps && vanish:
			return true, why + ": the larger network forecast better, and depth shrank the gradient reaching the start of the window."
		case vanish:
			return false, why + ": depth did shrink the early-step gradient, but the larger network did not forecast better here."
		case helps:
			return false, why + ": the larger network forecast better, but depth did not make gradients vanish faster here."
		}
		return false, why + ": neither part held here."
	},
}

// cmdStudy runs one experiment per claim of the seed article on the
// bundled samples and writes docs/study.md with the verdicts, the reports
// and their charts.
func cmdStudy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("study")
	out := fs.String("out", "docs/study", "folder for study.md, the reports and charts")
	seeds := fs.Int("seeds", 5, "seeds per cell")
	epochsFlag := fs.Int("epochs", 0, "epochs per run (default: each claim's, 60 or 30; early stopping is off so curves compare)")
	only := fs.String("only", "", "comma-separated claim ids to run (init, clipping, lr, depth)")
	if rc := parse(fs, args, stderr); rc >= 0 {
		return rc
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return failf(stderr, err)
	}
	start := time.Now()
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Does the article hold on this data?\n\n")
	fmt.Fprintf(&b, "The seed article on taming LSTM gradients makes four claims. Each is tested here by an experiment on a bundled sample: a grid of settings, %d seeds per cell, everything else at the app's defaults except as noted (early stopping off and a constant learning rate, so the curves compare; %s). The same experiments are the presets of the app's Experiments tab. The verdict is computed by the rule printed with it, not written by hand.\n\n", *seeds, epochsText(*epochsFlag))
	fmt.Fprintf(&b, "The clipping and learning-rate experiments use plain SGD, z-scored data and MSE loss, as the article does. With the app's default Huber loss, whose gradient is bounded, nothing diverged in them at any rate up to 5, with or without clipping (largest gradient norm about 1): the loss function is a stabiliser too.\n\n")
	fmt.Fprintf(&b, "Regenerate with `make study` (`go run ./scripts/devtools study -out docs/study`).\n\n")
	for _, c := range experiment.Claims {
		if *only != "" && !strings.Contains(","+*only+",", ","+c.ID+",") {
			continue
		}
		sess := app.NewSession(nil)
		d, err := sess.LoadSample(c.Sample) // the sample's target, and its horizon
		if err != nil {
			return failf(stderr, err)
		}
		smp := *d.Sample
		set, err := experiment.ApplyFixed(sess.Settings(), c.Fixed)
		if err != nil {
			return failf(stderr, err)
		}
		if *epochsFlag > 0 {
			set.Epochs = *epochsFlag
		}
		spec := experiment.Spec{Base: set, Axes: c.Axes, Seeds: *seeds, Workers: 2}
		fmt.Fprintf(stderr, "devtools: claim %q on %s\n", c.Title, c.Sample)
		res, err := sess.RunExperiment(ctx, spec, func(done, total int, r experiment.RunOutcome) {
			fmt.Fprintf(stderr, "  [%d/%d]\r", done, total)
		})
		if err != nil {
			return failf(stderr, err)
		}
		ok, why := verdicts[c.ID](res)
		path := filepath.Join(*out, c.ID+".md")
		if err := report.WriteFiles(path, c.Title, res); err != nil {
			return failf(stderr, err)
		}
		v := "**Not supported on this data.**"
		if ok {
			v = "**Supported on this data.**"
		}
		fmt.Fprintf(&b, "## %s\n\n> %s\n\n%s %s\n\nExperiment: %s on `%s`; full report with charts: [%s](%s).\n\n",
			c.Title, c.Statement, v, strings.ToUpper(why[:1])+why[1:], gridText(c.Axes)+fixedText(c.Fixed), smp.Title, c.ID+".md", c.ID+".md")
		fmt.Fprintf(stderr, "  %v: %s\n", ok, why)
	}
	fmt.Fprintf(&b, "Total time %.0f s on %s.\n", time.Since(start).Seconds(), machine())
	if err := fileio.WriteFile(filepath.Join(*out, "README.md"), b.Bytes()); err != nil {
		return failf(stderr, err)
	}
	fmt.Fprintf(stderr, "devtools: wrote %s\n", filepath.Join(*out, "README.md"))
	return 0
}

// epochsText says how many epochs the runs train.
func epochsText(flag int) string {
	if flag > 0 {
		return fmt.Sprintf("%d epochs", flag)
	}
	return "60 epochs, 30 for the depth grid"
}

// fixedText lists the settings a claim fixes beyond the study's common ones.
func fixedText(fixed []experiment.Axis) string {
	var parts []string
	for _, a := range fixed {
		if a.Name == "patience" || a.Name == "schedule" || a.Name == "epochs" {
			continue
		}
		parts = append(parts, a.Name+" "+a.Values[0])
	}
	if len(parts) == 0 {
		return ""
	}
	return ", with " + strings.Join(parts, ", ")
}

func gridText(axes []experiment.Axis) string {
	var parts []string
	for _, a := range axes {
		parts = append(parts, a.Name+" ∈ {"+strings.Join(a.Values, ", ")+"}")
	}
	return strings.Join(parts, " × ")
}
