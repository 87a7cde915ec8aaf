package learn

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

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
	centroid   []float64         // by term: cosine with its centroid
	close      []int32           // the terms with a centroid the content is close to
	text       *model.TextMatch
	self       int               // the page the content is, left out of what it learns from; -1
	section    string            // where the content is, "" when that is not known
	chain      []*sectionCounts  // the counts of its section and those above
	near       []int32           // the pages nearest in date
	head       map[int32]float64 // by term: how often its title stands in the content's head
}

// gather collects the evidence for content. self is the page the content
// is, when the model tests itself on its own pages (-1 otherwise): it is
// left out of the neighbours, the centroids and the counts, as if the
// model had never seen it.
func (m *Model) gather(c Content, q vector, self int) *evidence {
	ev := &evidence{q: q, self: self, section: sectionOf(c.Path), votes: make(map[int32]float64), nearest: make(map[int32]int)}
	m.findNeighbours(ev)
	m.centroidScores(ev)
	ev.near = m.near(c.Date, ev.section, self)
	ev.chain = m.sectionChain(ev.section)
	ev.text = m.profiles.Match(c.Text)
	ev.head = make(map[int32]float64)
	m.profiles.TitlesIn(head(c.Text), func(t int, n float64) { ev.head[int32(t)] = n })
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
	dot := make([]float64, len(m.terms))
	ev.centroid = make([]float64, len(m.terms))
	var touched []int32
	for _, e := range ev.q {
		for _, p := range m.centroids[e.word] {
			if dot[p.doc] == 0 {
				touched = append(touched, p.doc)
			}
			dot[p.doc] += float64(e.x * p.x)
		}
	}
	selfDot := m.selfDots(ev)
	for _, t := range touched {
		d, norm := dot[t], m.centroidNorm[t]
		if s, ok := selfDot[t]; ok {
			// |S - x|² = |S|² - 2 S·x + |x|², over the words S keeps.
			d, norm = d-s, math.Sqrt(max(norm*norm-2*d+s, 0))
		}
		if d > 1e-9 && norm > 1e-9 {
			ev.centroid[t] = d / norm
			ev.close = append(ev.close, t)
		}
	}
}

// selfDots are, when the content is a page of the model, its own share of
// the centroid of each term it carries: the sum of its weights squared
// over the words the centroid keeps.
func (m *Model) selfDots(ev *evidence) map[int32]float64 {
	if ev.self < 0 {
		return nil
	}
	out := make(map[int32]float64)
	for _, t := range m.pages[ev.self].terms {
		var s float64
		for _, e := range ev.q {
			post := m.centroids[e.word]
			if _, ok := slices.BinarySearchFunc(post, t, func(p posting, t int32) int { return cmp.Compare(p.doc, t) }); ok {
				s += float64(e.x * e.x)
			}
		}
		out[t] = s
	}
	return out
}

func contains(s []int32, x int32) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// headBytes is at most how much of the content its head is.
const headBytes = 500

// head is the start of a piece of content, its title and the paragraph
// after it: what a page is about is said there.
func head(text string) string {
	text = strings.TrimSpace(text)
	end := len(text)
	if i := strings.Index(text, "\n\n"); i >= 0 {
		if j := strings.Index(text[i+2:], "\n\n"); j >= 0 {
			end = i + 2 + j
		}
	}
	end = min(end, headBytes)
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end--
	}
	return text[:end]
}
