package events

import (
	"strings"
	"time"
)

// Day is a date as days since 1970-01-01.
type Day = int32

// DayOf returns the Day of a calendar date.
func DayOf(y, m, d int) Day {
	return Day(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DayTime is the UTC midnight of d.
func DayTime(d Day) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// FormatDay writes d as YYYY-MM-DD.
func FormatDay(d Day) string { return DayTime(d).Format("2006-01-02") }

var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	// French, as some exports are localised.
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
	"juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
	"décembre": 12, "decembre": 12,
}

// ParseDate reads the date forms event sources use: 2023-03-15 (with an
// optional time after it, as UCDP's "2023-03-15 00:00:00.000"), 2023/03/15,
// 15 March 2023, 15-March-2023, 15 Mar 2023, a bare year 2023 (its first
// day). It reports false for anything else, including impossible dates.
func ParseDate(b []byte) (Day, bool) {
	// Trim spaces.
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	if len(b) >= 10 && digits(b[0:4]) && (b[4] == '-' || b[4] == '/') && b[7] == b[4] && digits(b[5:7]) && digits(b[8:10]) {
		if len(b) > 10 && b[10] != ' ' && b[10] != 'T' {
			return 0, false
		}
		return mkDay(num(b[0:4]), num(b[5:7]), num(b[8:10]))
	}
	if len(b) == 4 && digits(b) {
		return mkDay(num(b), 1, 1)
	}
	// D Month YYYY with spaces or dashes.
	i := 0
	for i < len(b) && i < 2 && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i == 0 || i >= len(b) || (b[i] != ' ' && b[i] != '-') {
		return 0, false
	}
	d := num(b[:i])
	rest := b[i+1:]
	j := len(rest) - 1
	for j >= 0 && rest[j] >= '0' && rest[j] <= '9' {
		j--
	}
	if j < 0 || len(rest)-j-1 != 4 || (rest[j] != ' ' && rest[j] != '-') {
		return 0, false
	}
	y := num(rest[j+1:])
	name := rest[:j]
	var low [16]byte
	if len(name) > len(low) {
		return 0, false
	}
	for k, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[k] = c
	}
	m, ok := monthNames[string(low[:len(name)])]
	if !ok {
		// Accented French names in upper case ("FÉVRIER").
		if m, ok = monthNames[strings.ToLower(string(name))]; !ok {
			return 0, false
		}
	}
	return mkDay(y, m, d)
}

func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

func num(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

var monthDays = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func mkDay(y, m, d int) (Day, bool) {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > monthDays[m] {
		return 0, false
	}
	if m == 2 && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return 0, false
	}
	return civilDays(y, m, d), true
}

// civilDays is days since 1970-01-01 of a proleptic Gregorian date (Howard
// Hinnant's algorithm; no allocation, unlike time.Date).
func civilDays(y, m, d int) Day {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}
