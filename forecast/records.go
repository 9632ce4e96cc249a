package forecast

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path/filepath"

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
