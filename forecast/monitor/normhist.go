package monitor

import "math"

// The bins of a NormHist: NormBinsPerDecade equal bins per decade of the
// gradient norm from 10^NormMinExp to 10^NormMaxExp. Norms beyond the
// range (and zero) count in the end bins.
const (
	NormMinExp        = -8
	NormMaxExp        = 4
	NormBinsPerDecade = 4
	NormBins          = (NormMaxExp - NormMinExp) * NormBinsPerDecade
)

// NormBin returns the bin of a finite norm v (clamped to the end bins).
func NormBin(v float64) int {
	if !(v > 0) {
		return 0
	}
	b := int(math.Floor((math.Log10(v) - NormMinExp) * NormBinsPerDecade))
	return min(max(b, 0), NormBins-1)
}

// NormBinEdges returns the log10 edges of bin b.
func NormBinEdges(b int) (lo, hi float64) {
	lo = NormMinExp + float64(b)/NormBinsPerDecade
	return lo, lo + 1.0/NormBinsPerDecade
}

// NormHist is a histogram over time of one parameter group's per-step
// gradient norms (what wandb.watch logs as gradient histograms): column j
// counts the steps of one or more consecutive epochs in the fixed log10
// bins of NormBin. The epoch being trained fills Open, which Epoch closes
// into a column. Like HeatGrid it halves its resolution when full, so its
// size is bounded (Cap × NormBins counts) whatever the length of the run.
type NormHist struct {
	Cap       int       // maximum columns; 0 means 120
	Epochs    []float64 // the last epoch (History's count) in each column
	Cols      [][]int32 // Cols[j][b]: steps of column j whose norm is in bin b
	Open      []int32   // the current epoch's counts; nil before its first step
	NonFinite int       // steps whose norm was NaN or ±Inf (not binned)
	width     int       // epochs per column at the current resolution
	filled    int       // epochs in the last column
}

func (n *NormHist) capacity() int {
	if n.Cap < 4 {
		return 120
	}
	return n.Cap
}

// Add counts one step's norm in the open epoch.
func (n *NormHist) Add(v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		n.NonFinite++
		return
	}
	if n.Open == nil {
		n.Open = make([]int32, NormBins)
	}
	n.Open[NormBin(v)]++
}

// close ends the open epoch: its counts join the last column while that
// column holds fewer than width epochs, else start a new one.
func (n *NormHist) close(epoch int) {
	if n.Open == nil {
		return
	}
	if n.width == 0 {
		n.width = 1
	}
	k := len(n.Cols)
	if k > 0 && n.filled < n.width {
		for b, c := range n.Open {
			n.Cols[k-1][b] += c
		}
		n.Epochs[k-1] = float64(epoch)
		n.filled++
		n.Open = nil
		return
	}
	if k >= n.capacity() {
		n.halve()
	}
	n.Cols = append(n.Cols, n.Open)
	n.Epochs = append(n.Epochs, float64(epoch))
	n.filled = 1
	n.Open = nil
}

// halve merges adjacent columns pairwise and doubles the width.
func (n *NormHist) halve() {
	k := len(n.Cols) / 2
	for i := range k {
		a, b := n.Cols[2*i], n.Cols[2*i+1]
		for j := range a {
			a[j] += b[j]
		}
		n.Cols[i], n.Epochs[i] = a, n.Epochs[2*i+1]
	}
	if len(n.Cols)%2 == 1 {
		last := len(n.Cols) - 1
		n.Cols[k], n.Epochs[k] = n.Cols[last], n.Epochs[last]
		k++
	}
	n.Cols, n.Epochs = n.Cols[:k], n.Epochs[:k]
	n.width *= 2
	n.filled = n.width // start a fresh column next
}

// Steps returns the number of binned steps, the open epoch's included.
func (n *NormHist) Steps() int {
	s := 0
	for _, c := range n.Cols {
		for _, v := range c {
			s += int(v)
		}
	}
	for _, v := range n.Open {
		s += int(v)
	}
	return s
}

// Copy returns a deep copy.
func (n *NormHist) Copy() NormHist {
	out := *n
	out.Epochs = append([]float64(nil), n.Epochs...)
	out.Cols = make([][]int32, len(n.Cols))
	for i, c := range n.Cols {
		out.Cols[i] = append([]int32(nil), c...)
	}
	if n.Open != nil {
		out.Open = append([]int32(nil), n.Open...)
	}
	return out
}
