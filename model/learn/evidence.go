package learn

import (
	"math"

	"taxo/model"
)

// evidence is what the model found for one piece of content: the pages
// most like it, how close it is to each term's centroid, and how well it
// matches each term's own text.
type evidence struct {
	q          vector
	neighbours []int     // the most similar pages, most similar first
	sims       []float64 // their similarity, in the same order
	simTotal   float64
	votes      map[int32]float64 // by term: the neighbours' similarity carrying it
	nearest    map[int32]int     // by term: the most similar neighbour carrying it
	centroid   map[int32]float64 // by term: cosine with its centroid
	text       *model.TextMatch
	self       int // the page the content is, left out of what it learns from; -1
}

// gather collects the evidence for content. self is the page the content
// is, when the model tests itself on its own pages (-1 otherwise): it is
// left out of the neighbours, the centroids and the counts, as if the
// model had never seen it.
func (m *Model) gather(content string, q vector, self int) *evidence {
	ev := &evidence{q: q, self: self, votes: make(map[int32]float64), nearest: make(map[int32]int), centroid: make(map[int32]float64)}
	m.findNeighbours(ev)
	m.centroidScores(ev)
	ev.text = m.profiles.Match(content)
	return ev
}

// findNeighbours finds the pages most like the content and their votes.
func (m *Model) findNeighbours(ev *evidence) {
	if len(m.pages) == 0 {
		return
	}
	sim := make([]float64, len(m.pages))
	for _, e := range ev.q {
		for _, p := range m.post[e.word] {
			sim[p.doc] += float64(e.x * p.x)
		}
	}
	if ev.self >= 0 {
		sim[ev.self] = 0
	}
	ev.neighbours = topK(sim, neighbours)
	for _, p := range ev.neighbours {
		s := sim[p]
		ev.sims = append(ev.sims, s)
		ev.simTotal += s
		for _, t := range m.pages[p].terms {
			if _, ok := ev.nearest[t]; !ok {
				ev.nearest[t] = p
			}
			ev.votes[t] += s
		}
	}
}

// centroidScores measures the cosine of the content with the centroid of
// every term it shares a word with. A page's own vector is taken out of
// the centroids of its terms when it is the content.
func (m *Model) centroidScores(ev *evidence) {
	var own []int32
	if ev.self >= 0 {
		own = m.pages[ev.self].terms
	}
	dot := make(map[int32]float64)
	selfDot := make(map[int32]float64) // the content's own share of a centroid it is in
	for _, e := range ev.q {
		for _, p := range m.centroids[e.word] {
			dot[p.doc] += float64(e.x * p.x)
			if own != nil && contains(own, p.doc) {
				selfDot[p.doc] += float64(e.x * e.x)
			}
		}
	}
	for t, d := range dot {
		norm := m.centroidNorm[t]
		if s, ok := selfDot[t]; ok {
			// |S - x|² = |S|² - 2 S·x + |x|², over the words S keeps.
			d, norm = d-s, math.Sqrt(max(norm*norm-2*d+s, 0))
		}
		if d > 1e-9 && norm > 1e-9 {
			ev.centroid[t] = d / norm
		}
	}
}

func contains(s []int32, x int32) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}
