package forecast

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"

	"github.com/gocarina/gocsv"

	"github.com/forecaster-dev/forecaster/forecast/fileio"
)

// ForecastRecord is one row of a forecast export:
// date,forecast,lower80,upper80,lower95,upper95.
type ForecastRecord struct {
	Date     string  `csv:"date"`
	Forecast float64 `csv:"forecast"`
	Lower80  float64 `csv:"lower80"`
	Upper80  float64 `csv:"upper80"`
	Lower95  float64 `csv:"lower95"`
	Upper95  float64 `csv:"upper95"`
}

// HistoryRecord is one row of a training-history export.
type HistoryRecord struct {
	Epoch       int     `csv:"epoch"`
	Step        int     `csv:"step"`
	TrainLoss   float64 `csv:"train_loss"`
	ValLoss     float64 `csv:"val_loss"`
	GradNorm    float64 `csv:"grad_norm"`
	ClippedNorm float64 `csv:"clipped_norm"`
	LR          float64 `csv:"lr"`
	Seconds     float64 `csv:"seconds"`
}

// WriteForecastCSV writes recs to path atomically (a temporary file in the
// same directory, synced, then renamed over path).
func WriteForecastCSV(path string, recs []ForecastRecord) error {
	return writeRecords(path, &recs)
}

// WriteHistoryCSV writes recs to path atomically.
func WriteHistoryCSV(path string, recs []HistoryRecord) error {
	return writeRecords(path, &recs)
}

// EncodeForecastCSV writes recs as CSV to w (e.g. stdout).
func EncodeForecastCSV(w io.Writer, recs []ForecastRecord) error {
	if err := gocsv.Marshal(&recs, w); err != nil {
		return fmt.Errorf("forecast: writing CSV: %w", err)
	}
	return nil
}

func writeRecords(path string, recs any) error {
	var buf bytes.Buffer
	if err := gocsv.Marshal(recs, &buf); err != nil {
		return fmt.Errorf("forecast: writing %s: %w", filepath.Base(path), err)
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// WriteFileAtomic writes data to path atomically: fileio.WriteFile, under
// the name forecast's callers use (model files, experiment runs, reports).
func WriteFileAtomic(path string, data []byte) error { return fileio.WriteFile(path, data) }

// maxDecimals bounds the decimals Decimals reports: values that need more
// (binary noise such as 0.1+0.2, or measurements below 1e-8) count as
// having maxDecimals.
const maxDecimals = 8

// Decimals is the precision of values as they were written in their file:
// the fewest decimals (0 to 8) that reproduce, up to the rounding of
// parsing (a relative 1e-9), at least 95 % of the finite values — the
// rest may be points the reader filled in (an interpolated gap has as many
// decimals as a float holds). Whole numbers give 0, prices like 1234.56
// give 2. At most the first 10,000 values are looked at.
func Decimals(values []float64) int {
	var need [maxDecimals + 1]int // need[d]: values that need d decimals
	n := 0
	for i, v := range values {
		if i == 10000 {
			break
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		d := 0
		for d < maxDecimals {
			p := math.Pow(10, float64(d))
			if math.Abs(math.Round(v*p)/p-v) <= 1e-9*math.Abs(v) {
				break
			}
			d++
		}
		need[d]++
		n++
	}
	fit := 0
	for d, c := range need {
		fit += c
		if float64(fit) >= 0.95*float64(n) {
			return d
		}
	}
	return maxDecimals
}

// ExportDecimals is how many decimals an exported forecast of a series
// whose values are history carries: two more than the data's own
// (Decimals), and at least enough for four significant digits of the
// series' typical (median absolute) value, at most 12. The README states
// this precision.
func ExportDecimals(history []float64) int {
	d := Decimals(history) + 2
	if m := medianAbs(history); m > 0 {
		d = max(d, 3-int(math.Floor(math.Log10(m))))
	}
	return min(d, 12)
}

func medianAbs(values []float64) float64 {
	a := make([]float64, 0, min(len(values), 10000))
	for i, v := range values {
		if i == 10000 {
			break
		}
		if !math.IsNaN(v) && !math.IsInf(v, 0) && v != 0 {
			a = append(a, math.Abs(v))
		}
	}
	if len(a) == 0 {
		return 0
	}
	slices.Sort(a)
	return a[len(a)/2]
}

// RoundRecords rounds every number of recs to decimals places in place,
// so the CSV writer (shortest representation, never an exponent) writes
// at most that many.
func RoundRecords(recs []ForecastRecord, decimals int) {
	p := math.Pow(10, float64(decimals))
	r := func(v *float64) {
		if !math.IsNaN(*v) && !math.IsInf(*v, 0) {
			if x := math.Round(*v*p) / p; !math.IsInf(x, 0) && !math.IsNaN(x) {
				*v = x
			}
			if *v == 0 {
				*v = 0 // no "-0"
			}
		}
	}
	for i := range recs {
		r(&recs[i].Forecast)
		r(&recs[i].Lower80)
		r(&recs[i].Upper80)
		r(&recs[i].Lower95)
		r(&recs[i].Upper95)
	}
}

// sig6 rounds v to six significant digits (the history export's precision).
func sig6(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, float64(5-int(math.Floor(math.Log10(math.Abs(v))))))
	if r := math.Round(v*p) / p; !math.IsInf(r, 0) && !math.IsNaN(r) {
		return r
	}
	return v
}
