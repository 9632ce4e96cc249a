package config

import (
	"encoding"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/lstm"
)

// textEnum is what every enum value offers.
type textEnum interface {
	String() string
	encoding.TextMarshaler
}

// enumCase is one enum type seen through its text methods, values as ints.
type enumCase struct {
	names []string
	value func(i int) textEnum
	parse func(s string) (int, error)
	fresh func() encoding.TextUnmarshaler // a zeroed variable of the type
	read  func(u encoding.TextUnmarshaler) int
}

func caseOf[E interface {
	~int
	textEnum
}, P interface {
	*E
	encoding.TextUnmarshaler
}](t *enumNames[E], parse func(string) (E, error)) enumCase {
	return enumCase{
		names: t.names,
		value: func(i int) textEnum { return E(i) },
		parse: func(s string) (int, error) { e, err := parse(s); return int(e), err },
		fresh: func() encoding.TextUnmarshaler { var e E; return P(&e) },
		read:  func(u encoding.TextUnmarshaler) int { return int(*u.(P)) },
	}
}

func enumCases() map[string]enumCase {
	return map[string]enumCase{
		"Strategy":      caseOf(&strategyNames, ParseStrategy),
		"ScalerKind":    caseOf(&scalerNames, ParseScaler),
		"TransformKind": caseOf(&transformNames, ParseTransform),
		"AnchorKind":    caseOf(&anchorNames, ParseAnchor),
		"Loss":          caseOf(&lossNames, ParseLoss),
		"Optimizer":     caseOf(&optimizerNames, ParseOptimizer),
		"Schedule":      caseOf(&scheduleNames, ParseSchedule),
		"ClipMode":      caseOf(&clipNames, ParseClipMode),
		"Init":          caseOf(&initNames, ParseInit),
		"StopReason":    caseOf(&stopNames, ParseStopReason),
	}
}

// TestEnumsRoundTrip: every value of every enum goes to its name and back,
// through String, Parse, MarshalText/UnmarshalText and JSON; a value out of
// range prints as Type(n) and does not marshal.
func TestEnumsRoundTrip(t *testing.T) {
	for typ, c := range enumCases() {
		seen := map[string]bool{}
		for i, name := range c.names {
			v := c.value(i)
			if seen[name] {
				t.Errorf("%s: name %q twice", typ, name)
			}
			seen[name] = true
			if v.String() != name {
				t.Errorf("%s(%d).String() = %q; want %q", typ, i, v.String(), name)
			}
			if got, err := c.parse(name); err != nil || got != i {
				t.Errorf("Parse%s(%q) = %d, %v; want %d", typ, name, got, err, i)
			}
			b, err := v.MarshalText()
			if err != nil || string(b) != name {
				t.Errorf("%s(%d).MarshalText() = %q, %v", typ, i, b, err)
			}
			u := c.fresh()
			if err := u.UnmarshalText(b); err != nil || c.read(u) != i {
				t.Errorf("%s.UnmarshalText(%q) = %d, %v; want %d", typ, b, c.read(u), err, i)
			}
			j, err := json.Marshal(v)
			if want, _ := json.Marshal(name); err != nil || string(j) != string(want) {
				t.Errorf("json.Marshal(%s(%d)) = %s, %v; want %s", typ, i, j, err, want)
			}
			u = c.fresh()
			if err := json.Unmarshal(j, u); err != nil || c.read(u) != i {
				t.Errorf("json.Unmarshal(%s) into %s = %d, %v; want %d", j, typ, c.read(u), err, i)
			}
		}
		bad := c.value(len(c.names))
		if want := typ + "(" + strconv.Itoa(len(c.names)) + ")"; bad.String() != want {
			t.Errorf("out of range: String() = %q; want %q", bad.String(), want)
		}
		if _, err := bad.MarshalText(); err == nil {
			t.Errorf("%s(%d).MarshalText(): no error", typ, len(c.names))
		}
	}
}

// TestParseUnknownListsChoices: an unknown name is an error that names it
// and lists every accepted name; UnmarshalText leaves the value alone.
func TestParseUnknownListsChoices(t *testing.T) {
	for typ, c := range enumCases() {
		for _, bad := range []string{"bogus", strings.ToUpper(c.names[len(c.names)-1]), " " + c.names[1]} {
			_, err := c.parse(bad)
			if err == nil {
				t.Errorf("Parse%s(%q): no error", typ, bad)
				continue
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "forecast: unknown ") || !strings.Contains(msg, `"`+bad+`"`) {
				t.Errorf("Parse%s(%q) = %q; want it to name the value", typ, bad, msg)
			}
			for _, n := range c.names {
				if n != "" && !strings.Contains(msg, n) {
					t.Errorf("Parse%s(%q) = %q; does not list %q", typ, bad, msg, n)
				}
			}
		}
		u := c.fresh()
		if err := u.UnmarshalText([]byte(c.names[1])); err != nil {
			t.Fatal(err)
		}
		if err := u.UnmarshalText([]byte("bogus")); err == nil || c.read(u) != 1 {
			t.Errorf("%s.UnmarshalText(bogus) = %v and changed the value to %d", typ, err, c.read(u))
		}
	}
	if _, err := ParseClipMode("l2"); err == nil || err.Error() != `forecast: unknown clip mode "l2" (want none, norm or value)` {
		t.Errorf("ParseClipMode(l2) = %v", err)
	}
}

// TestEnumsAreLSTMNames: the names handed to lstm are names lstm accepts.
func TestEnumsAreLSTMNames(t *testing.T) {
	for _, i := range initNames.values() {
		cfg := lstm.DefaultConfig(1, 2, 1)
		cfg.InputInit, cfg.RecurrentInit = lstm.Init(i.String()), lstm.Init(i.String())
		if err := cfg.Validate(); err != nil {
			t.Errorf("init %s: %v", i, err)
		}
	}
	for _, l := range lossNames.values() {
		cfg := lstm.DefaultConfig(1, 2, 1)
		cfg.Loss = lstm.Loss(l.String())
		if err := cfg.Validate(); err != nil {
			t.Errorf("loss %s: %v", l, err)
		}
	}
	for _, o := range optimizerNames.values() {
		if err := (lstm.OptimConfig{Kind: o.String(), LR: 0.1}).Validate(); err != nil {
			t.Errorf("optimizer %s: %v", o, err)
		}
	}
	for _, c := range clipNames.values() {
		if err := (lstm.ClipConfig{Mode: c.String(), Max: 1}).Validate(); err != nil {
			t.Errorf("clip %s: %v", c, err)
		}
	}
}
