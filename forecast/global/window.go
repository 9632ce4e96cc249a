package global

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/lstm"
)

// WindowError is one candidate lookback's validation error: the mean over
// the series of the global network's mean absolute error on the series'
// validation windows, in units of its in-sample seasonal-naive error.
type WindowError struct {
	Window int
	MASE   float64
}

// minSeriesToChoose is the fewest series for which the lookback is chosen
// on validation: most series give one validation window, and on the UK
// seatbelts' 5 columns the choice went to a longer lookback that lost on
// the holdout (MASE 0.570 → 0.639), on the three US macro columns too
// (2.200 → 2.209). With fewer series w0 is kept.
const minSeriesToChoose = 20

// maxWindow caps the longer candidate lookbacks: a step of the network
// costs time in proportion to the lookback.
const maxWindow = 128

// windowCandidates are the lookbacks tried when Options.Window is 0: the
// default w0 = max(2m, H, 4), 1.5 × w0 and 2 × w0, the longer two only
// when every series is long enough to be forecast at them (forecastable:
// none is left out that w0 keeps; one too short for a training window of
// its own keeps w0's normalisation and trains the network through the
// others) and they are at most maxWindow, and with at least
// minSeriesToChoose series. On a panel of more than largePanel series only
// the longest of them is trained: the comparison would cost 10,000 series
// their time budget (300 s on two cores; the three trainings took 115 s
// of a 276 s run), and on 2,000 varied series of the 10,000 (none seen
// before) the validation windows chose 48 months too, the global LSTM's
// holdout MASE 0.921 at 24 and 0.872 at 48.
//
// How long a lookback pays depends on the panel: on the synthetic varied
// panel of docs/panel.md (monthly, 200 series) the global LSTM's holdout
// MASE went 0.943 → 0.930 → 0.898 from 24 to 36 to 48 months, on the tree
// rings (79 yearly segments) 0.909 → 0.879 from 6 to 36 years; on the
// stock segments (45 × 120 days) it went up from 10 days to 36, on the
// three US macro columns (few windows) from 8 quarters to 48 a lot. So it
// is chosen per panel, on the validation windows.
func windowCandidates(w0 int, ser []*member, h int, holdout bool) []int {
	shortest := math.MaxInt
	for _, s := range ser {
		shortest = min(shortest, len(s.v))
	}
	out := []int{w0}
	if len(ser) < minSeriesToChoose {
		return out
	}
	for _, w := range []int{(3*w0 + 1) / 2, 2 * w0} {
		if w > out[len(out)-1] && w <= maxWindow && forecastable(w, h, holdout) <= shortest {
			out = append(out, w)
		}
	}
	if len(ser) > largePanel {
		return out[len(out)-1:]
	}
	return out
}

// forecastable is the fewest points a series needs to be forecast from
// its validation origin at lookback W: W inputs, the validation window and
// the holdout. A series that long but shorter than need(W) gives the
// network no training window at W; it is still forecast, and scored on
// validation like the others.
func forecastable(W, h int, holdout bool) int {
	return need(W, h, holdout) - h
}

// trainer trains the global network at a given lookback.
type trainer struct {
	ser      []*member          // normalised for the first candidate's lookback
	paths    []*classic.ETSPath // each series' AutoETS path (the anchor), or nil
	h, m     int
	nIn      int
	anchorIn bool
	set      config.Settings
	rep      *reporter
}

// trained is the network trained at lookback W, with its series
// normalised for W, and its validation error (WindowError's).
type trained struct {
	W     int
	ser   []*member
	pw    *panelWindows
	fits  []*fit.Fitted
	score float64
}

// train trains the network at lookback W, the c-th candidate. It returns
// nil (and no error) when some series cannot be normalised with W.
func (tr *trainer) train(ctx context.Context, W, c int) (*trained, error) {
	ser := tr.ser
	if W != tr.set.Window {
		ser = make([]*member, len(tr.ser))
		for j, s := range tr.ser {
			cp := *s
			if s.trainOrigins(W, tr.h) > 0 { // else w0's normalisation, fitted on its windows
				var err error
				if cp.nrm, err = fitNorm(s.v, s.firstVal(tr.h), W, tr.h, tr.m, tr.paths[j]); err != nil {
					return nil, nil
				}
			}
			ser[j] = &cp
		}
	}
	pw := newPanelWindows(ser, W, tr.h, tr.nIn)
	pw.anchorIn = tr.anchorIn
	if pw.cum[len(ser)] == 0 {
		return nil, nil
	}
	d := pw.dataset()
	if err := d.Check(); err != nil {
		return nil, err
	}
	set := tr.set
	set.Window = W
	tr.rep.candidate(c, W, pw.cum[len(ser)])
	fits, err := fit.Members(ctx, d, set, tr.rep, time.Now())
	if err != nil {
		return nil, err
	}
	if fits[0].Stop == config.StopCanceled {
		return nil, fmt.Errorf("global: %w", context.Canceled)
	}
	nets := make([]*lstm.Model, len(fits))
	for i, f := range fits {
		nets[i] = f.Net
	}
	val := (&predictor{nets: nets, pw: pw}).vals(ser, tr.h)
	var sum float64
	n := 0
	for j, s := range ser {
		sc := classic.MASEScale(s.v[:s.firstVal(tr.h)], tr.m)
		if !(sc > 0) || math.IsInf(sc, 0) {
			continue
		}
		sum += s.valMAE(val[j], tr.h) / sc
		n++
	}
	score := math.Inf(1) // no series to judge by, or a forecast not finite: never kept over another
	if n > 0 && !math.IsNaN(sum) {
		score = sum / float64(n)
	}
	return &trained{W: W, ser: ser, pw: pw, fits: fits, score: score}, nil
}
