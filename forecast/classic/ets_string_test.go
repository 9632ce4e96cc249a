package classic

import "testing"

// The smoothing weights read without an exponent: three significant
// digits, at most four decimals (values chosen by hand).
func TestETSStringNoExponent(t *testing.T) {
	e := &ETS{Season: SeasonNone, Trend: true, Alpha: 0.2491, Beta: 4.77e-15}
	if got, want := e.String(), "Holt linear trend, α=0.249 β=0"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	for _, c := range []struct {
		v    float64
		want string
	}{{0.0454, "0.0454"}, {0.00012, "0.0001"}, {1, "1"}, {0.87, "0.87"}, {-1e-20, "0"}} {
		if got := param(c.v); got != c.want {
			t.Errorf("param(%v) = %q; want %q", c.v, got, c.want)
		}
	}
}
