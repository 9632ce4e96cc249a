package experiment

import (
	"reflect"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
)

// TestParseAxis: flag names with dashes, spaces and empty values are
// tidied; an unknown setting or a value not of the setting's kind is an
// error naming it.
func TestParseAxis(t *testing.T) {
	a, err := ParseAxis(" recurrent-init = pytorch, orthogonal ,")
	if err != nil || !reflect.DeepEqual(a, Axis{Name: "recurrent_init", Values: []string{"pytorch", "orthogonal"}}) {
		t.Errorf("ParseAxis = %+v, %v", a, err)
	}
	for in, msg := range map[string]string{
		"lr":               "write setting=value1,value2",
		"=1,2":             "write setting=value1,value2",
		"bogus=1":          `"bogus" is not a setting`,
		"lr=0.1,fast":      `setting lr: "fast" is not a number`,
		"layers=1.5":       `setting layers: "1.5" is not a whole number`,
		"layernorm=yes":    `setting layernorm: "yes" is not true or false`,
		"clip=none,l2":     `setting clip: "l2" is not one of none, norm, value`,
		"inits=pytorch,he": `setting init: "he" is not one of xavier_uniform, xavier_normal, he_uniform, he_normal, orthogonal, pytorch`,
	} {
		if _, err := ParseAxis(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseAxis(%q) = %v; want an error saying %q", in, err, msg)
		}
	}
}

// TestCellsSetByName: each cell holds the base settings with its axis
// values set through the field table, of every kind; "inits" sets both
// initialisers.
func TestCellsSetByName(t *testing.T) {
	base := config.DefaultSettings()
	spec := Spec{Base: base, Seeds: 1, Axes: []Axis{
		{Name: "inits", Values: []string{"pytorch", "he_normal"}},
		{Name: "layernorm", Values: []string{"true"}},
		{Name: "lr", Values: []string{"0.02"}},
	}}
	cells, err := spec.Cells()
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) != 2 {
		t.Fatalf("%d cells; want 2", len(cells))
	}
	for i, init := range []config.Init{config.InitPyTorch, config.InitHeNormal} {
		want := base
		want.Init, want.RecurrentInit, want.LayerNorm, want.LR = init, init, true, 0.02
		if cells[i].Settings != want {
			t.Errorf("cell %s: %+v; want %+v", cells[i].Name(spec.Axes), cells[i].Settings, want)
		}
	}
	fixed, err := ApplyFixed(base, []Axis{{Name: "seed", Values: []string{"7"}}, {Name: "hidden", Values: []string{"5000"}}})
	if err != nil || fixed.Seed != 7 || fixed.Hidden != 5000 {
		t.Errorf("ApplyFixed = %+v, %v", fixed, err)
	}
	// A value of the right kind but out of range is the cell's validation error.
	spec.Axes = []Axis{{Name: "hidden", Values: []string{"16", "5000"}}}
	if _, err := spec.Cells(); err == nil || !strings.Contains(err.Error(), "cell hidden=5000") || !strings.Contains(err.Error(), "use 1 to 1024") {
		t.Errorf("Cells with hidden 5000 = %v", err)
	}
}
