package learn

import (
	"math"
	"slices"
	"sort"
	"time"
)

// Editors' habits drift: a term much used one year is dropped the next,
// and a new one takes its place. So the pages written about when the
// content was (for new content, the latest pages) say which terms are in
// use: the share of the pagesNear pages nearest in date that carry a term
// is evidence, mixed with the share of all pages.

// pagesNear is how many pages nearest in date count.
const pagesNear = 20

// sortByDate lists the dated pages, oldest first, of the whole site and
// of each section.
func (m *Model) sortByDate() {
	m.byDate = make(map[string][]int32)
	for i, p := range m.pages {
		if !p.date.IsZero() {
			m.byDate[""] = append(m.byDate[""], int32(i))
			if p.section != "" {
				m.byDate[p.section] = append(m.byDate[p.section], int32(i))
			}
		}
	}
	for _, pages := range m.byDate {
		slices.SortStableFunc(pages, func(a, b int32) int { return m.pages[a].date.Compare(m.pages[b].date) })
	}
}

// near lists the pagesNear dated pages nearest in date to when, the page
// self (-1 for none) left out; a zero when stands for now.
func (m *Model) near(when time.Time, section string, self int) []int32 {
	byDate := m.byDate[section]
	if len(byDate) < pagesNear {
		byDate = m.byDate[""]
	}
	i := len(byDate)
	if !when.IsZero() {
		i = sort.Search(len(byDate), func(k int) bool { return !m.pages[byDate[k]].date.Before(when) })
	}
	lo, hi := i, i // the window is byDate[lo:hi]
	var out []int32
	for len(out) < pagesNear && (lo > 0 || hi < len(byDate)) {
		takeLow := hi >= len(byDate) ||
			lo > 0 && when.Sub(m.pages[byDate[lo-1]].date) <= m.pages[byDate[hi]].date.Sub(when)
		var p int32
		if takeLow {
			lo--
			p = byDate[lo]
		} else {
			p = byDate[hi]
			hi++
		}
		if int(p) != self {
			out = append(out, p)
		}
	}
	return out
}

// recentShare is the log of the share of the pages near in date that
// carry term t, mixed with global, the share of all pages, as if
// sectionSmoothing pages more had been seen.
func (m *Model) recentShare(near []int32, t int32, global float64) float64 {
	carried := 0.0
	for _, p := range near {
		if contains(m.pages[p].terms, t) {
			carried++
		}
	}
	return math.Log((carried + sectionSmoothing*global) / (float64(len(near)) + sectionSmoothing))
}
