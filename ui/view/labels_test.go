package view

import (
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/global"
)

// TestMethodLabels: every method has its own label (a missing one put
// several methods' curves under the same empty legend entry).
func TestMethodLabels(t *testing.T) {
	seen := map[string]string{}
	for _, m := range forecast.Methods {
		l := MethodLabels[m]
		if l == "" {
			t.Errorf("method %s has no label", m)
		}
		if o, dup := seen[l]; dup {
			t.Errorf("methods %s and %s share the label %q", o, m, l)
		}
		seen[l] = m
	}
}

// TestPanelChoiceLabels: the choice of a global run is named by its
// parts' labels in the Forecast tab's title ("global+auto_ets" read
// "global + ETS (auto, AICc)", the CLI's key for its first part).
func TestPanelChoiceLabels(t *testing.T) {
	for m, want := range map[string]string{
		global.MethodGlobal: "Global LSTM",
		global.MethodBlend:  "Global LSTM + ETS (auto, AICc)",
		global.MethodBlend3: "Global LSTM + ETS (auto, AICc) + Theta",
	} {
		if got := BlendLabel(m); got != want {
			t.Errorf("BlendLabel(%q) = %q; want %q", m, got, want)
		}
	}
}
