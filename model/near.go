package model

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Near returns at most limit defined terms whose slug or title is close to
// name, for a "did you mean" when Lookup finds nothing: a few letters off
// ("scrm" for Scrum, "Scrum Mastr", or "mastr" for a word of it), or holding name ("retro" in Sprint
// Retrospective). The closest come first, then display order.
func (g *Graph) Near(name string, limit int) []*Term {
	lower := strings.ToLower(strings.TrimSpace(name))
	n := utf8.RuneCountInString(lower)
	if n == 0 || limit <= 0 {
		return nil
	}
	// A third of the letters may be off, from one to three: more, and a
	// short name would be near every other short name.
	most := max(1, min(3, (n+1)/3))
	oneWord := !strings.ContainsFunc(lower, unicode.IsSpace)
	type near struct {
		t    *Term
		dist int
	}
	var found []near
	for _, t := range g.terms {
		if !t.Defined {
			continue
		}
		title := strings.ToLower(t.DisplayTitle())
		d := min(editDistance(lower, strings.ToLower(t.Slug), most), editDistance(lower, title, most))
		if oneWord && d > most {
			// One word of a title is a weaker match than all of it.
			for w := range strings.FieldsSeq(title) {
				d = min(d, editDistance(lower, w, most)+1)
			}
		}
		if d > most && n >= 3 && (strings.Contains(title, lower) || strings.Contains(t.Slug, lower)) {
			d = most // holding the name is as near as the farthest typo
		}
		if d <= most {
			found = append(found, near{t, d})
		}
	}
	// g.terms is in display order, and the sort is stable.
	slices.SortStableFunc(found, func(a, b near) int { return a.dist - b.dist })
	out := make([]*Term, 0, min(limit, len(found)))
	for _, f := range found[:min(limit, len(found))] {
		out = append(out, f.t)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b in runes, or
// anything above most once it is sure to exceed it.
func editDistance(a, b string, most int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > most {
		return most + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > most {
			return most + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
