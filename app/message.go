package app

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxMessage is the longest message, in runes, that Message and Clip return.
// Errors can quote file content (a model's format field, a CSV cell); a
// dialog lays out 10 KB of text in over a second and 100 KB in minutes, and
// a terminal line of thousands of characters helps nobody.
const MaxMessage = 300

// Message returns err's text for a person: one line, the internal package
// prefixes ("forecast: ", "app: " …) removed, control characters made
// visible, at most MaxMessage runes (cut with "…"). It returns "" for nil.
func Message(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	for {
		trimmed := msg
		for _, p := range []string{"forecaster: ", "forecast: ", "tsdata: ", "classic: ", "experiment: ", "fileio: ", "app: ", "lstm: ", "chart: ", "report: "} {
			trimmed = strings.TrimPrefix(trimmed, p)
		}
		if trimmed == msg {
			break
		}
		msg = trimmed
	}
	return Clip(msg, MaxMessage)
}

// Clip returns s on one line with control characters (escape codes, tabs,
// newlines) replaced by printable ones — a newline or tab becomes a space,
// any other control character U+FFFD — cut to at most n runes, the last
// being "…" when it was cut. Invalid UTF-8 becomes U+FFFD.
func Clip(s string, n int) string {
	if n < 1 {
		return ""
	}
	var b strings.Builder
	count := 0
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				r = unicode.ReplacementChar
			}
		}
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			r = ' '
		case unicode.IsControl(r):
			r = unicode.ReplacementChar
		}
		if count == n-1 && i+utf8.RuneLen(r) < len(s) {
			// one rune of room left and more text follows
			rest := s[i:]
			if utf8.RuneCountInString(rest) > 1 {
				b.WriteRune('…')
				return b.String()
			}
		}
		b.WriteRune(r)
		count++
		if count >= n {
			break
		}
	}
	return b.String()
}
