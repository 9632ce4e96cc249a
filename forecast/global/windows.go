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
}

// trainOrigins is the number of training windows: origins W … end−2H, so
// every training target lies before the validation part v[end−H:end].
func (s *member) trainOrigins(W, H int) int { return max(s.end-2*H-W+1, 0) }

// valOrigin is the origin of the series' validation window.
func (s *member) valOrigin(H int) int { return s.end - H }

// panelWindows builds the windows of every series on demand (fit.Windows):
// training window i is the (i − cum[j])-th of series j, cum[j] the windows
// of the series before it; validation window j is series j's. It only
// reads the series.
type panelWindows struct {
	ser      []*member
	cum      []int // len(ser)+1
	W, H, I  int
	anchorIn bool // the anchor's H steps (scaled as the inputs) are the last H inputs of every step
}

var _ fit.Windows = (*panelWindows)(nil)

func newPanelWindows(ser []*member, W, H, I int) *panelWindows {
	p := &panelWindows{ser: ser, cum: make([]int, len(ser)+1), W: W, H: H, I: I}
	for j, s := range ser {
		p.cum[j+1] = p.cum[j] + s.trainOrigins(W, H)
	}
	return p
}

// dataset is the fit.Dataset of the panel's windows.
func (p *panelWindows) dataset() *fit.Dataset {
	return &fit.Dataset{W: p.W, I: p.I, O: p.H, N: p.cum[len(p.ser)], VN: len(p.ser), Src: p}
}

// Row writes the inputs and targets of a window into x and y.
func (p *panelWindows) Row(x, y []float64, i int, val bool) {
	var s *member
	var t int
	if val {
		s = p.ser[i]
		t = s.valOrigin(p.H)
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
