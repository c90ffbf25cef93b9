package geo

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// ParseCoordinates reads a position typed by a user and returns it as
// {lon, lat}. It accepts
//
//   - decimal degrees, latitude first: "16.27, -0.04", "16.27 -0.04",
//     "16,27; -0,04" (a semicolon allows decimal commas), "16,27 -0,04";
//   - hemisphere letters before or after each value, in either order:
//     "16.27N 0.04W", "N16.27 W0.04", "0.04W, 16.27N" (O for Ouest = west);
//   - degrees and minutes, with or without seconds: "16°16'N 0°02'W",
//     "16°16'12\"N, 0°2.4'W", "16 16 12 N 0 2 24 W", "16d16m N 0d02m W".
//
// Without hemisphere letters the first value is the latitude. Minutes and
// seconds are 0..<60, only the last part may have decimals, and a value has
// either a sign or a hemisphere letter, not both.
func ParseCoordinates(s string) (orb.Point, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return orb.Point{}, errors.New("no coordinates")
	}
	if len(s) > 200 {
		return orb.Point{}, errors.New("too long for coordinates")
	}
	toks, err := tokenize(s)
	if err != nil {
		return orb.Point{}, err
	}
	groups, err := splitGroups(toks)
	if err != nil {
		return orb.Point{}, err
	}
	var lat, lon float64
	var haveLat, haveLon bool
	for i, g := range groups {
		v, axis, err := g.value()
		if err != nil {
			return orb.Point{}, err
		}
		if axis == 0 { // no hemisphere: latitude first
			axis = 'N'
			if i == 1 {
				axis = 'E'
			}
		}
		if axis == 'N' {
			if haveLat {
				return orb.Point{}, errors.New("two latitudes (N/S) and no longitude")
			}
			lat, haveLat = v, true
		} else {
			if haveLon {
				return orb.Point{}, errors.New("two longitudes (E/W) and no latitude")
			}
			lon, haveLon = v, true
		}
	}
	if lat < -90 || lat > 90 {
		return orb.Point{}, fmt.Errorf("latitude %g is outside -90..90", lat)
	}
	if lon < -180 || lon > 180 {
		return orb.Point{}, fmt.Errorf("longitude %g is outside -180..180", lon)
	}
	return orb.Point{lon, lat}, nil
}

type tokKind uint8

const (
	tNum tokKind = iota
	tDeg
	tMin
	tSec
	tHem
	tSep // , or ;
	tGap // white space
)

type token struct {
	kind tokKind
	num  float64
	frac bool // the number has decimals
	sign bool // the number has a sign
	hem  byte // N, S, E, W
}

var decimalCommas = regexp.MustCompile(`^[-+]?\d+,\d+\s+[-+]?\d+,\d+$`)

func tokenize(s string) ([]token, error) {
	if strings.Contains(s, ";") || decimalCommas.MatchString(s) {
		// Decimal commas: "16,27; -0,04" or "16,27 -0,04".
		s = strings.ReplaceAll(s, ",", ".")
		s = strings.ReplaceAll(s, ";", ",")
	}
	var out []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f':
			if len(out) > 0 && out[len(out)-1].kind != tGap {
				out = append(out, token{kind: tGap})
			}
			i++
		case r == ',':
			out = append(out, token{kind: tSep})
			i++
		case r == '°' || r == 'º' || r == '˚' || r == 'd' || r == 'D':
			out = append(out, token{kind: tDeg})
			i++
		case r == '′' || r == '\'' || r == '’' || r == 'm' || r == 'M':
			if r == '\'' && i+1 < len(rs) && rs[i+1] == '\'' {
				out = append(out, token{kind: tSec})
				i += 2
				continue
			}
			out = append(out, token{kind: tMin})
			i++
		case r == '″' || r == '"' || r == '”' || r == 's' && afterMinutes(out):
			out = append(out, token{kind: tSec})
			i++
		case strings.ContainsRune("NnSsEeWwOo", r):
			h := byte(strings.ToUpper(string(r))[0])
			if h == 'O' {
				h = 'W' // ouest
			}
			out = append(out, token{kind: tHem, hem: h})
			i++
		case r == '-' || r == '+' || r == '−' || r == '.' || r >= '0' && r <= '9':
			j := i
			if r == '-' || r == '+' || r == '−' {
				j++
			}
			digits := 0
			for j < len(rs) && (rs[j] >= '0' && rs[j] <= '9' || rs[j] == '.') {
				if rs[j] != '.' {
					digits++
				}
				j++
			}
			text := strings.Replace(string(rs[i:j]), "−", "-", 1)
			v, err := strconv.ParseFloat(text, 64)
			if err != nil || digits == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, fmt.Errorf("%q is not a number", string(rs[i:j]))
			}
			out = append(out, token{kind: tNum, num: v, frac: strings.Contains(text, "."), sign: text[0] == '-' || text[0] == '+'})
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q in coordinates", string(r))
		}
	}
	if len(out) > 0 && out[len(out)-1].kind == tGap {
		out = out[:len(out)-1]
	}
	return out, nil
}

// afterMinutes reports whether the last unit sign was a minute sign: then a
// lower-case s is seconds, else south.
func afterMinutes(toks []token) bool {
	for i := len(toks) - 1; i >= 0; i-- {
		switch toks[i].kind {
		case tMin:
			return true
		case tDeg, tSec, tHem, tSep:
			return false
		}
	}
	return false
}

// group is the tokens of one of the two values.
type group []token

// splitGroups splits the tokens into the two values: at a comma; else at
// the hemisphere letters; else at the white space.
func splitGroups(toks []token) ([]group, error) {
	var seps, hems int
	for _, t := range toks {
		switch t.kind {
		case tSep:
			seps++
		case tHem:
			hems++
		}
	}
	var groups []group
	switch {
	case seps > 0:
		if seps > 1 {
			return nil, errors.New("more than one comma: give latitude, longitude")
		}
		groups = splitAt(toks, tSep)
	case hems > 0:
		if hems != 2 {
			return nil, errors.New("give a hemisphere letter to both values (N/S and E/W) or to none")
		}
		prefix := toks[0].kind == tHem
		cur := group{}
		for _, t := range toks {
			if prefix && t.kind == tHem && len(cur) > 0 {
				groups = append(groups, cur)
				cur = group{}
			}
			cur = append(cur, t)
			if !prefix && t.kind == tHem {
				groups = append(groups, cur)
				cur = group{}
			}
		}
		if len(cur) > 0 {
			if !prefix && len(trimGaps(cur)) > 0 {
				return nil, errors.New("something follows the last hemisphere letter")
			}
			if prefix {
				groups = append(groups, cur)
			}
		}
	default:
		groups = splitAt(toks, tGap)
	}
	if len(groups) != 2 {
		return nil, errors.New("need two values: latitude and longitude")
	}
	for i := range groups {
		groups[i] = trimGaps(groups[i])
	}
	return groups, nil
}

// splitAt splits toks into the groups between the tokens of kind sep.
func splitAt(toks []token, sep tokKind) []group {
	var groups []group
	cur := group{}
	for _, t := range toks {
		if t.kind == sep {
			groups = append(groups, cur)
			cur = group{}
		} else {
			cur = append(cur, t)
		}
	}
	return append(groups, cur)
}

func trimGaps(g group) group {
	var out group
	for _, t := range g {
		if t.kind != tGap {
			out = append(out, t)
		}
	}
	return out
}

// value is the group's value in degrees and its axis: 'N' (latitude), 'E'
// (longitude) or 0 when no hemisphere letter says.
func (g group) value() (float64, byte, error) {
	var hem byte
	var nums []token
	unit := -1 // the last unit seen: 0 degrees, 1 minutes, 2 seconds
	units := []int{}
	for i, t := range g {
		switch t.kind {
		case tHem:
			if hem != 0 {
				return 0, 0, errors.New("two hemisphere letters on one value")
			}
			if i != 0 && i != len(g)-1 {
				return 0, 0, errors.New("a hemisphere letter belongs before or after a value")
			}
			hem = t.hem
		case tNum:
			if len(nums) > len(units) {
				units = append(units, unit+1) // a number without a unit sign
				unit++
			}
			nums = append(nums, t)
		case tDeg, tMin, tSec:
			u := int(t.kind - tDeg)
			if len(nums) != len(units)+1 {
				return 0, 0, errors.New("a degree, minute or second sign without a number")
			}
			if u <= unit {
				return 0, 0, errors.New("degrees, minutes and seconds out of order")
			}
			units = append(units, u)
			unit = u
		}
	}
	if len(nums) == 0 {
		return 0, 0, errors.New("a value has no number")
	}
	if len(nums) > len(units) {
		units = append(units, unit+1)
	}
	if len(nums) > 3 || units[len(units)-1] > 2 {
		return 0, 0, errors.New("too many numbers in one value")
	}
	var v float64
	neg := false
	for i, n := range nums {
		if n.sign {
			if i > 0 {
				return 0, 0, errors.New("only the degrees may have a sign")
			}
			if hem != 0 {
				return 0, 0, errors.New("a value has a sign and a hemisphere letter: give one")
			}
			neg = n.num < 0
		}
		if n.frac && i < len(nums)-1 {
			return 0, 0, errors.New("only the last part (degrees, minutes or seconds) may have decimals")
		}
		a := math.Abs(n.num)
		switch units[i] {
		case 0:
			v += a
		case 1:
			if a >= 60 {
				return 0, 0, fmt.Errorf("%g minutes: minutes are 0..59", a)
			}
			v += a / 60
		case 2:
			if a >= 60 {
				return 0, 0, fmt.Errorf("%g seconds: seconds are 0..59", a)
			}
			v += a / 3600
		}
	}
	if units[0] != 0 {
		return 0, 0, errors.New("a value starts with its degrees")
	}
	if hem == 'S' || hem == 'W' {
		neg = true
	}
	if neg && v != 0 {
		v = -v
	}
	var axis byte
	switch hem {
	case 'N', 'S':
		axis = 'N'
	case 'E', 'W':
		axis = 'E'
	}
	return v, axis, nil
}

// FormatDMS writes p ({lon, lat}) as degrees, minutes and seconds with
// hemisphere letters, latitude first: 16°16′43.8″N 0°02′28.5″W.
func FormatDMS(p orb.Point) string {
	return dms(p[1], 'N', 'S') + " " + dms(p[0], 'E', 'W')
}

func dms(v float64, pos, neg byte) string {
	h := pos
	if v < 0 {
		h = neg
	}
	v = math.Abs(v)
	t := math.Round(v * 3600 * 10) // tenths of a second
	d := math.Floor(t / 36000)
	m := math.Floor((t - d*36000) / 600)
	sec := (t - d*36000 - m*600) / 10
	return fmt.Sprintf("%.0f°%02.0f′%04.1f″%c", d, m, sec, h)
}
