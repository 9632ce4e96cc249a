// Command icongen draws the application icon, Icon.png: a rounded tile with a
// seasonal history line that turns, at "now", into a forecast line inside a
// widening 80%/95% interval fan — what the app does, at a glance.
//
//	go run ./scripts/icongen -o Icon.png
package main

import (
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"math"
	"os"

	"golang.org/x/image/vector"
)

const size = 1024

func main() {
	out := flag.String("o", "Icon.png", "output PNG")
	flag.Parse()
	img := image.NewRGBA(image.Rect(0, 0, size, size))

	// Tile: rounded square with a vertical gradient, navy to teal.
	tile := rounded(48, 48, size-48, size-48, 190)
	grad := image.NewRGBA(img.Bounds())
	for y := 0; y < size; y++ {
		t := float64(y) / size
		c := color.RGBA{uint8(18 + 10*t), uint8(38 + 60*t), uint8(86 + 40*t), 255}
		for x := 0; x < size; x++ {
			grad.SetRGBA(x, y, c)
		}
	}
	fill(img, tile, grad)

	// The series: trend + season up to "now", then the forecast.
	const now = 0.62
	f := func(u float64) float64 { // u in [0,1] → y in pixels
		v := 0.25 + 0.45*u + 0.09*math.Sin(2*math.Pi*u*3.2) + 0.03*math.Sin(2*math.Pi*u*9)
		return size - (150 + v*560)
	}
	x := func(u float64) float32 { return float32(150 + u*(size-300)) }

	// Faint grid.
	for i := 1; i < 4; i++ {
		yy := float32(200 + i*170)
		fill(img, rect(150, yy-2, size-150, yy+2), image.NewUniform(uni(255, 255, 255, 28)))
	}

	// Interval fans: 95% then 80%, widening with the horizon.
	fan := func(width float64, c color.RGBA) {
		z := vector.NewRasterizer(size, size)
		z.MoveTo(x(now), float32(f(now)))
		const n = 40
		for i := 0; i <= n; i++ {
			u := now + (1-now)*float64(i)/n
			z.LineTo(x(u), float32(f(u)-width*(u-now)))
		}
		for i := n; i >= 0; i-- {
			u := now + (1-now)*float64(i)/n
			z.LineTo(x(u), float32(f(u)+width*(u-now)))
		}
		z.ClosePath()
		z.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
	}
	fan(900, uni(255, 170, 60, 70))
	fan(480, uni(255, 170, 60, 110))

	// "Now" divider.
	fill(img, rect(x(now)-3, 170, x(now)+3, size-150), image.NewUniform(uni(255, 255, 255, 90)))

	// History (white) and forecast (orange) polylines.
	stroke(img, f, x, 0, now, 30, uni(255, 255, 255, 255))
	stroke(img, f, x, now, 1, 30, uni(255, 178, 64, 255))
	// A dot at "now".
	dot(img, x(now), float32(f(now)), 34, uni(255, 255, 255, 255))

	w, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(w, img); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
}

func uni(r, g, b, a uint8) color.RGBA {
	// premultiplied alpha
	return color.RGBA{uint8(uint16(r) * uint16(a) / 255), uint8(uint16(g) * uint16(a) / 255), uint8(uint16(b) * uint16(a) / 255), a}
}

func fill(dst draw.Image, z *vector.Rasterizer, src image.Image) {
	z.Draw(dst, dst.Bounds(), src, image.Point{})
}

func rect(x0, y0, x1, y1 float32) *vector.Rasterizer {
	z := vector.NewRasterizer(size, size)
	z.MoveTo(x0, y0)
	z.LineTo(x1, y0)
	z.LineTo(x1, y1)
	z.LineTo(x0, y1)
	z.ClosePath()
	return z
}

func rounded(x0, y0, x1, y1, r float32) *vector.Rasterizer {
	z := vector.NewRasterizer(size, size)
	const k = 0.5523 // cubic approximation of a quarter circle
	z.MoveTo(x0+r, y0)
	z.LineTo(x1-r, y0)
	z.CubeTo(x1-r+r*k, y0, x1, y0+r-r*k, x1, y0+r)
	z.LineTo(x1, y1-r)
	z.CubeTo(x1, y1-r+r*k, x1-r+r*k, y1, x1-r, y1)
	z.LineTo(x0+r, y1)
	z.CubeTo(x0+r-r*k, y1, x0, y1-r+r*k, x0, y1-r)
	z.LineTo(x0, y0+r)
	z.CubeTo(x0, y0+r-r*k, x0+r-r*k, y0, x0+r, y0)
	z.ClosePath()
	return z
}

// stroke draws the curve between u0 and u1 as a chain of round-capped
// segments of the given width.
func stroke(img draw.Image, f func(float64) float64, x func(float64) float32, u0, u1 float64, width float32, c color.RGBA) {
	const n = 120
	for i := 0; i < n; i++ {
		a := u0 + (u1-u0)*float64(i)/n
		b := u0 + (u1-u0)*float64(i+1)/n
		seg(img, x(a), float32(f(a)), x(b), float32(f(b)), width, c)
	}
}

func seg(img draw.Image, ax, ay, bx, by, w float32, c color.RGBA) {
	dx, dy := bx-ax, by-ay
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	z := vector.NewRasterizer(size, size)
	z.MoveTo(ax+nx, ay+ny)
	z.LineTo(bx+nx, by+ny)
	z.LineTo(bx-nx, by-ny)
	z.LineTo(ax-nx, ay-ny)
	z.ClosePath()
	fill(img, z, image.NewUniform(c))
	dot(img, bx, by, w, c)
}

func dot(img draw.Image, cx, cy, d float32, c color.RGBA) {
	r := d / 2
	z := vector.NewRasterizer(size, size)
	const n = 24
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i) / n
		px, py := cx+r*float32(math.Cos(a)), cy+r*float32(math.Sin(a))
		if i == 0 {
			z.MoveTo(px, py)
		} else {
			z.LineTo(px, py)
		}
	}
	z.ClosePath()
	fill(img, z, image.NewUniform(c))
}
