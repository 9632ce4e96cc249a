package global

import (
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"math"
	"math/rand/v2"
	"testing"
)

// TestNormRoundTrip: value inverts target for every window of positive
// series (ratio), series with values ≤ 0 (additive) and series spanning
// 1e-3 to 1e12, and every scaled input and target is finite. The tolerance
// 1e-9 relative is a few hundred ulps: target and value each take two
// divisions and a subtraction of numbers of order one.
func TestNormRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const W, H, m = 24, 12, 12
	cases := map[string]func(int) float64{
		"positive":   func(i int) float64 { return 100 * (1 + 0.3*math.Sin(float64(i))) * math.Exp(0.1*r.NormFloat64()) },
		"signed":     func(i int) float64 { return 5*math.Sin(float64(i)/2) + r.NormFloat64() },
		"wide range": func(i int) float64 { return math.Pow(10, -3+15*float64(i)/119) },
		"constant":   func(int) float64 { return 7 },
	}
	for name, f := range cases {
		v := make([]float64, 120)
		for i := range v {
			v[i] = f(i)
		}
		n, err := fitNorm(v, 96, W, H, m, nil)
		if err != nil {
			t.Fatalf("%s: fitNorm: %v", name, err)
		}
		if !(n.spread > 0) || math.IsInf(n.spread, 0) {
			t.Fatalf("%s: spread %v", name, n.spread)
		}
		x := make([]float64, W)
		for o := W; o+H <= len(v); o++ {
			n.input(x, v, o, W, 1)
			if !finite(x) {
				t.Fatalf("%s: inputs at origin %d not finite: %v", name, o, x)
			}
			for k := range H {
				u := n.target(v[o+k], v, o, k)
				if math.IsNaN(u) || math.IsInf(u, 0) {
					t.Fatalf("%s: target(%d, %d) = %v", name, o, k, u)
				}
				got := n.value(u, v, o, k)
				if d := math.Abs(got - v[o+k]); d > 1e-9*math.Max(math.Abs(v[o+k]), 1e-300) {
					t.Fatalf("%s: value(target(v[%d])) = %v; want %v", name, o+k, got, v[o+k])
				}
				if a := n.anchor(v, o, k); n.target(a, v, o, k) != 0 {
					t.Fatalf("%s: the anchor's target is %v; want 0", name, n.target(a, v, o, k))
				}
			}
		}
	}
}

// TestNormAnchor: a series with a strong yearly pattern gets the seasonal
// naive anchor, a random walk the naive one; the spread makes the training
// targets' root mean square 1.
func TestNormAnchor(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	season, walk := make([]float64, 120), make([]float64, 120)
	w := 100.0
	for i := range season {
		season[i] = 100 * (1 + 0.4*math.Sin(2*math.Pi*float64(i)/12)) * (1 + 0.01*r.NormFloat64())
		w += r.NormFloat64()
		walk[i] = w
	}
	ns, _ := fitNorm(season, 96, 24, 12, 12, nil)
	nw, _ := fitNorm(walk, 96, 24, 12, 12, nil)
	if ns.lag != 12 || nw.lag != 1 {
		t.Fatalf("anchor lags %d (seasonal series), %d (random walk); want 12, 1", ns.lag, nw.lag)
	}
	var s2 float64
	cnt := 0
	for o := 24; o+12 <= 96; o++ {
		for k := range 12 {
			u := ns.target(season[o+k], season, o, k)
			s2 += u * u
			cnt++
		}
	}
	if rms := math.Sqrt(s2 / float64(cnt)); math.Abs(rms-1) > 1e-12 {
		t.Fatalf("training targets' rms = %v; want 1", rms)
	}
}

// TestNormETSAnchor: on a trending seasonal series the ETS anchor is
// chosen over the seasonal naive; its anchor at every origin is the
// forecast of the ETS fitted on the training part, filtered up to that
// origin (classic.FitETS and Forecast on the prefix, to 1e-9 relative:
// the same recursions, the prefix's filter started afresh); and value still
// inverts target.
func TestNormETSAnchor(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	v := make([]float64, 120)
	for i := range v {
		v[i] = 100 * (1 + 0.02*float64(i)) * (1 + 0.3*math.Sin(2*math.Pi*float64(i)/12)) * (1 + 0.02*r.NormFloat64())
	}
	const W, H, m, end = 24, 12, 12, 96
	e, err := classic.FitETS(v[:end], m)
	if err != nil {
		t.Fatal(err)
	}
	fit := *e
	path := classic.NewETSPath(e, v, H)
	n, err := fitNorm(v, end, W, H, m, path)
	if err != nil {
		t.Fatal(err)
	}
	if n.ets == nil {
		t.Fatalf("anchor lag %d; want ETS (%v)", n.lag, e)
	}
	for _, o := range []int{30, 60, 96, 108, 120} {
		ref := fit // the fitted parameters, states filtered over v[:o]
		x := make([]float64, o)
		for i := range x {
			x[i] = v[i] / ref.Scale
		}
		ref.Trace(x)
		want := ref.Forecast(H)
		for k := range H {
			got := n.anchor(v, o, k)
			if math.Abs(got-want[k]) > 1e-9*math.Abs(want[k]) {
				t.Fatalf("anchor(%d, %d) = %v; want %v", o, k, got, want[k])
			}
			if o+k < len(v) {
				if u := n.target(v[o+k], v, o, k); math.Abs(n.value(u, v, o, k)-v[o+k]) > 1e-9*v[o+k] {
					t.Fatalf("round trip at %d, %d", o, k)
				}
			}
		}
	}
}

// TestWindowInputs: a window's row holds, at every step s, the scaled value
// v[t−W+s], then the series' static inputs, then the anchor's H steps from
// origin t scaled as the values (here the seasonal naive: v[t−m+k], so the
// anchor inputs are the window's last m scaled values).
func TestWindowInputs(t *testing.T) {
	const W, H, m = 8, 4, 4
	v := make([]float64, 40)
	for i := range v {
		v[i] = 100 + 20*float64(i%m) + float64(i)
	}
	n, err := fitNorm(v, 32, W, H, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n.lag != m {
		t.Fatalf("anchor lag %d; want the seasonal %d", n.lag, m)
	}
	s := &member{v: v, end: 32, nrm: n, static: []float64{0.5, -1}}
	const I = 1 + 2 + H
	pw := newPanelWindows([]*member{s}, W, H, I)
	pw.anchorIn = true
	x, y := make([]float64, W*I), make([]float64, H)
	pw.Row(x, y, 3, false) // training window 3: origin W+3
	o := W + 3
	for st := range W {
		row := x[st*I : (st+1)*I]
		if want := n.sc.Forward(v[o-W+st], v[o-1]); row[0] != want {
			t.Errorf("step %d: value input %v; want %v", st, row[0], want)
		}
		if row[1] != 0.5 || row[2] != -1 {
			t.Errorf("step %d: static inputs %v", st, row[1:3])
		}
		for k := range H {
			if want := n.sc.Forward(v[o-m+k], v[o-1]); row[3+k] != want {
				t.Errorf("step %d: anchor input %d = %v; want %v", st, k, row[3+k], want)
			}
		}
	}
}
