package diagnose

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// Options are the settings of Describe: the flags of `forecaster diagnose`.
type Options struct {
	// Season is the seasonal period in steps: 0 takes the calendar's
	// (Freq.SeasonalPeriod: months 12, days 7 …), 1 means none.
	Season int
	// Lags is the number of ACF and PACF lags: 0 means DefaultLags(n, Season).
	Lags int
	// LjungBoxLag is the lag of the Ljung–Box test: 0 means
	// LjungBoxLag(n, Season), FPP's min(2m, T/5) (10 without a season).
	LjungBoxLag int
}

// Description is what `forecaster diagnose -json` prints: the issue's
// contract {"acf":[lags 1…K],"pacf":[lags 1…K],"ljung_box":{"lags":K,"q":Q,
// "p":P},"stl":{"period":M,"trend":[…],"seasonal":[…],"remainder":[…]}}, with
// a few additions a reader can ignore: n, season, band, the strengths inside
// stl, stl_reason when stl is null, and season_candidates when the calendar
// leaves the period open.
type Description struct {
	N      int       `json:"n"`
	Season int       `json:"season"`
	ACF    []float64 `json:"acf"`  // lags 1…K
	PACF   []float64 `json:"pacf"` // lags 1…K
	Band   float64   `json:"band"` // the 95 % band is ±Band
	// LjungBox tests the series itself (fitdf 0) for autocorrelation.
	LjungBox LjungBoxTest `json:"ljung_box"`
	// STL is nil when the series has no season or is too short for one;
	// STLReason then says which.
	STL       *Decomposition `json:"stl"`
	STLReason string         `json:"stl_reason,omitempty"`
	// Candidates are the seasonal periods the calendar allows, with their
	// strengths, when there is more than one (hourly: 24 and 168; daily: 7
	// and 365).
	Candidates []Candidate `json:"season_candidates,omitempty"`
}

// Describe computes the Description of s: ACF and PACF with their band,
// the Ljung–Box test, the STL decomposition with periodic season (or the
// reason there is none) and the candidate seasons. Errors: a lag beyond
// n−1 (*LagError with the largest allowed), a constant series
// (*ConstantError), a negative option. s is not modified.
func Describe(s *tsdata.Series, opt Options) (*Description, error) {
	if s == nil {
		return nil, badArgument("no series")
	}
	if opt.Season < 0 || opt.Lags < 0 || opt.LjungBoxLag < 0 {
		return nil, badArgument("season %d, lags %d, Ljung–Box lag %d: none can be negative", opt.Season, opt.Lags, opt.LjungBoxLag)
	}
	x := s.Values
	n := len(x)
	m := opt.Season
	if m == 0 {
		m = s.Freq.SeasonalPeriod()
	}
	d := &Description{N: n, Season: m}
	if err := check(x, 2, "an autocorrelation", true); err != nil {
		return nil, err
	}
	lags := opt.Lags
	if lags == 0 {
		lags = DefaultLags(n, m)
	}
	lbLag := opt.LjungBoxLag
	if lbLag == 0 {
		lbLag = LjungBoxLag(n, m)
	}
	for _, l := range []int{lags, lbLag} {
		if err := checkLag(n, l); err != nil {
			return nil, err
		}
	}
	r := acf(x, max(lags, lbLag))
	d.ACF = r[1 : lags+1]
	d.PACF = durbinLevinson(acfCentred(centre(centre(x)), lags))
	d.Band = Band(n)
	d.LjungBox = ljungBox(r, n, lbLag, 0)

	switch stl, err := STL(x, m); {
	case err == nil:
		d.STL = stl
	case errors.Is(err, ErrNoSeason):
		d.STLReason = "no seasonal period (yearly or row-indexed data, or season 1): nothing to decompose"
	default:
		d.STLReason = reason(err)
	}
	if periods := CandidatePeriods(s.Freq); len(periods) > 1 {
		cands, err := SeasonCandidates(x, periods)
		if err != nil {
			return nil, err
		}
		d.Candidates = cands
	}
	return d, nil
}

// Text is the Description for a person: what `forecaster diagnose` prints
// without -json.
func (d *Description) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d values, seasonal period %d\n", d.N, d.Season)
	fmt.Fprintf(&b, "Ljung–Box Q = %.4g at lag %d, p %s: %s\n", d.LjungBox.Q, d.LjungBox.Lags, formatP(d.LjungBox.P),
		map[bool]string{true: "the series is autocorrelated", false: "no autocorrelation detected"}[d.LjungBox.P < Alpha])
	fmt.Fprintf(&b, "ACF lags outside the 95 %% band (±%.3f): %s\n", d.Band, outside(d.ACF, d.Band))
	fmt.Fprintf(&b, "PACF lags outside the band: %s\n", outside(d.PACF, d.Band))
	if d.STL != nil {
		fmt.Fprintf(&b, "STL (period %d): strength of trend %.2f, of seasonality %.2f\n", d.STL.Period, d.STL.StrengthTrend, d.STL.StrengthSeasonal)
	} else {
		fmt.Fprintf(&b, "STL: %s\n", d.STLReason)
	}
	for _, c := range d.Candidates {
		if c.Reason != "" {
			fmt.Fprintf(&b, "season of a %s (%d steps): %s\n", c.Name, c.Steps, c.Reason)
			continue
		}
		fmt.Fprintf(&b, "season of a %s (%d steps): strength %.2f\n", c.Name, c.Steps, c.StrengthSeasonal)
	}
	return b.String()
}

// outside lists the lags (1-based) whose value lies outside ±band.
func outside(r []float64, band float64) string {
	var lags []string
	for k, v := range r {
		if math.Abs(v) > band {
			lags = append(lags, fmt.Sprint(k+1))
		}
	}
	if len(lags) == 0 {
		return "none"
	}
	return strings.Join(lags, ", ")
}
