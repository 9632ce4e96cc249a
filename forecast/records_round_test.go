package forecast

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// Rounded records are written with at most the given decimals, '.' as the
// decimal mark, no exponent and no thousands separator.
func TestRoundRecordsCSV(t *testing.T) {
	recs := []ForecastRecord{{Date: "2025-01", Forecast: 1234567.891234567, Lower80: -0.0000001, Upper80: 1e-9, Lower95: 2.0 / 3, Upper95: math.NaN()}}
	RoundRecords(recs, 2)
	var b bytes.Buffer
	if err := EncodeForecastCSV(&b, recs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if want := "2025-01,1234567.89,0,0,0.67,NaN"; lines[1] != want {
		t.Errorf("row = %q; want %q", lines[1], want)
	}
}
