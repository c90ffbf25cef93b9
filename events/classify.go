package events

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

func sortCounts(c []AreaCount) {
	slices.SortFunc(c, func(a, b AreaCount) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// Classes are class limits: class k holds values in (Limits[k], Limits[k+1]]
// (the first class also holds Limits[0]).
type Classes struct {
	Method string // "quantiles" or "natural breaks"
	Limits []float64
}

// Len is the number of classes.
func (c Classes) Len() int { return max(0, len(c.Limits)-1) }

// Of returns the class of v (0 … Len-1).
func (c Classes) Of(v float64) int {
	n := c.Len()
	if n == 0 {
		return 0
	}
	k, _ := slices.BinarySearch(c.Limits[1:n], v) // first limit ≥ v
	return min(k, n-1)
}

// Quantiles cuts values into up to k classes holding about as many values
// each; classes that would be empty (ties) are merged.
func Quantiles(values []float64, k int) Classes {
	s := slices.Clone(values)
	slices.Sort(s)
	c := Classes{Method: "quantiles"}
	if len(s) == 0 || k < 1 {
		return c
	}
	c.Limits = append(c.Limits, s[0])
	for j := 1; j <= k; j++ {
		v := s[min(len(s)-1, int(math.Ceil(float64(j)*float64(len(s))/float64(k)))-1)]
		if v > c.Limits[len(c.Limits)-1] {
			c.Limits = append(c.Limits, v)
		}
	}
	if len(c.Limits) == 1 {
		c.Limits = append(c.Limits, s[0])
	}
	return c
}

// NaturalBreaks cuts values into up to k classes with Jenks' method
// (minimum variance within classes, exact dynamic programming). Above 2000
// values it works on 2000 evenly spaced order statistics.
func NaturalBreaks(values []float64, k int) Classes {
	s := slices.Clone(values)
	slices.Sort(s)
	c := Classes{Method: "natural breaks"}
	if len(s) == 0 || k < 1 {
		return c
	}
	if len(s) > 2000 {
		sample := make([]float64, 2000)
		for i := range sample {
			sample[i] = s[i*(len(s)-1)/1999]
		}
		s = sample
	}
	distinct := slices.Compact(slices.Clone(s))
	k = min(k, len(distinct))
	if k <= 1 {
		return Classes{Method: c.Method, Limits: []float64{s[0], s[len(s)-1]}}
	}
	n := len(s)
	// Prefix sums for the variance of s[i:j].
	sum, sq := make([]float64, n+1), make([]float64, n+1)
	for i, v := range s {
		sum[i+1], sq[i+1] = sum[i]+v, sq[i]+v*v
	}
	ssd := func(i, j int) float64 { // sum of squared deviations of s[i:j]
		m := float64(j - i)
		d := sum[j] - sum[i]
		return sq[j] - sq[i] - d*d/m
	}
	// cost[c][j]: best cost of s[:j] in c+1 classes; cut[c][j]: start of the last class.
	cost := make([][]float64, k)
	cut := make([][]int, k)
	for ci := range cost {
		cost[ci] = make([]float64, n+1)
		cut[ci] = make([]int, n+1)
	}
	for j := 1; j <= n; j++ {
		cost[0][j] = ssd(0, j)
	}
	for ci := 1; ci < k; ci++ {
		for j := ci + 1; j <= n; j++ {
			best, at := math.Inf(1), ci
			for i := ci; i < j; i++ {
				if v := cost[ci-1][i] + ssd(i, j); v < best {
					best, at = v, i
				}
			}
			cost[ci][j], cut[ci][j] = best, at
		}
	}
	limits := []float64{s[n-1]}
	j := n
	for ci := k - 1; ci > 0; ci-- {
		i := cut[ci][j]
		limits = append(limits, s[i-1])
		j = i
	}
	limits = append(limits, s[0])
	slices.Reverse(limits)
	limits = slices.CompactFunc(limits, func(a, b float64) bool { return cmp.Compare(a, b) == 0 })
	if len(limits) == 1 {
		limits = append(limits, limits[0])
	}
	return Classes{Method: c.Method, Limits: limits}
}
