package view

import (
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
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
