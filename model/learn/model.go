package learn

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"taxo/model"
)

// Model suggests terms for a piece of content from the tagged pages and
// the terms' own text. It is built once by New and is then read only.
type Model struct {
	terms      []*model.Term
	index      map[model.ID]int32
	taxonomies []string
	taxOf      []int32 // by term
	profiles   *model.Profiles

	vocab map[string]int32
	words []string  // by id
	df    []float64 // by word: how many pages hold it
	idf   []float32
	pages []page
	post  [][]posting // by word: the pages holding it
	count []float64   // by term: the pages carrying it

	centroids    [][]posting // by word: the terms whose centroid holds it
	centroidNorm []float64   // by term: the length of its centroid

	// By term: of the pages (phrasePages at most) where its title stands,
	// how many, and how many carry it; by taxonomy, the share carried over
	// all its terms.
	phraseStands, phraseCarried []float64
	phraseRate                  []float64
	phraseStep                  int // the pages counted are every phraseStep-th

	sections map[string]*sectionCounts
	byDate   map[string][]int32 // by section ("" for the whole site): the dated pages, oldest first

	candidate []bool    // by term: whether it may be suggested
	popular   [][]int32 // by taxonomy: its most used terms
	blends    []*blend  // by taxonomy: nil when the pages cannot teach one
}

// page is an example as the model keeps it.
type page struct {
	path, title string
	section     string
	date        time.Time
	terms       []int32
	vec         vector
}

// posting is a word's weight in one page or one term's centroid.
type posting struct {
	doc int32
	x   float32
}

// New builds the model from the terms (every taxonomy's, in display
// order) and the tagged pages. A term a page carries that is not among
// terms is added, titled after its key.
func New(terms []*model.Term, examples []Example) *Model {
	m := &Model{index: make(map[model.ID]int32)}
	for _, t := range terms {
		m.addTerm(t)
	}
	m.pages = make([]page, len(examples))
	texts := make([]map[string]float64, len(examples))
	for i, ex := range examples {
		m.pages[i] = page{path: ex.Path, title: ex.Title, date: ex.Date}
		for _, id := range ex.Terms {
			t, ok := m.index[id]
			if !ok {
				_, key, _ := strings.Cut(string(id), "/")
				t = m.addTerm(&model.Term{ID: id, Slug: key, Title: key, Defined: true})
			}
			if !slices.Contains(m.pages[i].terms, t) {
				m.pages[i].terms = append(m.pages[i].terms, t)
			}
		}
		texts[i] = counts(ex.Text)
	}
	m.count = make([]float64, len(m.terms))
	for _, p := range m.pages {
		for _, t := range p.terms {
			m.count[t]++
		}
	}
	m.buildVectors(texts)
	m.buildCentroids()
	profiled := make([]*model.Term, len(m.terms))
	m.candidate = make([]bool, len(m.terms))
	for i, t := range m.terms {
		if t.Defined || m.count[i] > 0 {
			profiled[i], m.candidate[i] = t, true
		}
	}
	m.profiles = model.NewProfiles(profiled)
	m.findPopular()
	m.countSections()
	m.sortByDate()
	m.countPhrases(examples)
	m.fitBlends(examples, texts)
	return m
}

// findPopular lists each taxonomy's most used terms.
func (m *Model) findPopular() {
	tops := make([]best, len(m.taxonomies))
	for i := range tops {
		tops[i].limit = priorCandidates
	}
	for t, n := range m.count {
		if n > 0 {
			tops[m.taxOf[t]].offer(int32(t), n)
		}
	}
	m.popular = make([][]int32, len(tops))
	for i := range tops {
		for _, s := range tops[i].sorted() {
			m.popular[i] = append(m.popular[i], s.term)
		}
	}
}

// trainPages is at most how many pages the blends learn from: a few
// hundred pages give thousands of rows, plenty for a handful of weights.
var trainPages = int(envFloat("TAXO_LEARN_TRAIN", 500))

// fitBlends fits each taxonomy's blend on the tagged pages, each page
// standing for new content: it is left out of what the model learned,
// its candidates weighed and checked against the terms it carries.
func (m *Model) fitBlends(examples []Example, texts []map[string]float64) {
	step := max(1, len(examples)/trainPages)
	sample := make([][][]row, (len(examples)+step-1)/step) // by page of the sample, by taxonomy
	inParallel(len(sample), func(lo, hi int) {
		for s := lo; s < hi; s++ {
			i := s * step
			ev := m.gather(Content{Path: examples[i].Path, Text: examples[i].Text, Date: examples[i].Date}, m.selfVector(texts[i]), i)
			sample[s] = make([][]row, len(m.taxonomies))
			for _, t := range m.candidates(ev) {
				tax := m.taxOf[t]
				sample[s][tax] = append(sample[s][tax], row{f: m.featuresOf(ev, t), y: contains(m.pages[i].terms, t)})
			}
		}
	})
	lists := make([][][]row, len(m.taxonomies))
	for s, rows := range sample {
		for tax, r := range rows {
			if m.taxonomyUsed(s*step, int32(tax)) {
				lists[tax] = append(lists[tax], r)
			}
		}
	}
	m.blends = make([]*blend, len(m.taxonomies))
	for tax := range lists {
		if bl, ok := fitBlend(lists[tax]); ok {
			m.blends[tax] = bl
			if debugBlend {
				fmt.Fprintf(os.Stderr, "%s: %d lists: %v  in-sample P@3 blend %.3f vote %.3f\n", m.taxonomies[tax], len(lists[tax]), bl,
					listP3(lists[tax], bl.logit), listP3(lists[tax], func(f features) float64 { return f[fVote] }))
			}
		}
	}
}

// taxonomyUsed reports whether page i carries a term of taxonomy tax: a
// page without any says nothing of how that taxonomy is applied.
func (m *Model) taxonomyUsed(i int, tax int32) bool {
	for _, t := range m.pages[i].terms {
		if m.taxOf[t] == tax {
			return true
		}
	}
	return false
}

func (m *Model) addTerm(t *model.Term) int32 {
	if i, ok := m.index[t.ID]; ok {
		return i
	}
	i := int32(len(m.terms))
	m.terms = append(m.terms, t)
	m.index[t.ID] = i
	tax := Taxonomy(t.ID)
	j := slices.Index(m.taxonomies, tax)
	if j < 0 {
		j = len(m.taxonomies)
		m.taxonomies = append(m.taxonomies, tax)
	}
	m.taxOf = append(m.taxOf, int32(j))
	return i
}

// maxShare is the share of pages beyond which a word says nothing of a
// page's subject: it is left out of the vectors.
const maxShare = 0.5

// buildVectors numbers the pages' words, weighs them and indexes the
// pages by word.
func (m *Model) buildVectors(texts []map[string]float64) {
	m.vocab = make(map[string]int32)
	var df []float64
	for _, c := range texts {
		for w := range c {
			id, ok := m.vocab[w]
			if !ok {
				id = int32(len(df))
				m.vocab[w] = id
				m.words = append(m.words, w)
				df = append(df, 0)
			}
			df[id]++
		}
	}
	n := float64(len(texts))
	m.df = df
	m.idf = make([]float32, len(df))
	for id, d := range df {
		if d <= maxShare*n || n < 10 {
			m.idf[id] = float32(math.Log(n / d))
		}
	}
	m.post = make([][]posting, len(df))
	for i, c := range texts {
		m.pages[i].vec = weigh(c, m.vocab, m.idf)
		for _, e := range m.pages[i].vec {
			m.post[e.word] = append(m.post[e.word], posting{int32(i), e.x})
		}
	}
}

// centroidWords is how many of its heaviest words a term's centroid keeps.
const centroidWords = 200

// buildCentroids sums, for each term, the vectors of the pages carrying
// it, keeps the heaviest words and scales the centroid to unit length.
func (m *Model) buildCentroids() {
	sums := make([]map[int32]float64, len(m.terms))
	for _, p := range m.pages {
		for _, t := range p.terms {
			if sums[t] == nil {
				sums[t] = make(map[int32]float64)
			}
			for _, e := range p.vec {
				sums[t][e.word] += float64(e.x)
			}
		}
	}
	m.centroids = make([][]posting, len(m.vocab))
	m.centroidNorm = make([]float64, len(m.terms))
	for t, sum := range sums {
		if sum == nil {
			continue
		}
		es := make([]entry, 0, len(sum))
		for w, x := range sum {
			es = append(es, entry{w, float32(x)})
		}
		slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(b.x, a.x) })
		es = es[:min(len(es), centroidWords)]
		var norm float64
		for _, e := range es {
			norm += float64(e.x) * float64(e.x)
			m.centroids[e.word] = append(m.centroids[e.word], posting{int32(t), e.x})
		}
		m.centroidNorm[t] = math.Sqrt(norm)
	}
}

func listP3(lists [][]row, score func(features) float64) float64 {
	var sum float64
	n := 0
	for _, l := range lists {
		l = slices.Clone(l)
		slices.SortStableFunc(l, func(a, b row) int { return cmp.Compare(score(b.f), score(a.f)) })
		hits := 0
		for _, r := range l[:min(3, len(l))] {
			if r.y {
				hits++
			}
		}
		sum += float64(hits) / 3
		n++
	}
	return sum / float64(n)
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

// phrasePages is at most how many pages the counts of titles standing in
// pages are taken from; phraseSmoothing how many pages at the overall rate
// a term's own count is mixed with.
const (
	phrasePages     = 2000
	phraseSmoothing = 2.0
)

// countPhrases counts, for each term, the pages where its whole title
// stands and how many of them carry it: whether a page that names a term
// is about it is a habit of each site, and of each term.
func (m *Model) countPhrases(examples []Example) {
	if len(examples) == 0 {
		return
	}
	m.phraseStands = make([]float64, len(m.terms))
	m.phraseCarried = make([]float64, len(m.terms))
	m.phraseStep = max(1, len(examples)/phrasePages)
	n := (len(examples) + m.phraseStep - 1) / m.phraseStep
	found := make([][]int32, n) // by page counted: the terms whose title stands in it
	inParallel(n, func(lo, hi int) {
		for s := lo; s < hi; s++ {
			m.profiles.TitlesIn(examples[s*m.phraseStep].Text, func(t int, _ float64) { found[s] = append(found[s], int32(t)) })
		}
	})
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

// inParallel calls fn on the n items cut into one run per core, at once,
// and waits for them all.
func inParallel(n int, fn func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { fn(p*n/parts, (p+1)*n/parts) })
	}
	wg.Wait()
}
