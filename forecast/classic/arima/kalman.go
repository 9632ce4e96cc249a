package arima

import "math"

// ssModel is the state-space form of an ARIMA model that R's makeARIMA
// builds (Durbin & Koopman 2001, §3.4; Gardner, Harvey & Phillips 1980):
// r = max(p, q+1) ARMA states followed by d states of the differencing
// polynomial Δ. Matrices are stored column-major, as in R, so that the
// filter's sums run in R's order.
type ssModel struct {
	phi, theta, delta []float64
	r, d, rd          int
	a                 []float64 // state mean (rd)
	p                 []float64 // filtered state covariance (rd×rd)
	pn                []float64 // predicted state covariance (rd×rd); the initial one before filtering
	kappa             float64   // prior variance of the diffuse (differencing) states
}

// makeARIMA builds the model with its initial state: a = 0, the ARMA
// block of Pn the stationary covariance (Gardner et al.'s Q0), the
// differencing states diffuse (variance kappa).
func makeARIMA(phi, theta, delta []float64, kappa float64) *ssModel {
	p, q := len(phi), len(theta)
	r := max(p, q+1)
	d := len(delta)
	m := &ssModel{delta: delta, r: r, d: d, rd: r + d, kappa: kappa}
	m.a = make([]float64, m.rd)
	m.p = make([]float64, m.rd*m.rd)
	m.pn = make([]float64, m.rd*m.rd)
	m.update(phi, theta)
	return m
}

// update is R's upARIMA: new coefficients, a = 0 and Pn reset.
func (m *ssModel) update(phi, theta []float64) {
	m.phi, m.theta = phi, theta
	for i := range m.a {
		m.a[i] = 0
	}
	for i := range m.pn {
		m.pn[i] = 0
	}
	rd, r := m.rd, m.r
	if r > 1 {
		q0 := getQ0(phi, theta)
		for j := 0; j < r; j++ {
			for i := 0; i < r; i++ {
				m.pn[i+rd*j] = q0[i+r*j]
			}
		}
	} else if len(phi) > 0 {
		m.pn[0] = 1 / (1 - phi[0]*phi[0])
	} else {
		m.pn[0] = 1
	}
	for i := r; i < rd; i++ {
		m.pn[i+rd*i] = m.kappa
	}
}

// transition is the matrix T (column-major): φ in the first column, ones
// on the ARMA superdiagonal, the differencing rows.
func (m *ssModel) transition() []float64 {
	rd, r := m.rd, m.r
	t := make([]float64, rd*rd)
	for i, v := range m.phi {
		t[i] = v
	}
	for i := 1; i < r; i++ {
		t[(i-1)+rd*i] = 1
	}
	if m.d > 0 {
		z := m.observation()
		for j := 0; j < rd; j++ {
			t[r+rd*j] = z[j]
		}
		for i := 1; i < m.d; i++ {
			t[(r+i)+rd*(r+i-1)] = 1
		}
	}
	return t
}

// observation is Z = (1, 0 … 0, Δ).
func (m *ssModel) observation() []float64 {
	z := make([]float64, m.rd)
	z[0] = 1
	copy(z[m.r:], m.delta)
	return z
}

// like is R's ARIMA_Like with sUP = 0: the Kalman filter over y (NaN for
// missing), leaving the state after the last observation in m.a, m.p. It
// returns Σ v²/F and Σ log F over the observations with F < 1e4 (the
// diffuse start is left out) and their number; resid, when not nil, gets
// the standardised innovations v/√F.
//
// Every element is computed by R's operations in R's order (likeRef in the
// tests is the loop-for-loop port; TestLikeMatchesReference checks them
// equal), but a column at a time with the conditions on the row moved out
// of the inner loops, the differencing polynomial's zero coefficients
// skipped (see nonzero), and the rank-one update of P computing each of the
// symmetric pair's M_i·M_j/F once: 2.2× faster on the airline model
// (BenchmarkLike, 1.0–1.2 → 0.5 ms), and auto ARIMA's search 1.6–1.7×
// (BenchmarkAuto, AirPassengers), of which the filter is most of the time.
func (m *ssModel) like(y []float64, resid []float64) (ssq, sumlog float64, nu int) {
	phi, theta, delta := m.phi, m.theta, m.delta
	p, q, r, d, rd := len(phi), len(theta), m.r, m.d, m.rd
	a, P, Pnew := m.a, m.p, m.pn
	anew := make([]float64, rd)
	M := make([]float64, rd)
	// v = (1, θ, 0 …): the column R of the state equation
	v := make([]float64, r)
	v[0] = 1
	copy(v[1:], theta)
	var mm []float64
	if d > 0 {
		mm = make([]float64, rd*rd)
	}
	nz := nonzero(delta)
	for l := range y {
		for i := 0; i < r; i++ {
			tmp := 0.0
			if i < r-1 {
				tmp = a[i+1]
			}
			if i < p {
				tmp += phi[i] * a[0]
			}
			anew[i] = tmp
		}
		if d > 0 {
			for i := r + 1; i < rd; i++ {
				anew[i] = a[i-1]
			}
			tmp := a[0]
			for i := 0; i < d; i++ {
				tmp += delta[i] * a[r+i]
			}
			anew[r] = tmp
		}
		if l > 0 {
			if d == 0 {
				predictARMA(Pnew, P, phi, v, q, r)
			} else {
				predictDiff(Pnew, P, mm, phi, delta, nz, r, rd)
				// Pnew += (1, θ)(1, θ)ᵀ
				for j := 0; j <= q; j++ {
					col := Pnew[rd*j : rd*j+q+1]
					vj := v[j]
					for i := range col {
						col[i] += v[i] * vj
					}
				}
			}
		}
		if !math.IsNaN(y[l]) {
			res := y[l] - anew[0]
			for i := 0; i < d; i++ {
				res -= delta[i] * anew[r+i]
			}
			copy(M, Pnew[:rd])
			for _, j := range nz {
				col := Pnew[(r+j)*rd : (r+j)*rd+rd]
				dj := delta[j]
				for i := range M {
					M[i] += col[i] * dj
				}
			}
			gain := M[0]
			for j := 0; j < d; j++ {
				gain += delta[j] * M[r+j]
			}
			if gain < 1e4 {
				nu++
				ssq += res * res / gain
				sumlog += math.Log(gain)
			}
			if resid != nil {
				resid[l] = res / math.Sqrt(gain)
			}
			for i := 0; i < rd; i++ {
				a[i] = anew[i] + M[i]*res/gain
			}
			// P = Pnew − M Mᵀ/F; M_i·M_j/F is M_j·M_i/F to the bit
			for j := 0; j < rd; j++ {
				mj := M[j]
				pc, nc := P[j*rd:j*rd+rd], Pnew[j*rd:j*rd+rd]
				for i := 0; i < j; i++ {
					t := M[i] * mj / gain
					pc[i] = nc[i] - t
					P[j+i*rd] = Pnew[j+i*rd] - t
				}
				pc[j] = nc[j] - mj*mj/gain
			}
		} else {
			copy(a, anew)
			copy(P, Pnew)
			if resid != nil {
				resid[l] = math.NaN()
			}
		}
	}
	return ssq, sumlog, nu
}

// predictARMA sets Pnew = T P Tᵀ + v vᵀ for the ARMA states alone (no
// differencing, rd = r; v = (1, θ_1 … θ_q, 0 …)), element by element as
// R's ARIMA_Like sums it.
func predictARMA(Pnew, P, phi, v []float64, q, r int) {
	p := len(phi)
	p0 := P[0]
	for j := 0; j < r; j++ {
		col := Pnew[r*j : r*j+r]
		vj := v[j]
		var phj float64
		if j < p {
			phj = phi[j]
		}
		for i := range col {
			tmp := 0.0 // R's: 0 where θ_{j−1} is past q, not v_i·0
			switch {
			case j == 0:
				tmp = v[i]
			case j-1 < q:
				tmp = v[i] * vj
			}
			if i < p && j < p {
				tmp += phi[i] * phj * p0
			}
			if i < r-1 && j < r-1 {
				tmp += P[i+1+r*(j+1)]
			}
			if i < p && j < r-1 {
				tmp += phi[i] * P[j+1]
			}
			if j < p && i < r-1 {
				tmp += phj * P[i+1]
			}
			col[i] = tmp
		}
	}
}

// predictDiff sets Pnew = T P Tᵀ for the ARMA and differencing states
// (rd = r + d; the innovations' v vᵀ is added by the caller), through
// mm = T P, as R's ARIMA_Like, a column at a time; nz lists delta's
// nonzero coefficients.
func predictDiff(Pnew, P, mm, phi, delta []float64, nz []int, r, rd int) {
	p := len(phi)
	lo := min(p, r-1) // rows with both φ_i and the shifted state
	// mm = T P
	for j := 0; j < rd; j++ {
		col := P[rd*j : rd*j+rd]
		out := mm[rd*j : rd*j+rd]
		p0 := col[0]
		i := 0
		for ; i < lo; i++ {
			out[i] = 0 + phi[i]*p0 + col[i+1]
		}
		for ; i < r-1; i++ {
			out[i] = 0 + col[i+1]
		}
		if r-1 < p {
			out[r-1] = 0 + phi[r-1]*p0
		} else {
			out[r-1] = 0
		}
		tmp := col[0]
		for _, k := range nz {
			tmp += delta[k] * col[r+k]
		}
		out[r] = tmp
		copy(out[r+1:rd], col[r:rd-1])
	}
	// Pnew = mm Tᵀ
	m0 := mm[:rd]
	for i := 0; i < r; i++ {
		out := Pnew[rd*i : rd*i+rd]
		var next []float64
		if i < r-1 {
			next = mm[rd*(i+1) : rd*(i+1)+rd]
		}
		switch {
		case i < p && next != nil:
			ph := phi[i]
			for j := range out {
				out[j] = 0 + ph*m0[j] + next[j]
			}
		case i < p:
			ph := phi[i]
			for j := range out {
				out[j] = 0 + ph*m0[j]
			}
		case next != nil:
			for j := range out {
				out[j] = 0 + next[j]
			}
		default:
			clear(out)
		}
	}
	out := Pnew[rd*r : rd*r+rd]
	copy(out, m0)
	for _, k := range nz {
		col := mm[rd*(r+k) : rd*(r+k)+rd]
		dk := delta[k]
		for j := range out {
			out[j] += dk * col[j]
		}
	}
	for i := 1; i < rd-r; i++ {
		copy(Pnew[rd*(r+i):rd*(r+i)+rd], mm[rd*(r+i-1):rd*(r+i-1)+rd])
	}
}

// nonzero returns the indices of delta's nonzero coefficients. The terms
// δ_k·x of a zero δ_k are left out of the filter's sums: adding a zero
// changes no sum but a zero's sign (−0 + 0 is +0), so the filter's
// results are R's to the bit but for the sign of an exact zero. The
// airline model's Δ of (1 − L)(1 − L¹²) has 3 nonzero coefficients of 13.
func nonzero(delta []float64) []int {
	var nz []int
	for k, v := range delta {
		if v != 0 {
			nz = append(nz, k)
		}
	}
	return nz
}

// forecast is R's KalmanForecast from the filtered state: the h-step
// predictions Z·a and their variances Z·P·Zᵀ (in units of σ²).
func (m *ssModel) forecast(h int) (pred, v []float64) {
	rd := m.rd
	t := m.transition()
	z := m.observation()
	// V = R Rᵀ, R = (1, θ padded to r−1, 0 … 0)
	rv := make([]float64, rd)
	rv[0] = 1
	copy(rv[1:m.r], m.theta)
	a := append([]float64(nil), m.a...)
	P := append([]float64(nil), m.p...)
	anew := make([]float64, rd)
	mm := make([]float64, rd*rd)
	pred, v = make([]float64, h), make([]float64, h)
	for l := 0; l < h; l++ {
		fc := 0.0
		for i := 0; i < rd; i++ {
			tmp := 0.0
			for k := 0; k < rd; k++ {
				tmp += t[i+rd*k] * a[k]
			}
			anew[i] = tmp
			fc += tmp * z[i]
		}
		copy(a, anew)
		pred[l] = fc
		for i := 0; i < rd; i++ {
			for j := 0; j < rd; j++ {
				tmp := 0.0
				for k := 0; k < rd; k++ {
					tmp += t[i+rd*k] * P[k+rd*j]
				}
				mm[i+rd*j] = tmp
			}
		}
		for i := 0; i < rd; i++ {
			for j := 0; j < rd; j++ {
				tmp := rv[i] * rv[j]
				for k := 0; k < rd; k++ {
					tmp += mm[i+rd*k] * t[j+rd*k]
				}
				P[i+rd*j] = tmp
			}
		}
		tmp := 0.0
		for i := 0; i < rd; i++ {
			for j := 0; j < rd; j++ {
				tmp += z[i] * z[j] * P[i+j*rd]
			}
		}
		v[l] = tmp
	}
	return pred, v
}

// getQ0 is the covariance of the first r states of a stationary ARMA
// process with unit innovation variance, by the algorithm of Gardner,
// Harvey & Phillips (1980, AS 154), as R's getQ0 (column-major r×r).
func getQ0(phi, theta []float64) []float64 {
	p, q := len(phi), len(theta)
	r := max(p, q+1)
	np := r * (r + 1) / 2
	nrbar := np * (np - 1) / 2
	V := make([]float64, np)
	ind := 0
	for j := 0; j < r; j++ {
		vj := 0.0
		if j == 0 {
			vj = 1.0
		} else if j-1 < q {
			vj = theta[j-1]
		}
		for i := j; i < r; i++ {
			vi := 0.0
			if i == 0 {
				vi = 1.0
			} else if i-1 < q {
				vi = theta[i-1]
			}
			V[ind] = vi * vj
			ind++
		}
	}
	P := make([]float64, r*r)
	if r == 1 {
		P[0] = 1.0 / (1.0 - phi[0]*phi[0])
		return P
	}
	if p > 0 {
		rbar := make([]float64, nrbar)
		thetab := make([]float64, np)
		xnext := make([]float64, np)
		xrow := make([]float64, np)
		ind = 0
		ind1 := -1
		npr := np - r
		npr1 := npr + 1
		indj := npr
		ind2 := npr - 1
		for j := 0; j < r; j++ {
			phij := 0.0
			if j < p {
				phij = phi[j]
			}
			xnext[indj] = 0.0
			indj++
			indi := npr1 + j
			for i := j; i < r; i++ {
				ynext := V[ind]
				ind++
				phii := 0.0
				if i < p {
					phii = phi[i]
				}
				if j != r-1 {
					xnext[indj] = -phii
					if i != r-1 {
						xnext[indi] -= phij
						ind1++
						xnext[ind1] = -1.0
					}
				}
				xnext[npr] = -phii * phij
				ind2++
				if ind2 >= np {
					ind2 = 0
				}
				xnext[ind2] += 1.0
				inclu2(np, xnext, xrow, ynext, P, rbar, thetab)
				xnext[ind2] = 0.0
				if i != r-1 {
					xnext[indi] = 0.0
					indi++
					xnext[ind1] = 0.0
				}
			}
		}
		ithisr := nrbar - 1
		im := np - 1
		for i := 0; i < np; i++ {
			bi := thetab[im]
			jm := np - 1
			for j := 0; j < i; j++ {
				bi -= rbar[ithisr] * P[jm]
				ithisr--
				jm--
			}
			P[im] = bi
			im--
		}
		// re-order P
		ind = npr
		for i := 0; i < r; i++ {
			xnext[i] = P[ind]
			ind++
		}
		ind = np - 1
		ind1 = npr - 1
		for i := 0; i < npr; i++ {
			P[ind] = P[ind1]
			ind--
			ind1--
		}
		for i := 0; i < r; i++ {
			P[i] = xnext[i]
		}
	} else {
		// pure MA: back-substitution
		indn := np
		ind = np
		for i := 0; i < r; i++ {
			for j := 0; j <= i; j++ {
				ind--
				P[ind] = V[ind]
				if j != 0 {
					indn--
					P[ind] += P[indn]
				}
			}
		}
	}
	// unpack to a full matrix
	ind = np
	for i := r - 1; i > 0; i-- {
		for j := r - 1; j >= i; j-- {
			ind--
			P[r*i+j] = P[ind]
		}
	}
	for i := 0; i < r-1; i++ {
		for j := i + 1; j < r; j++ {
			P[i+r*j] = P[j+r*i]
		}
	}
	return P
}

// inclu2 updates d, rbar, thetab by the inclusion of xnext and ynext
// (AS 154's Givens step).
func inclu2(np int, xnext, xrow []float64, ynext float64, d, rbar, thetab []float64) {
	copy(xrow[:np], xnext[:np])
	ithisr := 0
	for i := 0; i < np; i++ {
		if xrow[i] != 0.0 {
			xi := xrow[i]
			di := d[i]
			dpi := di + xi*xi
			d[i] = dpi
			cbar := di / dpi
			sbar := xi / dpi
			// the same operations as AS 154's loop over k = i+1 … np−1, on
			// slices of equal length so that the loop has no bounds checks
			xr := xrow[i+1 : np]
			rb := rbar[ithisr : ithisr+len(xr)]
			for k, xk := range xr {
				rbthis := rb[k]
				xr[k] = xk - xi*rbthis
				rb[k] = cbar*rbthis + sbar*xk
			}
			ithisr += len(xr)
			xk := ynext
			ynext = xk - xi*thetab[i]
			thetab[i] = cbar*thetab[i] + sbar*xk
			if di == 0.0 {
				return
			}
		} else {
			ithisr = ithisr + np - i - 1
		}
	}
}
