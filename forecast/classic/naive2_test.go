package classic

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// TestNaive2ByHand: on y = 100·s[i mod 4], s = (0.8, 1.2, 0.9, 1.1) (mean
// 1), 42 points (r_4 ≈ 0.9 against a 90 % limit of ≈ 0.6: seasonal), the
// 2×4 moving average is 100 exactly, the ratios are s, so the adjusted
// series is 100 throughout and Naive2 continues the pattern: 100·s at the
// positions ahead. 18 points (r_4 ≈ 0.78 against ≈ 0.9: not seasonal),
// fewer than 3m points or m = 1: the naive forecast. OWA by hand.
func TestNaive2ByHand(t *testing.T) {
	s := []float64{0.8, 1.2, 0.9, 1.1}
	y := make([]float64, 42) // 42 = 4·10 + 2: the forecast starts at position 2
	for i := range y {
		y[i] = 100 * s[i%4]
	}
	got := Naive2(y, 6, 4)
	for k, v := range got {
		want := 100 * s[(42+k)%4]
		if math.Abs(v-want) > 1e-12*want { // exact arithmetic up to rounding
			t.Errorf("step %d: %v; by hand %v", k+1, v, want)
		}
	}
	for _, c := range []struct {
		y []float64
		m int
	}{{y[:18], 4}, {y[:11], 4}, {y, 1}} {
		for k, v := range Naive2(c.y, 3, c.m) {
			if v != c.y[len(c.y)-1] {
				t.Errorf("%d points, m %d, step %d: %v; want the last value %v", len(c.y), c.m, k+1, v, c.y[len(c.y)-1])
			}
		}
	}
	// white noise has no lag-m autocorrelation: naive
	noise := []float64{5, 3, 6, 2, 7, 4, 4, 5, 3, 6, 5, 2, 6, 4, 5, 3}
	if f := Naive2(noise, 2, 4); f[0] != 3 || f[1] != 3 {
		t.Errorf("noise: %v; want the last value 3", f)
	}
	if got := OWA(10, 0.8, 20, 1.6); got != 0.5 {
		t.Errorf("OWA(10, 0.8, 20, 1.6) = %v; want (0.5 + 0.5)/2", got)
	}
	if !math.IsNaN(OWA(1, 1, 0, 1)) {
		t.Error("OWA with a zero Naive2 sMAPE is not NaN")
	}
}

// TestNaive2AgainstR: Naive2 on bundled series against the M4 organisers'
// own R code (scripts/r_fixtures_naive2.R writes testdata/m4/naive2.json),
// seasonal and not. Tolerance 1e-12 relative: the fixture's 15 significant
// digits, and the same arithmetic (decompose's moving average and means).
func TestNaive2AgainstR(t *testing.T) {
	b, err := os.ReadFile("testdata/m4/naive2.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name     string
		M, H     int
		Hist     []float64
		Seasonal bool
		Naive2   []float64
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	seasonal := 0
	for _, c := range cases {
		got := Naive2(c.Hist, c.H, c.M)
		if c.Seasonal {
			seasonal++
		}
		for k, w := range c.Naive2 {
			if math.Abs(got[k]-w) > 1e-12*math.Abs(w) {
				t.Errorf("%s step %d: %v; R %v", c.Name, k+1, got[k], w)
				break
			}
		}
	}
	if len(cases) < 7 || seasonal < 3 || seasonal == len(cases) {
		t.Errorf("%d cases, %d seasonal: want both kinds", len(cases), seasonal)
	}
}
