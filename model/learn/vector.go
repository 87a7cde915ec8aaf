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
// occur, in the order they first occur, as a reader counts them.
func counts(lang, text string) []wordCount {
	r := newReader(lang, nil)
	var out []wordCount
	for _, e := range r.read(text, false) {
		out = append(out, wordCount{r.words[e.word], float64(e.x)})
	}
	return out
}

// reader reads texts one after the other on one core: it counts the words
// of each, numbering them as it first sees them in any text (a word is
// looked up in one map, the reader's, once each time it stands in a text),
// and can note each text's words as the terms' profiles number them, so
// that a text is split once for both.
type reader struct {
	lang     string
	profiles *model.Profiles // nil when the profiles' words are not wanted
	index    map[string]int32
	words    []string  // by the reader's number
	counted  []bool    // by number: whether a text counted it (not a character only seen paired)
	profile  []int32   // by number: the profiles' number, -1 when they lack it
	n        []float32 // by number: how often the text being read holds it
	order    []int32   // the words the text being read counted, as first seen
	tokens   []int32   // the text's words by position, as the profiles number them

	// The characters of scripts written without spaces, and their pairs,
	// most of a Japanese text: by rune from charLow, its number + 1; by
	// pair of such runes packed in one number, its number. A string looked
	// up in a map of many is most of the time reading takes.
	chars []int32
	pairs map[uint32]int32
}

// The runes from charLow to charHigh (kana, the common Han: most of
// Chinese and Japanese text) are numbered by rune, and their pairs by the
// pair; charBits hold a rune's offset from charLow.
const (
	charLow  = 0x3000
	charHigh = 0x9FFF
	charBits = 15
)

func newReader(lang string, profiles *model.Profiles) *reader {
	return &reader{lang: lang, profiles: profiles, index: make(map[string]int32)}
}

// char is the reader's number for the character w, the rune c.
func (r *reader) char(w []byte, c rune) int32 {
	if c < charLow || c > charHigh {
		return r.word(w)
	}
	if r.chars == nil {
		r.chars = make([]int32, charHigh-charLow+1)
	}
	if id := r.chars[c-charLow] - 1; id >= 0 {
		return id
	}
	id := r.add(string(w))
	r.chars[c-charLow] = id + 1
	return id
}

// pair is the reader's number for the pair of characters a then b, the
// runes ca and cb.
func (r *reader) pair(buf []byte, a, b string, ca, cb rune) ([]byte, int32) {
	buf = append(append(buf[:0], a...), b...)
	if ca < charLow || ca > charHigh || cb < charLow || cb > charHigh {
		return buf, r.word(buf)
	}
	key := uint32(ca-charLow)<<charBits | uint32(cb-charLow)
	if r.pairs == nil {
		r.pairs = make(map[uint32]int32, 1<<12)
	}
	if id, ok := r.pairs[key]; ok {
		return buf, id
	}
	id := r.add(string(buf))
	r.pairs[key] = id
	return buf, id
}

// word is the reader's number for w, given one if it has none.
func (r *reader) word(w []byte) int32 {
	if id, ok := r.index[string(w)]; ok {
		return id
	}
	s := string(w)
	id := r.add(s)
	r.index[s] = id
	return id
}

// add numbers the word w, new to the reader. A character from charLow to
// charHigh, or a pair of them, is numbered by chars or pairs alone: no
// other word is spelt as it is, since the word scanner makes such a
// character a word of its own.
func (r *reader) add(w string) int32 {
	id := int32(len(r.words))
	r.words = append(r.words, w)
	r.counted = append(r.counted, false)
	pid := int32(-1)
	if r.profiles != nil {
		if n, ok := r.profiles.WordID(w); ok {
			pid = n
		}
	}
	r.profile = append(r.profile, pid)
	r.n = append(r.n, 0)
	return id
}

func (r *reader) count(id int32) {
	if r.n[id] == 0 {
		r.order = append(r.order, id)
		r.counted[id] = true
	}
	r.n[id]++
}

// read counts the words of text: the words search compares, the
// language's stopwords left out; in scripts written without spaces
// (Chinese, Japanese), each pair of characters side by side in place of
// the characters, since one character says little (as Lucene's CJK
// analyser does), and a character alone as itself. It returns them by the
// reader's numbers, in the order they first occur, with how often they
// do; with tokens, r.tokens are then the text's words by position as the
// profiles number them (MatchWords), valid until the next read.
func (r *reader) read(text string, tokens bool) []entry {
	r.tokens = r.tokens[:0]
	// A run of such characters counts as its pairs; a character alone,
	// with none beside it, as itself.
	var pair []byte
	prev, prevEnd, paired := int32(-1), -1, false
	var prevRune rune
	endRun := func() {
		if prevEnd >= 0 && !paired {
			r.count(prev)
		}
		prevEnd, paired = -1, false
	}
	model.WordsIn(r.lang, text, func(w []byte, start, end int, stop bool) {
		c, single := singleIdeograph(w)
		id := int32(-1)
		switch {
		case single:
			id = r.char(w, c)
		case !stop:
			id = r.word(w)
		}
		if tokens {
			if stop || id < 0 {
				r.tokens = append(r.tokens, -1)
			} else {
				r.tokens = append(r.tokens, r.profile[id])
			}
		}
		if !single {
			endRun()
			if !stop {
				r.count(id)
			}
			return
		}
		if prevEnd == start {
			var p int32
			pair, p = r.pair(pair, r.words[prev], r.words[id], prevRune, c)
			r.count(p)
			paired = true
		} else {
			endRun()
		}
		prev, prevEnd, prevRune = id, end, c
	})
	endRun()
	out := make([]entry, len(r.order))
	for i, id := range r.order {
		out[i] = entry{id, r.n[id]}
		r.n[id] = 0
	}
	r.order = r.order[:0]
	return out
}

// singleIdeograph returns the character w is when it is one character
// of a script written without spaces, which the word scanner makes a word
// of its own, and whether it is. A word of one other letter (French "à",
// German "ü") is a word like any other, which may be a stopword.
func singleIdeograph(w []byte) (rune, bool) {
	if len(w) == 0 || w[0] < utf8.RuneSelf {
		return 0, false
	}
	c, size := utf8.DecodeRune(w)
	return c, size == len(w) && model.IsIdeograph(c)
}

// sortByWord sorts entries of distinct words, each below 1<<32, by word:
// a radix sort of radixBits at a time, through buf, which it returns to
// be used again (a comparison sort of a page's thousands of words was a
// twentieth of the build).
func sortByWord(es []entry, buf []entry) []entry {
	if len(es) < 2 {
		return buf
	}
	top := int32(0)
	for _, e := range es {
		top = max(top, e.word)
	}
	buf = slices.Grow(buf[:0], len(es))[:len(es)]
	src, dst := es, buf
	var count [1 << radixBits]int32
	for shift := uint(0); shift < 32 && top>>shift > 0; shift += radixBits {
		clear(count[:])
		for _, e := range src {
			count[uint32(e.word)>>shift&(1<<radixBits-1)]++
		}
		at := int32(0)
		for d, n := range count {
			count[d] = at
			at += n
		}
		for _, e := range src {
			d := uint32(e.word) >> shift & (1<<radixBits - 1)
			dst[count[d]] = e
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &es[0] {
		copy(es, src)
	}
	return buf
}

// radixBits is how many bits of a word sortByWord sorts by at a time.
const radixBits = 11

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

// buildVectors weighs the pages' words, numbered (readPages), and indexes
// the pages by word. The weighing runs on every core.
func (m *Model) buildVectors(ids [][]entry) {
	m.df = m.countPages(ids)
	n := float64(len(ids))
	m.idf = make([]float32, len(m.df))
	for id, d := range m.df {
		if d <= maxShare*n || n < 10 {
			m.idf[id] = float32(math.Log(n / d))
		}
	}
	inParallel(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			m.pages[i].vec = weigh(ids[i], m.idf)
		}
	})
	m.post = make([][]posting, len(m.df))
	for i := range ids {
		for _, e := range m.pages[i].vec {
			m.post[e.word] = append(m.post[e.word], posting{int32(i), e.x})
		}
	}
}

// read is what readPages found in the examples: each page's counts by the
// words' numbers in the model, in the order of the numbers; the pages the
// blends learn from (trainingSample) and, by page of that sample, its
// words as the profiles number them; by page counted for titles
// (phraseStep), the terms whose title stands in it.
type read struct {
	ids    [][]entry
	sample []int
	tokens [][]int32
	titles [][]int32
}

// readPages reads the examples on every core, each page's text split
// once: it counts their words, numbered in the order of the words so that
// one site always gives one model, and sets the model's words and
// vocabulary. Each core numbers the words of its run of pages as it first
// sees them, then the runs' words are sorted together and each run's
// numbers translated: a word is looked up once per run, not once per page.
func (m *Model) readPages(examples []Example) read {
	m.phraseStep = max(1, len(examples)/phrasePages)
	out := read{
		ids:    make([][]entry, len(examples)),
		sample: trainingSample(len(examples)),
		titles: make([][]int32, (len(examples)+m.phraseStep-1)/m.phraseStep),
	}
	out.tokens = make([][]int32, len(out.sample))
	sampled := make([]int32, len(examples)) // by page: its place in the sample, -1
	for i := range sampled {
		sampled[i] = -1
	}
	for s, i := range out.sample {
		sampled[i] = int32(s)
	}
	var mu sync.Mutex
	var runs []readRun
	inParallel(len(examples), func(lo, hi int) {
		r := newReader(m.lang, m.profiles)
		for i := lo; i < hi; i++ {
			phrases, training := i%m.phraseStep == 0, sampled[i] >= 0
			out.ids[i] = r.read(examples[i].Text, phrases || training)
			if phrases {
				s := i / m.phraseStep
				m.profiles.TitlesInWords(r.tokens, func(t int, _ float64) { out.titles[s] = append(out.titles[s], int32(t)) })
			}
			if training {
				out.tokens[sampled[i]] = slices.Clone(r.tokens)
			}
		}
		mu.Lock()
		runs = append(runs, readRun{lo, hi, r})
		mu.Unlock()
	})
	m.numberRuns(runs, out.ids)
	return out
}

// readRun is the run of pages lo to hi, read by one core's reader.
type readRun struct {
	lo, hi int
	r      *reader
}

// numberRuns sorts the words the runs' readers counted into the model's
// words and vocabulary, and translates each page's counts (ids, by page)
// from its reader's numbers to the model's, sorted by word.
func (m *Model) numberRuns(runs []readRun, ids [][]entry) {
	var all []string
	for _, rn := range runs {
		for id, w := range rn.r.words {
			if rn.r.counted[id] {
				all = append(all, w)
			}
		}
	}
	slices.Sort(all)
	m.words = slices.Compact(all)
	m.vocab = make(map[string]int32, len(m.words))
	for id, w := range m.words {
		m.vocab[w] = int32(id)
	}
	inParallel(len(runs), func(lo, hi int) {
		for _, rn := range runs[lo:hi] {
			global := make([]int32, len(rn.r.words))
			for j, w := range rn.r.words {
				if rn.r.counted[j] {
					global[j] = m.vocab[w]
				}
			}
			var buf []entry
			for _, es := range ids[rn.lo:rn.hi] {
				for j := range es {
					es[j].word = global[es[j].word]
				}
				buf = sortByWord(es, buf)
			}
		}
	})
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
	entries []entry // the sum's words, before the heaviest are kept
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
	es := sc.entries[:0]
	for _, w := range sc.touched {
		es = append(es, entry{w, float32(sc.sum[w])})
		sc.sum[w] = 0
	}
	sc.touched, sc.entries = sc.touched[:0], es
	if len(es) > centroidWords {
		es = heaviestOf(es, centroidWords)
	}
	return slices.Clone(es)
}

// heavier reports whether a comes before b among the heaviest entries:
// it weighs more, or as much with a lower word.
func heavier(a, b entry) bool {
	return a.x > b.x || a.x == b.x && a.word < b.word
}

// heaviestOf keeps the k heaviest entries of es (heavier), in no set
// order, by partitioning es around pivots (quickselect).
func heaviestOf(es []entry, k int) []entry {
	lo, hi := 0, len(es)
	for hi-lo > 1 {
		pivot := es[lo+(hi-lo)/2]
		i, j := lo, hi-1
		for i <= j {
			for heavier(es[i], pivot) {
				i++
			}
			for heavier(pivot, es[j]) {
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
