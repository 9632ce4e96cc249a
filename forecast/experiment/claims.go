package experiment

import (
	"fmt"

	"github.com/forecaster-dev/forecaster/forecast/config"
)

// A Claim is one of the seed article's claims and the experiment that
// tests it: the grid, the bundled sample it is run on, and the settings it
// fixes on top of the defaults. `forecaster study` runs every claim and
// judges it by a stated rule; the GUI's Experiments tab offers the same
// experiments as presets, so that both test the same thing.
type Claim struct {
	ID, Title string
	Statement string // the article's claim, in English
	Sample    string // the bundled sample the study runs it on
	Axes      []Axis // the grid
	// Fixed are one-value settings applied to the base settings before
	// the grid: early stopping off and a fixed number of epochs, so that
	// the curves compare, and what the claim needs (the clipping and
	// learning-rate claims use plain SGD, z-scored data and MSE loss, as
	// the article does: Huber's bounded gradient is a stabiliser itself).
	Fixed []Axis
}

// studyRun is what every claim fixes: a constant learning rate and no
// early stopping, so that all runs train the same number of epochs.
var studyRun = []Axis{{Name: "patience", Values: []string{"0"}}, {Name: "schedule", Values: []string{"constant"}}}

func fixed(pairs ...string) []Axis {
	out := append([]Axis(nil), studyRun...)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Axis{Name: pairs[i], Values: []string{pairs[i+1]}})
	}
	return out
}

// Claims are the seed article's four claims.
var Claims = []Claim{
	{
		ID: "init", Title: "Xavier initialisation speeds convergence",
		Statement: "Xavier/Glorot initialisation clearly speeds up convergence (and raised test accuracy by 2%).",
		Sample:    "sunspots",
		Axes:      []Axis{{Name: "inits", Values: []string{"pytorch", "xavier_uniform", "orthogonal"}}},
		Fixed:     fixed("epochs", "60"),
	},
	{
		ID: "clipping", Title: "Gradient clipping nearly removes divergence",
		Statement: "With gradient clipping, training becomes stable and divergence almost disappears.",
		Sample:    "air_passengers",
		Axes:      []Axis{{Name: "clip", Values: []string{"none", "norm"}}, {Name: "lr", Values: []string{"0.1", "1", "5"}}},
		Fixed:     fixed("epochs", "60", "optimizer", "sgd", "scaler", "zscore", "loss", "mse"),
	},
	{
		ID: "lr", Title: "Too high a learning rate makes gradients explode",
		Statement: "A learning rate set too high causes severe gradient explosion.",
		Sample:    "air_passengers",
		Axes:      []Axis{{Name: "lr", Values: []string{"0.001", "0.01", "0.1", "1", "5"}}},
		Fixed:     fixed("epochs", "60", "optimizer", "sgd", "clip", "none", "scaler", "zscore", "loss", "mse"),
	},
	{
		ID: "depth", Title: "Deeper and wider helps, but risks vanishing gradients",
		Statement: "Deeper and wider LSTMs help on complex tasks but raise the risk of vanishing gradients.",
		Sample:    "shop_sales",
		Axes:      []Axis{{Name: "layers", Values: []string{"1", "2", "3"}}, {Name: "hidden", Values: []string{"16", "64"}}},
		Fixed:     fixed("epochs", "30"),
	},
}

// ApplyFixed returns base with each one-value axis of fixed applied, as
// a grid's cells apply theirs.
func ApplyFixed(base config.Settings, fixed []Axis) (config.Settings, error) {
	for _, a := range fixed {
		if len(a.Values) != 1 {
			return base, fmt.Errorf("forecast: fixed setting %s needs exactly one value, has %d", a.Name, len(a.Values))
		}
		var err error
		if base, err = withSetting(base, a.Name, a.Values[0]); err != nil {
			return base, err
		}
	}
	return base, nil
}
