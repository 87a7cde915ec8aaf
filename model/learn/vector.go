package learn

import (
	"cmp"
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

// wordCount is a word of a text and how often it occurs.
type wordCount struct {
	word string
	n    float64
}

// counts are the words of a text in the language lang with how often they
// occur, in the order they first occur: the words search compares, the
// language's stopwords left out; in scripts written without spaces
// (Chinese, Japanese), each pair of characters side by side in place of
// the characters, since one character says little (as Lucene's CJK
// analyser does), and a character alone as itself.
func counts(lang, text string) []wordCount {
	// Sized for a word in about every eight bytes, as in English or in
	// Japanese (a character and a pair every three): growing the map is
	// most of the time counting takes.
	out := make([]wordCount, 0, len(text)/8)
	index := make(map[string]int32, len(text)/8)
	add := func(w []byte) {
		if i, ok := index[string(w)]; ok {
			out[i].n++
			return
		}
		s := string(w)
		index[s] = int32(len(out))
		out = append(out, wordCount{s, 1})
	}
	// A run of such characters counts as its pairs; a character alone,
	// with none beside it, as itself.
	var prev, pair []byte
	prevEnd, paired := -1, false
	endRun := func() {
		if prevEnd >= 0 && !paired {
			add(prev)
		}
		prev, prevEnd, paired = prev[:0], -1, false
	}
	model.WordsIn(lang, text, func(w []byte, start, end int, stop bool) {
		if !isSingleIdeograph(w) {
			endRun()
			if !stop {
				add(w)
			}
			return
		}
		if prevEnd == start {
			pair = append(append(pair[:0], prev...), w...)
			add(pair)
			paired = true
		} else {
			endRun()
		}
		prev, prevEnd = append(prev[:0], w...), end
	})
	endRun()
	return out
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

// numbered is a text's counts by the words' numbers in vocab, in their
// order; the words vocab lacks are left out.
func numbered(c []wordCount, vocab map[string]int32) []entry {
	es := make([]entry, 0, len(c))
	for _, wc := range c {
		if id, ok := vocab[wc.word]; ok {
			es = append(es, entry{id, float32(wc.n)})
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.word, b.word) })
	return es
}

// weigh makes the vector of a text's counts (numbered): each word's
// weight is (1 + ln count) × idf, then the whole is scaled to unit length.
// Words with no idf (too common to tell pages apart) are left out.
func weigh(counts []entry, idf []float32) vector {
	v := make(vector, 0, len(counts))
	var norm float64
	for _, e := range counts {
		if idf[e.word] == 0 {
			continue
		}
		x := (1 + math.Log(float64(e.x))) * float64(idf[e.word])
		v = append(v, entry{e.word, float32(x)})
		norm += x * x
	}
	if norm == 0 {
		return nil
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i].x *= inv
	}
	return v
}

// maxShare is the share of pages beyond which a word says nothing of a
// page's subject: it is left out of the vectors.
const maxShare = 0.5

// buildVectors numbers the pages' words, in the order of the words so
// that one site always gives one model, weighs them and indexes the pages
// by word. Each step but the last runs on every core. It returns the
// pages' counts, numbered.
func (m *Model) buildVectors(texts [][]wordCount) [][]entry {
	ids := m.number(texts)
	m.df = m.countPages(ids)
	n := float64(len(texts))
	m.idf = make([]float32, len(m.df))
	for id, d := range m.df {
		if d <= maxShare*n || n < 10 {
			m.idf[id] = float32(math.Log(n / d))
		}
	}
	inParallel(len(texts), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			m.pages[i].vec = weigh(ids[i], m.idf)
		}
	})
	m.post = make([][]posting, len(m.df))
	for i := range texts {
		for _, e := range m.pages[i].vec {
			m.post[e.word] = append(m.post[e.word], posting{int32(i), e.x})
		}
	}
	return ids
}

// number numbers the texts' words in the order of the words, so that one
// site always gives one model, and sets the model's words and vocabulary;
// it returns each text's counts by number, in the order of the numbers.
// Each core numbers the words of its run of texts as it first sees them,
// then the runs' words are sorted together and each run's numbers
// translated: a word is looked up once per run, not once per text.
func (m *Model) number(texts [][]wordCount) [][]entry {
	type run struct {
		lo, hi int
		words  []string // by the run's own number
	}
	ids := make([][]entry, len(texts))
	var mu sync.Mutex
	var runs []run
	inParallel(len(texts), func(lo, hi int) {
		local := make(map[string]int32)
		var words []string
		for i := lo; i < hi; i++ {
			ids[i] = make([]entry, len(texts[i]))
			for j, wc := range texts[i] {
				id, ok := local[wc.word]
				if !ok {
					id = int32(len(words))
					local[wc.word] = id
					words = append(words, wc.word)
				}
				ids[i][j] = entry{id, float32(wc.n)}
			}
		}
		mu.Lock()
		runs = append(runs, run{lo, hi, words})
		mu.Unlock()
	})
	var all []string
	for _, r := range runs {
		all = append(all, r.words...)
	}
	slices.Sort(all)
	m.words = slices.Compact(all)
	m.vocab = make(map[string]int32, len(m.words))
	for id, w := range m.words {
		m.vocab[w] = int32(id)
	}
	inParallel(len(runs), func(lo, hi int) {
		for _, r := range runs[lo:hi] {
			global := make([]int32, len(r.words))
			for j, w := range r.words {
				global[j] = m.vocab[w]
			}
			for _, es := range ids[r.lo:r.hi] {
				for j := range es {
					es[j].word = global[es[j].word]
				}
				slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.word, b.word) })
			}
		}
	})
	return ids
}

// countPages counts, for each word, the pages that hold it (in whole
// numbers, which add up the same in any order).
func (m *Model) countPages(ids [][]entry) []float64 {
	var mu sync.Mutex
	var counts [][]float64
	inParallel(len(ids), func(lo, hi int) {
		df := make([]float64, len(m.words))
		for _, es := range ids[lo:hi] {
			for _, e := range es {
				df[e.word]++
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
func (m *Model) selfVector(counts []entry) vector {
	known := make([]entry, 0, len(counts))
	for _, e := range counts {
		if m.df[e.word] > 1 {
			known = append(known, e)
		}
	}
	return weigh(known, m.idf)
}

// centroidWords is how many of its heaviest words a term's centroid keeps.
const centroidWords = 200

// buildCentroids sums, for each term, the vectors of the pages carrying
// it and keeps the heaviest words of the sum, with its length; the terms'
// sums are made on every core. A term one page carries has that page for
// its centroid: the page's similarity with the content is its centroid's
// (on a site with a tag for every guest or product, most tags are such).
func (m *Model) buildCentroids() {
	pagesOf := make([][]int32, len(m.terms))
	for i, p := range m.pages {
		for _, t := range p.terms {
			pagesOf[t] = append(pagesOf[t], int32(i))
		}
	}
	m.onlyPage = make([]int32, len(m.terms))
	for t, pages := range pagesOf {
		m.onlyPage[t] = -1
		if len(pages) == 1 {
			m.onlyPage[t] = pages[0]
			m.pages[pages[0]].only = append(m.pages[pages[0]].only, int32(t))
		}
	}
	kept := make([][]entry, len(m.terms))
	inParallel(len(m.terms), func(lo, hi int) {
		sc := centroidScratch{sum: make([]float64, len(m.vocab))}
		for t := lo; t < hi; t++ {
			if m.onlyPage[t] < 0 {
				kept[t] = m.centroid(pagesOf[t], &sc)
			}
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
// words (equal weights: the first words), in no set order but always the
// same for the same pages.
func (m *Model) centroid(pages []int32, sc *centroidScratch) []entry {
	for _, p := range pages {
		for _, e := range m.pages[p].vec {
			if sc.sum[e.word] == 0 {
				sc.touched = append(sc.touched, e.word)
			}
			sc.sum[e.word] += float64(e.x)
		}
	}
	es := make([]entry, 0, len(sc.touched))
	for _, w := range sc.touched {
		es = append(es, entry{w, float32(sc.sum[w])})
		sc.sum[w] = 0
	}
	sc.touched = sc.touched[:0]
	heaviest := func(a, b entry) int {
		if c := cmp.Compare(b.x, a.x); c != 0 {
			return c
		}
		return cmp.Compare(a.word, b.word)
	}
	if len(es) > centroidWords {
		es = heaviestOf(es, centroidWords, heaviest)
	}
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
