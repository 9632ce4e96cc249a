// Command projectv1 writes app/project/testdata/v1.forecaster, the version
// 1 project file the reader's migration test upgrades: a session on the
// airline sample with one small trained run, saved in the current format
// and its manifest rewritten in version 1's shape (the columns as
// date_column, value_column, covariates and missing by name; see
// app/project's package comment). Run from the repository root:
//
//	go run ./scripts/projectv1
package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func main() {
	out := filepath.Join("app", "project", "testdata", "v1.forecaster")
	if err := write(out); err != nil {
		log.Fatal(err)
	}
	fmt.Println("wrote", out)
}

func write(out string) error {
	s := app.NewSession(nil)
	if _, err := s.LoadSample("air_passengers"); err != nil {
		return err
	}
	set := s.Settings()
	set.Epochs, set.Hidden, set.Horizon, set.Ensemble, set.Seed, set.Strategy = 2, 3, 6, 1, 7, config.StrategyRecursive
	if err := s.SetSettings(set); err != nil {
		return err
	}
	if _, err := s.SelectColumns(tsdata.SeriesSpec{DateCol: "month", ValueCol: "passengers", Missing: tsdata.MissingForwardFill}); err != nil {
		return err
	}
	if _, err := s.Train(context.Background(), nil); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "projectv1")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	v2 := filepath.Join(dir, "v2.forecaster")
	if err := s.SaveProject(v2, app.ProjectView{"tab": "Forecast"}); err != nil {
		return err
	}
	zr, err := zip.OpenReader(v2)
	if err != nil {
		return err
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != "manifest.json" {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		b, err := readAll(f)
		if err != nil {
			return err
		}
		if b, err = downgrade(b); err != nil {
			return err
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return err
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

func readAll(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// downgrade rewrites a current manifest as version 1 (which had no sheet).
func downgrade(b []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	cols := m["columns"].(map[string]any)
	missing, _ := cols["Missing"].(json.Number).Int64()
	m["version"] = 1
	m["date_column"] = cols["DateCol"]
	m["value_column"] = cols["ValueCol"]
	m["covariates"] = cols["Covariates"]
	m["missing"] = tsdata.MissingPolicy(missing).String()
	delete(m, "columns")
	delete(m, "sheet")
	return json.MarshalIndent(m, "", " ")
}
