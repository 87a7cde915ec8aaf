package model

import (
	"cmp"
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
// taxonomies, and what its tagged pages teach, are package learn's). It is
// built once by NewSuggester and is then read only.
type Suggester struct {
	g *Graph
	p *Profiles
}

// Profiles score any list of terms against a piece of content by the
// terms' own text, for Suggester and for models that learn from tagged
// pages.
//
// Each term has a profile: its title, description, abstract and the part
// of its Instructions that says what it is for (ParseInstructions). A
// content word scores for a term by BM25F, as in search, with the content
// as a long query: words the content repeats count more, with diminishing
// returns. A word found only in what the Instructions exclude counts
// against the term. A term whose whole title appears in the content, as a
// phrase, gains as much again as its title's words.
type Profiles struct {
	terms   []*Term
	words   map[string]int32
	names   []string // by word id
	idf     []float64
	post    [][]profilePosting // by word
	titles  [][]int32          // by term: its title's words
	offsets [][]int32          // by term: where each title word stands
	rarest  []int32            // by term: which of its title's words the fewest profiles hold
	byWord  [][]int32          // by word: the terms whose title's rarest word it is, of two words or more
	alone   [][]int32          // by word: the terms whose title it is alone
	stop    *stopSet           // the stopwords of the terms' language
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

// NewSuggester builds the profiles of g's defined terms of the built-in
// kinds.
func NewSuggester(g *Graph) *Suggester {
	defined := make([]*Term, len(g.terms))
	for i, t := range g.terms {
		if t.Defined && t.Kind.Builtin() {
			defined[i] = t
		}
	}
	return &Suggester{g: g, p: NewProfiles(defined)}
}

// profileCounts are a word's counts, or a profile's lengths, per field.
type profileCounts = [numProfileFields]float64

// NewProfiles builds the profiles of terms, a nil entry being left out
// (it never scores). It reads the terms twice: once for the length of each
// field, which the weights need the average of, then for the words, each
// term's counted in a scratch that the next term reuses, so that memory is
// the postings and little more.
func NewProfiles(terms []*Term) *Profiles { return NewProfilesIn(terms, "") }

// NewProfilesIn is NewProfiles for terms, and the contents matched with
// them, written in the language with the code lang: its stopwords are left
// out as well as English's (see WordsIn).
func NewProfilesIn(terms []*Term, lang string) *Profiles {
	p := &Profiles{
		stop:    stopwordsOf(lang),
		terms:   terms,
		words:   make(map[string]int32),
		offsets: make([][]int32, len(terms)),
	}
	texts, titles, lens, avg, ndocs := p.measure()
	p.post = p.postings(texts, lens, &avg)
	p.indexTitles(titles)
	p.names = make([]string, len(p.post))
	for w, id := range p.words {
		p.names[id] = w
	}
	p.idf = make([]float64, len(p.post))
	for id, post := range p.post {
		df := float64(len(post))
		p.idf[id] = math.Log(1 + (float64(ndocs)-df+0.5)/(df+0.5))
	}
	return p
}

// indexTitles numbers the titles' words and indexes each title by its
// rarest word: a title can only stand in a content that has that word, and
// the rarer it is, the fewer titles a content makes taxo check.
func (p *Profiles) indexTitles(titles [][]string) {
	p.titles = make([][]int32, len(titles))
	p.rarest = make([]int32, len(titles))
	p.byWord = make([][]int32, len(p.post))
	p.alone = make([][]int32, len(p.post))
	for doc, title := range titles {
		if len(title) == 0 {
			continue
		}
		for i, w := range title {
			id := p.words[w]
			p.titles[doc] = append(p.titles[doc], id)
			if len(p.post[id]) < len(p.post[p.titles[doc][p.rarest[doc]]]) {
				p.rarest[doc] = int32(i)
			}
		}
		key := p.titles[doc][p.rarest[doc]]
		if len(title) == 1 {
			p.alone[key] = append(p.alone[key], int32(doc))
		} else {
			p.byWord[key] = append(p.byWord[key], int32(doc))
		}
	}
}

// measure cuts each term into the fields of its profile and counts their
// words, noting the title's words and where they stand; it returns the
// fields, the titles' words, their lengths, the average length of each
// field and how many terms have a profile.
func (p *Profiles) measure() ([][numProfileFields]string, [][]string, []profileCounts, profileCounts, int) {
	sc := wordScanner{stop: p.stop}
	texts := make([][numProfileFields]string, len(p.terms))
	titles := make([][]string, len(p.terms))
	lens := make([]profileCounts, len(p.terms))
	var sum profileCounts
	ndocs := 0
	for doc, t := range p.terms {
		if t == nil {
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
					titles[doc] = append(titles[doc], string(w))
					p.offsets[doc] = append(p.offsets[doc], int32(n-1))
				}
			})
			lens[doc][f] = float64(n)
			sum[f] += float64(n)
		}
	}
	var avg profileCounts
	for f := range avg {
		avg[f] = 1
		if ndocs > 0 {
			avg[f] = max(sum[f]/float64(ndocs), 1)
		}
	}
	return texts, titles, lens, avg, ndocs
}

// postings numbers the words of the profiles and lists, for each word, the
// terms whose profile holds it with its weight there.
func (p *Profiles) postings(texts [][numProfileFields]string, lens []profileCounts, avg *profileCounts) [][]profilePosting {
	sc := wordScanner{stop: p.stop}
	var post [][]profilePosting
	// The words of one term: seen[id] is the term that last had word id,
	// and slot[id] where its counts are in local.
	type local struct {
		id int32
		c  profileCounts
	}
	var (
		seen, slot []int32
		words      []local
	)
	for doc, t := range p.terms {
		if t == nil {
			continue
		}
		words = words[:0]
		for f, text := range texts[doc] {
			sc.scan(text, func(w []byte, _, _ int, stop bool) {
				if stop {
					return
				}
				id, ok := p.words[string(w)]
				if !ok {
					id = int32(len(post))
					p.words[string(w)] = id
					post = append(post, nil)
					seen, slot = append(seen, -1), append(slot, 0)
				}
				if seen[id] != int32(doc) {
					seen[id], slot[id] = int32(doc), int32(len(words))
					words = append(words, local{id: id})
				}
				words[slot[id]].c[f]++
			})
		}
		for i := range words {
			w := profileWordWeight(&words[i].c, &lens[doc], avg)
			post[words[i].id] = append(post[words[i].id], profilePosting{doc: int32(doc), weight: float32(w)})
		}
	}
	return post
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
	m := s.p.Match(content)
	var top [NumKinds]hitHeap
	for k := range top {
		top[k].limit = limit
	}
	for doc, t := range s.g.terms {
		if m.Scores[doc] > 0 && t.Kind.Builtin() {
			top[t.Kind].offer(int32(doc), m.Scores[doc])
		}
	}
	var out [NumKinds][]Suggestion
	for k := range top {
		for _, sd := range top[k].sorted() {
			sg := Suggestion{Term: s.g.terms[sd.doc], Score: sd.score}
			sg.Why, sg.Against = m.Explain(int(sd.doc))
			out[k] = append(out[k], sg)
		}
	}
	return out
}

// TextMatch is how well one piece of content matches each profile.
type TextMatch struct {
	// Scores are by term, in the order given to NewProfiles; 0 for a term
	// that matched nothing, negative for one its exclusions count against.
	Scores []float64
	// Titles are by term too: how often the term's whole title stands in
	// the content as a phrase.
	Titles []float64
	p      *Profiles
	ids    []int32   // the content's words found in profiles, in id order
	query  []float64 // each of those words' weight in the content
}

// Match scores every profile for content (plain text or markdown, without
// front matter).
func (p *Profiles) Match(content string) *TextMatch { return p.MatchInto(nil, content) }

// MatchInto is Match writing over the scores of into, a match of these
// profiles no longer needed (nil for none): a caller matching many
// contents one after the other makes its scores once.
func (p *Profiles) MatchInto(into *TextMatch, content string) *TextMatch {
	return p.matchAt(into, p.positions(content))
}

// MatchWords is MatchInto for a content already split into words (by
// WordsIn, in the profiles' language): its words by position, as WordID
// numbers them, -1 for a stopword or a word no profile holds. A caller
// that splits a content for its own use as well splits it once.
func (p *Profiles) MatchWords(into *TextMatch, words []int32) *TextMatch {
	return p.matchAt(into, positionsOf(words))
}

// WordID is the number the profiles give the word w, as WordsIn gives it,
// and false when no profile holds it (a stopword never does).
func (p *Profiles) WordID(w string) (int32, bool) {
	id, ok := p.words[w]
	return id, ok
}

// matchAt scores every profile for the content whose words stand at
// positions, writing over into as MatchInto does.
func (p *Profiles) matchAt(into *TextMatch, positions wordPositions) *TextMatch {
	m := into
	if m == nil || m.p != p {
		m = &TextMatch{p: p, Scores: make([]float64, len(p.terms)), Titles: make([]float64, len(p.terms))}
	} else {
		clear(m.Scores)
		clear(m.Titles)
	}
	// Sum in word order, so that equal contents give equal scores to the bit.
	m.ids = positions.ids
	m.query = make([]float64, len(m.ids))
	for i, id := range m.ids {
		n := float64(positions.start[i+1] - positions.start[i]) // how often the word stands in the content
		m.query[i] = p.idf[id] * n * (contentK + 1) / (n + contentK)
		for _, pp := range p.post[id] {
			m.Scores[pp.doc] += m.query[i] * float64(pp.weight)
		}
	}
	p.eachTitle(positions, func(doc int32, n float64) {
		m.Titles[doc] = n
		var idf float64
		for _, w := range p.titles[doc] {
			idf += p.idf[w]
		}
		m.Scores[doc] += idf * titleWeight * n * (k1 + 1) / (n + k1)
	})
	return m
}

// TitlesIn calls fn for each term whose whole title stands in content,
// with how often, in no set order: Match's Titles without the scoring.
func (p *Profiles) TitlesIn(content string, fn func(term int, n float64)) {
	p.eachTitle(p.positions(content), func(doc int32, n float64) { fn(int(doc), n) })
}

// TitlesInWords is TitlesIn for a content already split into words, as
// MatchWords takes it.
func (p *Profiles) TitlesInWords(words []int32, fn func(term int, n float64)) {
	p.eachTitle(positionsOf(words), func(doc int32, n float64) { fn(int(doc), n) })
}

// wordPositions are where each word of a content stands: its words in the
// order of their numbers, each once, and the positions of each in order.
type wordPositions struct {
	ids   []int32
	start []int32 // the positions of ids[i] are at[start[i]:start[i+1]]
	at    []int32
}

// of are the positions of word id, none when the content lacks it.
func (wp *wordPositions) of(id int32) []int32 {
	i, ok := slices.BinarySearch(wp.ids, id)
	if !ok {
		return nil
	}
	return wp.at[wp.start[i]:wp.start[i+1]]
}

// positionsOf notes where each word stands in a content split into words
// by their numbers (-1 for none). The words and their positions are
// sorted together, each pair packed in one number: cheaper than a map of
// lists, one list a word.
func positionsOf(words []int32) wordPositions {
	keys := make([]uint64, 0, len(words))
	for pos, id := range words {
		if id >= 0 {
			keys = append(keys, uint64(id)<<32|uint64(pos))
		}
	}
	slices.Sort(keys)
	wp := wordPositions{at: make([]int32, len(keys))}
	for i, k := range keys {
		if id := int32(k >> 32); len(wp.ids) == 0 || wp.ids[len(wp.ids)-1] != id {
			wp.ids = append(wp.ids, id)
			wp.start = append(wp.start, int32(i))
		}
		wp.at[i] = int32(uint32(k))
	}
	wp.start = append(wp.start, int32(len(keys)))
	return wp
}

// positions notes where each of the content's words that profiles hold
// stands (how often it does is how many places it has).
func (p *Profiles) positions(content string) wordPositions {
	sc := wordScanner{stop: p.stop}
	var words []int32
	sc.scan(content, func(w []byte, _, _ int, stop bool) {
		id := int32(-1)
		if !stop {
			if n, ok := p.words[string(w)]; ok {
				id = n
			}
		}
		words = append(words, id)
	})
	return positionsOf(words)
}

// eachTitle calls fn once for each term whose title stands in the content
// whose words stand at positions, in no set order.
func (p *Profiles) eachTitle(positions wordPositions, fn func(doc int32, n float64)) {
	for i, w := range positions.ids {
		at := positions.at[positions.start[i]:positions.start[i+1]]
		for _, doc := range p.alone[w] {
			fn(doc, float64(len(at)))
		}
		for _, doc := range p.byWord[w] {
			if n := titleOccurrences(p.titles[doc], p.offsets[doc], int(p.rarest[doc]), at, &positions); n > 0 {
				fn(doc, n)
			}
		}
	}
}

// Explain returns the words of the content that counted most for the term
// numbered doc and those that counted against it, best first.
func (m *TextMatch) Explain(doc int) (why, against []string) {
	type contribution struct {
		word  int32
		value float64
	}
	var cs []contribution
	for i, id := range m.ids {
		post := m.p.post[id]
		j, ok := slices.BinarySearchFunc(post, int32(doc), func(p profilePosting, d int32) int { return cmp.Compare(p.doc, d) })
		if ok {
			cs = append(cs, contribution{id, m.query[i] * float64(post[j].weight)})
		}
	}
	slices.SortStableFunc(cs, func(a, b contribution) int { return cmp.Compare(math.Abs(b.value), math.Abs(a.value)) })
	for _, c := range cs {
		switch {
		case c.value > 0 && len(why) < whyWords:
			why = append(why, m.p.names[c.word])
		case c.value < 0 && len(against) < whyWords:
			against = append(against, m.p.names[c.word])
		}
	}
	return why, against
}

// titleOccurrences counts where a title's words stand in the content as
// they stand in the title, from where its key word (the k-th) stands, at.
func titleOccurrences(title []int32, offsets []int32, k int, at []int32, positions *wordPositions) float64 {
	for i, w := range title {
		if i != k && len(positions.of(w)) == 0 {
			return 0 // most titles looked at have a word the content lacks
		}
	}
	n := 0
	for _, p := range at {
		all := true
		for i := range title {
			if i == k {
				continue
			}
			if _, ok := slices.BinarySearch(positions.of(title[i]), p+offsets[i]-offsets[k]); !ok {
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
