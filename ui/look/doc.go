// Package look is the window's theme: Fyne's default theme, with the
// Chinese font when the window speaks Chinese, and a high-contrast variant.
//
// # Chinese font
//
// Fyne's bundled font (Noto Sans) has no CJK glyphs, and a system may have
// no CJK font for Fyne to fall back on, so Forecaster ships one:
// fonts/NotoSansSC-Regular.subset.otf and -Bold, Noto Sans CJK SC cut to the
// characters of GB 2312 level 1 (3,755 common hanzi), CJK punctuation and
// every character of the translations (scripts/cjkfont.py regenerates it;
// TestFontCoversTranslations fails when a translation uses a character the
// font lacks). Licence: SIL Open Font License 1.1, fonts/OFL.txt. The
// theme uses it as the text font only when the language is Chinese; a
// glyph it lacks falls back to Fyne's font and then to the system's.
//
// # High contrast
//
// View → High contrast: black text on white (white on black in the dark
// variant), black borders and separators, disabled and placeholder text
// dark enough to read (contrast ratio ≥ 7:1, WCAG AAA), and a strong
// focus and selection colour (orange on white, yellow on black) with a
// thicker input border so the focused control is seen at a glance.
//
// Text scaling (FYNE_SCALE, or Fyne's settings) needs nothing here: Fyne
// multiplies every size of the theme.
//
// # The View menu
//
// Apply sets the language and theme from the preferences when the window
// is built; Menu is the View menu that changes them: Language (System,
// English, 简体中文, Deutsch; stored, from the next start) and High
// contrast (stored, at once).
package look
