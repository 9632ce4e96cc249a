package view

import (
	"math"
	"testing"
)

func TestFixed(t *testing.T) {
	for _, c := range []struct {
		v    float64
		dec  int
		want string
	}{
		{1234.5, 2, "1,234.50"},
		{1159, 2, "1,159.00"},
		{962.75, 0, "963"},
		{-1234567.891, 1, "-1,234,567.9"},
		{999.996, 2, "1,000.00"},
		{-0.001, 2, "0.00"},
		{0.5, 0, "0"}, // round half to even in strconv
		{12, -1, "12"},
		{1.23456789, 9, "1.234568"}, // at most 6 decimals
		{math.NaN(), 2, "–"},
		{math.Inf(-1), 2, "–"},
		{100, 0, "100"},
		{123456, 0, "123,456"},
	} {
		if got := Fixed(c.v, c.dec); got != c.want {
			t.Errorf("Fixed(%v, %d) = %q; want %q", c.v, c.dec, got, c.want)
		}
	}
}

func TestNum(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{4.77e-15, "0"},        // an ETS β that is numerically zero
		{6.25e-04, "0.000625"}, // a learning rate
		{0.1402, "0.1402"},
		{0.001, "0.001"},
		{1.5, "1.5"},
		{123.456, "123.5"},
		{123456.7, "123,457"},
		{-2.5e7, "-25,000,000"},
		{1e-7, "0"},
		{-1e-9, "0"},
		{0, "0"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "∞"},
	} {
		if got := Num(c.v); got != c.want {
			t.Errorf("Num(%v) = %q; want %q", c.v, got, c.want)
		}
	}
}

func TestColumnDecimals(t *testing.T) {
	for _, c := range []struct {
		name     string
		values   []float64
		sig, min int
		want     int
	}{
		{"passenger forecasts", []float64{1159, 962.75, 450.2}, 3, 0, 0},
		{"MASE: the median 0.93 gets three digits", []float64{0.71, 1.67, 0.93}, 3, 0, 3},
		{"small errors", []float64{0.0412, 0.05, 0.03}, 3, 0, 4},
		{"at least the data's decimals", []float64{1200, 1300}, 3, 2, 2},
		{"capped at 6", []float64{1e-9}, 3, 0, 6},
		{"no finite value", []float64{math.NaN()}, 3, 1, 1},
	} {
		if got := ColumnDecimals(c.values, c.sig, c.min); got != c.want {
			t.Errorf("%s: ColumnDecimals(%v, %d, %d) = %d; want %d", c.name, c.values, c.sig, c.min, got, c.want)
		}
	}
}

// TestFixedInGerman: German swaps the marks — '.' between thousands, a
// decimal comma — and the English form is untouched.
func TestFixedInGerman(t *testing.T) {
	for _, c := range []struct {
		v    float64
		dec  int
		want string
	}{{1234.5, 2, "1.234,50"}, {-1234567, 0, "-1.234.567"}, {0.04, 3, "0,040"}} {
		if got := fixedIn("de", c.v, c.dec); got != c.want {
			t.Errorf("fixedIn(de, %v, %d) = %q; want %q", c.v, c.dec, got, c.want)
		}
		if got, want := fixedIn("en", c.v, c.dec), Fixed(c.v, c.dec); got != want {
			t.Errorf("fixedIn(en, %v, %d) = %q; Fixed = %q", c.v, c.dec, got, want)
		}
	}
}

// TestMarksIn: an axis number as the charts write it, in each language;
// dates and words pass through. TestMonthsIn: the time axes' months.
func TestMarksIn(t *testing.T) {
	for _, c := range []struct{ code, in, want string }{
		{"de", "1,250.5", "1.250,5"},
		{"de", "0.005", "0,005"},
		{"de", "1e-05", "1e-05"},
		{"de", "Jan 1960", "Jan 1960"},
		{"en", "1,250.5", "1,250.5"},
		{"zh", "1,250.5", "1,250.5"},
	} {
		if got := marksIn(c.code, c.in); got != c.want {
			t.Errorf("marksIn(%q, %q) = %q; want %q", c.code, c.in, got, c.want)
		}
	}
}

func TestMonthsIn(t *testing.T) {
	for _, c := range []struct{ code, in, want string }{
		{"de", "Mar 1960", "Mär 1960"},
		{"de", "02 Dec 15:04", "02 Dez 15:04"},
		{"zh", "Oct 1960", "10月 1960"},
		{"de", "March", "March"},
		{"en", "Mar 1960", "Mar 1960"},
	} {
		if got := monthsIn(c.code, c.in); got != c.want {
			t.Errorf("monthsIn(%q, %q) = %q; want %q", c.code, c.in, got, c.want)
		}
	}
}
