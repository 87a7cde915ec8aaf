package learn

import (
	"math"
	"slices"
)

// The evidence for one term, each a number the blend weighs.
const (
	fText     = iota // the term's own text against the content (signed log of 1 + its score)
	fTitle           // log of 1 + how often the term's whole title stands in the content
	fVote            // the share of the neighbours' similarity that pages carrying the term hold
	fNearest         // the similarity of the most similar neighbour carrying the term
	fCentroid        // the cosine of the content with the term's centroid
	fPrior           // the log of the share of pages carrying the term
	fPhrase          // when the title stands in the content: the log-odds that a page where it stands carries the term
	fSection         // the log of the share of the pages of the content's section carrying the term
	fHead            // log of 1 + how often the term's title stands in the content's title and first paragraph
	fRecent          // the log of the share of the pages nearest in date carrying the term
	fSlug            // log of 1 + how often the term's title stands in the content's file name
	numFeatures
)

type features [numFeatures]float64

// featuresOf is the evidence for term t.
func (m *Model) featuresOf(ev *evidence, t int32) features {
	var f features
	s := ev.text.Scores[t]
	f[fText] = math.Copysign(math.Log1p(math.Abs(s)), s)
	f[fTitle] = math.Log1p(ev.text.Titles[t])
	f[fHead] = math.Log1p(ev.head[t])
	f[fSlug] = math.Log1p(ev.slug[t])
	if ev.simTotal > 0 {
		f[fVote] = ev.votes[t] / ev.simTotal
	}
	if k := ev.nearest[t]; k > 0 {
		f[fNearest] = ev.sims[k-1]
	}
	f[fCentroid] = m.centroidCosine(ev, t)
	n, total := m.count[t], float64(len(m.pages))
	mine := ev.self >= 0 && contains(m.pages[ev.self].terms, t) // the content is a page carrying t
	if ev.self >= 0 {
		total--
		if mine {
			n--
		}
	}
	f[fPrior] = math.Log((n + 0.5) / (total + 1))
	f[fRecent] = m.recentShare(ev, t, (n+0.5)/(total+1))
	f[fSection] = m.sectionShare(ev, t, (n+0.5)/(total+1), mine)
	if ev.text.Titles[t] > 0 && m.phraseRate != nil {
		stands, carried := m.phraseStands[t], m.phraseCarried[t]
		if ev.self >= 0 && m.phraseSeen(ev.self) {
			stands--
			if mine {
				carried--
			}
		}
		// Smoothed towards the rate over every term, as if a few pages more
		// had been seen.
		p := (carried + phraseSmoothing*m.phraseRate[m.taxOf[t]]) / (stands + phraseSmoothing)
		f[fPhrase] = math.Log(p / (1 - p))
	}
	return f
}

// priorCandidates is how many of each taxonomy's most used terms are
// always weighed, whatever the content; closeCandidates how many of those
// closest to the content by centroid, and by their own text.
const (
	priorCandidates = 10
	closeCandidates = 30
	voteCandidates  = 50
)

// candidates are the terms worth weighing for the evidence: those the
// neighbours carry, those whose centroid or text the content is closest
// to, and each taxonomy's most used terms.
func (m *Model) candidates(ev *evidence) []int32 {
	var out []int32
	add := func(t int32) {
		if m.candidate[t] && !m.onlyCarriedBySelf(ev, t) {
			out = append(out, t)
		}
	}
	for _, t := range m.closestN(voteCandidates, func(yield func(int32, float64) bool) {
		for _, t := range ev.voted {
			if !yield(t, ev.votes[t]) {
				return
			}
		}
	}) {
		add(t)
	}
	for _, t := range m.closest(func(yield func(int32, float64) bool) {
		for _, t := range ev.close {
			if !yield(t, m.centroidCosine(ev, t)) {
				return
			}
		}
	}) {
		add(t)
	}
	for _, t := range m.closest(func(yield func(int32, float64) bool) {
		for t, s := range ev.text.Scores {
			if s > 0 && !yield(int32(t), s) {
				return
			}
		}
	}) {
		add(t)
	}
	for _, top := range m.popular {
		for _, t := range top {
			add(t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// closest returns, for each taxonomy, the closeCandidates terms with the
// highest scores.
func (m *Model) closest(scores func(yield func(int32, float64) bool)) []int32 {
	return m.closestN(closeCandidates, scores)
}

// closestN returns, for each taxonomy, the n terms with the highest scores.
func (m *Model) closestN(n int, scores func(yield func(int32, float64) bool)) []int32 {
	tops := make([]best, len(m.taxonomies))
	for i := range tops {
		tops[i].limit = n
	}
	for t, s := range scores {
		tops[m.taxOf[t]].offer(t, s)
	}
	var out []int32
	for _, top := range tops {
		for _, s := range top.items {
			out = append(out, s.term)
		}
	}
	return out
}

// onlyCarriedBySelf reports whether term t would not exist without the
// page the content is: no file describes it and no other page carries it.
// A page left out to test the model must not find such terms among the
// candidates, as new content would not.
func (m *Model) onlyCarriedBySelf(ev *evidence, t int32) bool {
	return ev.self >= 0 && m.count[t] == 1 && m.terms[t].Path == "" && contains(m.pages[ev.self].terms, t)
}
