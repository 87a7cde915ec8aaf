package learn

import (
	"cmp"
	"math"
	"slices"

	"taxo/model"
)

// Suggestion is a term that fits a piece of content, with why.
type Suggestion struct {
	Term  *model.Term
	Score float64
	Why   []string // the words of the content that counted most for the term
	// Against are the words found only in what the term's Instructions
	// exclude, which counted against it.
	Against []string
	Pages   []PageRef // tagged pages like the content that carry the term
}

// PageRef names a tagged page.
type PageRef struct {
	Path, Title string
	Similarity  float64
}

// Ranking is one taxonomy's suggestions, best first.
type Ranking struct {
	Taxonomy    string
	Suggestions []Suggestion
}

// neighbours is how many of the most similar pages vote.
const neighbours = 10

// Suggest ranks the terms of every taxonomy for content and returns, per
// taxonomy in the order of the terms given to New, the best limit of them
// (all of them when limit is 0).
func (m *Model) Suggest(content string, limit int) []Ranking {
	score := m.scores(content)
	out := make([]Ranking, len(m.taxonomies))
	for i, tax := range m.taxonomies {
		out[i].Taxonomy = tax
	}
	tops := make([]best, len(m.taxonomies))
	for i := range tops {
		tops[i].limit = limit
	}
	for i, x := range score {
		if x > 0 {
			tops[m.taxOf[i]].offer(int32(i), x)
		}
	}
	for i := range tops {
		for _, h := range tops[i].sorted() {
			out[i].Suggestions = append(out[i].Suggestions, Suggestion{Term: m.terms[h.term], Score: h.score})
		}
	}
	return out
}

// scores weighs the evidence for every candidate term: by its taxonomy's
// blend, the chance that an editor would give the content the term; for a
// taxonomy whose pages cannot teach a blend, the term's own text alone.
func (m *Model) scores(content string) []float64 {
	ev := m.gather(content, weigh(counts(content), m.vocab, m.idf), -1)
	score := make([]float64, len(m.terms))
	for _, t := range m.candidates(ev) {
		if bl := m.blends[m.taxOf[t]]; bl != nil {
			score[t] = 1 / (1 + math.Exp(-bl.logit(m.featuresOf(ev, t))))
		} else {
			score[t] = ev.text.Scores[t]
		}
	}
	return score
}

// topK are the indexes of the k largest positive values, largest first.
func topK(v []float64, k int) []int {
	var idx []int
	for i, x := range v {
		if x > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(v[b], v[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return idx[:min(k, len(idx))]
}
