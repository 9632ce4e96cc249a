package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TestGuide: F1 and Help ▸ Guide open one guide window whose text explains
// the tabs, the accuracy measures, the intervals, the gradient charts and
// the shortcuts; Esc closes it.
func TestGuide(t *testing.T) {
	u := newTestUI(t, nil)
	var item *fyne.MenuItem
	for _, m := range u.Window().MainMenu().Items {
		if m.Label == "Help" {
			for _, it := range m.Items {
				if it.Label == "Guide" {
					item = it
				}
			}
		}
	}
	if item == nil {
		t.Fatal("no Help ▸ Guide menu item")
	}
	typed := u.Window().Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()
	act(u, func() { typed(&fyne.KeyEvent{Name: fyne.KeyF1}) })
	if u.guide == nil {
		t.Fatal("F1 opened no guide")
	}
	first := u.guide
	act(u, item.Action)
	if u.guide != first {
		t.Error("the menu item opened a second guide window")
	}
	text := richText(u.guideText.Segments)
	for _, want := range []string{"Data", "Settings", "Training", "Forecast", "Compare", "Experiments",
		"MASE", "sMAPE", "recommended forecast", "80 % and 95 % intervals", "Gradient norm", "Norms histogram", "Heat map", "Ctrl+Enter", "F1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the guide does not mention %q", want)
		}
	}
	if s := u.guide.Content().MinSize(); s.Width > 680 || s.Height > 620 {
		t.Errorf("the guide needs %v; it must scroll inside 680×620", s)
	}
	act(u, func() {
		u.guide.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	})
	if u.guide != nil {
		t.Error("Esc did not close the guide")
	}
}

// richText is the text of segs, lists and paragraphs included.
func richText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ListSegment:
			b.WriteString(richText(s.Items))
		case *widget.ParagraphSegment:
			b.WriteString(richText(s.Texts))
		default:
			b.WriteString(s.Textual())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestGuideTranslations: the Chinese and German guides have the English
// one's shape — the same headings and list items, the same number of
// bold terms — and keep its names and keys (MASE, sMAPE, Alt+1 … F1), so a
// section added in English and not translated fails here.
func TestGuideTranslations(t *testing.T) {
	shape := func(code string) (heads, items, bold int, text string) {
		b, err := guides.ReadFile("guide/" + code + ".md")
		if err != nil {
			t.Fatal(err)
		}
		text = string(b)
		for _, l := range strings.Split(text, "\n") {
			switch {
			case strings.HasPrefix(l, "#"):
				heads++
			case strings.HasPrefix(l, "- "):
				items++
			}
		}
		return heads, items, strings.Count(text, "**") / 2, text
	}
	h, i, b, _ := shape("en")
	for _, code := range []string{"zh", "de"} {
		hc, ic, bc, text := shape(code)
		if hc != h || ic != i || bc != b {
			t.Errorf("%s guide: %d headings, %d list items, %d bold terms; English has %d, %d, %d", code, hc, ic, bc, h, i, b)
		}
		for _, want := range []string{"MASE", "sMAPE", "MAE, RMSE", "ETS", "LSTM", "Alt+1", "Alt+6", "F1", "Esc", "95"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s guide lacks %q", code, want)
			}
		}
	}
}
