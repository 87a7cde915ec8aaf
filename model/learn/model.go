package learn

import (
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
	lang       string // the language the terms and pages are written in, "" when not known
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
	onlyPage     []int32     // by term: the one page carrying it, whose vector is its centroid; -1

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
	only        []int32 // the terms no other page carries
	vec         vector
}

// posting is a word's weight in one page or one term's centroid.
type posting struct {
	doc int32
	x   float32
}

// New builds the model from the terms (every taxonomy's, in display
// order) and the tagged pages. A term a page carries that is not among
// terms is added, titled after its key. The terms' profiles are built
// first, so that each page's text is split once, on every core, for its
// words and for the terms' titles standing in it.
func New(terms []*model.Term, examples []Example) *Model {
	m, profiled := rebuild(terms, examples)
	m.profiles = model.NewProfilesIn(profiled, m.lang)
	rd := m.readPages(examples)
	m.buildVectors(rd.ids)
	m.buildCentroids()
	m.findPopular()
	m.countSections()
	m.sortByDate()
	m.countPhrases(rd.titles)
	m.fitBlends(examples, rd)
	return m
}

// addPages keeps what the model needs of each example but its words, and
// counts the pages carrying each term.
func (m *Model) addPages(examples []Example) {
	m.pages = make([]page, len(examples))
	for i, ex := range examples {
		m.pages[i] = page{path: ex.Path, title: ex.Title, date: ex.Date}
		for _, id := range ex.Terms {
			t, ok := m.index[id]
			if !ok {
				tax, key, _ := strings.Cut(string(id), "/")
				kind, _ := model.ParseKind(tax) // a tag, for a taxonomy of the site's own
				t = m.addTerm(&model.Term{ID: id, Kind: kind, Slug: key, Title: key, Defined: true})
			}
			if !slices.Contains(m.pages[i].terms, t) {
				m.pages[i].terms = append(m.pages[i].terms, t)
			}
		}
	}
	m.count = make([]float64, len(m.terms))
	for _, p := range m.pages {
		for _, t := range p.terms {
			m.count[t]++
		}
	}
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

// languageOf is the language most of the terms are written in (a site's
// terms say theirs), "" when none says.
func languageOf(terms []*model.Term) string {
	n := make(map[string]int)
	best := ""
	for _, t := range terms {
		if t.Lang == "" {
			continue
		}
		n[t.Lang]++
		if n[t.Lang] > n[best] || n[t.Lang] == n[best] && t.Lang < best {
			best = t.Lang
		}
	}
	return best
}
