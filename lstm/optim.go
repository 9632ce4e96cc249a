package lstm

import (
	"fmt"
	"math"
)

// OptimConfig selects an optimiser and its hyper-parameters. The update
// formulas are those of torch.optim 1.13 (SGD without dampening or
// Nesterov; Adam and RMSprop with coupled weight decay, AdamW decoupled;
// RMSprop not centred). Zero Beta1, Beta2, Eps and Alpha mean PyTorch's
// defaults 0.9, 0.999, 1e-8 and 0.99; WeightDecay and Momentum are taken
// as they are (torch's AdamW default would be 0.01).
type OptimConfig struct {
	Kind        string  `json:"kind"` // "sgd", "adam", "adamw", "rmsprop"
	LR          float64 `json:"lr"`
	Momentum    float64 `json:"momentum"` // sgd, rmsprop
	Beta1       float64 `json:"beta1"`    // adam, adamw
	Beta2       float64 `json:"beta2"`    // adam, adamw
	Eps         float64 `json:"eps"`      // adam, adamw, rmsprop
	WeightDecay float64 `json:"weight_decay"`
	Alpha       float64 `json:"alpha"` // rmsprop smoothing constant
}

func (c OptimConfig) withDefaults() OptimConfig {
	if c.Beta1 == 0 {
		c.Beta1 = 0.9
	}
	if c.Beta2 == 0 {
		c.Beta2 = 0.999
	}
	if c.Eps == 0 {
		c.Eps = 1e-8
	}
	if c.Alpha == 0 {
		c.Alpha = 0.99
	}
	return c
}

// Validate reports whether c is usable.
func (c OptimConfig) Validate() error {
	switch c.Kind {
	case "sgd", "adam", "adamw", "rmsprop":
	default:
		return fmt.Errorf("lstm: unknown optimiser %q", c.Kind)
	}
	d := c.withDefaults()
	switch {
	case !(c.LR > 0) || !finite(c.LR):
		return fmt.Errorf("lstm: learning rate %v must be positive and finite", c.LR)
	case !(c.Momentum >= 0 && c.Momentum < 1):
		return fmt.Errorf("lstm: momentum %v outside [0, 1)", c.Momentum)
	case !(d.Beta1 >= 0 && d.Beta1 < 1), !(d.Beta2 >= 0 && d.Beta2 < 1):
		return fmt.Errorf("lstm: betas (%v, %v) outside [0, 1)", c.Beta1, c.Beta2)
	case !(d.Eps > 0) || !finite(d.Eps):
		return fmt.Errorf("lstm: eps %v must be positive and finite", c.Eps)
	case !(d.Alpha > 0 && d.Alpha < 1):
		return fmt.Errorf("lstm: alpha %v outside (0, 1)", c.Alpha)
	case !(c.WeightDecay >= 0) || !finite(c.WeightDecay):
		return fmt.Errorf("lstm: weight decay %v must be non-negative and finite", c.WeightDecay)
	}
	return nil
}

// optimizer updates flat weights w from gradients g; state is kept inside.
type optimizer struct {
	cfg  OptimConfig // with defaults filled
	step int
	m, v []float64 // momentum / first moment, second moment / square average
}

func newOptimizer(c OptimConfig, n int) *optimizer {
	o := &optimizer{cfg: c.withDefaults()}
	switch c.Kind {
	case "sgd":
		if c.Momentum != 0 {
			o.m = make([]float64, n)
		}
	case "adam", "adamw":
		o.m = make([]float64, n)
		o.v = make([]float64, n)
	case "rmsprop":
		o.v = make([]float64, n)
		if c.Momentum != 0 {
			o.m = make([]float64, n)
		}
	}
	return o
}

// update applies one step. g is not modified.
func (o *optimizer) update(w, g []float64) {
	c := o.cfg
	o.step++
	lr, wd := c.LR, c.WeightDecay
	g = g[:len(w)]
	switch c.Kind {
	case "sgd":
		mu := c.Momentum
		if mu == 0 {
			for j, gj := range g {
				w[j] -= lr * (gj + wd*w[j])
			}
			return
		}
		buf := o.m[:len(w)]
		first := o.step == 1
		for j, gj := range g {
			d := gj + wd*w[j]
			if first {
				buf[j] = d
			} else {
				buf[j] = mu*buf[j] + d
			}
			w[j] -= lr * buf[j]
		}
	case "adam", "adamw":
		b1, b2, eps := c.Beta1, c.Beta2, c.Eps
		bc1 := 1 - math.Pow(b1, float64(o.step))
		bc2s := math.Sqrt(1 - math.Pow(b2, float64(o.step)))
		stepSize := lr / bc1
		m, v := o.m[:len(w)], o.v[:len(w)]
		decoupled := c.Kind == "adamw"
		for j, gj := range g {
			if decoupled {
				w[j] *= 1 - lr*wd
			} else {
				gj += wd * w[j]
			}
			m[j] = m[j]*b1 + (1-b1)*gj
			v[j] = v[j]*b2 + (1-b2)*gj*gj
			w[j] -= stepSize * m[j] / (math.Sqrt(v[j])/bc2s + eps)
		}
	case "rmsprop":
		a, eps, mu := c.Alpha, c.Eps, c.Momentum
		v := o.v[:len(w)]
		for j, gj := range g {
			gj += wd * w[j]
			v[j] = v[j]*a + (1-a)*gj*gj
			d := gj / (math.Sqrt(v[j]) + eps)
			if mu != 0 {
				o.m[j] = mu*o.m[j] + d
				d = o.m[j]
			}
			w[j] -= lr * d
		}
	}
}
