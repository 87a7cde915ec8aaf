package learn

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"sync"
	"unicode/utf8"

	"taxo/model"
)

// entry is one word of a page's vector and its weight.
type entry struct {
	word int32
	x    float32
}

// vector is a text as weighted words, sorted by word, of unit length.
type vector []entry

// counts are the words of a text with how often they occur: the words
// search compares, stopwords left out, and, in scripts written without
// spaces (Chinese, Japanese), each pair of characters side by side too,
// since one character says little.
func counts(text string) map[string]float64 {
	c := make(map[string]float64)
	var prev []byte
	prevEnd := -1
	model.Words(text, func(w []byte, start, end int, stop bool) {
		single := isSingleIdeograph(w)
		if single && prevEnd == start && prev != nil {
			c[string(prev)+string(w)]++
		}
		if single {
			prev, prevEnd = append(prev[:0], w...), end
		} else {
			prev, prevEnd = prev[:0], -1
		}
		if !stop {
			c[string(w)]++
		}
	})
	return c
}

// isSingleIdeograph reports whether w is one character of a script
// written without spaces, which the word scanner makes a word of its own.
func isSingleIdeograph(w []byte) bool {
	if len(w) == 0 || w[0] < utf8.RuneSelf {
		return false
	}
	_, size := utf8.DecodeRune(w)
	return size == len(w)
}

// weigh makes the vector of a text's counts: each word's weight is
// (1 + ln count) × idf, then the whole is scaled to unit length. Words
// with no idf (unknown, or too common to tell pages apart) are left out.
func weigh(c map[string]float64, vocab map[string]int32, idf []float32) vector {
	v := make(vector, 0, len(c))
	var norm float64
	for w, n := range c {
		id, ok := vocab[w]
		if !ok || idf[id] == 0 {
			continue
		}
		x := (1 + math.Log(n)) * float64(idf[id])
		v = append(v, entry{id, float32(x)})
		norm += x * x
	}
	if norm == 0 {
		return nil
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i].x *= inv
	}
	slices.SortFunc(v, func(a, b entry) int { return int(a.word - b.word) })
	return v
}

// maxShare is the share of pages beyond which a word says nothing of a
// page's subject: it is left out of the vectors.
const maxShare = 0.5

// buildVectors numbers the pages' words, in the order of the words so
// that one site always gives one model, weighs them and indexes the pages
// by word. Each step but the last runs on every core.
func (m *Model) buildVectors(texts []map[string]float64) {
	m.words = vocabulary(texts)
	m.vocab = make(map[string]int32, len(m.words))
	for id, w := range m.words {
		m.vocab[w] = int32(id)
	}
	m.df = m.countPages(texts)
	n := float64(len(texts))
	m.idf = make([]float32, len(m.df))
	for id, d := range m.df {
		if d <= maxShare*n || n < 10 {
			m.idf[id] = float32(math.Log(n / d))
		}
	}
	inParallel(len(texts), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			m.pages[i].vec = weigh(texts[i], m.vocab, m.idf)
		}
	})
	m.post = make([][]posting, len(m.df))
	for i := range texts {
		for _, e := range m.pages[i].vec {
			m.post[e.word] = append(m.post[e.word], posting{int32(i), e.x})
		}
	}
}

// vocabulary is every word of the texts, sorted.
func vocabulary(texts []map[string]float64) []string {
	var mu sync.Mutex
	var sets []map[string]struct{}
	inParallel(len(texts), func(lo, hi int) {
		set := make(map[string]struct{})
		for _, c := range texts[lo:hi] {
			for w := range c {
				set[w] = struct{}{}
			}
		}
		mu.Lock()
		sets = append(sets, set)
		mu.Unlock()
	})
	all := make(map[string]struct{})
	for _, set := range sets {
		for w := range set {
			all[w] = struct{}{}
		}
	}
	return slices.Sorted(maps.Keys(all))
}

// countPages counts, for each word, the pages that hold it (in whole
// numbers, which add up the same in any order).
func (m *Model) countPages(texts []map[string]float64) []float64 {
	var mu sync.Mutex
	var counts [][]float64
	inParallel(len(texts), func(lo, hi int) {
		df := make([]float64, len(m.words))
		for _, c := range texts[lo:hi] {
			for w := range c {
				df[m.vocab[w]]++
			}
		}
		mu.Lock()
		counts = append(counts, df)
		mu.Unlock()
	})
	df := make([]float64, len(m.words))
	for _, part := range counts {
		for id, n := range part {
			df[id] += n
		}
	}
	return df
}

// selfVector is the vector of a page's counts as new content would have
// it: without the words no other page holds, which the model would not
// know.
func (m *Model) selfVector(c map[string]float64) vector {
	known := make(map[string]float64, len(c))
	for w, n := range c {
		if id, ok := m.vocab[w]; ok && m.df[id] > 1 {
			known[w] = n
		}
	}
	return weigh(known, m.vocab, m.idf)
}

// centroidWords is how many of its heaviest words a term's centroid keeps.
const centroidWords = 200

// buildCentroids sums, for each term, the vectors of the pages carrying
// it and keeps the heaviest words of the sum, with its length; the terms'
// sums are made on every core.
func (m *Model) buildCentroids() {
	pagesOf := make([][]int32, len(m.terms))
	for i, p := range m.pages {
		for _, t := range p.terms {
			pagesOf[t] = append(pagesOf[t], int32(i))
		}
	}
	kept := make([][]entry, len(m.terms))
	inParallel(len(m.terms), func(lo, hi int) {
		sc := centroidScratch{sum: make([]float64, len(m.vocab))}
		for t := lo; t < hi; t++ {
			kept[t] = m.centroid(pagesOf[t], &sc)
		}
	})
	m.centroids = make([][]posting, len(m.vocab))
	m.centroidNorm = make([]float64, len(m.terms))
	for t, es := range kept {
		var norm float64
		for _, e := range es {
			norm += float64(e.x) * float64(e.x)
			m.centroids[e.word] = append(m.centroids[e.word], posting{int32(t), e.x})
		}
		m.centroidNorm[t] = math.Sqrt(norm)
	}
}

// centroidScratch is where one core sums the vectors of a term's pages:
// by word, and the words summed.
type centroidScratch struct {
	sum     []float64
	touched []int32
}

// centroid is the sum of the vectors of pages, its centroidWords heaviest
// words (equal weights: the first words), heaviest first.
func (m *Model) centroid(pages []int32, sc *centroidScratch) []entry {
	var es []entry
	if len(pages) == 1 {
		es = slices.Clone(m.pages[pages[0]].vec)
	} else {
		for _, p := range pages {
			for _, e := range m.pages[p].vec {
				if sc.sum[e.word] == 0 {
					sc.touched = append(sc.touched, e.word)
				}
				sc.sum[e.word] += float64(e.x)
			}
		}
		es = make([]entry, 0, len(sc.touched))
		for _, w := range sc.touched {
			es = append(es, entry{w, float32(sc.sum[w])})
			sc.sum[w] = 0
		}
		sc.touched = sc.touched[:0]
	}
	heaviest := func(a, b entry) int {
		if c := cmp.Compare(b.x, a.x); c != 0 {
			return c
		}
		return cmp.Compare(a.word, b.word)
	}
	if len(es) > centroidWords {
		es = heaviestOf(es, centroidWords, heaviest)
	}
	slices.SortFunc(es, heaviest)
	return es
}

// heaviestOf keeps the k first entries of es in the order cmp gives,
// in no set order, by partitioning es around pivots (quickselect).
func heaviestOf(es []entry, k int, cmp func(a, b entry) int) []entry {
	lo, hi := 0, len(es)
	for hi-lo > 1 {
		pivot := es[lo+(hi-lo)/2]
		i, j := lo, hi-1
		for i <= j {
			for cmp(es[i], pivot) < 0 {
				i++
			}
			for cmp(es[j], pivot) > 0 {
				j--
			}
			if i <= j {
				es[i], es[j] = es[j], es[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j + 1
		case k >= i:
			lo = i
		default:
			return es[:k]
		}
	}
	return es[:k]
}
