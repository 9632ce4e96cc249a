package global

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// MaxLevels is the most distinct values a text static column may have: each
// value is an input of its own (one-hot), and a column with as many values
// as series (a product code among thousands) would give the network an
// input per series to memorise rather than a pattern to share.
const MaxLevels = 64

// Static is what the network sees of each series besides its values: the
// static columns of a long file (panel.Spec.StaticCols), encoded. A numeric
// column is one input, its z-score over the series (0 where missing); a
// text column is one input per distinct value, 1 for the series' value and
// 0 for the others (all 0 where missing).
type Static struct {
	Names []string    // one per input: "size" or "region=north"
	X     [][]float64 // X[j] the inputs of series j, len(Names) each
}

// EncodeStatic encodes the static columns names, values[j][i] being series
// j's value of column i as text ("" missing). A text column with more than
// MaxLevels values is refused with the column named.
func EncodeStatic(names []string, values [][]string) (*Static, error) {
	st := &Static{X: make([][]float64, len(values))}
	for i, name := range names {
		col := make([]string, len(values))
		for j, v := range values {
			if i >= len(v) {
				return nil, fmt.Errorf("global: series %d has %d static values; want %d (%s)", j, len(v), len(names), strings.Join(names, ", "))
			}
			col[j] = strings.TrimSpace(v[i])
		}
		if x, ok := numbers(col); ok {
			st.Names = append(st.Names, name)
			z := zscores(x)
			for j := range st.X {
				st.X[j] = append(st.X[j], z[j])
			}
			continue
		}
		var levels []string
		for _, s := range col {
			if s != "" && !slices.Contains(levels, s) {
				levels = append(levels, s)
				if len(levels) > MaxLevels {
					return nil, fmt.Errorf("global: static column %s has more than %d values; each value is an input of the network, so use a coarser column (a region, a category) or leave it out", name, MaxLevels)
				}
			}
		}
		slices.Sort(levels)
		for _, l := range levels {
			st.Names = append(st.Names, name+"="+l)
		}
		for j, s := range col {
			for _, l := range levels {
				st.X[j] = append(st.X[j], b2f(s == l))
			}
		}
	}
	return st, nil
}

// numbers parses col when every non-empty cell is a number (NaN where
// empty); ok is false for a text column or one with no number at all.
func numbers(col []string) (x []float64, ok bool) {
	x = make([]float64, len(col))
	seen := false
	for j, s := range col {
		if s == "" {
			x[j] = math.NaN()
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, false
		}
		x[j], seen = v, true
	}
	return x, seen
}

// zscores standardises x over its non-NaN values (population standard
// deviation; all 0 when constant); NaN becomes 0, the mean.
func zscores(x []float64) []float64 {
	var sum, n float64
	for _, v := range x {
		if !math.IsNaN(v) {
			sum, n = sum+v, n+1
		}
	}
	mean := sum / n
	var ss float64
	for _, v := range x {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	sd := math.Sqrt(ss / n)
	z := make([]float64, len(x))
	for j, v := range x {
		if !math.IsNaN(v) && sd > 0 {
			z[j] = (v - mean) / sd
		}
	}
	return z
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
