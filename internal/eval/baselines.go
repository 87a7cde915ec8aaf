package main

import (
	"cmp"
	"math"
	"slices"

	"taxo/model"
	"taxo/model/learn"
)

// ranking is a method's answer for one piece of content: each taxonomy's
// terms, best first.
type ranking map[string][]model.ID

// method builds, from the terms and the training pages of one split, what
// ranks the terms for a piece of content.
type method struct {
	name  string
	build func(terms []*model.Term, train []learn.Example) func(c learn.Content) ranking
}

// rankScores orders the terms with a positive score by score, best first,
// equal scores by ID, per taxonomy.
func rankScores(terms []*model.Term, score []float64) ranking {
	idx := make([]int, 0, len(terms))
	for i := range terms {
		if score[i] > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(score[b], score[a]); c != 0 {
			return c
		}
		return cmp.Compare(terms[a].ID, terms[b].ID)
	})
	r := make(ranking)
	for _, i := range idx {
		tax := learn.Taxonomy(terms[i].ID)
		if len(r[tax]) < depth {
			r[tax] = append(r[tax], terms[i].ID)
		}
	}
	return r
}

// termIndex numbers the terms by ID.
func termIndex(terms []*model.Term) map[model.ID]int {
	ix := make(map[model.ID]int, len(terms))
	for i, t := range terms {
		ix[t.ID] = i
	}
	return ix
}

// prior ranks terms by how many training pages carry them, whatever the
// content.
var prior = method{name: "prior", build: func(terms []*model.Term, train []learn.Example) func(learn.Content) ranking {
	ix := termIndex(terms)
	score := make([]float64, len(terms))
	for _, ex := range train {
		for _, id := range ex.Terms {
			if i, ok := ix[id]; ok {
				score[i]++
			}
		}
	}
	r := rankScores(terms, score)
	return func(learn.Content) ranking { return r }
}}

// words are the words of a text that are not stopwords, as search splits
// them, with their counts.
func words(text string) map[string]float64 {
	c := make(map[string]float64)
	model.Words(text, func(w []byte, _, _ int, stop bool) {
		if !stop {
			c[string(w)]++
		}
	})
	return c
}

// bm25 ranks terms by Okapi BM25 (k1 = 1.2, b = 0.75) of their text
// (title, description, abstract, Instructions) against the content's
// words, each counted once.
var bm25 = method{name: "bm25", build: func(terms []*model.Term, _ []learn.Example) func(learn.Content) ranking {
	const k1, b = 1.2, 0.75
	type posting struct {
		term int
		tf   float64
	}
	post := make(map[string][]posting)
	lens := make([]float64, len(terms))
	var total float64
	for i, t := range terms {
		for w, n := range words(t.DisplayTitle() + "\n" + t.Description + "\n" + t.Abstract + "\n" + t.Instructions) {
			post[w] = append(post[w], posting{i, n})
			lens[i] += n
		}
		total += lens[i]
	}
	avg := max(total/float64(len(terms)), 1)
	n := float64(len(terms))
	return func(c learn.Content) ranking {
		score := make([]float64, len(terms))
		for w := range words(c.Text) {
			df := float64(len(post[w]))
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			for _, p := range post[w] {
				score[p.term] += idf * p.tf * (k1 + 1) / (p.tf + k1*(1-b+b*lens[p.term]/avg))
			}
		}
		return rankScores(terms, score)
	}
}}

// knn ranks terms by the votes of the 10 training pages most like the
// content: TF-IDF vectors (raw counts, idf = ln((1+N)/(1+df)) + 1, unit
// length), cosine similarity, each neighbour voting its similarity for
// each of its terms.
var knn = method{name: "knn", build: func(terms []*model.Term, train []learn.Example) func(learn.Content) ranking {
	const k = 10
	ix := termIndex(terms)
	df := make(map[string]float64)
	counts := make([]map[string]float64, len(train))
	for i, ex := range train {
		counts[i] = words(ex.Text)
		for w := range counts[i] {
			df[w]++
		}
	}
	n := float64(len(train))
	idf := func(w string) float64 { return math.Log((1+n)/(1+df[w])) + 1 }
	type posting struct {
		page int
		x    float64
	}
	post := make(map[string][]posting)
	for i, c := range counts {
		v := unit(c, idf)
		for w, x := range v {
			post[w] = append(post[w], posting{i, x})
		}
	}
	return func(c learn.Content) ranking {
		sim := make([]float64, len(train))
		for w, x := range unit(words(c.Text), func(w string) float64 {
			if df[w] == 0 {
				return 0
			}
			return idf(w)
		}) {
			for _, p := range post[w] {
				sim[p.page] += x * p.x
			}
		}
		score := make([]float64, len(terms))
		for _, p := range topK(sim, k) {
			for _, id := range train[p].Terms {
				if t, ok := ix[id]; ok {
					score[t] += sim[p]
				}
			}
		}
		return rankScores(terms, score)
	}
}}

// unit is counts weighted by idf, scaled to unit length.
func unit(counts map[string]float64, idf func(string) float64) map[string]float64 {
	v := make(map[string]float64, len(counts))
	var norm float64
	for w, c := range counts {
		x := c * idf(w)
		if x != 0 {
			v[w] = x
			norm += x * x
		}
	}
	norm = math.Sqrt(norm)
	for w := range v {
		v[w] /= norm
	}
	return v
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
