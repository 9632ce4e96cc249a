package recommend

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/internal/numdiff"
)

// rResidCase is what TestResidMatchesR reads of a fixture written by
// scripts/r_fixtures_classic.R (R 4.2.2, forecast 8.20): the series, and
// for the model R's ets and auto.arima select, its name, residuals(fit)
// and checkresiduals' Ljung–Box test; thetaf's residuals.
type rResidCase struct {
	Name  string    `json:"name"`
	M     int       `json:"m"`
	Y     []float64 `json:"y"`
	ETS   rResid    `json:"ets"`
	ARIMA rResid    `json:"arima"`
	Theta rResid    `json:"theta"`
}

type rResid struct {
	Method    string    `json:"method"`
	Residuals []float64 `json:"residuals"`
	Check     *struct {
		Q     float64 `json:"q"`
		Lags  int     `json:"lags"`
		FitDF int     `json:"fitdf"`
	} `json:"check"`
}

// TestResidMatchesR: the residuals Forecasts keeps for the residual checks
// (Fit.Resid) are R's residuals() of the same model, and their Ljung–Box
// test, run by diagnose.CheckResiduals with Resid's FitDF at the series'
// period, is forecast::checkresiduals' (Q*, lag and df), on every bundled
// sample where our selection is R's. Tolerances: 1e-6 relative for ETS and
// Theta (their forecasts agree with R's to 1e-6: forecast/classic), 1e-5
// for ARIMA (its coefficients agree to 1e-5: forecast/classic/arima), of
// the largest residual, and the same for Q*. Checks run on the whole
// series ("full") of fewer than 400 points under -short and -race, as the
// classic package's fixture tests do (slowSearch: one more left out).
func TestResidMatchesR(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "classic", "testdata", "r", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	checked := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c rResidCase
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if (testing.Short() || raceEnabled) && (len(c.Y) >= 400 || !strings.HasSuffix(c.Name, "_full") || slowSearch[c.Name]) {
			continue
		}
		if c.M > maxARIMASeason {
			continue // no ARIMA here, and AutoETS takes no season above 24
		}
		start := time.Now()
		sel := selectModels(c.Y, c.M)
		fit := Forecasts(c.Y, 1, c.M, sel)
		t.Logf("%s: %s, %s in %.1fs", c.Name, sel.etsName, sel.arName, time.Since(start).Seconds())
		for _, k := range []struct {
			method, ours string
			r            rResid
			tol          float64
		}{{AutoETS, sel.etsName, c.ETS, 1e-6}, {ARIMA, sel.arName, c.ARIMA, 1e-5}, {Theta, "", c.Theta, 1e-6}} {
			if k.ours != k.r.Method {
				continue // another model than R's: nothing to compare
			}
			r, ok := fit.Resid[k.method]
			if !ok {
				t.Errorf("%s: no %s residuals", c.Name, k.method)
				continue
			}
			if d := numdiff.Scaled(r.Values, k.r.Residuals); d > k.tol {
				t.Errorf("%s %s: residuals differ from R's by %.2g of the largest", c.Name, k.method, d)
			}
			checked[k.method]++
			if k.r.Check == nil {
				continue // thetaf: checkresiduals runs no test
			}
			ck, err := diagnose.CheckResiduals(r.Values, diagnose.ResidualOptions{Period: c.M, FitDF: r.FitDF})
			if err != nil {
				t.Errorf("%s %s: %v", c.Name, k.method, err)
				continue
			}
			lb := ck.LjungBox
			if r.FitDF != k.r.Check.FitDF || lb.Lags != k.r.Check.Lags || math.Abs(lb.Q-k.r.Check.Q) > k.tol*k.r.Check.Q {
				t.Errorf("%s %s: Q* %.6g at lag %d, df %d; R's checkresiduals %.6g at %d, df %d",
					c.Name, k.method, lb.Q, lb.Lags, r.FitDF, k.r.Check.Q, k.r.Check.Lags, k.r.Check.FitDF)
			}
		}
	}
	t.Logf("residuals compared with R's: %v", checked)
	if checked[AutoETS] == 0 || checked[ARIMA] == 0 || checked[Theta] == 0 {
		t.Errorf("no comparison for some method: %v", checked)
	}
}

// slowSearch are the cases left out under -short and -race besides the
// long ones: the seatbelts' front column's ARIMA search takes 9 s here
// (the other short cases under 1 s), ten times that under -race.
var slowSearch = map[string]bool{"uk_seatbelts_front_rear_monthly_front_full": true}
