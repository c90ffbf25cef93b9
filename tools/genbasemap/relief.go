package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"

	"maliatlas/geo"
)

// The relief rasters are a 0.02° plate carrée grid; the centre of their
// top-left pixel is (−17.99, 26.99) (relief_*.pgw).
const (
	reliefStep = 0.02
	reliefLon0 = -17.99
	reliefLat0 = 26.99
)

// ReliefWidths are the widths of the pyramid's levels, finest first: the
// finest keeps the source's 0.02° at the equator.
var reliefWidths = []int{1400, 700, 350}

// genRelief reprojects the hillshade (grey PNG) and the colour relief (JPEG)
// to Web Mercator over the extent, as a pyramid of halving sizes.
func genRelief(bm string, out map[string][]byte) error {
	hs, err := readPNG(filepath.Join(bm, "relief_hillshade.png"))
	if err != nil {
		return err
	}
	col, err := readPNG(filepath.Join(bm, "relief_color.png"))
	if err != nil {
		return err
	}
	x0, y0 := geo.Project(orb.Point{extent.Min[0], extent.Max[1]})
	x1, y1 := geo.Project(orb.Point{extent.Max[0], extent.Min[1]})
	w := reliefWidths[0]
	h := int(math.Round(float64(w) * (y1 - y0) / (x1 - x0)))
	grey := image.NewGray(image.Rect(0, 0, w, h))
	rgb := image.NewRGBA(image.Rect(0, 0, w, h))
	for j := 0; j < h; j++ {
		p := geo.Unproject(x0, y0+(float64(j)+0.5)/float64(h)*(y1-y0))
		v := (reliefLat0 - p[1]) / reliefStep
		for i := 0; i < w; i++ {
			lon := extent.Min[0] + (float64(i)+0.5)/float64(w)*(extent.Max[0]-extent.Min[0])
			u := (lon - reliefLon0) / reliefStep
			c := sample(hs, u, v)
			grey.Pix[j*grey.Stride+i] = c.R
			rgb.SetRGBA(i, j, sample(col, u, v))
		}
	}
	feather(grey, 200, 24)
	for lvl := range reliefWidths {
		if lvl > 0 {
			grey, rgb = halveGray(grey), halveRGBA(rgb)
		}
		var pb bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&pb, grey); err != nil {
			return err
		}
		out[fmt.Sprintf("hillshade.%d.png", lvl)] = pb.Bytes()
		var jb bytes.Buffer
		if err := jpeg.Encode(&jb, rgb, &jpeg.Options{Quality: 82}); err != nil {
			return err
		}
		out[fmt.Sprintf("relief.%d.jpg", lvl)] = jb.Bytes()
	}
	return nil
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// sample reads img bilinearly at (u, v) in pixel units (pixel centres at
// integers), edges clamped.
func sample(img image.Image, u, v float64) color.RGBA {
	b := img.Bounds()
	u = math.Max(0, math.Min(u, float64(b.Dx()-1)))
	v = math.Max(0, math.Min(v, float64(b.Dy()-1)))
	ix, iy := int(u), int(v)
	fx, fy := u-float64(ix), v-float64(iy)
	ix1, iy1 := min(ix+1, b.Dx()-1), min(iy+1, b.Dy()-1)
	at := func(x, y int) [3]float64 {
		r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
		return [3]float64{float64(r >> 8), float64(g >> 8), float64(bl >> 8)}
	}
	p00, p10, p01, p11 := at(ix, iy), at(ix1, iy), at(ix, iy1), at(ix1, iy1)
	var c [3]uint8
	for k := 0; k < 3; k++ {
		v := p00[k]*(1-fx)*(1-fy) + p10[k]*fx*(1-fy) + p01[k]*(1-fx)*fy + p11[k]*fx*fy
		c[k] = uint8(math.Round(v))
	}
	return color.RGBA{c[0], c[1], c[2], 255}
}

func halveGray(src *image.Gray) *image.Gray {
	w, h := src.Rect.Dx()/2, src.Rect.Dy()/2
	dst := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s := int(src.GrayAt(2*x, 2*y).Y) + int(src.GrayAt(2*x+1, 2*y).Y) + int(src.GrayAt(2*x, 2*y+1).Y) + int(src.GrayAt(2*x+1, 2*y+1).Y)
			dst.Pix[y*dst.Stride+x] = uint8((s + 2) / 4)
		}
	}
	return dst
}

func halveRGBA(src *image.RGBA) *image.RGBA {
	w, h := src.Rect.Dx()/2, src.Rect.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			for k := 0; k < 4; k++ {
				s := int(src.Pix[(2*y)*src.Stride+(2*x)*4+k]) + int(src.Pix[(2*y)*src.Stride+(2*x+1)*4+k]) +
					int(src.Pix[(2*y+1)*src.Stride+(2*x)*4+k]) + int(src.Pix[(2*y+1)*src.Stride+(2*x+1)*4+k])
				dst.Pix[y*dst.Stride+x*4+k] = uint8((s + 2) / 4)
			}
		}
	}
	return dst
}

// feather fades the hillshade to flat ground over the n pixels along its
// edges, so the end of the elevation data (lon 10, lat 27) shows no step.
func feather(g *image.Gray, flat, n int) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			d := min(x, y, w-1-x, h-1-y)
			if d >= n {
				continue
			}
			k := float64(d) / float64(n)
			v := float64(g.Pix[y*g.Stride+x])
			g.Pix[y*g.Stride+x] = uint8(math.Round(float64(flat) + (v-float64(flat))*k))
		}
	}
}
