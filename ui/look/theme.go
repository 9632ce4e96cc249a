package look

import (
	_ "embed"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

//go:embed fonts/NotoSansSC-Regular.subset.otf
var cjkRegular []byte

//go:embed fonts/NotoSansSC-Bold.subset.otf
var cjkBold []byte

var (
	cjkRegularRes = fyne.NewStaticResource("NotoSansSC-Regular.subset.otf", cjkRegular)
	cjkBoldRes    = fyne.NewStaticResource("NotoSansSC-Bold.subset.otf", cjkBold)
)

// Theme is Fyne's default theme with the Chinese font (CJK) and high
// contrast (Contrast) when asked for.
type Theme struct {
	CJK      bool // text in the Chinese font
	Contrast bool // the high-contrast colours and borders
}

var _ fyne.Theme = Theme{}

// Font returns the Chinese font when CJK is set — for monospace text too,
// whose Chinese words Fyne's monospace font cannot draw (its digits then
// are proportional) — and Fyne's font otherwise and for symbols.
func (t Theme) Font(s fyne.TextStyle) fyne.Resource {
	if t.CJK && !s.Symbol {
		if s.Bold {
			return cjkBoldRes
		}
		return cjkRegularRes
	}
	return theme.DefaultTheme().Font(s)
}

// Icon returns Fyne's icon.
func (t Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size returns Fyne's size, with a thicker input border in high contrast.
func (t Theme) Size(n fyne.ThemeSizeName) float32 {
	if t.Contrast {
		switch n {
		case theme.SizeNameInputBorder:
			return 2
		case theme.SizeNameSelectionRadius, theme.SizeNameInputRadius:
			return 0
		}
	}
	return theme.DefaultTheme().Size(n)
}

// Color returns Fyne's colour, or the high-contrast one.
func (t Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.Contrast {
		if c, ok := contrastColor(n, v == theme.VariantDark); ok {
			return c
		}
	}
	return theme.DefaultTheme().Color(n, v)
}

var (
	black = color.NRGBA{0, 0, 0, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// contrastColor is the high-contrast colour of n on a light (dark false)
// or dark background; ok is false for colours left as Fyne's.
func contrastColor(n fyne.ThemeColorName, dark bool) (c color.Color, ok bool) {
	bg, fg := white, black
	// focus and selection: orange, blended over the control's background
	// (Fyne draws the focus colour over a focused button or check), so
	// black text on it keeps ≥ 8:1
	strong := color.NRGBA{0xff, 0x8c, 0x00, 0xb0}
	primary := color.NRGBA{0x00, 0x33, 0x99, 0xff} // buttons and links: dark blue, 11.6:1 on white
	muted := color.NRGBA{0x55, 0x55, 0x55, 0xff}   // disabled and placeholder text: 7.5:1 on white, yet lighter than enabled text
	onPrimary := white
	if dark {
		bg, fg = black, white
		strong = color.NRGBA{0xff, 0xd7, 0x00, 0x50} // yellow over black: white text on it ≥ 7:1
		primary = color.NRGBA{0x66, 0xcc, 0xff, 0xff}
		muted = color.NRGBA{0x99, 0x99, 0x99, 0xff} // 7.4:1 on black
		onPrimary = black
	}
	switch n {
	case theme.ColorNameBackground, theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground,
		theme.ColorNameHeaderBackground:
		return bg, true
	case theme.ColorNameInputBackground: // a field stands out from the background
		return blend(bg, fg, 0.1), true
	case theme.ColorNameForeground, theme.ColorNameInputBorder, theme.ColorNameSeparator,
		theme.ColorNameScrollBar:
		return fg, true
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return muted, true
	case theme.ColorNameDisabledButton:
		return blend(bg, fg, 0.15), true
	case theme.ColorNameButton:
		return blend(bg, fg, 0.08), true
	case theme.ColorNameHover, theme.ColorNamePressed:
		return blend(bg, strong, 0.35), true
	case theme.ColorNameFocus, theme.ColorNameSelection:
		return strong, true
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return primary, true
	case theme.ColorNameForegroundOnPrimary:
		return onPrimary, true
	case theme.ColorNameShadow:
		return color.Transparent, true
	}
	return nil, false
}

// blend mixes b into a by t times b's alpha (opaque result).
func blend(a, b color.NRGBA, t float64) color.NRGBA {
	t *= float64(b.A) / 0xff
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}
