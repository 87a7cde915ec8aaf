package model

import (
	"cmp"
	"maps"
	"math"
	"slices"
)

// Suggestion is a term that fits a piece of content, with why.
type Suggestion struct {
	Term  *Term
	Score float64
	// Why are the words of the content that counted most for the term,
	// normalised (lower case, plurals folded), best first.
	Why []string
	// Against are the words of the content found only in what the term's
	// Instructions exclude, which counted against it.
	Against []string
}

// Suggester ranks the terms of a graph for pieces of content: which
// concepts, categories and tags an editor should apply (a site's other
// taxonomies are left to the learned suggester of issue 14). It is built
// once by NewSuggester and is then read only.
//
// Each defined term has a profile: its title, description, abstract and
// the part of its Instructions that says what it is for (ParseInstructions).
// A content word scores for a term by BM25F, as in search, with the content
// as a long query: words the content repeats count more, with diminishing
// returns. A word found only in what the Instructions exclude counts against
// the term. A term whose whole title appears in the content, as a phrase,
// gains as much again as its title's words.
type Suggester struct {
	g       *Graph
	words   map[string]int32
	names   []string // by word id
	idf     []float64
	post    [][]profilePosting // by word
	titles  [][]string         // by term: its title's normalised words
	offsets [][]int32          // by term: where each title word stands
}

// profilePosting is the weight of one word in one term's profile; negative
// for a word only its exclusions hold.
type profilePosting struct {
	doc    int32
	weight float32
}

// The fields of a profile and their BM25F weights; the title is saturated on
// its own and weighted as in search.
const (
	profileTitle = iota
	profileDescription
	profileAbstract
	profileUse
	profileExclude
	numProfileFields
)

var profileWeight = [numProfileFields]float64{0, 1.5, 1, 1.5, 1}

const (
	// excludeWeight scales the weight of an excluded word, against the term.
	excludeWeight = 1.0
	// contentK is the saturation of a word's count in the content (BM25's k3).
	contentK = 1.5
	// whyWords is how many words Why and Against keep.
	whyWords = 5
)

// NewSuggester builds the profiles of g's defined terms. It reads them
// twice: once for the length of each field, which the weights need the
// average of, then for the words, each term's counted in a scratch that
// the next term reuses, so that memory is the postings and little more.
func NewSuggester(g *Graph) *Suggester {
	s := &Suggester{
		g:       g,
		words:   make(map[string]int32),
		titles:  make([][]string, len(g.terms)),
		offsets: make([][]int32, len(g.terms)),
	}
	texts, lens, avg, ndocs := s.measure(g)
	s.countWords(g, texts, lens, &avg)
	s.names = make([]string, len(s.post))
	for w, id := range s.words {
		s.names[id] = w
	}
	s.idf = make([]float64, len(s.post))
	for id, p := range s.post {
		df := float64(len(p))
		s.idf[id] = math.Log(1 + (float64(ndocs)-df+0.5)/(df+0.5))
	}
	return s
}

// profileCounts are a number per field of a profile.
type profileCounts = [numProfileFields]float64

// measure is the first reading: each defined term's fields as text, their
// lengths in words and the average of each, and how many terms there are.
// It keeps the words of each title, which Suggest shows.
func (s *Suggester) measure(g *Graph) (texts [][numProfileFields]string, lens []profileCounts, avg profileCounts, ndocs int) {
	var sc wordScanner
	texts = make([][numProfileFields]string, len(g.terms))
	lens = make([]profileCounts, len(g.terms))
	var sum profileCounts
	for doc, t := range g.terms {
		if !t.Defined || !t.Kind.Builtin() {
			continue
		}
		ndocs++
		parts := ParseInstructions(t.Instructions)
		texts[doc] = [numProfileFields]string{t.DisplayTitle(), t.Description, t.Abstract, parts.Use, parts.Exclude}
		for f, text := range texts[doc] {
			n := 0
			sc.scan(text, func(w []byte, _, _ int, stop bool) {
				n++
				if f == profileTitle && !stop {
					s.titles[doc] = append(s.titles[doc], string(w))
					s.offsets[doc] = append(s.offsets[doc], int32(n-1))
				}
			})
			lens[doc][f] = float64(n)
			sum[f] += float64(n)
		}
	}
	for f := range avg {
		avg[f] = 1
		if ndocs > 0 {
			avg[f] = max(sum[f]/float64(ndocs), 1)
		}
	}
	return texts, lens, avg, ndocs
}

// countWords is the second reading: it counts each term's words per field
// and adds a posting of the word's weight to the word's list.
func (s *Suggester) countWords(g *Graph, texts [][numProfileFields]string, lens []profileCounts, avg *profileCounts) {
	// The words of one term: seen[id] is the term that last had word id,
	// and slot[id] where its counts are in terms.
	type local struct {
		id int32
		c  profileCounts
	}
	var (
		sc         wordScanner
		seen, slot []int32
		terms      []local
	)
	for doc := range g.terms {
		if !g.terms[doc].Defined {
			continue
		}
		terms = terms[:0]
		for f, text := range texts[doc] {
			sc.scan(text, func(w []byte, _, _ int, stop bool) {
				if stop {
					return
				}
				id, ok := s.words[string(w)]
				if !ok {
					id = int32(len(s.post))
					s.words[string(w)] = id
					s.post = append(s.post, nil)
					seen, slot = append(seen, -1), append(slot, 0)
				}
				if seen[id] != int32(doc) {
					seen[id], slot[id] = int32(doc), int32(len(terms))
					terms = append(terms, local{id: id})
				}
				terms[slot[id]].c[f]++
			})
		}
		for i := range terms {
			w := profileWordWeight(&terms[i].c, &lens[doc], avg)
			s.post[terms[i].id] = append(s.post[terms[i].id], profilePosting{doc: int32(doc), weight: float32(w)})
		}
	}
}

// profileWordWeight is the weight of a word in a profile from its counts
// per field: BM25F's saturated frequency as in search, less, when the
// Instructions exclude it, the saturated frequency of the exclusions. An
// exclusion often names what the term is for, to draw the line ("Kanban
// tools without context", "vinegar pickles, which take the Pickling tag"),
// so a word of the title or description never counts against the term.
func profileWordWeight(c, lens, avg *[numProfileFields]float64) float64 {
	norm := func(f int) float64 { return 1 - fieldB[1] + fieldB[1]*lens[f]/avg[f] }
	var s float64
	for f := profileDescription; f <= profileUse; f++ {
		if c[f] > 0 {
			s += profileWeight[f] * c[f] / norm(f)
		}
	}
	s = s * (k1 + 1) / (k1 + s)
	if c[profileTitle] > 0 {
		t := c[profileTitle] / (1 - fieldB[TitleField] + fieldB[TitleField]*lens[profileTitle]/avg[profileTitle])
		s += titleWeight * t * (k1 + 1) / (k1 + t)
	}
	if c[profileExclude] == 0 || c[profileTitle]+c[profileDescription] > 0 {
		return s
	}
	x := profileWeight[profileExclude] * c[profileExclude] / norm(profileExclude)
	return s - excludeWeight*x*(k1+1)/(k1+x)
}

// Suggest ranks the defined terms of each built-in kind for content (plain
// text or markdown, without front matter) and returns, per kind, the best limit of
// them with a positive score (all of them when limit is 0), best first,
// equal scores in display order.
func (s *Suggester) Suggest(content string, limit int) [NumKinds][]Suggestion {
	var sc wordScanner
	count := make(map[int32]float64)
	positions := make(map[string][]int32)
	p := int32(0)
	sc.scan(content, func(w []byte, _, _ int, stop bool) {
		if !stop {
			if id, ok := s.words[string(w)]; ok {
				count[id]++
				positions[string(w)] = append(positions[string(w)], p)
			}
		}
		p++
	})

	// Sum in word order, so that equal contents give equal scores to the bit.
	ids := slices.Sorted(maps.Keys(count))
	query := make([]float64, len(ids)) // each word's weight in the content
	score := make([]float64, len(s.g.terms))
	for i, id := range ids {
		n := count[id]
		query[i] = s.idf[id] * n * (contentK + 1) / (n + contentK)
		for _, pp := range s.post[id] {
			score[pp.doc] += query[i] * float64(pp.weight)
		}
	}
	for doc, title := range s.titles {
		if n := titleOccurrences(title, s.offsets[doc], positions); n > 0 {
			var idf float64
			for _, w := range title {
				idf += s.idf[s.words[w]]
			}
			score[doc] += idf * titleWeight * n * (k1 + 1) / (n + k1)
		}
	}

	var top [NumKinds]hitHeap
	for k := range top {
		top[k].limit = limit
	}
	for doc, t := range s.g.terms {
		if score[doc] > 0 && t.Kind.Builtin() {
			top[t.Kind].offer(int32(doc), score[doc])
		}
	}
	var out [NumKinds][]Suggestion
	for k := range top {
		for _, sd := range top[k].sorted() {
			sg := Suggestion{Term: s.g.terms[sd.doc], Score: sd.score}
			s.explain(&sg, sd.doc, ids, query)
			out[k] = append(out[k], sg)
		}
	}
	return out
}

// explain fills in the words that counted most for and against a
// suggestion, from the content's words and their weights in the content.
func (s *Suggester) explain(sg *Suggestion, doc int32, ids []int32, query []float64) {
	type contribution struct {
		word  int32
		value float64
	}
	var cs []contribution
	for i, id := range ids {
		post := s.post[id]
		j, ok := slices.BinarySearchFunc(post, doc, func(p profilePosting, d int32) int { return cmp.Compare(p.doc, d) })
		if ok {
			cs = append(cs, contribution{id, query[i] * float64(post[j].weight)})
		}
	}
	slices.SortStableFunc(cs, func(a, b contribution) int { return cmp.Compare(math.Abs(b.value), math.Abs(a.value)) })
	for _, c := range cs {
		switch {
		case c.value > 0 && len(sg.Why) < whyWords:
			sg.Why = append(sg.Why, s.names[c.word])
		case c.value < 0 && len(sg.Against) < whyWords:
			sg.Against = append(sg.Against, s.names[c.word])
		}
	}
}

// titleOccurrences counts where a title's words stand in the content as
// they stand in the title.
func titleOccurrences(title []string, offsets []int32, positions map[string][]int32) float64 {
	if len(title) == 0 {
		return 0
	}
	first := positions[title[0]]
	n := 0
	for _, p := range first {
		all := true
		for i := 1; i < len(title); i++ {
			if _, ok := slices.BinarySearch(positions[title[i]], p+offsets[i]-offsets[0]); !ok {
				all = false
				break
			}
		}
		if all {
			n++
		}
	}
	return float64(n)
}
