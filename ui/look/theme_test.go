package look

import (
	"encoding/json"
	"image/color"
	"math"
	"os"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/forecaster-dev/forecaster/ui/chart"
)

// TestFontCoversTranslations: every character of the Chinese translations
// and of the Chinese guide has a glyph in both embedded fonts or in Fyne's, which Fyne falls back
// to (scripts/cjkfont.py cuts them to GB 2312 level 1 plus these
// characters: run it again after adding a translation that uses a rarer
// one).
func TestFontCoversTranslations(t *testing.T) {
	data, err := os.ReadFile("../i18n/translations/zh_Hans.json")
	if err != nil {
		t.Fatal(err)
	}
	var texts map[string]string
	if err := json.Unmarshal(data, &texts); err != nil {
		t.Fatal(err)
	}
	guide, err := os.ReadFile("../guide/zh.md") // Help ▸ Guide in Chinese
	if err != nil {
		t.Fatal(err)
	}
	texts["the guide (ui/guide/zh.md)"] = string(guide)
	fallback, err := sfnt.Parse(theme.DefaultTextFont().Content())
	if err != nil {
		t.Fatal(err)
	}
	for name, font := range map[string][]byte{"regular": cjkRegular, "bold": cjkBold} {
		f, err := sfnt.Parse(font)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var buf sfnt.Buffer
		missing := map[rune]string{}
		for key, s := range texts {
			for _, r := range s {
				if unicode.IsSpace(r) {
					continue
				}
				if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
					if g, err := fallback.GlyphIndex(&buf, r); err != nil || g == 0 {
						missing[r] = key
					}
				}
			}
		}
		for r, key := range missing {
			t.Errorf("%s font has no glyph for %q (U+%04X), used by the translation of %q", name, r, r, key)
		}
		// And the common hanzi beyond the translations: 的 (U+7684) is
		// GB 2312 level 1, 々 is not Chinese.
		for _, r := range "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严" {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Errorf("%s font has no glyph for the common hanzi %q", name, r)
			}
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over composites c (with its alpha) over the opaque bg, as Fyne draws the
// focus colour over a focused control.
func over(c, bg color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(n.A) / 0xff
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*a + float64(y)*(1-a) + 0.5) }
	return color.NRGBA{mix(n.R, b.R), mix(n.G, b.G), mix(n.B, b.B), 0xff}
}

// TestContrastTheme: in both variants, text, placeholder and disabled text
// reach WCAG AAA (7:1) against the background, text stays readable (7:1)
// on a focused or selected control, and the focus is seen: its colour
// differs from the background by at least 1.3:1 and the input border
// (black or white) by 3:1, as WCAG asks of a focus indicator and a control.
func TestContrastTheme(t *testing.T) {
	th := Theme{Contrast: true}
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v.variant) }
		bg := c(theme.ColorNameBackground)
		fg := c(theme.ColorNameForeground)
		for _, n := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNamePlaceHolder, theme.ColorNameDisabled, theme.ColorNamePrimary} {
			if r := contrast(c(n), bg); r < 7 {
				t.Errorf("%s: %s on the background %.1f:1; want ≥ 7", v.name, n, r)
			}
		}
		for _, n := range []fyne.ThemeColorName{theme.ColorNameFocus, theme.ColorNameSelection, theme.ColorNameHover} {
			on := over(c(n), bg)
			if r := contrast(fg, on); r < 7 {
				t.Errorf("%s: text on %s %.1f:1; want ≥ 7", v.name, n, r)
			}
			onButton := over(c(n), c(theme.ColorNameButton))
			if r := contrast(fg, onButton); r < 7 {
				t.Errorf("%s: text on a button under %s %.1f:1; want ≥ 7", v.name, n, r)
			}
		}
		if r := contrast(over(c(theme.ColorNameFocus), bg), bg); r < 1.3 {
			t.Errorf("%s: focus against the background %.2f:1; want ≥ 1.3", v.name, r)
		}
		if r := contrast(fg, c(theme.ColorNameInputBackground)); r < 7 {
			t.Errorf("%s: text in a field %.1f:1; want ≥ 7", v.name, r)
		}
		if c(theme.ColorNameInputBackground) == bg {
			t.Errorf("%s: fields have the background's colour", v.name)
		}
		if r := contrast(c(theme.ColorNameInputBorder), bg); r < 3 {
			t.Errorf("%s: input border %.1f:1; want ≥ 3", v.name, r)
		}
		if r := contrast(c(theme.ColorNameForegroundOnPrimary), c(theme.ColorNamePrimary)); r < 7 {
			t.Errorf("%s: text on primary buttons %.1f:1; want ≥ 7", v.name, r)
		}
	}
}

// TestChartFont: the charts measure Chinese text with the Chinese font
// (gonum/plot drops a glyph its font lacks, so with its default font a
// Chinese title would measure as its Latin letters alone), and go back to
// the default font.
func TestChartFont(t *testing.T) {
	defer UseChartFont(false)
	title := "验证损失 loss"
	width := func() vg.Length {
		f := plot.DefaultFont
		f.Size = 12
		w, _, _ := plot.DefaultTextHandler.Box(title, f)
		return w
	}
	UseChartFont(false)
	latin := width()
	UseChartFont(true)
	if plot.DefaultFont.Typeface != chartTypeface {
		t.Fatalf("DefaultFont = %v; want %s", plot.DefaultFont, chartTypeface)
	}
	cjk := width()
	if cjk <= latin {
		t.Errorf("width of %q: %v with the Chinese font, %v with Liberation; want wider (4 hanzi drawn)", title, cjk, latin)
	}
	UseChartFont(false)
	if plot.DefaultFont != latinChartFont {
		t.Errorf("DefaultFont = %v after UseChartFont(false)", plot.DefaultFont)
	}
}

// TestChartMessageInChinese: the charts' messages ("the loss appears when
// the first epoch ends") are drawn in the Chinese font too. They were
// labels in plotter's own default font, which has no hanzi, and showed
// nothing in Chinese (seen under Xvfb).
func TestChartMessageInChinese(t *testing.T) {
	defer UseChartFont(false)
	UseChartFont(true)
	inked := func(msg string) int {
		img := chart.Render(chart.Message(chart.Dark(), "", msg), 400, 250, 1)
		bg := img.At(0, 0)
		n := 0
		for y := 60; y < 190; y++ {
			for x := 0; x < 400; x++ {
				if img.At(x, y) != bg {
					n++
				}
			}
		}
		return n
	}
	if empty, zh := inked(""), inked("第一个周期结束时显示损失"); zh < empty+200 {
		t.Errorf("a Chinese message inked %d pixels, an empty one %d: its glyphs are not drawn", zh, empty)
	}
}
