package experiment

import (
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
)

// TestClaims: every claim's fixed settings apply and give a valid grid on
// the defaults, and ApplyFixed refuses an axis that is not one value.
func TestClaims(t *testing.T) {
	for _, c := range Claims {
		base, err := ApplyFixed(config.DefaultSettings(), c.Fixed)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		if base.Patience != 0 || base.Schedule != config.ScheduleConstant || base.Epochs < 30 {
			t.Errorf("%s: patience %d, schedule %s, epochs %d; want 0, constant, ≥ 30", c.ID, base.Patience, base.Schedule, base.Epochs)
		}
		if _, err := (Spec{Base: base, Axes: c.Axes, Seeds: 1}).Cells(); err != nil {
			t.Errorf("%s: %v", c.ID, err)
		}
	}
	if _, err := ApplyFixed(config.DefaultSettings(), []Axis{{Name: "lr", Values: []string{"0.1", "1"}}}); err == nil {
		t.Error("ApplyFixed took two values for one setting")
	}
	if _, err := ApplyFixed(config.DefaultSettings(), []Axis{{Name: "bogus", Values: []string{"1"}}}); err == nil {
		t.Error("ApplyFixed took an unknown setting")
	}
}
