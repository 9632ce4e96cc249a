package ui

import (
	"embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// guides holds the Help ▸ Guide window's text (Markdown) in each language,
// guide/CODE.md: what each tab is for, how to read the accuracy figures,
// the intervals and the gradient charts, and the keyboard shortcuts.
//
//go:embed guide/*.md
var guides embed.FS

// guideText is the guide in the window's language (English when it has
// none).
func guideText() string {
	b, err := guides.ReadFile("guide/" + i18n.Lang() + ".md")
	if err != nil {
		b, _ = guides.ReadFile("guide/en.md")
	}
	return string(b)
}

// showGuide opens the guide in a window of its own, or brings it forward
// when it is open (UI goroutine).
func (u *UI) showGuide() {
	if u.guide != nil {
		u.guide.RequestFocus()
		return
	}
	rt := widget.NewRichTextFromMarkdown(guideText())
	rt.Wrapping = fyne.TextWrapWord
	w := u.App.NewWindow(i18n.T("Forecaster guide"))
	w.SetContent(container.NewVScroll(container.NewPadded(rt)))
	w.Resize(fyne.NewSize(680, 620))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	w.SetOnClosed(func() { u.guide = nil })
	u.guide = w
	u.guideText = rt
	w.Show()
}
