package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"eleven runes", 10, "eleven ru…"},
		{"a\nb\tc\rd", 10, "a b c d"},
		{"\x1b[31mred\x1b[0m", 20, "\uFFFD[31mred\uFFFD[0m"},
		{"bad \xff byte", 20, "bad \uFFFD byte"},
		{"日本語のテキスト", 4, "日本語…"},
		{"", 5, ""},
		{"x", 0, ""},
	} {
		if got := Clip(c.in, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q; want %q", c.in, c.n, got, c.want)
		}
	}
}

func TestMessageBounded(t *testing.T) {
	// a model whose format field is 1 MB: the message quoting it stays short
	huge := strings.Repeat("A", 1<<20)
	err := fmt.Errorf("forecast: model file m.json: format %q is not a Forecaster model: %w", huge, errors.New("bad"))
	msg := Message(err)
	if n := utf8.RuneCountInString(msg); n > MaxMessage {
		t.Fatalf("Message has %d runes; want ≤ %d", n, MaxMessage)
	}
	if !strings.HasPrefix(msg, "model file m.json: format \"AAA") || !strings.HasSuffix(msg, "…") {
		t.Errorf("Message = %.60q…; want the prefix removed and a … at the end", msg)
	}
	if Message(nil) != "" {
		t.Error("Message(nil) is not empty")
	}
	if got := Message(errors.New("app: forecast: two prefixes")); got != "two prefixes" {
		t.Errorf("Message = %q", got)
	}
}
