package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/recommend"
)

// backtestJSON is the object `forecaster backtest -json` prints.
type backtestJSON struct {
	Rows       int                        `json:"rows"`
	Horizon    int                        `json:"horizon"`
	Season     int                        `json:"season"`
	Window     int                        `json:"window"`
	Origins    int                        `json:"origins"`
	Step       int                        `json:"step"`
	Methods    map[string]classic.Metrics `json:"methods"`
	Coverage80 float64                    `json:"coverage80"`
	Coverage95 float64                    `json:"coverage95"`
	Epochs     int                        `json:"epochs"`
	BestEpoch  int                        `json:"best_epoch"`
	Stop       string                     `json:"stop"`
	Diagnosis  string                     `json:"diagnosis,omitempty"`
	Anchor     string                     `json:"anchor,omitempty"`
	// Recommended is the forecast chosen on the validation windows at the
	// last origin (never the holdout), e.g. "ets" or "lstm+ets".
	Recommended string `json:"recommended,omitempty"`
	// FellBackFrom names the best validation candidate when Recommended
	// is the seasonal naive because that candidate was not
	// recommend.FallbackMargin better than it.
	FellBackFrom string `json:"fell_back_from,omitempty"`
	// ShortRule: Recommended is the fixed rule for a series too short for
	// the network (the combination; its mean with the seasonal naive when
	// there is no validation window), not a choice on validation.
	ShortRule bool `json:"short_rule,omitempty"`
	// Residuals checks every fitted method's one-step residuals on the
	// history before the last origin's holdout (app.CheckResiduals).
	Residuals map[string]residualJSON `json:"residuals,omitempty"`
	Seconds   float64                 `json:"seconds"`
}

// residualJSON is one method's residual check in `backtest -json`: the
// numbers of diagnose.ResidualCheck without its plot points, or why there
// are none.
type residualJSON struct {
	N        int                   `json:"n,omitempty"`
	Start    int                   `json:"start"`              // 0-based series index of the first residual
	Relative bool                  `json:"relative,omitempty"` // errors relative to the forecast, (y − ŷ)/ŷ (an ETS with multiplicative error)
	Mean     float64               `json:"mean"`
	SD       float64               `json:"sd"`
	ACF      []float64             `json:"acf,omitempty"`
	Band     float64               `json:"band,omitempty"`
	LjungBox diagnose.LjungBoxTest `json:"ljung_box"`
	Finding  diagnose.Finding      `json:"finding"`
	Lag      int                   `json:"lag,omitempty"`
	Verdict  string                `json:"verdict,omitempty"`
	Error    string                `json:"error,omitempty"`
}

// residualsJSON turns the run's residual checks into their JSON form.
func residualsJSON(checks []app.MethodCheck) map[string]residualJSON {
	out := map[string]residualJSON{}
	for _, c := range checks {
		if c.Err != nil {
			out[c.Method] = residualJSON{Start: c.Residuals.Start, Relative: c.Residuals.Relative, Error: app.Message(c.Err)}
			continue
		}
		k := c.Check
		out[c.Method] = residualJSON{N: k.N, Start: c.Residuals.Start, Relative: c.Residuals.Relative, Mean: k.Mean, SD: k.SD, ACF: k.ACF, Band: k.Band,
			LjungBox: k.LjungBox, Finding: k.Finding, Lag: k.Lag, Verdict: k.Verdict}
	}
	return out
}

func cmdBacktest(c *cli, args []string) int {
	fs := c.newFlagSet("backtest", "-csv FILE [-id-col C | -value-col A,B|'*'] [-shard i/n] -horizon H [-season M] [settings…] [-origins N -step S] [-json]")
	var sf seriesFlags
	sf.register(fs.FlagSet)
	var pf panelFlags
	pf.register(fs.FlagSet, true)
	set := settingsFlags(fs.FlagSet)
	asJSON := fs.Bool("json", false, "print one JSON object")
	origins := fs.Int("origins", 1, "rolling-origin backtest: this many forecast origins, the last at the end of the series")
	step := fs.Int("step", 0, "points between rolling origins (default: the horizon)")
	if rc := fs.parse(args); rc >= 0 {
		return rc
	}
	if *origins < 1 || *origins > app.MaxOrigins || *step < 0 {
		return c.fail(fmt.Errorf("-origins must be 1 to %d and -step ≥ 0", app.MaxOrigins))
	}
	if err := validateFlags(set); err != nil {
		return c.fail(err)
	}
	spec, many, err := pf.spec(&sf)
	if err != nil {
		return c.fail(err)
	}
	if many {
		if *origins > 1 {
			return c.fail(fmt.Errorf("with many series the backtest holds out the last -horizon points of each (one origin); leave out -origins"))
		}
		return c.backtestPanel(&sf, &pf, spec, app.PanelJob{Settings: *set, Method: forecast.MethodRecommended, Holdout: true, Static: spec.StaticCols}, *asJSON)
	}
	s := app.NewSession(nil)
	d, err := sf.load(s)
	if err != nil {
		return c.fail(err)
	}
	if err := s.SetSettings(*set); err != nil {
		return c.fail(err)
	}
	start := time.Now()
	prog := c.newProgress(set.Epochs * set.Ensemble * *origins)
	bt, err := s.Backtest(c.ctx, *origins, *step, prog)
	prog.finish()
	if c.ctx.Err() != nil {
		fmt.Fprintln(c.stderr, "forecaster: interrupted: the backtest did not finish, so there is nothing to report")
		return exitInterrupted
	}
	if err != nil {
		return c.fail(err)
	}
	if *step == 0 {
		*step = set.Horizon
	}
	res := bt.Results[len(bt.Results)-1]
	out := backtestJSON{Rows: d.Series.Len(), Horizon: res.Settings.Horizon, Season: res.Settings.Season, Origins: *origins, Step: *step,
		Window: res.Settings.Window, Methods: bt.Mean, Coverage80: bt.Coverage80, Coverage95: bt.Coverage95,
		Epochs: len(res.History), BestEpoch: res.BestEpoch, Stop: res.StopReason.String(), Diagnosis: res.Diagnosis,
		Anchor: res.Anchor, Recommended: res.Recommended, FellBackFrom: res.FellBackFrom, ShortRule: res.ShortRule, Seconds: time.Since(start).Seconds()}
	checks := app.CheckResiduals(res)
	out.Residuals = residualsJSON(checks)
	if *asJSON {
		if err := json.NewEncoder(c.stdout).Encode(out); err != nil {
			return c.fail(err)
		}
		return 0
	}
	w := c.stdout
	if out.Epochs > 0 {
		// The seconds are the whole run's: the classical models' search
		// (auto ARIMA's above all) can take longer than the network.
		fmt.Fprintf(w, "%s: %d points, horizon %d, season %d, window %d; %d epochs (best %d, %s); %.1f s in all, with the classical models\n",
			d.Series.Name, out.Rows, out.Horizon, out.Season, out.Window, out.Epochs, out.BestEpoch, out.Stop, out.Seconds)
	} else { // no network: the classical methods only (the diagnosis says why)
		fmt.Fprintf(w, "%s: %d points, horizon %d, season %d; no network, classical methods only, in %.1f s\n",
			d.Series.Name, out.Rows, out.Horizon, out.Season, out.Seconds)
	}
	if out.Origins > 1 {
		fmt.Fprintf(w, "metrics averaged over %d rolling origins, %d points apart\n", out.Origins, out.Step)
	}
	if out.Anchor != "" {
		fmt.Fprintln(w, "anchor:", out.Anchor)
	}
	if out.Diagnosis != "" {
		fmt.Fprintln(w, "diagnosis:", out.Diagnosis)
	}
	switch {
	case out.ShortRule && strings.Contains(out.Recommended, "+"):
		fmt.Fprintf(w, "recommended: %s (the mean of the combination and the seasonal naive: a series this short has no validation window to choose by; the row \"recommended\" below is its holdout score)\n", out.Recommended)
	case out.ShortRule:
		fmt.Fprintf(w, "recommended: %s (the combination: a series this short has too few validation windows to choose by; the row \"recommended\" below is its holdout score)\n", out.Recommended)
	case out.FellBackFrom != "":
		fmt.Fprintf(w, "recommended: %s (the best candidate on the validation windows, %s, was not %.0f%% better than it; the row \"recommended\" below is its holdout score)\n", out.Recommended, out.FellBackFrom, 100*recommend.FallbackMargin)
	case strings.Contains(out.Recommended, "+"):
		fmt.Fprintf(w, "recommended: %s (the mean of the two, chosen on the validation windows; the row \"recommended\" below is its holdout score)\n", out.Recommended)
	case out.Recommended != "":
		fmt.Fprintf(w, "recommended: %s (lowest error on the validation windows; the row \"recommended\" below is its holdout score)\n", out.Recommended)
	}
	fmt.Fprintf(w, "%-15s %10s %10s %8s %8s %8s\n", "method", "MAE", "RMSE", "MAPE%", "sMAPE%", "MASE")
	for _, m := range forecast.Methods {
		r, ok := out.Methods[m]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "%-15s %10.4g %10.4g %8.2f %8.2f %8.3f\n", m, r.MAE, r.RMSE, r.MAPE, r.SMAPE, r.MASE)
	}
	if out.Epochs > 0 { // the coverage is the LSTM's intervals'
		fmt.Fprintf(w, "interval coverage on the holdout: 80%% → %.0f%%, 95%% → %.0f%%\n", 100*res.Coverage80, 100*res.Coverage95)
	}
	if len(checks) > 0 {
		fmt.Fprintln(w, "residuals (one step ahead, before the holdout):")
		for _, c := range checks {
			if c.Err != nil {
				fmt.Fprintf(w, "%-15s %s\n", c.Method, app.Message(c.Err))
				continue
			}
			fmt.Fprintf(w, "%-15s %s\n", c.Method, c.Check.Verdict)
		}
	}
	return 0
}
