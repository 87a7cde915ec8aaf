package learn

// Whether a page that names a term carries it is a habit of each site, and
// of each term: "Go" named in a post about Rust is no reason to tag it Go,
// while a tool's name in a post is, on some sites, always its tag. So the
// model counts, for each term, the pages where its whole title stands and
// how many of them carry it.

// phrasePages is at most how many pages the counts of titles standing in
// pages are taken from; phraseSmoothing how many pages at the overall rate
// a term's own count is mixed with.
const (
	phrasePages     = 2000
	phraseSmoothing = 2.0
)

// countPhrases counts, for each term, the pages where its whole title
// stands and how many of them carry it, from the terms whose title stands
// in each page counted (readPages): whether a page that names a term is
// about it is a habit of each site, and of each term.
func (m *Model) countPhrases(found [][]int32) {
	if len(m.pages) == 0 {
		return
	}
	m.phraseStands = make([]float64, len(m.terms))
	m.phraseCarried = make([]float64, len(m.terms))
	for s, terms := range found {
		for _, t := range terms {
			m.phraseStands[t]++
			if contains(m.pages[s*m.phraseStep].terms, t) {
				m.phraseCarried[t]++
			}
		}
	}
	stands := make([]float64, len(m.taxonomies))
	carried := make([]float64, len(m.taxonomies))
	for t := range m.terms {
		stands[m.taxOf[t]] += m.phraseStands[t]
		carried[m.taxOf[t]] += m.phraseCarried[t]
	}
	m.phraseRate = make([]float64, len(m.taxonomies))
	for tax := range stands {
		m.phraseRate[tax] = (carried[tax] + 1) / (stands[tax] + 2)
	}
}

// phraseSeen reports whether page i is among those countPhrases counted.
func (m *Model) phraseSeen(i int) bool { return i%m.phraseStep == 0 }
