package lstm_test

import (
	"fmt"
	"math"

	"github.com/forecaster-dev/forecaster/lstm"
)

// Example trains a one-layer LSTM to continue a sine wave two steps ahead.
func Example() {
	cfg := lstm.DefaultConfig(1, 8, 2) // 1 input column, 8 hidden units, 2 outputs
	cfg.InputInit, cfg.RecurrentInit = lstm.InitXavierUniform, lstm.InitOrthogonal
	m, err := lstm.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range m.Params() {
		fmt.Println(p.Name, p.Shape())
	}

	// 16 windows of 10 steps, x is (B,T,I) and y is (B,O), row-major.
	const B, T = 16, 10
	x, y := make([]float64, B*T), make([]float64, B*2)
	for b := 0; b < B; b++ {
		for t := 0; t < T+2; t++ {
			v := math.Sin(0.4*float64(b) + 0.3*float64(t))
			if t < T {
				x[b*T+t] = v
			} else {
				y[b*2+t-T] = v
			}
		}
	}
	tr, err := lstm.NewTrainer(m, B, T, lstm.OptimConfig{Kind: "adam", LR: 0.02}, lstm.ClipConfig{Mode: "norm", Max: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	first, _ := tr.Step(x, y, B)
	var last lstm.StepStats
	for i := 0; i < 200; i++ {
		last, _ = tr.Step(x, y, B)
	}
	fmt.Println("loss fell tenfold:", last.Loss < first.Loss/10)
	fmt.Println("profile length:", len(tr.Stats().HGradByTime[0]))

	pred := make([]float64, B*2)
	m.Predict(pred, x, B, T)
	fmt.Printf("forecast error below 0.1: %v\n", math.Abs(pred[0]-y[0]) < 0.1)
	// Output:
	// weight_ih_l0 [32 1]
	// weight_hh_l0 [32 8]
	// bias_ih_l0 [32]
	// bias_hh_l0 [32]
	// head.weight [2 8]
	// head.bias [2]
	// loss fell tenfold: true
	// profile length: 10
	// forecast error below 0.1: true
}
