package global

import (
	"sort"

	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// member is one series of the panel as the global model sees it.
type member struct {
	idx int       // index in Run's input
	v   []float64 // the values (the series' own slice, only read)
	end int       // points before the holdout (len(v) without one)
	nrm norm
	// static are the series' static inputs (Options.Static), the same at
	// every step of its windows; nil without.
	static []float64
	// nval is the number of validation windows, H points each, ending at
	// end (valWindows: one unless the series is long).
	nval int
}

// trainOrigins is the number of training windows: origins W … end−(nval+1)·H,
// so every training target lies before the validation part
// v[end−nval·H:end].
func (s *member) trainOrigins(W, H int) int { return max(s.firstVal(H)-H-W+1, 0) }

// firstVal is the origin of the series' first validation window, the end
// of its training part.
func (s *member) firstVal(H int) int { return s.end - s.nval*H }

// valOrigin is the origin of the series' i-th validation window (from 0,
// the earliest): end − (nval − i)·H.
func (s *member) valOrigin(H, i int) int { return s.end - (s.nval-i)*H }

// minTrainWindows and maxValWindows decide how many validation windows a
// series gets (valWindows): as many as leave it at least minTrainWindows
// training windows, at most maxValWindows, at least one. One window of H
// points is a noisy judge of a series — on the 20 Chicago stations of
// docs/panel.md (daily, H 14) the 14 days before the holdout chose the
// seasonal naive for every station, which then lost to AutoETS on the
// holdout — and a long series can spare more: the network keeps thousands
// of windows there. A series of a few hundred points (the monthly panels)
// keeps one, and its run is what it was. 100 is the training windows from
// which the single-series pipeline trusts its network with more (its
// anchor inputs, forecast.minAnchorInputWindows); eight windows of H
// steps are two months of a daily series at H 7, two years of a monthly
// one at H 3.
const (
	minTrainWindows = 1000
	maxValWindows   = 8
)

// valWindows is the number of validation windows of a series of n points
// (before any holdout) at lookback W and horizon H: the most, up to
// maxValWindows, that leave it minTrainWindows training windows, and one
// when even one more would not.
func valWindows(n, W, H int) int {
	k := (n - W + 1 - minTrainWindows) / H // windows of H beyond W inputs and the training windows' own H
	return max(min(k-1, maxValWindows), 1)
}

// panelWindows builds the windows of every series on demand (fit.Windows):
// training window i is the (i − cum[j])-th of series j, cum[j] the windows
// of the series before it; validation window i is the (i − vcum[j])-th of
// series j's. It only reads the series.
type panelWindows struct {
	ser      []*member
	cum      []int // len(ser)+1
	vcum     []int // len(ser)+1: validation windows before series j
	W, H, I  int
	anchorIn bool // the anchor's H steps (scaled as the inputs) are the last H inputs of every step
}

var _ fit.Windows = (*panelWindows)(nil)

func newPanelWindows(ser []*member, W, H, I int) *panelWindows {
	p := &panelWindows{ser: ser, cum: make([]int, len(ser)+1), vcum: make([]int, len(ser)+1), W: W, H: H, I: I}
	for j, s := range ser {
		p.cum[j+1] = p.cum[j] + s.trainOrigins(W, H)
		p.vcum[j+1] = p.vcum[j] + s.nval
	}
	return p
}

// dataset is the fit.Dataset of the panel's windows.
func (p *panelWindows) dataset() *fit.Dataset {
	return &fit.Dataset{W: p.W, I: p.I, O: p.H, N: p.cum[len(p.ser)], VN: p.vcum[len(p.ser)], Src: p}
}

// Row writes the inputs and targets of a window into x and y.
func (p *panelWindows) Row(x, y []float64, i int, val bool) {
	var s *member
	var t int
	if val {
		j := sort.Search(len(p.ser), func(j int) bool { return p.vcum[j+1] > i })
		s = p.ser[j]
		t = s.valOrigin(p.H, i-p.vcum[j])
	} else {
		j := sort.Search(len(p.ser), func(j int) bool { return p.cum[j+1] > i })
		s = p.ser[j]
		t = p.W + i - p.cum[j]
	}
	p.inputs(x, s, t)
	for k := range p.H {
		y[k] = s.nrm.target(s.v[t+k], s.v, t, k)
	}
}

// inputs writes the network input of s's window with origin t into x.
func (p *panelWindows) inputs(x []float64, s *member, t int) {
	s.nrm.input(x, s.v, t, p.W, p.I)
	for k := range p.W {
		copy(x[k*p.I+1:(k+1)*p.I], s.static)
	}
	if p.anchorIn {
		l := s.v[t-1]
		a := p.H
		for k := range p.H {
			x[p.I-a+k] = s.nrm.sc.Forward(s.nrm.anchor(s.v, t, k), l)
		}
		for st := 1; st < p.W; st++ {
			copy(x[st*p.I+p.I-a:(st+1)*p.I], x[p.I-a:p.I])
		}
	}
}
