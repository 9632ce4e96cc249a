package look

import (
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
)

// chartTypeface is the Chinese font's name in gonum/plot's font cache.
const chartTypeface = "Noto Sans CJK SC"

var (
	latinOnce      sync.Once
	latinChartFont font.Font // the default font before the first call (package chart's: Liberation Sans)
)

// UseChartFont makes the charts (drawn by gonum/plot, which has no font
// fallback) use the Chinese font when cjk is set, so translated titles and
// labels render, and the default font otherwise. Call it before charts are
// drawn: it sets gonum/plot's default font for the whole process.
func UseChartFont(cjk bool) {
	latinOnce.Do(func() { latinChartFont = plot.DefaultFont })
	if !cjk {
		plot.DefaultFont = latinChartFont
		return
	}
	var coll font.Collection
	for _, f := range []struct {
		data   []byte
		weight xfont.Weight
	}{{cjkRegular, xfont.WeightNormal}, {cjkBold, xfont.WeightBold}} {
		face, err := opentype.Parse(f.data)
		if err != nil {
			panic("look: embedded font: " + err.Error()) // TestChartFont parses them
		}
		// package chart asks for the "Sans" variant by name in places
		for _, variant := range []font.Variant{"", "Sans"} {
			coll = append(coll, font.Face{Font: font.Font{Typeface: chartTypeface, Variant: variant, Weight: f.weight}, Face: face})
		}
	}
	font.DefaultCache.Add(coll)
	plot.DefaultFont = font.Font{Typeface: chartTypeface}
}
