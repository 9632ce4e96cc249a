package main

import (
	"encoding/json"
	"fmt"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/diagnose"
)

// cmdDiagnose describes a series (issue 13): ACF and PACF with the 95 %
// band, the Ljung–Box test, STL with a periodic season and the strengths of
// trend and season, or the reason there is none, and the candidate seasons
// when the calendar leaves the period open. -json prints
// diagnose.Description, the contract.
func cmdDiagnose(c *cli, args []string) int {
	fs := c.newFlagSet("diagnose", "-csv FILE [-date-col C] [-value-col C] [-season M] [-lags K] [-json]")
	var sf seriesFlags
	sf.registerFile(fs.FlagSet)
	fs.StringVar(&sf.dateCol, "date-col", "", "date `column`; empty proposes one, '-' uses the row index")
	fs.StringVar(&sf.valueCol, "value-col", "", "value `column` to describe; empty takes the first numeric one")
	fs.StringVar(&sf.missing, "missing", "interpolate", "missing values and gaps: interpolate|ffill|drop")
	season := fs.Int("season", 0, "seasonal `period` M in steps (0: the calendar's, 1: none)")
	lags := fs.Int("lags", 0, "ACF and PACF lags `K` (0: max(10·log10 n, 2M), at most n−1)")
	asJSON := fs.Bool("json", false, "print {acf, pacf, ljung_box, stl, …} as JSON")
	if rc := fs.parse(args); rc >= 0 {
		return rc
	}
	if *season < 0 || *lags < 0 {
		return c.fail(fmt.Errorf("-season and -lags cannot be negative (got %d and %d)", *season, *lags))
	}
	d, err := sf.load(app.NewSession(nil))
	if err != nil {
		return c.fail(err)
	}
	desc, err := app.DescribeSeries(d.Series, diagnose.Options{Season: *season, Lags: *lags})
	if err != nil {
		return c.fail(err)
	}
	if *asJSON {
		if err := json.NewEncoder(c.stdout).Encode(desc); err != nil {
			return c.fail(err)
		}
		return 0
	}
	// The description's text has no word from the file; the name is cut
	// to one printable line.
	fmt.Fprintf(c.stdout, "%s: %s", app.Clip(d.Series.Name, 60), desc.Text())
	return 0
}
