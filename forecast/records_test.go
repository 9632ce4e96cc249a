package forecast

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocarina/gocsv"
)

func TestForecastRecordsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	recs := []ForecastRecord{
		{"1961-01-01", 442.5, 420.25, 464.75, 408, 477},
		{"1961-02-01", -1e300, -1.5e300, 0.1, math.Inf(-1), 3},
	}
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteForecastCSV(p, recs); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if !strings.HasPrefix(string(b), "date,forecast,lower80,upper80,lower95,upper95\n1961-01-01,442.5,420.25,464.75,408,477\n") {
		t.Errorf("file = %q", b)
	}
	got, err := readForecastCSV(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != recs[0] || got[1] != recs[1] {
		t.Errorf("round trip = %+v; want %+v", got, recs)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v; want the old file's -rw-------", fi.Mode())
	}
	if err := WriteForecastCSV(filepath.Join(dir, "no", "such", "dir.csv"), recs); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("bad dir: %v; want fs.ErrNotExist", err)
	}
}

func TestHistoryRecordsRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "history.csv")
	recs := []HistoryRecord{{1, 10, 0.5, math.NaN(), 2.5, 1, 1e-3, 0.25}, {2, 20, 0.25, 0.3, 1.5, 1.5, 1e-3, 0.5}}
	if err := WriteHistoryCSV(p, recs); err != nil {
		t.Fatal(err)
	}
	got, err := readHistoryCSV(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1] != recs[1] || got[0].Epoch != 1 || !math.IsNaN(got[0].ValLoss) || got[0].Seconds != 0.25 {
		t.Errorf("round trip = %+v", got)
	}
	b, _ := os.ReadFile(p)
	if !strings.HasPrefix(string(b), "epoch,step,train_loss,val_loss,grad_norm,clipped_norm,lr,seconds\n") {
		t.Errorf("header = %q", b)
	}
}

func TestReadRecordsErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := readForecastCSV(filepath.Join(dir, "missing.csv")); err == nil || !strings.HasPrefix(err.Error(), "forecast: ") {
		t.Errorf("missing file: %v", err)
	}
	p := filepath.Join(dir, "bad.csv")
	os.WriteFile(p, []byte("date,forecast\n2020-01-01,abc\n"), 0o644)
	if _, err := readForecastCSV(p); err == nil || !strings.HasPrefix(err.Error(), "forecast: reading bad.csv: ") {
		t.Errorf("bad number: %v", err)
	}
	var buf strings.Builder
	if err := EncodeForecastCSV(&buf, []ForecastRecord{{Date: "2020-01-01", Forecast: 1}}); err != nil || buf.String() != "date,forecast,lower80,upper80,lower95,upper95\n2020-01-01,1,0,0,0,0\n" {
		t.Errorf("EncodeForecastCSV = %q, %v", buf.String(), err)
	}
}

// readForecastCSV reads a file written by WriteForecastCSV.
func readForecastCSV(path string) ([]ForecastRecord, error) {
	var recs []ForecastRecord
	return recs, readRecords(path, &recs)
}

// readHistoryCSV reads a file written by WriteHistoryCSV.
func readHistoryCSV(path string) ([]HistoryRecord, error) {
	var recs []HistoryRecord
	return recs, readRecords(path, &recs)
}

func readRecords(path string, out any) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("forecast: %w", err)
	}
	defer f.Close()
	if err := gocsv.Unmarshal(f, out); err != nil {
		return fmt.Errorf("forecast: reading %s: %w", filepath.Base(path), err)
	}
	return nil
}
