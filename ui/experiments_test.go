package ui

import (
	"strings"
	"testing"
)

// TestExperimentPresets: a preset fills the grid with the article's
// experiment and clears the axes it does not use.
func TestExperimentPresets(t *testing.T) {
	u := newTestUI(t, nil)
	e := u.Exp
	e.Presets.SetSelected("Claim: Deeper and wider helps, but risks vanishing gradients")
	if e.AxisSelect[0].Selected != "layers" || e.AxisValues[0].Text != "1, 2, 3" {
		t.Errorf("axis 1 = %s %q; want layers 1, 2, 3", e.AxisSelect[0].Selected, e.AxisValues[0].Text)
	}
	if e.AxisSelect[1].Selected != "hidden" || e.AxisSelect[2].Selected != noAxis {
		t.Errorf("axes 2 and 3 = %s, %s; want hidden and not varied", e.AxisSelect[1].Selected, e.AxisSelect[2].Selected)
	}
	e.Presets.SetSelected("Claim: Gradient clipping nearly removes divergence")
	if e.AxisSelect[2].Selected != noAxis {
		t.Errorf("axis 3 = %s; want not varied", e.AxisSelect[2].Selected)
	}
	var fixed []string
	for _, a := range e.fixed {
		fixed = append(fixed, a.Name+"="+a.Values[0])
	}
	if got := strings.Join(fixed, " "); !strings.Contains(got, "optimizer=sgd") || !strings.Contains(got, "loss=mse") {
		t.Errorf("the clipping preset fixes %q; want optimizer=sgd and loss=mse among them", got)
	}
}
