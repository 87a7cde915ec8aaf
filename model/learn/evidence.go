package learn

import (
	"math"
	"strings"
	"unicode/utf8"

	"taxo/model"
)

// evidence is what the model found for one piece of content: the pages
// most like it, how close it is to each term's centroid, and how well it
// matches each term's own text.
type evidence struct {
	q          vector
	sim        []float64 // by page: its similarity with the content
	neighbours []int     // the most similar pages, most similar first
	sims       []float64 // their similarity, in the same order
	simTotal   float64
	votes      []float64 // by term: the neighbours' similarity carrying it
	nearest    []int32   // by term: 1 + the place among the neighbours of the most similar one carrying it, 0 for none
	voted      []int32   // the terms the neighbours carry
	centroid   []float64 // by term: cosine with its centroid (not for a term one page carries: centroidCosine)
	close      []int32   // the terms with a centroid the content is close to
	text       *model.TextMatch
	self       int               // the page the content is, left out of what it learns from; -1
	section    string            // where the content is, "" when that is not known
	chain      []*sectionCounts  // the counts of its section and those above
	near       []int32           // the pages nearest in date
	nearCarry  map[int32]float64 // by term: how many of them carry it
	head       map[int32]float64 // by term: how often its title stands in the content's head
	slug       map[int32]float64 // by term: how often its title stands in the content's file name
}

// gather collects the evidence for content. self is the page the content
// is, when the model tests itself on its own pages (-1 otherwise): it is
// left out of the neighbours, the centroids and the counts, as if the
// model had never seen it. words are the content's words as the profiles
// number them (model.Profiles.MatchWords), nil to split its text.
func (m *Model) gather(c Content, q vector, words []int32, self int, sc *scratch) *evidence {
	if sc == nil {
		sc = &scratch{}
	}
	sc.ready(m)
	ev := &evidence{q: q, self: self, section: sectionOf(c.Path)}
	m.findNeighbours(ev, sc)
	m.centroidScores(ev, sc)
	ev.near = m.near(c.Date, ev.section, self)
	ev.nearCarry = m.nearCarry(ev.near)
	ev.chain = m.sectionChain(ev.section)
	if words != nil {
		ev.text = m.profiles.MatchWords(sc.text, words)
	} else {
		ev.text = m.profiles.MatchInto(sc.text, c.Text)
	}
	sc.text = ev.text
	ev.head = make(map[int32]float64)
	m.profiles.TitlesIn(head(c.Text), func(t int, n float64) { ev.head[int32(t)] = n })
	ev.slug = make(map[int32]float64)
	if s := slugOf(c.Path); s != "" {
		m.profiles.TitlesIn(s, func(t int, n float64) { ev.slug[int32(t)] = n })
	}
	return ev
}

// findNeighbours finds the pages most like the content and their votes.
func (m *Model) findNeighbours(ev *evidence, sc *scratch) {
	ev.votes, ev.nearest = sc.votes, sc.nearest
	if len(m.pages) == 0 {
		return
	}
	sim := sc.sim
	clear(sim)
	for _, e := range ev.q {
		for _, p := range m.post[e.word] {
			sim[p.doc] += float64(e.x * p.x)
		}
	}
	if ev.self >= 0 {
		sim[ev.self] = 0
	}
	ev.sim = sim
	ev.neighbours = topK(sim, neighbours)
	for i, p := range ev.neighbours {
		s := sim[p]
		ev.sims = append(ev.sims, s)
		ev.simTotal += s
		for _, t := range m.pages[p].terms {
			if ev.nearest[t] == 0 {
				ev.nearest[t] = int32(i + 1)
				ev.voted = append(ev.voted, t)
			}
			ev.votes[t] += s
		}
	}
}

// centroidScores measures the cosine of the content with the centroid of
// every term it shares a word with, and finds the terms it is close to; a
// term one page carries is as close as the page. A page's own vector is
// taken out of the centroids of its terms when it is the content.
func (m *Model) centroidScores(ev *evidence, sc *scratch) {
	dot := sc.dot // by term, then its cosine in place
	// When the content is a page: by term, whether the page carries it, and
	// for those, the page's share of the term's centroid, the sum of its
	// weights squared over the words the centroid keeps.
	mine, selfDot := sc.mine, sc.selfDot
	if ev.self >= 0 {
		for _, t := range m.pages[ev.self].terms {
			mine[t] = true
		}
	}
	touched := sc.touched[:0]
	for _, e := range ev.q {
		for _, p := range m.centroids[e.word] {
			if dot[p.doc] == 0 {
				touched = append(touched, p.doc)
			}
			dot[p.doc] += float64(e.x * p.x)
			if mine[p.doc] {
				selfDot[p.doc] += float64(e.x * e.x)
			}
		}
	}
	sc.touched = touched
	for _, t := range touched {
		d, norm := dot[t], m.centroidNorm[t]
		if mine[t] {
			// |S - x|² = |S|² - 2 S·x + |x|², over the words S keeps.
			s := selfDot[t]
			d, norm = d-s, math.Sqrt(max(norm*norm-2*d+s, 0))
			selfDot[t] = 0
		}
		dot[t] = 0
		if d > 1e-9 && norm > 1e-9 {
			dot[t] = d / norm
			ev.close = append(ev.close, t)
		}
	}
	ev.centroid = dot
	ev.close = append(ev.close, m.closestAlone(ev)...)
}

// scratch is what gathering the evidence for one content after another,
// on one core, makes once and writes over: by page, its similarity; by
// term, the neighbours' votes, the dot products with the centroids and
// whether the content's page carries it; and the match of the terms' text.
type scratch struct {
	sim     []float64
	votes   []float64
	nearest []int32
	dot     []float64
	mine    []bool
	selfDot []float64 // by term the page carries: its share of the term's centroid
	touched []int32   // the terms with a dot product
	text    *model.TextMatch
}

// ready makes sc's slices for m, the first time.
func (sc *scratch) ready(m *Model) {
	if sc.dot == nil {
		n := len(m.terms)
		sc.sim = make([]float64, len(m.pages))
		sc.votes, sc.nearest = make([]float64, n), make([]int32, n)
		sc.dot, sc.mine, sc.selfDot = make([]float64, n), make([]bool, n), make([]float64, n)
	}
}

// release readies sc for the next content, ev being the evidence it held:
// the terms ev is close to are those with a dot product left.
func (sc *scratch) release(m *Model, ev *evidence) {
	for _, t := range ev.voted {
		sc.votes[t], sc.nearest[t] = 0, 0
	}
	for _, t := range ev.close {
		sc.dot[t] = 0
	}
	if ev.self >= 0 {
		for _, t := range m.pages[ev.self].terms {
			sc.mine[t] = false
		}
	}
}

// closestAlone are, of the terms one page carries, the closeCandidates
// closest to the content in each taxonomy: only they can be among the
// closest terms, and there are many (a guest, a product) on as many pages
// as the content shares a word with.
func (m *Model) closestAlone(ev *evidence) []int32 {
	tops := make([]best, len(m.taxonomies))
	for i := range tops {
		tops[i].limit = closeCandidates
	}
	for p, s := range ev.sim {
		if s > 1e-9 {
			for _, t := range m.pages[p].only {
				if top := &tops[m.taxOf[t]]; len(top.items) < top.limit || s >= top.items[0].score {
					top.offer(t, s)
				}
			}
		}
	}
	var out []int32
	for _, top := range tops {
		for _, s := range top.items {
			out = append(out, s.term)
		}
	}
	return out
}

// centroidCosine is the cosine of the content with the centroid of term t.
func (m *Model) centroidCosine(ev *evidence, t int32) float64 {
	if p := m.onlyPage[t]; p >= 0 {
		return ev.sim[p]
	}
	return ev.centroid[t]
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
