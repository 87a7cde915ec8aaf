package model

import (
	"cmp"
	"container/heap"
	"fmt"
	"slices"
)

// Hit is one term a search found, with why.
type Hit struct {
	Term    *Term
	Score   float64 // BM25F: higher is better; 0 for a query of filters only
	Snippet Snippet
}

// Results are what a search found.
type Results struct {
	Hits  []Hit // best first, at most the limit asked for
	Total int   // how many terms matched in all
}

// bigramWeight is how much two query words standing side by side in a term
// add, as a share of the score of that two-word phrase. It ranks "value
// stream" above terms that speak of value and, elsewhere, of a stream.
const bigramWeight = 0.5

// Search finds the defined terms that match every clause of q and pass its
// filters, ranked by BM25F over their title, description, abstract,
// Instructions and body. limit caps the hits returned (0 means all); Total
// counts them all. A query of filters only returns the terms that pass them
// in display order. The error is for a tag: filter that names no tag, or
// a query of more than MaxClauses clauses.
func (ix *Index) Search(q Query, limit int) (Results, error) {
	if len(q.Clauses) > MaxClauses {
		return Results{}, fmt.Errorf("the query has %d clauses; at most %d are searched for", len(q.Clauses), MaxClauses)
	}
	allowed, err := ix.filter(q)
	if err != nil {
		return Results{}, err
	}
	if len(q.Clauses) == 0 {
		return ix.filterOnly(q, allowed, limit), nil
	}
	e := ix.newEval(len(q.Clauses))
	for ci, c := range q.Clauses {
		if !e.clause(uint8(ci), c) {
			return Results{}, nil
		}
	}
	need := uint8(len(q.Clauses))
	var matched []int32
	for d, n := range e.count {
		if n == need && allowed(int32(d)) {
			matched = append(matched, int32(d))
		}
	}
	if hasBigram(q.Clauses) {
		e.markForBonus(matched, limit, need+1)
		ix.bigramBonus(e, q.Clauses, need+1)
	}

	top := hitHeap{limit: limit}
	for _, d := range matched {
		top.offer(d, float64(e.score[d]))
	}
	docs := top.sorted()
	res := Results{Total: top.seen, Hits: make([]Hit, len(docs))}
	m := newMatcher(q.Clauses)
	for ci, forms := range e.forms {
		for _, w := range forms {
			m.addForm(ix.words[w], ci)
		}
	}
	for i, sd := range docs {
		t := ix.g.terms[sd.doc]
		res.Hits[i] = Hit{Term: t, Score: sd.score, Snippet: m.snippet(t)}
	}
	return res, nil
}

// filter returns whether a term passes q's kind: and tag: filters.
func (ix *Index) filter(q Query) (func(doc int32) bool, error) {
	kinds := make([]bool, len(AllKinds()))
	for _, k := range q.Kinds {
		if int(k) < len(kinds) {
			kinds[k] = true
		}
	}
	var tagged []bool
	if len(q.Tags) > 0 {
		tags := make([]*Term, 0, len(q.Tags))
		for _, name := range q.Tags {
			tag := ix.g.lookupKind(name, Tag)
			if tag == nil {
				return nil, fmt.Errorf("no tag named %q", name)
			}
			tags = append(tags, tag)
		}
		tagged = make([]bool, len(ix.g.terms))
		for _, t := range ix.g.TaggedWithAll(tags) {
			if i, ok := ix.g.at(t.ID); ok {
				tagged[i] = true
			}
		}
	}
	return func(doc int32) bool {
		t := ix.g.terms[doc]
		return t.Defined && (len(q.Kinds) == 0 || int(t.Kind) < len(kinds) && kinds[t.Kind]) && (tagged == nil || tagged[doc])
	}, nil
}

func (ix *Index) filterOnly(q Query, allowed func(int32) bool, limit int) Results {
	var res Results
	m := newMatcher(nil)
	for d, t := range ix.g.terms {
		if !allowed(int32(d)) {
			continue
		}
		res.Total++
		if limit <= 0 || len(res.Hits) < limit {
			res.Hits = append(res.Hits, Hit{Term: t, Snippet: m.snippet(t)})
		}
	}
	return res
}

// eval accumulates a query's scores. count[d] is how many clauses term d
// has matched so far; a clause only counts for the terms that matched every
// clause before it, so that after the last clause, count[d] equal to the
// number of clauses means d matched them all.
type eval struct {
	ix    *Index
	score []float32
	count []uint8
	best  []float32 // scratch for prefix clauses
	pos   [][]int32 // scratch for phrases
	seen  []uint8   // scratch for the terms holding any form of a word
	// forms are, per clause, the words it matched other than its own:
	// those of its stem, and those a word being typed starts.
	forms [][]int32
}

func (ix *Index) newEval(clauses int) *eval {
	n := len(ix.g.terms)
	return &eval{ix: ix, score: make([]float32, n), count: make([]uint8, n), forms: make([][]int32, clauses)}
}

// clause adds the scores of one clause; false means no term can match.
func (e *eval) clause(ci uint8, c Clause) bool {
	switch {
	case c.Prefix:
		return e.prefix(ci, c.Words[0])
	case c.Phrase():
		return e.phrase(ci, c.Words, c.Offsets)
	case c.Typed:
		found := e.anyForm(ci, e.ix.typedForms(c.Words[0]))
		// The snippet marks the words the prefix starts by the prefix.
		e.forms[ci] = e.ix.stemForms(c.Words[0])
		return found
	}
	forms := e.ix.stemForms(c.Words[0])
	switch len(forms) {
	case 0:
		return false
	case 1:
	default:
		return e.anyForm(ci, forms)
	}
	w := forms[0]
	e.forms[ci] = forms
	idf := float32(e.ix.idf(w))
	for i := e.ix.start[w]; i < e.ix.start[w+1]; i++ {
		d := e.ix.docs[i]
		if e.count[d] == ci {
			e.score[d] += idf * impactOf(e.ix.imp[i])
			e.count[d]++
		}
	}
	return true
}

func impactOf(imp uint16) float32 { return float32(imp) / impactScale }

// prefix matches every word starting with p; a term scores as its best
// matching word does, so that many forms of one word do not add up.
func (e *eval) prefix(ci uint8, p string) bool {
	lo, hi := e.ix.prefixRange(p)
	if lo == hi {
		return false
	}
	if e.best == nil {
		e.best = make([]float32, len(e.count))
	}
	var touched []int32
	for w := lo; w < hi; w++ {
		idf := float32(e.ix.idf(w))
		for i := e.ix.start[w]; i < e.ix.start[w+1]; i++ {
			d := e.ix.docs[i]
			s := idf * impactOf(e.ix.imp[i])
			switch e.count[d] {
			case ci:
				e.count[d]++
				e.best[d] = s
				touched = append(touched, d)
			case ci + 1:
				e.best[d] = max(e.best[d], s)
			}
		}
	}
	for _, d := range touched {
		e.score[d] += e.best[d]
	}
	return true
}

// anyForm matches the terms that hold any of the words forms, the forms
// of one word: a term scores as its best form does, weighed as rare as the
// forms are together, so that a word is worth the same whichever of its
// forms a term uses.
func (e *eval) anyForm(ci uint8, forms []int32) bool {
	if len(forms) == 0 {
		return false
	}
	e.forms[ci] = forms
	if e.best == nil {
		e.best = make([]float32, len(e.count))
	}
	if e.seen == nil {
		e.seen = make([]uint8, len(e.count))
	}
	mark := ci + 1 // seen[d] == mark: d holds a form, counted in df
	df := 0
	var touched []int32
	for _, w := range forms {
		for i := e.ix.start[w]; i < e.ix.start[w+1]; i++ {
			d := e.ix.docs[i]
			if e.seen[d] != mark {
				e.seen[d] = mark
				df++
			}
			s := impactOf(e.ix.imp[i])
			switch e.count[d] {
			case ci:
				e.count[d]++
				e.best[d] = s
				touched = append(touched, d)
			case ci + 1:
				e.best[d] = max(e.best[d], s)
			}
		}
	}
	idf := float32(idfOf(df, e.ix.ndocs))
	for _, d := range touched {
		e.score[d] += idf * e.best[d]
	}
	return true
}

func (e *eval) phrase(ci uint8, words []string, offsets []int32) bool {
	found := e.ix.phraseMatches(words, offsets, func(d int32) bool { return e.count[d] == ci }, &e.pos,
		func(d int32, s float64) {
			e.score[d] += float32(s)
			e.count[d]++
		})
	return found
}

// rerankDepth is how many of the best matches, by their words' scores
// alone, the bigram bonus looks at when a search asks for a few hits: it
// reads positions, which over 100k terms that all hold two common words
// costs more than the rest of the search. A term below that depth is left
// without the bonus; with a limit of 0 every match gets it.
func rerankDepth(limit int) int { return max(1000, 10*limit) }

// markForBonus sets count to mark for the matched terms the bigram bonus
// should look at: all of them, or the best rerankDepth when a limit is set.
func (e *eval) markForBonus(matched []int32, limit int, mark uint8) {
	if limit > 0 && len(matched) > rerankDepth(limit) {
		top := hitHeap{limit: rerankDepth(limit)}
		for _, d := range matched {
			top.offer(d, float64(e.score[d]))
		}
		for _, sd := range top.docs {
			e.count[sd.doc] = mark
		}
		return
	}
	for _, d := range matched {
		e.count[d] = mark
	}
}

// bigramBonus adds, for each two single-word clauses next to each other in
// the query, a share of their phrase score to the marked terms where they
// stand side by side.
func (ix *Index) bigramBonus(e *eval, clauses []Clause, mark uint8) {
	for i := 1; i < len(clauses); i++ {
		a, b := clauses[i-1], clauses[i]
		if !isBigram(a, b) {
			continue
		}
		ix.phraseMatches([]string{a.Words[0], b.Words[0]}, []int32{0, 1},
			func(d int32) bool { return e.count[d] == mark }, &e.pos,
			func(d int32, s float64) { e.score[d] += float32(bigramWeight * s) })
	}
}

// isBigram reports whether two clauses next to each other are single words.
func isBigram(a, b Clause) bool {
	return !a.Prefix && !b.Prefix && !a.Typed && !b.Typed && !a.Phrase() && !b.Phrase()
}

func hasBigram(clauses []Clause) bool {
	for i := 1; i < len(clauses); i++ {
		if isBigram(clauses[i-1], clauses[i]) {
			return true
		}
	}
	return false
}

// phraseMatches calls found with the phrase score of every term that
// eligible accepts and that holds words at the given offsets from each
// other. The score treats the phrase as one word, whose idf is the sum of
// its words'. It returns false
// when a word is not in the index at all.
func (ix *Index) phraseMatches(words []string, offsets []int32, eligible func(int32) bool, scratch *[][]int32, found func(int32, float64)) bool {
	ids := make([]int32, len(words))
	var idf float64
	for i, w := range words {
		ids[i] = ix.lookup(w)
		if ids[i] < 0 {
			return false
		}
		idf += ix.idf(ids[i])
	}
	curs := make([]cursor, len(ids))
	lead := 0
	for i, w := range ids {
		curs[i] = ix.cursor(w)
		if ix.df(w) < ix.df(ids[lead]) {
			lead = i
		}
	}
	if len(*scratch) < len(ids) {
		*scratch = make([][]int32, len(ids))
	}
	pos := (*scratch)[:len(ids)]
	var counts [numFields]float64
	for c := &curs[lead]; !c.done(); c.next() {
		d := c.doc()
		if !eligible(d) {
			continue
		}
		all := true
		for i := range curs {
			curs[i].seek(d)
			if curs[i].done() || curs[i].doc() != d {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		for i := range curs {
			pos[i] = curs[i].positions(pos[i][:0])
		}
		counts = [numFields]float64{}
		n := 0
		for _, p := range pos[0] {
			if phraseAt(pos, offsets, p) {
				counts[ix.fieldAt(d, p)]++
				n++
			}
		}
		if n == 0 {
			continue
		}
		found(d, idf*ix.saturated(d, func(f TextField) float64 { return counts[f] }))
	}
	return true
}

// phraseAt reports whether every word i stands at p+offsets[i].
func phraseAt(pos [][]int32, offsets []int32, p int32) bool {
	for i := 1; i < len(pos); i++ {
		if _, ok := slices.BinarySearch(pos[i], p+offsets[i]); !ok {
			return false
		}
	}
	return true
}

// scoredDoc is a candidate for the results.
type scoredDoc struct {
	doc   int32
	score float64
}

// better orders results: higher score first, then display order.
func better(a, b scoredDoc) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.doc < b.doc
}

// hitHeap keeps the best limit candidates seen (all of them when limit is
// 0), the worst on top.
type hitHeap struct {
	limit int
	docs  []scoredDoc
	seen  int
}

func (h *hitHeap) Len() int           { return len(h.docs) }
func (h *hitHeap) Less(i, j int) bool { return better(h.docs[j], h.docs[i]) }
func (h *hitHeap) Swap(i, j int)      { h.docs[i], h.docs[j] = h.docs[j], h.docs[i] }
func (h *hitHeap) Push(x any)         { h.docs = append(h.docs, x.(scoredDoc)) }
func (h *hitHeap) Pop() any {
	x := h.docs[len(h.docs)-1]
	h.docs = h.docs[:len(h.docs)-1]
	return x
}

func (h *hitHeap) offer(doc int32, score float64) {
	h.seen++
	sd := scoredDoc{doc: doc, score: score}
	switch {
	case h.limit <= 0:
		h.docs = append(h.docs, sd)
	case len(h.docs) < h.limit:
		heap.Push(h, sd)
	case better(sd, h.docs[0]):
		h.docs[0] = sd
		heap.Fix(h, 0)
	}
}

func (h *hitHeap) sorted() []scoredDoc {
	slices.SortFunc(h.docs, func(a, b scoredDoc) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return cmp.Compare(a.doc, b.doc)
	})
	return h.docs
}

// lookupKind is Lookup narrowed to one kind, or nil.
func (g *Graph) lookupKind(name string, k Kind) *Term {
	for _, t := range g.Lookup(name) {
		if t.Kind == k {
			return t
		}
	}
	return nil
}
