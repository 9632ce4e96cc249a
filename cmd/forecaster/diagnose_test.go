package main

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiagnoseJSONMatchesR: `forecaster diagnose -json` on AirPassengers
// prints the keys with R's numbers (the fixture of
// scripts/r_fixtures_diagnose.R): acf, pacf and Ljung–Box to 1e-9
// relative, the STL components to 1e-6 of the series' scale.
func TestDiagnoseJSONMatchesR(t *testing.T) {
	code, stdout, stderr := run(t, context.Background(), "diagnose", "-csv", airPassengers, "-lags", "24", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	type ljungBox struct {
		Lags int     `json:"lags"`
		Q    float64 `json:"q"`
		P    float64 `json:"p"`
	}
	type stl struct {
		Period int       `json:"period"`
		T      []float64 `json:"trend"`
		S      []float64 `json:"seasonal"`
		R      []float64 `json:"remainder"`
	}
	var got, want struct {
		ACF      []float64 `json:"acf"`
		PACF     []float64 `json:"pacf"`
		LjungBox ljungBox  `json:"ljung_box"`
		STL      *stl      `json:"stl"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v in %q", err, stdout)
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "forecast", "diagnose", "testdata", "air_passengers.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	near := func(what string, g, w []float64, rel, abs float64) {
		if len(g) != len(w) {
			t.Fatalf("%s: %d values; R has %d", what, len(g), len(w))
		}
		for i := range g {
			if d := math.Abs(g[i] - w[i]); d > rel*math.Abs(w[i]) && d > abs {
				t.Errorf("%s[%d] = %.17g; R %.17g", what, i, g[i], w[i])
				return
			}
		}
	}
	near("acf", got.ACF, want.ACF, 1e-9, 0)
	near("pacf", got.PACF, want.PACF, 1e-9, 1e-15)
	near("ljung_box q", []float64{got.LjungBox.Q}, []float64{want.LjungBox.Q}, 1e-9, 0)
	if got.LjungBox.Lags != want.LjungBox.Lags {
		t.Errorf("Ljung–Box lag %d; R %d", got.LjungBox.Lags, want.LjungBox.Lags)
	}
	if got.STL == nil || want.STL == nil || got.STL.Period != 12 {
		t.Fatalf("stl %+v", got.STL)
	}
	scale := 0.0
	for _, v := range want.STL.T {
		scale = math.Max(scale, math.Abs(v))
	}
	near("stl trend", got.STL.T, want.STL.T, 0, 1e-6*scale)
	near("stl seasonal", got.STL.S, want.STL.S, 0, 1e-6*scale)
	near("stl remainder", got.STL.R, want.STL.R, 0, 1e-6*scale)
	if !strings.Contains(stdout, `"ljung_box":{"lags":24,`) {
		t.Errorf("ljung_box is not the issue's object: %s", stdout[:200])
	}
}
