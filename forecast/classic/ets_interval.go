package classic

import (
	"gonum.org/v1/gonum/mat"
)

// The forecast means and variances of Hyndman, Koehler, Ord & Snyder
// (2008), ch. 6, as forecast.ets's class1, class2 and class3 compute them.
// x is the state after the last observation, laid out as ETSModel.Init.

// dampSum is φ + φ² + … + φ^k (k when φ = 1).
func dampSum(phi float64, k int) float64 {
	s, p := 0.0, 1.0
	for i := 0; i < k; i++ {
		p *= phi
		s += p
	}
	return s
}

// etsClass1 returns the means μ_1…μ_h of a linear model (additive or no
// trend and season) and its coefficients c_1…c_{h−1}: the h-step error
// variance of additive-error models is σ²(1 + Σ_{j<h} c_j²), with
// c_j = α + β(φ + … + φ^j) + γ·[j ≡ 0 mod m].
func etsClass1(h int, x []float64, spec ETSSpec, m int, alpha, beta, gamma, phi float64) (mu, c []float64) {
	trend := spec.Trend != ETSNone
	off := 1
	if trend {
		off = 2
	}
	mu = make([]float64, h)
	c = make([]float64, max(h-1, 0))
	for i := 1; i <= h; i++ {
		v := x[0]
		if trend {
			v += x[1] * dampSum(phi, i)
		}
		if spec.Season == ETSAdditive {
			v += x[off+m-1-(i-1)%m]
		}
		mu[i-1] = v
		if i < h {
			cj := alpha
			if trend {
				cj += beta * dampSum(phi, i)
			}
			if spec.Season == ETSAdditive && i%m == 0 {
				cj += gamma
			}
			c[i-1] = cj
		}
	}
	return mu, c
}

// etsClass2 is class 1's mean with the variance of a multiplicative-error
// model: θ_1 = μ_1², θ_j = μ_j² + σ² Σ_{k<j} c_k² θ_{j−k}, and
// v_j = (1+σ²)θ_j − μ_j².
func etsClass2(h int, x []float64, spec ETSSpec, m int, sigma2, alpha, beta, gamma, phi float64) (mu, v []float64) {
	mu, c := etsClass1(h, x, spec, m, alpha, beta, gamma, phi)
	theta := make([]float64, h)
	v = make([]float64, h)
	for j := 0; j < h; j++ {
		theta[j] = mu[j] * mu[j]
		s := 0.0
		for k := 0; k < j; k++ {
			s += c[k] * c[k] * theta[j-1-k]
		}
		theta[j] += sigma2 * s
		v[j] = (1+sigma2)*theta[j] - mu[j]*mu[j]
	}
	return mu, v
}

// etsClass3 is the mean and variance of a model with multiplicative error
// and season (no, additive or damped trend): the level-and-trend part and
// the seasonal part evolve as a matrix M_h = x₁·x₂ᵀ whose mean and the
// covariance V_h of vec(M_h) are propagated to second order in σ².
// (forecast 8.20 uses the undamped matrices for a damped trend; here H₁,
// F₁ and G₁ carry φ as the recursions ŷ = (l + φb)·s do.)
func etsClass3(h int, x []float64, spec ETSSpec, m int, sigma2, alpha, beta, gamma, phi float64) (mu, v []float64) {
	p1 := 1
	if spec.Trend != ETSNone {
		p1 = 2
	}
	var h1, f1, g1 *mat.Dense
	if p1 == 1 {
		h1, f1, g1 = mat.NewDense(1, 1, []float64{1}), mat.NewDense(1, 1, []float64{1}), mat.NewDense(1, 1, []float64{alpha})
	} else {
		h1 = mat.NewDense(1, 2, []float64{1, phi})
		f1 = mat.NewDense(2, 2, []float64{1, phi, 0, phi})
		g1 = mat.NewDense(2, 2, []float64{alpha, alpha * phi, beta, beta * phi})
	}
	h2 := mat.NewDense(1, m, nil)
	h2.Set(0, m-1, 1)
	f2 := mat.NewDense(m, m, nil)
	f2.Set(0, m-1, 1)
	for i := 1; i < m; i++ {
		f2.Set(i, i-1, 1)
	}
	g2 := mat.NewDense(m, m, nil)
	g2.Set(0, m-1, gamma)
	mh := mat.NewDense(p1, m, nil)
	for i := 0; i < p1; i++ {
		for j := 0; j < m; j++ {
			mh.Set(i, j, x[i]*x[p1+j])
		}
	}
	k := p1 * m
	vh := mat.NewDense(k, k, nil)
	var h21, f21, g21, ka, kb mat.Dense
	h21.Kronecker(h2, h1)
	f21.Kronecker(f2, f1)
	g21.Kronecker(g2, g1)
	ka.Kronecker(g2, f1)
	kb.Kronecker(f2, g1)
	var kk mat.Dense
	kk.Add(&ka, &kb)

	mu = make([]float64, h)
	v = make([]float64, h)
	vec := mat.NewVecDense(k, nil)
	for i := 0; i < h; i++ {
		mu[i] = mul(h1, mh, h2.T()).At(0, 0)
		v[i] = (1+sigma2)*mul(&h21, vh, h21.T()).At(0, 0) + sigma2*mu[i]*mu[i]

		for c := 0; c < m; c++ { // vec(M_h), column-major
			for r := 0; r < p1; r++ {
				vec.SetVec(c*p1+r, mh.At(r, c))
			}
		}
		var vv mat.Dense
		vv.Outer(1, vec, vec)
		// V ← F V Fᵀ + σ²(F V Gᵀ + G V Fᵀ + K(V + vvᵀ)Kᵀ + σ² G(3V + 2vvᵀ)Gᵀ)
		var kv, gv, acc, next mat.Dense
		kv.Add(vh, &vv)
		gv.Scale(3, vh)
		vv.Scale(2, &vv)
		gv.Add(&gv, &vv)
		inner := mul(&g21, &gv, g21.T())
		inner.Scale(sigma2, inner)
		acc.Add(mul(&f21, vh, g21.T()), mul(&g21, vh, f21.T()))
		acc.Add(&acc, mul(&kk, &kv, kk.T()))
		acc.Add(&acc, inner)
		acc.Scale(sigma2, &acc)
		next.Add(mul(&f21, vh, f21.T()), &acc)
		vh = &next
		// M ← F₁ M F₂ᵀ + σ² G₁ M G₂ᵀ
		var nm mat.Dense
		b := mul(g1, mh, g2.T())
		b.Scale(sigma2, b)
		nm.Add(mul(f1, mh, f2.T()), b)
		mh = &nm
	}
	return mu, v
}

// mul is the product a·b·c.
func mul(a, b, c mat.Matrix) *mat.Dense {
	var ab, abc mat.Dense
	ab.Mul(a, b)
	abc.Mul(&ab, c)
	return &abc
}
