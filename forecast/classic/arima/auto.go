package arima

import (
	"fmt"
	"math"
	"sort"

	"github.com/forecaster-dev/forecaster/forecast/classic"
)

// Visit is one model the stepwise search estimated, with the criterion it
// was compared by (+Inf when rejected or not estimable).
type Visit struct {
	Order    Order
	Constant bool
	IC       float64
}

// Search records how Auto chose its model.
type Search struct {
	D, SD         int     // differences chosen by KPSS and by seasonal strength
	Strength      float64 // seasonal strength (NaN when not computed)
	Approximation bool    // the search compared CSS fits (n > 150 or m > 12), then refit by exact likelihood
	Visits        []Visit // in the order they were estimated
	Refits        []Visit // exact-likelihood refits after an approximate search, until one was accepted
}

// Auto selects and fits a seasonal ARIMA model to y (seasonal period m;
// m ≤ 1 for none) as R's forecast::auto.arima(y) does with its defaults:
// d by repeated KPSS tests (5 %, at most 2), D by STL seasonal strength
// (> 0.64, at most 1; only with more than 2m points), then Hyndman &
// Khandakar's (2008) stepwise search over p, q ≤ 5, P, Q ≤ 2 (p + q +
// P + Q unrestricted; p, q < m when seasonal terms are allowed) minimising
// AICc, with a drift (d + D = 1) or mean (d + D = 0) tried in and out.
// For more than 150 points or m > 12 the search compares conditional-sum-
// of-squares fits and the best is refit by exact likelihood.
//
// A constant series gives ARIMA(0,0,0) with its value as mean and zero
// variance; a series that differences to a constant, the differences with
// their mean as a fixed drift. NaN or infinite values, or no estimable
// model, give an error.
func Auto(y []float64, m int) (*Model, *Search, error) {
	if err := checkData(y); err != nil {
		return nil, nil, err
	}
	n := len(y)
	if m < 1 {
		m = 1
	}
	if isConstant(y) {
		v := meanR(y)
		return &Model{Order: Order{M: m}, Constant: true, Coef: []float64{v}, CoefNames: []string{"intercept"},
			n: n, constant: &v, LogLik: math.NaN(), AIC: math.NaN(), AICc: math.NaN(), BIC: math.NaN()}, &Search{Strength: math.NaN()}, nil
	}
	maxP, maxQ := min(5, n/3), min(5, n/3)
	maxSP, maxSQ := min(2, n/3/m), min(2, n/3/m)
	search := &Search{Strength: math.NaN()}

	sd := 0
	if m == 1 {
		maxSP, maxSQ = 0, 0
	} else if n > 2*m {
		search.Strength = seasonalStrength(y, m)
		sd = nsdiffs(y, m)
	}
	dx := y
	if sd > 0 {
		dx = diff(y, m, sd)
	}
	d := ndiffs(dx)
	if d > 0 {
		dx = diff(dx, 1, d)
	}
	search.D, search.SD = d, sd
	if len(dx) == 0 {
		return nil, search, fmt.Errorf("%w: nothing left after differencing", classic.ErrTooShort)
	}
	if isConstant(dx) {
		m, err := deterministic(y, dx, d, sd, m)
		return m, search, err
	}
	if m > 1 {
		if maxSP > 0 {
			maxP = min(maxP, m-1)
		}
		if maxSQ > 0 {
			maxQ = min(maxQ, m-1)
		}
	}
	approx := n > 150 || m > 12
	search.Approximation = approx
	offset := 0.0
	if approx {
		// the white-noise model fitted exactly gives the offset that makes
		// CSS criteria comparable with exact ones (with a mean when d = D = 0)
		reg := ""
		if d+sd == 0 {
			reg = "intercept"
		}
		o := Order{D: d, SD: sd, M: m}
		if fit, err := fitArima(y, o.spec(), reg, methodCSSML, nil); err == nil {
			offset = -2*fit.loglik - float64(n)*math.Log(fit.sigma2)
		}
	}
	allowDrift := d+sd == 1
	allowMean := d+sd == 0
	constant := allowDrift || allowMean

	const nmodels = 94
	var visits []fitted
	try := func(p, q, sp, sq int, c bool) fitted {
		f := candidate(y, Order{P: p, D: d, Q: q, SP: sp, SD: sd, SQ: sq, M: m}, c, approx, offset, nil)
		visits = append(visits, f)
		return f
	}
	seen := func(p, q, sp, sq int, c bool) bool {
		for _, v := range visits {
			o := v.order
			if o.P == p && o.Q == q && o.SP == sp && o.SQ == sq && v.constant == c {
				return true
			}
		}
		return false
	}

	startP, startQ, startSP, startSQ := 2, 2, 1, 1
	if n < 10 {
		startP, startQ, startSP, startSQ = 1, 1, 0, 0
	}
	p, q := min(startP, maxP), min(startQ, maxQ)
	sp, sq := min(startSP, maxSP), min(startSQ, maxSQ)
	best := try(p, q, sp, sq, constant)
	if f := try(0, 0, 0, 0, constant); f.ic < best.ic {
		best = f
		p, q, sp, sq = 0, 0, 0, 0
	}
	b2i := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	if maxP > 0 || maxSP > 0 {
		ap, asp := b2i(maxP > 0), b2i(m > 1 && maxSP > 0)
		if f := try(ap, 0, asp, 0, constant); f.ic < best.ic {
			best = f
			p, sp, q, sq = ap, asp, 0, 0
		}
	}
	if maxQ > 0 || maxSQ > 0 {
		aq, asq := b2i(maxQ > 0), b2i(m > 1 && maxSQ > 0)
		if f := try(0, aq, 0, asq, constant); f.ic < best.ic {
			best = f
			p, sp, q, sq = 0, 0, aq, asq
		}
	}
	if constant {
		if f := try(0, 0, 0, 0, false); f.ic < best.ic {
			best = f
			p, q, sp, sq = 0, 0, 0, 0
		}
	}

	// The neighbourhood, in R's order: seasonal moves first, then
	// non-seasonal, then the constant; the first improvement restarts it.
	type move struct{ dp, dq, dsp, dsq int }
	moves := []move{
		{0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
		{0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
		{-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
		{-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0},
	}
	k := len(visits)
	startk := 0
	for startk < k && k < nmodels {
		startk = k
		improved := false
		for _, mv := range moves {
			np, nq, nsp, nsq := p+mv.dp, q+mv.dq, sp+mv.dsp, sq+mv.dsq
			if np < 0 || nq < 0 || nsp < 0 || nsq < 0 || np > maxP || nq > maxQ || nsp > maxSP || nsq > maxSQ {
				continue
			}
			if seen(np, nq, nsp, nsq, constant) {
				continue
			}
			k++
			if k > nmodels {
				break
			}
			if f := try(np, nq, nsp, nsq, constant); f.ic < best.ic {
				best = f
				p, q, sp, sq = np, nq, nsp, nsq
				improved = true
				break
			}
		}
		if improved || k > nmodels {
			continue
		}
		if (allowDrift || allowMean) && !seen(p, q, sp, sq, !constant) {
			k++
			if k > nmodels {
				continue
			}
			if f := try(p, q, sp, sq, !constant); f.ic < best.ic {
				best = f
				constant = !constant
			}
		}
	}
	for _, v := range visits {
		search.Visits = append(search.Visits, Visit{v.order, v.constant, v.ic})
	}

	if approx && best.model != nil {
		// refit by exact likelihood in order of the approximate criterion
		idx := make([]int, len(visits))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return visits[idx[a]].ic < visits[idx[b]].ic })
		// (when no refit succeeds R keeps the approximate fit, as here)
		for _, i := range idx {
			v := visits[i]
			f := candidate(y, v.order, v.constant, false, 0, nil)
			search.Refits = append(search.Refits, Visit{v.order, v.constant, f.ic})
			if !math.IsInf(f.ic, 1) {
				best = f
				break
			}
		}
	}
	if best.model == nil || math.IsInf(best.ic, 1) {
		return nil, search, fmt.Errorf("%w: no suitable ARIMA model found", classic.ErrNoModel)
	}
	return best.model, search, nil
}

// deterministic is auto.arima's model of a series that differences to a
// constant: the differences with the constant as a fixed drift (d + D = 1)
// or without one (d + D = 2), its forecasts that line or seasonal pattern
// continued with (near) zero-width intervals.
func deterministic(y, dx []float64, d, sd, m int) (*Model, error) {
	o := Order{D: d, SD: sd, M: m}
	var fixed *float64
	switch {
	case sd > 0 && d == 0:
		v := 0.0
		for _, x := range dx {
			v += x / float64(m)
		}
		v /= float64(len(dx))
		fixed = &v
	case sd == 0 && d == 1:
		v := meanR(dx)
		fixed = &v
	}
	f := candidate(y, o, fixed != nil, false, 0, fixed)
	if f.err != nil || f.model == nil {
		return nil, fmt.Errorf("%w: %s: %v", classic.ErrNoModel, o, f.err)
	}
	return f.model, nil
}
