package ui

import "testing"

// TestExperimentPresets: a preset fills the grid with the article's
// experiment and clears the axes it does not use.
func TestExperimentPresets(t *testing.T) {
	u := newTestUI(t, nil)
	e := u.Exp
	e.Presets.SetSelected("Claim: deeper and wider helps, but gradients vanish")
	if e.AxisSelect[0].Selected != "layers" || e.AxisValues[0].Text != "1, 2, 3" {
		t.Errorf("axis 1 = %s %q; want layers 1, 2, 3", e.AxisSelect[0].Selected, e.AxisValues[0].Text)
	}
	if e.AxisSelect[1].Selected != "hidden" || e.AxisSelect[2].Selected != noAxis {
		t.Errorf("axes 2 and 3 = %s, %s; want hidden and not varied", e.AxisSelect[1].Selected, e.AxisSelect[2].Selected)
	}
	e.Presets.SetSelected("Claim: clipping nearly removes divergence")
	if e.AxisSelect[2].Selected != "optimizer" || e.AxisValues[2].Text != "sgd" {
		t.Errorf("axis 3 = %s %q; want optimizer sgd", e.AxisSelect[2].Selected, e.AxisValues[2].Text)
	}
}
