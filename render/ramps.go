package render

import (
	"image/color"
	"math"
)

// Ramp is a sequential colour ramp that reads for colour-blind viewers and
// in grey: viridis, cividis or magma (matplotlib's, sampled at even steps).
type Ramp struct {
	Name  string
	stops []color.NRGBA
}

func hexRGB(v uint32) color.NRGBA { return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255} }

func ramp(name string, vs ...uint32) Ramp {
	r := Ramp{Name: name}
	for _, v := range vs {
		r.stops = append(r.stops, hexRGB(v))
	}
	return r
}

// The ramps; RampNamed finds one by name.
var (
	Viridis = ramp("viridis", 0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725)
	Cividis = ramp("cividis", 0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c, 0xe4cf5b, 0xfee838)
	Magma   = ramp("magma", 0x000004, 0x180f3d, 0x440f76, 0x721f81, 0x9e2f7f, 0xcd4071, 0xf1605d, 0xfd9668, 0xfeca8d, 0xfcfdbf)
)

// RampNames lists the ramps a user can choose.
var RampNames = []string{"viridis", "cividis", "magma"}

// RampNamed returns the ramp called name (viridis when unknown).
func RampNamed(name string) Ramp {
	switch name {
	case "cividis":
		return Cividis
	case "magma":
		return Magma
	}
	return Viridis
}

// At is the colour at t in [0, 1] (clamped), interpolated between stops.
func (r Ramp) At(t float64) color.NRGBA {
	if math.IsNaN(t) {
		t = 0
	}
	t = math.Max(0, math.Min(1, t))
	f := t * float64(len(r.stops)-1)
	i := int(f)
	if i >= len(r.stops)-1 {
		return r.stops[len(r.stops)-1]
	}
	u := f - float64(i)
	a, b := r.stops[i], r.stops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + u*(float64(y)-float64(x)))) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255}
}
