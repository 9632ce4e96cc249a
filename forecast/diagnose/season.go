package diagnose

import (
	"strings"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// Period is a seasonal period in steps of the series, named by the
// calendar span it covers.
type Period struct {
	Steps int    `json:"period"`
	Name  string `json:"name"` // "day", "week", "year" …
}

// CandidatePeriods returns the seasonal periods the calendar of f makes
// plausible, shortest first: seconds → minute, hour, day; minutes → hour,
// day, week; hours → day (24) and week (168); days → week (7) and year
// (365); business days → week (5); weeks → year (52); months → year (12);
// quarters → year (4). A multiple of the unit divides the period when it
// can (every 2 hours → 12 and 84) and drops it when it cannot. Yearly and
// row-indexed series have none. More than one candidate means the calendar
// leaves the season open; SeasonCandidates measures each.
func CandidatePeriods(f calendar.Freq) []Period {
	type span struct {
		steps int
		name  string
	}
	var spans []span
	switch f.Unit {
	case calendar.FreqSecond:
		spans = []span{{60, "minute"}, {3600, "hour"}, {86400, "day"}}
	case calendar.FreqMinute:
		spans = []span{{60, "hour"}, {1440, "day"}, {10080, "week"}}
	case calendar.FreqHour:
		spans = []span{{24, "day"}, {168, "week"}}
	case calendar.FreqDay:
		spans = []span{{7, "week"}, {365, "year"}}
	case calendar.FreqBusinessDay:
		spans = []span{{5, "week"}}
	case calendar.FreqWeek:
		spans = []span{{52, "year"}}
	case calendar.FreqMonth:
		spans = []span{{12, "year"}}
	case calendar.FreqQuarter:
		spans = []span{{4, "year"}}
	}
	k := max(1, f.K)
	var out []Period
	for _, s := range spans {
		if s.steps%k == 0 && s.steps/k >= 2 {
			out = append(out, Period{Steps: s.steps / k, Name: s.name})
		}
	}
	return out
}

// Candidate is a seasonal period with the strengths STL finds with it, or
// the reason it could not be measured.
type Candidate struct {
	Period
	StrengthSeasonal float64 `json:"strength_seasonal"`
	StrengthTrend    float64 `json:"strength_trend"`
	// Reason is empty when the strengths were measured; otherwise it says
	// why not (the series is too short for this period) and Err holds the
	// error.
	Reason string `json:"reason,omitempty"`
	Err    error  `json:"-"`
}

// SeasonCandidates decomposes x with STL (as STL: periodic season) for each
// period and returns the strengths, in the order given: the period whose
// seasonal strength is highest is the season the data show. A period the
// series is too short for gets a Reason instead of strengths. Non-finite
// values and a constant series are an error for all. x is not modified.
func SeasonCandidates(x []float64, periods []Period) ([]Candidate, error) {
	if err := check(x, 1, "a seasonal strength", true); err != nil {
		return nil, err
	}
	out := make([]Candidate, len(periods))
	for i, p := range periods {
		out[i].Period = p
		d, err := STL(x, p.Steps)
		if err != nil {
			out[i].Err, out[i].Reason = err, reason(err)
			continue
		}
		out[i].StrengthSeasonal, out[i].StrengthTrend = d.StrengthSeasonal, d.StrengthTrend
	}
	return out, nil
}

// reason is an error's text for a person: without the package prefix.
func reason(err error) string {
	return strings.TrimPrefix(err.Error(), "diagnose: ")
}
