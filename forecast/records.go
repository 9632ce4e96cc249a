package forecast

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gocarina/gocsv"
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

// WriteFileAtomic writes data to path through a temporary file in the same
// directory that is synced and renamed over path, so readers see the old
// file or the new one, never a partial write. The file gets mode 0644.
func WriteFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("forecast: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("forecast: writing %s: %w", base, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("forecast: writing %s: %w", base, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("forecast: writing %s: %w", base, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("forecast: writing %s: %w", base, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("forecast: %w", err)
	}
	return nil
}
