package global

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// synthPanel is n monthly series of 96 to 144 points (seeded): a level
// from 10 to 10⁵, a trend of −0.5 % to +1.5 % a month, a yearly pattern of
// up to ±30 % (two harmonics, a random phase) and multiplicative noise
// whose size (2 % to 12 %) differs by series, with an AR(1) part.
func synthPanel(n int, seed uint64) []*tsdata.Series {
	r := rand.New(rand.NewPCG(seed, 42))
	out := make([]*tsdata.Series, n)
	t0 := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	freq := calendar.Freq{Unit: calendar.FreqMonth, K: 1}
	for i := range out {
		length := 96 + r.IntN(49)
		level := math.Exp(math.Log(10) + r.Float64()*math.Log(1e4))
		g := -0.005 + 0.02*r.Float64()
		a1, a2 := 0.3*r.Float64(), 0.1*r.Float64()
		ph1, ph2 := 2*math.Pi*r.Float64(), 2*math.Pi*r.Float64()
		sd := 0.02 + 0.1*r.Float64()
		v := make([]float64, length)
		ts := make([]time.Time, length)
		e := 0.0
		for t := range v {
			e = 0.5*e + sd*r.NormFloat64()
			s := 1 + a1*math.Sin(2*math.Pi*float64(t)/12+ph1) + a2*math.Sin(4*math.Pi*float64(t)/12+ph2)
			v[t] = level * math.Exp(g*float64(t)) * s * math.Exp(e)
			ts[t] = t0.AddDate(0, t, 0)
		}
		out[i] = &tsdata.Series{Name: fmt.Sprintf("s%05d", i), Times: ts, Values: v, Freq: freq}
	}
	return out
}
