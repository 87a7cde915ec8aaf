package learn

import (
	"cmp"
	"slices"
	"time"

	"taxo/model"
)

// Suggestion is a term that fits a piece of content, with why.
type Suggestion struct {
	Term *model.Term
	// Score is, when the taxonomy's pages taught the model (Ranking.Learned),
	// the chance that an editor would give the content the term, from 0 to
	// 1; otherwise how well the content matches the term's own text.
	Score float64
	// Why are the words of the content that counted most for the term: those
	// of its own text, then those it shares with the pages that carry it.
	Why []string
	// Against are the words found only in what the term's Instructions
	// exclude, which counted against it.
	Against []string
	// Pages are the tagged pages most like the content that carry the
	// term, most similar first.
	Pages []PageRef
}

// PageRef names a tagged page, with how like the content it is (the cosine
// of their words, 0 to 1).
type PageRef struct {
	Path, Title string
	Similarity  float64
}

// Content is a piece of content to suggest terms for.
type Content struct {
	// Path is where the content is or will be, relative to the site's root
	// as the examples' paths are; "" when it is not known.
	Path string
	Text string    // as Example.Text
	Date time.Time // when it is written; zero for now
}

// Ranking is one taxonomy's suggestions, best first.
type Ranking struct {
	Taxonomy string
	// Learned says the taxonomy's tagged pages taught the model how its
	// terms are applied, and the scores are chances.
	Learned     bool
	Suggestions []Suggestion
}

// MinChance is the least chance a learned suggestion must have to be
// offered: below it, a taxonomy says that nothing fits well rather than
// listing the least bad terms.
const MinChance = 0.1

// neighbours is how many of the most similar pages vote.
const neighbours = 20

// Suggest ranks the terms of every taxonomy for content and returns, per
// taxonomy in the order of the terms given to New, at most limit of them
// (all when limit is 0) that fit: with a chance of MinChance or more where
// the model learned, with a positive score where only the terms' text
// counts. Each says why.
func (m *Model) Suggest(c Content, limit int) []Ranking {
	ev, score := m.score(c)
	out := m.rank(score, limit, func(tax int32, s float64) bool { return m.blends[tax] == nil || s >= MinChance })
	for i := range out {
		for j := range out[i].Suggestions {
			m.explain(ev, &out[i].Suggestions[j])
		}
	}
	return out
}

// Rank is Suggest without the cut at MinChance and without why: the
// order of every term the model weighed, at most depth of each taxonomy,
// for evaluations.
func (m *Model) Rank(c Content, depth int) []Ranking {
	_, score := m.score(c)
	return m.rank(score, depth, func(int32, float64) bool { return true })
}

// rank orders the scored terms of each taxonomy, best first, equal scores
// in the order of the terms, keeping those keep accepts.
func (m *Model) rank(score map[int32]float64, limit int, keep func(tax int32, score float64) bool) []Ranking {
	tops := make([]best, len(m.taxonomies))
	for i := range tops {
		tops[i].limit = limit
	}
	for t, s := range score {
		if tax := m.taxOf[t]; keep(tax, s) {
			tops[tax].offer(t, s)
		}
	}
	out := make([]Ranking, len(m.taxonomies))
	for i, tax := range m.taxonomies {
		out[i] = Ranking{Taxonomy: tax, Learned: m.blends[i] != nil}
		for _, h := range tops[i].sorted() {
			out[i].Suggestions = append(out[i].Suggestions, Suggestion{Term: m.terms[h.term], Score: h.score})
		}
	}
	return out
}

// score weighs the evidence for the candidate terms: by its taxonomy's
// blend, the chance that an editor would give the content the term; for a
// taxonomy whose pages cannot teach a blend, every term whose own text the
// content matches, by that match alone, as taxo did before it learned.
func (m *Model) score(c Content) (*evidence, map[int32]float64) {
	ev := m.gather(c, weigh(numbered(counts(m.lang, c.Text), m.vocab), m.idf), nil, m.pageAt(c.Path), nil)
	score := make(map[int32]float64)
	for _, t := range m.candidates(ev) {
		if bl := m.blends[m.taxOf[t]]; bl != nil {
			score[t] = bl.chance(m.featuresOf(ev, t))
		}
	}
	for t, s := range ev.text.Scores {
		if m.blends[m.taxOf[t]] == nil && m.candidate[t] && s > 0 {
			score[int32(t)] = s
		}
	}
	return ev, score
}

// pageAt is the tagged page the content is, by its path, or -1. A page
// of the site being tagged again is left out of what the model learns
// from, as when the model tests itself: what the other pages say of it,
// not its own terms handed back as certain.
func (m *Model) pageAt(path string) int {
	if path == "" {
		return -1
	}
	for i, p := range m.pages {
		if p.path == path {
			return i
		}
	}
	return -1
}

// explain says why a suggestion fits: the words, and the pages like the
// content that carry the term.
func (m *Model) explain(ev *evidence, sg *Suggestion) {
	t := m.index[sg.Term.ID]
	sg.Why, sg.Against = ev.text.Explain(int(t))
	if m.blends[m.taxOf[t]] == nil {
		return
	}
	for _, w := range m.sharedWords(ev, t) {
		if len(sg.Why) < whyWords && !slices.Contains(sg.Why, w) {
			sg.Why = append(sg.Why, w)
		}
	}
	for i, p := range ev.neighbours {
		if contains(m.pages[p].terms, t) && len(sg.Pages) < whyPages {
			sg.Pages = append(sg.Pages, PageRef{Path: m.pages[p].path, Title: m.pages[p].title, Similarity: ev.sims[i]})
		}
	}
}

// whyWords is how many words a suggestion's Why keeps; whyPages how many
// pages.
const (
	whyWords = 5
	whyPages = 2
)

// sharedWords are the words of the content that weigh most in the
// centroid of the pages carrying term t (the page, when one carries it),
// heaviest first.
func (m *Model) sharedWords(ev *evidence, t int32) []string {
	type weight struct {
		word int32
		x    float64
	}
	var ws []weight
	if p := m.onlyPage[t]; p >= 0 {
		for _, e := range ev.q {
			vec := m.pages[p].vec
			if i, ok := slices.BinarySearchFunc(vec, e.word, func(x entry, w int32) int { return cmp.Compare(x.word, w) }); ok {
				ws = append(ws, weight{e.word, float64(e.x * vec[i].x)})
			}
		}
	}
	for _, e := range ev.q {
		post := m.centroids[e.word]
		if i, ok := slices.BinarySearchFunc(post, t, func(p posting, t int32) int { return cmp.Compare(p.doc, t) }); ok {
			ws = append(ws, weight{e.word, float64(e.x * post[i].x)})
		}
	}
	slices.SortStableFunc(ws, func(a, b weight) int { return cmp.Compare(b.x, a.x) })
	var out []string
	for _, w := range ws[:min(whyWords, len(ws))] {
		out = append(out, m.words[w.word])
	}
	return out
}

// topK are the indexes of the k largest positive values, largest first,
// equal values in index order.
func topK(v []float64, k int) []int {
	b := best{limit: k}
	for i, x := range v {
		if x > 0 {
			b.offer(int32(i), x)
		}
	}
	out := make([]int, 0, k)
	for _, s := range b.sorted() {
		out = append(out, int(s.term))
	}
	return out
}
