package vec

// Vector forms of the step loop's element-wise work. On CPUs with AVX-512
// or AVX2 and FMA the bulk of each slice (a multiple of 8 or 4 elements)
// goes through the assembly loops of vec_amd64.s, whose exponential is a
// degree-13 polynomial after range reduction instead of expFast's table;
// the rest, and every element on other CPUs, through the scalar functions
// of fastmath.go. All are within 1e-15 relative of the math package
// (TestVecMath).

// Sigmoid sets x[j] = σ(x[j] + b[j] + w[j]·s).
func Sigmoid(x, b, w []float64, s float64) {
	n := len(x)
	b, w = b[:n], w[:n]
	v := 0
	if width > 0 {
		if v = n &^ (width - 1); v > 0 {
			vsigmoidAsm(v, &x[0], &b[0], &w[0], s)
		}
	}
	for j := v; j < n; j++ {
		x[j] = SigmoidOf(x[j] + b[j] + w[j]*s)
	}
}

// Tanh sets x[j] = TanhOf(x[j] + b[j] + w[j]·s).
func Tanh(x, b, w []float64, s float64) {
	n := len(x)
	b, w = b[:n], w[:n]
	v := 0
	if width > 0 {
		if v = n &^ (width - 1); v > 0 {
			vtanhAsm(v, &x[0], &b[0], &w[0], s)
		}
	}
	for j := v; j < n; j++ {
		x[j] = TanhOf(x[j] + b[j] + w[j]*s)
	}
}

// Cell is the cell update from the gate activations i, f, g, o and the
// previous cell state cp: cn = f·cp + i·g, tc = TanhOf(cn), h = o·tc.
func Cell(i, f, g, o, cp, cn, tc, h []float64) {
	n := len(i)
	f, g, o, cp, cn, tc, h = f[:n], g[:n], o[:n], cp[:n], cn[:n], tc[:n], h[:n]
	v := 0
	if width > 0 {
		if v = n &^ (width - 1); v > 0 {
			vcellAsm(v, &i[0], &f[0], &g[0], &o[0], &cp[0], &cn[0], &tc[0], &h[0])
		}
	}
	for j := v; j < n; j++ {
		c := f[j]*cp[j] + i[j]*g[j]
		cn[j] = c
		t := TanhOf(c)
		tc[j] = t
		h[j] = o[j] * t
	}
}

// Backward is one row of the backward step without layer norm (see bwdRows),
// from the gate activations i, f, gv, o, the previous cell state cp,
// tc = TanhOf(c), the gradients du from above and dhn, dcn from the next
// step: with dh = du + dhn and dc = dcn + dh·o·(1 − tc²) it writes the
// gate pre-activation gradients dai, daf, dag, dao, sets dcn to
// ∂L/∂c_{t−1} = dc·f and returns Σ dh² and Σ dc².
func Backward(i, f, gv, o, cp, tc, du, dhn, dcn, dai, daf, dag, dao []float64) (hs2, cs2 float64) {
	n := len(i)
	f, gv, o, cp, tc, du, dhn, dcn = f[:n], gv[:n], o[:n], cp[:n], tc[:n], du[:n], dhn[:n], dcn[:n]
	dai, daf, dag, dao = dai[:n], daf[:n], dag[:n], dao[:n]
	v := 0
	if width > 0 {
		if v = n &^ (width - 1); v > 0 {
			hs2, cs2 = vbwdAsm(v, &i[0], &f[0], &gv[0], &o[0], &cp[0], &tc[0], &du[0], &dhn[0], &dcn[0], &dai[0], &daf[0], &dag[0], &dao[0])
		}
	}
	for j := v; j < n; j++ {
		dh := du[j] + dhn[j]
		hs2 += dh * dh
		t := tc[j]
		dc := dcn[j] + dh*o[j]*(1-t*t)
		cs2 += dc * dc
		dai[j] = dc * gv[j] * i[j] * (1 - i[j])
		daf[j] = dc * cp[j] * f[j] * (1 - f[j])
		dag[j] = dc * i[j] * (1 - gv[j]*gv[j])
		dao[j] = dh * t * o[j] * (1 - o[j])
		dcn[j] = dc * f[j]
	}
	return hs2, cs2
}

// Add sets dst += src.
func Add(dst, src []float64) {
	n := len(dst)
	src = src[:n]
	v := 0
	if width > 0 {
		if v = n &^ (width - 1); v > 0 {
			vaddAsm(v, &dst[0], &src[0])
		}
	}
	for j := v; j < n; j++ {
		dst[j] += src[j]
	}
}

// Width is how many values the assembly loops take at a time on this CPU:
// 8 with AVX-512, 4 with AVX2 and FMA, 0 when the Go loops run alone.
func Width() int { return width }

// SetWidth makes the loops run at level w, one of Widths (tests cover
// every level the CPU has), and returns a function that restores the
// level before. Not safe while loops run.
func SetWidth(w int) (restore func()) {
	old := width
	width = w
	return func() { width = old }
}

// To32 sets dst[j] = float32(src[j]), rounding to nearest even, for the
// float32 products of Config.Precision "float32".
func To32(dst []float32, src []float64) {
	n := len(dst)
	src = src[:n]
	v := 0
	if width > 0 {
		if v = n &^ (width - 1); v > 0 {
			vto32Asm(v, &dst[0], &src[0])
		}
	}
	for j := v; j < n; j++ {
		dst[j] = float32(src[j])
	}
}

// To64 sets dst[j] = float64(src[j]) (exact).
func To64(dst []float64, src []float32) {
	n := len(dst)
	src = src[:n]
	v := 0
	if width > 0 {
		if v = n &^ (width - 1); v > 0 {
			vto64Asm(v, &dst[0], &src[0])
		}
	}
	for j := v; j < n; j++ {
		dst[j] = float64(src[j])
	}
}

// Sigmoid32 is Sigmoid of the pre-activations z of a float32 product:
// x[j] = σ(float64(z[j]) + b[j] + w[j]·s), the same bits as To64(x, z)
// followed by Sigmoid(x, b, w, s), in one pass with AVX-512.
func Sigmoid32(x []float64, z []float32, b, w []float64, s float64) {
	n := len(x)
	z, b, w = z[:n], b[:n], w[:n]
	if v := n &^ 7; fused32() && v > 0 {
		vsigmoid32AVX512(v, &x[0], &z[0], &b[0], &w[0], s)
		To64(x[v:], z[v:])
		Sigmoid(x[v:], b[v:n], w[v:n], s)
		return
	}
	To64(x, z)
	Sigmoid(x, b, w, s)
}

// Tanh32 is Tanh of the pre-activations z of a float32 product, as
// Sigmoid32.
func Tanh32(x []float64, z []float32, b, w []float64, s float64) {
	n := len(x)
	z, b, w = z[:n], b[:n], w[:n]
	if v := n &^ 7; fused32() && v > 0 {
		vtanh32AVX512(v, &x[0], &z[0], &b[0], &w[0], s)
		To64(x[v:], z[v:])
		Tanh(x[v:], b[v:n], w[v:n], s)
		return
	}
	To64(x, z)
	Tanh(x, b, w, s)
}
