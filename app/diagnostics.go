package app

import (
	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// DescribeSeries is the description of a series that the Data tab, the
// report and `forecaster diagnose` show (forecast/diagnose.Describe): ACF
// and PACF with their band, the Ljung–Box test, STL with a periodic season
// (opt.Season; 0 the calendar's) or the reason there is none, and the
// candidate seasons.
func DescribeSeries(s *tsdata.Series, opt diagnose.Options) (*diagnose.Description, error) {
	return diagnose.Describe(s, opt)
}

// MethodCheck is the residual check of one fitted method of a run.
type MethodCheck struct {
	Method    string // forecast.Method… name
	Residuals forecast.Residuals
	Check     *diagnose.ResidualCheck // nil when Err is set
	Err       error
}

// CheckResiduals checks the one-step residuals of every method of res
// (forecast.Result.Residuals) with diagnose.CheckResiduals at the run's
// seasonal period and each method's fitdf, in the order of
// forecast.Methods (methods without residuals are left out: those the run
// could not fit, and the recommended forecast, a choice among the others).
// It is pure computation, safe off the UI goroutine.
func CheckResiduals(res *forecast.Result) []MethodCheck {
	if res == nil {
		return nil
	}
	var out []MethodCheck
	for _, m := range forecast.Methods {
		r, ok := res.Residuals[m]
		if !ok {
			continue
		}
		c, err := diagnose.CheckResiduals(r.Values, diagnose.ResidualOptions{Period: res.Settings.Season, FitDF: r.FitDF})
		out = append(out, MethodCheck{Method: m, Residuals: r, Check: c, Err: err})
	}
	return out
}
